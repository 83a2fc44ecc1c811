"""The project config ``confl10n.toml``: which articles to build, for which locales, where to.

::

    [build]
    sources = ["source/article.md"]   # relative to the config file
    locales = ["zh_CN", "es_ES", "de_DE", "ja_JP", "ar_EG"]
    out = "output"                    # relative to the config file
    algorithm = "lexrank"             # summaries (optional)
    lede = "lead"                     # lead or central (optional)
    engine = "auto"                   # auto, argos or apertium (optional)
    scheduler = "tcp://scheduler.example:8786"  # a Dask cluster (optional), or
    workers = 2                       # a local Dask cluster of 2 processes (optional)

Unknown keys and wrong types are errors rather than ignored, so a typo never
silently builds the wrong thing. Only the standard library's ``tomllib`` is used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confl10n._fs import unreadable
from confl10n.errors import InputError, InvalidOptionError

CONFIG_NAME = "confl10n.toml"
DEFAULT_LOCALES = ("zh_CN", "es_ES", "de_DE", "ja_JP", "ar_EG")
"""Locales built when neither ``--to`` nor a config file names any."""

_KEYS = {
    "sources": list,
    "locales": list,
    "out": str,
    "algorithm": str,
    "engine": str,
    "lede": str,
    "scheduler": str,
    "workers": int,
}
_WANTED = {list: "a list of strings", str: "a string", int: "a whole number"}


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
    scheduler: str | None = None
    workers: int | None = None
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
        raise InputError(unreadable(path, exc, what="config")) from exc
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
        scheduler=table.get("scheduler"),
        workers=table.get("workers"),
        lede=table.get("lede"),
    )


def cluster_choice(
    project: BuildConfig | None, scheduler: str | None, workers: int | None
) -> str | int | None:
    """Where a build runs: a scheduler address, a number of local workers, or None (here).

    The arguments win over the config file as a pair; giving both, or fewer than one
    worker, is an :class:`InvalidOptionError`.
    """
    if scheduler is None and workers is None and project is not None:
        scheduler, workers = project.scheduler, project.workers
    if scheduler is not None and workers is not None:
        raise InvalidOptionError("give a scheduler or a number of workers, not both")
    if workers is not None and workers < 1:
        raise InvalidOptionError(f"workers must be at least 1, got {workers}")
    if scheduler is not None and not scheduler.strip():
        raise InvalidOptionError("the scheduler address is empty")
    return scheduler if scheduler is not None else workers


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
        if not isinstance(value, _KEYS[key]) or isinstance(value, bool):
            raise InvalidOptionError(f"{path}: build.{key} must be {_WANTED[_KEYS[key]]}")
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
