"""Engines loaded once per server process and shared by every request.

:class:`EngineHolder` keeps the process's :class:`~confl10n.translate.engines.Engines`
(the same run holder the CLI and builds use): it creates each engine of the
registry's ``auto`` order (or the one named) once, at start-up, reads its
language pairs once, and warms every pair up so no request pays for loading a
model. Engines that are not installed here are left out, and their reason kept
for ``/health``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from confl10n.errors import Confl10nError, EngineUnavailableError
from confl10n.serve.batching import BatchingEngine, batching
from confl10n.translate import registry
from confl10n.translate.engine import Engine
from confl10n.translate.engines import Engines, route, unavailable
from confl10n.translate.options import TranslateOptions

_WARM_UP = "Warm up."
MERGED_BATCHES = 4
"""A merged call holds up to this many engine batches of ``max_batch_tokens``: enough to
fill them, few enough that no request waits long for the others of its call."""


@dataclass(frozen=True, slots=True)
class HeldEngine:
    """One loaded engine and the pairs it translates directly."""

    engine: Engine
    pairs: tuple[tuple[str, str], ...]


class EngineHolder:
    """The engines one server process translates with.

    ``options.engine`` is ``auto`` or None (every engine of the registry's order
    that is installed, tried in that order) or one registered name;
    ``options.settings`` go to the engines they are for. With ``max_batch_tokens``
    above 0, each engine stands behind a :class:`~confl10n.serve.batching.BatchingEngine`
    (concurrent requests share calls of up to :data:`MERGED_BATCHES` times that many
    tokens; ``batch_wait`` seconds of waiting for them).
    ``offered`` keeps the pairs of every engine that loaded (none for one without
    models), for the message of a pair none translates.
    Raises InvalidOptionError for an unknown engine name, EngineUnavailableError
    when no engine is installed.
    """

    def __init__(
        self, options: TranslateOptions, *, max_batch_tokens: int = 0, batch_wait: float = 0.0
    ) -> None:
        self.problems: dict[str, str] = {}
        self.offered: dict[str, tuple[tuple[str, str], ...]] = {}
        self._lock = threading.Lock()
        choice = registry.check_engine_choice(options.engine_choice)
        names = registry.auto_order() if choice == "auto" else (choice,)
        loading = Engines(options.settings)
        held = [h for name in names if (h := self._load(loading, name))]
        if not held:
            reasons = "; ".join(f"{n}: {p}" for n, p in self.problems.items())
            raise EngineUnavailableError(f"no translation engine is installed here ({reasons})")
        if max_batch_tokens > 0:
            held = [_batched(h, max_batch_tokens, batch_wait) for h in held]
        self.held = tuple(held)
        self.engines = Engines(options.settings, given=[h.engine for h in held])

    def batches(self) -> dict[str, dict[str, int]]:
        """Per batching engine: the engine ``calls`` made and the ``requests`` they served."""
        return {
            h.engine.name: {"calls": h.engine.calls, "requests": h.engine.requests}
            for h in self.held
            if isinstance(h.engine, BatchingEngine)
        }

    def _load(self, engines: Engines, name: str) -> HeldEngine | None:
        try:
            engine = engines.get(name)
            pairs = tuple(sorted(set(engine.pairs())))
        except (EngineUnavailableError, ImportError) as exc:
            self.problems[name] = str(exc)
            return None
        self.offered[name] = pairs
        if not pairs:
            self.problems[name] = "no language pairs installed"
            return None
        return HeldEngine(engine, pairs)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """Every pair some engine translates directly, sorted."""
        return sorted({pair for held in self.held for pair in held.pairs})

    def languages(self) -> dict[str, list[str]]:
        """Each source language and the targets it reaches (directly or through a pivot)."""
        codes = sorted({code for pair in self.pairs for code in pair})
        reach = {s: [t for t in codes if t != s and self.path(s, t)] for s in codes}
        return {source: targets for source, targets in reach.items() if targets}

    def path(self, source: str, target: str) -> tuple[str, ...] | None:
        """The first engine's path of languages for the pair, or None."""
        for held in self.held:
            found = route(held.pairs, source, target)
            if found is not None:
                return found
        return None

    def pick(self, source: str, target: str) -> str:
        """The name of the loaded engine for the pair (``self.engines`` holds it);
        EngineUnavailableError (with install hints) if none."""
        for held in self.held:
            if route(held.pairs, source, target) is not None:
                return held.engine.name
        raise unavailable(source, target, self.offered, engines=tuple(self.offered))

    def warm_up(self) -> None:
        """Load every model now (one word through each direct pair), not on a first request."""
        with self._lock:
            for held in self.held:
                for source, target in held.pairs:
                    _warm(held.engine, source, target)


def _batched(held: HeldEngine, max_tokens: int, wait: float) -> HeldEngine:
    budget = max_tokens * MERGED_BATCHES
    return HeldEngine(batching(held.engine, wait=wait, max_tokens=budget), held.pairs)


def _warm(engine: Engine, source: str, target: str) -> None:
    try:
        engine.identity(source, target)
        engine.translate_batch([_WARM_UP], source, target)
    except Confl10nError:
        pass  # a broken model fails its own requests with its own message; others still serve
