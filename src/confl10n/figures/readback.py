"""Read figures back out of a translation, the way the target locale writes them.

For :mod:`confl10n.figures.qa`. Handles the locale's decimal and group separators (and
English-style copies of them), full-width and Arabic-Indic digits, scale words
from CLDR (万, 亿, Mrd., millones, مليار), "1万1000", dates with CLDR month
names or 年/月/日, Chinese numerals (二十五) and small number words.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from confl10n.languages import language_of
from confl10n.localize import formatting as localize
from confl10n.quantities.words import currency_signs

if TYPE_CHECKING:
    from pathlib import Path

    from confl10n.document import Quantity

_CJK_SCALES = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12, "千": 3}
_CJK_DIGITS = dict(
    zip("〇零一二两兩三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?:(?P<d>\d{1,2})\s*[日号號])?"
)
_CJK_REST = re.compile(r"(\d+)([千万萬])?")  # the 1000 of 1万1000, the 130万 of 1億130万
_REST_FACTOR = {"千": 1000, "万": 10**4, "萬": 10**4}
_PERCENT_MARKS = ("%", "٪", "％", "percent", "por ciento", "pour cent", "prozent", "百分",
                  "パーセント", "في المئة", "بالمئة")  # fmt: skip
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*(?:de\s+)?$")  # 19. Dezember, 19 de
_DAY_AFTER = re.compile(r"\s*(\d{1,2})(?!\d)")  # an English-style copy: December 19
_YEAR_AFTER = re.compile(r"\s*(?:de\s+|,\s*)?(\d{4})(?!\d)")  # 2019, de 2019
_CJK_NUMERAL = re.compile(r"[〇零一二两兩三四五六七八九十百千]+")
# What joins the two ends of a span ("2,1 a 3,4 millones", "2,1 bis 3,4 Mio.", "2至3亿")
_SPAN_JOIN = re.compile(r"\s*(?:-|–|—|~|～|至|到|a|al|y|e|hasta|bis|auf|und|à|et|au)\s*",
                        re.IGNORECASE)  # fmt: skip
_STOPS = frozenset({"des", "del", "los", "las", "der", "die", "von"})  # in currency names
# A currency sign with the letters written onto it ("US$", "$US", "CN¥", "€"), or a word.
_CURRENCY_SIGN = re.compile(r"[^\w\s.,'’\-–~～]")
_CURRENCY_PART = re.compile(r"[^\W\d_]*[^\w\s.,'’\-–~～]+[^\W\d_]*|[^\W\d_]+")
_SPACES = "\u00a0\u202f\u2009 "
_YMD = tuple[int | None, int | None, int | None]


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure read from a translation; ``english`` is set when an English
    reading of the same digits gives a different value ("1,926" in German)."""

    start: int
    end: int
    text: str
    value: Decimal | None = None
    english: Decimal | None = None
    mantissa: Decimal | None = None
    ymd: _YMD | None = None
    digits: bool = True

    @property
    def scaled(self) -> bool:
        """Whether a scale word followed the digits ("3800亿", "4,5 Mio.")."""
        return self.mantissa is not None and self.mantissa != self.value


def read_figures(text: str, locale: str, *, style_dir: Path | None = None) -> list[Reading]:
    """Every number, date and small number word in ``text``, in order.

    ``locale`` must be a canonical babel id (see :func:`localize.check_locale`);
    ``style_dir`` is where its style (and so its numbering system) comes from.
    """
    plain = normalize_digits(text)
    dates = _dates(plain, locale)
    numbers = [r for r in _numbers(plain, locale, style_dir) if not _covered(r, dates)]
    words = [r for r in _words(plain, locale) if not _covered(r, dates + numbers)]
    found = sorted(dates + numbers + words, key=lambda r: r.start)
    return [replace(r, text=text[r.start : r.end]) for r in found]


def unit_marks(q: Quantity, locale: str, *, style_dir: Path | None = None) -> tuple[str, ...]:
    """Lower-cased stems any of which shows that ``q``'s unit came through in ``locale``:
    its word in the locale's style, CLDR's names and symbols, the English as written."""
    if q.kind == "percent":
        return _PERCENT_MARKS
    rendered = localize.format_quantity(q, locale, style_dir=style_dir)
    found = {w for w in re.findall(r"[^\W\d_]+", rendered) if w.lower() not in _scales(locale)}
    found |= set(re.findall(r"[^\W\d_]+", q.text)) - {"and", "to", "between", "a", "an"}
    found |= {w for unit in _same_units(q.unit) for w in localize.cldr_unit_names(unit, locale)}
    found |= set(_unit_words(language_of(locale)).get(q.unit or "", []))
    stems = {w.casefold()[:5] for w in found if w}
    # CJK units may come back shorter (百分点 for 个百分点): any two characters of them count
    stems |= {w[i : i + 2] for w in found if _is_cjk(w) for i in range(len(w) - 1)}
    return tuple(sorted(stems))


def _same_units(unit: str | None) -> list[str]:
    """``unit`` and the units whose CLDR names copy writes for it (mass-ton: mass-tonne)."""
    return [unit, *_unit_words("same").get(unit, [])] if unit else []


@cache
def _unit_words(table: str) -> dict[str, list[str]]:
    """A table of data/unit_words.toml: unit words CLDR lacks, by language, or "same"."""
    path = resources.files("confl10n") / "data" / "unit_words.toml"
    found: dict[str, list[str]] = tomllib.loads(path.read_text(encoding="utf-8")).get(table, {})
    return found


@cache
def currency_marks(code: str, locale: str, style_dir: Path | None = None) -> frozenset[str]:
    """What shows currency ``code`` in a ``locale`` text, lower-cased: CLDR's names and
    symbol and the style's names, as word stems (5 letters: "dólar", "euro"), whole CJK
    names less their scale characters ("美元", "円"), symbols with their letters ("€",
    "us$", "$au") and the signs English writes ("$", "a$")."""
    named = {mark for name in currency_names(code, locale, style_dir) for mark in name}
    return frozenset({code.casefold(), *currency_signs(code), *named})


@cache
def currency_names(
    code: str, locale: str, style_dir: Path | None = None
) -> tuple[tuple[str, ...], ...]:
    """Each of CLDR's and the style's names of currency ``code`` in ``locale`` as the marks
    of :func:`currency_marks` it holds, in their order ("dólares australianos" -> ("dólar",
    "austr"), "Australische Dollar" -> ("austr", "dolla"))."""
    from confl10n.document import Quantity

    names = list(localize.cldr_unit_names(code, locale))
    for value in (Decimal(5), Decimal(5_000_000)):
        q = Quantity("money", code, 0, 0, value, unit=code)
        names.append(localize.format_quantity(q, locale, style_dir=style_dir))
    return tuple(_name_marks(name, locale) for name in names)


def _name_marks(name: str, locale: str) -> tuple[str, ...]:
    found = _CURRENCY_PART.findall(name)
    marks = (w.casefold() if _CURRENCY_SIGN.search(w) else _stem(w, locale) for w in found)
    return tuple(m for m in marks if m and m != "%")


def _stem(word: str, locale: str) -> str:
    if _is_cjk(word):
        return word.strip("".join(_CJK_SCALES))
    lower = word.casefold()
    short = len(lower) <= 2 and lower.isascii()  # "US" of US$, "de", "d" of d’euros
    return "" if short or lower in _STOPS or lower in _scales(locale) else lower[:5]


def _covered(r: Reading, others: list[Reading]) -> bool:
    return any(o.start < r.end and r.start < o.end for o in others)


def normalize_digits(text: str) -> str:
    """Same length as ``text``: any decimal digit -> ASCII, full-width forms -> ASCII."""
    out = []
    for ch in text:
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif "\uff01" <= ch <= "\uff5e":
            out.append(chr(ord(ch) - 0xFEE0))
        else:
            out.append({"\u2212": "-", "٪": "%"}.get(ch, ch))
    return "".join(out)


@cache
def _number_pattern(locale: str, style_dir: Path | None) -> tuple[re.Pattern[str], str, str]:
    """A regex for digit runs with this locale's separators, and the separators."""
    style = localize.load_style(locale, style_dir=style_dir)
    system = str(style.get("numbers", {}).get("numbering_system", "latn"))
    symbols = localize.cldr_symbols(locale, system)
    decimal, group = symbols["decimal"], symbols["group"]
    separators = ".,'" + decimal + group + (_SPACES if group.isspace() else "")
    seps = re.escape("".join(sorted(set(separators))))
    pattern = re.compile(rf"(?<![A-Za-z\d])(?<![A-Za-z]-)-?\d+(?:[{seps}]\d+)*(?![A-Za-z\d])")
    return pattern, decimal, group


def _numbers(plain: str, locale: str, style_dir: Path | None) -> list[Reading]:
    pattern, decimal, group = _number_pattern(locale, style_dir)
    found: list[Reading] = []
    for m in pattern.finditer(plain):
        local, english = _value(m[0], decimal, group), _value(m[0], ".", ",")
        alt = english if english != local else None
        fresh = not found or m.start() >= found[-1].end  # "1万1000" is one figure
        if fresh and (local is not None or alt is not None):
            found.append(_scaled(plain, m.start(), m.end(), local, alt, locale))
    ends = [*found[1:], None]  # each figure with the one after it
    return [_shared_scale(plain, r, after) for r, after in zip(found, ends, strict=False)]


def _shared_scale(plain: str, r: Reading, after: Reading | None) -> Reading:
    """A bare number that opens a span whose other end writes the scale takes it:
    "de 2,1 a 3,4 millones", "von 2,1 auf 3,4 Millionen" (2.1 million), as in English."""
    if after is None or r.scaled or not after.scaled or r.value is None:
        return r
    if (
        after.value is None
        or not after.mantissa
        or not _SPAN_JOIN.fullmatch(plain[r.end : after.start])
    ):
        return r
    factor = after.value / after.mantissa
    english = r.english * factor if r.english is not None else None
    return replace(r, value=r.value * factor, english=english)


def _value(token: str, decimal: str, group: str) -> Decimal | None:
    """``token`` read with these separators; None when it is not well formed."""
    whole, _, fraction = token.partition(decimal) if decimal in token else (token, "", "")
    if not fraction.isdigit() and fraction:
        return None
    splitter = f"[{re.escape(group)}{_SPACES}]" if group.isspace() else re.escape(group)
    groups = re.split(splitter, whole)
    sign = "-" if groups[0].startswith("-") else ""
    groups[0] = groups[0].lstrip("-")
    if not all(g.isdigit() for g in groups) or any(len(g) != 3 for g in groups[1:]):
        return None
    if len(groups) > 1 and not 1 <= len(groups[0]) <= 3:
        return None
    return Decimal(sign + "".join(groups) + ("." + fraction if fraction else ""))


def _scaled(
    plain: str, start: int, end: int, value: Decimal | None, alt: Decimal | None, locale: str
) -> Reading:
    """Apply a scale word after the number ("3800亿", "4,5 Mio.", "1万1000")."""
    scale = _scale_pattern(locale).match(plain, end)
    if scale is None:
        return Reading(start, end, "", value, alt, value)
    word = scale[1] or scale[2]
    factor = Decimal(10) ** _scales(locale)[word.lower()]
    scaled, english = (v * factor if v is not None else None for v in (value, alt))
    rest = _CJK_REST.match(plain, scale.end()) if scale[1] else None
    if rest is not None and scaled is not None:
        extra = Decimal(rest[1]) * _REST_FACTOR.get(rest[2] or "", 1)
        if extra < factor:
            return Reading(start, rest.end(), "", scaled + extra, english, value)
    return Reading(start, scale.end(), "", scaled, english, value)


@cache
def _scales(locale: str) -> dict[str, int]:
    return {**_cldr_scale_words(locale), **_CJK_SCALES}


def _cldr_scale_words(locale: str) -> dict[str, int]:
    """Scale words of ``locale`` ("万", "Mrd.", "millones") -> power of ten, from CLDR."""
    found: dict[str, int] = {}
    for length in ("short", "long"):
        try:
            formats = localize.cldr_locale(locale).compact_decimal_formats[length]
        except KeyError:  # CLDR has no long compact forms for some locales (zh, ja)
            continue
        for per_plural in formats.values():
            for magnitude, pattern in per_plural.items():
                word = re.sub(r"[0#.,'\s]+", " ", pattern.pattern).strip()
                if word:
                    found[word.lower()] = len(magnitude) - pattern.pattern.count("0")
    return found


@cache
def _month_names(locale: str) -> dict[str, int]:
    """Month names and abbreviations of ``locale``, lower-cased, -> month number."""
    months = localize.cldr_locale(locale).months
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in months[context][width].items():
                names[name.lower().rstrip(".")] = int(number)
    return names


@cache
def _scale_pattern(locale: str) -> re.Pattern[str]:
    words = sorted(_scales(locale), key=len, reverse=True)
    cjk = "|".join(re.escape(w) for w in words if _is_cjk(w))
    other = "|".join(re.escape(w) for w in words if not _is_cjk(w)) or "(?!)"
    # CJK scale words run straight into the next word (3800亿元); others must end a word.
    return re.compile(rf"[{_SPACES}]?(?:({cjk})|({other})(?![^\W\d_]))", re.IGNORECASE)


def _is_cjk(word: str) -> bool:
    return all("\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in word)


def _dates(plain: str, locale: str) -> list[Reading]:
    if language_of(locale) in ("zh", "ja", "ko"):
        return [_cjk_date(m) for m in _CJK_DATE.finditer(plain) if m["y"] or m["m"] or m["d"]]
    dates = [_named_date(plain, m, number) for m, number in _month_matches(plain, locale)]
    return [d for d in dates if d is not None]


def _cjk_date(m: re.Match[str]) -> Reading:
    """2019年11月2日, 12月19日, 2023年9月, 2018年, 19日."""
    year, month, day = (int(m[g]) if m[g] else None for g in "ymd")
    return Reading(m.start(), m.end(), "", ymd=(year, month, day))


@cache
def _month_regex(locale: str) -> re.Pattern[str]:
    names = sorted(_month_names(locale), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![^\W\d_])({alternation})\.?(?![^\W\d_])", re.IGNORECASE)


def _month_matches(plain: str, locale: str) -> list[tuple[re.Match[str], int]]:
    names = _month_names(locale)
    return [(m, names[m[1].lower()]) for m in _month_regex(locale).finditer(plain)]


def _named_date(plain: str, m: re.Match[str], month: int) -> Reading | None:
    """A month name with the day before or after it and a year after it."""
    before = _DAY_BEFORE.search(plain[max(0, m.start() - 8) : m.start()])
    day_match = _DAY_AFTER.match(plain, m.end()) if before is None else None
    year = _YEAR_AFTER.match(plain, (day_match or m).end())
    start = m.start() - len(before[0]) if before else m.start()
    end = (year or day_match or m).end()
    day_text = before or day_match
    if day_text is None and year is None:  # a bare month name ("sept" in French) is no date
        return None
    day = int(day_text[1]) if day_text else None
    return Reading(start, end, "", ymd=(int(year[1]) if year else None, month, day))


def _words(plain: str, locale: str) -> list[Reading]:
    """Chinese/Japanese numerals and the listed small number words of other languages."""
    language = language_of(locale)
    if language in ("zh", "ja"):
        return [r for r in map(_cjk_numeral, _CJK_NUMERAL.finditer(plain)) if r is not None]
    return [
        Reading(m.start(1), m.end(1), "", Decimal(number), digits=False)
        for number, pattern in _word_patterns(language)
        for m in pattern.finditer(plain)
    ]


@cache
def _word_patterns(language: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """(value, regex) for each number of ``language`` in data/number_words.toml."""
    path = resources.files("confl10n") / "data" / "number_words.toml"
    table: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")).get(language, {})
    prefixes = "|".join(map(re.escape, table.pop("prefixes", [])))
    prefix = f"(?:{prefixes})?" if prefixes else ""
    patterns = []
    for number, variants in table.items():
        alternation = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
        regex = rf"(?<![^\W\d_]){prefix}({alternation})(?![^\W\d_])"
        patterns.append((int(number), re.compile(regex, re.IGNORECASE)))
    return tuple(patterns)


def _cjk_numeral(m: re.Match[str]) -> Reading | None:
    """二十五 -> 25; single 一 is skipped (it is mostly a word, not a figure)."""
    total, current = 0, 0
    for ch in m[0]:
        if ch in _CJK_UNITS:
            total += (current or 1) * _CJK_UNITS[ch]
            current = 0
        else:
            current = current * 10 + _CJK_DIGITS[ch]
    value = total + current
    if value < 2:
        return None
    return Reading(m.start(), m.end(), "", Decimal(value), digits=False)
