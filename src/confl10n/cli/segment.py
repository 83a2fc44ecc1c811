"""``confl10n segment``: show an article's sections, paragraphs and sentences with their IDs."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.cli import options as opt
from confl10n.cli.app import command_app, load_article, show

if TYPE_CHECKING:
    from confl10n.document import Article


class SegmentFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"  # the input is HTML; output as the default


command = command_app()
"""This module's command, loaded by the CLI on first use."""


@command.command()
def segment(
    file: opt.ArticleFile,
    input_format: opt.InputFormat = None,
    output_format: Annotated[SegmentFormat, typer.Option("--format")] = SegmentFormat.text,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the article.")] = None,
    keep_boilerplate: opt.KeepBoilerplate = False,
    max_input_size: opt.MaxInputSize = opt.DEFAULT_MAX_INPUT_SIZE,
) -> None:
    """Print the article's structure with stable IDs."""
    article = load_article(
        file,
        lang=lang,
        keep_boilerplate=keep_boilerplate,
        input_format=opt.input_format_for(input_format, output_format),
        max_bytes=opt.input_size(max_input_size),
    )
    if output_format is SegmentFormat.json:
        show(json.dumps(_as_json(article), ensure_ascii=False, indent=2))
    else:
        show("\n".join(_as_lines(article)))


def _as_json(article: Article) -> dict[str, object]:
    data = asdict(article)
    data["published"] = article.published.isoformat() if article.published else None
    del data["text"]
    return data


def _as_lines(article: Article) -> list[str]:
    lines = [f"title  {article.title.text}"] if article.title else []
    for section in article.sections:
        heading = section.heading.text if section.heading else "(untitled)"
        lines.append(f"{section.id}  {heading}")
        for paragraph in section.paragraphs:
            flags = f" [{paragraph.kind}]" if paragraph.kind != "text" else ""
            flags += " [truncated]" if paragraph.truncated else ""
            lines.append(f"  {paragraph.id}{flags}")
            lines += [f"    {s.id}  {s.text}" for s in paragraph.sentences]
    return lines
