"""Translate a whole article: every unit once, through the cache, in long batches.

All units of the document (title, headings, body sentences) go to the engine
together, deduplicated and sorted by length: in one call, or in chunks when
someone watches the progress.
With no direct model for the pair, the text goes through an installed
intermediate language (usually English) and the provenance says so. Approved
human translations win, then cached ones; only the rest reaches the engine,
and each engine call's results are cached as soon as it returns.

Seam for the quantities module: a :class:`SentenceWrapper` sees every sentence
before the engine (to protect numbers with placeholders) and after it (to
restore them and flag what does not match).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from confl10n.document import Article, Sentence
from confl10n.errors import EngineUnavailableError, UnsupportedLanguageError
from confl10n.figures.wrapper import Figures, target_locale
from confl10n.text.inline import prose_only
from confl10n.translate.cache import (
    CacheContext,
    CachedTranslation,
    TranslationCache,
    open_cache,
)
from confl10n.translate.engine import DecodingEngine, Engine, RetryingEngine
from confl10n.translate.guard import is_degenerate
from confl10n.translate.hints import install_hint
from confl10n.translate.langcodes import language_problem
from confl10n.translate.registry import create_engine
from confl10n.translate.results import ArticleTranslation, Provenance, UnitTranslation
from confl10n.translate.verbatim import prose_targets, protect_verbatim

Progress = Callable[[str, int, int], None]
"""Called as ``progress(label, done, total)`` after each chunk, e.g. ``("en->zh", 32, 79)``."""

_Output = tuple[str, tuple[str, ...]]  # an engine's text and the guard's flags for it

AUTO_ORDER = ("argos", "apertium")
"""Engines ``engine="auto"`` tries, in order; the first that can do the pair wins
(an engine that is not installed at all is skipped)."""

PIVOTS = ("en",)
"""Intermediate languages preferred when no model translates the pair directly."""

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


def translate_article(
    article: Article,
    *,
    to: str,
    source: str | None = None,
    engine: str | Engine = "auto",
    models_dir: str | Path | None = None,
    cache: TranslationCache | str | Path | bool = True,
    device: str = "cpu",
    threads: int = 0,
    compute_type: str = "default",
    beam_size: int = 4,
    progress: Progress | None = None,
    wrapper: SentenceWrapper | None = None,
    quantities: bool = True,
    locale: str | None = None,
    style_dir: Path | None = None,
) -> ArticleTranslation:
    """Translate every unit of ``article`` from ``source`` (default: its language) to ``to``.

    ``engine`` is a registered name, ``auto``, or an engine instance to reuse
    (the model and decoding settings only apply to an engine created here);
    ``cache`` is ``True`` (the user cache), ``False``, a path or an open cache.
    Figures are kept from the engine and written in ``locale``'s style (default:
    the language's usual locale, zh -> zh_CN; ``style_dir`` as for
    :func:`~confl10n.localize.formatting.format_quantity`) unless ``quantities`` is False;
    a ``wrapper`` replaces that protection. The result holds the numeric QA
    findings of the final texts in ``locale``.
    Raises :class:`EngineUnavailableError` when no installed model can do the pair.
    """
    source, target = language_code(source or article.lang), language_code(to)
    figures = Figures(prose_only(article), target, target_locale(target, locale), style_dir)
    if source == target:
        return _identity(article, source, figures.locale)
    started = time.perf_counter()
    settings = {"models_dir": models_dir, "device": device, "threads": threads}
    settings.update(compute_type=compute_type, beam_size=beam_size)
    chosen, path = pick_engine(engine, source, target, settings)
    timings = [("engine", time.perf_counter() - started)]
    wrapper = wrapper or (figures.wrapper() if quantities else None)
    wrapper = protect_verbatim(article, wrapper)  # code and URLs never reach the engine
    with open_cache(cache) as store:
        hop = _Hop(chosen, source, target, store, progress, wrapper)
        units, hop_timings = _translate_units(article, hop, path)
    findings, seconds = figures.check(prose_targets(article, units))  # no code or URLs
    provenance = _provenance(hop, path, [*timings, *hop_timings, ("qa", seconds)])
    return ArticleTranslation(article, source, target, units, provenance, findings, figures.locale)


def language_code(code: str) -> str:
    """``code`` lower-cased, or :class:`UnsupportedLanguageError` if it is no language code."""
    normal = code.strip().lower()
    problem = language_problem(normal)
    if problem is not None:
        raise UnsupportedLanguageError(f"{problem}; use an ISO 639-1 code such as en, zh, ja")
    return normal


def pick_engine(
    engine: str | Engine, source: str, target: str, settings: dict[str, Any]
) -> tuple[Engine, tuple[str, ...]]:
    """The engine to use and its path of languages (``auto``: first of :data:`AUTO_ORDER`)."""
    if isinstance(engine, str):
        names = AUTO_ORDER if engine == "auto" else (engine,)
        candidates: Iterable[Engine] = (_create(name, settings) for name in names)
    else:
        names, candidates = (engine.name,), (engine,)
    pairs: list[tuple[str, str]] = []
    for candidate in candidates:
        offered = _pairs(candidate, skip_missing=engine == "auto")
        path = route(offered, source, target)
        if path is not None:
            return candidate, path
        pairs += offered
    raise unavailable(source, target, pairs, engines=names)


def _pairs(engine: Engine, *, skip_missing: bool) -> list[tuple[str, str]]:
    try:
        return engine.pairs()
    except EngineUnavailableError:
        if not skip_missing:
            raise
        return []


def route(pairs: Sequence[tuple[str, str]], source: str, target: str) -> tuple[str, ...] | None:
    """``(source, target)``, or ``(source, pivot, target)`` through an installed pivot."""
    if (source, target) in pairs:
        return (source, target)
    middles = {b for a, b in pairs if a == source} & {a for a, b in pairs if b == target}
    pivots = [*[p for p in PIVOTS if p in middles], *sorted(middles)]
    return (source, pivots[0], target) if pivots else None


def unavailable(
    source: str,
    target: str,
    pairs: Sequence[tuple[str, str]],
    *,
    engines: Sequence[str] = ("argos",),
) -> EngineUnavailableError:
    """The error for a pair no installed model can translate, saying how to get one
    with the ``engines`` that were tried (Argos commands, Apertium's apt packages)."""
    installed = ", ".join(f"{a}->{b}" for a, b in sorted(set(pairs))) or "none"
    return EngineUnavailableError(
        f"no installed model translates {source}->{target} (installed: {installed}); "
        + install_hint(engines, source, target)
    )


def _create(name: str, settings: dict[str, Any]) -> Engine:
    # Only the Argos engine takes model and decoding settings so far.
    try:
        return create_engine(name, **(settings if name == "argos" else {}))
    except ImportError as exc:
        raise EngineUnavailableError(f"engine {name!r} is not available here ({exc})") from exc


def _provenance(hop: _Hop, path: tuple[str, ...], timings: list[tuple[str, float]]) -> Provenance:
    return Provenance(
        path=path,
        engines=tuple(hop.engine.identity(a, b) for a, b in pairwise(path)),
        options=_options(hop.engine, hop.wrapper),
        timings=tuple(timings),
    )


def _identity(article: Article, language: str, locale: str) -> ArticleTranslation:
    units = tuple(UnitTranslation(u.id, u.text, u.text, "identity") for u in article.units())
    provenance = Provenance(path=(language,), engines=(), options=(), timings=())
    return ArticleTranslation(article, language, language, units, provenance, (), locale)


def _translate_units(
    article: Article, hop: _Hop, path: tuple[str, ...]
) -> tuple[tuple[UnitTranslation, ...], list[tuple[str, float]]]:
    """Approved translations of the whole pair first, then each hop of ``path`` in turn."""
    texts = list(dict.fromkeys(u.text for u in article.units()))
    approved = hop.cache.approved(hop.source, hop.target, texts) if hop.cache else {}
    current = {t: CachedTranslation(t, ()) for t in texts if t not in approved}
    origins = dict.fromkeys(current, "cache")
    timings = []
    for a, b in pairwise(path):
        started = time.perf_counter()
        step = _HopRun(_Hop(hop.engine, a, b, hop.cache, hop.progress, hop.wrapper))
        outcome = step.run(sorted(dict.fromkeys(r.target for r in current.values()), key=len))
        origins.update({t: "engine" for t, r in current.items() if r.target in step.fresh})
        current = {t: _chain(r, outcome[r.target]) for t, r in current.items()}
        timings.append((f"{a}->{b}", time.perf_counter() - started))
    return tuple(_unit(u, approved, current, origins) for u in article.units()), timings


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

    ``fresh`` collects the texts the engine translated (not found in a store).
    """

    def __init__(self, hop: _Hop) -> None:
        self.hop = hop
        self.fresh: set[str] = set()

    def run(self, texts: list[str]) -> dict[str, CachedTranslation]:
        hop, context = self.hop, self._context()
        done = self._known(texts, context)
        pending = [t for t in texts if t not in done]
        for part in _chunks(pending, CHUNK_CHARS if hop.progress else sys.maxsize):
            chunk = _translate_chunk(hop, part)
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


def _translate_chunk(hop: _Hop, texts: list[str]) -> dict[str, CachedTranslation]:
    """Translate ``texts`` (wrapped), guard against runaway outputs, restore wrapped values."""
    outputs = _engine_run(hop, [_before(hop, text) for text in texts])
    if hop.wrapper is None:
        return {t: CachedTranslation(*o) for t, o in zip(texts, outputs, strict=True)}
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
) -> dict[str, CachedTranslation]:
    """The wrapper's final texts; those it gives up on go to the engine again as they are."""
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
    return done


def _options(engine: Engine, wrapper: SentenceWrapper | None) -> tuple[tuple[str, str], ...]:
    options = engine.decoding_options() if isinstance(engine, DecodingEngine) else {}
    if wrapper is not None:
        options = {**options, "wrapper": wrapper.name}
    return tuple(sorted((key, str(value)) for key, value in options.items()))
