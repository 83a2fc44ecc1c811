"""Install and remove Argos model packages in the packages folder.

An install checks the archive, extracts it into a hidden workspace inside the
packages folder (hidden folders are skipped by
:func:`~confl10n.translate.argos.packages.installed_packages`), validates the result
-- metadata, language codes, tokenizer, and a real CTranslate2 load of
``model/`` -- and only then renames it into place. One package per language
pair: installing replaces any package already installed for the same pair
(reported through ``on_replace``), never a package of another pair: a folder
name already taken by another pair (or by a folder whose pair cannot be read)
makes the new package go into a distinct folder,
``<name>-<from>_<to>`` (then ``-2``, ``-3``, ...). A failure at any step leaves
the folder as it was.

Each workspace is locked (``flock``) by the process using it, so the work
folders of an install or removal that was killed are recognised and removed
by the next one; a lock on the packages folder itself keeps that from racing a
workspace's creation.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n import _fs
from confl10n._fs import unreadable
from confl10n.errors import InvalidOptionError, ModelPackageError, OutputError
from confl10n.languages import language_problem
from confl10n.translate.argos.archive import ArchiveLimits, check_archive, extract_safely
from confl10n.translate.argos.engine import load_translator, probe_package
from confl10n.translate.argos.packages import (
    PackageInfo,
    installed_packages,
    read_metadata,
    read_package,
)
from confl10n.translate.argos.packages import models_dir as resolve_models_dir

if TYPE_CHECKING:
    from zipfile import ZipFile, ZipInfo

REQUIRED_FIELDS = (  # an install asks for more than a listing (packages.REQUIRED_METADATA)
    "package_version",
    "argos_version",
    "from_code",
    "from_name",
    "to_code",
    "to_name",
)
DEFAULT_LIMITS = ArchiveLimits()
# Package versions are shown in listings and used in folder names: a plain token only.
SAFE_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}")
WORKSPACE_PREFIXES = (".install-", ".remove-")


def install_package(
    path: str | Path,
    *,
    models_dir: str | Path | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    on_replace: Callable[[PackageInfo], None] | None = None,
) -> PackageInfo:
    """Validate the ``.argosmodel`` at ``path`` and install it; a failure leaves nothing behind.

    Each package of the same pair that the install replaced is passed to ``on_replace``
    afterwards; a package of another pair is never replaced. Raises
    :class:`~confl10n.errors.ModelPackageError` for a file that is not a valid, loadable
    package and :class:`~confl10n.errors.OutputError` when the packages folder cannot be
    written.
    """
    source = Path(path)
    directory = resolve_models_dir(models_dir)
    with _open_archive(source) as archive:
        top, entries = check_archive(archive, limits=limits)
        created = _make_dir(directory)
        try:
            clean_stale_workspaces(directory)
            info, replaced = _install_checked(archive, top, entries, directory, limits)
        except BaseException:
            if created:
                with contextlib.suppress(OSError):
                    directory.rmdir()
            raise
    if on_replace is not None:
        for old in replaced:
            on_replace(old)
    return info


def validate_package(folder: Path) -> PackageInfo:
    """Check an extracted package: metadata, language codes, version, loadable tokenizer
    and model, which together translate a probe sentence.

    Raises :class:`~confl10n.errors.ModelPackageError` for anything missing, malformed or
    unloadable.
    """
    metadata = read_metadata(folder, REQUIRED_FIELDS)
    for key in ("from_code", "to_code"):
        problem = language_problem(str(metadata[key]))
        if problem:
            raise ModelPackageError(f"{folder.name}: metadata.json {key}: {problem}")
    if not SAFE_VERSION.fullmatch(str(metadata["package_version"])):
        raise ModelPackageError(
            f"{folder.name}: metadata.json package_version {metadata['package_version']!r} "
            "is not a plain version (letters, digits and . + _ - only, at most 40)"
        )
    info = read_package(folder)
    translator = load_translator(folder / "model", name=folder.name, threads=1)
    probe_package(info, translator)
    return info


def clean_stale_workspaces(directory: Path) -> list[Path]:
    """Remove the work folders of installs and removals that were killed; return them.

    A workspace still locked by a live process is left alone.
    """
    removed = []
    with _workspaces_lock(directory, fcntl.LOCK_EX):
        for prefix in WORKSPACE_PREFIXES:
            for leftover in sorted(directory.glob(f"{prefix}*")):
                if _unlocked(leftover):
                    _discard(leftover)
                    removed.append(leftover)
    return removed


def remove_package(spec: str, *, models_dir: str | Path | None = None) -> Path:
    """Remove the package named by ``spec`` (a pair like ``en-zh`` or a folder name).

    A folder name also removes a broken package; returns the removed folder.

    Raises :class:`~confl10n.errors.InvalidOptionError` when ``spec`` names no installed
    package (or several), :class:`~confl10n.errors.OutputError` when it cannot be removed.
    """
    directory = resolve_models_dir(models_dir)
    folder = _find_installed(spec, directory)
    clean_stale_workspaces(directory)
    with _workspace(directory, ".remove-") as workspace:
        try:
            folder.replace(workspace / folder.name)
        except OSError as exc:
            raise OutputError(f"cannot remove {folder}: {exc.strerror or exc}") from exc
    return folder


def package_size(folder: Path) -> int:
    """Bytes taken by the regular files under ``folder``."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _open_archive(source: Path) -> ZipFile:
    import zipfile

    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile as exc:
        raise ModelPackageError(f"{source.name}: not a zip archive (.argosmodel)") from exc
    except OSError as exc:
        raise ModelPackageError(unreadable(source, exc)) from exc


def _make_dir(directory: Path) -> bool:
    existed = directory.is_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {directory}: {exc.strerror or exc}") from exc
    return not existed


def _install_checked(
    archive: ZipFile, top: str, entries: list[ZipInfo], directory: Path, limits: ArchiveLimits
) -> tuple[PackageInfo, list[PackageInfo]]:
    label = Path(archive.filename or "archive").name
    with _workspace(directory, ".install-") as workspace:
        extract_safely(archive, entries, workspace, limits=limits)
        try:
            info = validate_package(workspace / top)
        except ModelPackageError as exc:
            # Name the file the user gave; the folder name alone may mean nothing to them.
            raise ModelPackageError(f"{label}: {exc}") from exc
        target, replaced = _move_into_place(workspace / top, info, directory, workspace)
    return read_package(target), replaced


@contextlib.contextmanager
def _workspace(directory: Path, prefix: str) -> Iterator[Path]:
    """A hidden work folder, locked while in use and removed afterwards."""
    # Inside the packages folder, so the final rename stays on one filesystem.
    try:
        with _workspaces_lock(directory, fcntl.LOCK_SH):
            path = Path(tempfile.mkdtemp(prefix=prefix, dir=directory))
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:
        raise OutputError(f"cannot write in {directory}: {exc.strerror or exc}") from exc
    try:
        yield path
    finally:
        _discard(path)
        os.close(fd)  # the kernel releases the lock of a killed process the same way


@contextlib.contextmanager
def _workspaces_lock(directory: Path, mode: int) -> Iterator[None]:
    """The packages folder's own lock: shared while a workspace is created and locked,
    exclusive while cleaning (no lock file is left in the folder)."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise OutputError(f"cannot write in {directory}: {exc.strerror or exc}") from exc
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)


def _unlocked(folder: Path) -> bool:
    """True if no live process holds ``folder``'s lock (its owner finished or was killed)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def _discard(path: Path) -> None:
    _fs.remove(path)


def _move_into_place(
    new: Path, info: PackageInfo, directory: Path, workspace: Path
) -> tuple[Path, list[PackageInfo]]:
    """Rename ``new`` into ``directory`` and move the same pair's other packages to the
    workspace's trash; returns the new folder and the packages replaced."""
    target = _target_folder(directory, new.name, info.pair)
    trash = workspace / ".replaced"
    try:
        trash.mkdir()
        replaced = _same_pair(directory, info.pair)
        _fs.swap_in(new, target)
        for other in replaced:
            if other.path != target:
                other.path.replace(trash / other.name)
    except OSError as exc:
        raise OutputError(f"cannot install into {directory}: {exc.strerror or exc}") from exc
    return target, replaced


def _target_folder(directory: Path, name: str, pair: tuple[str, str]) -> Path:
    """``directory / name`` unless a folder of another pair holds that name (never replaced):
    then the first free ``<name>-<from>_<to>``, ``<name>-<from>_<to>-2``, ..."""
    candidates = [name, f"{name}-{pair[0]}_{pair[1]}"]
    for candidate in (*candidates, *(f"{candidates[1]}-{n}" for n in range(2, 1000))):
        folder = directory / candidate
        if not os.path.lexists(folder) or _folder_pair(folder) == pair:
            return folder
    raise OutputError(f"cannot install into {directory}: every folder name for {name} is taken")


def _folder_pair(folder: Path) -> tuple[str, str] | None:
    """The pair named by ``folder``'s metadata, or None when it names none (or is no folder)."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    try:
        metadata = read_metadata(folder)
    except ModelPackageError:
        return None
    return str(metadata["from_code"]), str(metadata["to_code"])


def _same_pair(directory: Path, pair: tuple[str, str]) -> list[PackageInfo]:
    """Installed packages of ``pair`` (one at the target folder is replaced in place)."""
    packages, _ = installed_packages(directory)
    return [p for p in packages if p.pair == pair]


def _find_installed(spec: str, directory: Path) -> Path:
    if spec and not spec.startswith(".") and "/" not in spec and "\\" not in spec:
        candidate = directory / spec
        if candidate.is_dir() and not candidate.is_symlink():
            return candidate
    pair = _parse_pair(spec)
    packages, _ = installed_packages(directory)
    matches = [p for p in packages if p.pair == pair]
    if not matches:
        installed = ", ".join(sorted({f"{p.from_code}-{p.to_code}" for p in packages})) or "none"
        raise InvalidOptionError(f"{spec} is not installed in {directory} (installed: {installed})")
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise InvalidOptionError(f"{spec} is ambiguous ({names}); remove one by its folder name")
    return matches[0].path


def _parse_pair(spec: str) -> tuple[str, str]:
    parts = spec.split("-")
    if len(parts) != 2 or not all(parts):
        raise InvalidOptionError(
            f"{spec!r} is neither a pair like en-zh nor an installed package folder"
        )
    return parts[0], parts[1]
