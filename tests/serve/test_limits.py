"""The bounded job queue and the body limit, driven directly (asyncio, plain ASGI calls)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from confl10n.serve.limits import BodyLimit, Gate, Message, RequestError


def blocked_job(release: threading.Event, started: threading.Event) -> Callable[[], str]:
    def job() -> str:
        started.set()
        release.wait(30)
        return "done"

    return job


async def until(event: threading.Event) -> None:
    while not event.is_set():
        await asyncio.sleep(0.005)


def test_a_full_queue_says_429_at_once_and_the_rest_run() -> None:
    async def scenario() -> list[Any]:
        gate = Gate(1, 1, queue_timeout=30, timeout=30)
        release, started = threading.Event(), threading.Event()
        first = asyncio.create_task(gate.run(blocked_job(release, started)))
        await until(started)
        second = asyncio.create_task(gate.run(lambda: "second"))
        await asyncio.sleep(0.05)
        assert (gate.running, gate.waiting) == (1, 1)
        with pytest.raises(RequestError) as refused:
            await gate.run(lambda: "third")
        release.set()
        results = [await first, await second, refused.value.status, gate.running, gate.waiting]
        gate.close()
        return results

    assert asyncio.run(scenario()) == ["done", "second", 429, 0, 0]


def test_waiting_too_long_is_429_and_running_too_long_is_500_holding_the_slot() -> None:
    async def scenario() -> list[Any]:
        gate = Gate(1, 4, queue_timeout=0.1, timeout=0.1)
        release, started = threading.Event(), threading.Event()
        with pytest.raises(RequestError) as slow:
            await gate.run(blocked_job(release, started))
        assert gate.running == 1  # the job still runs, and still holds its slot
        with pytest.raises(RequestError) as waited:
            await gate.run(lambda: "next")
        release.set()
        while gate.running:
            await asyncio.sleep(0.005)
        after = await gate.run(lambda: "next")
        gate.close()
        assert slow.value.message == "Cannot translate text: the request took longer than 0.1 s"
        return [slow.value.status, waited.value.status, after]

    # LibreTranslate never sends 503 (Weblate stops using a service for 30 min after one)
    assert asyncio.run(scenario()) == [500, 429, "next"]


def test_a_job_error_passes_through_and_frees_the_slot() -> None:
    def broken() -> None:
        raise ValueError("bad")

    async def scenario() -> str:
        gate = Gate(1, 1, queue_timeout=1, timeout=1)
        with pytest.raises(ValueError, match="bad"):
            await gate.run(broken)
        result = await gate.run(lambda: "fine")
        gate.close()
        return result

    assert asyncio.run(scenario()) == "fine"


async def echo_app(scope: Any, receive: Callable[[], Awaitable[Message]], send: Any) -> None:
    """Answers 200 with the body it read."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def call(
    limit: int, chunks: list[bytes], headers: list[tuple[bytes, bytes]], query: bytes = b""
) -> list[Message]:
    sent: list[Message] = []
    incoming = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
                for i, c in enumerate(chunks)]  # fmt: skip

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "headers": headers, "query_string": query}
    asyncio.run(BodyLimit(echo_app, limit)(scope, receive, send))
    return sent


def test_a_chunked_body_over_the_limit_is_413_and_one_under_it_reaches_the_app() -> None:
    over = call(10, [b"123456", b"789012"], [])
    assert over[0]["status"] == 413
    assert json.loads(over[1]["body"]) == {"error": "request body larger than 10 bytes"}
    under = call(12, [b"123456", b"789012"], [])
    assert (under[0]["status"], under[1]["body"]) == (200, b"123456789012")


def test_a_declared_length_or_query_string_over_the_limit_is_413() -> None:
    assert call(10, [b"x" * 11], [(b"content-length", b"11")])[0]["status"] == 413
    assert call(10, [b"x"], [(b"content-length", b"eleven")])[0]["status"] == 413
    refused = call(10, [b""], [], query=b"q=" + b"a" * 20)
    assert json.loads(refused[1]["body"]) == {"error": "query string larger than 10 bytes"}


def test_a_free_slot_runs_at_once_even_with_no_room_to_wait() -> None:
    async def scenario() -> list[Any]:
        gate = Gate(1, 0, queue_timeout=1, timeout=5)
        together = await asyncio.gather(gate.run(lambda: "a"), return_exceptions=True)
        release, started = threading.Event(), threading.Event()
        busy = asyncio.create_task(gate.run(blocked_job(release, started)))
        await until(started)
        with pytest.raises(RequestError) as refused:
            await gate.run(lambda: "b")
        release.set()
        results = [*together, await busy, refused.value.status]
        gate.close()
        return results

    assert asyncio.run(scenario()) == ["a", "done", 429]
