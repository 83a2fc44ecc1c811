"""The protocol every translation engine implements.

An engine translates a batch of already-segmented sentences from one language
to another and says exactly which model did it, so results can be cached and
traced. Adding an engine is one module implementing :class:`Engine` plus one
entry in :mod:`confl10n.translate.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from confl10n.text.inline import AlignedWord


@dataclass(frozen=True, slots=True)
class EngineIdentity:
    """Which model translated: enough to key a cache and write provenance."""

    engine: str
    model: str
    version: str
    checksum: str


@dataclass(frozen=True, slots=True)
class InstallHint:
    """How to get a model for a pair (``how``: a command), or why there is none.

    ``exact`` hints name the very package for the pair and are offered first.
    """

    how: str | None = None
    why_not: str | None = None
    exact: bool = False


@dataclass(frozen=True, slots=True)
class EngineStatus:
    """One line about an installed engine, for ``confl10n doctor``: ``ok`` is False for
    something missing or broken."""

    engine: str
    ok: bool
    detail: str


class EngineSettings(Protocol):
    """One engine's run settings, a typed value its own module defines (e.g.
    :class:`~confl10n.translate.argos.settings.ArgosSettings`); the core never names
    their fields."""

    ENGINE: ClassVar[str]
    """The registered name of the engine they are for."""

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments the engine is made with."""
        ...

    def fingerprint(self) -> list[tuple[str, int, int]]:
        """What the settings reach on disk (name, size, change time per model file), so a
        process holding engines can tell when they are stale."""
        ...


class Engine(Protocol):
    """A translation engine: a set of language pairs and a batch translator."""

    name: str

    def pairs(self) -> list[tuple[str, str]]:
        """The (source, target) language pairs this engine can translate directly."""
        ...

    def identity(self, source: str, target: str) -> EngineIdentity:
        """The model that translates ``source`` -> ``target``."""
        ...

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate each sentence; the result has exactly one string per input."""
        ...


@runtime_checkable
class DecodingEngine(Engine, Protocol):
    """An engine whose output depends on options (checked at run time, optional).

    The options belong in cache keys and provenance.
    """

    def decoding_options(self) -> dict[str, object]:
        """The options that shape the output."""
        ...


@runtime_checkable
class RetryingEngine(Engine, Protocol):
    """An engine that can retry runaway outputs (a neural model; optional)."""

    def retry_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate again with repetition penalised; one string per input."""
        ...


@runtime_checkable
class HypothesesEngine(Engine, Protocol):
    """An engine that can give several ranked translations of a sentence (optional)."""

    def hypotheses_batch(
        self, sentences: Sequence[str], source: str, target: str, count: int
    ) -> list[list[str]]:
        """Up to ``count`` distinct translations of each sentence, best first."""
        ...


@runtime_checkable
class AligningEngine(Engine, Protocol):
    """An engine that can align a sentence's words with its translation's (optional):
    inline markup is put back by it where its words are not found
    (:func:`confl10n.text.inline.align`)."""

    def align_batch(
        self, pairs: Sequence[tuple[str, str]], source: str, target: str
    ) -> list[tuple[AlignedWord, ...]]:
        """For each ``(sentence, translation)``, the translation's words with the sentence's
        word each aligns with (offsets in those two texts); ``()`` where unknown."""
        ...


_CHECKSUMS: dict[tuple[object, ...], str] = {}


def checksum_once(files: Sequence[Path], salt: str, compute: Callable[[], str]) -> str:
    """``compute()`` for these files, computed once per process while they are unchanged.

    Models are hashed for cache keys and provenance; hashing hundreds of
    megabytes again for every engine or article would cost seconds. The key is
    each file's path, size and modification time, plus ``salt``; a file that
    cannot be read is left to ``compute`` to report.
    """
    try:
        key = (salt, *((str(p), *_stamp(p)) for p in files))
    except OSError:
        return compute()
    if key not in _CHECKSUMS:
        _CHECKSUMS[key] = compute()
    return _CHECKSUMS[key]


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns
