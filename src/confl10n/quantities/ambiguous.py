"""Unit words that are also other words, read as units only where the context says so.

For :mod:`confl10n.quantities.find`; the words are ``data/quantities.toml``'s
([preposition_units], [weighed_units]). "in" is also a preposition ("rose 5 in May"):
inches only in a dimension ("12 in x 8 in"), after feet ("6 ft 2 in tall"), with its
dot inside a sentence ("a 4 in. gap") or after a hyphen ("a 5-in. screen", never
"3-in-1"). "pound" is also money: a mass after a word of weighing ("weighs 20 pounds")
or as an adjective ("a 20-pound turkey") where no sterling is named and no money noun
follows ("a 20-pound note"). Anything else stays what it was: a missed inch is better
than an invented one.
"""

from __future__ import annotations

import re

from confl10n.quantities import words

__all__ = ["adjective_unit", "unit_after"]

_DIMENSION_AFTER = re.compile(r"\s*[x×]\s*[0-9]")
_DIMENSION_BEFORE = re.compile(r"[0-9]\s*(?:in\b\.?|″|\")\s*[x×]\s*$")
_FEET_BEFORE = re.compile(r"[0-9]\s*(?:ft\b\.?|feet|foot)\s*$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_ANY_AFTER = re.compile(r"\s*[A-Za-z0-9]")
_CLAUSE_BREAK = re.compile(r"[.;:,!?]")


def unit_after(text: str, start: int, pos: int) -> words.Hit | None:
    """An inch or pound after the number ``text[start:pos]`` where only a unit can be meant."""
    return _inch_after(text, start, pos) or _weighed_after(text, start, pos)


def adjective_unit(text: str, pos: int) -> words.Hit | None:
    """An inch or pound written after a hyphen at ``pos`` ("5-in.", "20-pound")."""
    return _hyphen_inch(text, pos) or _adjective_pound(text, pos)


def _inch_after(text: str, start: int, pos: int) -> words.Hit | None:
    """ "in" that can only be inches: "12 in x 8 in", "a 4 in. gap", "6 ft 2 in tall"."""
    hit = words.preposition_unit_after(text, pos)
    if hit is None:
        return None
    dimension = _DIMENSION_AFTER.match(text, hit.end) or _DIMENSION_BEFORE.search(
        text, max(0, start - 16), start
    )
    if dimension or hit.word.endswith(".") or _after_feet(text, start, hit.end):
        return hit
    return None


def _after_feet(text: str, start: int, end: int) -> bool:
    """ "6 ft 2 in" closing a height: feet before, and no word after that "in" could
    govern ("6 feet 2 in the north", "6 ft 2 in May" are no inches)."""
    if not _FEET_BEFORE.search(text, max(0, start - 12), start):
        return False
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return not _ANY_AFTER.match(text, end)
    word = after[1]
    return word.islower() and not words.is_noun_stop(word)


def _hyphen_inch(text: str, pos: int) -> words.Hit | None:
    """ "5-in" and "5-in." before a noun; never "3-in-1"."""
    hit = words.preposition_unit_after(text, pos)
    if hit is None or hit.end != pos + len(hit.word) or text[hit.end : hit.end + 1] == "-":
        return None
    return hit


def _weighed_after(text: str, start: int, pos: int) -> words.Hit | None:
    """ "pounds" after a word of weighing in the same clause ("weighs about 20 pounds")."""
    hit = words.weighed_unit_after(text, pos)
    if hit is None:
        return None
    clause = _CLAUSE_BREAK.split(text[max(0, start - 80) : start])[-1]
    weighing = any(words.is_weighing(w) for w in re.findall(r"[A-Za-z]+", clause)[-6:])
    return hit if weighing else None


def _adjective_pound(text: str, pos: int) -> words.Hit | None:
    """ "a 20-pound turkey": a mass unless the sentence names sterling or a money noun
    follows ("a 20-pound note")."""
    hit = words.weighed_unit_after(text, pos)
    if hit is None or hit.end != pos + len(hit.word) or words.names_sterling(text):
        return None
    noun = _WORD_AFTER.match(text, hit.end)
    return None if noun is not None and words.is_pound_money_noun(noun[1]) else hit
