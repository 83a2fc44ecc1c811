"""The language facts table: codes, directions, spacing, Argos's codes, sumy names."""

from __future__ import annotations

import pytest

from confl10n import languages
from confl10n.languages import (
    argos_language,
    argos_locale,
    direction,
    join_sentences,
    language_of,
    language_problem,
    sentence_start,
)


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
        ("zh-Hant", "zt"),
        ("ZH_hant_tw", "zt"),
        ("zh_Hant_HK", "zt"),
        ("zh_Hans_TW", "zh"),  # the script decides
        ("zh-Hans", "zh"),
        ("pt-br", "pb"),
        ("es-419", "es"),
        ("zt", "zt"),
    ],
)
def test_argos_language_for_locale(locale: str, language: str) -> None:
    assert argos_language(locale) == language
    assert languages.language_code(f" {locale.upper()} ") == language


def test_argos_codes_map_back_to_their_usual_locale() -> None:
    assert [argos_locale(c) for c in ("zt", "pb", "zh", "xx")] == ["zh_TW", "pt_BR", None, None]
    for code in languages.ARGOS_EXTRA:
        assert argos_language(argos_locale(code) or "") == code


@pytest.mark.parametrize(
    ("locale", "written"),
    [
        ("ar_EG", "rtl"),
        ("ar", "rtl"),
        ("he-IL", "rtl"),
        ("fa_IR", "rtl"),
        ("zh_CN", "ltr"),
        ("en", "ltr"),
    ],
)
def test_direction(locale: str, written: str) -> None:
    assert direction(locale) == written


def test_right_to_left_agrees_with_cldr() -> None:
    from babel import Locale

    for code, facts in languages.LANGUAGES.items():
        if code not in languages.ARGOS_EXTRA and code in Locale("en").languages:
            try:
                order = Locale.parse(code).character_order
            except Exception:  # a language CLDR has no locale data for
                continue
            assert (facts.direction == "rtl") == (order == "right-to-left"), code


def test_language_of_posix_and_bcp47_codes() -> None:
    assert [language_of(c) for c in ("zh_CN", "zh-Hant-TW", "DE", "ar_EG")] == [
        "zh",
        "zh",
        "de",
        "ar",
    ]


def test_join_sentences_by_script() -> None:
    assert join_sentences(["One.", "Two."], "fr") == "One. Two."
    assert join_sentences(["一。", "二。"], "zh") == "一。二。"
    assert join_sentences(["一。", "二。"], "ja") == "一。二。"
    assert join_sentences(["一。", "二。"], "zt") == "一。二。"
    assert join_sentences(["หนึ่ง", "สอง"], "th_TH") == "หนึ่งสอง"


def test_summaries_languages_are_the_sumy_names() -> None:
    from confl10n.summarize import LANGUAGES

    assert LANGUAGES == languages.SUMY_NAMES
    assert LANGUAGES["zh"] == "chinese" and "zt" not in LANGUAGES


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("un tercio", "es_ES", "Un tercio"),
        ("ejercicio 2024", "es", "Ejercicio 2024"),
        ("évolution", "fr_FR", "Évolution"),
        ("ένα τρίτο", "el", "Ένα τρίτο"),
        ("iki milyar", "tr_TR", "İki milyar"),  # Turkish and Azerbaijani: dotted İ
        ("ılık", "tr", "Ilık"),
        ("iki milyard", "az", "İki milyard"),
        ("Ein Drittel", "de_DE", "Ein Drittel"),
        ("12 %", "es_ES", "12 %"),
        ("三分之一", "zh_CN", "三分之一"),
        ("", "es", ""),
    ],
)
def test_sentence_start_writes_the_first_letter_as_a_sentence_opens(
    text: str, locale: str, expected: str
) -> None:
    assert sentence_start(text, locale) == expected
