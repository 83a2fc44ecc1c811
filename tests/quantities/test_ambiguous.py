"""Unit words that are also other words: "in" (a preposition), "pound" (money)
(confl10n.quantities.ambiguous)."""

from __future__ import annotations

import pytest

from confl10n.quantities.ambiguous import adjective_unit, unit_after


def _after(text: str, number: str) -> str | None:
    """The unit read after the first ``number`` in ``text`` (its text), or None."""
    start = text.index(number)
    hit = unit_after(text, start, start + len(number))
    return None if hit is None else f"{hit.meaning} {hit.word.strip()}"


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("12 in x 8 in", "12", "length-inch in"),  # a dimension
        ("12 in × 8 in", "12", "length-inch in"),
        ("12 in x 8 in", "8", "length-inch in"),
        ('12" x 8 in', "8", "length-inch in"),
        ("a 4 in. gap", "4", "length-inch in."),  # the dot of an abbreviation
        ("6 ft 2 in tall", "2", "length-inch in"),  # after feet
        ("6 feet 2 in.", "2", "length-inch in"),
        ("6 ft 2 in, he said", "2", "length-inch in"),
        ("It weighs 20 pounds.", "20", "mass-pound pounds"),  # after a word of weighing
        ("His weight rose by 2 pounds to 40 pounds", "40", "mass-pound pounds"),
        ("weighing between 5 and 6 pounds", "6", "mass-pound pounds"),
    ],
)
def test_unit_after_reads_a_unit_only_the_context_allows(text: str, number: str, unit: str) -> None:
    assert _after(text, number) == unit


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("It rose 5 in May.", "5"),
        ("It grew 5 in.", "5"),  # a sentence's end: "in." may be the preposition
        ("5 in 10 people", "5"),
        ("3 in a row", "3"),
        ("6 feet 2 in the north", "2"),  # a word "in" governs
        ("6 ft 2 in May", "2"),
        ("6 ft 2 in 2019", "2"),
        ("2 x 4 in the shed", "4"),  # no inch before the "x"
        ("He paid 20 pounds.", "20"),  # no word of weighing
        ("It weighed on him; he paid 20 pounds.", "20"),  # in another clause
        ("He lost 20 pounds.", "20"),
    ],
)
def test_unit_after_leaves_the_other_reading(text: str, number: str) -> None:
    assert _after(text, number) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a 5-in. screen", "length-inch in."),
        ("a 5-in screen", "length-inch in"),
        ("a 20-pound turkey", "mass-pound pound"),
        ("a 20-pound turkey for $30", "mass-pound pound"),
    ],
)
def test_adjective_unit_reads_inches_and_pounds(text: str, unit: str) -> None:
    pos = text.index("-") + 1
    hit = adjective_unit(text, pos)
    assert hit is not None and f"{hit.meaning} {hit.word}" == unit


@pytest.mark.parametrize(
    "text",
    [
        "a 3-in-1 printer",  # a product's name
        "a 20-pound note",  # a money noun follows
        "a 50-pound fine",
        "It cost £5 and a 20-pound turkey.",  # the sentence names sterling
        "a 20-pound turkey, GBP 30",
        "a 20- pound turkey",  # no adjective: a space after the hyphen
    ],
)
def test_adjective_unit_leaves_money_and_names(text: str) -> None:
    pos = text.index("-") + 1
    assert adjective_unit(text, pos) is None
