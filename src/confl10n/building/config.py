"""The project config ``confl10n.toml``: which articles to build, for which locales, where to.

::

    [build]
    sources = ["source/article.md"]   # relative to the config file
    locales = ["zh_CN", "es_ES", "de_DE", "ja_JP", "ar_EG"]
    out = "output"                    # relative to the config file
    algorithm = "lexrank"             # summaries (optional)
    lede = "lead"                     # lead or central (optional)
    engine = "auto"                   # auto, argos or apertium (optional)

Unknown keys and wrong types are errors rather than ignored, so a typo never
silently builds the wrong thing. Only the standard library's ``tomllib`` is used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confl10n.errors import InputError, InvalidOptionError

CONFIG_NAME = "confl10n.toml"
DEFAULT_LOCALES = ("zh_CN", "es_ES", "de_DE", "ja_JP", "ar_EG")
"""Locales built when neither ``--to`` nor a config file names any."""

_KEYS = {"sources": list, "locales": list, "out": str, "algorithm": str, "engine": str,
         "lede": str}  # fmt: skip


@dataclass(frozen=True, slots=True)
class BuildConfig:
    """The ``[build]`` table with paths resolved against the config file's folder.

    A key the file leaves out is ``None`` (the caller's default applies).
    """

    path: Path
    sources: tuple[Path, ...] | None = None
    locales: tuple[str, ...] | None = None
    out: Path | None = None
    algorithm: str | None = None
    engine: str | None = None
    lede: str | None = None


def find_config(config: str | Path | None, *, cwd: Path | None = None) -> BuildConfig | None:
    """The config at ``config``, else ``confl10n.toml`` in ``cwd`` if there is one, else None.

    An explicit ``config`` that does not exist is an :class:`InputError`.
    """
    if config is not None:
        return load_config(Path(config))
    candidate = (cwd or Path.cwd()) / CONFIG_NAME
    return load_config(candidate) if candidate.is_file() else None


def load_config(path: Path) -> BuildConfig:
    """Read and check the ``[build]`` table of ``path``.

    Raises :class:`~confl10n.errors.InputError` for a missing or broken file,
    :class:`~confl10n.errors.InvalidOptionError` for an unknown key or a wrong type.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read config {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from exc
    table = _build_table(data, path)
    base = path.resolve().parent
    return BuildConfig(
        path=path,
        sources=_paths(table, "sources", path, base),
        locales=_strings(table, "locales", path),
        out=base / table["out"] if "out" in table else None,
        algorithm=table.get("algorithm"),
        engine=table.get("engine"),
        lede=table.get("lede"),
    )


def _build_table(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The ``[build]`` table, its keys and value types checked."""
    table = data.get("build", {})
    if not isinstance(table, dict):
        raise InvalidOptionError(f"{path}: [build] must be a table")
    for key, value in table.items():
        if key not in _KEYS:
            raise InvalidOptionError(
                f"{path}: unknown key build.{key}; known keys: {', '.join(sorted(_KEYS))}"
            )
        if not isinstance(value, _KEYS[key]):
            wanted = "a list of strings" if _KEYS[key] is list else "a string"
            raise InvalidOptionError(f"{path}: build.{key} must be {wanted}")
    return table


def _strings(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...] | None:
    if key not in table:
        return None
    values = table[key]
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise InvalidOptionError(f"{path}: build.{key} must be a list of non-empty strings")
    return tuple(values)


def _paths(table: dict[str, Any], key: str, path: Path, base: Path) -> tuple[Path, ...] | None:
    names = _strings(table, key, path)
    return None if names is None else tuple(base / name for name in names)
