"""``confl10n doctor``: what is installed, what is missing, what would need the network."""

from __future__ import annotations

from typing import Annotated

import typer

from confl10n.cli.app import command_app, say

command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def doctor(
    models_dir: Annotated[
        str | None, typer.Option("--models-dir", help="Argos packages folder to inspect.")
    ] = None,
) -> None:
    """Report engines, models, locales and sentence splitters, and any network need."""
    from confl10n.cli.doctor_checks import collect

    for check in collect(models=models_dir):
        mark = "ok " if check.ok else "-- "
        say(f"{mark} {check.area:<13} {check.name:<20} {check.detail}")
