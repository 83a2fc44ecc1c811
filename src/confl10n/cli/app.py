"""The typer application and what every command shares.

The CLI is the only place that prints or exits: library errors
(:class:`~confl10n.errors.Confl10nError`) become one line on stderr and the
error's exit code; ``--debug`` shows the traceback instead. Every message line
goes through :func:`~confl10n.errors.escape_terminal` (:func:`say`), so names
holding control or bidi characters can neither drive the terminal nor forge lines.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from confl10n import __version__
from confl10n.errors import Confl10nError, escape_terminal

if TYPE_CHECKING:
    from confl10n.document import Article


class _Group(TyperGroup):
    """Turns library errors into one line on stderr and an exit code."""

    # typer.Context is the public name of the vendored click Context invoke() takes.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except Confl10nError as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            say(f"confl10n: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="confl10n",
    help="Turn one English news article into a multilingual bulletin, fully offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"confl10n {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    ctx.obj = {"debug": debug}


def say(line: str, *, err: bool = False) -> None:
    """Print one message line (stdout, or stderr with ``err``), control and bidi escaped."""
    typer.echo(escape_terminal(line), err=err)


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    say(f"confl10n: warning: {message}", err=True)


def load_article(path: str, *, lang: str | None = None) -> Article:
    """Read ``path`` (``-`` for stdin) into an Article, printing its warnings."""
    from confl10n.text.reader import parse_bytes, read_article

    if path == "-":
        article = parse_bytes(sys.stdin.buffer.read(), lang=lang, source_name="<stdin>")
    else:
        article = read_article(Path(path), lang=lang)
    for message in article.warnings:
        warn(message)
    return article
