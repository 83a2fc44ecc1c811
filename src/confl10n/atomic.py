"""Write a file so readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from confl10n.errors import OutputError


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    The folder must exist; on any failure the temporary file is removed and
    ``path`` is left as it was.
    """
    check_writable(path)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # a read-only or immutable folder, a full disk, ...
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o666 & ~_umask())  # mkstemp makes it 0600
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def check_writable(path: Path) -> None:
    """Raise :class:`OutputError` unless ``path`` is a file name in an existing folder."""
    if not path.parent.is_dir():
        raise OutputError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if not os.access(path.parent, os.W_OK | os.X_OK):  # read-only, or immutable (root too)
        raise OutputError(f"{path}: cannot write (folder {path.parent} is not writable)")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
