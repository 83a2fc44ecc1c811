"""The server's faces give what the CLI and the library give for the same text.

``POST /v1/bulletin`` runs the same per-article steps as ``build`` (the real
Apertium en->es pair and the kit's en->zh model on both sides), and
``POST /v1/figures`` returns the same rows as ``confl10n figures --format json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from confl10n import BuildOptions, TranslateOptions, build
from confl10n.cli import app
from confl10n.translate.argos.settings import ArgosSettings
from tests.serve.conftest import API_KEY, Server

KEY = {"X-API-Key": API_KEY}
LOCALES = ["es_ES", "zh_CN"]


def without_timings(value: Any) -> Any:
    """``value`` with every ``timings`` entry dropped, at any depth (they differ per run)."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k != "timings"}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, sample_path: Path, kit_models: Path, apertium_bin: str
) -> dict[str, Any]:
    """The sample built to es_ES and zh_CN with the server's models: locale -> bundle.json."""
    out = tmp_path_factory.mktemp("built") / "out"
    translation = TranslateOptions(settings=(ArgosSettings(models_dir=kit_models, threads=1),))
    report = build(
        [sample_path],
        options=BuildOptions(locales=LOCALES, out=out, translation=translation),
        cache=False,
    )
    path = report.articles[0].path
    return {
        locale: json.loads((path / locale / "bundle.json").read_text(encoding="utf-8"))
        for locale in ["en", *LOCALES]
    }


@pytest.fixture(scope="module")
def served_bulletin(served: Server, sample_path: Path) -> dict[str, Any]:
    body = {"text": sample_path.read_text(encoding="utf-8"), "locales": LOCALES}
    status, answer = served.post_json("v1/bulletin", body, **KEY)
    assert status == 200, answer
    bundles: dict[str, Any] = answer["bundles"]
    return bundles


@pytest.mark.parametrize("locale", ["en", *LOCALES])
def test_v1_bulletin_equals_the_build_bundle_json(
    built: dict[str, Any], served_bulletin: dict[str, Any], locale: str
) -> None:
    assert without_timings(served_bulletin[locale]) == without_timings(built[locale])


def test_v1_bulletin_translates_the_key_figure_labels(served_bulletin: dict[str, Any]) -> None:
    figures = served_bulletin["es_ES"]["figures"]
    assert figures and all(f["label"] and f["source_label"] for f in figures)
    translated = [f for f in figures if f["label"] != f["source_label"]]
    assert len(translated) == len(figures), [f["label"] for f in figures]
    english = {f["source_label"]: f["label"] for f in served_bulletin["en"]["figures"]}
    assert all(label == source for source, label in english.items())


@pytest.mark.parametrize("locale", ["en", *LOCALES])
def test_v1_bulletin_provenance_says_how_it_was_summarized(
    served_bulletin: dict[str, Any], locale: str
) -> None:
    summary = served_bulletin[locale]["provenance"]["summary"]
    assert summary == {"algorithm": "lexrank", "lang": "en", "lede": "lead"}


def cli_figures(path: Path, locales: list[str], *extra: str) -> Any:
    args = ["figures", str(path), "--format", "json", *extra]
    args += [a for locale in locales for a in ("--locale", locale)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


FIGURE_TEXTS = {
    "times and months": (
        "# Night market\n\nThe market opened at 8 p.m. on September 1, 2023, and closed "
        "at 11:30 p.m. Rents rose 4.5% in September 2023 to 1,200 yuan a month.\n"
    ),
    "ranges and no year": (
        "# Rents\n\nBeds cost 500 to 1,000 yuan on March 3, up from $40-50 in 2018, "
        "for 2.5 million workers and 1.92 square kilometers.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FIGURE_TEXTS))
@pytest.mark.parametrize("reference", [None, "2024-06-30"])
def test_v1_figures_equals_figures_format_json(
    served: Server, tmp_path: Path, name: str, reference: str | None
) -> None:
    text = FIGURE_TEXTS[name]
    article = tmp_path / "article.md"
    article.write_text(text, encoding="utf-8")
    body: dict[str, Any] = {"text": text, "locales": ["zh_CN", "es_ES", "de_DE"]}
    extra = ["--reference-date", reference] if reference else []
    if reference:
        body["reference_date"] = reference
    status, answer = served.post_json("v1/figures", body, **KEY)
    assert status == 200, answer
    assert answer == cli_figures(article, body["locales"], *extra)
    assert answer["figures"] and all("source" in f and "text" not in f for f in answer["figures"])


def test_v1_figures_writes_dates_and_times_with_the_parts_written(served: Server) -> None:
    body = {"text": FIGURE_TEXTS["times and months"], "locales": ["es_ES"]}
    status, answer = served.post_json("v1/figures", body, **KEY)
    assert status == 200, answer
    values = {f["source"]: f["value"] for f in answer["figures"]}
    assert values["September 1, 2023"] == "2023-09-01"
    assert values["September 2023"] == "2023-09"
    assert values["8 p.m."] == "20:00" and values["11:30 p.m"] == "23:30"


def test_v1_figures_of_the_sample_equals_figures_format_json(
    served: Server, sample_path: Path
) -> None:
    body = {"text": sample_path.read_text(encoding="utf-8"), "locales": LOCALES}
    status, answer = served.post_json("v1/figures", body, **KEY)
    assert status == 200, answer
    assert answer == cli_figures(sample_path, LOCALES)
    assert len(answer["figures"]) == 34
