"""What ``confl10n serve`` passes to every worker process, as one JSON environment variable.

uvicorn starts each worker by importing the app factory afresh, so the settings
travel through the environment (:data:`ENVIRONMENT`) rather than through memory.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from confl10n._fs import unreadable
from confl10n.errors import InputError, InvalidOptionError
from confl10n.serve.detect import ACCURACIES
from confl10n.translate.options import TranslateOptions

ENVIRONMENT = "CONFL10N_SERVE_SETTINGS"
"""The environment variable holding :class:`ServeSettings` as JSON."""


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the server runs.

    ``char_limit``: characters of each text of a request (400 above); ``max_body``:
    bytes of request body or query string (413 above); ``concurrency``: jobs running
    at once per worker process; ``queue``: requests waiting for a slot per process
    (429 above); ``queue_timeout`` / ``timeout``: seconds a request may wait for a
    slot (429 after) / run (500 after). ``read_timeout``: seconds a client has to send
    a whole request, line, headers and body (the connection is dropped after);
    ``graceful_timeout``: seconds after SIGTERM before requests still running are
    cancelled and the server exits. ``cache``: an SQLite path, ``""`` for the
    user's cache, None for no cache. ``api_keys``: a file of accepted keys, one a line.
    ``translation``: the engine (``auto`` by default) and each engine's settings.
    ``cors_origins``: the browser origins allowed, comma-separated (``*``: any);
    ``alternatives_limit``: the most ``alternatives`` one request may ask for;
    ``suggestions``: whether ``/suggest`` stores approved translations in the cache;
    ``detection``: lingua's accuracy mode, ``low`` (up to ~75 MB) or ``high`` (up to ~0.9 GB),
    its models loaded on first use;
    ``max_batch_tokens``: tokens per engine batch; concurrent requests share calls
    of up to 4 such batches (0: no batching across requests; ``confl10n serve``
    makes it the Argos engine's ``batch_tokens``); ``batch_wait``: seconds a call
    waits for others to join it.
    """

    host: str = "127.0.0.1"
    port: int = 5000
    workers: int = 1
    api_keys: str | None = None
    char_limit: int = 20000
    max_body: int = 2 * 2**20
    concurrency: int = 4
    queue: int = 16
    queue_timeout: float = 30.0
    timeout: float = 120.0
    read_timeout: float = 20.0
    graceful_timeout: float = 30.0
    cache: str | None = ""
    max_batch_tokens: int = 384
    batch_wait: float = 0.005
    translation: TranslateOptions = field(default_factory=TranslateOptions)
    cors_origins: str = "*"
    alternatives_limit: int = 3
    suggestions: bool = False
    detection: str = "low"

    def check(self) -> ServeSettings:
        """These settings, or InvalidOptionError naming the first bad one."""
        for name in ("workers", "char_limit", "max_body", "concurrency", "queue"):
            if getattr(self, name) < 1:
                raise InvalidOptionError(f"--{name.replace('_', '-')} must be at least 1")
        self._check_libre_options()
        for name in ("queue_timeout", "timeout", "read_timeout", "graceful_timeout"):
            if getattr(self, name) <= 0:
                raise InvalidOptionError(f"--{name.replace('_', '-')} must be above 0")
        for name in ("max_batch_tokens", "batch_wait"):
            if getattr(self, name) < 0:
                raise InvalidOptionError(f"--{name.replace('_', '-')} must be at least 0")
        if not 0 <= self.port <= 65535:
            raise InvalidOptionError(f"--port {self.port}: not a TCP port (0-65535)")
        if self.api_keys is not None:
            read_api_keys(self.api_keys)
        return self

    def _check_libre_options(self) -> None:
        if self.alternatives_limit < 0:
            raise InvalidOptionError("--alternatives-limit must be at least 0")
        if not self.origins:
            raise InvalidOptionError("--cors-origins names no origin (give * for any)")
        if self.detection not in ACCURACIES:
            raise InvalidOptionError(f"--detection {self.detection}: use low or high")
        if self.suggestions and self.cache is None:
            raise InvalidOptionError("--suggestions stores into the cache: drop --no-cache")

    def to_environment(self) -> str:
        """The settings as the JSON text :func:`from_environment` reads."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return json.dumps({**values, "translation": self.translation.as_json()})

    @property
    def origins(self) -> tuple[str, ...]:
        """The allowed browser origins (``("*",)`` for any), from ``cors_origins``."""
        return tuple(o for part in self.cors_origins.split(",") if (o := part.strip().rstrip("/")))

    @property
    def cache_choice(self) -> str | bool:
        """What :func:`~confl10n.translate.cache.open_cache` takes: a path, True or False."""
        if self.cache is None:
            return False
        return self.cache or True


def from_environment() -> ServeSettings:
    """The settings ``confl10n serve`` put in :data:`ENVIRONMENT` (defaults without it)."""
    raw = os.environ.get(ENVIRONMENT)
    if not raw:
        return ServeSettings()
    known = {f.name for f in fields(ServeSettings)}
    values = {k: v for k, v in json.loads(raw).items() if k in known}
    translation = TranslateOptions.from_json(values.pop("translation", None) or {})
    return ServeSettings(**values, translation=translation)


def read_api_keys(path: str) -> frozenset[str]:
    """The keys in ``path``: one a line, blank lines and ``#`` comments skipped.

    Raises InputError if the file cannot be read or holds no key.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(unreadable(path, exc, what="API key file")) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"API key file {path}: not UTF-8 text ({exc.reason})") from exc
    keys = frozenset(s for line in text.splitlines() if (s := line.strip()) and s[0] != "#")
    if not keys:
        raise InputError(f"API key file {path}: holds no key")
    return keys
