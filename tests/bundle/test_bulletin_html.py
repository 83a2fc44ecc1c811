"""bulletin.html in a real browser: not blank, no horizontal overflow, RTL for Arabic.

Screenshots (390 px and 1280 px wide) are kept under the test's tmp folder and
copied to ``$CONFL10N_ARTIFACTS`` when that is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from confl10n.bundle import write_article_bundle
from tests.bulletin_samples import make_bulletin
from tests.chromium_cdp import Chromium, ink_fraction

LOCALES = ("zh_CN", "ar_EG", "en")
WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def browser(
    chromium_executable: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Chromium]:
    chromium = Chromium(chromium_executable, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("output")
    return write_article_bundle(out, "sample", {loc: make_bulletin(loc) for loc in LOCALES}).path


@pytest.fixture(scope="module")
def pages(
    browser: Chromium, bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, int], tuple[dict[str, Any], Path]]:
    """Every locale at every width: the page facts and its screenshot."""
    artifacts = tmp_path_factory.mktemp("screenshots")
    results = {}
    for locale in LOCALES:
        url = (bundle_dir / locale / "bulletin.html").as_uri()
        for width in WIDTHS:
            shot = artifacts / f"bulletin-{locale}-{width}.png"
            results[locale, width] = browser.inspect(url, width, shot), shot
    _keep_artifacts(artifacts)
    return results


def _keep_artifacts(folder: Path) -> None:
    target = os.environ.get("CONFL10N_ARTIFACTS")
    if target:
        shutil.copytree(folder, Path(target) / "bulletin-html", dirs_exist_ok=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", LOCALES)
def test_page_renders_text(pages: dict[tuple[str, int], Any], locale: str, width: int) -> None:
    facts, shot = pages[locale, width]
    assert facts["textLength"] > 200
    assert ink_fraction(shot.read_bytes()) > 0.01  # a blank page is 0.0


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", LOCALES)
def test_no_horizontal_overflow(pages: dict[tuple[str, int], Any], locale: str, width: int) -> None:
    facts, _ = pages[locale, width]
    assert facts["innerWidth"] == width
    assert facts["scrollWidth"] <= width
    assert facts["outside"] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_direction_and_language(pages: dict[tuple[str, int], Any], locale: str) -> None:
    facts, _ = pages[locale, 390]
    expected = "rtl" if locale == "ar_EG" else "ltr"
    assert (facts["direction"], facts["headingDirection"]) == (expected, expected)
    assert facts["lang"] == locale.replace("_", "-")


def test_page_loads_nothing_from_outside(pages: dict[tuple[str, int], Any]) -> None:
    assert all(facts["resources"] == 0 for facts, _ in pages.values())


def test_blank_page_is_detected(browser: Chromium, tmp_path: Path) -> None:
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body><h1></h1></body></html>", encoding="utf-8")
    browser.inspect(blank.as_uri(), 390, tmp_path / "blank.png")
    assert ink_fraction((tmp_path / "blank.png").read_bytes()) == 0.0


def test_overflow_is_detected(browser: Chromium, tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    viewport = '<meta name="viewport" content="width=device-width">'
    page.write_text(
        f'<!DOCTYPE html><html><head>{viewport}</head><body><h1 style="width:900px">wide</h1>',
        encoding="utf-8",
    )
    facts = browser.inspect(page.as_uri(), 390, tmp_path / "wide.png")
    assert facts["scrollWidth"] > 390
    assert facts["outside"] == ["H1."]


# --- bold CJK really is bold; the article page (issue 14) --------------------------------

HAN = "上海人工智能产业规模超过三千八百亿元媒体行业积极探索" * 4


def _text_page(bundle_dir: Path, folder: Path, name: str, paragraph: str) -> str:
    """A page with the real zh_CN bulletin's stylesheet and one paragraph."""
    html = (bundle_dir / "zh_CN" / "bulletin.html").read_text(encoding="utf-8")
    head = html.split("<body>", 1)[0]
    page = folder / f"{name}.html"
    page.write_text(f"{head}<body><main>{paragraph}</main></body></html>", encoding="utf-8")
    return page.as_uri()


def _ink(browser: Chromium, url: str, shot: Path) -> float:
    browser.inspect(url, 390, shot)
    return ink_fraction(shot.read_bytes())


def test_a_bold_chinese_lede_is_really_bolder(
    browser: Chromium, bundle_dir: Path, tmp_path: Path
) -> None:
    """WenQuanYi Micro Hei has one weight: the lede's bold must be synthesized for Han too."""
    lede = _text_page(bundle_dir, tmp_path, "lede", f'<p class="lede">{HAN}</p>')
    plain = _text_page(bundle_dir, tmp_path, "plain", f'<p style="font-size:1.15rem">{HAN}</p>')
    demi = _text_page(  # what the page used before: 600 is not bold enough to synthesize
        bundle_dir, tmp_path, "demi", f'<p class="lede" style="font-weight:600">{HAN}</p>'
    )
    bold, regular = (
        _ink(browser, lede, tmp_path / "lede.png"),
        _ink(browser, plain, tmp_path / "p.png"),
    )
    semi = _ink(browser, demi, tmp_path / "demi.png")
    _keep_artifacts(tmp_path)
    assert regular > 0.01 and bold > 1.2 * regular
    assert semi <= bold


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", LOCALES)
def test_the_article_page_renders_without_overflow(
    browser: Chromium, bundle_dir: Path, tmp_path: Path, locale: str, width: int
) -> None:
    shot = tmp_path / f"article-{locale}-{width}.png"
    facts = browser.inspect((bundle_dir / locale / "article.html").as_uri(), width, shot)
    _keep_artifacts(tmp_path)
    assert facts["scrollWidth"] <= width and facts["outside"] == []
    assert facts["lang"] == locale.replace("_", "-") and ink_fraction(shot.read_bytes()) > 0.01
    bulletin = (bundle_dir / locale / "bulletin.html").read_text(encoding="utf-8")
    assert '<a href="article.html">' in bulletin
