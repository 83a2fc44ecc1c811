"""Currencies as a translation writes them (confl10n.figures.readback)."""

from __future__ import annotations

from confl10n.figures.readback import currency_marks, currency_names


def test_currency_signs_keep_their_letters_and_the_english_ones_count() -> None:
    assert {"us$", "$"} <= currency_marks("USD", "es_ES")
    assert "$" not in currency_marks("AUD", "es_ES") | currency_marks("HKD", "zh_CN")
    assert {"a$", "au$", "austr", "dólar"} <= currency_marks("AUD", "es_ES")
    assert "$au" in currency_marks("AUD", "fr_FR")


def test_currency_names_keep_their_marks_in_order() -> None:
    assert ("dólar", "austr") in currency_names("AUD", "es_ES")
    assert ("austr", "dolla") in currency_names("AUD", "de_DE")
    assert ("dolla", "hong", "kong") in currency_names("HKD", "fr_FR")
