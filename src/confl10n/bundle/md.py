"""``article.md`` (the whole translated article) and ``bulletin.md`` (the summary).

Text from the article is escaped so that it can never turn into Markdown
markup: a sentence starting "1." stays a sentence, ``*`` stays a star.
"""

from __future__ import annotations

import re

from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinSection,
    BulletinUnit,
    LocaleBulletin,
    ParagraphLayout,
    printable,
)
from confl10n.localize import labels as L
from confl10n.localize.labels import Labels
from confl10n.text import inline

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_BLOCK_MARK = re.compile(r"^([#+=-])(?=\s|$|\1)")  # "# h", "- item", "---", "==="
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. item", not "1.92"
_COLUMNS = (L.VALUE, L.ORIGINAL, L.SECTION)
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")  # not \s: keep no-break spaces (fr 1\u202f926)


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup; newlines become spaces."""
    text = _LINE_BREAK.sub(" ", printable(text)).strip(" \t")
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_MARK.sub(r"\\\1", text)
    return _ORDERED_ITEM.sub(r"\1\\\2", text)


def render_article(bulletin: LocaleBulletin, labels: Labels) -> str:
    """The translated article: title, date, then every section in full."""
    lines = _header(bulletin, labels)
    for section in bulletin.sections:
        if section.heading is not None:
            lines += [f"{'#' * min(max(section.level, 2), 6)} {_unit(section.heading)}", ""]
        layouts = section.layouts or (ParagraphLayout(),) * len(section.paragraphs)
        laid_out = [
            (layout.kind, layout.marker, layout.cell, _join(bulletin, units) or layout.literal)
            for layout, units in zip(layouts, section.paragraphs, strict=True)
        ]
        for block in inline.markdown_layout(laid_out):
            lines += [block, ""]
    return _finish(lines)


def _unit(unit: BulletinUnit) -> str:
    """A unit's text, escaped, with the source's links, code and emphasis where they align."""
    words, source, shown = dict(unit.span_words), printable(unit.source), printable(unit.text)
    aligned = unit.aligned(source, shown)
    text = inline.markdown(source, shown, unit.spans, _piece, translated=words, alignment=aligned)
    return text.strip(" \t")


def _piece(text: str) -> str:
    """:func:`escape` for a piece of a line: the spaces around it stay."""
    flat = _LINE_BREAK.sub(" ", printable(text))
    if not flat.strip():
        return flat
    lead, trail = len(flat) - len(flat.lstrip(" \t")), len(flat) - len(flat.rstrip(" \t"))
    return flat[:lead] + escape(flat) + (flat[len(flat) - trail :] if trail else "")


def _join(bulletin: LocaleBulletin, units: tuple[BulletinUnit, ...]) -> str:
    return bulletin.separator.join(_unit(unit) for unit in units)


def render_bulletin(bulletin: LocaleBulletin, labels: Labels) -> str:
    """The bulletin: title, date, lede, per-section summaries and key figures."""
    lines = _header(bulletin, labels)
    if bulletin.lede:
        lines += [f"**{escape(bulletin.join(bulletin.lede))}**", ""]
    summaries = [s for s in bulletin.sections if s.summary]
    if summaries:
        lines += [f"## {escape(labels(L.SUMMARY))}", ""]
    for section in summaries:
        lines += [f"### {escape(_heading(section, labels))}", ""]
        lines += [_join(bulletin, section.summary), ""]
    lines += _figures(bulletin, labels)
    lines += [f"[{escape(labels(L.FULL_ARTICLE))}](article.md)", ""]
    return _finish(lines)


def _header(bulletin: LocaleBulletin, labels: Labels) -> list[str]:
    lines = [f"# {escape(bulletin.title.text)}", ""]
    if bulletin.published:
        lines += [f"*{escape(labels(L.PUBLISHED, date=bulletin.published))}*", ""]
    if bulletin.needs_review:
        lines += [f"> {escape(labels(L.MT_NOTICE))}", ""]
    return lines


def _figures(bulletin: LocaleBulletin, labels: Labels) -> list[str]:
    if not bulletin.figures:
        return []
    headings = {s.id: _heading(s, labels) for s in bulletin.sections}
    lines = [f"## {escape(labels(L.KEY_FIGURES))}", ""]
    lines.append("| " + " | ".join(escape(labels(c)) for c in _COLUMNS) + " |")
    lines.append("| --- | --- | --- |")
    lines += [_figure_row(figure, headings) for figure in bulletin.figures]
    return [*lines, ""]


def _figure_row(figure: BulletinFigure, headings: dict[str, str]) -> str:
    section = headings.get(figure.sentence_id.split(".", 1)[0], "")
    value = figure.rendered
    if figure.label and figure.label != figure.source_label:  # translated with the article
        value = f"{value} — {figure.label}"
    cells = (value, figure.described, section)
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def _heading(section: BulletinSection, labels: Labels) -> str:
    return section.heading.text if section.heading is not None else labels(L.INTRODUCTION)


def _finish(lines: list[str]) -> str:
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
