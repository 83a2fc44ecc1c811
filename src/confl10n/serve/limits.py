"""What keeps one server process healthy: a bounded queue of jobs, and a body size limit.

Jobs (translations, summaries) are CPU work: they run in a small thread pool,
``concurrency`` at a time; up to ``queue`` more requests wait for a slot, and
the next one is told 429 at once. A request that waits longer than
``queue_timeout`` seconds gets 429 too; one whose job runs longer than
``timeout`` gets 500 (as LibreTranslate answers a failed translation: it never
sends 503, which makes Weblate stop using a service for 30 minutes), and its job
still finishes (a thread cannot be stopped) and holds its slot until then, so
the bound on concurrent work stays true.
Pure asyncio and ASGI: no web framework is imported here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

_T = TypeVar("_T")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DRAIN_FACTOR = 16
"""A body too large is read (and dropped) up to this many times the limit before the 413,
so clients still sending it read the answer instead of a reset connection."""


class RequestError(Exception):
    """An HTTP error answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_chars(size: int, limit: int) -> None:
    """RequestError 400 when one text's ``size`` characters exceed ``limit``, in
    LibreTranslate's words (413 is for a body over the byte limit)."""
    if size > limit:
        raise RequestError(400, f"Invalid request: request ({size}) exceeds text limit ({limit})")


class Gate:
    """Runs blocking jobs in a thread pool, ``slots`` at a time, with a bounded queue."""

    def __init__(self, slots: int, queue: int, *, queue_timeout: float, timeout: float) -> None:
        self.slots, self.queue = slots, queue
        self.queue_timeout, self.timeout = queue_timeout, timeout
        self.waiting = 0
        self.running = 0
        self._free = asyncio.Semaphore(slots)
        self._pool = ThreadPoolExecutor(slots, thread_name_prefix="confl10n-job")

    async def run(self, job: Callable[[], _T]) -> _T:
        """``job()``'s result, run in the pool; RequestError 429 (queue full or waited too
        long) or 500 (ran too long). The job's own exceptions pass through."""
        await self._enter()
        self.running += 1
        loop = asyncio.get_running_loop()
        future = self._pool.submit(job)
        # The callback runs in the worker thread: the release belongs to the loop's thread.
        future.add_done_callback(lambda _: loop.call_soon_threadsafe(self._release))
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.timeout)
        except TimeoutError:
            message = f"Cannot translate text: the request took longer than {self.timeout:g} s"
            raise RequestError(500, message) from None

    async def _enter(self) -> None:
        if not self._free.locked():  # a free slot and nobody before us: no wait, no queue
            await self._free.acquire()
            return
        if self.waiting >= self.queue:
            raise RequestError(429, f"server busy: {self.waiting} requests queued; retry later")
        self.waiting += 1
        try:
            await asyncio.wait_for(self._free.acquire(), self.queue_timeout)
        except TimeoutError:
            message = f"server busy: no free slot within {self.queue_timeout:g} s; retry later"
            raise RequestError(429, message) from None
        finally:
            self.waiting -= 1

    def _release(self) -> None:
        self.running -= 1
        self._free.release()

    def close(self) -> None:
        """Wait for running jobs to end, then stop the pool."""
        self._pool.shutdown(wait=True)


class BodyLimit:
    """ASGI middleware: 413 for a query string or body over ``limit`` bytes.

    The body is read before the app sees it (replayed afterwards), so a chunked
    upload without Content-Length is bounded too, and a client that goes away
    before its body is whole never reaches the app. It wraps the whole app (only the
    CORS headers go around it), so it also keeps the server's log to one line per
    fault: an error the app has already answered (and logged) is not raised again
    into uvicorn, and a request cancelled by the end of a graceful shutdown is
    answered 500 without a traceback (never 503, as everywhere: see above).
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await _answered(self._limited(scope, receive, send), send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        if len(scope.get("query_string", b"")) > self.limit:
            await _too_large(send, "query string", self.limit)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        try:
            body = await _read(receive, self.limit, declared)
        except _Disconnected:
            return  # nobody is left to answer
        if body is None:
            await _too_large(send, "request body", self.limit)
            return
        await self.app(scope, _replay(body, receive), send)


class _Disconnected(Exception):
    """The client went away before its request body was whole."""


async def _answered(call: Awaitable[None], send: Send) -> None:
    """Await ``call``; what the app raised has been answered (500) and logged by its
    handlers, and a request cancelled at the end of a graceful shutdown gets 500."""
    try:
        await call
    except asyncio.CancelledError:
        # uvicorn cancels what still runs when the graceful timeout ends; we exit next.
        with contextlib.suppress(Exception):
            await send_json(send, 500, {"error": "the server is shutting down"})
    except Exception:  # already answered 500 and logged once by the app's error handler
        return


async def _read(receive: Receive, limit: int, declared: bytes) -> bytes | None:
    """The whole body, or None past ``limit`` (after draining a bounded amount of it).

    Raises :class:`_Disconnected` when the client goes away first.
    """
    over = not declared.isdigit() or int(declared) > limit
    chunks, size, more = [], 0, True
    while more and size <= limit * DRAIN_FACTOR:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        if message["type"] != "http.request":
            break
        data = message.get("body", b"")
        size += len(data)
        more = message.get("more_body", False)
        if not over and size <= limit:
            chunks.append(data)
    return None if over or size > limit else b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def _too_large(send: Send, what: str, limit: int) -> None:
    await send_json(send, 413, {"error": f"{what} larger than {limit} bytes"})


async def send_json(send: Send, status: int, data: dict[str, Any]) -> None:
    """Answer with ``data`` as JSON, straight through ASGI."""
    body = json.dumps(data).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class LoopErrors:
    """An asyncio exception handler that logs one line per kind of error, at most once
    every ``interval`` seconds (``accept()`` out of file descriptors retries every
    second; a traceback each time would fill the disk)."""

    def __init__(self, logger: logging.Logger, *, interval: float = 10.0) -> None:
        self.logger, self.interval = logger, interval
        self._last: dict[str, float] = {}

    def __call__(self, _loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """Log ``context``'s message and exception as one line (no traceback)."""
        exc = context.get("exception")
        line = str(context.get("message") or "asyncio error")
        if exc is not None:
            line += f": {type(exc).__name__}: {exc}"
        now = time.monotonic()
        if now - self._last.get(line, -self.interval) >= self.interval:
            self._last[line] = now
            self.logger.error("confl10n: %s", line.replace("\n", " "))
