"""The file system, all-or-nothing: atomic file writes, atomic folder swaps, user folders.

* :func:`write_text_atomic` writes a file through a temporary file in the same
  folder and renames it: readers see the old content or the new, never half.
* :func:`replace_folder` fills a hidden sibling ``<parent>/.<name>.tmp-XXXX``
  and swaps it in as ``<parent>/<name>`` with one ``renameat2(RENAME_EXCHANGE)``
  (Linux; :func:`swap_in`), under an exclusive lock (``.<name>.lock``) so that
  two runs cannot delete each other's work (the lock file is deleted when the
  swap is done; a killed run may leave it and the next run reuses it). Where
  the exchange is unsupported,
  two renames are used and a kill between them leaves the previous folder in
  ``.<name>.old-PID``, which the next run puts back; leftover temp folders are
  removed by the next run for that name. Files of the previous folder can be
  carried into the new one first, byte for byte, where the caller says (a
  build keeps the locales it does not write).
* :func:`user_dir`: the XDG data and cache folders, resolved at call time.
* :func:`unreadable`: why a file cannot be read, in the words every command uses.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from confl10n.errors import OutputError

_XDG = {"data": ("XDG_DATA_HOME", (".local", "share")), "cache": ("XDG_CACHE_HOME", (".cache",))}


def user_dir(kind: Literal["data", "cache"]) -> Path:
    """``$XDG_DATA_HOME`` or ``$XDG_CACHE_HOME``, else ``~/.local/share`` or ``~/.cache``."""
    variable, default = _XDG[kind]
    return Path(os.environ.get(variable) or Path.home().joinpath(*default))


def unreadable(path: Path | str, exc: OSError, *, what: str = "") -> str:
    """Why ``path`` (a ``what``, e.g. ``config``) could not be opened, as every command
    says it: ``nope.xlf: no such file``, ``x: is a directory``, ``x: cannot read
    (Permission denied)``.

    >>> unreadable("nope.xlf", FileNotFoundError(2, "No such file or directory"))
    'nope.xlf: no such file'
    >>> unreadable("keys", PermissionError(13, "Permission denied"), what="API key file")
    'API key file keys: cannot read (Permission denied)'
    """
    name = f"{what} {path}" if what else str(path)
    if isinstance(exc, FileNotFoundError):
        return f"{name}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{name}: is a directory"
    return f"{name}: cannot read ({exc.strerror or exc})"


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    The folder must exist; on any failure the temporary file is removed and
    ``path`` is left as it was. Raises :class:`~confl10n.errors.OutputError`.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as :func:`write_text_atomic` writes text."""
    check_writable(path)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # a read-only or immutable folder, a full disk, ...
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o666 & ~_umask())  # mkstemp makes it 0600
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def check_writable(path: Path) -> None:
    """Raise :class:`~confl10n.errors.OutputError` unless ``path`` is a file name in an
    existing folder."""
    if not path.parent.is_dir():
        file = _file_ancestor(path.parent)
        if file is not None:
            raise OutputError(f"{path}: {file} is a file, not a folder")
        raise OutputError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if not os.access(path.parent, os.W_OK | os.X_OK):  # read-only, or immutable (root too)
        raise OutputError(f"{path}: cannot write (folder {path.parent} is not writable)")


def _file_ancestor(folder: Path) -> Path | None:
    """The first of ``folder`` and its parents that exists, if it is not a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def write_synced(path: Path, data: bytes) -> None:
    """Write ``data`` and flush it to disk, so a folder swapped in afterwards is complete."""
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def replace_folder(
    parent: Path,
    name: str,
    fill: Callable[[Path], None],
    *,
    carry: Callable[[str], str | None] | None = None,
) -> Path:
    """Call ``fill(folder)`` on a fresh temp folder, then swap it in as ``parent/name``.

    With ``carry``, each file (or symlink) of the present ``parent/name`` is
    offered first, by its path relative to it (``es_ES/article.xlf``):
    ``carry`` returns where in the temp folder its byte-for-byte copy goes
    (modes and times too; a symlink stays a link), or None to leave it out;
    ``fill`` must not write where a copy went. This happens under the lock, so
    no other run changes the folder meanwhile. Returns ``parent/name``. Raises
    :class:`~confl10n.errors.OutputError` when the folder cannot be written or
    another run holds its lock; whatever ``fill`` or ``carry`` raise passes
    through, and either way ``parent/name`` is unchanged.
    """
    final = parent / name
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with _locked(parent / f".{name}.lock", final):
            _recover(parent, name)
            temp = parent / f".{name}.tmp-{secrets.token_hex(4)}"
            temp.mkdir()  # not mkdtemp: its 0700 mode would end up on the output folder
            _fill_and_swap(temp, final, _carrying(final, carry, fill))
    except OSError as exc:
        raise OutputError(f"cannot write {final}: {exc.strerror or exc}") from exc
    return final


def swap_in(new: Path, final: Path) -> None:
    """Put the folder ``new`` at ``final`` in one step; what was there is deleted afterwards.

    Raises ``OSError``; on failure ``final`` is as it was.
    """
    if not final.exists() and not final.is_symlink():
        new.rename(final)
    elif _exchange(new, final):
        remove(new)  # after the exchange, ``new`` holds the previous folder
    else:
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        final.rename(old)
        try:
            new.rename(final)
        except OSError:
            old.rename(final)
            raise
        remove(old)


def remove(path: Path) -> None:
    """Delete a file or a whole folder (a symlink itself, never its target); no errors."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _carrying(
    final: Path, carry: Callable[[str], str | None] | None, fill: Callable[[Path], None]
) -> Callable[[Path], None]:
    """``fill``, after copying the files of ``final`` where ``carry`` says."""
    if carry is None:
        return fill

    def fill_carrying(temp: Path) -> None:
        for path in _files(final):
            where = carry(path.relative_to(final).as_posix())
            if where is not None:
                (temp / where).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, temp / where, follow_symlinks=False)
        fill(temp)

    return fill_carrying


def _files(folder: Path) -> list[Path]:
    """Every file and symlink below ``folder`` (symlinked folders are not entered), sorted."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for root, folders, files in os.walk(folder, followlinks=False):
        links = [f for f in folders if Path(root, f).is_symlink()]
        found += [Path(root, name) for name in (*files, *links)]
    return sorted(found)


def _fill_and_swap(temp: Path, final: Path, fill: Callable[[Path], None]) -> None:
    try:
        fill(temp)
        swap_in(temp, final)
    except BaseException:
        remove(temp)
        raise
    _fsync_dir(final.parent)


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


def _recover(parent: Path, name: str) -> None:
    """Undo what a killed run left: restore a moved-aside folder, drop temp folders."""
    final = parent / name
    olds = sorted(parent.glob(f".{name}.old-*"))
    if olds and not final.exists():
        olds.pop().rename(final)
    for leftover in [*olds, *parent.glob(f".{name}.tmp-*")]:
        remove(leftover)


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


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
