"""One article's steps, the same for every driver: prepare once, then a bulletin per locale.

:func:`prepare` summarizes the article (once, on the source text), finds the
figures of its prose and ranks its key figures. :class:`ArticleRun` then makes
the source-language bulletin and, per target locale, translates the article
(with its key figures' labels) through the function it is given, and assembles
the bulletin with the numeric QA findings and the provenance. This module is the
one home of a bulletin's provenance.

Three drivers run these steps, each with its own translation function: the local
build (:mod:`confl10n.building.build`: the plan's engines), the cluster build
(:mod:`confl10n.building.cluster`: the workers' results) and the server's
``/v1/bulletin`` (:mod:`confl10n.serve.bulletin`: the server's engines).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.building.assemble import (
    Prepared,
    locale_bulletin,
    rounded,
    source_bulletin,
    tool_versions,
    translation_provenance,
)

if TYPE_CHECKING:
    from confl10n.bundle.bulletin import JSONValue, LocaleBulletin
    from confl10n.document import Article
    from confl10n.summarize import ArticleSummary
    from confl10n.summarize.options import SummaryOptions
    from confl10n.translate.cache import TranslationCache
    from confl10n.translate.engines import Engines
    from confl10n.translate.options import TranslateOptions
    from confl10n.translate.pipeline import Progress
    from confl10n.translate.results import ArticleTranslation

Translate = Callable[["Article", str], "ArticleTranslation"]
"""Called as ``translate(article, locale)``: ``article`` (the source article plus its key
figures' labels as extra units) translated to ``locale``'s language, its figures
written and checked in ``locale``'s style."""


@dataclass(frozen=True, slots=True)
class Bulletins:
    """One article's bulletins by locale (the source language's first), with the warnings
    and the seconds per step (``summarize``, ``quantities``, ``translate zh_CN``, …).

    ``pages`` holds, for an HTML article, each locale's ``article.html``: the source page
    with its text translated in place (:func:`confl10n.building.files.article_page`);
    empty for any other input, whose ``article.html`` the bundle writer renders, and for
    a run that writes no bundle (``ArticleRun(..., pages=False)``).
    """

    bulletins: dict[str, LocaleBulletin]
    warnings: tuple[str, ...]
    timings: tuple[tuple[str, float], ...]
    pages: dict[str, str] = field(default_factory=dict)


def prepare(
    article: Article,
    *,
    slug: str,
    summary: SummaryOptions,
    style: Path | None = None,
    source: str = "<request>",
) -> Prepared:
    """Summarize (on the source text, once) and find the figures of the prose (no URL or
    code); sumy's warnings are collected, prefixed with ``slug``, never printed.

    ``style`` is the folder of newsroom style files (None: the shipped ones); ``source``
    names where the article came from. Raises what
    :func:`~confl10n.summarize.summarize_sections` raises.
    """
    from confl10n.quantities.find import article_quantities
    from confl10n.text.inline import prose_only

    started = time.perf_counter()
    summarized, caught = _summarize(article, summary)
    middle = time.perf_counter()
    quantities = tuple(article_quantities(prose_only(article)))
    timings = (("summarize", middle - started), ("quantities", time.perf_counter() - middle))
    notes = (*article.warnings, *(f"{slug}: {message}" for message in caught))
    return Prepared(source, slug, article, summarized, quantities, notes, timings, style)


def _summarize(article: Article, options: SummaryOptions) -> tuple[ArticleSummary, list[str]]:
    """The section summaries, and sumy's warnings as text (reported, never printed)."""
    from confl10n.summarize import summarize_sections

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = summarize_sections(article, options)
    return summary, [str(w.message) for w in caught]


class ArticleRun:
    """A prepared article's bulletins, translated with the ``translate`` function given;
    with ``pages`` (for a driver that writes the bundle) an HTML article's translated
    ``article.html`` pages too (:attr:`Bulletins.pages`), else none are made."""

    def __init__(self, prepared: Prepared, translate: Translate, *, pages: bool = True) -> None:
        self.prepared, self.translate, self.pages = prepared, translate, pages
        self.common = common_provenance(prepared)

    def bulletins(self, targets: Sequence[str]) -> Bulletins:
        """The source-language bulletin, then one per locale of ``targets``, in order.

        Raises what the translation function raises.
        """
        prepared = self.prepared
        timings = dict(prepared.timings)
        made = {prepared.article.lang: self._source()}
        pages = self._page(prepared.article.lang, None)
        notes = list(prepared.warnings)
        for locale in targets:
            started = time.perf_counter()
            translation = self.translate(prepared.translatable()[0], locale)
            timings[f"translate {locale}"] = time.perf_counter() - started
            notes += translation_notes(prepared.slug, locale, translation)
            provenance = translation_provenance(translation, self.common, {})
            findings = translation.findings
            made[locale] = locale_bulletin(prepared, locale, translation, findings, provenance)
            pages |= self._page(locale, translation)
        return Bulletins(made, tuple(notes), tuple(timings.items()), pages)

    def _page(self, locale: str, translation: ArticleTranslation | None) -> dict[str, str]:
        """``{locale: article.html}`` for an HTML article when the run makes pages (the
        source page translated in place, the same units as the bulletin's), else nothing:
        the bundle renders it, or nobody writes it."""
        from confl10n.building.files import article_page

        article = self.prepared.article
        if article.source_format != "html" or not self.pages:
            return {}
        return {locale: article_page(article, translation, locale)}

    def _source(self) -> LocaleBulletin:
        timings = rounded(dict(self.prepared.timings))
        return source_bulletin(self.prepared, {**self.common, "timings": timings})


def common_provenance(prepared: Prepared) -> dict[str, JSONValue]:
    """What every bulletin of the article records: tool versions and how it was summarized
    (``{"versions": {…}, "summary": {"algorithm", "lang", "lede"}}``)."""
    summary = prepared.summary
    return {
        "versions": tool_versions(),
        "summary": {
            "algorithm": summary.algorithm,
            "lang": summary.lang,
            "lede": summary.lede_mode,
        },
    }


def translation_notes(slug: str, locale: str, translation: ArticleTranslation) -> list[str]:
    """A warning per flagged unit (e.g. ``degenerate``) and one for any QA findings."""
    notes = [f"{slug}/{locale} {unit.id}: {', '.join(unit.flags)}" for unit in translation.flagged]
    if translation.findings:
        count = len(translation.findings)
        notes.append(f"{slug}/{locale}: {count} numeric QA finding(s), see bundle.json")
    return notes


def engine_translation(
    options: TranslateOptions,
    engines: Engines,
    cache: TranslationCache | bool,
    progress: Callable[[str], Progress | None] | None = None,
) -> Translate:
    """The translation function of a build: ``engines`` with ``options``, through ``cache``.

    ``progress(locale)``, if given, is called before each translation and returns the
    translation's own progress callback (or None).
    """
    from confl10n.translate.article import translate_article

    def translate(article: Article, locale: str) -> ArticleTranslation:
        return translate_article(
            article,
            to=locale,  # the plan's tag, resolved there and again the same way here
            options=options,
            engines=engines,
            cache=cache,
            progress=progress(locale) if progress is not None else None,
        )

    return translate
