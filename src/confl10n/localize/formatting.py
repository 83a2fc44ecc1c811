"""Render quantities for any locale with babel/CLDR, corrected by newsroom style data.

:func:`format_quantity` writes a :class:`~confl10n.document.Quantity` the way a
newspaper in the target locale would: numbers keep their source precision,
years are never grouped, units never show a raw CLDR id, and where CLDR differs
from newsroom practice a small data file ``locales/<locale>/style.toml``
overrides it. Babel is imported here and nowhere else, inside the functions, so
``import confl10n`` stays light.

Style files are found by :mod:`confl10n.localize.styles`.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from confl10n.errors import InvalidOptionError
from confl10n.localize.styles import find_style

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from babel import Locale

    from confl10n.document import Quantity

__all__ = [
    "check_locale",
    "cldr_locale",
    "cldr_symbols",
    "cldr_version",
    "format_quantity",
    "load_style",
    "usual_locale",
]

_SKELETONS = {"md": ("MMMMd", "MMMd"), "ym": ("yMMMM", "yMMM"), "y": ("y", "y"), "d": ("d", "d")}
_MONEY_FIELDS = "{compact}, {compact_long}, {millions}, {name}"
_UNIT_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\D)")


@dataclass(frozen=True)
class _Ctx:
    """Everything a renderer needs: the babel locale, the style data, the options."""

    locale: Locale
    style: dict[str, Any]
    date_length: str

    def get(self, table: str, key: str, default: Any = None) -> Any:
        """One style value, or ``default`` when the style does not set it."""
        return self.style.get(table, {}).get(key, default)

    @property
    def numbering(self) -> str:
        """The numbering system whose separators and signs are used."""
        return str(self.get("numbers", "numbering_system", "latn"))


def format_quantity(
    q: Quantity, locale: str, *, style_dir: Path | None = None, date_length: str = "long"
) -> str:
    """``q`` written in ``locale``'s newsroom style; a flagged quantity comes back as written.

    ``date_length`` is ``long`` ("19 December 2024") or ``medium`` ("19 Dec 2024").
    """
    if date_length not in ("long", "medium"):
        raise InvalidOptionError(f"date length must be long or medium, not {date_length!r}")
    loc = _parse(locale)
    ctx = _Ctx(loc, load_style(locale, style_dir=style_dir), date_length)
    if q.value is None:
        return q.text
    text = _RENDERERS.get(q.kind, _number)(ctx, q)
    digits = ctx.get("numbers", "digits")
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def check_locale(locale: str) -> str:
    """``locale`` in babel's canonical form; one-line InvalidOptionError with close matches."""
    return str(_parse(locale))


@cache
def _parse(locale: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise InvalidOptionError(f"unknown locale {locale!r}{_suggest(locale)}") from exc


def _suggest(locale: str) -> str:
    """ "; did you mean zh_CN, zh_TW?" from babel's list of locales, or ""."""
    known = _known_locales()
    wanted = locale.strip().replace("-", "_").lower()
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.6)
    usual = usual_locale(wanted.split("_")[0])
    if usual and usual.lower() in known:  # the language's main locale first: zh -> zh_CN
        close = [usual.lower(), *[c for c in close if c != usual.lower()]][:3]
    return f"; did you mean {', '.join(known[c] for c in close)}?" if close else ""


@cache
def _known_locales() -> dict[str, str]:
    """Every babel locale id, plus the short language_TERRITORY form of each."""
    from babel.core import parse_locale
    from babel.localedata import locale_identifiers

    known = {i.lower(): i for i in locale_identifiers()}
    for ident in list(known.values()):
        language, territory = parse_locale(ident)[:2]
        if territory:  # offer zh_CN as well as babel's own zh_Hans_CN
            known.setdefault(f"{language}_{territory}".lower(), f"{language}_{territory}")
    return known


def usual_locale(language: str) -> str | None:
    """zh -> zh_CN, from CLDR's likely subtags."""
    from babel.core import get_global, parse_locale

    likely = get_global("likely_subtags").get(language)
    parts = parse_locale(likely) if likely else None
    return f"{parts[0]}_{parts[1]}" if parts and parts[1] else None


def load_style(locale: str, *, style_dir: Path | None = None) -> dict[str, Any]:
    """The newsroom style data for ``locale`` ({} when there is none)."""
    loc = _parse(locale)
    names = [locale.strip().replace("-", "_"), f"{loc.language}_{loc.territory}", loc.language]
    return find_style(names, style_dir=style_dir)


# --- numbers ---------------------------------------------------------------------------


def _pattern(base: str, decimals: int, *, group: bool) -> str:
    """``base`` (a CLDR pattern) with exactly ``decimals`` fraction digits."""
    fraction = "." + "0" * decimals if decimals else ""
    pattern = re.sub(r"(0)\.[0#]+", r"\1", base.split(";")[0])
    pattern = re.sub(r"0(?![0#,.])", "0" + fraction, pattern, count=1)
    return pattern if group else pattern.replace(",", "")


def _groups(ctx: _Ctx, value: Decimal) -> bool:
    """Whether to group digits: CLDR groups from 1,000; style may say from 10,000."""
    minimum = int(ctx.get("numbers", "minimum_grouping_digits", 1))
    return bool(abs(value) >= 10 ** (2 + minimum))


def _decimal(ctx: _Ctx, value: Decimal, decimals: int) -> str:
    from babel.numbers import format_decimal

    base = ctx.locale.decimal_formats[None].pattern
    pattern = _pattern(base, decimals, group=_groups(ctx, value))
    return format_decimal(value, pattern, ctx.locale, numbering_system=ctx.numbering)


def _decimals_of(value: Decimal) -> int:
    """How many fraction digits ``value`` needs to be written exactly."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _compact(ctx: _Ctx, value: Decimal, *, long: bool = False) -> str | None:
    """The compact form ("1.1万", "380 Milliarden") if it is exact, else None."""
    from babel.numbers import format_compact_decimal

    def render(digits: int) -> str:
        return format_compact_decimal(value, format_type="long" if long else "short",
            locale=ctx.locale, fraction_digits=digits, numbering_system=ctx.numbering)  # fmt: skip

    return _exact(ctx, render)


def _exact(ctx: _Ctx, render: Callable[[int], str]) -> str | None:
    """``render(digits)`` with the style's fraction-digit limit, if no digit was lost."""
    limit = int(ctx.get("numbers", "compact_max_fraction_digits", 2))
    text = render(limit)
    return text if text == render(limit + 12) and not text.isdigit() else None


def _number(ctx: _Ctx, q: Quantity) -> str:
    return _ranged(ctx, q, lambda v: _count_one(ctx, v, q.decimals))


def _count_one(ctx: _Ctx, value: Decimal, decimals: int) -> str:
    threshold = ctx.get("numbers", "compact_from")
    if threshold is not None and abs(value) >= threshold and not decimals:
        compact = _compact(ctx, value)
        if compact is not None:
            return compact
    return _decimal(ctx, value, decimals)


def _percent(ctx: _Ctx, q: Quantity) -> str:
    from babel.numbers import format_percent

    def one(value: Decimal) -> str:
        base = ctx.locale.percent_formats[None].pattern
        pattern = _pattern(base, q.decimals, group=_groups(ctx, value))
        text = format_percent(value / 100, pattern, ctx.locale, numbering_system=ctx.numbering)
        return text.replace("%", _symbols(ctx.locale, ctx.numbering)["percentSign"])

    return _ranged(ctx, q, one)


def _symbols(locale: Locale, system: str) -> dict[str, str]:
    """CLDR's number symbols for ``system``; babel itself leaves "%" as written."""
    symbols = locale.number_symbols.get(system) or locale.number_symbols["latn"]
    return dict(symbols)


def _ordinal(ctx: _Ctx, q: Quantity) -> str:
    number = _decimal(ctx, _dec(q.value), 0)
    return str(ctx.get("ordinals", "pattern", "{0}")).format(number)


def _dec(value: Decimal | date | None) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"expected a Decimal value, got {value!r}")
    return value


def _ranged(ctx: _Ctx, q: Quantity, one: Callable[[Decimal], str]) -> str:
    """One value, or a range whose shared unit is written once: "500–1000 Yuan"."""
    if q.upper is None:
        return one(_dec(q.value))
    low, high = one(_dec(q.value)), one(q.upper)
    low_tail, high_tail = re.split(r"\d", low)[-1], re.split(r"\d", high)[-1]
    if low_tail and low_tail == high_tail:
        low = low[: -len(low_tail)]
    return str(ctx.get("ranges", "pattern", "{0}–{1}")).format(low, high)


# --- money, units, dates ---------------------------------------------------------------


def _money(ctx: _Ctx, q: Quantity) -> str:
    return _ranged(ctx, q, lambda v: _money_one(ctx, v, str(q.unit), q.decimals))


def _money_one(ctx: _Ctx, value: Decimal, code: str, decimals: int) -> str:
    large = ctx.get("money", "large")
    if large is not None and abs(value) >= ctx.get("money", "large_from", 10**6):
        text = _money_template(ctx, large, value, code)
        if text is not None:
            return text
    small = ctx.get("money", "small")
    if isinstance(small, dict):  # per currency ("EUR" = "€{number}"), else "other"
        small = small.get(code, small.get("other"))
    if small is not None:
        return _fill(small, number=_decimal(ctx, value, decimals), name=_name(ctx, code, value))
    return _money_cldr(ctx, value, code, decimals)


def _money_template(ctx: _Ctx, template: Any, value: Decimal, code: str) -> str | None:
    """A large amount through the style template; None when no exact form exists."""
    if isinstance(template, dict):  # {EUR = ...} per currency, or {one = ..., other = ...}
        plural = ctx.locale.plural_form(value / 10**6)
        template = template.get(code) or template.get(plural, template["other"])
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    filled = {f: _money_field(ctx, f, value, code) for f in fields}
    return None if None in filled.values() else _fill(template, **filled)


def _money_field(ctx: _Ctx, field: str, value: Decimal, code: str) -> str | None:
    """One ``{field}`` of a money template; None when it cannot be written exactly."""
    if field == "name":
        return _name(ctx, code, value, large=True)
    if field == "millions":
        return _millions(ctx, value / 10**6)
    if field in ("compact", "compact_long"):
        return _compact(ctx, value, long=field == "compact_long")
    raise InvalidOptionError(f"money template field {{{field}}} is not one of {_MONEY_FIELDS}")


def _millions(ctx: _Ctx, millions: Decimal) -> str | None:
    """380000 for "380.000 millones", or None if it needs more decimals than style allows."""
    decimals = _decimals_of(millions)
    limit = int(ctx.get("numbers", "compact_max_fraction_digits", 2))
    return _decimal(ctx, millions, decimals) if decimals <= limit else None


def _fill(template: str, **fields: str | None) -> str:
    return template.format(**fields)


def _name(ctx: _Ctx, code: str, value: Decimal, *, large: bool = False) -> str:
    """The currency's name in newsroom style, else CLDR's plural display name."""
    from babel.numbers import get_currency_name

    names = ctx.get("money", "large_names" if large else "names") or {}
    fallback = ctx.get("money", "names") or {}
    return str(names.get(code) or fallback.get(code) or
               get_currency_name(code, count=value, locale=ctx.locale))  # fmt: skip


def _money_cldr(ctx: _Ctx, value: Decimal, code: str, decimals: int) -> str:
    """CLDR's own currency format, compact for millions and up when that is exact."""
    from babel.numbers import format_compact_currency, format_currency

    def compact(digits: int) -> str:
        return format_compact_currency(value, code, locale=ctx.locale, fraction_digits=digits,
                                       numbering_system=ctx.numbering)  # fmt: skip

    text = _exact(ctx, compact) if abs(value) >= 10**6 else None
    if text is not None:
        return text
    base = ctx.locale.currency_formats["standard"].pattern
    pattern = _pattern(base, decimals, group=_groups(ctx, value))
    return format_currency(value, code, pattern, ctx.locale, currency_digits=False,
                           numbering_system=ctx.numbering)  # fmt: skip


def _measure(ctx: _Ctx, q: Quantity) -> str:
    english = re.sub(r"^[^A-Za-z°]*", "", q.text)
    return _ranged(ctx, q, lambda v: _measure_one(ctx, v, str(q.unit), q.decimals, english))


def _measure_one(ctx: _Ctx, value: Decimal, unit: str, decimals: int, english: str) -> str:
    """Style override, else CLDR, else the English unit as written: never a raw unit id."""
    override = ctx.get("units", unit)
    if override is not None:
        return str(override).format(_decimal(ctx, value, decimals))
    text = _cldr_unit(ctx, value, unit, decimals) or f"{_decimal(ctx, value, decimals)} {english}"
    return _UNIT_SPACE.sub("", text) if ctx.get("units", "no_space") else text


def _cldr_unit(ctx: _Ctx, value: Decimal, unit: str, decimals: int) -> str | None:
    """CLDR's unit name, long then short then narrow; never the raw unit id."""
    from babel.units import UnknownUnitError, format_unit

    pattern = _pattern(ctx.locale.decimal_formats[None].pattern, decimals,
                       group=_groups(ctx, value))  # fmt: skip
    for length in ("long", "short", "narrow"):
        try:
            text = format_unit(value, unit, length, pattern, ctx.locale,
                               numbering_system=ctx.numbering)  # fmt: skip
        except UnknownUnitError:
            break
        if unit not in text:
            return text
    return None


def _date(ctx: _Ctx, q: Quantity) -> str:
    from babel.dates import format_date, format_skeleton

    value = q.value
    if not isinstance(value, date):
        raise TypeError(f"expected a date value, got {value!r}")
    parts = q.parts or "ymd"
    if parts == "ymd":
        return format_date(value, ctx.date_length, ctx.locale)
    skeleton = _SKELETONS[parts][0 if ctx.date_length == "long" else 1]
    text = format_skeleton(skeleton, value, locale=ctx.locale)
    return str(ctx.get("dates", "day", "{0}")).format(text) if parts == "d" else text


_RENDERERS: dict[str, Callable[[_Ctx, Quantity], str]] = {
    "number": _number, "count": _number, "percent": _percent, "money": _money,
    "measure": _measure, "date": _date, "ordinal": _ordinal,
}  # fmt: skip


# --- for reading numbers back (confl10n.figures.readback) ---------------------------------------


def cldr_locale(locale: str) -> Locale:
    """The babel Locale for ``locale`` (InvalidOptionError if unknown), for CLDR data lookups."""
    return _parse(locale)


def cldr_symbols(locale: str, system: str) -> dict[str, str]:
    """CLDR's number symbols of ``locale`` in numbering ``system`` (latn if it has none)."""
    return _symbols(_parse(locale), system)


def cldr_version() -> str:
    """The CLDR release behind babel's data ("49" for babel 2.19): it decides our output."""
    from babel.core import get_cldr_version

    return str(get_cldr_version())


def compile_po(po: bytes, *, locale: str, domain: str) -> bytes:
    """A gettext ``.po`` catalog compiled to ``.mo`` bytes (fuzzy entries left out, as msgfmt)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=locale, domain=domain)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    return mo.getvalue()
