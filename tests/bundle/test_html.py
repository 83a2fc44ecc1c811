"""bulletin.html as text: self-contained, escaped, language and direction set.

How it renders in a browser is tested in test_bulletin_html.py.
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from confl10n.bundle.html import render_html
from confl10n.localize.labels import load_labels
from tests.bulletin_samples import make_bulletin

VOID = {"meta", "br", "img", "hr", "link", "input"}


class _Balance(HTMLParser):
    """Records tags that are closed out of order or never closed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def _page(locale: str) -> str:
    return render_html(make_bulletin(locale), load_labels(locale))


def test_arabic_page_is_right_to_left_with_its_language() -> None:
    assert '<html lang="ar-EG" dir="rtl">' in _page("ar_EG")
    assert '<html lang="zh-CN" dir="ltr">' in _page("zh_CN")


def test_page_is_self_contained() -> None:
    page = _page("zh_CN")
    assert "default-src 'none'" in page
    assert not re.search(
        r"<script|<link|<img|<iframe|\bsrc=|url\(|@import|@font-face",
        page.replace("&lt;script&gt;", ""),
    )
    assert "http://" not in page and "https://" not in page.replace("https://example.invalid/", "")


def test_page_is_printable_responsive_and_cjk_ready() -> None:
    page = _page("zh_CN")
    assert "@media print" in page and "@page" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '"Noto Sans CJK SC"' in page and '"Noto Naskh Arabic"' in page


def test_article_text_is_escaped_and_tags_balance() -> None:
    bulletin = make_bulletin("zh_CN")
    lede = bulletin.sections[0].paragraphs[0]
    page = render_html(dataclasses.replace(bulletin, lede=lede), load_labels("zh_CN"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “范式转变”" in page
    checker = _Balance()
    checker.feed(page)
    assert (checker.errors, checker.stack) == ([], [])


def test_labels_date_and_notice() -> None:
    page = _page("zh_CN")
    assert '<time datetime="2024-12-19">发布于：2024年12月19日</time>' in page
    assert '<p class="notice" role="note">机器翻译——待审校</p>' in page
    assert "<h2>摘要</h2>" in page and "<h2>关键数据</h2>" in page
    assert '<th scope="col">数值</th><th scope="col">原文</th><th scope="col">章节</th>' in page


def test_untranslated_unit_is_marked_english() -> None:
    assert 'data-unit="s3.p1.t2"' not in _page("ar_EG")  # not in the summary
    bulletin = make_bulletin("ar_EG")
    section = dataclasses.replace(bulletin.sections[2], summary=bulletin.sections[2].paragraphs[0])
    page = render_html(dataclasses.replace(bulletin, sections=(section,)), load_labels("ar_EG"))
    assert '<span lang="en" dir="ltr" data-unit="s3.p1.t2">*Monthly* rent ranges' in page


def test_english_page_without_date_or_review_notice() -> None:
    page = render_html(dataclasses.replace(make_bulletin("en"), published=None), load_labels("en"))
    assert "<time" not in page and 'class="notice"' not in page
    assert "<h2>Summary</h2>" in page and "<h3>Introduction</h3>" in page


def _with_lede(source: str, target: str, locale: str = "es_ES") -> str:
    from confl10n.text.reader import parse_text

    (sentence,) = parse_text(f"# T\n\n{source}\n").sentences
    bulletin = make_bulletin(locale)
    unit = dataclasses.replace(
        bulletin.lede[0], source=sentence.text, target=target, spans=sentence.spans
    )
    return render_html(dataclasses.replace(bulletin, lede=(unit,)), load_labels(locale))


def test_links_code_and_emphasis_come_back_where_they_align() -> None:
    page = _with_lede(
        "Read the **ONS** [report](https://x.org/r?a=1&b=%202022) on `ppi_v2`.",
        "Lea el informe de la ONS sobre ppi_v2.",
    )
    lede = re.search(r'<p class="lede">(.*)</p>', page).group(1)  # type: ignore[union-attr]
    assert "<strong>ONS</strong>" in lede
    assert "<code>ppi_v2</code>" in lede
    # The link's words are not in the translation: it wraps the whole sentence (#28).
    assert lede.startswith(
        '<span data-unit="s1.p1.t1"><a href="https://x.org/r?a=1&amp;b=%202022">'
    )
    assert lede.endswith("</a>.</span>")


def test_only_web_mail_and_page_links_become_links() -> None:
    page = _with_lede("See [this](ftp://x.org/f) and [that](#notes).", "See this and that.")
    assert "ftp:" not in page and "See this and" in page
    assert '<a href="#notes">that</a>' in page


def _aligned_lede(shown: str) -> str:
    """The lede of one unit, "The great house is [great](…).", aligned as translated "The new
    house is new." (its second "new" with the link's word) and shown as ``shown``."""
    from confl10n.bundle.bulletin import Alignment
    from confl10n.text.inline import AlignedWord
    from confl10n.text.reader import parse_text

    (sentence,) = parse_text("# T\n\nThe great house is [great](https://x.org/).\n").sentences
    target, words = "The new house is new.", (AlignedWord((17, 20), (19, 24)),)
    bulletin = make_bulletin("fr_FR")
    unit = dataclasses.replace(
        bulletin.lede[0], source=sentence.text, target=shown, spans=sentence.spans,
        span_words=(("great", "new"),), alignment=Alignment(sentence.text, target, words),
    )  # fmt: skip
    page = render_html(dataclasses.replace(bulletin, lede=(unit,)), load_labels("fr_FR"))
    return re.search(r'<p class="lede">(.*)</p>', page).group(1)  # type: ignore[union-attr]


def test_a_link_goes_where_the_units_alignment_puts_its_words() -> None:
    lede = _aligned_lede("The new house is new.")
    assert lede.endswith('>The new house is <a href="https://x.org/">new</a>.</span>')


def test_a_unit_shown_otherwise_than_aligned_is_placed_by_its_words() -> None:
    lede = _aligned_lede("The new house is new, indeed.")  # e.g. a reviewer's edit
    assert lede.endswith('>The <a href="https://x.org/">new</a> house is new, indeed.</span>')
