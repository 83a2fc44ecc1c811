"""Durations written in parts, for :mod:`confl10n.quantities.find`: each one figure.

"1 hour 20 minutes", "2 hours, 5 minutes and 30 seconds", "one hour and 40 minutes",
"3 hrs 12 mins", "2h 5m", "2h05", "1h 15min", "1 min 30 sec", "3 years and 6 months", "a
2-hour 30-minute wait" are one measure in a CLDR mixed unit (``duration-hour-and-minute``)
with ``value`` in its smallest unit (:func:`confl10n.document.duration_terms` gives the
terms back). So are race times written as a clock, h:mm:ss or m:ss.s ("finished in
2:01:09", "in 3:45.2"), except after a word that introduces a time of day ("at
20:00:05"); h:mm and m:ss without a decimal ("in 3:45", "at 20:00") are left to the
clock of :mod:`confl10n.quantities.spoken` or stay labels: a marathon's "2:05" and a
mile's "3:45" cannot be told apart.

A unit that is a duration only beside another part ("m", "s", "days": [duration_parts]
of ``data/quantities.toml``) needs one ("2h 5m", never "the 100m race"); "s" after a
decimal is seconds alone ("9.58s", never "the 1990s"). Each part after the first names
a smaller unit than the part before and less than it holds: "1 hour 75 minutes" and
"20 minutes 1 hour" stay two figures.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from confl10n.document import Quantity, duration_size, mixed_duration
from confl10n.quantities import words

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["duration_at", "find_durations"]

_START = re.compile(r"(?<![\w.,:/$€£¥₹₩])(?:[0-9]|[A-Za-z])")
_NUMBER = re.compile(
    r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?![.,]?[0-9])|(?P<w>[A-Za-z]+)(?:-(?P<u>[A-Za-z]+))?\b"
)
_ONE = frozenset({"a", "an", "one"})  # "an hour and 20 minutes": a first part only
_JOIN = re.compile(r"\s*,?\s*(?:and\s+)?")
_CLOCK = re.compile(
    r"(?<![\w.,:])(?:(?P<h>[0-9]{1,2}):(?P<hm>[0-5][0-9]):(?P<hs>[0-5][0-9](?:\.[0-9]+)?)"
    r"|(?P<m>[0-9]{1,2}):(?P<ms>[0-5][0-9]\.[0-9]+))(?![0-9:]|[.,][0-9])"
)
_HOURS_MINUTES = re.compile(r"(?P<h>[0-9]{1,2})h(?P<m>[0-5][0-9])(?:min|m)?(?!\w|[.,:][0-9])")
_TIME_OF_DAY = re.compile(r"\b(?:at|until|till|since|around)\s+$", re.IGNORECASE)
_CLOCK_UNITS = (
    ("duration-hour", "duration-minute", "duration-second"),
    ("duration-minute", "duration-second"),
)


class _Part(NamedTuple):
    """One part of a duration: its number, unit and span; ``beside`` when its unit is a
    duration only beside another part ("5m")."""

    value: Decimal
    decimals: int
    unit: str
    start: int
    end: int
    beside: bool
    word: str


def find_durations(text: str) -> Iterator[Quantity]:
    """Compound durations, race times as a clock and "9.58s" in ``text``, spans indexing it."""
    for m in _START.finditer(text):
        found = duration_at(text, m.start()) or _seconds_alone(text, m.start())
        if found is not None:
            yield found


def duration_at(text: str, pos: int) -> Quantity | None:
    """The compound duration or race time that starts at ``pos``, if one does."""
    clock = _CLOCK.match(text, pos)
    if clock is not None:
        return None if _TIME_OF_DAY.search(text, max(0, pos - 12), pos) else _clock(clock)
    attached = _HOURS_MINUTES.match(text, pos)
    if attached is not None:
        return _hours_minutes(text, attached)
    first = _part(text, pos, first=True)
    if first is None:
        return None
    parts = [first]
    while (following := _next_part(text, parts[-1])) is not None:
        parts.append(following)
    return _compound(text, parts) if len(parts) > 1 else None


def _seconds_alone(text: str, pos: int) -> Quantity | None:
    """ "9.58s": seconds after a decimal, where the letter can be nothing else."""
    part = _part(text, pos, first=False)
    if part is None or not part.decimals or not words.is_decimal_duration_part(part.word):
        return None
    return _compound(text, [part])


def _part(text: str, pos: int, *, first: bool) -> _Part | None:
    """The number and duration unit at ``pos`` ("20 minutes", "5m", "one hour")."""
    m = _NUMBER.match(text, pos)
    value = _number(m, first=first) if m else None
    if m is None or value is None:
        return None
    hit = _unit(text, m.end())
    beside = hit is None
    hit = hit or words.duration_part_after(text, m.end())
    if hit is None:
        return None
    decimals = len((m["num"] or "").partition(".")[2])
    return _Part(value, decimals, hit.meaning, pos, hit.end, beside, hit.word.strip())


def _unit(text: str, pos: int) -> words.Hit | None:
    """The duration unit at ``pos``, also after a hyphen ("a 2-hour 30-minute wait")."""
    if text[pos : pos + 1] != "-":
        return words.duration_after(text, pos)
    hit = words.adjective_unit(text, pos + 1)
    return hit if hit is not None and hit.meaning.startswith("duration-") else None


def _number(m: re.Match[str], *, first: bool) -> Decimal | None:
    """The value of a number as written: digits, a number word, or "an" opening a duration."""
    if m["num"]:
        return Decimal(m["num"])
    if first and not m["u"] and m["w"].lower() in _ONE:
        return Decimal(1)
    value = words.spelled_value(m["w"], m["u"])
    return None if value is None else Decimal(value)


def _next_part(text: str, before: _Part) -> _Part | None:
    """The part after ``before`` when it names a smaller unit, within what ``before``'s holds."""
    if before.decimals:
        return None
    pos = _JOIN.match(text, before.end).end()  # type: ignore[union-attr]
    part = _part(text, pos, first=False)
    size = duration_size(before.unit, part.unit) if part else None
    if part is None or size is None or size == 1 or part.value >= size:
        return None
    return part


def _hours_minutes(text: str, m: re.Match[str]) -> Quantity:
    """ "2h05": hours with their minutes written onto them."""
    hours = _Part(Decimal(m["h"]), 0, "duration-hour", m.start(), m.start("m"), False, "h")
    minutes = _Part(Decimal(m["m"]), 0, "duration-minute", m.start("m"), m.end(), False, "")
    return _compound(text, [hours, minutes])


def _compound(text: str, parts: list[_Part]) -> Quantity:
    """One measure of ``parts``, in their smallest unit."""
    units = tuple(part.unit for part in parts)
    smallest = units[-1]
    value = sum((p.value * (duration_size(p.unit, smallest) or 1) for p in parts), Decimal(0))
    unit = mixed_duration(units) if len(units) > 1 else smallest
    start, end = parts[0].start, parts[-1].end
    return Quantity("measure", text[start:end], start, end, value, unit=unit,
                    decimals=parts[-1].decimals)  # fmt: skip


def _clock(m: re.Match[str]) -> Quantity:
    """A race time: "2:01:09" (hours, minutes, seconds), "3:45.2" (minutes, seconds)."""
    hours, minutes, seconds = (m["h"], m["hm"], m["hs"]) if m["h"] else ("0", m["m"], m["ms"])
    value = (int(hours) * 60 + int(minutes)) * 60 + Decimal(seconds)
    units = _CLOCK_UNITS[0] if m["h"] else _CLOCK_UNITS[1]
    return Quantity("measure", m[0], m.start(), m.end(), value, unit=mixed_duration(units),
                    decimals=len(seconds.partition(".")[2]))  # fmt: skip
