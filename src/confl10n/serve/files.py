"""LibreTranslate's file translation: ``POST /translate_file`` and ``GET /download_file``.

An uploaded ``.txt``, ``.md``, ``.html`` or ``.docx`` is read as that format,
translated whole, written back in the same format
(:func:`confl10n.building.files.translated_file`) and kept in a downloads
folder under a random name — never the upload's — for :data:`TTL` seconds; the
folder holds at most :data:`MAX_FILES` files (the oldest go first). The folder
is per server (by port and user), so every worker process of one server finds
every download. No web framework is imported here.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from confl10n.serve.limits import RequestError

SUFFIXES = (".txt", ".md", ".html", ".docx")
"""The file formats ``/translate_file`` takes (``/frontend/settings``' ``supportedFilesFormat``)."""
_INPUT_FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".docx": "docx"}
_MEDIA_TYPES = {
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
TTL = 600.0
"""Seconds a translated file can be downloaded."""
MAX_FILES = 200
"""Translated files kept at most."""
_NAME = re.compile(r"[0-9a-f]{32}(?:\.txt|\.md|\.html|\.docx)")


def upload_format(filename: str | None) -> tuple[str, str]:
    """``(suffix, input format)`` of an uploaded file by its name's suffix (``.htm`` is
    ``.html``); RequestError 400 for a format not taken."""
    suffix = Path(filename or "").suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    if suffix not in _INPUT_FORMATS:
        taken = ", ".join(SUFFIXES)
        raise RequestError(
            400, f"Invalid request: file format {suffix or 'none'} is not one of {taken}"
        )
    return suffix, _INPUT_FORMATS[suffix]


def media_type(name: str) -> str:
    """The Content-Type of a translated file named ``name``."""
    return _MEDIA_TYPES[Path(name).suffix]


class Downloads:
    """The folder of translated files: saved under random names, expired after :data:`TTL`."""

    def __init__(self, folder: Path, *, ttl: float = TTL, max_files: int = MAX_FILES) -> None:
        self.folder, self.ttl, self.max_files = folder, ttl, max_files

    @classmethod
    def for_port(cls, port: int) -> Downloads:
        """The downloads of the server on ``port`` (shared by its worker processes)."""
        uid = os.getuid() if hasattr(os, "getuid") else 0
        return cls(Path(tempfile.gettempdir()) / f"confl10n-files-{uid}-{port}")

    def save(self, data: bytes, suffix: str) -> str:
        """Keep ``data``; return its new name (32 hex digits and ``suffix``)."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._expire()
        name = secrets.token_hex(16) + suffix
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(data)
        temporary.replace(self.folder / name)
        return name

    def read(self, name: str) -> bytes:
        """The file ``name``; RequestError 404 when the name is not one we gave or it expired."""
        path = self.folder / name
        if _NAME.fullmatch(name) is None or not path.is_file() or self._expired(path):
            raise RequestError(404, "File not found (downloads expire)")
        return path.read_bytes()

    def _expired(self, path: Path) -> bool:
        return time.time() - _saved_at(path) > self.ttl

    def _expire(self) -> None:
        """Remove expired files, then the oldest until there is room for one more."""
        files = sorted(self.folder.iterdir(), key=_saved_at)
        for index, path in enumerate(files):
            if self._expired(path) or index <= len(files) - self.max_files:
                path.unlink(missing_ok=True)


def _saved_at(path: Path) -> float:
    """When ``path`` was saved; 0 when another worker has just removed it."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
