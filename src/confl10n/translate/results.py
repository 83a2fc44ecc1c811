"""What a translated article is: its units, their translations, and how they were made.

Immutable values, so a result can be cached, compared and handed around safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from confl10n.document import Article
from confl10n.text.inline import AlignedWord
from confl10n.translate.engine import EngineIdentity

if TYPE_CHECKING:
    from confl10n.figures.qa import Finding


@dataclass(frozen=True, slots=True)
class UnitTranslation:
    """One unit (title, heading or sentence) and its translation.

    ``origin`` is ``engine``, ``cache``, ``approved`` or ``identity``; ``flags``
    hold warnings such as ``degenerate`` (still looping after a retry),
    ``retried`` (looped once, a careful retry fixed it) or ``numbers-unprotected``
    (the engine damaged the figures' placeholders: translated without them).
    """

    id: str
    source: str
    target: str
    origin: str
    flags: tuple[str, ...] = ()

    @property
    def missing(self) -> bool:
        """True when the target is blank: no translation came, so every writer shows the
        source instead (a build's bulletins and pages, ``translate``'s files alike)."""
        return not self.target.strip()

    @property
    def shown(self) -> str:
        """What a reader sees: the target, or the source when it is :attr:`missing`."""
        return self.source if self.missing else self.target


@dataclass(frozen=True, slots=True)
class Provenance:
    """How a translation was made: path of languages, models, options, timings.

    ``second_pass`` counts the texts the engine translated twice: their placeholders
    were damaged, so they went again without them (the last resort; 0 when every
    figure was restored in the first output).
    """

    path: tuple[str, ...]
    engines: tuple[EngineIdentity, ...]
    options: tuple[tuple[str, str], ...]
    timings: tuple[tuple[str, float], ...]
    second_pass: int = 0

    @property
    def pivot(self) -> str | None:
        """The intermediate language, if the translation went through one."""
        return self.path[1] if len(self.path) == 3 else None


@dataclass(frozen=True, slots=True)
class ArticleTranslation:
    """An article translated unit by unit, in :meth:`Article.units` order.

    ``findings`` is the numeric QA report of the units' final texts, checked in
    ``locale`` (the locale the figures are written for).
    """

    article: Article
    source: str
    target: str
    units: tuple[UnitTranslation, ...]
    provenance: Provenance
    findings: tuple[Finding, ...] = ()
    locale: str | None = None
    translated_alone: tuple[tuple[str, str], ...] = ()
    """The words of links and emphasis that the whole sentence's translation does not
    contain, each translated alone: ``(source words, target words)``, so writers can
    find them in the sentence (:func:`confl10n.text.inline.align`'s ``translated``)."""
    alignments: tuple[tuple[str, tuple[AlignedWord, ...]], ...] = ()
    """Word alignments ``(unit ID, words)`` of the units whose links or emphasis are not
    found in their translation exactly once, where the engine can align
    (:class:`~confl10n.translate.engine.AligningEngine`), for
    :func:`confl10n.text.inline.align`'s ``alignment``."""

    def unit(self, unit_id: str) -> UnitTranslation:
        """The translation of unit ``unit_id``; ``KeyError`` if there is none."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)

    def alignment(self, unit_id: str) -> tuple[AlignedWord, ...]:
        """The word alignment of unit ``unit_id``'s source and target; ``()`` if none."""
        return next((words for key, words in self.alignments if key == unit_id), ())

    @property
    def flagged(self) -> tuple[UnitTranslation, ...]:
        """The units with warnings."""
        return tuple(unit for unit in self.units if unit.flags)
