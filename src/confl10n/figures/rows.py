"""One figure row: what ``confl10n figures`` shows and ``POST /v1/figures`` returns.

A row is a figure of the article's prose (never of its code or URLs) as plain
data: where it is, what it is, what it means (dates only with the parts
written: ``2023-09``; times of day as ``20:00``) and how each locale's newsroom
writes it. The CLI renders the rows as a table, Markdown or JSON; the server
returns :func:`figures_document` as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from confl10n.localize.formatting import format_quantity
from confl10n.localize.target import locale_target
from confl10n.quantities.dates import YEARLESS, iso_value
from confl10n.quantities.find import article_quantities
from confl10n.text.inline import prose_only

if TYPE_CHECKING:
    from confl10n.document import Article, Quantity


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One figure: ``sentence_id``, ``start``/``end`` in the article's text, ``source`` (as
    written), ``kind``, ``value``/``upper`` as plain strings (``380000000000``,
    ``2024-12-19``, ``2023-09``, ``20:00``), ``unit``, ``decimals``, ``scale``, ``parts``,
    ``note``, ``year`` (a date's year; None for one written without a year that no
    reference date placed: its value then leaves the year out, ``--12-19``), and
    ``renderings``: locale -> the figure as that locale writes it."""

    sentence_id: str | None
    start: int
    end: int
    source: str
    kind: str
    value: str | None
    upper: str | None
    unit: str | None
    decimals: int
    scale: str | None
    parts: str | None
    note: str | None
    year: int | None
    renderings: dict[str, str]


def figure_rows(
    article: Article,
    locales: Sequence[str],
    *,
    style_dir: Path | None = None,
    reference_date: date | None = None,
) -> list[FigureRow]:
    """A row per figure of ``article``'s prose, in order, rendered for every locale.

    ``locales`` are typed as people type them (``es``, ``zh-Hant``, ``pt-BR``; each
    resolved once by :func:`~confl10n.localize.target.locale_target`, a bare language in
    its default locale's newsroom style) and key the renderings as typed.
    ``reference_date`` resolves dates written without a year (default: the article's
    publication date); ``style_dir`` holds the newsroom style files (default: shipped).
    Raises :class:`~confl10n.errors.InvalidOptionError` for a locale CLDR does not know
    (one line, with close matches).
    """
    targets = {typed: locale_target(typed, style_dir=style_dir).locale for typed in locales}
    when = reference_date or article.published
    found = article_quantities(replace(prose_only(article), published=when))
    return [_row(replace(q, text=article.text[q.start : q.end]),  # the source as written
                 {typed: format_quantity(q, locale, style_dir=style_dir)
                  for typed, locale in targets.items()},
                 dated=when is not None) for q in found]  # fmt: skip


def unplaced_dates(rows: Sequence[FigureRow]) -> int:
    """How many rows are dates written without a year that no reference date placed."""
    return sum(row.kind == "date" and row.year is None for row in rows)


def figures_document(rows: Sequence[FigureRow], locales: Sequence[str]) -> dict[str, Any]:
    """``{"locales": [...], "figures": [row, ...]}``: the JSON both faces give (a locale
    given twice is listed once, as its renderings are keyed once)."""
    return {"locales": list(dict.fromkeys(locales)), "figures": [asdict(row) for row in rows]}


def _row(q: Quantity, renderings: dict[str, str], *, dated: bool) -> FigureRow:
    placed = dated or q.parts not in YEARLESS
    value, upper = _plain(q.value, q.parts, placed), _plain(q.upper, q.parts, placed)
    year = q.value.year if isinstance(q.value, date) and placed else None
    note = q.note if placed else None  # the CLI says it once, as a warning
    return FigureRow(
        q.sentence_id, q.start, q.end, q.text, q.kind, value, upper, q.unit,
        q.decimals, q.scale, q.parts, note, year, renderings,
    )  # fmt: skip


def _plain(value: object, parts: str | None, placed: bool) -> str | None:
    """A value as a plain string: a date with only the parts written (no invented year,
    :func:`~confl10n.quantities.dates.iso_value`), a time as HH:MM."""
    if value is None:
        return None
    if isinstance(value, date):
        return iso_value(value, parts, placed=placed)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
