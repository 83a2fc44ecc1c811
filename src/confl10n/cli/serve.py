"""``confl10n serve``: the HTTP API (LibreTranslate's and confl10n's own).

The web stack (FastAPI, uvicorn, lingua) is imported only when the command runs,
so ``confl10n --help`` and every other command stay light; it comes with the
optional extra ``confl10n[serve]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app
from confl10n.extras import require

command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port (0: any free one).")] = 5000,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes, each with its own engines.")
    ] = 1,
    api_keys: Annotated[
        Path | None, typer.Option("--api-keys", help="File of accepted API keys, one a line.")
    ] = None,
    char_limit: Annotated[
        int, typer.Option("--char-limit", help="Characters of each text of a request (400 above).")
    ] = 20000,
    max_body: Annotated[
        int, typer.Option("--max-body", help="Bytes of body or query string (413 above).")
    ] = 2 * 2**20,
    concurrency: Annotated[
        int, typer.Option("--concurrency", help="Jobs running at once per worker.")
    ] = 4,
    queue: Annotated[
        int, typer.Option("--queue", help="Requests waiting per worker (429 above).")
    ] = 16,
    queue_timeout: Annotated[
        float, typer.Option("--queue-timeout", help="Seconds a request may wait (then 429).")
    ] = 30.0,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a request may run (then 500).")
    ] = 120.0,
    read_timeout: Annotated[
        float,
        typer.Option(
            "--read-timeout", help="Seconds a client has to send a whole request (then dropped)."
        ),
    ] = 20.0,
    graceful_timeout: Annotated[
        float,
        typer.Option(
            "--graceful-timeout", help="Seconds after SIGTERM before running requests are cut."
        ),
    ] = 30.0,
    models_dir: opt.ModelsDir = None,
    engine: Annotated[
        str, typer.Option("--engine", help="auto (Argos, else Apertium), argos or apertium.")
    ] = "auto",
    threads: Annotated[
        int, typer.Option("--threads", help="CTranslate2 threads per job; 0 lets it choose.")
    ] = 0,
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
    cors_origins: Annotated[
        str,
        typer.Option("--cors-origins", help="Browser origins allowed, comma-separated (* any)."),
    ] = "*",
    alternatives_limit: Annotated[
        int, typer.Option("--alternatives-limit", help="Most alternatives a request may ask.")
    ] = 3,
    suggestions: Annotated[
        bool,
        typer.Option("--suggestions", help="/suggest stores approved translations in the cache."),
    ] = False,
    detection: Annotated[
        str,
        typer.Option(
            "--detection",
            help="Language detection: low (up to 75 MB) or high (0.9 GB), loaded on first use.",
        ),
    ] = "low",
    max_batch_tokens: Annotated[
        int,
        typer.Option(
            "--max-batch-tokens",
            help="Tokens CTranslate2 decodes at once, from one request or several "
            "(0: no batching across requests, 1024-token batches).",
        ),
    ] = 384,
    batch_wait: Annotated[
        float, typer.Option("--batch-wait", help="Seconds a call waits for others to join.")
    ] = 0.005,
) -> None:
    """Serve translation (LibreTranslate's API), summaries, figures and bulletins over HTTP.

    Figures are protected and checked as in translate. Stop it with SIGTERM or
    Ctrl-C: requests in flight get --graceful-timeout seconds to finish.
    """
    stored = opt.cache_choice(cache, no_cache)  # one line, exit 64, if both are given
    require("serve", "confl10n serve")
    from confl10n.serve.run import serve as run
    from confl10n.serve.settings import ServeSettings
    from confl10n.translate.argos.settings import ArgosSettings
    from confl10n.translate.options import TranslateOptions

    argos = ArgosSettings(
        models_dir=opt.existing_models_dir(models_dir), threads=threads,
        batch_tokens=max_batch_tokens or 1024,
    )  # fmt: skip
    settings = ServeSettings(
        host=host, port=port, workers=workers, char_limit=char_limit, max_body=max_body,
        concurrency=concurrency, queue=queue, queue_timeout=queue_timeout, timeout=timeout,
        read_timeout=read_timeout, graceful_timeout=graceful_timeout,
        translation=TranslateOptions(engine=engine, settings=(argos,)),
        api_keys=str(api_keys) if api_keys else None, cors_origins=cors_origins,
        alternatives_limit=alternatives_limit, suggestions=suggestions, detection=detection,
        cache=None if stored is False else (str(stored) if stored is not True else ""),
        max_batch_tokens=max_batch_tokens, batch_wait=batch_wait,
    )  # fmt: skip
    run(settings.check())
