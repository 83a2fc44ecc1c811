"""``confl10n translate``: an article in, its translation(s) out, offline."""

from __future__ import annotations

import sys
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli.app import app, load_article, warn
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.translate.results import ArticleTranslation

LANG_FIELD = "{lang}"


class TranslateFormat(StrEnum):
    """Output formats of ``translate``."""

    text = "text"
    md = "md"
    json = "json"


@app.command()
def translate(
    file: Annotated[str, typer.Argument(help="Article file (.txt or .md), or - for stdin.")],
    to: Annotated[list[str], typer.Option("--to", help="Target language; repeat for several.")],
    source: Annotated[
        str | None, typer.Option("--from", help="Source language (default: the article's).")
    ] = None,
    output_format: Annotated[TranslateFormat, typer.Option("--format")] = TranslateFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Write here (atomically) instead of stdout; {lang} in the name: one file each.",
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="auto (Argos, else Apertium), argos or apertium.")
    ] = "auto",
    models_dir: Annotated[
        str | None, typer.Option("--models-dir", help="Argos packages folder.")
    ] = None,
    device: Annotated[str, typer.Option("--device", help="cpu, cuda or auto.")] = "cpu",
    threads: Annotated[
        int, typer.Option("--threads", help="CPU threads; 0 lets CTranslate2 choose.")
    ] = 0,
    compute_type: Annotated[
        str, typer.Option("--compute-type", help="default, int8, float32, … (CTranslate2).")
    ] = "default",
    beam_size: Annotated[int, typer.Option("--beam-size", help="Beam width.")] = 4,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Translation cache file (SQLite).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Use no cache at all.")] = False,
) -> None:
    """Translate every title, heading and sentence, keeping structure and IDs."""
    from confl10n.translate.pipeline import translate_article

    cache_choice = _cache_choice(cache, no_cache)
    targets = list(dict.fromkeys(to))
    _check_output(output, targets)
    run = partial(
        translate_article,
        load_article(file, lang=source),
        engine=engine,
        models_dir=models_dir,
        cache=cache_choice,
        device=device,
        threads=threads,
        compute_type=compute_type,
        beam_size=beam_size,
    )
    results = [run(to=target, progress=_progress()) for target in targets]
    _emit(results, output_format, output)


def _cache_choice(cache: Path | None, no_cache: bool) -> Path | bool:
    if cache is not None and no_cache:
        raise InvalidOptionError("--cache and --no-cache exclude each other")
    return cache if cache is not None else not no_cache


def _check_output(output: Path | None, targets: list[str]) -> None:
    """Fail before translating if the output cannot be written."""
    from confl10n.atomic import check_writable

    if output is not None:
        for path in {_output_path(output, target) for target in targets}:
            check_writable(path)


def _output_path(output: Path, target: str) -> Path:
    return output.with_name(output.name.replace(LANG_FIELD, target))


def _emit(results: list[ArticleTranslation], fmt: TranslateFormat, output: Path | None) -> None:
    """Render, then print or write: one file, or one per language with ``{lang}``."""
    from confl10n.atomic import write_text_atomic

    if output is None:
        typer.echo(_render(results, fmt), nl=False)
    elif LANG_FIELD in output.name:
        rendered = [(r.target, _render([r], fmt)) for r in results]
        for target, text in rendered:
            write_text_atomic(_output_path(output, target), text)
    else:
        write_text_atomic(output, _render(results, fmt))
    for unit in (u for r in results for u in r.flagged):
        warn(f"{unit.id}: {', '.join(unit.flags)}")


def _render(results: list[ArticleTranslation], fmt: TranslateFormat) -> str:
    from confl10n.translate.render import render_json, render_markdown, render_text

    renderers = {
        TranslateFormat.text: render_text,
        TranslateFormat.md: render_markdown,
        TranslateFormat.json: render_json,
    }
    return renderers[fmt](results)


def _progress() -> _Progress | None:
    # Progress is for people watching a terminal, never for logs or pipes.
    return _Progress() if sys.stderr.isatty() else None


class _Progress:
    """``translating en->zh: 32/79 sentences`` on one stderr line (terminals only)."""

    def __call__(self, label: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        typer.echo(f"\rtranslating {label}: {done}/{total} sentences{end}", nl=False, err=True)
