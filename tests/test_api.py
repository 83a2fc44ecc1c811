"""The public API: what ``import confl10n`` offers, and that it stays light (PEP 562)."""

from __future__ import annotations

import json
import subprocess
import sys

import confl10n

PUBLIC = {
    # documents and errors
    "Article", "Paragraph", "Quantity", "Section", "Sentence",
    "Confl10nError", "EngineUnavailableError", "InputError", "InvalidOptionError",
    "ModelPackageError", "NetworkError", "OutputError", "TranslationError",
    "UnsupportedLanguageError",
    # reading, figures, summaries
    "parse_bytes", "parse_text", "read_article", "split_sentences",
    "article_quantities", "find_quantities", "format_quantity", "LocaleTarget", "locale_target",
    "Slot", "protect", "restore", "Finding", "check_article", "check_translation",
    "ArticleSummary", "ScoredSentence", "SectionSummary", "SummaryOptions", "TextSummary",
    "summarize_sections", "summarize_text",
    # translation and models
    "TranslateOptions", "ArgosSettings", "translate_article", "get_engine",
    "ArticleTranslation", "Provenance", "UnitTranslation",
    "download_and_install", "fetch_index", "install_package", "remove_package",
    # bulletins and builds
    "BulletinFigure", "BulletinFinding", "BulletinSection", "BulletinUnit", "LocaleBulletin",
    "ApprovedUnit", "BundleResult", "read_xliff_approved", "slugify", "write_article_bundle",
    "BuildOptions", "BuildReport", "build",
    "__version__",
}  # fmt: skip


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_all_is_the_intended_set_sorted_and_importable() -> None:
    assert set(confl10n.__all__) == PUBLIC
    assert confl10n.__all__ == sorted(confl10n.__all__)
    for name in confl10n.__all__:
        assert hasattr(confl10n, name), name
    assert set(dir(confl10n)) >= PUBLIC


def test_every_error_has_an_exit_code() -> None:
    errors = [getattr(confl10n, n) for n in confl10n.__all__ if n.endswith("Error")]
    for error in errors:
        assert issubclass(error, confl10n.Confl10nError)
        assert 1 <= error.exit_code <= 125


def test_an_unknown_name_is_an_attribute_error() -> None:
    assert not hasattr(confl10n, "no_such_name")


def test_import_loads_no_submodule_until_a_name_is_used() -> None:
    code = (
        "import json, sys, confl10n\n"
        "before = sorted(m for m in sys.modules if m.startswith('confl10n.'))\n"
        "confl10n.find_quantities\n"
        "after = sorted(m for m in sys.modules if m.startswith('confl10n.'))\n"
        "print(json.dumps([before, after]))"
    )
    before, after = json.loads(_run(code))
    assert before == []
    assert "confl10n.quantities.find" in after
    assert not any(m.startswith(("confl10n.translate", "confl10n.building")) for m in after)


def test_import_is_light() -> None:
    code = "import sys, confl10n; print(sorted(m.split('.')[0] for m in sys.modules))"
    loaded = set(eval(_run(code)))
    assert not loaded & {
        "numpy",
        "ctranslate2",
        "sumy",
        "babel",
        "jieba",
        "typer",
        "argostranslate",
    }
