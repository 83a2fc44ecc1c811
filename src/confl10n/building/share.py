"""One translation's engine work shared among cluster tasks, its output unchanged.

A translation to a locale gives a neural engine every pending sentence in one call
(:func:`~confl10n.translate.pipeline.translate_units`). When a cluster build has too few
translations to keep its workers busy to the end, it splits that call: each of ``parts``
tasks runs the article's translation, as every build does, up to that call, translates
its share of the sentences (every ``parts``-th from its own number on: they come sorted
by length, so the shares are alike) and stops there (:func:`translate_share`). One more
task then runs the whole translation with those outputs handed back instead of
translated (:func:`replaying`); its engine translates only what no part did (second
passes, link words, the second step through a pivot language).

The output is a single call's because a sentence's translation does not depend on the
batch it is decoded in (CTranslate2 on CPU; checked with the bench's Transformer-base
model and the test kit's: shares of 2, 3, 4 and one sentence at a time gave the same
outputs). A local build that shows its progress already decodes in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from confl10n.translate.engine import AligningEngine, DecodingEngine, Engine, RetryingEngine
from confl10n.translate.engines import ReportsBroken

if TYPE_CHECKING:
    from confl10n.text.inline import AlignedWord
    from confl10n.translate.engine import EngineIdentity
    from confl10n.translate.engines import Engines

Outputs = dict[tuple[str, str, str], str]
"""The engine's outputs: (source language, target language, sentence) -> translation."""


@dataclass(frozen=True, slots=True)
class Part:
    """A part task's result: the engine's outputs for its share, and its seconds."""

    outputs: Outputs
    seconds: float


def splits(engine: Engine) -> bool:
    """Whether ``engine``'s work is worth sharing among tasks: a neural engine (it retries
    runaway outputs), whose decoding is most of a translation's time. Apertium, one
    quick process per call, is not."""
    return isinstance(engine, RetryingEngine) and isinstance(engine, DecodingEngine)


def translate_share(
    run: Callable[[Engines], object], engines: Engines, part: int, parts: int
) -> Outputs:
    """Call ``run`` with ``engines``, whose neural engine translates only share ``part`` (from
    0) of ``parts`` of the first batch it is given, then stops the run; those outputs.

    Raises what ``run`` raises before that call (and the engine's own errors).
    """
    outputs: Outputs = {}
    wrapped = engines.through(lambda e: _Share(e, part, parts, outputs) if splits(e) else e)
    with suppress(_Stopped):
        run(wrapped)
    return outputs


def replaying(engines: Engines, parts: Iterable[Part]) -> Engines:
    """``engines`` whose neural engine gives back the ``parts``' outputs and translates the
    rest itself."""
    outputs = {key: text for part in parts for key, text in part.outputs.items()}
    return engines.through(lambda e: _replay(e, outputs) if splits(e) else e)


def _replay(engine: Engine, outputs: Outputs) -> _Replay:
    """The replaying wrapper, aligning words as ``engine`` does when it can (the last task
    places inline markup by them, as a local build does)."""
    kind = _AligningReplay if isinstance(engine, AligningEngine) else _Replay
    return kind(engine, outputs)


class _Stopped(Exception):
    """A part task's share is translated: the rest of the run is another task's."""


class _Wrapper:
    """An engine that does what ``engine`` does (subclasses change ``translate_batch``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.name = engine, engine.name

    def pairs(self) -> list[tuple[str, str]]:
        """The engine's pairs."""
        return self.engine.pairs()

    def identity(self, source: str, target: str) -> EngineIdentity:
        """The engine's model for the pair."""
        return self.engine.identity(source, target)

    def decoding_options(self) -> dict[str, object]:
        """The engine's options (it is a :class:`DecodingEngine`: :func:`splits`)."""
        engine = self.engine
        return engine.decoding_options() if isinstance(engine, DecodingEngine) else {}

    def retry_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """The engine's retry (it is a :class:`RetryingEngine`: :func:`splits`)."""
        if not isinstance(self.engine, RetryingEngine):
            raise TypeError(f"{self.name} cannot retry")
        return self.engine.retry_batch(sentences, source, target)

    def broken(self, source: str, target: str) -> str | None:
        """The engine's broken model for the pair, if it can tell."""
        engine = self.engine
        return engine.broken(source, target) if isinstance(engine, ReportsBroken) else None


class _Share(_Wrapper):
    """Translates its share of the first batch into ``outputs``, then stops the run."""

    def __init__(self, engine: Engine, part: int, parts: int, outputs: Outputs) -> None:
        super().__init__(engine)
        self.part, self.parts, self.outputs = part, parts, outputs

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Raises :class:`_Stopped` once its share is translated."""
        mine = list(sentences[self.part :: self.parts])
        done = self.engine.translate_batch(mine, source, target) if mine else []
        self.outputs.update(((source, target, s), t) for s, t in zip(mine, done, strict=True))
        raise _Stopped


class _Replay(_Wrapper):
    """Gives back the ``outputs`` it holds; the engine translates the other sentences."""

    def __init__(self, engine: Engine, outputs: Outputs) -> None:
        super().__init__(engine)
        self.outputs = outputs

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """One translation per sentence, in order."""
        keys = [(source, target, sentence) for sentence in sentences]
        missing = [key[2] for key in keys if key not in self.outputs]
        fresh = iter(self.engine.translate_batch(missing, source, target) if missing else [])
        return [self.outputs[key] if key in self.outputs else next(fresh) for key in keys]


class _AligningReplay(_Replay):
    """A :class:`_Replay` for an engine that aligns words (Argos)."""

    def align_batch(
        self, pairs: Sequence[tuple[str, str]], source: str, target: str
    ) -> list[tuple[AlignedWord, ...]]:
        """The engine's word alignments."""
        assert isinstance(self.engine, AligningEngine)
        return self.engine.align_batch(pairs, source, target)
