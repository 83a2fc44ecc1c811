"""The English vocabulary of quantities, loaded once from ``data/quantities.toml``.

Kept apart from the extractor so the word lists stay data: adding a currency
or a unit is an edit to the TOML file, not to code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any, NamedTuple


class Hit(NamedTuple):
    """A vocabulary entry found in text: what it means and where it ends."""

    meaning: str
    word: str
    end: int


@cache
def _data() -> dict[str, Any]:
    path = resources.files("confl10n") / "data" / "quantities.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def _set(table: str) -> frozenset[str]:
    return frozenset(_data()[table]["words"])


@cache
def _phrases(tables: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    """A regex matching any key of ``tables`` at a position, longest first."""
    keys = sorted({k for t in tables for k in _data()[t]}, key=len, reverse=True)
    # "200-square-meter": the words of a unit used as an adjective are hyphenated
    alternation = "|".join(r"(?:\s+|-)".join(map(re.escape, k.split(" "))) for k in keys)
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"\s*({alternation})(?![\w²³])", flags)


def _lookup(table: str, text: str, pos: int, *, ignore_case: bool = True) -> Hit | None:
    m = _phrases((table,), ignore_case).match(text, pos)
    if m is None:
        return None
    key = " ".join(m[1].split())
    entries = _data()[table]
    key = key.lower() if ignore_case else key
    value = entries[key] if key in entries else entries[key.replace("-", " ")]
    return Hit(str(value), m[1], m.end())


def scale_after(text: str, pos: int) -> Hit | None:
    """A scale word ("billion") at ``pos``; ``meaning`` is the power of ten."""
    return _lookup("scales", text, pos)


def currency_after(text: str, pos: int) -> Hit | None:
    """A currency word or code at ``pos``; ``meaning`` is the ISO 4217 code."""
    return _lookup("currency_words", text, pos)


def currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """An ISO code or RMB written just before ``pos`` ("RMB 5 billion"): (code, start)."""
    m = re.search(r"\b([A-Z]{3})\s?$", text[max(0, pos - 4) : pos])
    code = currency_word(m[1]) if m else None
    return (code, max(0, pos - 4) + m.start()) if m and code else None


def currency_word(word: str) -> str | None:
    """The ISO 4217 code a currency word or code stands for."""
    return _data()["currency_words"].get(word.lower())  # type: ignore[no-any-return]


def currency_sign(sign: str, context: str = "") -> str:
    """The ISO 4217 code of a currency sign or code written before a number ("A$" -> AUD,
    "EUR " -> EUR, "Rs." -> INR). "¥" is JPY unless ``context`` (the sentence) names the
    yuan (yuan, renminbi, RMB, CNY): then CNY."""
    key = sign.strip().lower().rstrip(".")
    if key == "¥" and _YUAN.search(context):
        return "CNY"
    return str(_data()["currency_signs"].get(key) or _data()["currency_words"][key])


_YUAN = re.compile(r"\b(?:yuan|renminbi|RMB|CNY)\b", re.IGNORECASE)


def percent_after(text: str, pos: int) -> int | None:
    """Where a "%", "percent" or "per cent" at ``pos`` ends."""
    m = re.compile(r"\s*(?:%|per\s?cent\b)", re.IGNORECASE).match(text, pos)
    return m.end() if m else None


def unit_after(text: str, pos: int) -> Hit | None:
    """A unit name or symbol at ``pos``; ``meaning`` is the CLDR unit id.

    A [modifier_units] name before a plural noun is none ("10 foot soldiers")."""
    hit = _unit_word(text, pos)
    return None if hit is None or _modifies_noun(text, hit) else hit


def _unit_word(text: str, pos: int) -> Hit | None:
    """A unit name or symbol at ``pos``, with the dot of an abbreviation ("20 lb. of")."""
    hit = _lookup("units", text, pos) or _lookup("unit_symbols", text, pos, ignore_case=False)
    return None if hit is None else with_dot(text, hit)


def _modifies_noun(text: str, hit: Hit) -> bool:
    """Whether ``hit`` is a [modifier_units] name before a plural noun ("3 stone walls")."""
    if hit.word.lower() not in _set("modifier_units"):
        return False
    noun = re.compile(r"\s+([A-Za-z]+)").match(text, hit.end)
    return noun is not None and looks_plural(noun[1]) and not is_noun_stop(noun[1])


# An abbreviation's dot inside a sentence ("a 4 in. gap", "12 in. x 8 in."); at the end of
# one it is the full stop.
_DOT_GOES_ON = re.compile(r"\.(?=\s+[a-z0-9]|\s*[x×]\s*[0-9])")
_ABBREVIATION = re.compile(r"(?<![A-Za-z])[a-z]{1,3}$")


def with_dot(text: str, hit: Hit) -> Hit:
    """``hit`` with the dot after it when it is an abbreviation inside a sentence."""
    if not _ABBREVIATION.search(hit.word) or not _DOT_GOES_ON.match(text, hit.end):
        return hit
    return Hit(hit.meaning, hit.word + ".", hit.end + 1)


def adjective_unit(text: str, pos: int) -> Hit | None:
    """A unit written after a hyphen ("30-year", "1.3-km", "3-fold", "6-foot") at ``pos``.

    ``meaning`` is the CLDR unit id, or ``multiplier`` for "fold".
    """
    return _lookup("adjective_units", text, pos) or _unit_word(text, pos)


def weighed_unit_after(text: str, pos: int) -> Hit | None:
    """A unit that is a mass only where the context says so ("pounds") at ``pos``."""
    return _lookup("weighed_units", text, pos)


def preposition_unit_after(text: str, pos: int) -> Hit | None:
    """A unit that is also a preposition ("in") at ``pos``, with its dot inside a sentence."""
    hit = _lookup("preposition_units", text, pos, ignore_case=False)
    return None if hit is None else with_dot(text, hit)


def duration_after(text: str, pos: int) -> Hit | None:
    """A duration unit at ``pos`` ("hours", "hr", "min.", "ms"); ``meaning`` is its CLDR id."""
    hit = _unit_word(text, pos)
    return hit if hit is not None and hit.meaning.startswith("duration-") else None


def duration_part_after(text: str, pos: int) -> Hit | None:
    """A unit that is a duration only beside another part of one ("m", "s", "days") at ``pos``."""
    return _lookup("duration_parts", text, pos, ignore_case=False)


def is_decimal_duration_part(word: str) -> bool:
    """Whether [duration_parts] ``word`` is a duration alone after a decimal ("9.58s")."""
    return word in _set("decimal_duration_parts")


def is_weighing(word: str) -> bool:
    """Whether ``word`` says that a weight follows ("weighs", "weighing")."""
    return word.lower() in _set("weighing_words")


def is_pound_money_noun(word: str) -> bool:
    """Whether ``word`` makes the "pound" before it money ("a 20-pound note")."""
    return word.lower() in _set("pound_money_nouns")


def names_sterling(context: str) -> bool:
    """Whether ``context`` writes the pound sterling (a sign or word for GBP: "£", "GBP",
    "pounds sterling"), so that a bare "pound" in it may be money."""
    return _sterling().search(context) is not None


@cache
def _sterling() -> re.Pattern[str]:
    signs = [s for s, code in _data()["currency_signs"].items() if code == "GBP"]
    names = [w for w, code in _data()["currency_words"].items() if code == "GBP"]
    spelled = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    sign = "|".join(map(re.escape, signs)) or "(?!)"
    return re.compile(rf"{sign}|\b(?:{spelled})\b", re.IGNORECASE)


def fraction(word: str) -> int | None:
    """The denominator a fraction word stands for ("third" -> 3, "quarters" -> 4)."""
    return _data()["fraction_words"].get(word.lower())  # type: ignore[no-any-return]


def unit_symbol(word: str) -> str | None:
    """The CLDR unit id of a symbol attached to a number ("20km", "6ft", "2in": attached,
    "in" is no preposition)."""
    found = _data()["unit_symbols"].get(word) or _data()["preposition_units"].get(word)
    return None if found is None else str(found)


def suffix_power(word: str, *, money: bool) -> int | None:
    """Power of ten of an attached scale ("bn"); "k" and "m" only count for money."""
    power = _data()["scale_suffixes"].get(word.lower())
    if power is None or (word.lower() in ("k", "m") and not money):
        return None
    return int(power)


def scale_power(word: str | None) -> int:
    """Power of ten of a scale word or attached abbreviation (0 for None)."""
    if word is None:
        return 0
    lower = word.lower()
    return int(_data()["scales"].get(lower) or _data()["scale_suffixes"].get(lower, 0))


def is_unit_or_scale(word: str, *, attached: bool = False) -> bool:
    """Whether letters after a number are a unit or scale, not an identifier; ``attached``
    (written onto the number: "2in") also takes the units that are prepositions."""
    if attached and word in _data()["preposition_units"]:
        return True
    return word in _data()["unit_symbols"] or word.lower() in _data()["scale_suffixes"]


def spelled_value(word: str, unit: str | None) -> int | None:
    """The value of "seven" or "twenty-five"; None for any other word."""
    numbers: dict[str, int] = _data()["number_words"]
    value = numbers.get(word.lower())
    if unit is None or value is None:
        return value
    ones = numbers.get(unit.lower()) or _data()["compound_units"].get(unit.lower())
    if value % 10 or value < 20 or not ones or ones > 9:
        return None
    return value + int(ones)


def ordinal_value(word: str) -> int | None:
    """The value of an ordinal word ("fifth")."""
    return _data()["ordinal_words"].get(word.lower())  # type: ignore[no-any-return]


def month(word: str) -> int | None:
    """The month number of an English month name or abbreviation ("Dec.")."""
    number = _data()["months"].get(word.lower().rstrip("."))
    return None if number is None else int(number)


def month_pattern() -> str:
    """A regex alternation of capitalised month names, longest first."""
    names = sorted(_data()["months"], key=len, reverse=True)
    return "|".join(name.capitalize() for name in names)


def is_cue(word: str, *, strict: bool = False) -> bool:
    """Whether ``word`` before a four-digit number makes it a year ("since 2018").

    ``strict`` leaves out "the", which also introduces names ("the 2024 Games").
    """
    lower = word.lower()
    return lower in _set("year_cues") and not (strict and lower == "the")


def is_street(word: str) -> bool:
    """Whether ``word`` ends a street name ("Road")."""
    return word.lower() in _set("street_words")


def is_noun_stop(word: str) -> bool:
    """Whether ``word`` ends the noun phrase a number counts."""
    return word.lower() in _set("noun_stops")


def looks_plural(word: str) -> bool:
    """Whether ``word`` is probably a plural noun ("beds", "people", not "business")."""
    lower = word.lower()
    regular = lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2
    return regular or lower in _set("irregular_plurals")


def is_filler(word: str) -> bool:
    """Whether ``word`` sits between a number and its noun ("30,000 more beds")."""
    return word.lower() in _set("noun_fillers")


def currency_signs(code: str) -> frozenset[str]:
    """The signs written before an amount in ``code``, lower-cased ("$", "us$" for USD;
    "a$", "au$" for AUD), letters alone ("rs") left out."""
    signs = _data()["currency_signs"].items()
    return frozenset(s for s, c in signs if c == code and not s.isalpha())


def currency_codes() -> frozenset[str]:
    """Every ISO 4217 code this vocabulary can read (USD, EUR, JPY, INR …)."""
    return frozenset({*_data()["currency_signs"].values(), *_data()["currency_words"].values()})
