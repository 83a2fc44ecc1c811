"""Dates in English text: full, partial and numeric, for :mod:`confl10n.quantities.find`.

A date written without its year ("December 19") or month ("the 19th") is placed
at the candidate closest to the reference date (the article's publication date);
without a reference date it is flagged, not guessed. Numeric dates whose day and
month could be swapped (02/03/2024) are flagged too.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from confl10n.document import Quantity
from confl10n.quantities import words

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_YMD = tuple[int | None, int | None, int | None]


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Month-name dates, "the 19th", ISO dates, then slashed dates (always last)."""
    month = rf"(?P<month>(?:{words.month_pattern()})\b\.?)"
    return (
        re.compile(rf"\b{month}\s+(?P<day>\d{{1,2}}){_ORD}\b{_YEAR}"),
        re.compile(rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?{month}{_YEAR}"),
        re.compile(rf"\b{month}\s+(?:of\s+)?(?P<year>\d{{4}})\b"),
        re.compile(r"\bthe\s+(?P<span>(?P<day>\d{1,2})(?:st|nd|rd|th))\b"),
        re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
        re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{2}|\d{4})(?![\d/])"),
    )


def find_dates(text: str, reference: date | None) -> Iterator[Quantity]:
    """Every date written in ``text`` (overlapping candidates included)."""
    *written, slashed = _patterns()
    for pattern in written:
        for m in pattern.finditer(text):
            q = _written(text, m, reference)
            if q is not None:
                yield q
    yield from (_slash(m, reference) for m in slashed.finditer(text))


def _written(text: str, m: re.Match[str], reference: date | None) -> Quantity | None:
    """A date written with words or in ISO form; None for "the 19th century"."""
    groups = m.groupdict()
    span = "span" if groups.get("span") else 0
    after = _NEXT_WORD.match(text, m.end())
    if span and after is not None and not words.is_noun_stop(after[1]):
        return None  # an ordinal before a noun, not a day of the month
    month_text = groups.get("month") or ""
    month = int(month_text) if month_text.isdigit() else words.month(month_text)
    ymd = tuple(int(groups[k]) if groups.get(k) else None for k in ("year", "day"))
    return _make(m, span, (ymd[0], month, ymd[1]), reference)


def _slash(m: re.Match[str], reference: date | None) -> Quantity:
    """02/03/2024: resolved only when day and month cannot be swapped."""
    a, b, year = int(m["a"]), int(m["b"]), m["year"]
    if len(year) == 2:
        return _flag(m, "two-digit year: the century is not written")
    if a <= 12 and b <= 12 and a != b:
        return _flag(m, f"ambiguous date: day {a} of month {b}, or day {b} of month {a}")
    month, day = (a, b) if b > 12 else (b, a)
    return _make(m, 0, (int(year), month, day), reference)


def _make(m: re.Match[str], span: int | str, ymd: _YMD, reference: date | None) -> Quantity:
    """The date quantity, or a flagged one when it cannot be placed or does not exist."""
    _, month, day = ymd
    parts = "".join(p for p, v in zip("ymd", ymd, strict=True) if v is not None)
    resolve = _RESOLVERS.get(parts)
    if resolve is not None and reference is None:
        return _flag(m, f"no year written and no reference date to resolve {m[span]!r}", span)
    try:
        value = resolve(reference, month, day) if resolve and reference else _full(ymd)
    except ValueError:
        return _flag(m, f"{m[span]!r} is not a calendar date", span)
    return Quantity("date", m[span], m.start(span), m.end(span), value, parts=parts)


def _full(ymd: _YMD) -> date:
    year, month, day = ymd
    return date(year or 1, month or 1, day or 1)


def _closest(reference: date, candidates: Iterator[date | None]) -> date:
    """The candidate nearest ``reference``; ValueError when none exists."""
    valid = [c for c in candidates if c is not None]
    if not valid:
        raise ValueError("no such date")
    return min(valid, key=lambda c: abs((c - reference).days))


def _month_day(reference: date, month: int | None, day: int | None) -> date:
    """December 19 -> the December 19 nearest the reference date."""
    years = (reference.year - 1, reference.year, reference.year + 1)
    return _closest(reference, (_safe(y, month or 1, day or 1) for y in years))


def _day_only(reference: date, month: int | None, day: int | None) -> date:
    """The 19th -> the 19th of the month nearest the reference date."""
    index = reference.year * 12 + reference.month - 1
    months = (divmod(index + k, 12) for k in (-1, 0, 1))
    return _closest(reference, (_safe(y, mo + 1, day or 1) for y, mo in months))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _flag(m: re.Match[str], note: str, span: int | str = 0) -> Quantity:
    return Quantity("flagged", m[span], m.start(span), m.end(span), None, note=note)


_RESOLVERS: dict[str, Callable[[date, int | None, int | None], date]] = {
    "md": _month_day,
    "d": _day_only,
}
