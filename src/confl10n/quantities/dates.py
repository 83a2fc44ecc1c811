"""Dates in English text: full, partial and numeric, for :mod:`confl10n.quantities.find`.

A date written without its year ("December 19", "in October") or month ("the
19th") is placed at the candidate closest to the reference date (the article's
publication date), with a note when that lands in another year (or month) than
the reference; nothing renders the parts that were not written. Without a
reference date the missing parts are placeholders (year 2000, January) and the
note says so. Numeric dates whose day and month could be swapped (02/03/2024) are
flagged. Ranges ("2022-2023", "September and October 2024", "March 3-5") are one
quantity whose ``upper`` is the last date; fiscal years ("FY 2024", "Fiscal Year
(FY) 2024") have ``parts`` ``fy``; a season or quarter ("winter 2023", "Q3 2024") is its
year with the part of the year as ``unit``.
"""

from __future__ import annotations

import re
from dataclasses import replace
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
_PLACEHOLDER_YEAR = 2000  # a leap year: February 29 without a year stays a date
_FISCAL = re.compile(
    r"\b(?:[Ff]iscal(?:\s+[Yy]ear)?(?:\s*\(FY\))?|FY)\s*'?(?P<year>(?:19|20)\d{2})"
    r"(?:[/–-](?P<end>\d{2}|(?:19|20)\d{2}))?\b(?![-–/]\d)"
    r"|\bFY\s?'?(?P<yy>\d{2})\b(?![-–/.,]\d)"
)
_YEARS = re.compile(
    r"\b(?P<between>(?i:between|from)\s+)?(?P<a>(?:19|20)\d{2})\s*(?P<join>-|–|—|to|and|through)"
    r"\s*(?P<b>(?:19|20)\d{2}|\d{2})\b(?![-–.,]?\d)"
)
# Parts of a year written with their year: "winter 2023", "the summer of 2024", "in fall
# 2022" ("fall" only after a word that makes it a noun: "prices fall 2023" is no season),
# "Q3 2024", "the second quarter of 2024", "H1 2024", "the first half of 2024".
_PERIOD = re.compile(
    r"\b(?:(?P<season>winter|spring|summer|autumn)|(?P<cue>(?:in|the|last|next|this|by|of"
    r"|during|until|since)\s+)(?P<fall>fall)|(?P<q>[QH][1-4])|(?P<nth>first|second|third"
    r"|fourth)\s+(?P<part>quarter|half))\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b"
    r"(?![-–/.,]?\d)",
    re.IGNORECASE,
)
_PERIODS = {"fall": "autumn", "first quarter": "Q1", "second quarter": "Q2",
            "third quarter": "Q3", "fourth quarter": "Q4", "first half": "H1",
            "second half": "H2"}  # fmt: skip
_MONTH_CUES = (
    "in|since|by|until|till|from|through|during|early|late|mid|last|next|this|of"
    "|before|after|between|in\\s+early|in\\s+late|up\\s+to|up\\s+until|as\\s+of|ahead\\s+of"
    "|(?:year|months?|weeks?|quarter|period)\\s+to"
)
_VERB_SAFE_CUE = re.compile(
    r"in|by|since|until|till|through|early|late|up\s+(?:to|until)|as\s+of"
    r"|(?:year|months?|weeks?|quarter|period)\s+to",
    re.IGNORECASE,
)
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


@cache
def _range_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Month ranges ("September and October 2024"), day ranges ("March 3-5"), months."""
    month = rf"(?:{words.month_pattern()})\b\.?"
    join = r"\s*(?:-|–|—|to|and|through|until)\s*"
    return (
        re.compile(rf"\b(?P<m1>{month}){join}(?P<m2>{month})(?:,?\s+(?P<year>\d{{4}})\b)?"),
        re.compile(
            rf"\b(?P<m1>{month})\s+(?P<d1>\d{{1,2}}){_ORD}\s*(?P<join>-|–|to|through|and)\s*"
            rf"(?P<d2>\d{{1,2}}){_ORD}\b(?!:){_YEAR}"
        ),
        re.compile(rf"\b(?:{_MONTH_CUES})[\s-]+(?P<m1>{month})(?![\s,]*\d)", re.IGNORECASE),
    )


YEARLESS = ("md", "m", "d")
"""Date parts without a year: only a reference date can place them."""


def iso_value(value: date, parts: str | None, *, placed: bool) -> str:
    """A date as ISO 8601 with only the parts that mean something: 2018, 2023-09,
    2024-12-19 (a month alone 2024-10, its year inferred); when no reference date placed
    a date written without a year (``placed`` False), the reduced forms without one:
    --12-19, --10, ---19."""
    iso = value.isoformat()
    if not placed and parts in YEARLESS:
        return {"md": f"--{iso[5:]}", "m": f"--{iso[5:7]}"}.get(parts, f"---{iso[8:]}")
    return {"y": iso[:4], "fy": iso[:4], "ym": iso[:7], "m": iso[:7]}.get(parts or "", iso)


def find_dates(text: str, reference: date | None) -> Iterator[Quantity]:
    """Every date written in ``text`` (overlapping candidates included)."""
    *written, slashed = _patterns()
    yield from _fiscal_years(text)
    yield from _periods(text)
    yield from _year_ranges(text)
    yield from _month_ranges(text, reference)
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
    q = _make(m, span, (ymd[0], month, ymd[1]), reference)
    if q.text.endswith(".") and not _abbreviated(month_text):  # "on 16 December." ends it
        return replace(q, text=q.text[:-1], end=q.end - 1)
    return q


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
    """The date quantity, or a flagged one when it does not exist."""
    parts = "".join(p for p, v in zip("ymd", ymd, strict=True) if v is not None)
    try:
        value, note = _placed(ymd, parts, reference, m[span])
    except ValueError:
        return _flag(m, f"{m[span]!r} is not a calendar date", span)
    return Quantity("date", m[span], m.start(span), m.end(span), value, parts=parts, note=note)


def _placed(ymd: _YMD, parts: str, reference: date | None, text: str) -> tuple[date, str | None]:
    """The date and a note on any part that was inferred (ValueError: no such date)."""
    _, month, day = ymd
    resolve = _RESOLVERS.get(parts)
    if resolve is None:
        return _full(ymd), None
    if reference is None:
        value = date(_PLACEHOLDER_YEAR, month or 1, day or 1)
        return value, f"no year written and no reference date to resolve {text!r}; left without"
    value = resolve(reference, month, day)
    return value, _inferred_note(value, parts, reference)


def _inferred_note(value: date, parts: str, reference: date) -> str | None:
    """Say so when a date without a year lands in another year (or month) than its article."""
    if value.year != reference.year:
        return (f"year not written: read as {value.year}, not the article's {reference.year} "
                f"(dated {reference.isoformat()}); check")  # fmt: skip
    if parts == "d" and value.month != reference.month:
        return f"month not written: read as {value:%B}, the article is dated {reference:%B %d}"
    return None


def _fiscal_years(text: str) -> Iterator[Quantity]:
    """ "FY 2024", "Fiscal Year (FY) 2024", "fiscal 2023", "FY24": years of account, ``parts``
    fy; one that straddles two calendar years ("FY 2025/26") has the second as ``upper``."""
    for m in _FISCAL.finditer(text):
        year = int(m["year"]) if m["year"] else 2000 + int(m["yy"])
        end = int(m["end"]) if m["end"] else None
        last = end if end is None or end > 99 else year // 100 * 100 + end
        if last is not None and last != year + 1:
            continue  # "FY 2024-26" is no one fiscal year: left to the year ranges
        upper = date(last, 1, 1) if last else None
        yield Quantity("date", m[0], m.start(), m.end(), date(year, 1, 1), upper=upper, parts="fy")


def _periods(text: str) -> Iterator[Quantity]:
    """ "winter 2023", "Q3 2024", "the first half of 2024": the year (``parts`` y) with the
    part of it as ``unit``: winter, spring, summer, autumn ("fall" too), Q1-Q4, H1, H2."""
    for m in _PERIOD.finditer(text):
        name = _period_name(m)
        if name is None:
            continue
        start = m.start("fall") if m["fall"] else m.start()
        yield Quantity("date", text[start : m.end()], start, m.end(), date(int(m["year"]), 1, 1),
                       unit=name, parts="y")  # fmt: skip


def _period_name(m: re.Match[str]) -> str | None:
    """The unit of a part of a year; None for "H3" and the like."""
    if m["q"]:
        name = m["q"].upper()
        return name if name[0] == "Q" or name[1] in "12" else None
    if m["nth"]:
        return _PERIODS.get(f"{m['nth']} {m['part']}".lower())
    season = (m["season"] or m["fall"]).lower()
    return _PERIODS.get(season, season)


def _year_ranges(text: str) -> Iterator[Quantity]:
    """ "2022-2023", "2022–23", "from 2020 to 2023", "between 2019 and 2021"."""
    for m in _YEARS.finditer(text):
        first, second = int(m["a"]), m["b"]
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last <= first or (m["join"] == "and" and not m["between"]):
            continue
        if m["join"] == "to" and m["between"] is None:
            continue  # "rose 2020 to 2021" is rare; "from 2020 to 2021" is a range
        start = m.start("a")
        yield Quantity("date", text[start : m.end()], start, m.end(), date(first, 1, 1),
                       upper=date(last, 1, 1), parts="y")  # fmt: skip


def _month_ranges(text: str, reference: date | None) -> Iterator[Quantity]:
    """Two months ("September and October 2024"), days of a month ("March 3-5"), and a
    month alone after a cue ("in October")."""
    months, days, alone = _range_patterns()
    for m in months.finditer(text):
        if m["year"] or re.search(r"(?i)\b(?:in|from|between|of|during)\s+$", text[: m.start()]):
            yield from _span_of_months(m, reference)
    for m in days.finditer(text):
        yield from _span_of_days(m, reference)
    for m in alone.finditer(text):
        # "may" and "march" are verbs too: only after a cue that is no verb's subject
        verb = m["m1"].lower().rstrip(".") in ("may", "march")
        cued = _VERB_SAFE_CUE.match(m[0]) is not None
        if m["m1"][0].isupper() and (cued or not verb):
            yield from _month_alone(m, reference)


def _span_of_months(m: re.Match[str], reference: date | None) -> Iterator[Quantity]:
    first, last = words.month(m["m1"]), words.month(m["m2"])
    if first is None or last is None or last <= first:
        return
    end = m.end()
    if not m["year"] and m[0].endswith(".") and not _abbreviated(m["m2"]):
        end -= 1  # "between May and July." ends the sentence
    parts = "ym" if m["year"] else "m"
    ymd_low: _YMD = (int(m["year"]) if m["year"] else None, first, None)
    q = _make(m, 0, ymd_low, reference)
    if isinstance(q.value, date):
        upper = q.value.replace(month=last)
        yield Quantity("date", m.string[m.start() : end], m.start(), end, q.value, upper=upper,
                       parts=parts, note=q.note)  # fmt: skip


_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                            "nov", "dec"})  # fmt: skip


def _abbreviated(name: str) -> bool:
    """Whether a "." after a month name is part of it ("Dec."), not a full stop ("July.")."""
    return name.lower().rstrip(".") in _ABBREVIATIONS


def _span_of_days(m: re.Match[str], reference: date | None) -> Iterator[Quantity]:
    """ "March 3-5", "between March 3 and 5": days of one month."""
    month = words.month(m["m1"])
    first, last = int(m["d1"]), int(m["d2"])
    between = re.search(r"(?i)\bbetween\s+$", m.string[max(0, m.start() - 12) : m.start()])
    if month is None or last <= first or (m["join"] == "and" and between is None):
        return
    q = _make(m, 0, (int(m["year"]) if m["year"] else None, month, first), reference)
    if isinstance(q.value, date):
        try:
            upper = q.value.replace(day=last)
        except ValueError:
            return
        yield replace(q, upper=upper)


def _month_alone(m: re.Match[str], reference: date | None) -> Iterator[Quantity]:
    """ "in October": the month, placed like a date without a year; ``parts`` m."""
    month = words.month(m["m1"])
    if month is None:
        return
    start, end = m.start("m1"), m.end("m1")
    if m["m1"].endswith(".") and not _abbreviated(m["m1"]):
        end -= 1
    try:
        value, note = _placed((None, month, None), "m", reference, m["m1"])
    except ValueError:
        return
    yield Quantity("date", m.string[start:end], start, end, value, parts="m", note=note)


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
    "m": _month_day,
}
