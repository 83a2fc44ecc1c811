"""Translate a whole article: every unit once, through the cache, in long batches.

All units of the document (title, headings, body sentences) go to the engine
together, deduplicated and sorted by length: in one call, or in chunks when
someone watches the progress.
With no direct model for the pair, the text goes through an installed
intermediate language (usually English) and the provenance says so. Approved
human translations win, then cached ones; only the rest reaches the engine,
and each engine call's results are cached as soon as it returns.

A :class:`SentenceWrapper` sees every sentence before the engine and after it;
this module knows only that protocol. The number wrapper (placeholders in,
figures restored in the locale's style) is composed with it in one place,
:func:`confl10n.translate.article.translate_article`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Protocol

from confl10n.document import Article, Sentence
from confl10n.translate.cache import (
    CacheContext,
    CachedTranslation,
    TranslationCache,
    open_cache,
)
from confl10n.translate.engine import DecodingEngine, Engine, RetryingEngine
from confl10n.translate.engines import Engines
from confl10n.translate.guard import is_degenerate
from confl10n.translate.results import ArticleTranslation, Provenance, UnitTranslation

Progress = Callable[[str, int, int], None]
"""Called as ``progress(label, done, total)`` after each chunk, e.g. ``("en->zh", 32, 79)``."""

_Output = tuple[str, tuple[str, ...]]  # an engine's text and the guard's flags for it

CHUNK_CHARS = 4000
"""Characters per engine call when progress is shown (about one 1024-token CTranslate2
batch of English). Without a progress callback each language step is one call: every
call ends in a part-filled batch, which cost 10-15% with chunks (bench/translate.py)."""


class SentenceWrapper(Protocol):
    """Rewrites each sentence around the engine (placeholders in, values back out).

    When :meth:`after` gives up (the engine damaged what :meth:`before` hid), the
    pipeline translates the original text and hands the result to :meth:`unwrapped`.
    """

    @property
    def name(self) -> str:
        """The wrapper and its settings; part of cache keys and provenance."""
        ...

    def before(self, text: str, *, source: str, target: str) -> str:
        """The text the engine should see instead of ``text``."""
        ...

    def after(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]] | None:
        """The final translation of ``text`` and any flags about it, or None to give up."""
        ...

    def unwrapped(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]]:
        """The final translation of ``text`` from an engine that saw it as it is, and flags."""
        ...


@dataclass(frozen=True, slots=True)
class _Hop:
    engine: Engine
    source: str
    target: str
    cache: TranslationCache | None
    progress: Progress | None
    wrapper: SentenceWrapper | None

    @property
    def label(self) -> str:
        return f"{self.source}->{self.target}"


def translate_units(
    article: Article,
    *,
    source: str,
    target: str,
    engine: str = "auto",
    engines: Engines | None = None,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
    wrapper: SentenceWrapper | None = None,
) -> ArticleTranslation:
    """Translate every unit of ``article`` from ``source`` to ``target`` (two language codes).

    ``engine`` is a registered name or ``auto``, taken from ``engines`` (the
    run's engines, created once; default: new ones with default settings);
    ``cache`` is ``True`` (the user cache), ``False``, a path or an open cache.
    The ``wrapper`` sees every sentence before and after the engine.
    Raises :class:`~confl10n.errors.EngineUnavailableError` when no installed
    model can do the pair, :class:`~confl10n.errors.TranslationError` when the
    engine fails, :class:`~confl10n.errors.OutputError` when the cache cannot be opened.
    """
    if source == target:
        return identity(article, source)
    started = time.perf_counter()
    chosen, path = (engines or Engines()).pick(engine, source, target)
    timings = [("engine", time.perf_counter() - started)]
    with open_cache(cache) as store:
        hop = _Hop(chosen, source, target, store, progress, wrapper)
        units, hop_timings, again = _translate_units(article, hop, path)
    provenance = _provenance(hop, path, [*timings, *hop_timings], again)
    return ArticleTranslation(article, source, target, units, provenance)


def identity(article: Article, language: str) -> ArticleTranslation:
    """The "translation" of an article into its own language: every unit as written."""
    units = tuple(UnitTranslation(u.id, u.text, u.text, "identity") for u in article.units())
    provenance = Provenance(path=(language,), engines=(), options=(), timings=())
    return ArticleTranslation(article, language, language, units, provenance)


def _provenance(
    hop: _Hop, path: tuple[str, ...], timings: list[tuple[str, float]], again: int
) -> Provenance:
    return Provenance(
        path=path,
        engines=tuple(hop.engine.identity(a, b) for a, b in pairwise(path)),
        options=_options(hop.engine, hop.wrapper),
        timings=tuple(timings),
        second_pass=again,
    )


def _translate_units(
    article: Article, hop: _Hop, path: tuple[str, ...]
) -> tuple[tuple[UnitTranslation, ...], list[tuple[str, float]], int]:
    """Approved translations of the whole pair first, then each hop of ``path`` in turn;
    also the texts translated a second time, unwrapped."""
    texts = list(dict.fromkeys(u.text for u in article.units()))
    approved = hop.cache.approved(hop.source, hop.target, texts) if hop.cache else {}
    current = {t: CachedTranslation(t, ()) for t in texts if t not in approved}
    origins = dict.fromkeys(current, "cache")
    timings, again = [], 0
    for a, b in pairwise(path):
        started = time.perf_counter()
        step = _HopRun(_Hop(hop.engine, a, b, hop.cache, hop.progress, hop.wrapper))
        outcome = step.run(sorted(dict.fromkeys(r.target for r in current.values()), key=len))
        origins.update({t: "engine" for t, r in current.items() if r.target in step.fresh})
        current = {t: _chain(r, outcome[r.target]) for t, r in current.items()}
        timings.append((f"{a}->{b}", time.perf_counter() - started))
        again += step.again
    return tuple(_unit(u, approved, current, origins) for u in article.units()), timings, again


def _chain(earlier: CachedTranslation, later: CachedTranslation) -> CachedTranslation:
    flags = tuple(dict.fromkeys((*earlier.flags, *later.flags)))
    return CachedTranslation(later.target, flags)


def _unit(
    unit: Sentence,
    approved: dict[str, str],
    results: dict[str, CachedTranslation],
    origins: dict[str, str],
) -> UnitTranslation:
    if unit.text in approved:
        return UnitTranslation(unit.id, unit.text, approved[unit.text], "approved")
    result = results[unit.text]
    return UnitTranslation(unit.id, unit.text, result.target, origins[unit.text], result.flags)


class _HopRun:
    """One language step: approved, cached, then the engine in chunks.

    ``fresh`` collects the texts the engine translated (not found in a store); ``again``
    counts those the wrapper gave up on, translated a second time as they are.
    """

    def __init__(self, hop: _Hop) -> None:
        self.hop = hop
        self.fresh: set[str] = set()
        self.again = 0

    def run(self, texts: list[str]) -> dict[str, CachedTranslation]:
        hop, context = self.hop, self._context()
        done = self._known(texts, context)
        pending = [t for t in texts if t not in done]
        for part in _chunks(pending, CHUNK_CHARS if hop.progress else sys.maxsize):
            chunk, again = _translate_chunk(hop, part)
            self.again += again
            if hop.cache:
                hop.cache.store(context, chunk.items())
            done.update(chunk)
            self.fresh.update(chunk)
            if hop.progress:
                hop.progress(hop.label, len(self.fresh), len(pending))
        return done

    def _known(self, texts: list[str], context: CacheContext) -> dict[str, CachedTranslation]:
        cache = self.hop.cache
        if cache is None:
            return {}
        approved = cache.approved(context.source, context.target, texts)
        done = {t: CachedTranslation(a, ()) for t, a in approved.items()}
        done.update(cache.lookup(context, [t for t in texts if t not in done]))
        return done

    def _context(self) -> CacheContext:
        hop = self.hop
        identity = hop.engine.identity(hop.source, hop.target)
        options = json.dumps(dict(_options(hop.engine, hop.wrapper)), sort_keys=True)
        return CacheContext(identity, hop.source, hop.target, options)


def _chunks(texts: list[str], budget: int) -> Iterator[list[str]]:
    """Consecutive runs of ``texts`` of at most ``budget`` characters (at least one text)."""
    chunk: list[str] = []
    size = 0
    for text in texts:
        if chunk and size + len(text) > budget:
            yield chunk
            chunk, size = [], 0
        chunk.append(text)
        size += len(text)
    if chunk:
        yield chunk


def _translate_chunk(hop: _Hop, texts: list[str]) -> tuple[dict[str, CachedTranslation], int]:
    """Translate ``texts`` (wrapped), guard against runaway outputs, restore wrapped values;
    also how many went to the engine a second time."""
    outputs = _engine_run(hop, [_before(hop, text) for text in texts])
    if hop.wrapper is None:
        return {t: CachedTranslation(*o) for t, o in zip(texts, outputs, strict=True)}, 0
    return _unwrap(hop, hop.wrapper, texts, outputs)


def _engine_run(hop: _Hop, sent: list[str]) -> list[_Output]:
    """The engine's output for each text, with the runaway guard's flags."""
    if not sent:
        return []
    outputs = hop.engine.translate_batch(sent, hop.source, hop.target)
    return list(zip(outputs, _guard(hop, sent, outputs), strict=True))


def _guard(hop: _Hop, sent: list[str], outputs: list[str]) -> list[tuple[str, ...]]:
    """Retry runaway outputs once (in place) if the engine can; flag what still runs away."""
    bad = [i for i, (s, o) in enumerate(zip(sent, outputs, strict=True)) if is_degenerate(s, o)]
    flags: list[tuple[str, ...]] = [() for _ in sent]
    engine = hop.engine
    retried = bool(bad) and isinstance(engine, RetryingEngine)
    if bad and isinstance(engine, RetryingEngine):
        again = engine.retry_batch([sent[i] for i in bad], hop.source, hop.target)
        for i, output in zip(bad, again, strict=True):
            outputs[i] = output
    for i in bad:
        still = ("degenerate",) if is_degenerate(sent[i], outputs[i]) else ()
        flags[i] = (*(("retried",) if retried else ()), *still)
    return flags


def _before(hop: _Hop, text: str) -> str:
    if hop.wrapper is None:
        return text
    return hop.wrapper.before(text, source=hop.source, target=hop.target)


def _unwrap(
    hop: _Hop, wrapper: SentenceWrapper, texts: list[str], outputs: list[_Output]
) -> tuple[dict[str, CachedTranslation], int]:
    """The wrapper's final texts; those it gives up on go to the engine again as they are
    (the last resort; counted)."""
    done: dict[str, CachedTranslation] = {}
    failed: list[str] = []
    for text, (output, flags) in zip(texts, outputs, strict=True):
        result = wrapper.after(text, output, source=hop.source, target=hop.target)
        if result is None:
            failed.append(text)
        else:
            done[text] = CachedTranslation(result[0], (*flags, *result[1]))
    for text, (output, flags) in zip(failed, _engine_run(hop, failed), strict=True):
        restored, more = wrapper.unwrapped(text, output, source=hop.source, target=hop.target)
        done[text] = CachedTranslation(restored, (*flags, *more))
    return done, len(failed)


def _options(engine: Engine, wrapper: SentenceWrapper | None) -> tuple[tuple[str, str], ...]:
    options = engine.decoding_options() if isinstance(engine, DecodingEngine) else {}
    if wrapper is not None:
        options = {**options, "wrapper": wrapper.name}
    return tuple(sorted((key, str(value)) for key, value in options.items()))
