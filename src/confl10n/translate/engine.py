"""The protocol every translation engine implements.

An engine translates a batch of already-segmented sentences from one language
to another and says exactly which model did it, so results can be cached and
traced. Adding an engine is one module implementing :class:`Engine` plus one
line in :mod:`confl10n.translate.registry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class EngineIdentity:
    """Which model translated: enough to key a cache and write provenance."""

    engine: str
    model: str
    version: str
    checksum: str


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
