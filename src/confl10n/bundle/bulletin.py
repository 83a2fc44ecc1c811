"""What the output writers consume: one locale's bulletin as plain frozen data.

These types are deliberately independent of the summarizer, translator and
quantity types: the build maps their results into a :class:`LocaleBulletin`,
and the writers in :mod:`confl10n.bundle` never need to know where a value
came from. Everything here is already final text (translated, localized);
the writers only lay it out and escape it.

This module imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeAlias

from confl10n.document import Inline
from confl10n.languages import Direction, bcp47, language_of, sentence_separator
from confl10n.text.inline import AlignedWord

JSONValue: TypeAlias = str | int | float | bool | list["JSONValue"] | dict[str, "JSONValue"] | None
UnitState: TypeAlias = Literal["source", "mt", "approved", "missing"]
"""``source``: no translation needed (the English bulletin); ``mt``: machine
translated, needs review; ``approved``: a human-approved translation;
``missing``: no translation could be made (the source is shown instead)."""

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Alignment:
    """A word alignment and the two texts it was computed on: ``words`` hold offsets into
    ``source`` and ``target``, so they place markup in those very texts only."""

    source: str
    target: str
    words: tuple[AlignedWord, ...]

    def on(self, source: str, target: str) -> tuple[AlignedWord, ...]:
        """``words`` when ``source`` and ``target`` are the texts aligned, else ``()``."""
        return self.words if (source, target) == (self.source, self.target) else ()


@dataclass(frozen=True, slots=True)
class BulletinUnit:
    """One translatable unit (title, heading or sentence) with its document ID.

    ``spans`` are the source's inline markup (links, code, emphasis; offsets in
    ``source``), which writers put back where they align with the text shown;
    ``span_words`` pairs span words with their translation alone, to find them by
    (:func:`confl10n.text.inline.align`'s ``translated``); ``alignment`` is the engine's
    word alignment of ``source`` and the target it was computed on (see :meth:`aligned`).
    """

    id: str
    source: str
    target: str
    state: UnitState = "mt"
    flags: tuple[str, ...] = ()
    spans: tuple[Inline, ...] = ()
    span_words: tuple[tuple[str, str], ...] = ()
    alignment: Alignment | None = None

    @property
    def text(self) -> str:
        """What a reader sees: the target, or the source when there is none."""
        return self.target or self.source

    def aligned(self, source: str, shown: str) -> tuple[AlignedWord, ...]:
        """The word alignment to move ``spans`` from ``source`` onto ``shown`` (the texts a
        writer puts markup in), for :func:`confl10n.text.inline.align`'s ``alignment``:
        ``()`` unless they are the texts it was computed on — once cleaned
        (:func:`printable`), cut or edited, its offsets would point at other words."""
        return self.alignment.on(source, shown) if self.alignment is not None else ()


@dataclass(frozen=True, slots=True)
class ParagraphLayout:
    """How a paragraph is laid out: ``kind`` (text, list_item, quote, table_cell), its
    Markdown ``marker`` (``1. ``, ``- ``, ``> ``), a table cell's ``(row, column)``, and
    the ``literal`` text of a cell without sentences."""

    kind: str = "text"
    marker: str = ""
    cell: tuple[int, int] | None = None
    literal: str = ""


@dataclass(frozen=True, slots=True)
class BulletinSection:
    """A section: its heading (none for the intro), summary and full paragraphs.

    ``layouts`` has one :class:`ParagraphLayout` per paragraph (empty: all plain text);
    ``level`` is the heading's level in the source (2 for ``##``, 3 for ``###`` …).
    """

    id: str
    heading: BulletinUnit | None
    summary: tuple[BulletinUnit, ...]
    paragraphs: tuple[tuple[BulletinUnit, ...], ...]
    layouts: tuple[ParagraphLayout, ...] = ()
    level: int = 2


@dataclass(frozen=True, slots=True)
class BulletinFigure:
    """A key figure: the source wording, its rendering in the locale and what it counts.

    ``label`` says what the figure counts, in the bulletin's language (translated
    with the article); ``source_label`` is the same phrase from the figure's
    sentence, in the source language;
    ``value``/``upper`` are exact decimals as strings (``"380000000000"``; ``upper``
    ends a range), ``unit`` an ISO 4217 code, a CLDR unit id or the counted noun.
    ``label_source`` says where the label came from (``noun``, ``subject`` or
    ``clause``: a quote of the source); ``label_id`` is the label's translation
    unit (``s2.p3.t1.f1``) and ``label_state`` that unit's state.
    """

    sentence_id: str
    source: str
    rendered: str
    kind: str = ""
    label: str = ""
    value: str | None = None
    source_label: str = ""
    upper: str | None = None
    unit: str | None = None
    label_source: str = ""
    label_id: str = ""
    label_state: UnitState = "source"

    @property
    def described(self) -> str:
        """The source wording with what it counts: ``AI companies, 2023: 348``."""
        label = self.source_label or self.label
        return f"{label}: {self.source}" if label else self.source


@dataclass(frozen=True, slots=True)
class BulletinFinding:
    """A QA finding on one unit, for reviewers (XLIFF notes, bundle.json)."""

    sentence_id: str
    kind: str
    source: str
    target: str
    message: str


@dataclass(frozen=True, slots=True)
class LocaleBulletin:
    """Everything written for one article in one locale.

    ``locale`` is a POSIX-style code (``zh_CN``, ``ar_EG``, ``en``) and names
    the output folder. ``published`` is the date already formatted for the
    locale; ``published_on`` is the same date for machines. ``units`` lists
    every unit once in document order; ``title``, ``lede`` and ``sections``
    refer to the same unit objects. ``provenance`` holds plain JSON values
    (engine, model, checksum, options, versions, timings).
    """

    locale: str
    direction: Direction
    title: BulletinUnit
    units: tuple[BulletinUnit, ...]
    lede: tuple[BulletinUnit, ...] = ()
    sections: tuple[BulletinSection, ...] = ()
    figures: tuple[BulletinFigure, ...] = ()
    findings: tuple[BulletinFinding, ...] = ()
    published: str | None = None
    published_on: date | None = None
    source_lang: str = "en"
    provenance: dict[str, JSONValue] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """The language part of the locale: ``zh`` for ``zh_CN``."""
        return language_of(self.locale)

    @property
    def bcp47(self) -> str:
        """The locale as an HTML/XML language tag: ``zh-CN``."""
        return bcp47(self.locale)

    @property
    def needs_review(self) -> bool:
        """True when any unit is an unreviewed machine translation."""
        return any(unit.state == "mt" for unit in self.units)

    @property
    def separator(self) -> str:
        """What goes between sentences: nothing in zh/ja/th, else a space."""
        return sentence_separator(self.locale)

    def join(self, units: tuple[BulletinUnit, ...]) -> str:
        """The units' texts joined into running text."""
        return self.separator.join(unit.text for unit in units)


def printable(text: str) -> str:
    """``text`` without control characters, which Markdown, HTML and XML cannot carry.

    Lone surrogates (left by a lossy decode) become U+FFFD so the text can be
    encoded as UTF-8 at all.
    """
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))
