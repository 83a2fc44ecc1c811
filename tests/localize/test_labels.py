"""Bulletin labels from the gettext catalogs, compiled in memory from the .po files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from confl10n.localize import labels as L
from confl10n.localize.labels import available_catalogs, find_catalog, load_labels
from tests.conftest import REPO

CATALOGS = ("ar_EG", "de_DE", "es_ES", "fr_FR", "ja_JP", "zh_CN")
LOCALES = resources.files("confl10n") / "locales"


def test_the_six_catalogs_are_shipped_in_the_package() -> None:
    assert set(CATALOGS) <= set(available_catalogs())


@pytest.mark.parametrize(
    ("locale", "summary", "published"),
    [
        ("zh_CN", "摘要", "发布于：2024年12月19日"),
        ("ja_JP", "要約", "公開日：2024年12月19日"),
        ("de_DE", "Zusammenfassung", "Veröffentlicht am 2024年12月19日"),
        ("ar_EG", "ملخص", "نُشر في 2024年12月19日"),
    ],
)
def test_labels_are_translated(locale: str, summary: str, published: str) -> None:
    labels = load_labels(locale)
    assert labels(L.SUMMARY) == summary
    assert labels(L.PUBLISHED, date="2024年12月19日") == published
    assert labels.warning is None


@pytest.mark.parametrize(
    ("asked", "found"),
    [("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("ar", "ar_EG"), ("fr_CA", "fr_FR"), ("ko_KR", None)],
)
def test_find_catalog_matches_exact_then_language(asked: str, found: str | None) -> None:
    assert find_catalog(asked) == found


def test_english_needs_no_catalog_and_no_warning() -> None:
    labels = load_labels("en_GB")
    assert (labels(L.KEY_FIGURES), labels.catalog, labels.warning) == ("Key figures", None, None)


def test_missing_catalog_falls_back_to_english_with_a_warning() -> None:
    labels = load_labels("ko_KR")
    assert labels(L.SUMMARY) == "Summary"
    assert labels.warning is not None and "'ko_KR'" in labels.warning


def test_no_mo_file_is_written_or_needed() -> None:
    load_labels("fr_FR")(L.SUMMARY)
    assert not list(Path(str(LOCALES)).rglob("*.mo"))


def test_template_lists_exactly_the_marked_labels() -> None:
    extracted = extract_from_dir(str(REPO / "src"), method_map=[("**.py", "python")])
    assert {message for _, _, message, _, _ in extracted} == _template_ids()
    assert L.MT_NOTICE in _template_ids()


@pytest.mark.parametrize("locale", CATALOGS)
def test_catalog_is_complete_and_consistent(locale: str) -> None:
    with (LOCALES / locale / "LC_MESSAGES" / "confl10n.po").open("rb") as po:
        catalog = read_po(po, locale=locale)
    messages = [m for m in catalog if m.id]
    assert all(m.string and not m.fuzzy for m in messages)
    assert list(catalog.check()) == []  # e.g. a lost %(date)s placeholder
    assert {m.id for m in messages} == _template_ids()


def _template_ids() -> set[str]:
    with (LOCALES / "confl10n.pot").open("rb") as pot:
        ids = [m.id for m in read_po(pot) if m.id]
    singular = {i for i in ids if isinstance(i, str)}
    assert len(singular) == len(ids), "the template has no plural forms"
    return singular
