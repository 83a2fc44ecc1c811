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
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from confl10n.errors import ModelPackageError

REQUIRED_METADATA = ("package_version", "from_code", "to_code")


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
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "argos-translate" / "packages"


def read_package(folder: Path) -> PackageInfo:
    """Read ``folder``'s metadata; raise :class:`ModelPackageError` if it is not a package."""
    metadata = _load_metadata(folder / "metadata.json")
    missing = [key for key in REQUIRED_METADATA if metadata.get(key) is None]
    if missing:
        raise ModelPackageError(f"{folder.name}: metadata.json lacks {', '.join(missing)}")
    wrong = [key for key in REQUIRED_METADATA if not isinstance(metadata[key], str)]
    if wrong:
        raise ModelPackageError(f"{folder.name}: metadata.json {', '.join(wrong)} must be a string")
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


def _hidden(folder: Path) -> bool:
    # Temporary folders of an install in progress start with a dot.
    return folder.name.startswith(".")


def _load_metadata(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelPackageError(f"{path.parent.name}: no metadata.json") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelPackageError(f"{path.parent.name}: unreadable metadata.json ({exc})") from exc
    if not isinstance(data, dict):
        raise ModelPackageError(f"{path.parent.name}: metadata.json is not an object")
    return data


def _find_tokenizer(folder: Path) -> Path:
    for name in ("sentencepiece.model", "bpe.model"):
        if (folder / name).is_file():
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
