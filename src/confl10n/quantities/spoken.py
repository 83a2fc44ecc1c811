"""Figures written the way people say them, for :mod:`confl10n.quantities.find`.

Times of day ("8 p.m.", "9:30 a.m.", British "2.15pm" and "11.30 a.m.", "at 07:30",
"at noon"), fractions
("a third of", "two-thirds of", "half of"), halves of a unit ("an hour and a half",
"two and a half years") and spelled multipliers ("threefold"). A time is never
a count: "Polls close at 8 p.m." has no figure 8.
"""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from typing import TYPE_CHECKING

from confl10n.document import Quantity
from confl10n.quantities import words

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["find_spoken"]

_TIME = re.compile(
    r"(?<![\w.,:])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5][0-9]))?\s?"
    r"(?P<ap>[aApP])(?:\.\s?[mM]\.|[mM]\b|\.[mM]\b)"
)
# A 24-hour clock or noon/midnight after a word that introduces a time ("at 07:30",
# "by noon"); a bare "10:30" stays a label (a score, a verse, a ratio).
_CLOCK = re.compile(
    r"\b(?:at|by|from|until|till|before|after|around|since|to)\s+"
    r"(?:(?P<h>[01]?[0-9]|2[0-3]):(?P<m>[0-5][0-9])(?![\d:]|\s?[aApP]\.?[mM]\b)"
    r"|(?P<word>noon|midday|midnight))\b",
    re.IGNORECASE,
)
_COUNTS = r"an?|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+"
_UNITS = r"hour|year|month|week|day|minute"
_HALF_AFTER = re.compile(
    rf"\b(?P<n>{_COUNTS})\s+(?P<unit>{_UNITS})s?\s+and\s+a\s+half\b", re.IGNORECASE
)
_HALF_BEFORE = re.compile(
    rf"\b(?P<n>{_COUNTS})\s+and\s+a\s+half\s+(?P<unit>{_UNITS})s\b", re.IGNORECASE
)
_FRACTION = re.compile(
    r"\b(?:(?P<n>an?|one|two|three|four|nine)[\s-](?P<d>half|thirds?|quarters?|fifths?|tenths?)"
    r"|(?P<half>half))(?=\s+(?:of|the|a|an|its|their|his|her|our)\b)",
    re.IGNORECASE,
)
_FOLD = re.compile(r"\b(?P<n>[a-z]+)-?fold\b", re.IGNORECASE)
_END = re.compile(r"[\s\"”’')\]]*$")


def find_spoken(text: str) -> Iterator[Quantity]:
    """Times, fractions, halves and spelled multipliers in ``text``, spans indexing it."""
    yield from _times(text)
    yield from _halves(text)
    yield from _fractions(text)
    yield from _folds(text)


def _times(text: str) -> Iterator[Quantity]:
    """ "8 p.m." -> 20:00, "9:30 a.m." -> 09:30; a final "." that also ends the
    sentence stays outside the span."""
    for m in _TIME.finditer(text):
        hour = int(m["h"]) % 12 + (12 if m["ap"] in "pP" else 0)
        end = m.end()
        if text[end - 1] == "." and _END.fullmatch(text, end):
            end -= 1
        value = time(hour, int(m["m"] or 0))
        yield Quantity("time", text[m.start() : end], m.start(), end, value)
    for m in _CLOCK.finditer(text):
        word = (m["word"] or "").lower()
        value = (
            time(0) if word == "midnight" else time(12) if word else time(int(m["h"]), int(m["m"]))
        )
        start = m.start("word") if word else m.start("h")
        yield Quantity("time", text[start : m.end()], start, m.end(), value)


def _count(word: str) -> int | None:
    lower = word.lower()
    if lower in ("a", "an", "one"):
        return 1
    return int(word) if word.isdigit() else words.spelled_value(word, None)


def _halves(text: str) -> Iterator[Quantity]:
    """ "an hour and a half" -> 1.5 hours, "two and a half years" -> 2.5 years."""
    for pattern in (_HALF_AFTER, _HALF_BEFORE):
        for m in pattern.finditer(text):
            whole = _count(m["n"])
            if whole is not None:
                unit = f"duration-{m['unit'].lower()}"
                value = Decimal(whole) + Decimal("0.5")
                yield Quantity("measure", m[0], m.start(), m.end(), value, unit=unit, decimals=1)


def _fractions(text: str) -> Iterator[Quantity]:
    """ "a third of", "two-thirds of": ``unit`` "1/3", ``value`` to six places."""
    for m in _FRACTION.finditer(text):
        if m["half"] and re.search(
            r"(?i)\b(?:and|an?)\s+$", text[max(0, m.start() - 5) : m.start()]
        ):
            continue  # "an hour and a half" is a measure, "a half" was taken with its "a"
        numerator = 1 if m["half"] else _count(m["n"])
        denominator = 2 if m["half"] else words.fraction(m["d"])
        if numerator and denominator and numerator < denominator:
            value = (Decimal(numerator) / denominator).quantize(Decimal("0.000001"))
            yield Quantity("fraction", m[0], m.start(), m.end(), value,
                           unit=f"{numerator}/{denominator}")  # fmt: skip


def _folds(text: str) -> Iterator[Quantity]:
    """ "threefold", "ten-fold": multipliers written as words."""
    for m in _FOLD.finditer(text):
        value = words.spelled_value(m["n"], None)
        if value is not None:
            yield Quantity("multiplier", m[0], m.start(), m.end(), Decimal(value))
