"""The engines of one run, each created once, and the choice of engine for a pair.

A build or a multi-language ``translate`` asks for engines many times (per
article, per locale, while planning); :class:`Engines` creates each on first
use with the run's settings and hands the same object back, so a model is
loaded once per run, not once per article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from confl10n.errors import EngineUnavailableError, ModelPackageError
from confl10n.languages import code_label
from confl10n.translate import registry
from confl10n.translate.engine import Engine, EngineSettings

PIVOTS = ("en",)
"""Intermediate languages preferred when no model translates the pair directly."""


@runtime_checkable
class ReportsBroken(Protocol):
    """An engine that can name its broken model for a pair (Argos: a broken package)."""

    def broken(self, source: str, target: str) -> str | None:
        """One line naming the installed but broken model for the pair, or None."""
        ...


class Engines:
    """Engines created on first use with their ``settings`` (each engine's own typed value;
    an engine without one gets its defaults) and kept for the whole run.

    ``given`` engines (already built, e.g. to reuse loaded models) are used
    under their names instead of creating new ones.
    """

    def __init__(
        self, settings: Sequence[EngineSettings] = (), *, given: Sequence[Engine] = ()
    ) -> None:
        self.settings = tuple(settings)
        self._engines: dict[str, Engine] = {engine.name: engine for engine in given}

    def get(self, name: str) -> Engine:
        """Engine ``name``, created now if this run has none yet.

        Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown engine,
        :class:`~confl10n.errors.EngineUnavailableError` when it cannot run here.
        """
        if name not in self._engines:
            self._engines[name] = registry.create_engine(name, self.settings)
        return self._engines[name]

    def created(self) -> tuple[Engine, ...]:
        """The engines this run holds so far (given or created)."""
        return tuple(self._engines.values())

    def through(self, wrap: Callable[[Engine], Engine]) -> Engines:
        """These engines as ``wrap`` hands them out, each wrapped once on first use: a run
        that changes how an engine is called (a cluster task sharing its work) without
        making or loading another engine."""
        return _Wrapped(self, wrap)

    def pick(self, choice: str, source: str, target: str) -> tuple[Engine, tuple[str, ...]]:
        """The engine for ``source``->``target`` and its path of languages.

        ``choice`` is an engine name or ``auto`` (the first of the registry's
        order that can do the pair, directly or through a pivot). Raises
        :class:`~confl10n.errors.EngineUnavailableError` naming what to install.
        """
        names = registry.auto_order() if choice == "auto" else (choice,)
        offered: dict[str, list[tuple[str, str]]] = {}
        for engine in self._candidates(names, skip_missing=choice == "auto"):
            pairs = _pairs(engine, skip_missing=choice == "auto")
            if pairs is None:
                continue
            path = route(pairs, source, target)
            if path is not None:
                return engine, path
            offered[engine.name] = pairs
        for engine in self.created():
            if isinstance(engine, ReportsBroken) and (problem := engine.broken(source, target)):
                raise ModelPackageError(problem)
        raise unavailable(source, target, offered, engines=names)

    def _candidates(self, names: Iterable[str], *, skip_missing: bool) -> Iterable[Engine]:
        for name in names:
            try:
                yield self.get(name)
            except EngineUnavailableError:
                if not skip_missing:
                    raise


class _Wrapped(Engines):
    """``engines`` seen through ``wrap`` (see :meth:`Engines.through`)."""

    def __init__(self, engines: Engines, wrap: Callable[[Engine], Engine]) -> None:
        super().__init__(engines.settings)
        self._inner, self._wrap = engines, wrap

    def get(self, name: str) -> Engine:
        """The inner engine ``name`` (made there if need be), wrapped."""
        if name not in self._engines:
            self._engines[name] = self._wrap(self._inner.get(name))
        return self._engines[name]


def _pairs(engine: Engine, *, skip_missing: bool) -> list[tuple[str, str]] | None:
    """The engine's pairs; None for one that turns out not to be installed (skipped)."""
    try:
        return engine.pairs()
    except EngineUnavailableError:
        if not skip_missing:
            raise
        return None


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
    offered: Mapping[str, Sequence[tuple[str, str]]],
    *,
    engines: Sequence[str] = ("argos",),
) -> EngineUnavailableError:
    """The error for a pair no installed model can translate: what each engine tried
    has (``offered``: engine name -> its pairs), and how to get a model with the
    ``engines`` that were tried."""
    return EngineUnavailableError(
        f"no installed model translates {code_label(source)}->{code_label(target)}"
        f" ({installed_pairs(offered)}); " + registry.install_hint(engines, source, target)
    )


def installed_pairs(offered: Mapping[str, Sequence[tuple[str, str]]]) -> str:
    """Each engine's pairs under its own name for them, so one engine's pairs are never
    shown as another's models: ``Argos models: none; Apertium pairs: en->es, es->en``."""
    parts = [
        f"{registry.installed_label(name)}: "
        + (", ".join(f"{a}->{b}" for a, b in sorted(set(pairs))) or "none")
        for name, pairs in offered.items()
    ]
    return "; ".join(parts) or "no engine is installed"
