"""The engines confl10n knows: one table that owns names, the ``auto`` order, settings,
install hints and the doctor's description.

Adding an engine is one module (a class implementing
:class:`~confl10n.translate.engine.Engine`, plus module functions
``install_hint(source, target)`` and ``describe(**settings)``) and one
:class:`EngineEntry` here. Modules are imported only when an engine is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from confl10n.errors import EngineUnavailableError, InvalidOptionError
from confl10n.translate.engine import Engine, EngineSettings, EngineStatus, InstallHint


@dataclass(frozen=True, slots=True)
class EngineEntry:
    """A registered engine: its name, its module and class, what messages call the
    language pairs it has installed (``Argos models``), and its settings' type as
    ``module:Class`` (None: the engine takes no run settings)."""

    name: str
    module: str
    factory: str
    installed: str
    settings: str | None = None

    def load(self, attribute: str) -> Any:
        """An attribute of the engine's module (imported now, on first use).

        Raises :class:`~confl10n.errors.EngineUnavailableError` when the module cannot
        be imported here.
        """
        try:
            module = importlib.import_module(self.module)
        except ImportError as exc:
            raise EngineUnavailableError(
                f"engine {self.name!r} is not available here ({exc})"
            ) from exc
        return getattr(module, attribute)


ENGINES: tuple[EngineEntry, ...] = (
    EngineEntry(
        "argos",
        "confl10n.translate.argos.engine",
        "ArgosEngine",
        "Argos models",
        "confl10n.translate.argos.settings:ArgosSettings",
    ),
    EngineEntry(
        "apertium", "confl10n.translate.apertium.engine", "ApertiumEngine", "Apertium pairs"
    ),
)
"""The registered engines; ``auto`` tries them in this order (the first that can do the
pair wins; one that is not installed at all is skipped)."""


def engine_names() -> list[str]:
    """The registered engine names, sorted."""
    return sorted(entry.name for entry in ENGINES)


def auto_order() -> tuple[str, ...]:
    """The engines ``engine="auto"`` tries, in order."""
    return tuple(entry.name for entry in ENGINES)


def entry(name: str) -> EngineEntry:
    """The registry entry of engine ``name``.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown name.
    """
    for known in ENGINES:
        if known.name == name:
            return known
    raise InvalidOptionError(f"unknown engine {name!r}; choose one of: {', '.join(engine_names())}")


def installed_label(name: str) -> str:
    """What messages call the pairs engine ``name`` has installed (``Argos models``);
    ``<name> pairs`` for an engine the registry does not know (one a test hands in)."""
    for known in ENGINES:
        if known.name == name:
            return known.installed
    return f"{name} pairs"


def check_engine_choice(name: str) -> str:
    """``name`` if it is ``auto`` or a registered engine, else InvalidOptionError."""
    choices = ["auto", *engine_names()]
    if name not in choices:
        raise InvalidOptionError(f"unknown engine {name!r}; choose one of: {', '.join(choices)}")
    return name


def get_engine(name: str, **settings: Any) -> Engine:
    """A new engine ``name`` created with its own keyword ``settings``.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown engine or
    setting, :class:`~confl10n.errors.EngineUnavailableError` when its module
    cannot be imported here.
    """
    known = entry(name)
    factory: Callable[..., Engine] = known.load(known.factory)
    try:
        return factory(**settings)
    except TypeError as exc:
        raise InvalidOptionError(f"engine {name!r}: {exc}") from exc


def settings_type(name: str) -> type[EngineSettings] | None:
    """The settings type of engine ``name`` (None if it takes none).

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown engine.
    """
    where = entry(name).settings
    if where is None:
        return None
    module, attribute = where.split(":")
    found: type[EngineSettings] = getattr(importlib.import_module(module), attribute)
    return found


def settings_for(name: str, given: Sequence[EngineSettings]) -> EngineSettings | None:
    """Engine ``name``'s settings among ``given``, else its default settings (None if it
    takes none)."""
    for settings in given:
        if name == settings.ENGINE:
            return settings
    kind = settings_type(name)
    return kind() if kind is not None else None


def create_engine(name: str, given: Sequence[EngineSettings] = ()) -> Engine:
    """A new engine ``name`` made with its settings among ``given`` (else its defaults).

    Raises what :func:`get_engine` raises.
    """
    settings = settings_for(name, given)
    return get_engine(name, **(settings.arguments() if settings is not None else {}))


def install_hint(engines: Sequence[str], source: str, target: str) -> str:
    """How to get a model for ``source``->``target`` with the ``engines`` that were tried,
    or why none can be had: hints naming the exact package first, then registry order."""
    hints = [_hint(name, source, target) for name in auto_order() if name in engines]
    ways = [hint.how for hint in sorted(hints, key=lambda h: not h.exact) if hint.how]
    if ways:
        return "install one with " + " or ".join(ways)
    reasons = [hint.why_not for hint in hints if hint.why_not]
    return "; ".join(reasons) or f"no engine offers {source}->{target}"


def describe(given: Sequence[EngineSettings] = ()) -> list[EngineStatus]:
    """What each registered engine has installed (for ``confl10n doctor``), with its
    settings among ``given`` (else its defaults); offline, cheap."""
    statuses: list[EngineStatus] = []
    for known in ENGINES:
        try:
            report = known.load("describe")
        except EngineUnavailableError as exc:
            statuses.append(EngineStatus(known.name, False, str(exc)))
            continue
        settings = settings_for(known.name, given)
        statuses += report(**(settings.arguments() if settings is not None else {}))
    return statuses


def _hint(name: str, source: str, target: str) -> InstallHint:
    try:
        hint: InstallHint = entry(name).load("install_hint")(source, target)
    except EngineUnavailableError as exc:
        return InstallHint(why_not=str(exc))
    return hint
