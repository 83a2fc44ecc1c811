"""Cross-origin headers as LibreTranslate sends them, so browser pages can call the API.

Starlette's ``CORSMiddleware`` (set up in :mod:`confl10n.serve.app`) answers
preflights and adds the headers to requests that carry an ``Origin``.
LibreTranslate goes further with any origin allowed: every response carries
``Access-Control-Allow-Origin: *``, and a plain ``OPTIONS`` request is answered
too. :class:`EveryResponse` does those two things around it. Pure ASGI: no web
framework is imported here.
"""

from __future__ import annotations

from confl10n.serve.limits import ASGIApp, Message, Receive, Scope, Send

ALLOWED_HEADERS = ("Authorization", "Content-Type", "X-API-Key")
"""Request headers a page may send (LibreTranslate's two, plus our key header)."""
ALLOWED_METHODS = ("GET", "POST")
MAX_AGE = 20 * 24 * 3600
"""Seconds a browser may keep a preflight's answer (LibreTranslate's 20 days)."""
ANY_ORIGIN = (
    (b"access-control-allow-origin", b"*"),
    (b"access-control-allow-headers", ", ".join(ALLOWED_HEADERS).encode()),
    (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
)


class EveryResponse:
    """ASGI middleware for a server open to any origin: the CORS headers on every
    response that lacks them, and 204 to an ``OPTIONS`` request that is no preflight."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        names = {name.lower() for name, _ in scope["headers"]}
        if scope["method"] == "OPTIONS" and b"access-control-request-method" not in names:
            await _allowed(send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in ANY_ORIGIN if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _allowed(send: Send) -> None:
    allow = (b"allow", b"GET, HEAD, OPTIONS, POST")
    headers = [allow, *ANY_ORIGIN, (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
