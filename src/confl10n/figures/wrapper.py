"""Numbers survive translation: the figures of every sentence kept away from the engine.

:class:`QuantityWrapper` is the sentence wrapper for figures that translation is
given (it implements ``confl10n.translate.pipeline.SentenceWrapper``). Before the
engine, a sentence's figures worth protecting
(:func:`~confl10n.figures.protect.worth_protecting`: money, percentages, measures, times,
dates, grouped or decimal numbers), and labels such as "8(a)" that must stay as written
(:func:`~confl10n.quantities.find.find_labels`), become placeholders (``⟦Q1⟧``); after
it, :func:`~confl10n.figures.protect.restore` writes them back in the target locale's
style, and :func:`~confl10n.figures.protect.restyle` rewrites the plain figures the
engine was trusted with (``348``, years) where it copied them English-style.
Where the engine damaged or dropped a placeholder, :meth:`QuantityWrapper.after`
gives up on the sentence: the pipeline translates it again as it is and
:meth:`QuantityWrapper.unwrapped` restyles the figures the engine copied, and
flags the unit ``numbers-unprotected``.

Figures are read from English only (:mod:`confl10n.quantities.find`): on a pivot
path, the step out of English is protected and the others pass through.
:class:`Figures` ties it together for one article and locale, including the
numeric QA report (:func:`~confl10n.figures.qa.check_article`) of the final texts.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from confl10n.errors import TranslationError
from confl10n.figures.protect import (
    Slot,
    protect,
    restore,
    restyle,
    sentence_case,
    worth_protecting,
)
from confl10n.localize.formatting import (
    load_style,
    range_frames,
)
from confl10n.localize.target import locale_target
from confl10n.quantities.find import find_labels, find_quantities

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date
    from pathlib import Path

    from confl10n.document import Article, Quantity
    from confl10n.figures.qa import Finding

UNPROTECTED = "numbers-unprotected"
"""The flag of a unit translated without placeholders because the engine damaged them."""

# 2: issue 22 (changes and levels, range words, scaled measures, periods);
# 3: a figure that opens its sentence starts upper case ("Un tercio del personal …")
VERSION = 3
"""Part of the wrapper's name, so of cache keys: bump it when the same input would
come out differently."""


def target_locale(language: str, locale: str | None = None) -> str:
    """The CLDR locale figures are written in for ``language``: ``locale`` when given (it
    must be one of that language's), else the language's usual one (zh -> zh_CN, zt ->
    zh_TW); see :func:`~confl10n.localize.target.locale_target`.

    Raises :class:`~confl10n.errors.InvalidOptionError` for a language without a CLDR locale
    or a ``locale`` of another language.
    """
    return locale_target(language, locale=locale).locale


@dataclass(frozen=True, slots=True)
class _Plan:
    """One English sentence: the text the engine sees, and its figures."""

    masked: str
    slots: list[Slot]
    loose: list[Quantity]  # found, but left to the engine
    found: list[Quantity]


class QuantityWrapper:
    """Placeholders for figures before the engine, figures in ``locale``'s style after.

    ``language`` is the target language ``locale`` is for; a pivot step into
    another language renders in that language's usual locale.
    """

    def __init__(
        self,
        *,
        language: str,
        locale: str,
        reference_date: date | None = None,
        style_dir: Path | None = None,
    ) -> None:
        self.language, self.locale = language, locale
        self.reference_date, self.style_dir = reference_date, style_dir
        self._plans: dict[str, _Plan] = {}

    @property
    def name(self) -> str:
        """What shapes the output: locale, reference date, style data (for cache keys)."""
        style = json.dumps(
            load_style(self.locale, style_dir=self.style_dir), sort_keys=True, default=str
        )
        digest = hashlib.sha256(style.encode()).hexdigest()[:12]
        when = self.reference_date.isoformat() if self.reference_date else "undated"
        return f"quantities/{VERSION} {self.locale} {when} style:{digest}"

    def before(self, text: str, *, source: str, target: str) -> str:
        """``text`` with its figures worth protecting replaced by placeholders."""
        return self._plan(text).masked if source == "en" else text

    def after(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]] | None:
        """The figures put back in target style; None when a placeholder was damaged."""
        if source != "en":
            return translated, ()
        plan, locale = self._plan(text), self._locale(target)
        try:
            cased = sentence_case(plan.masked, translated)
            restored = restore(cased, plan.slots, locale, style_dir=self.style_dir)
        except TranslationError:
            return None
        return restyle(restored, plan.loose, locale, style_dir=self.style_dir), ()

    def unwrapped(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]]:
        """A translation made without placeholders, its copied figures restyled; flagged."""
        found = self._plan(text).found
        restyled = restyle(translated, found, self._locale(target), style_dir=self.style_dir)
        return restyled, (UNPROTECTED,)

    def _locale(self, target: str) -> str:
        return self.locale if target == self.language else target_locale(target)

    def _plan(self, text: str) -> _Plan:
        if text not in self._plans:
            found = find_quantities(text, reference_date=self.reference_date)
            chosen = [q for q in found if worth_protecting(q)]
            chosen += [label for label in find_labels(text) if not _overlaps(label, chosen)]
            frames = range_frames(self.locale, style_dir=self.style_dir)
            masked, slots = protect(text, chosen, frames=frames)
            loose = [q for q in found if not worth_protecting(q)]
            self._plans[text] = _Plan(masked, slots, loose, found)
        return self._plans[text]


def _overlaps(q: Quantity, others: Sequence[Quantity]) -> bool:
    return any(o.start < q.end and q.start < o.end for o in others)


@dataclass(frozen=True, slots=True)
class Figures:
    """How one article's figures are written and checked in one target locale."""

    article: Article
    language: str
    locale: str
    style_dir: Path | None = None

    def wrapper(self) -> QuantityWrapper:
        """The wrapper protecting this article's figures (dates placed by its date)."""
        return QuantityWrapper(
            language=self.language,
            locale=self.locale,
            reference_date=self.article.published,
            style_dir=self.style_dir,
        )

    def check(self, targets: Mapping[str, str]) -> tuple[tuple[Finding, ...], float]:
        """The numeric QA findings of the translated units (unit ID -> final text), and the
        seconds it took."""
        from confl10n.figures.qa import check_article

        started = time.perf_counter()
        findings = check_article(self.article, targets, self.locale, style_dir=self.style_dir)
        return tuple(findings), time.perf_counter() - started
