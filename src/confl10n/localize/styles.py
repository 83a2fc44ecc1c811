"""Newsroom style data: where ``locales/<locale>/style.toml`` files are, read and checked.

Where the files come from: the ``style_dir`` option when given; otherwise
``locales/<locale>/style.toml`` inside the installed ``confl10n`` package
(``src/confl10n/locales/``, which the repository's top-level ``locales/`` links
to, beside the gettext catalogs; shipped in the wheel as package data).

The keys a style file may set are listed in ``KEYS``; anything else is a
one-line :class:`~confl10n.errors.InvalidOptionError`, as is broken TOML.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["KEYS", "find_style", "style_file"]

# table -> keys it may hold (None: any key, e.g. CLDR unit ids under [units]).
KEYS: dict[str, frozenset[str] | None] = {
    "numbers": frozenset({"minimum_grouping_digits", "compact_from",
                          "compact_max_fraction_digits", "numbering_system", "digits",
                          "mixed", "large", "scale_of", "scale_of_vowel"}),
    "money": frozenset({"large_from", "large", "small", "names", "large_names", "huge_from",
                        "huge"}),
    "units": None,
    "ranges": frozenset({"pattern", "between", "from"}),
    "dates": frozenset({"day", "month", "fiscal", "periods"}),
    "times": frozenset({"hour", "minutes"}),
    "multipliers": frozenset({"pattern"}),
    "fractions": None,
    "ordinals": frozenset({"pattern"}),
}  # fmt: skip


def find_style(names: Sequence[str], *, style_dir: Path | None = None) -> dict[str, Any]:
    """The style of the first of ``names`` ("zh_CN", "zh") that has a file; {} if none."""
    path = style_file(names, style_dir=style_dir)
    return {} if path is None else _read(path, path.stat().st_mtime_ns)


def style_file(names: Sequence[str], *, style_dir: Path | None = None) -> Path | None:
    """The style file of the first of ``names`` that has one, or None."""
    root = _root(style_dir)
    paths = (root / name / "style.toml" for name in dict.fromkeys(names))
    return next((path for path in paths if path.is_file()), None)


def available_styles(*, style_dir: Path | None = None) -> list[str]:
    """The locales that have an editorial style file, sorted."""
    return sorted(p.parent.name for p in _root(style_dir).glob("*/style.toml"))


def _root(style_dir: Path | None) -> Path:
    if style_dir is not None:
        if not style_dir.is_dir():
            raise InvalidOptionError(f"style directory {str(style_dir)!r} does not exist")
        return style_dir
    return Path(str(resources.files("confl10n"))) / "locales"


@cache
def _read(path: Path, mtime_ns: int) -> dict[str, Any]:
    """Parse and check one style file (cached until the file changes)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidOptionError(f"style file {path}: {exc}") from exc
    for table, value in data.items():
        problem = _problem(table, value)
        if problem:
            raise InvalidOptionError(f"style file {path}: {problem}")
    return data


def _problem(table: str, value: object) -> str | None:
    """What is wrong with one top-level table of a style file, if anything."""
    if table not in KEYS or not isinstance(value, dict):
        return f"unknown table [{table}]; known: {', '.join(sorted(KEYS))}"
    allowed = KEYS[table]
    unknown = sorted(set(value) - allowed) if allowed is not None else []
    if unknown:
        return f"unknown key {table}.{unknown[0]}"
    digits = value.get("digits") if table == "numbers" else None
    if digits is not None and (not isinstance(digits, str) or len(digits) != 10):
        return "numbers.digits must be the ten digits 0-9 of a script"
    return None
