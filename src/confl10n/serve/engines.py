"""Engines loaded once per server process and shared by every request.

:class:`EngineHolder` creates each engine of :data:`~confl10n.translate.pipeline.AUTO_ORDER`
(or the one named) once, reads its language pairs once, and warms every pair up
so no request pays for loading a model. Engines that are not installed here are
left out, and their reason kept for ``/health``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from confl10n.errors import Confl10nError, EngineUnavailableError
from confl10n.translate.engine import Engine
from confl10n.translate.pipeline import AUTO_ORDER, route, unavailable
from confl10n.translate.registry import create_engine

Factory = Callable[..., Engine]
"""Makes an engine from its name and settings; the registry's ``create_engine`` by default."""

_WARM_UP = "Warm up."


@dataclass(frozen=True, slots=True)
class HeldEngine:
    """One loaded engine and the pairs it translates directly."""

    engine: Engine
    pairs: tuple[tuple[str, str], ...]


class EngineHolder:
    """The engines one server process translates with.

    ``engine`` is ``auto`` (every engine of AUTO_ORDER that is installed, tried in
    that order) or one registered name; ``settings`` go to the Argos engine
    (``models_dir``, ``threads``, …). Raises EngineUnavailableError when no engine
    is installed at all.
    """

    def __init__(
        self,
        engine: str = "auto",
        settings: dict[str, Any] | None = None,
        *,
        factory: Factory = create_engine,
    ) -> None:
        self.problems: dict[str, str] = {}
        self._lock = threading.Lock()
        names = AUTO_ORDER if engine == "auto" else (engine,)
        self.held = tuple(h for name in names if (h := self._load(name, settings or {}, factory)))
        if not self.held:
            reasons = "; ".join(f"{n}: {p}" for n, p in self.problems.items())
            raise EngineUnavailableError(f"no translation engine is installed here ({reasons})")

    def _load(self, name: str, settings: dict[str, Any], factory: Factory) -> HeldEngine | None:
        try:
            engine = factory(name, **(settings if name == "argos" else {}))
            pairs = tuple(sorted(set(engine.pairs())))
        except (EngineUnavailableError, ImportError) as exc:
            self.problems[name] = str(exc)
            return None
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

    def pick(self, source: str, target: str) -> Engine:
        """The engine for the pair; EngineUnavailableError (with install hints) if none."""
        for held in self.held:
            if route(held.pairs, source, target) is not None:
                return held.engine
        names = tuple(h.engine.name for h in self.held)
        raise unavailable(source, target, self.pairs, engines=names)

    def warm_up(self) -> None:
        """Load every model now (one word through each direct pair), not on a first request."""
        with self._lock:
            for held in self.held:
                for source, target in held.pairs:
                    _warm(held.engine, source, target)


def _warm(engine: Engine, source: str, target: str) -> None:
    try:
        engine.identity(source, target)
        engine.translate_batch([_WARM_UP], source, target)
    except Confl10nError:
        pass  # a broken model fails its own requests with its own message; others still serve
