"""Issue 29: concurrent requests share one ``translate_batch`` call, with the same output.

The engine behind the batcher is the real Argos engine on the kit package; the
counts come from :class:`~confl10n.serve.batching.BatchingEngine`'s public
``calls`` / ``requests`` (and ``/health``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from confl10n.serve.batching import BatchingEngine, batching
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.engine import AligningEngine, EngineIdentity, RetryingEngine
from tests.serve.conftest import Server

CALLS = [
    ["Mainstream media in China must embrace AI."],
    ["What are they observing?", "Shanghai grew by 10.2% last year."],
    ["In today’s world, artificial intelligence is rapidly transforming the way we live."],
    ["The city counted 348 AI companies in 2023."],
]


def _together(engine: BatchingEngine) -> list[list[str]]:
    """Each of CALLS from its own thread, all started at once."""
    start = threading.Barrier(len(CALLS))

    def one(sentences: list[str]) -> list[str]:
        start.wait()
        return engine.translate_batch(sentences, "en", "zh")

    with ThreadPoolExecutor(len(CALLS)) as pool:
        return list(pool.map(one, CALLS))


def test_concurrent_calls_share_one_engine_call(argos_packages_dir: Path) -> None:
    inner = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    alone = [inner.translate_batch(sentences, "en", "zh") for sentences in CALLS]
    engine = batching(inner, wait=2.0, max_tokens=100_000)
    assert _together(engine) == alone
    assert (engine.calls, engine.requests) == (1, len(CALLS))
    assert isinstance(engine, RetryingEngine)  # the pipeline still retries runaway outputs


def test_the_token_budget_splits_calls(argos_packages_dir: Path) -> None:
    inner = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    engine = batching(inner, wait=0.5, max_tokens=1)
    outputs = _together(engine)
    assert outputs == [inner.translate_batch(sentences, "en", "zh") for sentences in CALLS]
    assert (engine.calls, engine.requests) == (len(CALLS), len(CALLS))


def test_server_requests_share_calls(
    server_factory: Callable[..., Server], kit_models: Path
) -> None:
    server = server_factory("--models-dir", str(kit_models), "--threads", "1",
                            "--no-cache", "--batch-wait", "1.0", "--concurrency", "4")  # fmt: skip
    before = server.request("health")[1]["batches"]["argos"]
    texts = [" ".join(call) for call in CALLS]
    with ThreadPoolExecutor(len(texts)) as pool:
        answers = list(pool.map(
            lambda q: server.post_json("translate", {"q": q, "source": "en", "target": "zh"}),
            texts,
        ))  # fmt: skip
    after = server.request("health")[1]["batches"]["argos"]
    assert all(status == 200 for status, _ in answers)
    assert after["requests"] - before["requests"] == len(texts)
    assert after["calls"] - before["calls"] < len(texts)
    alone = [server.post_json("translate", {"q": q, "source": "en", "target": "zh"}) for q in texts]
    assert answers == alone


def test_an_engine_that_aligns_still_aligns_behind_the_batcher(aligned_packages: Path) -> None:
    inner = ArgosEngine(models_dir=aligned_packages, threads=1)
    pair = [("The great house is great.", "The new house is new.")]
    engine = batching(inner)
    assert isinstance(engine, AligningEngine) and isinstance(engine, RetryingEngine)
    assert engine.align_batch(pair, "en", "fr") == inner.align_batch(pair, "en", "fr")
    assert engine.align_batch(pair, "en", "fr")[0]  # words aligned, not an empty answer


def test_apertium_behind_the_batcher_aligns_and_does_not_retry(apertium_bin: str) -> None:
    engine = batching(ApertiumEngine(apertium_bin=apertium_bin))
    assert isinstance(engine, AligningEngine) and not isinstance(engine, RetryingEngine)
    assert engine.translate_batch(["The house is red."], "en", "es") == ["La casa es roja."]


class Shouting:
    """The least an engine is (no alignment, no retries): what the batcher must not dress up."""

    name = "shouting"

    def pairs(self) -> list[tuple[str, str]]:
        return [("en", "en")]

    def identity(self, source: str, target: str) -> EngineIdentity:
        return EngineIdentity("shouting", "upper", "1", "0")

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        return [s.upper() for s in sentences]


def test_an_engine_that_cannot_align_is_not_offered_as_one() -> None:
    engine = batching(Shouting())
    assert not isinstance(engine, AligningEngine) and not isinstance(engine, RetryingEngine)
    assert engine.translate_batch(["Quiet."], "en", "en") == ["QUIET."]
