"""The blocking jobs behind the endpoints, built on the library's public functions.

:class:`Service` holds what one server process shares: the engines (loaded once),
the language detector and one translation cache connection per worker thread
(SQLite connections stay in their thread; every connection opens the same file,
so the cache is shared by all threads and worker processes). Every method
runs in a worker thread and raises :class:`~confl10n.errors.Confl10nError` on bad input.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from confl10n.document import Article
from confl10n.languages import language_code
from confl10n.serve.detect import Detector, Guess
from confl10n.serve.engines import EngineHolder
from confl10n.serve.settings import ServeSettings
from confl10n.serve.texts import Batch, clean, plain_batch, split_html
from confl10n.summarize.options import SummaryOptions
from confl10n.translate.cache import TranslationCache
from confl10n.translate.results import ArticleTranslation

JSON = dict[str, Any]
AUTO = "auto"
LIBRE_FINDING = ("problem", "source", "target", "expected", "message")
"""What ``/translate`` tells of a QA finding (its spans and unit IDs are the server's own)."""


@dataclass(frozen=True, slots=True)
class Translated:
    """Each request text translated, with what was detected and the QA findings per text."""

    texts: list[str]
    detected: list[Guess | None]
    findings: list[list[JSON]]
    locale: str | None


class Service:
    """One process's engines, detector and cache; see the module docstring."""

    def __init__(self, settings: ServeSettings, holder: EngineHolder | None = None) -> None:
        self.settings = settings
        self.options = settings.translation
        self.engines = holder or EngineHolder(
            self.options, max_batch_tokens=settings.max_batch_tokens, batch_wait=settings.batch_wait
        )
        self.languages = self.engines.languages()
        self.detector = Detector(self.languages)
        self._local = threading.local()
        if settings.cache_choice is not False:
            self._open_cache().close()  # a bad --cache fails now, not on the first request

    def cache(self) -> TranslationCache | bool:
        """This thread's connection to the shared cache (False: no cache)."""
        if self.settings.cache_choice is False:
            return False
        if getattr(self._local, "cache", None) is None:
            self._local.cache = self._open_cache()
        cache: TranslationCache = self._local.cache
        return cache

    def _open_cache(self) -> TranslationCache:
        choice = self.settings.cache_choice
        return TranslationCache.open_default() if choice is True else TranslationCache(str(choice))

    def translate_texts(
        self, texts: Sequence[str], source: str, target: str, *, html: bool = False,
        locale: str | None = None,
    ) -> Translated:  # fmt: skip
        """LibreTranslate's ``/translate``: each text (plain or HTML) from ``source``
        (a code or ``auto``) to ``target``, figures protected and checked."""
        target = language_code(target)
        cleaned = [clean(t) for t in texts]
        parts = [split_html(t) for t in cleaned] if html else None
        runs = [p.texts for p in parts] if parts else [[t] for t in cleaned]
        detected = [self.detector.best(t) if source == AUTO else None for t in cleaned]
        out: list[list[str]] = [[] for _ in texts]
        findings: list[list[JSON]] = [[] for _ in texts]
        found_locale = None
        for lang, indexes in self._by_source(source, detected).items():
            flat = [run for i in indexes for run in runs[i]]
            done, by_run, found_locale = self._translate_runs(flat, lang, target, locale)
            _spread(indexes, runs, done, by_run, out, findings)
        if parts is None:
            return Translated([o[0] for o in out], detected, findings, found_locale)
        joined = [p.join(o) for p, o in zip(parts, out, strict=True)]
        return Translated(joined, detected, findings, found_locale)

    def _translate_runs(
        self, runs: list[str], source: str, target: str, locale: str | None
    ) -> tuple[list[str], list[list[JSON]], str | None]:
        batch = plain_batch(runs, source)
        if not batch.places:
            return list(runs), [[] for _ in runs], None
        result = self.translate(batch.article, target, locale=locale)
        texts = batch.reassemble({u.id: u.target for u in result.units}, target=target)
        return texts, _findings_by_text(batch, result), result.locale

    def translate(
        self, article: Article, target: str, *, locale: str | None = None, quantities: bool = True
    ) -> ArticleTranslation:
        """The article translated with this process's engines and cache (library pipeline)."""
        from confl10n.translate.article import translate_article

        source, target = language_code(article.lang), language_code(target)
        engine = self.engines.pick(source, target) if source != target else None
        options = replace(self.options, engine=engine, protect_numbers=quantities)
        return translate_article(
            article, to=target, locale=locale, options=options, engines=self.engines.engines,
            cache=self.cache(),
        )  # fmt: skip

    def detect(self, text: str) -> list[Guess]:
        """LibreTranslate's ``/detect``: the installed source languages, most likely first."""
        return self.detector.detect(clean(text))

    def _by_source(self, source: str, detected: list[Guess | None]) -> dict[str, list[int]]:
        """The indexes of the texts by source language (each its own with ``auto``)."""
        groups: dict[str, list[int]] = defaultdict(list)
        for index, guess in enumerate(detected):
            groups[guess.language if guess else language_code(source)].append(index)
        return groups

    def summarize(self, article: Article, options: SummaryOptions) -> JSON:
        """The article's section summaries and lede, as the CLI's JSON (``summarize_sections``)."""
        from confl10n.summarize import summarize_sections

        summary: JSON = asdict(summarize_sections(article, options))
        return summary

    def figures(
        self, article: Article, locales: Sequence[str], *, reference_date: date | None = None
    ) -> JSON:
        """``confl10n figures --format json``'s document for the article: every figure of
        its prose (not its code or URLs) and how each of ``locales`` writes it."""
        from confl10n.figures.rows import figure_rows, figures_document

        rows = figure_rows(article, locales, reference_date=reference_date)
        return figures_document(rows, locales)

    def translation_json(self, translation: ArticleTranslation) -> JSON:
        """The CLI's ``translate --format json`` document for one translation."""
        from confl10n.translate.render import render_json  # translate --format json, as is

        document: JSON = json.loads(render_json([translation]))
        return document

    def bulletin(self, article: Article, locales: Sequence[str], *, slug: str | None) -> JSON:
        """Each locale's ``bundle.json`` (the source language's too), as ``build`` writes it."""
        from confl10n.serve.bulletin import bundles, server_translation

        made: JSON = bundles(server_translation(self.translate), article, locales, slug=slug)
        return made


def _spread(
    indexes: list[int], runs: list[list[str]], done: list[str], by_run: list[list[JSON]],
    out: list[list[str]], findings: list[list[JSON]],
) -> None:  # fmt: skip
    """Hand a group's translated runs (and their findings) back to the texts they came from."""
    position = 0
    for index in indexes:
        count = len(runs[index])
        out[index] = done[position : position + count]
        findings[index] = [f for found in by_run[position : position + count] for f in found]
        position += count


def _findings_by_text(batch: Batch, result: ArticleTranslation) -> list[list[JSON]]:
    owner = {place.id: place.text for place in batch.places}
    found: list[list[JSON]] = [[] for _ in batch.texts]
    for finding in result.findings:
        if finding.sentence_id in owner:
            found[owner[finding.sentence_id]].append(
                {key: getattr(finding, key) for key in LIBRE_FINDING}
            )
    return found
