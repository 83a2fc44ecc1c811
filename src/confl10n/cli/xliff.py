"""``confl10n import-xliff``: reviewed translations from a CAT tool back into the cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app, say, warn

command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command("import-xliff")
def import_xliff(
    file: Annotated[
        Path, typer.Argument(help="An XLIFF 1.2 file, e.g. output/<slug>/zh_CN/article.xlf.")
    ],
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Translation cache file (SQLite).")
    ] = None,
    max_input_size: Annotated[
        str,
        typer.Option("--max-input-size", help="Largest XLIFF file accepted (bigger: exit 65)."),
    ] = "64MiB",
) -> None:
    """Store approved targets as approved translations, which win over MT on the next build.

    Approved means state translated, signed-off or final, or approved="yes".
    """
    import warnings

    from confl10n.building.approved import import_xliff as store_approved
    from confl10n.translate.cache import default_cache_path

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        count = store_approved(
            file,
            cache=cache if cache is not None else True,
            max_bytes=opt.input_size(max_input_size),
        )
    for warning in caught:
        warn(str(warning.message))
    where = cache if cache is not None else default_cache_path()
    if count == 0:
        warn(f"{file}: no approved translations (mark targets translated, signed-off or final)")
    say(f"imported {count} approved translation(s) into {where}")
