"""Currencies and units as a translation writes them (confl10n.figures.readback)."""

from __future__ import annotations

import pytest

from confl10n.figures.readback import currency_marks, currency_names, unit_marks
from confl10n.quantities.find import find_quantities


def test_currency_signs_keep_their_letters_and_the_english_ones_count() -> None:
    assert {"us$", "$"} <= currency_marks("USD", "es_ES")
    assert "$" not in currency_marks("AUD", "es_ES") | currency_marks("HKD", "zh_CN")
    assert {"a$", "au$", "austr", "dólar"} <= currency_marks("AUD", "es_ES")
    assert "$au" in currency_marks("AUD", "fr_FR")


def test_currency_names_keep_their_marks_in_order() -> None:
    assert ("dólar", "austr") in currency_names("AUD", "es_ES")
    assert ("austr", "dolla") in currency_names("AUD", "de_DE")
    assert ("dolla", "hong", "kong") in currency_names("HKD", "fr_FR")


@pytest.mark.parametrize(
    ("source", "locale", "marks"),
    [
        ("A 6-foot wall.", "es_ES", {"pies", "foot"}),  # CLDR's word and the English
        ("A 6-foot wall.", "ar_EG", {"قدم", "أقدام"}),  # a plural CLDR does not write
        ("A 6-foot wall.", "zh_TW", {"英尺", "呎"}),  # Taiwan's and Hong Kong's foot
        ("a 12-inch pizza", "zh_TW", {"吋"}),
        ("a 20-pound turkey", "ar_EG", {"رطل", "أرطال"}),
        ("5 tons of steel", "de_DE", {"short", "tonne"}),  # the short ton, and the tonne
        ("5 tons of steel", "zh_TW", {"美噸", "噸"}),
    ],
)
def test_unit_marks_hold_the_words_a_right_translation_writes(
    source: str, locale: str, marks: set[str]
) -> None:
    (q,) = find_quantities(source)
    assert marks <= set(unit_marks(q, locale))
