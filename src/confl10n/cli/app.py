"""The typer application and what every command shares.

The CLI is the only place that prints or exits: library errors
(:class:`~confl10n.errors.Confl10nError`) become one line on stderr and the
error's exit code; ``--debug`` shows the traceback instead. Every message line
goes through :func:`~confl10n.errors.escape_terminal` (:func:`say`), so names
holding control or bidi characters can neither drive the terminal nor forge lines.

Commands are loaded on first use: :data:`COMMANDS` names each one's module
and one-line help, so ``confl10n --help`` imports no command module and a
command imports only its own.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from confl10n._version import __version__
from confl10n.errors import Confl10nError, InvalidOptionError, escape_terminal, escape_text

if TYPE_CHECKING:
    from confl10n.document import Article

COMMANDS: dict[str, tuple[str, str]] = {
    "build": (
        "build",
        "Read, summarize, translate, localize and write every article for every locale.",
    ),
    "doctor": (
        "doctor",
        "Report engines, models, locales and sentence splitters, and any network need.",
    ),
    "figures": (
        "figures",
        "Show every figure of the article as each locale's newsroom would write it.",
    ),
    "segment": ("segment", "Print the article's structure with stable IDs."),
    "summarize": (
        "summarize",
        "Print the most central sentences of each section (and a lede), with their IDs.",
    ),
    "translate": (
        "translate",
        "Translate every title, heading and sentence, keeping structure and IDs.",
    ),
    "import-xliff": (
        "xliff",
        "Store approved targets as approved translations, which win over MT on the next build.",
    ),
    "models": ("models", "Manage offline translation models (Argos packages)."),
    "serve": (
        "serve",
        "Serve translation (LibreTranslate's API), summaries, figures and bulletins over HTTP.",
    ),
}
"""Command name -> (module under ``confl10n.cli``, one-line help), in ``--help`` order."""


USAGE = InvalidOptionError.exit_code
"""The exit code of a usage error: an unknown option or command, a missing or malformed
value (sysexits' EX_USAGE, as :class:`~confl10n.errors.InvalidOptionError`)."""
_CLICK_USAGE = 2  # what Click exits with for a usage error


class _Group(TyperGroup):
    """Loads commands on first use; turns library errors into one line on stderr and an
    exit code."""

    # typer.Context is the public name of the vendored click Context these methods take;
    # the vendored Command and HelpFormatter have no public name, hence Any.
    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"confl10n.cli.{COMMANDS[cmd_name][0]}")
            command = typer.main.get_command(module.command)
            command.name = cmd_name
            self.add_command(command)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        """The command list from :data:`COMMANDS`, without importing the commands."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, (_, text) in COMMANDS.items()])

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click's own exit code for usage errors (2) becomes the documented 64 (EX_USAGE)."""
        try:
            return super().main(*args, **kwargs)
        except SystemExit as exc:
            if exc.code == _CLICK_USAGE:
                raise SystemExit(USAGE) from None
            raise

    # typer.Context is the public name of the vendored click Context invoke() takes.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except Confl10nError as exc:
            _fail(ctx, exc)
        except ModuleNotFoundError as exc:
            from confl10n.extras import extra_of, missing_extra_error

            extra = extra_of(exc.name or "")
            if extra is None:
                raise
            command = f"confl10n {ctx.invoked_subcommand}"
            _fail(ctx, missing_extra_error(extra, command, [exc.name or ""]))


def _fail(ctx: typer.Context, exc: Confl10nError) -> NoReturn:
    """One escaped line on stderr and the error's exit code (``--debug``: the traceback)."""
    if (ctx.obj or {}).get("debug"):
        raise exc
    say(f"confl10n: error: {exc}", err=True)
    raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="confl10n",
    help="Turn one English news article into a multilingual bulletin, fully offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich would cost more than the rest of start-up
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


def show(text: str, *, nl: bool = True) -> None:
    """Print article text (a command's result) on stdout, control and bidi controls escaped.

    JSON stays valid: the escapes are JSON's own ``\\uXXXX``.
    """
    typer.echo(escape_text(text), nl=nl)


def command_app(**settings: Any) -> typer.Typer:
    """The Typer a command module defines its command (or group) on: plain help, like the
    top level's."""
    return typer.Typer(add_completion=False, rich_markup_mode=None, **settings)


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    say(f"confl10n: warning: {message}", err=True)


def load_article(
    path: str,
    *,
    lang: str | None = None,
    keep_boilerplate: bool = False,
    max_bytes: int,
    input_format: str | None = None,
) -> Article:
    """Read ``path`` (``-`` for stdin) into an Article in ``lang`` (checked first:
    :func:`~confl10n.localize.target.article_language`), printing its warnings;
    InputError (exit 65) for more than ``max_bytes``. ``input_format`` is one of
    :data:`confl10n.text.reader.INPUT_FORMATS` (None: detect)."""
    from confl10n.localize.target import article_language
    from confl10n.text.reader import parse_bytes, read_article, read_bounded

    lang = article_language(lang)
    if path == "-":
        data = read_bounded(sys.stdin.buffer, max_bytes=max_bytes, source_name="<stdin>")
        article = parse_bytes(
            data, lang=lang, source_name="<stdin>", keep_boilerplate=keep_boilerplate,
            input_format=input_format,
        )  # fmt: skip
    else:
        article = read_article(
            Path(path), lang=lang, keep_boilerplate=keep_boilerplate, max_bytes=max_bytes,
            input_format=input_format,
        )  # fmt: skip
    for message in article.warnings:
        warn(message)
    return article
