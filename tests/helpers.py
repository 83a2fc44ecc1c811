"""Helpers shared by the test modules (fixtures live in conftest.py): the sample's slug, the
command line run in-process, a build with the kit's packages, a folder's contents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from confl10n import BuildOptions, BuildReport, TranslateOptions, build
from confl10n.cli import app
from confl10n.summarize import ALGORITHMS
from confl10n.translate.argos.settings import ArgosSettings

SLUG = "newspaper-leaders-from-across-china-gather-in-shanghai-to"
"""The folder name ``build`` gives the sample article (source/article.md)."""

SLOW_ALGORITHMS = ("kl", "lsa")
"""sumy's algorithms that take seconds on a long text."""

ALGORITHM_PARAMS = [
    pytest.param(name, marks=pytest.mark.slow) if name in SLOW_ALGORITHMS else name
    for name in ALGORITHMS
]
"""Every summarizing algorithm as a test parameter, the slow ones marked ``slow``."""


def invoke(*args: str | Path) -> tuple[int, str, str]:
    """Run ``confl10n ARGS`` in this process; return (exit code, stdout, stderr).

    An exception the CLI did not turn into an exit code is raised again: a user would have
    seen a traceback, so no test may pass on its exit code alone.
    """
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def kit_build(
    tmp_path: Path,
    files: list[Path],
    *,
    models_dir: Path,
    out: str = "out",
    locales: Sequence[str] = ("zh_CN",),
    engine: str | None = None,
    cache: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    scheduler: str | None = None,
) -> BuildReport:
    """Build ``files`` into ``tmp_path/out`` with the packages in ``models_dir`` (one thread)
    and a cache of its own (``tmp_path/<out>.sqlite3`` unless ``cache`` is given)."""
    translation = TranslateOptions(
        engine=engine, settings=(ArgosSettings(models_dir=models_dir, threads=1),)
    )
    options = BuildOptions(
        locales=locales, out=tmp_path / out, translation=translation, scheduler=scheduler
    )
    stored = cache or tmp_path / f"{out}.sqlite3"
    return build(files, options=options, cache=stored, progress=progress)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` (POSIX, relative) with its bytes (None for folders)."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


class Spy:
    """Records what reaches the real engine's translate_batch, then calls it."""

    def __init__(self, engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sent: list[str] = []
        self._original = engine.translate_batch
        monkeypatch.setattr(engine, "translate_batch", self)

    def __call__(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.sent += sentences
        return list(self._original(sentences, source, target))
