"""Building real newsroom copy (tests/data/corpus/): structure and markup survive the build.

The kit's tiny Argos en->zh package copies its input, so every zh_CN target
equals its source and every inline span aligns; the English bulletin is the
source itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from confl10n import BuildReport, build
from confl10n.building.options import BuildOptions
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.options import TranslateOptions
from tests import argos_kit

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
ARTICLES = [
    "press_release_water.md",
    "statistical_release_prices.md",
    "budget_summary_nested.md",
    "science_brief_citations.md",
]


@pytest.fixture(scope="module")
def corpus_build(
    tmp_path_factory: pytest.TempPathFactory, argos_package: Path
) -> tuple[BuildReport, Path]:
    folder = tmp_path_factory.mktemp("corpus-build")
    argos_kit.install_package(argos_package, folder / "packages")
    translation = TranslateOptions(
        settings=(ArgosSettings(models_dir=folder / "packages", threads=1),)
    )
    options = BuildOptions(locales=["zh_CN"], out=folder / "out", translation=translation)
    report = build([CORPUS / name for name in ARTICLES], options=options, cache=False)
    return report, folder / "out"


def output(out: Path, slug: str, locale: str, name: str) -> str:
    return (out / slug / locale / name).read_text(encoding="utf-8")


def test_every_article_builds_including_a_parent_heading_without_body(
    corpus_build: tuple[BuildReport, Path],
) -> None:
    report, out = corpus_build
    assert [(a.slug, a.locales) for a in report.articles] == [
        ("harbour-city-water-cuts-leakage-by-a-fifth", ("en", "zh_CN")),
        ("producer-prices-fell-for-a-third-month-in-january", ("en", "zh_CN")),
        ("riverside-county-budget-2025-what-you-need-to-know", ("en", "zh_CN")),
        ("study-links-rent-rises-to-short-term-lets", ("en", "zh_CN")),
    ]
    bundle: dict[str, Any] = json.loads(output(out, report.articles[2].slug, "en", "bundle.json"))
    sections = {s["id"]: s for s in bundle["sections"]}
    assert sections["s2"]["summary"] == [] and sections["s5"]["summary"] == []
    assert sections["s3"]["summary"]


def test_article_md_keeps_lists_quotes_tables_and_links(
    corpus_build: tuple[BuildReport, Path],
) -> None:
    report, out = corpus_build
    text = output(out, report.articles[0].slug, "en", "article.md")
    assert "\n- Northgate, where 31 km of cast-iron pipe was replaced\n- The Old Docks," in text
    assert "\n1. A $12.5 million loan from the regional development bank.\n2. A one-off" in text
    assert '\n> "Every litre we keep in the pipes' in text
    assert "\n| District | Loss in 2023 | Loss in 2024 |\n| --- | --- | --- |\n" in text
    assert "| Northgate | 14.2 million litres a day | 10.1 million litres a day |" in text
    assert (
        "according to its [annual performance report]"
        "(https://example.org/reports/2024%20annual%20report.pdf)." in text
    )
    assert "\n*Media contact: press office, Harbour City Water.*" in text


def test_translated_article_md_keeps_the_same_shape(corpus_build: tuple[BuildReport, Path]) -> None:
    report, out = corpus_build
    lines = output(out, report.articles[0].slug, "zh_CN", "article.md").splitlines()
    assert [line[:3] for line in lines if line[:2] in ("- ", "1.", "2.", "3.")] == [
        "- N", "- T", "- M", "1. ", "2. ", "3. ",
    ]  # fmt: skip
    assert sum(line.startswith("> ") for line in lines) == 2  # the review notice and the quote
    assert [line for line in lines if line.startswith("|")][:2] == [
        "| District | Loss in 2023 | Loss in 2024 |",
        "| --- | --- | --- |",
    ]
    assert sum("](https://example.org/" in line for line in lines) == 2


@pytest.mark.parametrize(("locale", "page"), [("en", "article.md"), ("zh_CN", "article.md")])
def test_article_md_keeps_heading_levels(
    corpus_build: tuple[BuildReport, Path], locale: str, page: str
) -> None:
    report, out = corpus_build
    lines = output(out, report.articles[2].slug, locale, page).splitlines()
    assert [line.split(" ", 1)[0] for line in lines if line.startswith("#")] == [
        "#", "##", "###", "###", "##", "###", "###", "####", "##",
    ]  # fmt: skip


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_article_md_keeps_code_blocks_verbatim(
    corpus_build: tuple[BuildReport, Path], locale: str
) -> None:
    report, out = corpus_build
    text = output(out, report.articles[3].slug, locale, "article.md")
    assert "\n\n    rentmatch --cities 42 --years 2014-2023\n\n" in text
    page = output(out, report.articles[3].slug, locale, "article.html")
    assert "<pre><code>    rentmatch --cities 42 --years 2014-2023</code></pre>" in page


def test_article_html_keeps_heading_levels(corpus_build: tuple[BuildReport, Path]) -> None:
    report, out = corpus_build
    page = output(out, report.articles[2].slug, "en", "article.html")
    assert [page.count(f"<h{n}>") for n in (2, 3, 4)] == [3, 4, 1]


def test_link_targets_are_no_figures_and_come_back_unchanged(
    corpus_build: tuple[BuildReport, Path],
) -> None:
    report, out = corpus_build
    slug = report.articles[1].slug
    figures = json.loads(output(out, slug, "zh_CN", "bundle.json"))["figures"]
    sources = [f["source"] for f in figures]
    assert "0.4%" in sources
    assert not any("2022" in s or "152406" in s or "2025" in s for s in sources)
    article = output(out, slug, "zh_CN", "article.md")
    assert (
        "(https://stats.example.gov/ppi/tables?file=PPI%20FY%202022%20to%202025.xlsx&ref=P152406)"
        in article
    )
    assert "(https://stats.example.gov/portal?searchTerm=producer%20prices)" in article
    english = output(out, slug, "en", "article.md")
    assert "said on Wednesday.[1](#note-1) Over the year" in english
    html = output(out, slug, "en", "bulletin.html")
    assert '<sup><a href="#note-1">1</a></sup>' in html
