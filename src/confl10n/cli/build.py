"""``confl10n build``: the main job — articles in, per-locale bulletins in ``output/``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli.app import app, warn
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.building.build import BuildReport


@app.command()
def build(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Article files (.txt or .md); default: the config's sources."),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", help="Target locale (zh_CN, es_ES, …); repeat for several."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default: the config's, else output)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Project config (default: ./confl10n.toml).")
    ] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="auto, argos or apertium.")] = None,
    models_dir: Annotated[
        str | None, typer.Option("--models-dir", help="Argos packages folder.")
    ] = None,
    threads: Annotated[
        int, typer.Option("--threads", help="CPU threads; 0 lets CTranslate2 choose.")
    ] = 0,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Translation cache file (SQLite).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Use no cache at all.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail, writing nothing, if any locale has no engine.")
    ] = False,
    algorithm: Annotated[
        str | None, typer.Option("--algorithm", help="Summary algorithm (default: lexrank).")
    ] = None,
    lede: Annotated[
        str | None,
        typer.Option("--lede", help="lead (the opening sentences, default) or central."),
    ] = None,
) -> None:
    """Read, summarize, translate, localize and write every article for every locale."""
    from confl10n.building.build import run_build
    from confl10n.building.plan import plan_build

    plan = plan_build(
        files,
        locales=to or None,
        out=out,
        config=config,
        engine=engine,
        algorithm=algorithm,
        models_dir=models_dir,
        threads=threads,
        strict=strict,
        lede=lede,
    )
    for skipped in plan.skipped():
        warn(f"skipping {skipped.locale}: {skipped.reason}")
    progress = _Progress() if sys.stderr.isatty() else None
    report = run_build(plan, cache=cache_choice(cache, no_cache), progress=progress)
    _print_report(report)


def cache_choice(cache: Path | None, no_cache: bool) -> Path | bool:
    """``--cache PATH``, ``--no-cache`` (False) or neither (True: the user cache)."""
    if cache is not None and no_cache:
        raise InvalidOptionError("--cache and --no-cache exclude each other")
    return cache if cache is not None else not no_cache


def _print_report(report: BuildReport) -> None:
    """Where each article went (stdout), then the warnings (stderr)."""
    for article in report.articles:
        typer.echo(f"{article.path}  ({', '.join(article.locales)})")
    for message in dict.fromkeys(report.warnings):
        warn(message)


class _Progress:
    """One self-overwriting line on stderr: ``[3/7] slug: translating to zh_CN (…)``."""

    def __init__(self) -> None:
        self.width = shutil.get_terminal_size().columns

    def __call__(self, message: str, done: int, total: int) -> None:
        line = f"[{done}/{total}] {message}"[: max(self.width - 1, 20)]
        end = "\n" if done >= total else ""
        typer.echo(f"\r\x1b[2K{line}{end}", nl=False, err=True)
