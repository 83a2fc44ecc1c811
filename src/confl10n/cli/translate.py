"""``confl10n translate``: an article in, its translation(s) out, offline."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app, load_article, say, show, warn
from confl10n.cli.progress import sentence_progress
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.figures.qa import Finding
    from confl10n.localize.target import LocaleTarget
    from confl10n.translate.results import ArticleTranslation

LANG_FIELD = "{lang}"
SAME_FORMAT_SUFFIXES = (".html", ".htm", ".docx")
_PAGES = "page.{lang}.html"
"""An --output with one of these suffixes is the article's own file translated."""


class TranslateFormat(StrEnum):
    """Output formats of ``translate``."""

    text = "text"
    md = "md"
    json = "json"
    html = "html"  # HTML in, the translated page out


command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def translate(
    file: opt.ArticleFile,
    to: Annotated[
        list[str],
        typer.Option(
            "--to",
            help="Target language or locale (es, es_ES, zh-Hant, pt-BR, …); repeat for several.",
        ),
    ],
    input_format: opt.InputFormat = None,
    source: Annotated[
        str | None, typer.Option("--from", help="Source language (default: the article's).")
    ] = None,
    asked_format: Annotated[
        TranslateFormat | None,
        typer.Option(
            "--format", help="text, md, json or html (default: --output's suffix, else text)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Write here (atomically) instead of stdout; {lang} in the name: one file each.",
        ),
    ] = None,
    engine: opt.Engine = None,
    models_dir: opt.ModelsDir = None,
    device: opt.Device = "cpu",
    threads: opt.Threads = 0,
    compute_type: opt.ComputeType = "default",
    beam_size: opt.BeamSize = 4,
    style_dir: opt.StyleDir = None,
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
    locales: Annotated[
        list[str] | None,
        typer.Option(
            "--locale",
            help="Write figures for a --to language in this locale, e.g. zh_TW for zh "
            "(default: the language's usual locale, zh_CN).",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Print each numeric QA finding, not only counts.")
    ] = False,
    no_protect_numbers: opt.NoProtectNumbers = False,
    keep_boilerplate: opt.KeepBoilerplate = False,
    max_input_size: opt.MaxInputSize = opt.DEFAULT_MAX_INPUT_SIZE,
) -> None:
    """Translate every title, heading and sentence, keeping structure and IDs.

    Figures are kept from the engine and written in each locale's style; a
    numeric QA summary per language goes to stderr (each finding with --verbose).
    """
    from confl10n.translate.article import translate_article
    from confl10n.translate.engines import Engines

    options = opt.translate_options(
        engine=engine,
        models_dir=models_dir,
        device=device,
        threads=threads,
        compute_type=compute_type,
        beam_size=beam_size,
        style_dir=style_dir,
        no_protect_numbers=no_protect_numbers,
    )
    stored = opt.cache_choice(cache, no_cache)
    output_format = asked_format or _format_of(output)
    targets = _targets(to, locales or [], style_dir)
    _check_output(output, [t.tag for t in targets], output_format)
    article = load_article(
        file,
        lang=source,
        keep_boilerplate=keep_boilerplate,
        input_format=opt.input_format_for(input_format, asked_format or ""),
        max_bytes=opt.input_size(max_input_size),
    )
    if output is not None and output.suffix.lower() in SAME_FORMAT_SUFFIXES:
        _check_file_format(output, article.source_format)
    engines = Engines(options.settings)  # one per run: models load once for all --to
    run = partial(translate_article, article, options=options, engines=engines, cache=stored)
    results = [run(to=t, progress=sentence_progress()) for t in targets]
    if output_format is TranslateFormat.html and output is None:
        _show_page(results)
    elif output is not None and output.suffix.lower() in SAME_FORMAT_SUFFIXES:
        _write_files(results, output, file)
    else:
        _emit(list(zip([t.tag for t in targets], results, strict=True)), output_format, output)
    _report(results, verbose=verbose)


def _targets(to: list[str], locales: list[str], style_dir: Path | None) -> list[LocaleTarget]:
    """Each --to resolved once (repeats dropped); a --locale replaces the figures' locale of
    the --to targets of its language, and must fit one."""
    from confl10n.localize.target import locale_target

    asked = {t.tag: t for t in (locale_target(typed, style_dir=style_dir) for typed in to)}
    for locale in locales:
        language = locale_target(locale).locale.split("_")[0]
        fits = [tag for tag, t in asked.items() if t.locale.split("_")[0] == language]
        if not fits:
            raise InvalidOptionError(f"--locale {locale} is for none of the --to languages")
        for tag in fits:
            asked[tag] = locale_target(tag, locale=locale, style_dir=style_dir)
    return list(asked.values())


_SUFFIX_FORMATS = {".md": TranslateFormat.md, ".markdown": TranslateFormat.md}
_SUFFIX_FORMATS |= {".json": TranslateFormat.json, ".html": TranslateFormat.html}
_SUFFIX_FORMATS |= {".htm": TranslateFormat.html}


def _format_of(output: Path | None) -> TranslateFormat:
    """The format an ``--output`` file's suffix names (``.md``: Markdown); text otherwise."""
    suffix = output.suffix.lower() if output is not None else ""
    return _SUFFIX_FORMATS.get(suffix, TranslateFormat.text)


def _check_file_format(output: Path, source_format: str) -> None:
    """Fail before translating when ``output`` cannot be written from this input."""
    from confl10n.building.files import check_file_format

    check_file_format(output.suffix, source_format)


def _show_page(results: list[ArticleTranslation]) -> None:
    """The translated HTML page on standard output (``--format html``)."""
    from confl10n.building.files import translated_file

    show(translated_file(results[0], b"", suffix=".html").decode("utf-8"), nl=False)


def _check_output(output: Path | None, targets: list[str], output_format: str) -> None:
    """Fail before translating if the output cannot be written."""
    from confl10n._fs import check_writable

    if output_format == opt.HTML_FORMAT:
        if output is None and len(targets) > 1:
            raise InvalidOptionError(f"--format html prints one page; use --output {_PAGES}")
        if output is not None and output.suffix.lower() not in (".html", ".htm"):
            raise InvalidOptionError(f"--format html writes HTML pages: --output {_PAGES}")
    if output is not None:
        same_format = output.suffix.lower() in SAME_FORMAT_SUFFIXES
        if same_format and len(targets) > 1 and LANG_FIELD not in output.name:
            raise InvalidOptionError(f"--output {output.name}: name it with {LANG_FIELD}")
        for path in {_output_path(output, target) for target in targets}:
            check_writable(path)


def _output_path(output: Path, target: str) -> Path:
    return output.with_name(output.name.replace(LANG_FIELD, target))


def _emit(
    results: list[tuple[str, ArticleTranslation]], fmt: TranslateFormat, output: Path | None
) -> None:
    """Render, then print or write: one file, or one per target (its tag) with ``{lang}``."""
    from confl10n._fs import write_text_atomic

    translations = [result for _, result in results]
    if output is None:
        show(_render(translations, fmt), nl=False)
    elif LANG_FIELD in output.name:
        rendered = [(tag, _render([r], fmt)) for tag, r in results]
        for tag, text in rendered:
            write_text_atomic(_output_path(output, tag), text)
    else:
        write_text_atomic(output, _render(translations, fmt))


def _write_files(results: list[ArticleTranslation], output: Path, file: str) -> None:
    """Each translation as a file in the format the article came in (HTML, Word)."""
    from confl10n._fs import write_bytes_atomic
    from confl10n.building.files import translated_file

    if file == "-" and output.suffix.lower() == ".docx":
        raise InvalidOptionError("a .docx --output needs the .docx file, not stdin")
    data = b"" if file == "-" else Path(file).read_bytes()
    written = [
        (
            _output_path(output, r.target),
            translated_file(r, data, suffix=output.suffix),
        )
        for r in results
    ]
    for path, content in written:
        write_bytes_atomic(path, content)


def _report(results: list[ArticleTranslation], *, verbose: bool = False) -> None:
    """Per language: flagged units, a one-line numeric QA summary, then (verbose) each finding."""
    for result in results:
        for unit in result.flagged:
            warn(f"{result.target} {unit.id}: {', '.join(unit.flags)}")
        say(f"confl10n: {_qa_summary(result)}", err=True)
        for finding in result.findings if verbose else ():
            warn(f"{result.target} {_finding_line(finding)}")


def _qa_summary(result: ArticleTranslation) -> str:
    from confl10n.figures.wrapper import UNPROTECTED

    count, units = len(result.findings), len(result.units)
    found = f"{count} numeric finding{'s' * (count != 1)}" if count else "no numeric findings"
    kinds = Counter(f.problem.replace("_", " ") for f in result.findings)
    detail = f" ({', '.join(f'{n} {k}' for k, n in kinds.most_common())})" if kinds else ""
    line = f"qa {result.target} ({result.locale}): {found}{detail} in {units} units"
    unprotected = sum(UNPROTECTED in u.flags for u in result.units)
    return line + (f", {unprotected} translated without number protection" if unprotected else "")


def _finding_line(finding: Finding) -> str:
    """ "s2.p1.t1: wrong scale: '380 billion yuan' -> '380亿'; expected '3800亿元'" (the
    figures only, never the whole sentence)."""
    expected = f"; expected '{finding.expected}'" if finding.expected else ""
    return f"{finding.sentence_id}: {finding.message}{expected}"


def _render(results: list[ArticleTranslation], fmt: TranslateFormat) -> str:
    from confl10n.translate.render import render_json, render_markdown, render_text

    renderers = {
        TranslateFormat.text: render_text,
        TranslateFormat.md: render_markdown,
        TranslateFormat.json: render_json,
    }
    return renderers[fmt](results)
