"""Installed Argos packages: where they live and what each one is.

The folder follows argostranslate's conventions so packages installed by
either tool are shared: ``--models-dir`` / ``CONFL10N_MODELS_DIR`` first, then
``ARGOS_PACKAGES_DIR``, then ``$XDG_DATA_HOME/argos-translate/packages``
(``~/.local/share/argos-translate/packages``). Nothing here imports
argostranslate or creates folders.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from confl10n._fs import user_dir
from confl10n.errors import ModelPackageError
from confl10n.translate.argos.tokenizers import tokenizer_problem

REQUIRED_METADATA = ("package_version", "from_code", "to_code")
"""What ``metadata.json`` must hold for a folder to count as an installed package."""
MAX_METADATA_BYTES = 1024 * 1024
"""A ``metadata.json`` larger than this is malformed (real ones are under 2 KiB)."""


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """One installed translation package (a folder holding ``metadata.json``)."""

    path: Path
    from_code: str
    to_code: str
    package_version: str
    target_prefix: str
    tokenizer: Path

    @property
    def pair(self) -> tuple[str, str]:
        """The (source, target) language codes."""
        return (self.from_code, self.to_code)

    @property
    def name(self) -> str:
        """The package folder's name, e.g. ``translate-en_zh-1_9``."""
        return self.path.name


def models_dir(override: str | Path | None = None) -> Path:
    """The packages folder, resolved at call time from ``override`` and the environment."""
    if override is not None:
        return Path(override).expanduser()
    for variable in ("CONFL10N_MODELS_DIR", "ARGOS_PACKAGES_DIR"):
        if os.environ.get(variable):
            return Path(os.environ[variable]).expanduser()
    return user_dir("data") / "argos-translate" / "packages"


def read_package(folder: Path) -> PackageInfo:
    """Read ``folder``'s metadata; raise :class:`ModelPackageError` if it is not a package."""
    metadata = read_metadata(folder)
    if not (folder / "model").is_dir():
        raise ModelPackageError(f"{folder.name}: no model/ folder")
    problem = model_problem(folder / "model" / "model.bin")
    if problem:
        raise ModelPackageError(f"{folder.name}: {problem}")
    return PackageInfo(
        path=folder,
        from_code=str(metadata["from_code"]),
        to_code=str(metadata["to_code"]),
        package_version=str(metadata["package_version"]),
        target_prefix=str(metadata.get("target_prefix") or ""),
        tokenizer=_find_tokenizer(folder),
    )


def installed_packages(directory: Path) -> tuple[list[PackageInfo], list[str]]:
    """Every valid package under ``directory`` and a problem line for each broken one.

    A broken folder never hides the others (argostranslate fails whole listings).
    """
    packages: list[PackageInfo] = []
    problems: list[str] = []
    if not directory.is_dir():
        return packages, problems
    for folder in sorted(p for p in directory.iterdir() if p.is_dir() and not _hidden(p)):
        try:
            packages.append(read_package(folder))
        except ModelPackageError as exc:
            problems.append(str(exc))
    return packages, problems


def broken_package(directory: Path, pair: tuple[str, str]) -> str | None:
    """The problem line of a broken package folder for ``pair`` under ``directory``, if any.

    For the error of a translation whose only package is broken: its metadata
    names the pair, but :func:`read_package` refuses it.
    """
    folders = sorted(directory.iterdir()) if directory.is_dir() else []
    for folder in (f for f in folders if f.is_dir() and not _hidden(f)):
        try:
            metadata = read_metadata(folder)
        except ModelPackageError:
            continue
        if (metadata["from_code"], metadata["to_code"]) == pair:
            try:
                read_package(folder)
            except ModelPackageError as exc:
                return str(exc)
    return None


def _hidden(folder: Path) -> bool:
    # Temporary folders of an install in progress start with a dot.
    return folder.name.startswith(".")


def read_metadata(folder: Path, required: Sequence[str] = REQUIRED_METADATA) -> dict[str, object]:
    """A package folder's ``metadata.json``, with the ``required`` fields as non-empty strings.

    Raises :class:`~confl10n.errors.ModelPackageError` when the file is missing,
    malformed or not an object, a required field is missing or empty ("lacks"),
    a required field is not a string ("must be a string"), or ``target_prefix``
    is not a string.
    """
    try:
        data = json.loads(_read_small(folder / "metadata.json"))
    except FileNotFoundError:
        raise ModelPackageError(f"{folder.name}: no metadata.json") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelPackageError(f"{folder.name}: malformed metadata.json ({exc})") from exc
    except RecursionError as exc:  # a few KB of brackets exhaust the parser's stack
        problem = "malformed metadata.json (nested too deeply)"
        raise ModelPackageError(f"{folder.name}: {problem}") from exc
    if not isinstance(data, dict):
        raise ModelPackageError(f"{folder.name}: metadata.json is not a JSON object")
    missing = [k for k in required if data.get(k) in (None, "")]
    if missing:
        raise ModelPackageError(f"{folder.name}: metadata.json lacks {', '.join(missing)}")
    wrong = [k for k in required if not isinstance(data[k], str)]
    if wrong:
        raise ModelPackageError(
            f"{folder.name}: metadata.json {', '.join(wrong)} must be a string "
            f"(found {', '.join(type(data[k]).__name__ for k in wrong)})"
        )
    if not isinstance(data.get("target_prefix") or "", str):
        raise ModelPackageError(f"{folder.name}: metadata.json target_prefix is not a string")
    return data


def _read_small(path: Path) -> str:
    """A metadata file's text; raises ``ValueError`` over :data:`MAX_METADATA_BYTES`."""
    with path.open("rb") as stream:
        data = stream.read(MAX_METADATA_BYTES + 1)
    if len(data) > MAX_METADATA_BYTES:
        raise ValueError(f"over {MAX_METADATA_BYTES // 1024} KiB")
    return data.decode("utf-8")


def _find_tokenizer(folder: Path) -> Path:
    """The package's tokenizer file, once it loads (a garbage one makes the package broken)."""
    for name in ("sentencepiece.model", "bpe.model"):
        if (folder / name).is_file():
            problem = tokenizer_problem(folder / name)
            if problem:
                raise ModelPackageError(f"{folder.name}: {name}: {problem}")
            return folder / name
    raise ModelPackageError(f"{folder.name}: no sentencepiece.model or bpe.model tokenizer")


class _Truncated(Exception):
    """model.bin ends before the sizes its own headers declare."""


def model_problem(model_bin: Path) -> str | None:
    """Why ``model.bin`` cannot be a whole CTranslate2 model, or None if it may be.

    A cheap check for listings (no CTranslate2, no weights read): walk the
    variable headers of binary versions 2-6, seeking over each variable's
    declared bytes, and find whether the file is long enough. Other versions
    are left to the real load.
    """
    try:
        with model_bin.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            version = _read(stream, "<I", size)
            if 2 <= version <= 6:
                _walk_variables(stream, size, aliases=version >= 3)
    except FileNotFoundError:
        return "no model/model.bin"
    except _Truncated:
        return f"model/model.bin is truncated ({size} bytes; its headers declare more)"
    except OSError as exc:
        return f"model/model.bin is unreadable ({exc.strerror or exc})"
    return None


def _walk_variables(stream: BinaryIO, size: int, *, aliases: bool) -> None:
    """Seek over the spec name, revision, every variable and the aliases."""
    _skip(stream, _read(stream, "<H", size), size)
    _read(stream, "<I", size)
    for _ in range(_read(stream, "<I", size)):
        _skip(stream, _read(stream, "<H", size), size)  # name
        _skip(stream, 4 * _read(stream, "<B", size) + 1, size)  # dimensions, then type
        _skip(stream, _read(stream, "<I", size), size)  # the data
    if aliases:
        for _ in range(2 * _read(stream, "<I", size)):
            _skip(stream, _read(stream, "<H", size), size)


def _read(stream: BinaryIO, layout: str, size: int) -> int:
    data = stream.read(struct.calcsize(layout))
    if len(data) < struct.calcsize(layout):
        raise _Truncated
    value: int = struct.unpack(layout, data)[0]
    return value


def _skip(stream: BinaryIO, count: int, size: int) -> None:
    if stream.seek(count, os.SEEK_CUR) > size:
        raise _Truncated
