"""Run the app with uvicorn (imported here and nowhere else).

One worker: the app is built in this process first, so a setup error (no
engine installed, an unreadable key file) is one line from the CLI before any
port is bound. Several workers: uvicorn starts each process from the app
factory, and the settings travel in :data:`~confl10n.serve.settings.ENVIRONMENT`.
On SIGTERM or SIGINT uvicorn stops accepting connections and lets the requests
in flight finish before it exits.
"""

from __future__ import annotations

import os
from typing import Any

from confl10n.serve.settings import ENVIRONMENT, ServeSettings

HEADER_ROOM = 64 * 1024
"""Bytes allowed for a request's line and headers beyond twice ``max_body``: the query
string may carry the text (deep-translator sends it so), and one up to twice the limit
gets our JSON 413; uvicorn itself refuses a longer request line (400)."""


def serve(settings: ServeSettings) -> None:
    """Serve until a signal stops the server; Confl10nError if the app cannot be built."""
    import uvicorn

    from confl10n.serve.app import create_app

    settings.check()
    options = _options(settings)
    if settings.workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    os.environ[ENVIRONMENT] = settings.to_environment()
    uvicorn.run("confl10n.serve.app:create_app", factory=True, workers=settings.workers, **options)


def _options(settings: ServeSettings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "http": "h11",
        "lifespan": "on",
        "h11_max_incomplete_event_size": 2 * settings.max_body + HEADER_ROOM,
        "timeout_graceful_shutdown": None,
        "log_level": "info",
    }
