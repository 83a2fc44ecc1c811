"""``confl10n build`` of an HTML page writes each locale's ``article.html`` as that page with its
article translated in place (issue #28); Markdown and Word sources keep the rendered page.

Translations come from the kit's real Argos packages (en->zh and en->ar): they copy their
input, so what changes in a unit is its figures, written in the locale's style.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from confl10n.building.files import article_page
from confl10n.text.reader import read_article
from confl10n.translate.article import translate_article
from confl10n.translate.cache import TranslationCache
from tests import argos_kit
from tests.docx_kit import news_docx
from tests.helpers import kit_build

HEADING = "Why the line was built"
RENDERED_PAGE = '<meta http-equiv="Content-Security-Policy"'  # the bundle's own article page


@pytest.fixture(scope="module")
def kit_models(
    tmp_path_factory: pytest.TempPathFactory, argos_tokenizer: Path, argos_package: Path
) -> Path:
    """A packages folder with the kit's en->zh and en->ar (right to left) packages."""
    root = tmp_path_factory.mktemp("page-models")
    packages = root / "packages"
    argos_kit.install_package(argos_package, packages)
    arabic = argos_kit.write_package(root / "built", argos_tokenizer, to_code="ar")
    argos_kit.install_package(arabic, packages)
    return packages


@pytest.fixture(scope="module")
def page_build(
    tmp_path_factory: pytest.TempPathFactory, kit_models: Path, news_page_path: Path
) -> dict[str, Path]:
    """The CMS news page, its article as Markdown and as a Word file (same title: one build
    each), built to zh_CN and ar_EG: each source's name -> its article folder (read-only)."""
    folder = tmp_path_factory.mktemp("page-build")
    markdown = folder / "story.md"
    markdown.write_text(news_page_path.with_suffix(".md").read_text("utf-8"), "utf-8")
    folders = {}
    for path in (news_page_path, markdown, news_docx(folder / "story.docx")):
        report = kit_build(folder, [path], models_dir=kit_models, out=path.suffix[1:],
                           locales=("zh_CN", "ar_EG"))  # fmt: skip
        folders[path.name] = report.articles[0].path
    return folders


def written(folders: dict[str, Path], source: str, locale: str, name: str) -> str:
    return (folders[source] / locale / name).read_text("utf-8")


def plain(page: str) -> str:
    """A page's text without tags (a sentence's inline tags and all), its white space collapsed."""
    return html.unescape(" ".join(re.sub(r"<[^>]*>", "", page).split()))


@pytest.mark.parametrize(("locale", "root"), [("zh_CN", '<html lang="zh-CN" dir="ltr">'),
                                               ("ar_EG", '<html lang="ar-EG" dir="rtl">')])  # fmt: skip
def test_an_html_page_comes_back_as_itself_with_its_article_translated(
    page_build: dict[str, Path], news_page_path: Path, locale: str, root: str
) -> None:
    source = news_page_path.read_text("utf-8")
    page = written(page_build, "news_page.html", locale, "article.html")
    assert page.startswith(f"<!DOCTYPE html>\n{root}\n")
    assert page.count("<html") == 1 and RENDERED_PAGE not in page
    # Outside the article's units the page is the source page, byte for byte: head (its title
    # and og:title are translated, and the kit copies them), nav, ads, share buttons, related
    # links, comments, footer.
    head = source[source.index("<head>") : source.index("<p>The city opened")]
    tail = source[source.index('<div class="ad ad-inline">') :]
    assert head in page and page.endswith(tail)
    for link in ('href="https://example.org/transport-report"', 'href="/news/ferry-fares"',
                 'href="mailto:?subject=tram"', '<img src="/img/tram.jpg"'):  # fmt: skip
        assert link in page
    # Each unit reads as in the bundle (the kit copies; figures are the locale's).
    units: list[dict[str, Any]] = json.loads(
        written(page_build, "news_page.html", locale, "bundle.json")
    )["units"]
    text = plain(page)
    assert [u["target"] for u in units if u["target"] not in text] == []
    assert "$1.2 billion" not in page and "45,000 passengers" not in page
    assert sum(unit["target"] != unit["source"] for unit in units) >= 8


def test_the_source_language_gets_the_page_as_written(
    page_build: dict[str, Path], news_page_path: Path
) -> None:
    page = written(page_build, "news_page.html", "en", "article.html")
    source = news_page_path.read_text("utf-8")
    assert page == source.replace('<html lang="en">', '<html lang="en" dir="ltr">', 1)


@pytest.mark.parametrize("source", ["story.md", "story.docx"])
def test_markdown_and_word_sources_keep_the_rendered_page(
    page_build: dict[str, Path], source: str
) -> None:
    for locale, root in (("zh_CN", 'lang="zh-CN" dir="ltr"'), ("ar_EG", 'lang="ar-EG" dir="rtl"')):
        page = written(page_build, source, locale, "article.html")
        assert RENDERED_PAGE in page and f"<html {root}>" in page
        assert "12公里" in page if locale == "zh_CN" else "١٢ كيلومترًا" in page


def test_an_approved_translation_is_in_the_page_as_in_article_md(
    tmp_path: Path, kit_models: Path, news_page_path: Path
) -> None:
    cache = tmp_path / "cache.sqlite3"
    with TranslationCache(cache) as store:  # as import-xliff stores a reviewer's heading
        store.put_approved("en", "zh", HEADING, "为什么修建这条线路", origin="test")
    report = kit_build(tmp_path, [news_page_path], models_dir=kit_models, cache=cache)
    folder = report.articles[0].path / "zh_CN"
    page = (folder / "article.html").read_text("utf-8")
    assert "<h2>为什么修建这条线路</h2>" in page and HEADING not in page
    assert "## 为什么修建这条线路" in (folder / "article.md").read_text("utf-8")


def test_a_unit_translated_to_nothing_stays_as_written(
    news_page_path: Path, argos_engine: Any
) -> None:
    article = read_article(news_page_path)
    done = translate_article(article, to="zh", engine=argos_engine, cache=False)
    emptied = tuple(replace(u, target="") if u.source == HEADING else u for u in done.units)
    page = article_page(article, replace(done, units=emptied), "zh_CN")
    assert f"<h2>{HEADING}</h2>" in page and "12公里" in page


def test_the_heads_title_and_descriptions_are_translated_by_translate_and_build(
    tmp_path: Path, aligned_packages: Path, news_page_path: Path
) -> None:
    """With the kit's en->fr model, which writes "new" for "great": the head's texts come back
    translated (figures in the locale's style), in ``translate --output`` and in the build."""
    from tests.helpers import invoke

    source = (
        news_page_path.read_text("utf-8")
        .replace(
            '<meta property="og:title" content="Harbour city opens new tram line">',
            '<meta property="og:title" content="Harbour city opens great 12-kilometre tram line">'
            '<meta name="description" content="The great line cost $1.2 billion.">'
            '<meta property="og:description" content="A great day.">'
            '<meta property="og:image" content="https://example.org/great.jpg">',
        )
        .replace("<title>Harbour city opens new", "<title>Harbour city opens great")
    )
    page, out = tmp_path / "page.html", tmp_path / "out.html"
    page.write_text(source, "utf-8")
    code, _, err = invoke("translate", page, "--to", "fr", "--models-dir", aligned_packages,
                          "--threads", "1", "--no-cache", "--output", out)  # fmt: skip
    assert code == 0, err
    report = kit_build(tmp_path, [page], models_dir=aligned_packages, locales=("fr_FR",))
    built = (report.articles[0].path / "fr_FR" / "article.html").read_text("utf-8")
    for translated in (out.read_text("utf-8"), built):
        head = translated[: translated.index("</head>")]
        assert "<title>Harbour city opens new tram line | The Daily Ledger</title>" in head
        assert 'content="Harbour city opens new 12\u00a0kilomètres tram line"' in head
        assert (
            '<meta name="description" content="The new line cost 1,2 milliard de dollars.">' in head
        )
        assert 'content="A new day."' in head and 'content="https://example.org/great.jpg"' in head
