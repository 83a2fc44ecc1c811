"""Find the figures in English text: numbers, money, percentages, measures, dates, times.

Pure and light (regular expressions over ``data/quantities.toml``, no babel), so
the translation pipeline can call it per sentence. Ranges share the scale and
currency of their upper end ("$4 to $5 billion"); a minus is read in every form
copy writes it (:data:`MINUS`); units used as adjectives ("a 30-year loan") are
measures; "2.5x" is a multiplier; times, fractions and halves come from
:mod:`confl10n.quantities.spoken`, dates from :mod:`confl10n.quantities.dates`.
What is deliberately *not* a quantity (:mod:`confl10n.quantities.labels`): house
numbers ("630 Anpu Road"), years inside proper names ("the 2024 China ...
Conference"), identifiers and labels ("COVID-19", "5G", "Section 12", "8(a)",
"192.168.0.1", "10:30"), scores ("won 2-1"), digits of other scripts ("٣٨٠").
What cannot be read without guessing (02/03/2024, 1e400, a 50-digit number) comes
back as a ``flagged`` quantity with a note, never as a guessed value.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from confl10n.document import Quantity, duration_units
from confl10n.quantities import ambiguous, words
from confl10n.quantities.dates import find_dates
from confl10n.quantities.durations import duration_at, find_durations
from confl10n.quantities.labels import TIMES, find_labels, is_identifier
from confl10n.quantities.spoken import find_spoken

if TYPE_CHECKING:
    from collections.abc import Iterator

    from confl10n.document import Article

__all__ = ["article_quantities", "find_labels", "find_quantities"]

_TOO_BIG = Decimal(10) ** 18  # beyond any real-world figure a news article reports
# Minus signs as copy writes them: hyphen, U+2212, non-breaking hyphen, figure dash,
# en dash, small and full-width hyphen-minus; never after "4 " (a spaced range).
MINUS = "-\u2212\u2011\u2012\u2013\ufe63\uff0d"
# ISO codes written before an amount ("EUR 2-3 million"); those after it are words.toml's.
_CODES = "USD|EUR|GBP|JPY|CNY|RMB|CHF|HKD|TWD|KRW|INR|AUD|CAD|NZD|SGD"
_NUMERAL = re.compile(
    rf"(?<![\w.,:/#])(?<![A-Za-z]-)(?P<sign>(?<![0-9] )[{MINUS}])?"
    rf"(?P<cur>(?:US|HK|NT|AU?|CA?|NZ|S|R)\$|[$€£₹₩¥]|Rs\.?\s?|(?:{_CODES})\s?)?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?![.,:/][0-9]|\.[A-Za-z*])"  # "3.12.1", "2.10.x": version labels, no decimals
    r"(?P<exp>[eE][+-]?[0-9]+)?(?P<tail>%|°[CF]|×|[^\W\d_]+[²³]?)?(?![0-9])"
)
_SPELLED = re.compile(r"\b(?P<w>[A-Za-z]+)(?:-(?P<u>[A-Za-z]+))?\b(?!-\w)")
_YEAR = re.compile(r"1\d{3}|2[01]\d{2}")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)]|$)")
_NAMES = re.compile(r"(?:\s+[A-Z][a-z]+){1,3}\b")
_RANGE_JOIN = re.compile(r"\s*(?:to|and|-|–|—)\s*")
_MODERN_YEAR = re.compile(r"19\d{2}|20\d{2}")
_APPROX = frozenset(
    {
        "about",
        "nearly",
        "almost",
        "some",
        "over",
        "than",
        "under",
        "roughly",
        "approximately",
        "least",
        "most",
        "only",
        "just",
        "all",
        "another",
    }
)
_TIMES_MORE = re.compile(
    r"(\s+times)\s+(?:as|more|less|fewer|that|the|over|(?!after|other|under)[a-z]{3,}er)\b",
    re.IGNORECASE,
)
_HYPHEN = re.compile(r"[-\u2011](?=[A-Za-z])")
_HYPHEN_OLD = re.compile(r"[-\u2011]old\b")
_NOUN_WORD = re.compile(r"\s+([A-Za-z]+(?:-[A-Za-z]+)*)")
# Verbs of change in every form copy uses: "rose from €500 to €750", "increase by €10 to
# €340", "fell $2 to $40": a change then the new level (or old then new), never a range.
_CHANGE_VERB_WORDS = (
    r"(?:rose|risen|rises|rising|rise|grew|grown|grows|growing|grow|increased|increases"
    r"|increasing|increase|fell|fallen|falls|falling|fall|dropped|drops|dropping|drop|climbed"
    r"|climbs|climbing|climb|declined|declines|declining|decline|decreased|decreases"
    r"|decreasing|decrease|jumped|jumps|jumping|jump|slipped|slips|slip|gained|gains|gain"
    r"|lost|loses|losing|lose|cut|cuts|cutting|raised|raises|raising|raise|lifted|lifts"
    r"|lifting|lift|slashed|slashes|slashing|slash|added|adds|adding|add|shed|sheds|shedding"
    r"|expanded|expands|expand|shrank|shrunk|shrinks|shrink|reduced|reduces|reducing|reduce"
    r"|narrowed|narrows|narrow|widened|widens|widen|went|up|down)"
)
_CHANGE_VERBS = re.compile(rf"\b{_CHANGE_VERB_WORDS}\b[^.;]{{0,40}}\bfrom\s*$", re.IGNORECASE)
_CHANGE_BY = re.compile(
    rf"(?:\bby|\b{_CHANGE_VERB_WORDS}"
    r"|\b(?:increase|rise|fall|drop|cut|decline|decrease|gain|jump|reduction|hike|loss"
    r"|growth)s?\s+of)\s+$",
    re.IGNORECASE,
)
_CHANGE_KINDS = ("money", "percent", "measure", "count")


class _Tail(NamedTuple):
    """What follows a number: its kind, unit, scale and where the quantity ends."""

    kind: str
    unit: str | None
    scale: str | None
    power: int
    end: int
    start: int


def find_quantities(text: str, *, reference_date: date | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order, with spans indexing ``text``.

    ``reference_date`` (usually the article's publication date) supplies the
    year or month a date leaves out ("December 19", "the 19th").
    """
    candidates = [*find_dates(text, reference_date), *find_spoken(text), *_numerals(text),
                  *_spelled(text), *find_durations(text)]  # fmt: skip
    candidates.sort(key=lambda q: (q.start, q.start - q.end))
    chosen: list[Quantity] = []
    for q in candidates:
        if not chosen or q.start >= chosen[-1].end:
            chosen.append(q)
    return chosen


# What may sit between two words of a figure in the source: line breaks, tags, emphasis.
_SOURCE_GAP = r"(?:\s|<[^>]*>|[*_])+"


def article_quantities(article: Article) -> list[Quantity]:
    """The quantities of every title, heading and sentence of ``article``.

    Spans index :attr:`Article.text`, the source as written: a figure after a Markdown
    link, emphasis, code or an entity is where the file has it (``text`` stays the plain
    sentence's); each quantity carries its sentence ID.
    """
    found: list[Quantity] = []
    for sentence in article.units():
        raw = article.text[sentence.start : sentence.end]
        where = _SourceMap(sentence.text, raw)
        for q in find_quantities(sentence.text, reference_date=article.published):
            start, end = where.span(q.start, q.end, q.text)
            found.append(replace(q, start=start + sentence.start, end=end + sentence.start,
                                 sentence_id=sentence.id))  # fmt: skip
    return found


_MARKUP_MAX = 4096  # no markup between two plain characters is longer (a link target…)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class _SourceMap:
    """Offsets of a sentence's plain text in its source, markup and all: each plain
    character is matched, in order, with the next source character that writes it
    (itself, an entity such as ``&amp;``, a backslash escape, any space for a space)."""

    def __init__(self, plain: str, raw: str) -> None:
        self.raw = raw
        self.starts: list[int] = []
        self.ends: list[int] = []
        if plain == raw:
            return
        position = 0
        for char in plain:
            start, end = self._next(char, position)
            self.starts.append(start)
            self.ends.append(end)
            position = end

    def _next(self, char: str, position: int) -> tuple[int, int]:
        """(start, end) of the next writing of ``char`` at or after ``position``."""
        raw = self.raw
        for index in range(position, min(len(raw), position + _MARKUP_MAX)):
            here = raw[index]
            if here == char or (char.isspace() and here.isspace()):
                return index, index + 1
            if here == "\\" and raw[index + 1 : index + 2] == char:
                return index, index + 2
            entity = _ENTITY.match(raw, index) if here == "&" else None
            if entity is not None and html.unescape(entity[0]) == char:
                return index, entity.end()
        return position, position

    def span(self, start: int, end: int, text: str) -> tuple[int, int]:
        """The source span of plain ``[start, end)`` holding ``text``: where the source
        writes ``text`` itself nearest the aligned place, else the aligned span."""
        if not self.starts:
            return start, end
        first, last = self.starts[start], self.ends[end - 1]
        if self.raw[first:last] == text:
            return first, last
        places = [m.start() for m in re.finditer(re.escape(text), self.raw)]
        if not places:
            return first, last
        nearest = min(places, key=lambda p: abs(p - first))
        return nearest, nearest + len(text)


def _numerals(text: str) -> Iterator[Quantity]:
    for match in _NUMERAL.finditer(text):
        q = _numeral(text, match)
        if q is not None:
            yield q


def _numeral(text: str, m: re.Match[str]) -> Quantity | None:
    """Read one numeral with what surrounds it; None when it is not a quantity."""
    if is_identifier(text, m) or _is_address(text, m.end()):
        return None
    if m["exp"] or len(m["num"].replace(",", "").split(".")[0]) > 18:
        return _flagged(m, "number too large or in scientific notation; check the source")
    year = _year_role(text, m)
    if year == "name":
        return None
    if year == "year":
        value = date(int(m["num"]), 1, 1)
        return Quantity("date", m["num"], m.start(), m.end(), value, parts="y")
    tail = _tail(text, m)
    if tail is None:
        return None
    return (_change(text, m, tail) or _range(text, m, tail) or _old_level(text, m, tail)
            or _build(text, m, tail))  # fmt: skip


def _change(text: str, m: re.Match[str], tail: _Tail) -> Quantity | None:
    """The change of "grew by 2 million to 9 million tonnes" (None when the numeral is no
    such change): its own figure, never a range with the level after "to", and counted in
    the level's unit when it writes none (2 million tonnes)."""
    join = _RANGE_JOIN.match(text, tail.end)
    if join is None or join[0].strip() != "to" or not _CHANGE_BY.search(_before(text, m.start())):
        return None
    change = _build(text, m, tail)
    level = _level_at(text, join.end())
    if level is None or level.kind not in _CHANGE_KINDS:
        return change
    if _same_suffix(m, level):  # "by 2m to 9m tonnes": 2 million tonnes, not 2 metres
        tail = _Tail(level.kind, level.unit, m["tail"], words.scale_power(level.scale), m.end(),
                     m.start())  # fmt: skip
        return _build(text, m, tail)
    return _in_terms_of(text, m, tail, level) or change


def _old_level(text: str, m: re.Match[str], tail: _Tail) -> Quantity | None:
    """The old level of "rose from $4 to $5 billion" (None when the numeral is no such
    level): counted in the new level's scale and unit when it writes neither ($4 billion)."""
    join = _RANGE_JOIN.match(text, tail.end)
    if (
        join is None
        or join[0].strip() != "to"
        or not _CHANGE_VERBS.search(_before(text, m.start()))
    ):
        return None
    level = _level_at(text, join.end())
    return _in_terms_of(text, m, tail, level) if level is not None else None


def _level_at(text: str, pos: int) -> Quantity | None:
    """The new level a change or old level leads "to": a compound duration ("to 1 hour 20
    minutes") or a numeral."""
    compound = duration_at(text, pos)
    if compound is not None:
        return compound
    second = _NUMERAL.match(text, pos)
    return _numeral(text, second) if second else None


def _in_terms_of(text: str, m: re.Match[str], tail: _Tail, level: Quantity) -> Quantity | None:
    """The numeral counted in ``level``'s unit, and in its scale when it writes none ("from
    $4 to $5 billion", "by 2 to 9 million tonnes", "by 2 million to 9 million tonnes");
    None when it carries a unit of its own or another currency."""
    same_money = tail.kind == "money" and (level.kind, level.unit) == ("money", tail.unit)
    if (tail.kind != "number" and not same_money) or level.kind not in _CHANGE_KINDS:
        return None
    scale, power = (tail.scale, tail.power) if tail.scale else (level.scale, 0)
    power = power or _borrowed_power(m, level, scale)
    unit = (duration_units(level.unit) or (level.unit,))[-1]  # "from 55 to 1 hour 20 minutes"
    own = _Tail(level.kind, unit, scale if power else None, power, tail.end, tail.start)
    return _build(text, m, own)


def _borrowed_power(m: re.Match[str], other: Quantity, scale: str | None) -> int:
    """The power of ``scale`` (written at the range's or change's other end) for a numeral
    that writes none: "2 to 9 million" is 2 million, but a numeral written out whole ("from
    800,000 to 1.2 million", "by 1,500 to 2.3 million") keeps its value, unless the scale
    keeps it within the other end ("between 1,200 and 1,500 million")."""
    power = words.scale_power(scale)
    digits = m["num"].replace(",", "")
    if not power or len(digits.partition(".")[0]) <= 3 or not isinstance(other.value, Decimal):
        return power
    return power if abs(Decimal(digits).scaleb(power)) <= abs(other.value) else 0


def _same_suffix(m: re.Match[str], level: Quantity) -> bool:
    """Whether the change has the level's attached scale letter ("2m" before "9m tonnes")."""
    return bool(m["tail"] and level.scale and m["tail"].lower() == level.scale.lower())


def _build(text: str, m: re.Match[str], tail: _Tail) -> Quantity:
    """The quantity a numeral and its tail make."""
    digits = m["num"].replace(",", "")
    value = _scaled(Decimal(digits), tail.power)
    if m["sign"]:
        value = -value
    if abs(value) >= _TOO_BIG:
        return _flagged(m, "number too large to be a real figure; check the source")
    decimals = len(digits.partition(".")[2])
    note = "negative value: check the sign survives translation" if m["sign"] else None
    start, end = tail.start, tail.end
    return Quantity(tail.kind, text[start:end], start, end, value, unit=tail.unit,
                    decimals=decimals, scale=tail.scale, note=note)  # fmt: skip


def _scaled(number: Decimal, power: int) -> Decimal:
    """``number`` times 10**power, written as an integer when it is one (4500000)."""
    value = number.scaleb(power)
    return value.quantize(Decimal(1)) if power and value == value.to_integral_value() else value


def _flagged(m: re.Match[str], note: str) -> Quantity:
    return Quantity("flagged", m[0], m.start(), m.end(), None, note=note)


def _is_address(text: str, pos: int) -> bool:
    """A number followed by Capitalised names and a street word: a house number."""
    names = _NAMES.match(text, pos)
    return names is not None and words.is_street(names[0].split()[-1])


def _year_role(text: str, m: re.Match[str]) -> str | None:
    """ "year" for a bare year ("since 2018", "its 2023 annual report"), "name" inside a
    name ("the 2024 Games"), None for any other number."""
    if m["sign"] or m["cur"] or m["tail"] or not _YEAR.fullmatch(m["num"]):
        return None
    prev = re.search(r"([A-Za-z]+)\W*$", _before(text, m.start()))
    word = prev[1] if prev else ""
    cue = words.is_cue(word)
    if _CAPITAL_NEXT.match(text, m.end()) and not words.is_cue(word, strict=True):
        return "name"
    if cue or _CLAUSE_END.match(text, m.end()):
        return "year"
    return "year" if _reads_as_year(text, m, word) else None


def _reads_as_year(text: str, m: re.Match[str], word: str) -> bool:
    """1900-2099 before a word that is no noun it could count ("2023 annual report",
    "2024 and 2023", "Budget 2024 was"); never after "about" and the like."""
    after = _NOUN_WORD.match(text, m.end())
    if not _MODERN_YEAR.fullmatch(m["num"]) or after is None or word.lower() in _APPROX:
        return False
    following = after[1]
    plural = words.looks_plural(following) and not words.is_noun_stop(following)
    counted = plural or words.is_filler(following)
    finders = (words.unit_after, words.currency_after, words.scale_after, words.percent_after)
    measured = any(f(text, m.end()) for f in finders)
    return not (counted or measured or following[0].isupper())


def _tail(text: str, m: re.Match[str]) -> _Tail | None:
    """Classify a numeral by what is attached to it or follows it."""
    attached, pos, start = m["tail"], m.end(), m.start()
    if not attached:
        hyphened = _hyphened(text, start, pos, m["cur"])
        if hyphened is not None:
            return hyphened
        scale = words.scale_after(text, pos)
        if scale is not None:
            return _after(text, start, scale.end, m["cur"], scale)
        return _after(text, start, pos, m["cur"], None)
    if attached.lower() in ("st", "nd", "rd", "th"):
        return _Tail("ordinal", _noun(text, pos), None, 0, pos, start)
    if attached == "%":
        return _Tail("percent", None, None, 0, pos, start)
    if attached in TIMES:
        return _Tail("multiplier", None, None, 0, pos, start)
    power = words.suffix_power(attached, money=bool(m["cur"]) or _counts_after(text, pos))
    if power is None:
        return _Tail("measure", words.unit_symbol(attached), None, 0, pos, start)
    return _after(text, start, pos, m["cur"], words.Hit(str(power), attached, pos))


def _counts_after(text: str, pos: int) -> bool:
    """ "1.2m customers", "10k runners": a plural noun right after makes m and k scales."""
    noun = _NOUN_WORD.match(text, pos)
    return noun is not None and words.looks_plural(noun[1]) and not words.is_noun_stop(noun[1])


def _hyphened(text: str, start: int, pos: int, sign: str | None) -> _Tail | None:
    """A unit used as an adjective: "a 30-year loan", "1.3-km", "3-fold", "$5-million"."""
    if not _HYPHEN.match(text, pos):
        return None
    scale = words.scale_after(text, pos + 1)
    if scale is not None:
        return _after(text, start, scale.end, sign, scale)
    unit = words.adjective_unit(text, pos + 1) or ambiguous.adjective_unit(text, pos + 1)
    if unit is None or sign or _HYPHEN_OLD.match(text, unit.end):
        return None  # "30-year-old" is an age, better translated with its words
    if unit.meaning == "multiplier":
        return _Tail("multiplier", None, None, 0, unit.end, start)
    return _Tail("measure", unit.meaning, None, 0, unit.end, start)


def _after(text: str, start: int, pos: int, sign: str | None, scale: words.Hit | None) -> _Tail:
    """What a number (with its scale, if any) is, judging by the words after it."""
    word, power = (scale.word, int(scale.meaning)) if scale else (None, 0)
    times = _TIMES_MORE.match(text, pos) if not (scale or sign) else None
    if times is not None:  # "1.5 times larger", "three times as many": not "5 times a week"
        return _Tail("multiplier", None, None, 0, times.end(1), start)
    money = _money_tail(text, start, pos, sign)
    if money is not None:
        code, begin, end = money
        return _Tail("money", code, word, power, end, begin)
    percent = words.percent_after(text, pos)
    if percent is not None:
        return _Tail("percent", None, word, power, percent, start)
    unit = words.unit_after(text, pos) or ambiguous.unit_after(text, start, pos)
    if unit is not None:
        return _Tail("measure", unit.meaning, word, power, unit.end, start)
    noun = _noun(text, pos)
    return _Tail("count" if noun else "number", noun, word, power, pos, start)


def _money_tail(text: str, start: int, pos: int, sign: str | None) -> tuple[str, int, int] | None:
    """(ISO code, start, end) when a sign, a currency word after or a code before makes it money."""
    if sign:
        return words.currency_sign(sign, text), start, pos
    after = words.currency_after(text, pos)
    if after:
        return after.meaning, start, after.end
    before = words.currency_before(text, start)
    return (before[0], before[1], pos) if before else None


def _noun(text: str, pos: int) -> str | None:
    """The noun a number counts: the first plural in the phrase after it, else the last word."""
    found: list[str] = []
    m = _NOUN_WORD.match(text, pos)
    while m and len(found) < 6:
        word = m[1]
        if words.is_noun_stop(word) or (word[0].isupper() and not word.isupper()):
            break
        found.append(word)
        m = _NOUN_WORD.match(text, m.end())
    content = [w for w in found if not words.is_filler(w)]
    plural = [w for w in content if words.looks_plural(w)]
    if plural:
        return plural[0]
    return content[-1] if content else None


def _range(text: str, m: re.Match[str], tail: _Tail) -> Quantity | None:
    """'500 to 1,000 yuan', '$4 to $5 billion', '€2-3 million' -> one range sharing the
    scale and currency written at its upper end; 'rose from 5 to 7' stays two numbers."""
    upper = _range_upper(text, m, tail)
    if upper is None or not isinstance(upper.value, Decimal):
        return None
    power = tail.power if tail.scale else _borrowed_power(m, upper, upper.scale)
    value = _scaled(Decimal(m["num"].replace(",", "")), power)
    decimals = max(len(m["num"].partition(".")[2]), upper.decimals)
    kind, unit = (upper.kind, upper.unit) if tail.kind != "money" else ("money", tail.unit)
    return replace(upper, kind=kind, unit=unit, text=text[m.start() : upper.end], start=m.start(),
                   value=value, upper=upper.value, decimals=decimals)  # fmt: skip


def _range_upper(text: str, m: re.Match[str], tail: _Tail) -> Quantity | None:
    """The upper end of a range that starts with a bare number or amount, if there is one."""
    join = _RANGE_JOIN.match(text, tail.end)
    if join is None or m["sign"] or not _may_open_range(m, tail, join[0]):
        return None
    before = _before(text, m.start())
    if "and" in join[0] and not re.search(r"(?i)\bbetween\s*$", before):
        return None
    second = _NUMERAL.match(text, join.end())
    upper = _numeral(text, second) if second and not _CHANGE_VERBS.search(before) else None
    if upper is None or upper.upper is not None or upper.value is None:
        return None
    if tail.kind == "money":  # "$4 to $5 billion", "€2-3 million": same currency or none
        fits = upper.kind in ("number", "count") or (upper.kind, upper.unit) == ("money", tail.unit)
        return upper if fits and not (second and second["sign"]) else None
    if tail.kind == "percent":
        return upper if upper.kind == "percent" and "to" not in join[0] else None
    return upper if upper.kind in ("money", "percent", "measure", "count") else None


def _may_open_range(m: re.Match[str], tail: _Tail, join: str) -> bool:
    """A bare number, an amount with only its sign ("$4"), or a percentage ("5%")."""
    if tail.kind == "number":
        return True
    if tail.kind == "money":
        return bool(m["cur"]) and tail.scale is None and tail.end == m.end()
    return tail.kind == "percent" and m["tail"] == "%" and "to" not in join


def _before(text: str, pos: int) -> str:
    """The few words before ``pos``: context checks never rescan the whole text."""
    return text[max(0, pos - 80) : pos]


def _spelled(text: str) -> Iterator[Quantity]:
    """Small numbers and ordinals written as words: "seven consecutive years"."""
    for m in _SPELLED.finditer(text):
        value = words.spelled_value(m["w"], m["u"])
        if value is not None:
            scale = words.scale_after(text, m.end())
            tail = _after(text, m.start(), scale.end if scale else m.end(), None, scale)
            if tail.kind != "number":
                yield _spelled_quantity(text, m.start(), tail.end, value, tail)
        elif _is_ordinal(text, m):
            value = words.ordinal_value(m["w"]) or 0
            yield _spelled_quantity(text, m.start(), m.end(), value, _Tail(
                "ordinal", _noun(text, m.end()), None, 0, m.end(), m.start()))  # fmt: skip


def _is_ordinal(text: str, m: re.Match[str]) -> bool:
    """An ordinal word after "the" and before a noun: "the fifth consecutive year"."""
    if m["u"] or words.ordinal_value(m["w"]) is None:
        return False
    after_the = re.search(r"\bthe\s+$", _before(text, m.start()), re.IGNORECASE)
    return after_the is not None and _noun(text, m.end()) is not None


def _spelled_quantity(text: str, start: int, end: int, value: int, tail: _Tail) -> Quantity:
    amount = _scaled(Decimal(value), tail.power)
    return Quantity(tail.kind, text[start:end], start, end, amount, unit=tail.unit,
                    scale=tail.scale)  # fmt: skip
