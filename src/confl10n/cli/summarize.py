"""``confl10n summarize``: extractive summaries per section, or of the whole article."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app, load_article, show, warn
from confl10n.summarize import ALGORITHMS, ArticleSummary, ScoredSentence, TextSummary


class SummaryFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"  # the input is HTML; output as the default


command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def summarize(
    file: opt.ArticleFile,
    input_format: opt.InputFormat = None,
    sentences: Annotated[
        int | None, typer.Option("--sentences", "-n", help="Sentences per section.")
    ] = None,
    ratio: Annotated[
        float | None, typer.Option("--ratio", help="Share of each section to keep, in (0, 1].")
    ] = None,
    algorithm: Annotated[
        str, typer.Option("--algorithm", "-a", help=f"One of: {', '.join(ALGORITHMS)}.")
    ] = "lexrank",
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the article.")] = None,
    whole: Annotated[
        bool, typer.Option("--whole", help="Summarize the article as one text, not by section.")
    ] = False,
    output_format: Annotated[SummaryFormat, typer.Option("--format")] = SummaryFormat.text,
    lede: Annotated[
        str, typer.Option("--lede", help="lead (the opening sentences) or central.")
    ] = "lead",
    keep_boilerplate: opt.KeepBoilerplate = False,
    max_input_size: opt.MaxInputSize = opt.DEFAULT_MAX_INPUT_SIZE,
) -> None:
    """Print the most central sentences of each section (and a lede), with their IDs."""
    import warnings

    from confl10n.summarize import SummaryOptions, summarize_sections, summarize_text
    from confl10n.summarize.options import language

    asked = SummaryOptions(
        algorithm=algorithm, sentences=sentences, ratio=ratio, lang=lang, lede_mode=lede
    ).checked()  # a bad option fails before the article is read
    if lang is not None:
        language(lang)  # one summaries lack: the list of those they have, before the spelling
    article = load_article(
        file,
        lang=lang,
        keep_boilerplate=keep_boilerplate,
        input_format=opt.input_format_for(input_format, output_format),
        max_bytes=opt.input_size(max_input_size),
    )
    # sumy warns (e.g. LSA on a section with fewer words than sentences): report, don't dump,
    # and at once: the window warning comes before the long rating it announces.
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = _warn_once(set())
        summary: ArticleSummary | TextSummary
        summarizer = summarize_text if whole else summarize_sections
        summary = summarizer(article, asked)
    show(_render(summary, output_format))


def _warn_once(seen: set[str]) -> Callable[..., None]:
    """A ``warnings.showwarning`` printing each distinct message once, as it comes."""

    def show_warning(message: Warning | str, *_: object, **__: object) -> None:
        if str(message) not in seen:
            seen.add(str(message))
            warn(str(message))

    return show_warning


def _render(summary: ArticleSummary | TextSummary, output_format: SummaryFormat) -> str:
    """The summary as text (with IDs), Markdown or JSON."""
    if output_format is SummaryFormat.json:
        return json.dumps(asdict(summary), ensure_ascii=False, indent=2)
    if output_format is SummaryFormat.md:
        return "\n".join(_markdown(summary)).strip()
    return "\n".join(_lines(summary))


def _lines(summary: ArticleSummary | TextSummary) -> list[str]:
    """Plain text: each part's label and size, then one ``ID  sentence`` line each."""
    if isinstance(summary, TextSummary):
        head = f"whole article [{len(summary.sentences)} of {summary.size}]"
        return [head, *_ids(summary.sentences)]
    lines = ["lede", *_ids(summary.lede)] if summary.lede else []
    for section in summary.sections:
        label = section.heading or "(untitled)"
        lines += [f"{section.id}  {label} [{len(section.sentences)} of {section.size}]"]
        lines += _ids(section.sentences)
    return lines


def _ids(sentences: tuple[ScoredSentence, ...]) -> list[str]:
    """One indented ``ID  sentence`` line each."""
    return [f"  {s.id}  {s.text}" for s in sentences]


def _markdown(summary: ArticleSummary | TextSummary) -> list[str]:
    """Markdown: the title, the lede in bold, then each heading with its summary."""
    lines = [f"# {summary.title}", ""] if summary.title else []
    if isinstance(summary, TextSummary):
        return [*lines, _joined(summary.sentences)]
    if summary.lede:
        lines += [f"**{_joined(summary.lede)}**", ""]
    for section in summary.sections:
        lines += [f"## {section.heading}", ""] if section.heading else []
        lines += [_joined(section.sentences), ""]
    return lines


def _joined(sentences: tuple[ScoredSentence, ...]) -> str:
    """The sentences as one paragraph."""
    return " ".join(s.text for s in sentences)
