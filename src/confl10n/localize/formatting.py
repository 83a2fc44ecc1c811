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
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from confl10n.document import duration_terms, duration_units
from confl10n.errors import InvalidOptionError
from confl10n.languages import argos_locale, language_of, posix_locale
from confl10n.localize.shapes import (
    Ctx as _Ctx,
)
from confl10n.localize.shapes import (
    as_decimal as _dec,
)
from confl10n.localize.shapes import (
    decimals_of as _decimals_of,
)
from confl10n.localize.shapes import (
    extra_digits as _extra_digits,
)
from confl10n.localize.shapes import (
    fill as _fill,
)
from confl10n.localize.shapes import (
    groups as _groups,
)
from confl10n.localize.shapes import (
    join_range as _join_range,
)
from confl10n.localize.shapes import (
    pattern_for as _pattern,
)
from confl10n.localize.shapes import (
    plural as _plural,
)
from confl10n.localize.shapes import (
    ranged as _ranged,
)
from confl10n.localize.styles import find_style

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from babel import Locale

    from confl10n.document import Quantity

__all__ = [
    "RANGE_FRAMES",
    "check_locale",
    "cldr_locale",
    "cldr_symbols",
    "cldr_version",
    "format_quantity",
    "language_name",
    "load_style",
    "range_frames",
    "resolved_locale",
    "style_names",
    "unit_words",
    "usual_locale",
]

_SKELETONS = {"md": ("MMMMd", "MMMd"), "ym": ("yMMMM", "yMMM"), "y": ("y", "y"), "d": ("d", "d"),
              "fy": ("y", "y"), "ymd": ("yMMMMd", "yMMMd")}  # fmt: skip
_MONTH_ALONE = "LLLL"  # CLDR's stand-alone month name; style [dates] month may override it
_INTERVAL_DASH = re.compile(r"\s*[–~～]\s*|(?<=\D)-(?=\D)")
_MONEY_FIELDS = "{compact}, {compact_long}, {millions}, {name}"
_UNIT_SPACE = re.compile(
    r"(?<=\d)[ \u00a0\u202f](?=\D)|(?<=[\u3000-\u9fff])[ \u00a0\u202f](?=[-\d])"
)


def format_quantity(
    q: Quantity,
    locale: str,
    *,
    style_dir: Path | None = None,
    date_length: str = "long",
    frame: str | None = None,
) -> str:
    """``q`` written in ``locale``'s newsroom style; a flagged quantity comes back as written.

    ``date_length`` is ``long`` ("19 December 2024") or ``medium`` ("19 Dec 2024").
    ``frame`` is the English word that opened a range ("between", "from"): the range is
    then written with the locale's own words for it (style ``[ranges]`` ``between``,
    ``from``: "entre 22.920 y 70.044 euros", "de 2024 a 2027", "2024年至2027年"), the
    word included; see :func:`range_frames`.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown locale, date
    length or frame.
    """
    if date_length not in ("long", "medium"):
        raise InvalidOptionError(f"date length must be long or medium, not {date_length!r}")
    if frame not in (None, *RANGE_FRAMES):
        raise InvalidOptionError(f"range frame must be between or from, not {frame!r}")
    loc = _parse(locale)
    style = load_style(locale, style_dir=style_dir)
    ctx = _Ctx(loc, style, date_length, _extra_digits(q), frame if q.upper is not None else None)
    if q.value is None:
        return q.text
    if q.scale and isinstance(q.value, Decimal):  # 101.3 million: the decimals were the 101.3's
        q = replace(q, decimals=_decimals_of(q.value))
    text = _RENDERERS.get(q.kind, _number)(ctx, q)
    if isinstance(q.value, Decimal) and q.value < 0:  # babel writes "-" whatever the locale
        minus = _symbols(ctx.locale, ctx.numbering).get("minusSign", "-")
        text = re.sub(r"-(?=\d)", minus, text, count=1)
    digits = ctx.get("numbers", "digits")
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


RANGE_FRAMES = ("between", "from")
"""English words that open a range and that a style may write its own way."""


def range_frames(locale: str, *, style_dir: Path | None = None) -> frozenset[str]:
    """The words of :data:`RANGE_FRAMES` that ``locale``'s style writes ranges with."""
    ranges = load_style(locale, style_dir=style_dir).get("ranges", {})
    return frozenset(frame for frame in RANGE_FRAMES if frame in ranges)


def unit_words(unit: str, count: Decimal) -> str:
    """CLDR's English words for ``count`` of ``unit`` (a CLDR unit id), without the number:
    ``kilometers``, ``metric ton``; for an id CLDR does not know, its words.

    >>> unit_words("mass-tonne", Decimal(9000000))
    'metric tons'
    >>> unit_words("length-foot", Decimal(1))
    'foot'
    """
    from babel.units import UnknownUnitError, format_unit

    try:
        text = format_unit(1 if count == 1 else 2, unit, "long", locale="en")
    except UnknownUnitError:
        return unit.partition("-")[2].replace("-", " ")
    return text.removeprefix("1" if count == 1 else "2").strip()


def check_locale(locale: str) -> str:
    """``locale`` in babel's canonical form; one-line InvalidOptionError with close matches."""
    return str(_parse(locale))


@cache
def _parse(locale: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(posix_locale(locale))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise InvalidOptionError(f"unknown locale {locale!r}{_suggest(locale)}") from exc


def _suggest(locale: str) -> str:
    """ "; did you mean zh_CN, zh_TW?" from babel's list of locales, or ""."""
    known = _known_locales()
    wanted = posix_locale(locale).lower()
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.6)
    usual = usual_locale(language_of(wanted))
    if usual and usual.lower() in known:  # the language's main locale first: zh -> zh_CN
        close = [usual.lower(), *[c for c in close if c != usual.lower()]][:3]
    if not close:
        return "; write a language (es), a locale (es_ES, es-419) or a script tag (zh-Hant)"
    return f"; did you mean {', '.join(known[c] for c in close)}?"


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


def resolved_locale(locale: str) -> str:
    """The CLDR locale, with its territory, that ``locale`` (any spelling) stands for.

    A bare language or script takes CLDR's likely subtags (``es`` -> ``es_ES``,
    ``zh-Hans`` -> ``zh_CN``, ``zh-hant`` -> ``zh_TW``, ``ja`` -> ``ja_JP``); the
    script is dropped where the territory implies it (``zh_Hant_TW`` -> ``zh_TW``)
    and kept where it does not (``sr_Latn`` -> ``sr_Latn_RS``). Raises
    :class:`~confl10n.errors.InvalidOptionError` for an unknown locale.
    """
    loc = _parse(locale)
    territory, script = loc.territory or _likely(loc.language, loc.script), loc.script
    if territory is None:
        return str(loc)
    short = f"{loc.language}_{territory}"
    if script is None or _parse(short).script == script:
        return short
    return f"{loc.language}_{script}_{territory}"


def _likely(language: str, script: str | None) -> str | None:
    """The territory CLDR's likely subtags give ``language`` (written in ``script``)."""
    from babel.core import get_global, parse_locale

    likely_subtags = get_global("likely_subtags")
    for key in (f"{language}_{script}", language) if script else (language,):
        parts = parse_locale(likely_subtags[key]) if key in likely_subtags else None
        if parts and parts[1] and (script is None or parts[2] in (script, None)):
            return parts[1]
    return None


def style_names(locale: str) -> list[str]:
    """Where ``locale``'s newsroom style is looked for, first first: as written, the CLDR
    locale it stands for (``es`` -> ``es_ES``), its language."""
    return list(
        dict.fromkeys([posix_locale(locale), resolved_locale(locale), _parse(locale).language])
    )


def load_style(locale: str, *, style_dir: Path | None = None) -> dict[str, Any]:
    """The newsroom style data for ``locale`` ({} when there is none); a bare language
    takes its CLDR default locale's (:func:`resolved_locale`)."""
    return find_style(style_names(locale), style_dir=style_dir)


# --- numbers ---------------------------------------------------------------------------


def _decimal(ctx: _Ctx, value: Decimal, decimals: int, *, group: bool = True) -> str:
    from babel.numbers import format_decimal

    base = ctx.locale.decimal_formats[None].pattern
    pattern = _pattern(base, decimals, group=group and _groups(ctx, value))
    return format_decimal(value, pattern, ctx.locale, numbering_system=ctx.numbering)


def _compact(ctx: _Ctx, value: Decimal, *, long: bool = False) -> str | None:
    """The compact form ("1.1万", "380 Milliarden", "1億130万") if it is exact, else None."""
    from babel.numbers import format_compact_decimal

    mixed = _mixed(ctx, value)
    if mixed is not None:
        return mixed

    def render(digits: int) -> str:
        return format_compact_decimal(value, format_type="long" if long else "short",
            locale=ctx.locale, fraction_digits=digits, numbering_system=ctx.numbering)  # fmt: skip

    try:
        return _exact(ctx, render)
    except KeyError:  # CLDR has no long compact forms for zh and ja
        return _compact(ctx, value) if long else None


def _mixed(ctx: _Ctx, value: Decimal) -> str | None:
    """Japanese newsroom style for 1e8 and up: 1億130万, not 1.013億 (style numbers.mixed)."""
    units = ctx.get("numbers", "mixed")
    if not units or not 10**8 <= abs(value) < 10**12 or value % 10**4:
        return None
    high, low = divmod(int(abs(value)), 10**8)
    sign = "-" if value < 0 else ""
    return f"{sign}{high}{units[0]}" + (f"{low // 10**4}{units[1]}" if low else "")


def _exact(ctx: _Ctx, render: Callable[[int], str]) -> str | None:
    """``render(digits)`` within the style's fraction-digit limit (widened by the digits a
    scaled source figure wrote), if no digit was lost."""
    limit = int(ctx.get("numbers", "compact_max_fraction_digits", 2))
    for digits in range(limit, max(limit, ctx.extra_digits) + 1):
        text = render(digits)
        if text == render(digits + 12) and not text.isdigit():
            return text
    return None


def _number(ctx: _Ctx, q: Quantity) -> str:
    # A four-digit whole number written without a comma is kept so: it may be a year.
    plain = not q.decimals and not q.scale and "," not in q.text
    return _ranged(
        ctx, q, lambda v: _count_one(ctx, v, q.decimals, plain=plain, scaled=bool(q.scale))
    )


def _count_one(ctx: _Ctx, value: Decimal, decimals: int, *, plain: bool = False,
               scaled: bool = False) -> str:  # fmt: skip
    threshold = ctx.get("numbers", "compact_from")
    if threshold is not None and abs(value) >= threshold and not decimals:
        compact = _compact(ctx, value)
        if compact is not None:
            return compact
    if scaled and abs(value) >= 10**6:  # "2.5 million" people: 2,5 Millionen, never 2.500.000
        large = ctx.get("numbers", "large")
        text = _money_template(ctx, large, value, "") if large else _compact(ctx, value, long=True)
        if text is not None:
            return text
    return _decimal(ctx, value, decimals, group=not (plain and abs(value) < 10**4))


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


# --- money, units, dates ---------------------------------------------------------------


def _money(ctx: _Ctx, q: Quantity) -> str:
    return _ranged(ctx, q, lambda v: _money_one(ctx, v, str(q.unit), q.decimals))


def _money_one(ctx: _Ctx, value: Decimal, code: str, decimals: int) -> str:
    huge = ctx.get("money", "huge")  # es_ES: 1,5 billones, not 1.500.000 millones
    if huge is not None and abs(value) >= ctx.get("money", "huge_from", 10**12):
        text = _money_template(ctx, huge, value, code)
        if text is not None:
            return text
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
        plural = ctx.locale.plural_form(abs(value) / 10**6)
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
    if duration_units(q.unit):
        return _duration(ctx, q)
    english = re.sub(r"^[^A-Za-z°]*", "", q.text)

    def one(value: Decimal) -> str:
        written = _measure_one(ctx, value, str(q.unit), q.decimals, english)
        return _scaled_measure(ctx, value, q, written) if q.scale else written

    return _ranged(ctx, q, one)


def _scaled_measure(ctx: _Ctx, value: Decimal, q: Quantity, written: str) -> str:
    """ "13.8 billion years" with its scale word, as counts are written ("13.800 millones
    de años", "138亿年"), never 13.800.000.000; ``written`` (the plain form) when the
    number is small or the unit comes before it."""
    digits = _decimal(ctx, value, q.decimals)
    if abs(value) < 10**6 or not written.startswith(digits):
        return written
    unit = written[len(digits) :].strip("\u00a0\u202f ")
    number = _count_one(ctx, value, q.decimals, scaled=True)
    if number == digits or not unit:
        return written
    vowel = unit[:1].casefold() in "aeiouyhâéèêîôû"
    joiner = ctx.get("numbers", "scale_of_vowel" if vowel else "scale_of") or ctx.get(
        "numbers", "scale_of", "{0} {1}"
    )
    return str(joiner).format(number, unit)


def _measure_one(ctx: _Ctx, value: Decimal, unit: str, decimals: int, english: str) -> str:
    """Style override, else CLDR, else the English unit as written: never a raw unit id."""
    override = ctx.get("units", unit)
    if override is not None:
        return _plural(ctx, override, value).format(_decimal(ctx, value, decimals))
    text = _cldr_unit(ctx, value, unit, decimals) or f"{_decimal(ctx, value, decimals)} {english}"
    return _UNIT_SPACE.sub("", text) if ctx.get("units", "no_space") else text


def _duration(ctx: _Ctx, q: Quantity) -> str:
    """A compound duration: each term in its CLDR unit, joined by CLDR's unit list ("1 hora
    y 20 minutos", "1小时20分钟"); a race time written as a clock stays one ("2:01:09")."""
    terms = duration_terms(q)
    if ":" in q.text:
        return _clock(ctx, [value for value, _ in terms], q.decimals)
    last = len(terms) - 1
    written = [_measure_one(ctx, value, unit, q.decimals if i == last else 0,
                            unit.removeprefix("duration-"))
               for i, (value, unit) in enumerate(terms)]  # fmt: skip
    return _unit_list(ctx.locale, written)


# CLDR root's aliases for the long unit list: unit -> unit-short -> standard.
_UNIT_LISTS = ("unit", "unit-short", "standard")


def _unit_list(locale: Locale, items: list[str]) -> str:
    """``items`` joined by the locale's CLDR unit list pattern. Each part of the pattern is
    resolved through CLDR's aliases on its own: babel's ``format_list(style="unit")`` takes
    the first style a locale has even when it lacks the part (es has only the "end" of
    "unit" and raises KeyError)."""
    patterns = locale.list_patterns

    def part(key: str) -> str:
        return next(str(patterns[style][key]) for style in _UNIT_LISTS
                    if style in patterns and key in patterns[style])  # fmt: skip

    if len(items) < 3:
        return part("2").format(*items) if len(items) == 2 else "".join(items)
    text = part("start").format(*items[:2])
    for item in items[2:-1]:
        text = part("middle").format(text, item)
    return part("end").format(text, items[-1])


def _clock(ctx: _Ctx, values: list[Decimal], decimals: int) -> str:
    """A race time as a clock, with the locale's time separator and decimal sign
    ("2:01:09", "3:45,2")."""
    from babel.numbers import format_decimal

    fraction = "." + "0" * decimals if decimals else ""
    patterns = ["0", *["00"] * (len(values) - 2), "00" + fraction]
    fields = [format_decimal(value, pattern, ctx.locale, numbering_system=ctx.numbering)
              for value, pattern in zip(values, patterns, strict=True)]  # fmt: skip
    return _symbols(ctx.locale, ctx.numbering).get("timeSeparator", ":").join(fields)


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
    value, parts = q.value, q.parts or "ymd"
    if not isinstance(value, date):
        raise TypeError(f"expected a date value, got {value!r}")
    if parts == "fy":  # "FY 2025/26" keeps its slash: Geschäftsjahr 2025/26, 2025/26财年
        upper = f"/{q.upper.year % 100:02d}" if isinstance(q.upper, date) else ""
        return str(ctx.get("dates", "fiscal", "{0}")).format(f"{value.year}{upper}")
    if isinstance(q.upper, date):
        return _date_range(ctx, value, q.upper, parts)
    text = _date_one(ctx, value, parts)
    if q.unit:  # "invierno de 2023", "2023年第三季度"; as in English where no style says
        periods = ctx.get("dates", "periods") or {}
        return str(periods.get(q.unit, f"{q.unit} {{0}}")).format(text)
    return str(ctx.get("dates", "day", "{0}")).format(text) if parts == "d" else text


def _date_one(ctx: _Ctx, value: date, parts: str) -> str:
    """One date with only the parts written: never a year the source did not give."""
    from babel.dates import format_date, format_skeleton

    if parts == "ymd":
        return format_date(value, ctx.date_length, ctx.locale)
    if parts == "m":
        return format_date(value, str(ctx.get("dates", "month", _MONTH_ALONE)), ctx.locale)
    skeleton = _SKELETONS[parts][0 if ctx.date_length == "long" else 1]
    return format_skeleton(skeleton, value, locale=ctx.locale)


def _date_range(ctx: _Ctx, low: date, high: date, parts: str) -> str:
    """ "2022–2023", "September–October 2024", "3.–5. März": CLDR's interval formats, with
    the style's range dash; years and lone months joined by the range pattern."""
    from babel.dates import format_interval

    if parts in ("y", "m", "fy"):
        return _join_range(ctx, _date_one(ctx, low, parts), _date_one(ctx, high, parts),
                           whole=ctx.frame is not None)  # fmt: skip
    skeleton = _SKELETONS[parts][0 if ctx.date_length == "long" else 1]
    text = format_interval(low, high, skeleton, locale=ctx.locale)
    ends = _INTERVAL_DASH.split(text, maxsplit=1)
    if ctx.frame is not None:  # "de 3 a 5 de marzo", "von 3. bis 5. März"
        first, last = (
            ends if len(ends) == 2 else (_date_one(ctx, low, parts), _date_one(ctx, high, parts))
        )
        return _join_range(ctx, first, last, whole=True)
    pattern = ctx.get("ranges", "pattern")
    if pattern is None:
        return text
    dash = str(pattern).replace("{0}", "").replace("{1}", "")
    return _INTERVAL_DASH.sub(dash, text, count=1)


def _time(ctx: _Ctx, q: Quantity) -> str:
    """A time of day: the style's "{H} Uhr" / "{H}时{M}分", else CLDR's short time."""
    from babel.dates import format_time

    value = q.value
    if not isinstance(value, time):
        raise TypeError(f"expected a time value, got {value!r}")
    template = ctx.get("times", "minutes" if value.minute else "hour")
    if template is None:
        return format_time(value, "short", locale=ctx.locale)
    periods = ctx.locale.day_periods["format"]["abbreviated"]
    return str(template).format(H=value.hour, h=value.hour % 12 or 12, K=value.hour % 12,
                                M=value.minute, MM=f"{value.minute:02d}",
                                ampm=periods["am" if value.hour < 12 else "pm"])  # fmt: skip


def _multiplier(ctx: _Ctx, q: Quantity) -> str:
    """ "2.5x": 2,5 veces, 2.5倍, 2,5-fach; CLDR has no such pattern, so "2.5×" without a style."""

    def one(value: Decimal) -> str:
        template = _plural(ctx, ctx.get("multipliers", "pattern", "{0}×"), value)
        return template.format(_decimal(ctx, value, q.decimals))

    return _ranged(ctx, q, one)


def _fraction(ctx: _Ctx, q: Quantity) -> str:
    """ "a third": the style's word for 1/3 (三分之一, ein Drittel), else "1/3"."""
    return str(ctx.get("fractions", str(q.unit), q.unit))


_RENDERERS: dict[str, Callable[[_Ctx, Quantity], str]] = {
    "number": _number, "count": _number, "percent": _percent, "money": _money,
    "measure": _measure, "date": _date, "ordinal": _ordinal, "time": _time,
    "multiplier": _multiplier, "fraction": _fraction,
}  # fmt: skip


# --- for reading numbers back (confl10n.figures.readback) ---------------------------------------


def cldr_locale(locale: str) -> Locale:
    """The babel Locale for ``locale`` (InvalidOptionError if unknown), for CLDR data lookups."""
    return _parse(locale)


def language_name(code: str, *, display: str = "en") -> str:
    """CLDR's name of language ``code`` in ``display`` ("es" -> "Spanish").

    Argos's own codes are read as their locales (``zt`` -> "Chinese (Traditional,
    Taiwan)"); a code CLDR does not know comes back as it is.
    """
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(argos_locale(code) or code).get_display_name(display)
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


def language_by_name(name: str) -> str | None:
    """The ISO 639-1 code of the language CLDR calls ``name`` in English, in any letter
    case (``English`` -> ``en``, ``spanish`` -> ``es``), else None (``Klingon``: tlh).

    >>> language_by_name("English"), language_by_name("Klingon")
    ('en', None)
    """
    from babel import Locale

    wanted = name.strip().casefold()
    codes = [c for c, n in Locale("en").languages.items() if n.casefold() == wanted]
    return next((code for code in codes if len(code) == 2), None)


def cldr_symbols(locale: str, system: str) -> dict[str, str]:
    """CLDR's number symbols of ``locale`` in numbering ``system`` (latn if it has none)."""
    return _symbols(_parse(locale), system)


def cldr_unit_names(unit: str, locale: str) -> list[str]:
    """Words CLDR writes for a currency code or unit id in ``locale`` (names, symbols), [] if
    it has none: for checking that a translation kept a figure's unit."""
    from babel.numbers import get_currency_name, get_currency_symbol
    from babel.units import UnknownUnitError, format_unit

    loc = _parse(locale)
    if re.fullmatch(r"[A-Z]{3}", unit):
        names = [get_currency_name(unit, count=n, locale=loc) for n in (1, 5)]
        return [*names, get_currency_symbol(unit, loc), unit]
    found = []
    for length in ("long", "short", "narrow"):
        try:
            found.append(
                re.sub(r"[\d\s.,\u00a0\u202f]+", " ", format_unit(5, unit, length, locale=loc))
            )
        except UnknownUnitError:
            return []
    return [w for text in found for w in text.split() if w]


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
