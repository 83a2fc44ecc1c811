"""Map one article's results (summary, figures, translation, QA) into a :class:`LocaleBulletin`.

The summary is made once, on the source text; every locale's lede and section
summaries are the *translated* units with the summary's sentence IDs, so a
translation is never summarized again. Units, lede and sections share the same
:class:`BulletinUnit` objects, as the writers expect.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.bundle.bulletin import (
    Alignment,
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
from confl10n.figures.keyfigures import KeyFigure, key_figures, with_labels
from confl10n.languages import direction
from confl10n.localize.formatting import format_quantity

if TYPE_CHECKING:
    from confl10n.figures.qa import Finding
    from confl10n.summarize import ArticleSummary
    from confl10n.text.inline import AlignedWord
    from confl10n.translate.results import ArticleTranslation, UnitTranslation

HEADLINE_CHARS = 120
"""A title (or the first sentence standing in for one) longer than this is cut."""

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

    @property
    def figures(self) -> tuple[KeyFigure, ...]:
        """The key figures, ranked, with their source-language labels."""
        return key_figures(self.article, self.quantities)

    def translatable(self) -> tuple[Article, dict[str, str]]:
        """What to translate: the article plus its figures' labels (label -> unit ID)."""
        return with_labels(self.article, self.figures)


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
    words, alignments = translation.translated_alone, dict(translation.alignments)
    units = {
        u.id: replace(_unit(u), span_words=words, alignment=_alignment(u, alignments))
        for u in translation.units
    }
    own = {u.id for u in prepared.article.units()}  # not the figure labels' units
    kept = tuple(_finding(f) for f in findings if f.sentence_id is None or f.sentence_id in own)
    return _bulletin(prepared, locale, units, kept, provenance)


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
    _, label_ids = prepared.translatable()
    labels = {label: units[i] for label, i in label_ids.items() if i in units}
    picks = {s.id: tuple(units[p.id] for p in s.sentences) for s in summary.sections}
    return LocaleBulletin(
        locale=locale,
        direction=direction(locale),
        title=_headline(units[_title(article).id]),
        units=tuple(units[u.id] for u in article.units()),
        lede=tuple(units[s.id] for s in summary.lede),
        sections=tuple(_section(s, units, picks.get(s.id, ())) for s in article.sections),
        figures=tuple(_figure(f, locale, prepared.style_dir, labels) for f in prepared.figures),
        findings=findings,
        published=_published(article.published, locale, prepared.style_dir),
        published_on=article.published,
        source_lang=article.lang,
        provenance=provenance,
    )


def _title(article: Article) -> Sentence:
    """The title line; an article without one is titled by its first sentence."""
    return article.title if article.title is not None else article.sentences[0]


def _headline(unit: BulletinUnit) -> BulletinUnit:
    """The title unit, cut to a headline's length: a whole paragraph is never a title."""
    source, target = _cut(unit.source), _cut(unit.target)
    if (source, target) == (unit.source, unit.target):
        return unit
    # Spans cover the whole text; an alignment holds for the whole texts only.
    return dataclasses.replace(unit, source=source, target=target, spans=(), alignment=None)


def _cut(text: str) -> str:
    """``text`` up to :data:`HEADLINE_CHARS`, cut at a space where there is one, with "…"."""
    if len(text) <= HEADLINE_CHARS:
        return text
    cut = text[: HEADLINE_CHARS - 1]
    if " " in cut[HEADLINE_CHARS // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def _section(
    section: Section, units: dict[str, BulletinUnit], summary: tuple[BulletinUnit, ...]
) -> BulletinSection:
    heading = units[section.heading.id] if section.heading is not None else None
    paragraphs = tuple(tuple(units[s.id] for s in p.sentences) for p in section.paragraphs)
    layouts = tuple(
        ParagraphLayout(p.kind, p.marker, p.cell, p.literal) for p in section.paragraphs
    )
    return BulletinSection(section.id, heading, summary, paragraphs, layouts, section.level)


def _unit(unit: UnitTranslation) -> BulletinUnit:
    if unit.missing:
        return BulletinUnit(unit.id, unit.source, "", "missing", unit.flags)
    return BulletinUnit(unit.id, unit.source, unit.target, _STATES[unit.origin], unit.flags)


def _alignment(
    unit: UnitTranslation, alignments: Mapping[str, tuple[AlignedWord, ...]]
) -> Alignment | None:
    """The unit's word alignment with the two texts it was computed on (the unit's source
    and target as translated: an approved target is aligned as it is), or None."""
    words = alignments.get(unit.id, ())
    return Alignment(unit.source, unit.target, words) if words else None


def _figure(
    figure: KeyFigure, locale: str, style_dir: Path | None, labels: dict[str, BulletinUnit]
) -> BulletinFigure:
    """One row; ``label`` translated where the translation has it, ``source_label`` as written."""
    q = figure.quantity
    translated = labels.get(figure.label)
    return BulletinFigure(
        q.sentence_id or "",
        q.text,
        format_quantity(q, locale, style_dir=style_dir),
        q.kind,
        label=translated.text if translated is not None else figure.label,
        source_label=figure.label,
        value=_number(q.value),
        upper=_number(q.upper),
        unit=q.unit,
        label_source=figure.label_source,
        label_id=figure.label_id,
        label_state=translated.state if translated is not None else "source",
    )


def _number(value: object) -> str | None:
    """A figure's exact value as a plain decimal string (``380000000000``), for machines."""
    from decimal import Decimal

    return format(value, "f") if isinstance(value, Decimal) else None


def _finding(finding: Finding) -> BulletinFinding:
    return BulletinFinding(
        finding.sentence_id or "", finding.problem, finding.source, finding.target, finding.message
    )


def _published(day: date | None, locale: str, style_dir: Path | None) -> str | None:
    if day is None:
        return None
    written = Quantity("date", day.isoformat(), 0, 0, day, parts="ymd")
    return format_quantity(written, locale, style_dir=style_dir)
