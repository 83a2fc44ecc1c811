"""Replace ``<out>/<slug>/`` all at once, or not at all.

Everything is written into a hidden sibling ``<out>/.<slug>.tmp-XXXX`` first and
then swapped in with one ``renameat2(RENAME_EXCHANGE)`` (Linux), so a build that
fails or is killed leaves the previous folder untouched and never exposes a
half-written one. Where the exchange is unsupported, two renames are used and a
kill between them leaves the previous output in ``.<slug>.old-XXXX``, which the
next run puts back. Leftover temp folders are removed by the next run for that
slug, under an exclusive lock (``.<slug>.lock``) so that two builds of the
same article cannot delete each other's work; the lock file is deleted when
the swap is done (a killed run may leave it; the next run reuses it).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from confl10n.errors import OutputError


def write_atomically(out_dir: Path, slug: str, fill: Callable[[Path], None]) -> Path:
    """Call ``fill(folder)`` on a fresh temp folder, then swap it in as ``out_dir/slug``."""
    final = out_dir / slug
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with _locked(out_dir / f".{slug}.lock", final):
            _recover(out_dir, slug)
            temp = out_dir / f".{slug}.tmp-{secrets.token_hex(4)}"
            temp.mkdir()  # not mkdtemp: its 0700 mode would end up on the output folder
            _fill_and_swap(temp, final, fill)
    except OSError as exc:
        raise OutputError(f"cannot write {final}: {exc.strerror or exc}") from exc
    return final


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` and flush it to disk, so the swapped-in folder is complete."""
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fill_and_swap(temp: Path, final: Path, fill: Callable[[Path], None]) -> None:
    try:
        fill(temp)
        _swap(temp, final)
    except BaseException:
        _remove(temp)
        raise
    _fsync_dir(final.parent)


def _swap(new: Path, final: Path) -> None:
    """Put ``new`` at ``final``; whatever was there before is deleted afterwards."""
    if not final.exists() and not final.is_symlink():
        new.rename(final)
    elif _exchange(new, final):
        _remove(new)  # after the exchange, ``new`` holds the previous output
    else:
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        final.rename(old)
        try:
            new.rename(final)
        except OSError:
            old.rename(final)
            raise
        _remove(old)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux ``renameat2``; False where unsupported."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _recover(out_dir: Path, slug: str) -> None:
    """Undo what a killed run left: restore a moved-aside folder, drop temp folders."""
    final = out_dir / slug
    olds = sorted(out_dir.glob(f".{slug}.old-*"))
    if olds and not final.exists():
        olds.pop().rename(final)
    for leftover in [*olds, *out_dir.glob(f".{slug}.tmp-*")]:
        _remove(leftover)


@contextlib.contextmanager
def _locked(lock_path: Path, final: Path) -> Iterator[None]:
    """Hold ``lock_path`` exclusively; it is deleted (still locked) when the work is done.

    Deleting a lock file is safe only because every taker checks, once it holds
    the lock, that the file it locked is still the one at ``lock_path``: a run
    that opened the file just before the previous holder deleted it would lock
    a file nobody else can see, so it starts over with the path's new file.
    """
    fd = _take(lock_path, final)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()  # before closing: the lock still keeps others out
        os.close(fd)  # closing releases the lock; the kernel does it on SIGKILL too


def _take(lock_path: Path, final: Path) -> int:
    """An open descriptor of ``lock_path`` with the exclusive lock on it, or OutputError."""
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(f"another confl10n build is writing {final}") from None
        if _same_file(fd, lock_path):
            return fd
        os.close(fd)  # the previous holder deleted it after we opened it: take the new one


def _same_file(fd: int, path: Path) -> bool:
    """True if ``path`` still names the file open as ``fd``."""
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (mine.st_dev, mine.st_ino)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
