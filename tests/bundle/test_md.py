"""article.md and bulletin.md: layout, labels, and Markdown escaping."""

from __future__ import annotations

import dataclasses

import pytest

from confl10n.bundle.md import escape, render_article, render_bulletin
from confl10n.localize.labels import load_labels
from tests.bulletin_samples import make_bulletin


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*Monthly* rent", "\\*Monthly\\* rent"),
        ("<script> & [link](x)", "\\<script\\> \\& \\[link\\](x)"),
        ("1. Not a list", "1\\. Not a list"),
        ("1.92 square kilometers", "1.92 square kilometers"),
        ("# not a heading", "\\# not a heading"),
        ("---", "\\---"),
        ("-5% drop", "-5% drop"),
        ("a | b", "a \\| b"),
        ("two\nlines ", "two lines"),
        ("1\u202f926\u00a0€", "1\u202f926\u00a0€"),
        ("bell\x07", "bell"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_bulletin_in_chinese() -> None:
    text = render_bulletin(make_bulletin("zh_CN"), load_labels("zh_CN"))
    assert text.startswith(
        "# 全国报业同行齐聚上海观察“AI+媒体”\n\n*发布于：2024年12月19日*\n\n> 机器翻译——待审校\n"
    )
    assert (
        "\n## 摘要\n\n### 导语\n\n12月19日，2024中国报业人工智能应用大会在上海开幕。目前，" in text
    )
    assert "\n### 发展新质生产力\n" in text
    assert (
        "\n## 关键数据\n\n| 数值 | 原文 | 章节 |\n| --- | --- | --- |\n| 3800亿元 | 380 billion yuan | 发展新质生产力 |\n"
        in text
    )
    assert text.endswith("\n[全文](article.md)\n")


def test_english_bulletin_has_no_review_notice() -> None:
    text = render_bulletin(make_bulletin("en"), load_labels("en"))
    assert "needs review" not in text
    assert "## Summary\n\n### Introduction\n" in text
    assert "| 1,926 | 1,926 | A City for the People |" in text


def test_article_has_every_paragraph_escaped() -> None:
    text = render_article(make_bulletin("zh_CN"), load_labels("zh_CN"))
    assert "代表们讨论了人工智能 \\<script\\>alert(1)\\</script\\> \\& “范式转变”。" in text
    assert (
        "## 人民城市\n\n截至2023年底，上海已有1926个社区助餐点。\\*每月\\*租金在500至1000元之间。\n"
        in text
    )
    assert text.count("\n## ") == 2  # the intro has no heading
    assert "\x0b" not in text


def test_untranslated_unit_shows_the_source() -> None:
    text = render_article(make_bulletin("ar_EG"), load_labels("ar_EG"))
    assert "\\*Monthly\\* rent ranges from 500 to 1,000 yuan." in text


def test_bulletin_without_sections_figures_or_date() -> None:
    bare = dataclasses.replace(
        make_bulletin("fr_FR"), sections=(), figures=(), lede=(), published=None
    )
    text = render_bulletin(bare, load_labels("fr_FR"))
    assert (
        text
        == f"# {escape(bare.title.text)}\n\n> Traduction automatique – à relire\n\n[Article complet](article.md)\n"
    )


def test_article_puts_links_code_and_emphasis_back_with_their_spaces() -> None:
    from confl10n.bundle.md import render_article as article_md
    from confl10n.text.reader import parse_text

    source = parse_text(
        "# T\n\nSee [the *new* report](https://x.org/a_b) and `a*b` now. **Rates** rose 4%[1](#n1).\n"
    )
    units = {u.id: u for u in source.units()}
    bulletin = make_bulletin("en")
    first, second = (units["s1.p1.t1"], units["s1.p1.t2"])
    paragraph = tuple(
        dataclasses.replace(
            bulletin.sections[0].paragraphs[0][0],
            id=u.id,
            source=u.text,
            target=u.text,
            spans=u.spans,
        )
        for u in (first, second)
    )
    section = dataclasses.replace(bulletin.sections[0], paragraphs=(paragraph,), layouts=())
    text = article_md(dataclasses.replace(bulletin, sections=(section,)), load_labels("en"))
    assert (
        "\nSee [the *new* report](https://x.org/a_b) and `a*b` now. **Rates** rose 4%[1](#n1).\n"
        in text
    )


def _aligned_article(target: str) -> str:
    """article.md of one unit, "The great house is [great](…).", translated ``target`` ("The
    new house is new." and maybe more) and aligned so: its second "new" with the link's word."""
    from confl10n.bundle.bulletin import Alignment
    from confl10n.text.inline import AlignedWord
    from confl10n.text.reader import parse_text

    (sentence,) = parse_text("# T\n\nThe great house is [great](https://x.org/).\n").sentences
    words = (AlignedWord((17, 20), (19, 24)),)
    bulletin = make_bulletin("fr_FR")
    unit = dataclasses.replace(
        bulletin.sections[0].paragraphs[0][0], source=sentence.text, spans=sentence.spans,
        target=target, span_words=(("great", "new"),),
        alignment=Alignment(sentence.text, target, words),
    )  # fmt: skip
    section = dataclasses.replace(bulletin.sections[0], paragraphs=((unit,),), layouts=())
    return render_article(dataclasses.replace(bulletin, sections=(section,)), load_labels("fr_FR"))


def test_article_puts_a_link_where_the_units_alignment_puts_its_words() -> None:
    text = _aligned_article("The new house is new.")
    assert "\nThe new house is [new](https://x.org/).\n" in text


def test_an_alignment_of_another_text_is_not_used() -> None:
    # Shown without the control character the alignment counted: by the words only.
    text = _aligned_article("The new house is new.\x00")
    assert "\nThe [new](https://x.org/) house is new.\n" in text
