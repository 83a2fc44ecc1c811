"""Number shapes and style look-ups shared by the renderers of
:mod:`confl10n.localize.formatting`: the rendering context, CLDR pattern surgery,
ranges written with their unit once, plural choice of style templates.

Pure Python: babel stays in :mod:`confl10n.localize.formatting` (``Ctx.locale`` is
a babel ``Locale``, used here only through its methods).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from confl10n.document import Quantity

__all__ = [
    "Ctx", "as_decimal", "decimals_of", "extra_digits", "fill", "groups", "join_range",
    "pattern_for", "plural", "ranged", "same_scale",
]  # fmt: skip


@dataclass(frozen=True)
class Ctx:
    """Everything a renderer needs: the babel locale, the style data, the options."""

    locale: Any  # a babel Locale: babel is imported in formatting.py only
    style: dict[str, Any]
    date_length: str
    extra_digits: int = 0  # fraction digits a scaled figure needs ("$101.3 million": 1.013亿)
    frame: str | None = None  # the range's own words around it: "between" or "from"

    def get(self, table: str, key: str, default: Any = None) -> Any:
        """One style value, or ``default`` when the style does not set it."""
        return self.style.get(table, {}).get(key, default)

    @property
    def numbering(self) -> str:
        """The numbering system whose separators and signs are used."""
        return str(self.get("numbers", "numbering_system", "latn"))


def extra_digits(q: Quantity) -> int:
    """Fraction digits a compact form may use to stay exact: one fewer than the
    significant digits written ("101.3 million" -> 3, "1.013亿")."""
    if not q.scale or not isinstance(q.value, Decimal):
        return 0
    return len(q.value.normalize().as_tuple().digits) - 1


def pattern_for(base: str, decimals: int, *, group: bool) -> str:
    """``base`` (a CLDR pattern) with exactly ``decimals`` fraction digits."""
    fraction = "." + "0" * decimals if decimals else ""
    pattern = re.sub(r"(0)\.[0#]+", r"\1", base.split(";")[0])
    pattern = re.sub(r"0(?![0#,.])", "0" + fraction, pattern, count=1)
    return pattern if group else pattern.replace(",", "")


def groups(ctx: Ctx, value: Decimal) -> bool:
    """Whether to group digits: CLDR groups from 1,000; style may say from 10,000."""
    minimum = int(ctx.get("numbers", "minimum_grouping_digits", 1))
    return bool(abs(value) >= 10 ** (2 + minimum))


def decimals_of(value: Decimal) -> int:
    """How many fraction digits ``value`` needs to be written exactly."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def as_decimal(value: object) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"expected a Decimal value, got {value!r}")
    return value


def ranged(ctx: Ctx, q: Quantity, one: Callable[[Decimal], str]) -> str:
    """One value, or a range whose shared unit is written once: "500–1000 Yuan"."""
    if q.upper is None:
        return one(as_decimal(q.value))
    low, high = one(as_decimal(q.value)), one(as_decimal(q.upper))
    return join_range(
        ctx, low, high, same_scale=same_scale(as_decimal(q.value), as_decimal(q.upper))
    )


def join_range(
    ctx: Ctx, low: str, high: str, *, same_scale: bool = True, whole: bool = False
) -> str:
    """Both ends with the range pattern, the low end's unit left to the high end when
    they share it ("4–5 Milliarden US-Dollar", "٢–٣ ملايين يورو", "2022至2023年").

    A range framed by "between" or "from" (``ctx.frame``) takes the style's words for
    it ("entre 22.920 y 70.044 euros", "de 2024 a 2027"), the en dash being for a range
    standing alone; ``whole`` keeps each end as written ("2024年至2027年").
    """
    pattern = str(ctx.get("ranges", "pattern", "{0}–{1}"))
    if ctx.frame is not None:
        pattern = str(ctx.get("ranges", ctx.frame, pattern))
    if whole:
        return pattern.format(low, high)
    low_tail, high_tail = re.split(r"\d", low)[-1], re.split(r"\d", high)[-1]
    low_words, high_words = low_tail.split(), high_tail.split()
    plural_only = same_scale and len(low_words) == len(high_words) > 1
    if low_tail and (low_tail == high_tail or (plural_only and low_words[-1] == high_words[-1])):
        low = low[: -len(low_tail)].rstrip("\u00a0\u202f ")
        head = re.match(r"[^\d\-−]*", low)
        if head and re.search(r"[^\W\d_]", head[0]) and high.startswith(head[0]):
            high = high[len(head[0]) :]  # 攝氏35至40度, not 攝氏35至攝氏40度
    return pattern.format(low, high)


def same_scale(low: Decimal, high: Decimal) -> bool:
    """Whether both ends take the same scale word (2 and 3 million, not 500,000 and 2 million)."""

    def magnitude(v: Decimal) -> int:
        return (len(str(int(abs(v)))) - 1) // 3

    return magnitude(low) == magnitude(high)


def fill(template: str, **fields: str | None) -> str:
    return template.format(**fields)


def plural(ctx: Ctx, template: Any, value: Decimal) -> str:
    """A style template, or the one of its plural forms ({one = ..., other = ...}) for ``value``."""
    if isinstance(template, dict):
        return str(template.get(ctx.locale.plural_form(abs(value)), template["other"]))
    return str(template)
