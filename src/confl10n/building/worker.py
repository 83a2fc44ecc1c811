"""What a Dask worker runs for a cluster build: summaries and translations, engines held once.

Plain functions, shipped to the workers by reference (confl10n is installed on every
worker) and run there; nothing here imports Dask. Each worker process keeps its
engines in :data:`_ENGINES`, one :class:`~confl10n.translate.engines.Engines` per
engine settings and fingerprint of the models they reach, so a model is loaded once per
process and reused by every task. A CTranslate2 model never travels: only
articles, settings and results do.

A translation too big for one task is shared: :func:`translate_part` tasks each
translate a share of the engine's sentences, and :func:`translate` finishes it with
their outputs (:mod:`confl10n.building.share`), the same translation as one task's.

The translation cache stays on the client: a task gets the client's stored rows for
its sentences (:class:`~confl10n.translate.cache.CacheRows`) and hands back what the
engine translated, for the client to store. Workers never open a cache file.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.translate.cache import CacheContext, CachedTranslation, CacheRows, TranslationCache

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from confl10n.building.article import Translate
    from confl10n.building.assemble import Prepared
    from confl10n.building.plan import PlannedArticle
    from confl10n.building.share import Part
    from confl10n.summarize.options import SummaryOptions
    from confl10n.translate.engine import EngineSettings
    from confl10n.translate.engines import Engines
    from confl10n.translate.options import TranslateOptions
    from confl10n.translate.results import ArticleTranslation

Stored = tuple[CacheContext, tuple[tuple[str, CachedTranslation], ...]]
"""One engine call's results, as :meth:`TranslationCache.store` takes them."""

_ENGINES: dict[str, Engines] = {}
_CREATED: list[Engines] = []  # every run of engines this process made, to count loads honestly


@dataclass(frozen=True, slots=True)
class Translated:
    """A translation task's result: the translation, what to cache, seconds on the worker."""

    translation: ArticleTranslation
    stored: tuple[Stored, ...]
    seconds: float


def prepare(entry: PlannedArticle, summary: SummaryOptions, style_dir: Path | None) -> Prepared:
    """Summarize the article and find its figures (:func:`.article.prepare`)."""
    from confl10n.building.article import prepare as prepare_article

    article, slug, source = entry.article, entry.slug, entry.source
    return prepare_article(article, slug=slug, summary=summary, style=style_dir, source=source)


def engine_problem(source: str, target: str, options: TranslateOptions) -> str | None:
    """Why no engine on this worker translates ``source`` -> ``target``, or None."""
    from confl10n.building.plan import engine_problem as problem

    return problem(source, target, options.engine_choice, engines_for(options))


def splits(source: str, target: str, options: TranslateOptions) -> bool:
    """Whether this worker's engine for ``source`` -> ``target`` shares its work among
    tasks (:func:`~confl10n.building.share.splits`); False when there is none (the
    translation task reports why)."""
    from confl10n.building.share import splits as worth_it
    from confl10n.errors import Confl10nError
    from confl10n.languages import language_code

    try:
        pair = (language_code(source), language_code(target))
        engine, _ = engines_for(options).pick(options.engine_choice, *pair)
    except Confl10nError:
        return False
    return worth_it(engine)


def translate_part(
    prepared: Prepared,
    locale: str,
    options: TranslateOptions,
    rows: CacheRows,
    part: int,
    parts: int,
) -> Part:
    """Share ``part`` (from 0) of ``parts`` of the engine's work in translating the prepared
    article to ``locale`` (:func:`~confl10n.building.share.translate_share`), for
    :func:`translate` to finish. Raises what :func:`translate` raises.
    """
    from confl10n.building.share import Part, translate_share

    started = time.perf_counter()
    article = prepared.translatable()[0]

    def run(engines: Engines) -> object:
        return _translation(options, engines, _MemoryCache(rows))(article, locale)

    outputs = translate_share(run, engines_for(options), part, parts)
    return Part(outputs, time.perf_counter() - started)


def translate(
    prepared: Prepared,
    locale: str,
    options: TranslateOptions,
    rows: CacheRows,
    parts: Sequence[Part] = (),
) -> Translated:
    """Translate the prepared article to ``locale`` as a local build does (its key figures'
    labels go along), with this process's engines and what ``parts`` translated
    (:func:`translate_part`); :attr:`Translated.seconds` counts theirs too.

    ``rows`` are the client's cached translations; the engine's new results come back
    in :attr:`Translated.stored`. Raises what
    :func:`~confl10n.translate.article.translate_article` raises.
    """
    from confl10n.building.share import replaying

    started = time.perf_counter()
    memory = _MemoryCache(rows)
    engines = replaying(engines_for(options), parts) if parts else engines_for(options)
    translation = _translation(options, engines, memory)(prepared.translatable()[0], locale)
    shared = sum(part.seconds for part in parts)
    seconds = time.perf_counter() - started + shared
    timed = _timed(translation, shared) if parts else translation
    return Translated(timed, tuple(memory.stored), seconds)


def _timed(translation: ArticleTranslation, seconds: float) -> ArticleTranslation:
    """``translation`` whose provenance also times its part tasks (``parts``: their seconds
    together; its own steps are the finishing task's)."""
    from dataclasses import replace

    provenance = translation.provenance
    timings = (*provenance.timings, ("parts", seconds))
    return replace(translation, provenance=replace(provenance, timings=timings))


def _translation(options: TranslateOptions, engines: Engines, cache: _MemoryCache) -> Translate:
    """The build's translation function (:func:`.article.engine_translation`)."""
    from confl10n.building.article import engine_translation

    return engine_translation(options, engines, cache)


def model_loads() -> dict[str, int]:
    """How many times this process loaded each model: package folder -> loads."""
    loads: Counter[str] = Counter()
    for engine in (engine for run in _CREATED for engine in run.created()):
        loaded = getattr(engine, "loaded_models", None)
        loads.update(str(path) for path in (loaded() if loaded is not None else ()))
    return dict(loads)


def engines_for(options: TranslateOptions) -> Engines:
    """This process's engines for ``options``' settings, made on first use only.

    Keyed by the settings and a fingerprint of the models they reach, so a package
    installed or replaced between builds gives fresh engines.
    """
    from confl10n.translate.engines import Engines

    key = json.dumps([repr(options.settings), _fingerprint(options.settings)])
    if key not in _ENGINES:
        _ENGINES[key] = Engines(options.settings)
        _CREATED.append(_ENGINES[key])
    return _ENGINES[key]


def _fingerprint(given: Sequence[EngineSettings]) -> list[list[tuple[str, int, int]]]:
    """What every registered engine's settings (given, else its defaults) reach on disk."""
    from confl10n.translate import registry

    chosen = (registry.settings_for(name, given) for name in registry.auto_order())
    return [settings.fingerprint() for settings in chosen if settings is not None]


class _MemoryCache(TranslationCache):
    """The client's rows, read like a cache; what the engine adds is kept for the client."""

    def __init__(self, rows: CacheRows) -> None:  # no database: nothing to open
        self.path = Path("<client cache>")
        self.rows = CacheRows(dict(rows.machine), dict(rows.approved))
        self.stored: list[Stored] = []

    def lookup(
        self, context: CacheContext, sentences: Sequence[str]
    ) -> dict[str, CachedTranslation]:
        """The client's machine translations of ``sentences`` in ``context``."""
        found = {sentence: self.rows.machine.get(context.key(sentence)) for sentence in sentences}
        return {sentence: hit for sentence, hit in found.items() if hit is not None}

    def approved(
        self, source_lang: str, target_lang: str, sentences: Sequence[str]
    ) -> dict[str, str]:
        """The client's approved translations of those ``sentences`` that have one."""
        keys = {s: (source_lang, target_lang, s) for s in sentences}
        return {s: self.rows.approved[k] for s, k in keys.items() if k in self.rows.approved}

    def store(
        self, context: CacheContext, results: Iterable[tuple[str, CachedTranslation]]
    ) -> None:
        """Keep the results for the client (and for later lookups in this task)."""
        items = tuple(results)
        self.stored.append((context, items))
        self.rows.machine.update((context.key(source), result) for source, result in items)

    def put_approved(self, *_args: object, **_options: object) -> None:
        """Never on a worker: approved translations are stored on the client."""
        raise TypeError("a worker never writes the translation cache")

    def close(self) -> None:
        """Nothing to close."""
