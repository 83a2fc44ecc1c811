"""Dynamic batching: requests that arrive together share one ``translate_batch`` call.

Each request of ``confl10n serve`` runs the library pipeline in its own worker
thread, and the pipeline makes one ``translate_batch`` call per language step.
:class:`BatchingEngine` stands in front of a loaded engine: the calls of
concurrent requests go to one queue, and one thread takes every call that is
waiting, waits ``wait`` seconds more for others (a burst of requests arrives
within milliseconds), and translates all of them for a pair in one call, up to
``max_tokens`` estimated tokens (about four characters each). A call larger
than the budget runs alone. The budget bounds what one call holds in memory;
the engine still cuts it into its own batches (Argos: 1024 tokens).

Outputs are those of the engine: each sentence is translated as it would be
alone. :attr:`BatchingEngine.calls` and :attr:`BatchingEngine.requests` count
the engine calls made and the calls they served (``/health`` shows them). The
wrapper :func:`batching` makes retries and aligns words (unmerged) only when its
engine can: the pipeline asks an engine for those by its type.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from confl10n.text.inline import AlignedWord
from confl10n.translate.engine import (
    AligningEngine,
    DecodingEngine,
    Engine,
    EngineIdentity,
    RetryingEngine,
)
from confl10n.translate.engines import ReportsBroken

CHARS_PER_TOKEN = 4
"""The token estimate of a text: its characters divided by this (English, SentencePiece)."""


@dataclass(slots=True)
class _Call:
    """One caller's sentences for one pair, and what came of them."""

    sentences: list[str]
    pair: tuple[str, str]
    done: threading.Event = field(default_factory=threading.Event)
    result: list[str] | None = None
    error: BaseException | None = None

    @property
    def tokens(self) -> int:
        return sum(len(s) // CHARS_PER_TOKEN + 1 for s in self.sentences)


class BatchingEngine:
    """``inner`` with concurrent ``translate_batch`` calls merged (see the module docstring).

    ``wait``: seconds to wait for more calls after the first (>= 0); ``max_tokens``:
    estimated tokens per merged call (>= 1).
    """

    def __init__(self, inner: Engine, *, wait: float = 0.005, max_tokens: int = 384) -> None:
        self.inner, self.name = inner, inner.name
        self.wait, self.max_tokens = wait, max_tokens
        self.calls = 0
        self.requests = 0
        self._queue: queue.Queue[_Call] = queue.Queue()
        self._held: _Call | None = None
        threading.Thread(target=self._serve, name=f"batching-{self.name}", daemon=True).start()

    def pairs(self) -> list[tuple[str, str]]:
        """The inner engine's pairs."""
        return self.inner.pairs()

    def identity(self, source: str, target: str) -> EngineIdentity:
        """The inner engine's model for the pair (batching changes no output)."""
        return self.inner.identity(source, target)

    def decoding_options(self) -> dict[str, object]:
        """The inner engine's decoding options ({} for an engine without any)."""
        return self.inner.decoding_options() if isinstance(self.inner, DecodingEngine) else {}

    def broken(self, source: str, target: str) -> str | None:
        """The inner engine's broken model for the pair, if it can tell."""
        return self.inner.broken(source, target) if isinstance(self.inner, ReportsBroken) else None

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """The inner engine's translations, made in one call with other waiting calls.

        Raises what the inner engine raises for these sentences.
        """
        call = _Call(list(sentences), (source, target))
        self._queue.put(call)
        call.done.wait()
        if call.error is not None:
            raise call.error
        assert call.result is not None
        return call.result

    def _serve(self) -> None:
        while True:
            calls = self._gather()
            for pair in dict.fromkeys(c.pair for c in calls):
                self._run(pair, [c for c in calls if c.pair == pair])

    def _gather(self) -> list[_Call]:
        """The next calls to run together: the first, then others up to the token budget."""
        first, self._held = self._held or self._queue.get(), None
        calls, tokens = [first], first.tokens
        deadline = time.monotonic() + self.wait
        while tokens < self.max_tokens:
            try:
                call = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if tokens + call.tokens > self.max_tokens:
                self._held = call  # first of the next round
                break
            calls.append(call)
            tokens += call.tokens
        return calls

    def _run(self, pair: tuple[str, str], calls: list[_Call]) -> None:
        """One engine call for ``calls`` (each alone again if the merged call fails)."""
        merged = [s for c in calls for s in c.sentences]
        try:
            outputs = self.inner.translate_batch(merged, *pair) if merged else []
        except Exception as exc:  # hand the engine's own error to the callers
            if len(calls) == 1:
                calls[0].error = exc
                calls[0].done.set()
            for call in calls if len(calls) > 1 else []:
                self._run(pair, [call])
            return
        self.calls, self.requests = self.calls + 1, self.requests + len(calls)
        _hand_out(calls, outputs)


def _hand_out(calls: list[_Call], outputs: list[str]) -> None:
    """Give each call its part of ``outputs`` (in order) and wake it."""
    position = 0
    for call in calls:
        call.result = outputs[position : position + len(call.sentences)]
        position += len(call.sentences)
        call.done.set()


class RetryingBatchingEngine(BatchingEngine):
    """A :class:`BatchingEngine` for an engine that can retry runaway outputs (not merged:
    retries are rare)."""

    def retry_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """The inner engine's careful retry."""
        assert isinstance(self.inner, RetryingEngine)
        return self.inner.retry_batch(sentences, source, target)


class AligningBatchingEngine(BatchingEngine):
    """A :class:`BatchingEngine` for an engine that can align a sentence with its
    translation (not merged: only sentences whose markup is not found need it)."""

    def align_batch(
        self, pairs: Sequence[tuple[str, str]], source: str, target: str
    ) -> list[tuple[AlignedWord, ...]]:
        """The inner engine's word alignments."""
        assert isinstance(self.inner, AligningEngine)
        return self.inner.align_batch(pairs, source, target)


class RetryingAligningBatchingEngine(RetryingBatchingEngine, AligningBatchingEngine):
    """A :class:`BatchingEngine` for an engine that can both retry and align (Argos)."""


_KINDS: dict[tuple[bool, bool], type[BatchingEngine]] = {
    (False, False): BatchingEngine,
    (True, False): RetryingBatchingEngine,
    (False, True): AligningBatchingEngine,
    (True, True): RetryingAligningBatchingEngine,
}


def batching(inner: Engine, *, wait: float = 0.005, max_tokens: int = 384) -> BatchingEngine:
    """``inner`` behind a :class:`BatchingEngine` that can do what ``inner`` can beyond
    translating: retry (:class:`RetryingEngine`) and align (:class:`AligningEngine`), so
    the pipeline asks a batched engine only for what its engine does."""
    can = (isinstance(inner, RetryingEngine), isinstance(inner, AligningEngine))
    return _KINDS[can](inner, wait=wait, max_tokens=max_tokens)
