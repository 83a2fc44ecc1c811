"""``confl10n translate``: an article in, its translation(s) out, offline."""

from __future__ import annotations

import sys
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli.app import app, load_article, say, warn
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.figures.qa import Finding
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
    locales: Annotated[
        list[str] | None,
        typer.Option(
            "--locale",
            help="Write figures for a --to language in this locale, e.g. zh_TW for zh "
            "(default: the language's usual locale, zh_CN).",
        ),
    ] = None,
    no_protect_numbers: Annotated[
        bool,
        typer.Option(
            "--no-protect-numbers", help="Let the engine translate figures (QA still checks)."
        ),
    ] = False,
) -> None:
    """Translate every title, heading and sentence, keeping structure and IDs.

    Figures are kept from the engine and written in each locale's style; a
    numeric QA summary per language and each finding go to stderr.
    """
    from confl10n.translate.pipeline import language_code, translate_article

    cache_choice = _cache_choice(cache, no_cache)
    targets = list(dict.fromkeys(language_code(t) for t in to))
    chosen = _locales(targets, locales or [])
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
        quantities=not no_protect_numbers,
    )
    results = [run(to=t, locale=chosen[t], progress=_progress()) for t in targets]
    _emit(results, output_format, output)
    _report(results)


def _cache_choice(cache: Path | None, no_cache: bool) -> Path | bool:
    if cache is not None and no_cache:
        raise InvalidOptionError("--cache and --no-cache exclude each other")
    return cache if cache is not None else not no_cache


def _locales(targets: list[str], locales: list[str]) -> dict[str, str | None]:
    """Each target language's --locale (None: its usual one); a --locale must fit a --to."""
    from confl10n.figures.wrapper import target_locale
    from confl10n.localize.formatting import cldr_locale

    languages = {t: cldr_locale(target_locale(t)).language for t in targets}
    chosen: dict[str, str | None] = dict.fromkeys(targets)
    for locale in locales:
        fits = [t for t, language in languages.items() if cldr_locale(locale).language == language]
        if not fits:
            raise InvalidOptionError(f"--locale {locale} is for none of the --to languages")
        chosen.update(dict.fromkeys(fits, locale))
    return chosen


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


def _report(results: list[ArticleTranslation]) -> None:
    """Per language: flagged units, a one-line numeric QA summary, then each finding."""
    for result in results:
        for unit in result.flagged:
            warn(f"{result.target} {unit.id}: {', '.join(unit.flags)}")
        say(f"confl10n: {_qa_summary(result)}", err=True)
        for finding in result.findings:
            warn(f"{result.target} {_finding_line(finding)}")


def _qa_summary(result: ArticleTranslation) -> str:
    from confl10n.figures.wrapper import UNPROTECTED

    count, units = len(result.findings), len(result.units)
    found = f"{count} numeric finding{'s' * (count != 1)}" if count else "no numeric findings"
    line = f"qa {result.target} ({result.locale}): {found} in {units} units"
    unprotected = sum(UNPROTECTED in u.flags for u in result.units)
    return line + (f", {unprotected} translated without number protection" if unprotected else "")


def _finding_line(finding: Finding) -> str:
    """ "s2.p1.t1 (source 45-61): wrong scale: '380 billion yuan' -> '380亿'; expected …" """
    where = f" (source {finding.start}-{finding.end})" if finding.start >= 0 else ""
    target = f": {finding.target!r}" if finding.problem == "missing" else ""
    expected = f"; expected '{finding.expected}'" if finding.expected else ""
    return f"{finding.sentence_id}{where}: {finding.message}{target}{expected}"


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
