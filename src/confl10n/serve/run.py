"""Run the app with uvicorn (imported here and nowhere else).

One worker: the app is built in this process first, so a setup error (no
engine installed, an unreadable key file) is one line from the CLI before any
port is bound. Several workers: uvicorn starts each process from the app
factory. Either way the settings travel in
:data:`~confl10n.serve.settings.ENVIRONMENT`, where each connection's protocol
reads its read timeout.

Connections use :class:`BoundedH11Protocol`: a client has ``read_timeout``
seconds to send each whole request (line, headers and body), or it is dropped,
so stalled clients never hold a connection, a file descriptor or the shutdown.
On SIGTERM or SIGINT uvicorn stops accepting connections and lets the requests
in flight finish, for at most ``graceful_timeout`` seconds, then exits.
"""

from __future__ import annotations

import asyncio
import functools
import os
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from confl10n.serve.settings import ENVIRONMENT, ServeSettings, from_environment

HEADER_ROOM = 64 * 1024
"""Bytes allowed for a request's line and headers beyond twice ``max_body``: the query
string may carry the text (deep-translator sends it so), and one up to twice the limit
gets our JSON 413; uvicorn itself refuses a longer request line (400)."""

_CLIENT_OWES = (h11.IDLE, h11.SEND_BODY)  # states in which we wait for the client's bytes


def serve(settings: ServeSettings) -> None:
    """Serve until a signal stops the server; Confl10nError if the app cannot be built."""
    import uvicorn

    from confl10n.serve.app import create_app

    settings.check()
    options = _options(settings)
    os.environ[ENVIRONMENT] = settings.to_environment()
    if settings.workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    uvicorn.run("confl10n.serve.app:create_app", factory=True, workers=settings.workers, **options)


def _options(settings: ServeSettings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "http": f"{__name__}:{BoundedH11Protocol.__name__}",
        "lifespan": "on",
        "h11_max_incomplete_event_size": 2 * settings.max_body + HEADER_ROOM,
        "timeout_graceful_shutdown": settings.graceful_timeout,
        "log_level": "info",
    }


@functools.cache
def _read_timeout() -> float:
    """This process's read timeout (the settings ``confl10n serve`` put in the environment)."""
    return from_environment().read_timeout


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request to arrive whole.

    The deadline starts when the server begins waiting for a request (a new
    connection, or the end of the previous response) and is not extended by
    each byte, so a client trickling bytes is bounded too. Once the request's
    body is complete the job runs under the app's own ``timeout``.
    """

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the first request's deadline."""
        super().connection_made(transport)
        self._watch()

    def data_received(self, data: bytes) -> None:
        """Stop the deadline once the request is whole."""
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        """Start the next request's deadline."""
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the deadline."""
        self._disarm()
        super().connection_lost(exc)

    def _watch(self) -> None:
        if self.conn.their_state not in _CLIENT_OWES:
            self._disarm()
        elif self._deadline is None and not self.transport.is_closing():
            self._deadline = self.loop.call_later(_read_timeout(), self._drop_stalled)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _drop_stalled(self) -> None:
        """Close a connection whose request did not arrive in time (no answer: it stalled)."""
        self._deadline = None
        if self.conn.their_state in _CLIENT_OWES:
            self.transport.close()
