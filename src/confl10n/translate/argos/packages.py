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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from confl10n._fs import user_dir
from confl10n.errors import ModelPackageError

REQUIRED_METADATA = ("package_version", "from_code", "to_code")
"""What ``metadata.json`` must hold for a folder to count as an installed package."""


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


def read_metadata(folder: Path, required: Sequence[str] = REQUIRED_METADATA) -> dict[str, object]:
    """A package folder's ``metadata.json``, with the ``required`` fields as non-empty strings.

    Raises :class:`~confl10n.errors.ModelPackageError` when the file is missing,
    malformed or not an object, a required field is missing or empty, or
    ``target_prefix`` is not a string.
    """
    try:
        data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelPackageError(f"{folder.name}: no metadata.json") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelPackageError(f"{folder.name}: malformed metadata.json ({exc})") from exc
    if not isinstance(data, dict):
        raise ModelPackageError(f"{folder.name}: metadata.json is not a JSON object")
    missing = [k for k in required if not isinstance(data.get(k), str) or not data[k]]
    if missing:
        raise ModelPackageError(f"{folder.name}: metadata.json lacks {', '.join(missing)}")
    if not isinstance(data.get("target_prefix") or "", str):
        raise ModelPackageError(f"{folder.name}: metadata.json target_prefix is not a string")
    return data


def _find_tokenizer(folder: Path) -> Path:
    for name in ("sentencepiece.model", "bpe.model"):
        if (folder / name).is_file():
            return folder / name
    raise ModelPackageError(f"{folder.name}: no sentencepiece.model or bpe.model tokenizer")
