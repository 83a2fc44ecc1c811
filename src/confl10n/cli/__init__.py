"""Command-line interface; each command group lives in its own module."""

from __future__ import annotations

from confl10n.cli import build, doctor, figures, models, segment, serve, summarize, translate, xliff  # noqa: F401  (registers the commands)
from confl10n.cli.app import app


def main() -> None:
    """Entry point of the ``confl10n`` console script."""
    app()


__all__ = ["app", "main"]
