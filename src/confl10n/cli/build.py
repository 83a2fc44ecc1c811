"""``confl10n build``: the main job — articles in, per-locale bulletins in ``output/``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app, say, warn
from confl10n.cli.progress import build_progress

if TYPE_CHECKING:
    from confl10n.building.plan import BuildPlan
    from confl10n.building.report import BuildReport


command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def build(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Article files (.txt, .md, .html, .docx); default: the config's sources."
        ),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to", help="Target locale or language (zh_CN, es-ES, es, zh-Hant, …); repeatable."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default: the config's, else output)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Project config (default: ./confl10n.toml).")
    ] = None,
    engine: opt.Engine = None,
    models_dir: opt.ModelsDir = None,
    device: opt.Device = "cpu",
    threads: opt.Threads = 0,
    compute_type: opt.ComputeType = "default",
    beam_size: opt.BeamSize = 4,
    style_dir: opt.StyleDir = None,
    no_protect_numbers: opt.NoProtectNumbers = False,
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
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
    worker_timeout: Annotated[
        float,
        typer.Option(
            "--worker-timeout", help="Seconds a cluster build waits with no worker (then exit 69)."
        ),
    ] = 60.0,
    max_input_size: opt.MaxInputSize = opt.DEFAULT_MAX_INPUT_SIZE,
    lede: Annotated[
        str | None,
        typer.Option("--lede", help="lead (the opening sentences, default) or central."),
    ] = None,
    keep_boilerplate: opt.KeepBoilerplate = False,
    clean: Annotated[
        bool,
        typer.Option(
            "--clean", help="Remove locale folders this build does not write (default: keep)."
        ),
    ] = False,
) -> None:
    """Read, summarize, translate, localize and write every article for every locale."""
    from confl10n.building.build import open_runner
    from confl10n.building.options import BuildOptions
    from confl10n.summarize.options import SummaryOptions

    translation = opt.translate_options(
        engine=engine,
        models_dir=models_dir,
        device=device,
        threads=threads,
        compute_type=compute_type,
        beam_size=beam_size,
        style_dir=style_dir,
        no_protect_numbers=no_protect_numbers,
    )
    options = BuildOptions(
        locales=to or None,
        out=out,
        config=config,
        summary=SummaryOptions(algorithm=algorithm, lede_mode=lede),
        strict=strict,
        translation=translation,
        scheduler=scheduler,
        workers=workers,
        worker_timeout=worker_timeout,
        max_input_size=opt.input_size(max_input_size),
        keep_boilerplate=keep_boilerplate,
        clean=clean,
    )
    stored = opt.cache_choice(cache, no_cache)
    with open_runner(options) as runner:
        plan = runner.plan(files)
        _warn_skipped(plan)
        report = runner.run(plan, cache=stored, progress=build_progress())
    _print_report(report)
    if report.failures:
        raise typer.Exit(report.failures[0].exit_code)


def _warn_skipped(plan: BuildPlan) -> None:
    for skipped in plan.skipped():
        warn(f"skipping {skipped.locale}: {skipped.reason}")


def _print_report(report: BuildReport) -> None:
    """Where each article went (stdout), then the warnings (stderr)."""
    for article in report.articles:
        kept = [k for k in article.kept if not k.startswith(".")]
        also = f"; kept {', '.join(kept)}" if kept else ""
        folder = article.path.absolute()  # as the manual says, also for a relative --out
        say(f"{folder}  ({', '.join(article.locales)}{also})")
        for locale in article.removed:
            say(f"confl10n: removed {folder / locale} (not in this build; --clean)", err=True)
    for message in dict.fromkeys(report.warnings):
        warn(message)
    for failure in report.failures:
        say(f"confl10n: error: {failure.message}", err=True)
