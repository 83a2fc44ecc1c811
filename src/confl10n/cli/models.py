"""``confl10n models ...``: list, install, remove, and (online only) find and download packages."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli.app import command_app, say, warn
from confl10n.cli.options import existing_models_dir
from confl10n.cli.progress import download_progress, human_size
from confl10n.errors import escape_terminal

if TYPE_CHECKING:
    from confl10n.translate.argos.index import IndexEntry
    from confl10n.translate.argos.packages import PackageInfo
    from confl10n.translate.engine import EngineIdentity

command = command_app(
    help="Manage offline translation models (Argos packages).", no_args_is_help=True
)
"""This module's command group, loaded by the CLI on first use."""


class ModelsFormat(StrEnum):
    """Output formats of the listing commands."""

    text = "text"
    json = "json"


ModelsDir = Annotated[
    str | None,
    typer.Option(
        "--models-dir",
        help="Packages folder (default: $CONFL10N_MODELS_DIR, $ARGOS_PACKAGES_DIR, XDG data).",
    ),
]
IndexUrl = Annotated[
    str | None,
    typer.Option("--index", help="Package index URL (default: $CONFL10N_ARGOS_INDEX or Argos')."),
]
FormatOption = Annotated[ModelsFormat, typer.Option("--format", help="Output format.")]


@command.command("list")
def list_models(
    models_dir: ModelsDir = None, output_format: FormatOption = ModelsFormat.text
) -> None:
    """List installed Argos packages (pair, version, size, path) and Apertium pairs.

    Broken package folders are reported too.
    """
    from confl10n.translate.argos.install import package_size
    from confl10n.translate.argos.packages import installed_packages
    from confl10n.translate.argos.packages import models_dir as resolve

    directory = resolve(existing_models_dir(models_dir))  # a mistyped folder is said
    packages, problems = installed_packages(directory)
    rows = [_package_row(p, package_size(p.path)) for p in packages]
    apertium = _apertium_pairs()
    if output_format is ModelsFormat.json:
        document = {"models_dir": str(directory), "packages": rows, "problems": problems}
        _print_json({**document, "apertium": apertium})
        return
    table = [{"engine": "argos", **row} for row in rows] + [_apertium_row(a) for a in apertium]
    _print_table(table, f"no packages installed in {directory} and no Apertium pairs")
    for problem in problems:
        warn(f"broken package in {directory}: {problem}")


def _apertium_pairs() -> list[dict[str, str]]:
    """The installed Apertium pairs (none without Apertium): pair, mode, package, version."""
    from confl10n.errors import EngineUnavailableError, TranslationError
    from confl10n.translate.apertium.engine import ApertiumEngine

    if not ApertiumEngine.available():
        return []
    engine = ApertiumEngine()
    try:
        found = [(pair, engine.identity(*pair)) for pair in engine.pairs()]
    except (EngineUnavailableError, TranslationError) as exc:
        warn(f"Apertium is installed but cannot list its pairs: {exc}")
        return []
    modes = engine.data_dir() / "modes"
    return [_apertium_entry(f"{a}-{b}", identity, modes) for (a, b), identity in found]


def _apertium_entry(pair: str, identity: EngineIdentity, modes: Path) -> dict[str, str]:
    package, _, mode = identity.model.partition(":")
    path = str(modes / f"{mode}.mode")
    return {
        "pair": pair,
        "mode": mode,
        "package": package,
        "version": identity.version,
        "path": path,
    }


def _apertium_row(entry: dict[str, str]) -> dict[str, object]:
    """A row of the text table: no size (Apertium's data is Debian's to manage)."""
    return {
        "engine": "apertium",
        "pair": entry["pair"],
        "version": entry["version"],
        "size": "-",
        "path": entry["path"],
    }


@command.command("install")
def install(
    file: Annotated[Path, typer.Argument(help="An .argosmodel package file.")],
    models_dir: ModelsDir = None,
) -> None:
    """Validate a package file and install it (replacing any package for the same pair)."""
    from confl10n.translate.argos.install import install_package

    info = install_package(file, models_dir=models_dir, on_replace=_say_replaced)
    say(f"installed {_pair(info)} {info.package_version} in {info.path}")


@command.command("remove")
def remove(
    pair: Annotated[str, typer.Argument(help="A pair like en-zh, or a package folder name.")],
    models_dir: ModelsDir = None,
) -> None:
    """Remove an installed package (a folder name also removes a broken one)."""
    from confl10n.translate.argos.install import remove_package

    say(f"removed {remove_package(pair, models_dir=existing_models_dir(models_dir))}")


@command.command("available")
def available(
    models_dir: ModelsDir = None,
    index: IndexUrl = None,
    output_format: FormatOption = ModelsFormat.text,
) -> None:
    """List the packages of the Argos package index, and which are installed (needs the network)."""
    from confl10n.translate.argos.index import fetch_index
    from confl10n.translate.argos.packages import installed_packages
    from confl10n.translate.argos.packages import models_dir as resolve

    entries = fetch_index(url=index)
    installed = {p.pair: p.package_version for p in installed_packages(resolve(models_dir))[0]}
    rows = [_entry_row(entry, installed.get(entry.pair)) for entry in entries]
    if output_format is ModelsFormat.json:
        _print_json(rows)
    else:
        _print_table(rows, "the package index lists no translation packages")


@command.command("download")
def download(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Source language code.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Target language code.")],
    models_dir: ModelsDir = None,
    index: IndexUrl = None,
) -> None:
    """Download a package from the Argos index, check it and install it (needs the network)."""
    from confl10n.translate.argos.index import download_and_install

    bar = download_progress()
    try:
        info = download_and_install(
            source,
            target,
            models_dir=models_dir,
            url=index,
            progress=bar,
            on_replace=_say_replaced,
        )
    finally:
        if bar:
            bar.finish()
    say(f"installed {_pair(info)} {info.package_version} in {info.path}")


def _say_replaced(old: PackageInfo) -> None:
    say(f"replaced {_pair(old)} {old.package_version} in {old.path}")


def _pair(info: PackageInfo | IndexEntry) -> str:
    return f"{info.from_code}-{info.to_code}"


def _package_row(info: PackageInfo, size: int) -> dict[str, object]:
    return {
        "pair": _pair(info),
        "version": info.package_version,
        "size": size,
        "path": str(info.path),
    }


def _entry_row(entry: IndexEntry, installed: str | None) -> dict[str, object]:
    return {
        "pair": _pair(entry),
        "version": entry.package_version,
        "installed": installed,
        "languages": f"{entry.from_name} -> {entry.to_name}",
    }


def _print_table(rows: list[dict[str, object]], empty: str) -> None:
    if not rows:
        say(empty)
        return
    cells = [[_cell(key, value) for key, value in row.items()] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))]
    for line in cells:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())


def _cell(key: str, value: object) -> str:
    if key == "size" and isinstance(value, int):
        return human_size(value)
    if key == "installed":
        return escape_terminal(f"installed {value}") if value else "-"
    return escape_terminal(str(value))


def _print_json(document: object) -> None:
    """JSON with control and bidi characters inside strings escaped as ``\\uXXXX``."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # json.dumps escapes C0 controls itself, so the only raw newlines are its own.
    typer.echo("\n".join(escape_terminal(line) for line in text.split("\n")))
