"""``confl10n build``: the main job — articles in, per-locale bulletins in ``output/``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from confl10n.cli.app import app, warn
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.building.build import BuildReport
    from confl10n.building.plan import BuildPlan


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
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Build on this Dask cluster (tcp://HOST:8786)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Build on a local Dask cluster of N processes."),
    ] = None,
) -> None:
    """Read, summarize, translate, localize and write every article for every locale."""
    from confl10n.building.config import cluster_choice, find_config

    planning: dict[str, Any] = {"locales": to or None, "out": out, "config": config}
    planning.update(engine=engine, algorithm=algorithm, models_dir=models_dir)
    planning.update(threads=threads, strict=strict)
    running: dict[str, Any] = {"cache": cache_choice(cache, no_cache)}
    running.update(progress=_Progress() if sys.stderr.isatty() else None)
    where = cluster_choice(find_config(config), scheduler, workers)
    report = (
        _local(files, planning, running)
        if where is None
        else _on_cluster(where, files, planning, running)
    )
    _print_report(report)
    if report.failures:
        raise typer.Exit(report.failures[0].exit_code)


def _local(
    files: list[str] | None, planning: dict[str, Any], running: dict[str, Any]
) -> BuildReport:
    from confl10n.building.build import run_build
    from confl10n.building.plan import plan_build

    plan = plan_build(files, **planning)
    _warn_skipped(plan)
    return run_build(plan, **running)


def _on_cluster(
    where: str | int, files: list[str] | None, planning: dict[str, Any], running: dict[str, Any]
) -> BuildReport:
    from confl10n.building.cluster import connect, remote_probe, run_on_cluster
    from confl10n.building.plan import plan_build

    with connect(where) as client:
        plan = plan_build(files, **planning, probe=remote_probe(client))
        _warn_skipped(plan)
        return run_on_cluster(plan, client, **running)


def _warn_skipped(plan: BuildPlan) -> None:
    for skipped in plan.skipped():
        warn(f"skipping {skipped.locale}: {skipped.reason}")


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
    for failure in report.failures:
        typer.echo(f"confl10n: error: {failure.message}", err=True)


class _Progress:
    """One self-overwriting line on stderr: ``[3/7] slug: translating to zh_CN (…)``."""

    def __init__(self) -> None:
        self.width = shutil.get_terminal_size().columns

    def __call__(self, message: str, done: int, total: int) -> None:
        line = f"[{done}/{total}] {message}"[: max(self.width - 1, 20)]
        end = "\n" if done >= total else ""
        typer.echo(f"\r\x1b[2K{line}{end}", nl=False, err=True)
