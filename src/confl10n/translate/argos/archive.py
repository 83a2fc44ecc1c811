"""Safe reading of ``.argosmodel`` zip archives: check every entry, then extract.

An archive is checked from its central directory before anything is written
(one top-level folder, no path escaping it, no symlinks or special files, size,
count and compression-ratio limits), and the limits are enforced again while
extracting, since the sizes a zip declares can lie.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from confl10n.errors import ModelPackageError, is_terminal_safe

if TYPE_CHECKING:
    from zipfile import ZipFile, ZipInfo

_CHUNK = 1 << 20
_DRIVE = re.compile(r"[A-Za-z]:")
# The package folder's name is shown in listings and becomes a folder name: a plain token.
SAFE_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Zip-bomb bounds; the defaults fit every published Argos package with room to spare.

    The per-entry ratio applies only to entries larger than ``ratio_floor``,
    since small text files legitimately compress very well.
    """

    max_total_bytes: int = 2 * 1024**3
    max_files: int = 10_000
    max_entry_ratio: float = 100.0
    max_total_ratio: float = 20.0
    ratio_floor: int = 1024 * 1024


def check_archive(archive: ZipFile, *, limits: ArchiveLimits) -> tuple[str, list[ZipInfo]]:
    """The archive's single top-level folder and its entries; raise if any is unsafe.

    Raises :class:`~confl10n.errors.ModelPackageError` for an unsafe or malformed archive.
    """
    label = Path(archive.filename or "archive").name
    entries = archive.infolist()
    for info in entries:
        _check_entry(info, label)
    _check_unique(entries, label)
    _check_sizes(entries, label, limits)
    return _top_folder(entries, label), entries


def extract_safely(
    archive: ZipFile, entries: list[ZipInfo], destination: Path, *, limits: ArchiveLimits
) -> None:
    """Extract checked ``entries`` under ``destination``, counting every byte written.

    Raises :class:`~confl10n.errors.ModelPackageError` when the archive exceeds its limits
    while extracting.
    """
    import zipfile
    import zlib

    label = Path(archive.filename or "archive").name
    written = 0
    try:
        for info in entries:
            written += _extract_entry(archive, info, destination, limits.max_total_bytes - written)
    except _LimitExceeded as exc:
        raise ModelPackageError(f"{label}: {exc} while extracting (a zip bomb?)") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ModelPackageError(f"{label}: corrupt archive ({exc})") from exc
    except OSError as exc:
        raise ModelPackageError(f"{label}: cannot extract ({exc})") from exc


class _LimitExceeded(Exception):
    """Raised mid-extraction when the data outgrows what was declared or allowed."""


def _check_entry(info: ZipInfo, label: str) -> None:
    reason = _unsafe_name(info.filename) or _unsafe_mode(info)
    if reason:
        raise ModelPackageError(f"{label}: unsafe entry {info.filename!r}: {reason}")


def _unsafe_name(name: str) -> str | None:
    if "\\" in name:
        return "backslash in path"
    if name.startswith("/"):
        return "absolute path"
    if _DRIVE.match(name):
        return "drive letter"
    if "\x00" in name:
        return "NUL in path"
    if not is_terminal_safe(name):
        return "control or bidi character in path"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "path escapes the package folder"
    if any(part in ("", ".") for part in parts):
        return "empty or '.' path component"
    return None


def _unsafe_mode(info: ZipInfo) -> str | None:
    if info.flag_bits & 0x1:
        return "encrypted"
    # Unix archivers keep st_mode in the high 16 bits of external_attr.
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "special file"
    return None


def _check_unique(entries: list[ZipInfo], label: str) -> None:
    seen: set[str] = set()
    for info in entries:
        name = info.filename.rstrip("/")
        if name in seen:
            raise ModelPackageError(f"{label}: duplicate entry {info.filename!r}")
        seen.add(name)


def _check_sizes(entries: list[ZipInfo], label: str, limits: ArchiveLimits) -> None:
    if len(entries) > limits.max_files:
        raise ModelPackageError(f"{label}: {len(entries)} entries, over {limits.max_files}")
    total = sum(info.file_size for info in entries)
    packed = sum(info.compress_size for info in entries)
    if total > limits.max_total_bytes:
        raise ModelPackageError(
            f"{label}: {total} bytes uncompressed, over {limits.max_total_bytes}"
        )
    for info in entries:
        if info.file_size > limits.ratio_floor:
            _check_ratio(info.file_size, info.compress_size, limits.max_entry_ratio, label)
    if total > limits.ratio_floor:
        _check_ratio(total, packed, limits.max_total_ratio, label)


def _check_ratio(size: int, packed: int, limit: float, label: str) -> None:
    ratio = size / max(packed, 1)
    if ratio > limit:
        raise ModelPackageError(
            f"{label}: compression ratio {ratio:.0f}:1 is over {limit:.0f}:1 (a zip bomb?)"
        )


def _top_folder(entries: list[ZipInfo], label: str) -> str:
    tops = {PurePosixPath(info.filename).parts[0] for info in entries}
    nested = any(len(PurePosixPath(info.filename).parts) > 1 or info.is_dir() for info in entries)
    if len(tops) != 1 or not nested:
        raise ModelPackageError(
            f"{label}: expected exactly one top-level folder, {_found_at_top(sorted(tops))}"
        )
    top = tops.pop()
    if top.startswith("."):
        raise ModelPackageError(f"{label}: top-level folder {top!r} is hidden")
    if not SAFE_FOLDER.fullmatch(top):
        raise ModelPackageError(
            f"{label}: top-level folder {top!r} is not a plain name "
            "(letters, digits and . _ - only, at most 100)"
        )
    return top


def _found_at_top(tops: list[str]) -> str:
    """What the top level holds instead of one folder, for the error line."""
    if not tops:
        return "but the archive is empty"
    if len(tops) == 1:
        return f"found only the file {tops[0]!r}"
    shown = ", ".join(repr(name) for name in tops[:3])
    more = f" and {len(tops) - 3} more" if len(tops) > 3 else ""
    return f"found {len(tops)} top-level entries ({shown}{more})"


def _extract_entry(archive: ZipFile, info: ZipInfo, destination: Path, budget: int) -> int:
    target = destination.joinpath(*PurePosixPath(info.filename).parts)
    if info.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    allowed = min(info.file_size, budget)
    with archive.open(info) as source, target.open("xb") as sink:
        return _copy_capped(source, sink, allowed, info.filename)


def _copy_capped(source: IO[bytes], sink: IO[bytes], allowed: int, name: str) -> int:
    copied = 0
    while chunk := source.read(_CHUNK):
        copied += len(chunk)
        if copied > allowed:
            raise _LimitExceeded(f"{name!r} outgrew its declared size or the total limit")
        sink.write(chunk)
    return copied
