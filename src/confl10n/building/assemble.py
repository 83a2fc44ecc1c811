"""Map one article's results (summary, figures, translation, QA) into a :class:`LocaleBulletin`.

The summary is made once, on the source text; every locale's lede and section
summaries are the *translated* units with the summary's sentence IDs, so a
translation is never summarized again. Units, lede and sections share the same
:class:`BulletinUnit` objects, as the writers expect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinFinding,
    BulletinSection,
    BulletinUnit,
    JSONValue,
    LocaleBulletin,
    ParagraphLayout,
    UnitState,
)
from confl10n.document import Article, Quantity, Section, Sentence
from confl10n.languages import direction
from confl10n.localize.formatting import format_quantity

if TYPE_CHECKING:
    from confl10n.figures.qa import Finding
    from confl10n.summarize import ArticleSummary
    from confl10n.translate.results import ArticleTranslation, UnitTranslation

KEY_FIGURE_KINDS = frozenset({"money", "percent", "measure", "count", "number"})
"""Quantities shown as key figures (dates, ordinals and flagged ones are not)."""

VERSIONED = ("confl10n", "ctranslate2", "babel", "sumy")
"""Distributions whose versions go into every bulletin's provenance."""

_STATES: dict[str, UnitState] = {
    "engine": "mt",
    "cache": "mt",
    "approved": "approved",
    "identity": "source",
}


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article read, summarized and measured: what every locale shares."""

    source: str
    slug: str
    article: Article
    summary: ArticleSummary
    quantities: tuple[Quantity, ...]
    warnings: tuple[str, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()
    style_dir: Path | None = None  # editorial style files for the figures (default: shipped)


def source_bulletin(prepared: Prepared, provenance: dict[str, JSONValue]) -> LocaleBulletin:
    """The bulletin in the article's own language: every unit as written."""
    units = {u.id: BulletinUnit(u.id, u.text, u.text, "source") for u in prepared.article.units()}
    return _bulletin(prepared, prepared.article.lang, units, (), provenance)


def locale_bulletin(
    prepared: Prepared,
    locale: str,
    translation: ArticleTranslation,
    findings: Sequence[Finding],
    provenance: dict[str, JSONValue],
) -> LocaleBulletin:
    """The bulletin for ``locale`` from the article's translation and its QA findings."""
    units = {u.id: _unit(u) for u in translation.units}
    return _bulletin(prepared, locale, units, tuple(map(_finding, findings)), provenance)


def translation_provenance(
    translation: ArticleTranslation,
    common: Mapping[str, JSONValue],
    timings: Mapping[str, float],
) -> dict[str, JSONValue]:
    """Engine path, models with checksums, options and timings, as plain JSON values."""
    record = translation.provenance
    models: list[JSONValue] = [
        {"engine": i.engine, "model": i.model, "version": i.version, "checksum": i.checksum}
        for i in record.engines
    ]
    first = record.engines[0] if record.engines else None
    return {
        "engine": first.engine if first else "identity",
        "model": first.model if first else None,
        "checksum": first.checksum if first else None,
        "path": list(record.path),
        "models": models,
        "options": dict(record.options),
        **common,
        "timings": rounded({**dict(record.timings), **timings}),
    }


def rounded(timings: Mapping[str, float]) -> dict[str, JSONValue]:
    """Seconds per step, to the tenth of a millisecond."""
    return {step: round(seconds, 4) for step, seconds in timings.items()}


def tool_versions() -> dict[str, JSONValue]:
    """Installed versions of confl10n and the libraries that shape its output."""
    versions: dict[str, JSONValue] = {}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def key_figures(quantities: Iterable[Quantity]) -> tuple[Quantity, ...]:
    """The figures worth a table row: written in digits, each source wording once."""
    seen: set[tuple[str, str]] = set()
    chosen = []
    for q in quantities:
        key = (q.kind, q.text)
        if q.kind in KEY_FIGURE_KINDS and any(c.isdigit() for c in q.text) and key not in seen:
            seen.add(key)
            chosen.append(q)
    return tuple(chosen)


def _bulletin(
    prepared: Prepared,
    locale: str,
    units: dict[str, BulletinUnit],
    findings: tuple[BulletinFinding, ...],
    provenance: dict[str, JSONValue],
) -> LocaleBulletin:
    article, summary = prepared.article, prepared.summary
    marked = {u.id: u.spans for u in article.units() if u.spans}
    units = {k: replace(u, spans=marked[k]) if k in marked else u for k, u in units.items()}
    picks = {s.id: tuple(units[p.id] for p in s.sentences) for s in summary.sections}
    return LocaleBulletin(
        locale=locale,
        direction=direction(locale),
        title=units[_title(article).id],
        units=tuple(units[u.id] for u in article.units()),
        lede=tuple(units[s.id] for s in summary.lede),
        sections=tuple(_section(s, units, picks.get(s.id, ())) for s in article.sections),
        figures=tuple(
            _figure(q, locale, prepared.style_dir) for q in key_figures(prepared.quantities)
        ),
        findings=findings,
        published=_published(article.published, locale, prepared.style_dir),
        published_on=article.published,
        source_lang=article.lang,
        provenance=provenance,
    )


def _title(article: Article) -> Sentence:
    """The title line; an article without one is titled by its first sentence."""
    return article.title if article.title is not None else article.sentences[0]


def _section(
    section: Section, units: dict[str, BulletinUnit], summary: tuple[BulletinUnit, ...]
) -> BulletinSection:
    heading = units[section.heading.id] if section.heading is not None else None
    paragraphs = tuple(tuple(units[s.id] for s in p.sentences) for p in section.paragraphs)
    layouts = tuple(
        ParagraphLayout(p.kind, p.marker, p.cell, p.literal) for p in section.paragraphs
    )
    return BulletinSection(section.id, heading, summary, paragraphs, layouts)


def _unit(unit: UnitTranslation) -> BulletinUnit:
    if not unit.target.strip():
        return BulletinUnit(unit.id, unit.source, "", "missing", unit.flags)
    return BulletinUnit(unit.id, unit.source, unit.target, _STATES[unit.origin], unit.flags)


def _figure(q: Quantity, locale: str, style_dir: Path | None) -> BulletinFigure:
    rendered = format_quantity(q, locale, style_dir=style_dir)
    return BulletinFigure(q.sentence_id or "", q.text, rendered, q.kind)


def _finding(finding: Finding) -> BulletinFinding:
    return BulletinFinding(
        finding.sentence_id or "", finding.problem, finding.source, finding.target, finding.message
    )


def _published(day: date | None, locale: str, style_dir: Path | None) -> str | None:
    if day is None:
        return None
    written = Quantity("date", day.isoformat(), 0, 0, day, parts="ymd")
    return format_quantity(written, locale, style_dir=style_dir)
