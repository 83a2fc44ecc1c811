"""The document model's navigation helpers."""

from __future__ import annotations

import dataclasses

import pytest

from confl10n.document import Article, Paragraph, Section, Sentence


def make_article() -> Article:
    title = Sentence("title", "T", 0, 1)
    one = Sentence("s1.p1.t1", "A.", 3, 5)
    two = Sentence("s2.p1.t1", "B.", 9, 11)
    heading = Sentence("s2.h", "H", 7, 8)
    sections = (
        Section("s1", None, (Paragraph("s1.p1", (one,), 3, 5),), 3, 5),
        Section("s2", heading, (Paragraph("s2.p1", (two,), 9, 11),), 7, 11),
    )
    return Article(title, sections, "T\n\nA.\n\nH\nB.")


def test_units_are_in_reading_order() -> None:
    assert [u.id for u in make_article().units()] == ["title", "s1.p1.t1", "s2.h", "s2.p1.t1"]


def test_sentences_exclude_title_and_headings() -> None:
    assert [s.text for s in make_article().sentences] == ["A.", "B."]


def test_find_and_immutability() -> None:
    article = make_article()
    assert isinstance(article.find("s2.p1"), Paragraph)
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.lang = "zh"  # type: ignore[misc]


# --- compound durations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "terms"),
    [
        ("80", "duration-hour-and-minute", [("1", "duration-hour"), ("20", "duration-minute")]),
        ("7530", "duration-hour-and-minute-and-second",
         [("2", "duration-hour"), ("5", "duration-minute"), ("30", "duration-second")]),
        ("225.2", "duration-minute-and-second", [("3", "duration-minute"), ("45.2", "duration-second")]),
        ("42", "duration-year-and-month", [("3", "duration-year"), ("6", "duration-month")]),
        ("3630", "duration-hour-and-second", [("1", "duration-hour"), ("30", "duration-second")]),
        ("60", "duration-hour-and-minute", [("1", "duration-hour"), ("0", "duration-minute")]),
        ("20", "duration-minute", []),  # one unit: no compound
        ("20", "length-meter", []),
    ],
)  # fmt: skip
def test_duration_terms_give_back_what_was_written(
    value: str, unit: str, terms: list[tuple[str, str]]
) -> None:
    from decimal import Decimal

    from confl10n.document import Quantity, duration_terms

    q = Quantity("measure", "", 0, 0, Decimal(value), unit=unit)
    assert duration_terms(q) == [(Decimal(v), u) for v, u in terms]


def test_duration_units_and_sizes() -> None:
    from confl10n.document import duration_size, duration_units, mixed_duration

    units = ("duration-hour", "duration-minute")
    assert duration_units("duration-hour-and-minute") == units
    assert mixed_duration(units) == "duration-hour-and-minute"
    assert duration_units("duration-hour") == ()
    assert duration_units(None) == ()
    assert duration_size("duration-hour", "duration-second") == 3600
    assert duration_size("duration-year", "duration-month") == 12
    assert duration_size("duration-month", "duration-day") is None  # months hold no fixed days
    assert duration_size("duration-minute", "duration-hour") is None
