"""Renderers: text with IDs, Markdown with structure, JSON with provenance."""

from __future__ import annotations

import json
from dataclasses import replace

from confl10n.figures.qa import Finding
from confl10n.text.reader import parse_text
from confl10n.translate.engine import EngineIdentity
from confl10n.translate.render import render_json, render_markdown, render_text
from confl10n.translate.results import ArticleTranslation, Provenance, UnitTranslation

ARTICLE = """# Title here

First sentence. Second sentence.

## A heading

- A list item.

> A quote.
"""

ZH = {
    "title": "标题",
    "s1.p1.t1": "第一句。",
    "s1.p1.t2": "第二句。",
    "s2.h": "小标题",
    "s2.p1.t1": "列表项。",
    "s2.p2.t1": "引语。",
}


def _zh() -> ArticleTranslation:
    article = parse_text(ARTICLE)
    units = tuple(
        UnitTranslation(u.id, u.text, ZH[u.id], "engine", ("degenerate",) if u.id == "s2.h" else ())
        for u in article.units()
    )
    identity = EngineIdentity("argos", "translate-en_zh-1_9", "1.9", "ab" * 32)
    provenance = Provenance(("en", "zh"), (identity,), (("beam_size", "4"),), (("en->zh", 0.25),))
    return ArticleTranslation(article, "en", "zh", units, provenance)


def test_text_shows_ids_structure_and_flags() -> None:
    assert render_text([_zh()]).splitlines() == [
        "title  标题",
        "s1  (untitled)",
        "  s1.p1",
        "    s1.p1.t1  第一句。",
        "    s1.p1.t2  第二句。",
        "s2.h  小标题 [degenerate]",
        "  s2.p1",
        "    s2.p1.t1  列表项。",
        "  s2.p2",
        "    s2.p2.t1  引语。",
    ]


def test_markdown_joins_chinese_sentences_without_spaces() -> None:
    assert (
        render_markdown([_zh()])
        == "# 标题\n\n第一句。第二句。\n\n## 小标题\n\n- 列表项。\n\n> 引语。\n"
    )


def test_json_nests_sections_paragraphs_and_sentences() -> None:
    (result,) = json.loads(render_json([_zh()]))["translations"]
    assert result["title"]["target"] == "标题"
    assert result["sections"][1]["heading"]["flags"] == ["degenerate"]
    assert [p["kind"] for p in result["sections"][1]["paragraphs"]] == ["list_item", "quote"]
    assert result["provenance"] == {
        "path": ["en", "zh"],
        "pivot": None,
        "engines": [
            {
                "engine": "argos",
                "model": "translate-en_zh-1_9",
                "version": "1.9",
                "checksum": "ab" * 32,
            }
        ],
        "options": {"beam_size": "4"},
        "seconds": {"en->zh": 0.25},
        "second_pass": 0,
    }


def test_json_has_the_numeric_qa_report() -> None:
    finding = Finding("missing", "10.2%", 4, 9, "第一句。", "10.2%", "s1.p1.t1", "missing: '10.2%'")
    translated = replace(_zh(), findings=(finding,), locale="zh_CN")
    (result,) = json.loads(render_json([translated]))["translations"]
    assert result["qa"] == {
        "locale": "zh_CN",
        "findings": [
            {"problem": "missing", "source": "10.2%", "start": 4, "end": 9, "target": "第一句。",
             "expected": "10.2%", "sentence_id": "s1.p1.t1", "message": "missing: '10.2%'"}
        ],
    }  # fmt: skip
    assert json.loads(render_json([_zh()]))["translations"][0]["qa"] == {
        "locale": None,
        "findings": [],
    }


def test_several_translations_get_a_header_each() -> None:
    text = render_text([_zh(), _zh()])
    assert text.count("== zh (en->zh) ==") == 2


def test_translations_into_one_language_are_headed_by_their_locales() -> None:
    text = render_text([replace(_zh(), locale="zh_CN"), replace(_zh(), locale="zh_SG")])
    assert "== zh_CN (en->zh) ==" in text and "== zh_SG (en->zh) ==" in text


MARKED = """# Rents in [Harbour City](https://x.org/hc)

1. First **step** done.
2. Second _step_ with `rentmatch --all`.
   - A nested point.

- Rates rose 4%[1](#n1).

> Quoted from [the report](https://x.org/r?id=P152406&searchTerm=a%202022).

| Name | Value |
|---|---|
| Rate | 4.1% |
| Note | — |
"""

ES = {
    "title": "Alquileres en Harbour City",
    "s1.p1.t1": "Primer paso hecho.",
    "s1.p2.t1": "Segundo paso con rentmatch --all.",
    "s1.p3.t1": "Un punto anidado.",
    "s1.p4.t1": "Las tasas subieron un 4 %.",
    "s1.p5.t1": "Citado del informe.",
    "s1.p6.t1": "Nombre",
    "s1.p7.t1": "Valor",
    "s1.p8.t1": "Tasa",
    "s1.p9.t1": "4,1 %",
    "s1.p10.t1": "Nota",
}


def _translated(text: str, targets: dict[str, str], language: str) -> ArticleTranslation:
    article = parse_text(text)
    units = tuple(UnitTranslation(u.id, u.text, targets[u.id], "engine") for u in article.units())
    provenance = Provenance(("en", language), (), (), ())
    return ArticleTranslation(article, "en", language, units, provenance)


def test_markdown_keeps_markers_tables_and_links() -> None:
    assert render_markdown([_translated(MARKED, ES, "es")]) == (
        "# Alquileres en [Harbour City](https://x.org/hc)\n\n"
        "1. Primer paso hecho.\n"
        "2. Segundo paso con `rentmatch --all`.\n"
        "   - Un punto anidado.\n"
        "- Las tasas subieron un 4 %[1](#n1).\n\n"
        "> [Citado del informe](https://x.org/r?id=P152406&searchTerm=a%202022).\n\n"
        "| Nombre | Valor |\n| --- | --- |\n| Tasa | 4,1 % |\n| Nota | — |\n"
    )


def test_markdown_of_the_source_reads_back_as_the_source() -> None:
    same = {u.id: u.text for u in parse_text(MARKED).units()}
    rendered = render_markdown([_translated(MARKED, same, "en")])
    assert "1. First **step** done.\n2. Second *step* with `rentmatch --all`." in rendered
    assert "> Quoted from [the report](https://x.org/r?id=P152406&searchTerm=a%202022)." in rendered
    again = parse_text(rendered)
    assert [(s.text, s.spans) for s in again.units()] == [
        (s.text, s.spans) for s in parse_text(MARKED).units()
    ]


def test_links_align_inside_chinese_but_not_inside_latin_words() -> None:
    text = "# T\n\nThe [ONS](https://ons.example) said so. An [art](https://a.example) show.\n"
    targets = {"title": "T", "s1.p1.t1": "ONS说了。", "s1.p1.t2": "Une exposition d’artistes."}
    rendered = render_markdown([_translated(text, targets, "zh")])
    assert "[ONS](https://ons.example)说了。" in rendered
    # "art" is not a word of the translation: the link wraps its whole sentence (#28).
    assert "[Une exposition d’artistes](https://a.example)." in rendered


VERBATIM_BLOCKS = """# Install

Run it like this.

```sh
rentmatch --cities 42 --years 2014-2023
```

    indented 3.5% code

<!-- editor: check the 2023 figure -->

<div class="box">Raw 42</div>

> ```
> quoted 1.5
> ```

Then read the output.
"""


def test_markdown_writes_code_and_html_blocks_back_verbatim() -> None:
    same = {u.id: u.text.upper() for u in parse_text(VERBATIM_BLOCKS).units()}
    rendered = render_markdown([_translated(VERBATIM_BLOCKS, same, "es")])
    assert rendered.split("\n\n")[2:7] == [
        "```sh\nrentmatch --cities 42 --years 2014-2023\n```",
        "    indented 3.5% code",
        "<!-- editor: check the 2023 figure -->",
        '<div class="box">Raw 42</div>',
        "> ```\n> quoted 1.5\n> ```",
    ]
    assert "RUN IT LIKE THIS." in rendered and "THEN READ THE OUTPUT." in rendered
    assert [u.id for u in parse_text(VERBATIM_BLOCKS).units()] == ["title", "s1.p1.t1", "s1.p2.t1"]
