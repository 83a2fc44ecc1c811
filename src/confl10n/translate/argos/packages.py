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
from dataclasses import dataclass
from pathlib import Path

from confl10n._fs import user_dir
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
    return user_dir("data") / "argos-translate" / "packages"


def read_package(folder: Path) -> PackageInfo:
    """Read ``folder``'s metadata; raise :class:`ModelPackageError` if it is not a package."""
    metadata = _load_metadata(folder / "metadata.json")
    missing = [key for key in REQUIRED_METADATA if not isinstance(metadata.get(key), str)]
    if missing:
        raise ModelPackageError(f"{folder.name}: metadata.json lacks {', '.join(missing)}")
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
