"""confl10n.build (confl10n/building/build.py, with plan.py) on the sample article.

Translations come from real engines: the kit's tiny Argos en->zh package (it
copies its input, so a unit's target equals its source) and, where installed,
Apertium's en->es pair. Every file goes under ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from confl10n import BuildOptions, BuildReport, TranslateOptions, build
from confl10n.bundle.jsonout import bundle_schema
from confl10n.localize.formatting import format_quantity
from confl10n.quantities.find import article_quantities
from confl10n.summarize import SummaryOptions, summarize_sections
from confl10n.text.reader import read_article
from confl10n.translate.argos.settings import ArgosSettings
from tests import argos_kit
from tests.helpers import SLUG, kit_build


def bundle(tmp_path: Path, locale: str, slug: str = SLUG) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (tmp_path / "out" / slug / locale / "bundle.json").read_text()
    )
    return data


@pytest.fixture(scope="module")
def sample_build(
    tmp_path_factory: pytest.TempPathFactory, sample_path: Path, argos_package: Path
) -> tuple[BuildReport, Path]:
    """The sample built once to en and zh_CN (read-only for the tests that share it)."""
    folder = tmp_path_factory.mktemp("sample-build")
    packages = folder / "packages"
    argos_kit.install_package(argos_package, packages)
    return kit_build(folder, [sample_path], models_dir=packages), folder


def test_sample_builds_english_and_the_kit_locale(sample_build: tuple[BuildReport, Path]) -> None:
    report, tmp_path = sample_build
    (article,) = report.articles
    assert (article.slug, article.locales, article.skipped) == (SLUG, ("en", "zh_CN"), ())
    assert article.path == tmp_path / "out" / SLUG
    names = {p.relative_to(article.path).as_posix() for p in article.path.rglob("*")}
    assert {"en/bulletin.html", "en/bundle.json", "zh_CN/article.xlf", "zh_CN/bulletin.md"} < names
    assert "en/article.xlf" not in names
    assert {step for step, _ in article.timings} >= {"summarize", "translate zh_CN", "write"}


def test_every_bundle_validates_against_the_shipped_schema(
    sample_build: tuple[BuildReport, Path],
) -> None:
    _, tmp_path = sample_build
    for locale in ("en", "zh_CN"):
        jsonschema.validate(bundle(tmp_path, locale), bundle_schema())


def test_units_carry_translations_by_id_with_their_state(
    sample_build: tuple[BuildReport, Path], sample_path: Path
) -> None:
    _, tmp_path = sample_build
    ids = [unit.id for unit in read_article(sample_path).units()]
    for locale, state in (("en", "source"), ("zh_CN", "mt")):
        units = bundle(tmp_path, locale)["units"]
        assert [u["id"] for u in units] == ids
        assert {u["state"] for u in units} == {state}
        # The kit model copies; in zh_CN the 12 units with figures get them in Chinese style
        # (12 since issue 13: "the 19th" is masked too and comes back as 19日).
        copied = [u for u in units if u["target"] == u["source"]]
        assert len(copied) == len(units) - (12 if locale == "zh_CN" else 0)


def test_summaries_reuse_the_source_summary_ids_in_every_locale(
    sample_build: tuple[BuildReport, Path], sample_path: Path
) -> None:
    _, tmp_path = sample_build
    summary = summarize_sections(read_article(sample_path))
    expected = [[s.id for s in section.sentences] for section in summary.sections]
    for locale in ("en", "zh_CN"):
        data = bundle(tmp_path, locale)
        assert [section["summary"] for section in data["sections"]] == expected
        assert data["lede"] == [s.id for s in summary.lede]


def test_figures_and_date_are_written_in_each_locales_style(
    sample_build: tuple[BuildReport, Path], sample_path: Path
) -> None:
    _, tmp_path = sample_build
    money = next(q for q in article_quantities(read_article(sample_path)) if q.kind == "money")
    for locale, published in (("en", "December 20, 2024"), ("zh_CN", "2024年12月20日")):
        data = bundle(tmp_path, locale)
        assert data["published"] == {"date": "2024-12-20", "display": published}
        rendered = {f["source"]: f["rendered"] for f in data["figures"]}
        assert rendered[money.text] == format_quantity(money, locale)
    zh = bundle(tmp_path, "zh_CN")
    assert {f["kind"] for f in zh["figures"]} <= {"money", "percent", "measure", "count", "number"}
    assert "3800亿元" in (tmp_path / "out" / SLUG / "zh_CN" / "bulletin.md").read_text()


def test_qa_findings_and_provenance_are_in_the_bundle(
    sample_build: tuple[BuildReport, Path],
) -> None:
    report, tmp_path = sample_build
    zh = bundle(tmp_path, "zh_CN")
    # Figures come back in Chinese style, but the kit model copies numbers spelled
    # out in English: QA must say so.
    assert any(f["kind"] == "missing" and f["source"] == "seven" for f in zh["findings"])
    assert not any(f["source"] == "December 19" for f in zh["findings"])
    assert any("numeric QA finding" in w for w in report.warnings)
    provenance = zh["provenance"]
    assert (provenance["engine"], provenance["model"], provenance["path"]) == (
        "argos",
        "translate-en_zh-1_0",
        ["en", "zh"],
    )
    assert len(provenance["checksum"]) == 64 and provenance["options"]["beam_size"] == "4"
    assert set(provenance["versions"]) == {"confl10n", "ctranslate2", "babel", "sumy"}
    assert {"en->zh", "qa"} <= set(provenance["timings"])
    assert bundle(tmp_path, "en")["findings"] == []


def test_es_through_real_apertium(tmp_path: Path, sample_path: Path, apertium_bin: str) -> None:
    report = kit_build(
        tmp_path, [sample_path], models_dir=tmp_path / "none", locales=["es_ES"], engine="apertium"
    )
    assert report.articles[0].locales == ("en", "es_ES")
    es = bundle(tmp_path, "es_ES")
    jsonschema.validate(es, bundle_schema())
    assert es["provenance"]["model"] == "apertium-eng-spa:eng-spa"
    title = next(u for u in es["units"] if u["id"] == "s2.h")
    assert title["state"] == "mt" and title["target"] != title["source"]
    assert es["published"]["display"] == "20 de diciembre de 2024"


def test_locale_without_catalog_gets_english_labels_and_a_warning(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path, argos_tokenizer: Path
) -> None:
    argos_kit.write_package(argos_packages_dir, argos_tokenizer, to_code="ko")
    report = kit_build(tmp_path, [sample_path], models_dir=argos_packages_dir, locales=["ko_KR"])
    assert report.articles[0].locales == ("en", "ko_KR")
    assert "no label catalog for locale 'ko_KR'; bulletin labels are in English" in report.warnings
    bulletin = (tmp_path / "out" / SLUG / "ko_KR" / "bulletin.md").read_text()
    assert "## Summary" in bulletin and "2024년 12월 20일" in bulletin


def test_a_source_language_locale_is_the_source_without_xliff(
    tmp_path: Path, sample_path: Path
) -> None:
    report = build(
        [sample_path],
        options=BuildOptions(locales=["en", "en_GB"], out=tmp_path / "out"),
        cache=False,
    )
    assert report.articles[0].locales == ("en", "en_GB")
    assert {u["state"] for u in bundle(tmp_path, "en_GB")["units"]} == {"source"}
    assert not (tmp_path / "out" / SLUG / "en_GB" / "article.xlf").exists()


def test_one_progress_callback_counts_every_step(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    calls: list[tuple[str, int, int]] = []
    kit_build(
        tmp_path,
        [sample_path],
        models_dir=argos_packages_dir,
        progress=lambda m, d, t: calls.append((m, d, t)),
    )
    assert {total for _, _, total in calls} == {3}  # summarize, translate zh_CN, write
    assert [done for _, done, _ in calls] == sorted(done for _, done, _ in calls)
    assert calls[-1][1:] == (3, 3)
    assert any("translating to zh_CN (en->zh: " in message for message, _, _ in calls)


def test_summarizer_warnings_become_report_warnings(tmp_path: Path) -> None:
    rainy = tmp_path / "rain.md"
    rainy.write_text("Rain. Rain. Rain. Sun.\n", encoding="utf-8")  # no title: titled "Rain."
    report = build(
        [rainy],
        options=BuildOptions(
            locales=[], summary=SummaryOptions(algorithm="lsa"), out=tmp_path / "out"
        ),
        cache=False,
    )
    assert report.warnings  # one for the section, one for the lede: both from sumy's LSA
    assert all(
        w.startswith("rain: ") and "lower than number of sentences" in w for w in report.warnings
    )
    assert json.loads((tmp_path / "out" / "rain" / "en" / "bundle.json").read_text())["title"] == (
        "s1.p1.t1"
    )


def test_article_xlf_reads_back_with_translate_toolkit(
    sample_build: tuple[BuildReport, Path], sample_path: Path
) -> None:
    from translate.storage import xliff

    _, tmp_path = sample_build
    with (tmp_path / "out" / SLUG / "zh_CN" / "article.xlf").open("rb") as handle:
        store = xliff.xlifffile.parsefile(handle)
    units = store.getunits()
    document = [u.id for u in read_article(sample_path).units()]
    assert [u.xmlelement.get("id") for u in units[: len(document)]] == document
    labels = units[len(document) :]  # then the key figures' labels, marked as such
    assert labels and {u.xmlelement.get("restype") for u in labels} == {"x-key-figure-label"}
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "zh-CN"
    assert not any(u.isapproved() for u in units)
    states = {u.xmlelement.find(u.namespaced("target")).get("state") for u in units}
    assert states == {"needs-review-translation"}


def test_build_takes_every_translation_option(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    """Device, compute type, beam size and the style folder reach the engine and the figures."""
    empty_styles = tmp_path / "styles"
    empty_styles.mkdir()
    translation = TranslateOptions(
        style_dir=empty_styles,
        settings=(
            ArgosSettings(
                models_dir=argos_packages_dir,
                device="cpu",
                threads=1,
                compute_type="float32",
                beam_size=2,
            ),
        ),
    )
    options = BuildOptions(locales=["zh_CN"], out=tmp_path / "out", translation=translation)
    build([sample_path], options=options, cache=False)
    zh = bundle(tmp_path, "zh_CN")
    assert zh["provenance"]["options"]["compute_type"] == "float32"
    assert zh["provenance"]["options"]["beam_size"] == "2"
    money = next(q for q in article_quantities(read_article(sample_path)) if q.kind == "money")
    rendered = {f["source"]: f["rendered"] for f in zh["figures"]}
    assert rendered[money.text] == format_quantity(money, "zh_CN", style_dir=empty_styles)
    assert rendered[money.text] != format_quantity(money, "zh_CN")  # the shipped style differs
