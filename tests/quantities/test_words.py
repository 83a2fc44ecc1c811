"""The English vocabulary of quantities (confl10n.quantities.words)."""

from __future__ import annotations

import pytest

from confl10n.quantities.words import (
    Hit,
    adjective_unit,
    currency_signs,
    is_unit_or_scale,
    names_sterling,
    preposition_unit_after,
    unit_after,
    unit_symbol,
    weighed_unit_after,
    with_dot,
)


def test_the_signs_of_a_currency_keep_their_letters() -> None:
    assert currency_signs("USD") == {"$", "us$"}
    assert currency_signs("AUD") == {"a$", "au$"}
    assert currency_signs("HKD") == {"hk$"}
    assert currency_signs("INR") == {"₹"}  # "Rs" is a word, not a sign


@pytest.mark.parametrize(
    ("text", "unit", "word"),
    [
        (" feet tall", "length-foot", "feet"),
        (" foot tall", "length-foot", "foot"),
        (" ft wall", "length-foot", "ft"),
        (" ft. wall", "length-foot", "ft."),
        (" sq ft of", "area-square-foot", "sq ft"),
        (" cubic feet", "volume-cubic-foot", "cubic feet"),
        (" lbs of rice", "mass-pound", "lbs"),
        (" tons of steel", "mass-ton", "tons"),
        (" tonnes of steel", "mass-tonne", "tonnes"),
        (" miles per hour", "speed-mile-per-hour", "miles per hour"),
        (" nautical miles", "length-nautical-mile", "nautical miles"),
        (" degrees Fahrenheit", "temperature-fahrenheit", "degrees Fahrenheit"),
        (" psi", "pressure-pound-force-per-square-inch", "psi"),
        (" stone", "mass-stone", "stone"),
    ],
)
def test_unit_after_reads_us_and_imperial_units(text: str, unit: str, word: str) -> None:
    hit = unit_after(text, 0)
    assert hit is not None and (hit.meaning, hit.word) == (unit, word)


@pytest.mark.parametrize(
    "text",
    [
        " foot soldiers",  # a singular unit before a plural noun modifies it
        " stone walls",
        " gallon drums",
        " pounds",  # money too: see confl10n.quantities.ambiguous
        " in May",  # a preposition: see confl10n.quantities.ambiguous
        " Ft wall",  # symbols keep their case
    ],
)
def test_unit_after_leaves_words_that_may_be_no_unit(text: str) -> None:
    assert unit_after(text, 0) is None


def test_a_modifier_unit_before_a_singular_word_or_a_stop_is_a_unit() -> None:
    assert unit_after(" foot tall", 0) is not None
    assert unit_after(" stone in", 0) is not None


def test_adjectives_take_modifier_units_before_plural_nouns() -> None:
    hit = adjective_unit("foot walls", 0)
    assert hit is not None and hit.meaning == "length-foot"


@pytest.mark.parametrize(
    ("text", "word", "taken"),
    [
        ("a 5 ft. wall", "ft", "ft."),  # inside a sentence: the abbreviation's dot
        ("12 in. x 8 in.", "in", "in."),  # before a dimension's "x"
        ("He is 6 ft.", "ft", "ft"),  # at the end: the full stop
        ("He is 6 ft. He left.", "ft", "ft"),
        ("6 feet. the", "feet", "feet"),  # only abbreviations take a dot
    ],
)
def test_with_dot_takes_an_abbreviations_dot_inside_a_sentence(
    text: str, word: str, taken: str
) -> None:
    end = text.index(word) + len(word)
    hit = with_dot(text, Hit("unit", word, end))
    assert (hit.word, hit.end) == (taken, end + len(taken) - len(word))


def test_pounds_and_in_have_their_own_tables() -> None:
    pound = weighed_unit_after(" pounds of", 0)
    assert pound is not None and pound.meaning == "mass-pound"
    inch = preposition_unit_after(" in. screen", 0)
    assert inch is not None and (inch.meaning, inch.word) == ("length-inch", "in.")
    assert preposition_unit_after(" In", 0) is None


def test_an_attached_in_is_an_inch_but_a_spaced_one_no_unit() -> None:
    assert unit_symbol("in") == "length-inch"
    assert unit_symbol("ft") == "length-foot"
    assert is_unit_or_scale("in", attached=True)
    assert not is_unit_or_scale("in")  # "Python 3.12 in 2024": a version before "in"


@pytest.mark.parametrize(
    ("context", "named"),
    [
        ("It cost £20.", True),
        ("GBP 5 million", True),
        ("paid in pounds sterling", True),
        ("a 20-pound turkey for $30", False),
        ("a 20-pound turkey", False),
    ],
)
def test_names_sterling(context: str, named: bool) -> None:
    assert names_sterling(context) is named
