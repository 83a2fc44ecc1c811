"""Command-line interface: one module per command, each loaded on first use
(:data:`confl10n.cli.app.COMMANDS`)."""

from __future__ import annotations

from confl10n.cli.app import app


def main() -> None:
    """Entry point of the ``confl10n`` console script."""
    app()


__all__ = ["app", "main"]
