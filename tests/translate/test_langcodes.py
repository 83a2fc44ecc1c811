"""Language codes a package may declare."""

from __future__ import annotations

import pytest

from confl10n.translate.langcodes import language_problem


@pytest.mark.parametrize("code", ["en", "zh", "zt", "pb", "pt-BR", "zh_Hant", "sr-Latn-RS"])
def test_accepts_known_codes(code: str) -> None:
    assert language_problem(code) is None


@pytest.mark.parametrize("code", ["xx", "qq", "abc", "zz-CN"])
def test_reports_unknown_codes(code: str) -> None:
    assert language_problem(code) == f"unknown language code {code!r}"


@pytest.mark.parametrize("code", ["", "e", "EN", "en!", "en-", "../en", "en zh", "english"])
def test_reports_malformed_codes(code: str) -> None:
    assert language_problem(code) == f"malformed language code {code!r}"


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("de_DE", "de"),
        ("zh_CN", "zh"),
        ("zh_TW", "zt"),
        ("zh-HK", "zt"),
        ("pt_BR", "pb"),
        ("pt_PT", "pt"),
        ("en", "en"),
    ],
)
def test_language_for_locale(locale: str, language: str) -> None:
    from confl10n.translate.langcodes import language_for_locale

    assert language_for_locale(locale) == language
