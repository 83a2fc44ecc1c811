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
