"""``confl10n figures``: the article's key figures, one row each, one column per locale."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app, load_article, show, warn
from confl10n.document import duration_units
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.figures.rows import FigureRow


class FiguresFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"  # the input is HTML; output as the default


command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def figures(
    file: opt.ArticleFile,
    locales: Annotated[
        list[str], typer.Option(
            "--locale", help="Target locale or language, e.g. zh_CN, zh-Hant, es; repeatable."
        )
    ],
    input_format: opt.InputFormat = None,
    output_format: Annotated[FiguresFormat, typer.Option("--format")] = FiguresFormat.table,
    reference_date: Annotated[
        str | None,
        typer.Option("--reference-date", help="YYYY-MM-DD for dates written without a year "
                     "(default: the article's front-matter date)."),
    ] = None,
    style_dir: Annotated[
        Path | None, typer.Option("--style-dir", help="Folder of <locale>/style.toml files.")
    ] = None,
    keep_boilerplate: opt.KeepBoilerplate = False,
    max_input_size: opt.MaxInputSize = opt.DEFAULT_MAX_INPUT_SIZE,
) -> None:  # fmt: skip
    """Show every figure of the article as each locale's newsroom would write it."""
    from confl10n.figures.rows import figure_rows, unplaced_dates
    from confl10n.localize.target import locale_target

    for locale in locales:
        locale_target(locale, style_dir=style_dir)  # a bad locale fails before the article is read
    article = load_article(
        file,
        keep_boilerplate=keep_boilerplate,
        max_bytes=opt.input_size(max_input_size),
        input_format=opt.input_format_for(input_format, output_format),
    )
    when = _parse_date(reference_date) if reference_date else None
    rows = figure_rows(article, locales, style_dir=style_dir, reference_date=when)
    unplaced = unplaced_dates(rows)
    if unplaced:
        warn(f"{unplaced} date(s) written without a year and no reference date (front-matter "
             "date: or --reference-date): their year is left out")  # fmt: skip
    show(_RENDER[output_format](rows, list(dict.fromkeys(locales))))  # one column each


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidOptionError(f"--reference-date must be YYYY-MM-DD, not {text!r}") from None


def _shown_value(row: FigureRow) -> str:
    """The normalised value as a reader sees it: '500–1000 CNY', '2024-12-19'."""
    value = row.value if row.value is not None else "?"
    if row.upper is not None:
        value = f"{value}–{row.upper}"
    if row.kind == "percent":
        return value + "%"
    if row.kind == "measure" and row.unit:  # never a CLDR id, nor the scale word again
        from confl10n.localize.formatting import unit_words

        # A compound duration in its smallest unit: "80 minutes" (1 hour 20 minutes).
        unit = (duration_units(row.unit) or (row.unit,))[-1]
        return f"{value} {unit_words(unit, Decimal(row.upper or row.value or 0))}"
    return f"{value} {row.unit}" if row.kind == "money" else value


def _cells(rows: list[FigureRow], locales: list[str]) -> list[list[str]]:
    header = ["id", "source", "kind", "value", *locales]
    has_notes = any(row.note for row in rows)
    body = [[str(row.sentence_id), row.source, row.kind, _shown_value(row),
             *(row.renderings[loc] for loc in locales)]
            + ([row.note or ""] if has_notes else []) for row in rows]  # fmt: skip
    return [header + (["note"] if has_notes else []), *body]


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[FigureRow], locales: list[str]) -> str:
    cells = _cells(rows, locales)
    widths = [max(_width(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True))
             for row in cells]  # fmt: skip
    return "\n".join(line.rstrip() for line in lines)


def _markdown(rows: list[FigureRow], locales: list[str]) -> str:
    cells = [[c.replace("|", "\\|") for c in row] for row in _cells(rows, locales)]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "---|" * len(cells[0]))
    return "\n".join(lines)


def _json(rows: list[FigureRow], locales: list[str]) -> str:
    from confl10n.figures.rows import figures_document

    return json.dumps(figures_document(rows, locales), ensure_ascii=False, indent=2)


_RENDER = {FiguresFormat.table: _table, FiguresFormat.md: _markdown, FiguresFormat.json: _json}
_RENDER[FiguresFormat.html] = _table
