"""Read an article (plain text, Markdown, HTML or a Word document) into the document model.

``bytes -> text`` (decoding), ``text -> blocks`` (blocks), ``blocks ->
Article`` (here): front matter, title, sections, paragraphs and sentences with
IDs and source spans; trailing boilerplate dropped; a truncated ending kept
but flagged. HTML is cut into blocks by :mod:`confl10n.text.html` (spans index
the HTML); a ``.docx`` is read as the Markdown :mod:`confl10n.text.docx` writes
for it (spans index that text).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from confl10n._fs import unreadable
from confl10n.document import Article, Inline, Paragraph, Section, Sentence
from confl10n.errors import InputError, InvalidOptionError
from confl10n.text.blocks import Block, plain_blocks
from confl10n.text.boilerplate import dropped_words, is_label, trailing_boilerplate
from confl10n.text.datelines import wire_blocks
from confl10n.text.decoding import decode
from confl10n.text.docx import docx_markdown
from confl10n.text.html import MAX_PAGE_BYTES, html_blocks, looks_like_html
from confl10n.text.inline import VERBATIM
from confl10n.text.markdown import markdown_blocks
from confl10n.text.segmentation import split_sentences

DEFAULT_MAX_INPUT = 5 * 2**20
"""Largest article read by default, in bytes (``--max-input-size``): a bigger one is
refused at once instead of taking minutes to build (``bench/segment.py`` measures the
cost per MB)."""
_FRONT_MATTER = re.compile(r"---[ \t]*\n((?:[^\n]*\n){0,50}?)---[ \t]*(?:\n|$)")
# What only Markdown writes: ATX or setext headings, fences, table rules (line by line),
# links and strong emphasis (inline, looked for only where "](" or "**" occurs).
# Bullet, numbered and "> " lines alone are plain text too.
_MARKDOWN_LINE = re.compile(
    r"^ {0,3}(?:#{1,6}[ \t]\S|```|~~~|\|?[ \t]*:?-{3,}:?[ \t]*\|)|(?<=\S\n) {0,3}(?:=+|-+)[ \t]*$",
    re.M,
)
_MARKDOWN_INLINE = (("](", re.compile(r"\]\([^)\s]*\)")), ("**", re.compile(r"\*\*\S")))
_PLAIN_SUFFIXES = (".txt", ".text")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_FORMAT_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}
INPUT_FORMATS = ("text", "markdown", "html", "docx")
"""The input formats an article is read from (``input_format``); None detects it."""
_ENDINGS = tuple('.!?…。！？‼⁇⁈⁉．｡؟۔।"”’»«›‹“」』)')  # with Arabic ؟ ۔, Devanagari ।
# Footnote marks after a sentence's end ("… by 5%.[1]", "… by 5%.¹"): not part of its text.
_FOOTNOTE_MARKS = re.compile(r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)+$")
_OPEN_CLOSE = (("「", "」"), ("『", "』"), ("(", ")"))
_GUILLEMETS = (("«", "»"), ("‹", "›"))  # French order; German and Danish write »…« and ›…‹
# A German opening guillemet: the first one in the text, » or ›, set right before its word.
_GERMAN_OPENING = re.compile(r"^[^«»‹›]*[»›](?=\S)")
_ITEM_KINDS = ("list_item", "table_cell")
VERBATIM_BLOCKS = ("code", "html")
"""Paragraph kinds kept as their source (``literal``), with no sentences: code, raw HTML."""


def read_article(
    path: Path,
    *,
    lang: str | None = None,
    markdown: bool | None = None,
    input_format: str | None = None,
    keep_boilerplate: bool = False,
    max_bytes: int = DEFAULT_MAX_INPUT,
) -> Article:
    """Read the article at ``path``.

    ``input_format`` (one of :data:`INPUT_FORMATS`) defaults to the suffix's:
    ``.html``/``.htm`` HTML, ``.docx`` a Word document, ``.md``/``.markdown``
    Markdown, ``.txt`` plain text (even with bullet lines), else the content's;
    ``keep_boilerplate`` as in :func:`parse_text`.


    Raises :class:`~confl10n.errors.InputError` when the file cannot be read or decoded,
    is larger than ``max_bytes``, or has no body text.
    """
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not an article file")
    try:
        with path.open("rb") as stream:
            data = read_bounded(stream, max_bytes=max_bytes, source_name=name)
    except OSError as exc:
        raise InputError(unreadable(name, exc)) from exc
    suffix = path.suffix.lower()
    input_format = input_format or _FORMAT_SUFFIXES.get(suffix)
    if markdown is None and suffix in (*_MARKDOWN_SUFFIXES, *_PLAIN_SUFFIXES):
        markdown = suffix in _MARKDOWN_SUFFIXES
    return parse_bytes(
        data,
        lang=lang,
        source_name=name,
        markdown=markdown,
        input_format=input_format,
        keep_boilerplate=keep_boilerplate,
    )


def read_bounded(stream: BinaryIO, *, max_bytes: int, source_name: str) -> bytes:
    """All of ``stream`` (a file, a pipe), reading no more than ``max_bytes`` + 1 bytes.

    Raises :class:`~confl10n.errors.InputError` when there is more than ``max_bytes``.
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{source_name}: larger than the input limit of {size_text(max_bytes)};"
            " split the article, or raise the limit with --max-input-size"
        )
    return data


def size_text(count: int) -> str:
    """A limit in bytes as people write it: ``5 MiB``, ``1 KiB``, ``3,000 bytes``."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if count >= scale and count % scale == 0:
            return f"{count // scale} {unit}"
    return f"{count:,} bytes"


def parse_bytes(
    data: bytes,
    *,
    lang: str | None = None,
    source_name: str = "<bytes>",
    markdown: bool | None = None,
    input_format: str | None = None,
    keep_boilerplate: bool = False,
) -> Article:
    """Decode ``data`` and parse it; see :func:`parse_text`.

    ``input_format="docx"`` (or a zip archive's bytes with ``None``) reads a Word
    document; ``"html"`` a page of at most :data:`~confl10n.text.html.MAX_PAGE_BYTES`.

    Raises :class:`~confl10n.errors.InputError` when ``data`` cannot be decoded, is
    a bad or too large document, or has no body text.
    """
    input_format = _check_format(input_format, markdown)
    if input_format == "docx" or (input_format is None and data.startswith(b"PK\x03\x04")):
        text = docx_markdown(data, source_name=source_name)
        article = parse_text(
            text, lang=lang, source_name=source_name, input_format="markdown",
            keep_boilerplate=keep_boilerplate,
        )  # fmt: skip
        return replace(article, source_format="docx")
    if input_format == "html" and len(data) > MAX_PAGE_BYTES:
        limit = MAX_PAGE_BYTES // 2**20
        raise InputError(f"{source_name}: larger than {limit} MiB, too large for an HTML page")
    text, warnings = decode(data, source_name=source_name)
    return parse_text(
        text,
        lang=lang,
        source_name=source_name,
        input_format=input_format,
        warnings=warnings,
        keep_boilerplate=keep_boilerplate,
    )


def _check_format(input_format: str | None, markdown: bool | None) -> str | None:
    """``input_format`` checked, or what ``markdown`` says."""
    if input_format is not None and input_format not in INPUT_FORMATS:
        known = ", ".join(INPUT_FORMATS)
        raise InvalidOptionError(f"unknown input format {input_format!r}; use one of {known}")
    if input_format is None and markdown is not None:
        return "markdown" if markdown else "text"
    return input_format


def parse_text(
    text: str,
    *,
    lang: str | None = None,
    source_name: str = "<string>",
    markdown: bool | None = None,
    warnings: list[str] | None = None,
    input_format: str | None = None,
    keep_boilerplate: bool = False,
) -> Article:
    """Parse article ``text`` into an :class:`Article`.

    ``lang`` defaults to the front matter's ``lang`` and then to English;
    ``input_format`` is ``text``, ``markdown`` or ``html`` (``markdown`` says the
    same as ``True``/``False``); ``None`` detects the format from the content: HTML
    when it opens with a page's or a block element's tag
    (:func:`~confl10n.text.html.looks_like_html`), Markdown when it has something only
    Markdown writes (a ``#`` heading, a setext underline, a fence, a ``[link](target)``,
    a table rule, ``**strong**``), else plain text.
    HTML: a whole page gives its article (see :mod:`confl10n.text.html`), a fragment
    all of it; an ``<h1>`` first is the title.
    Trailing site furniture (:mod:`confl10n.text.boilerplate`) is dropped with a
    warning unless ``keep_boilerplate``.

    Raises :class:`~confl10n.errors.InputError` when ``text`` has no body text (an HTML
    page: no article text).
    """
    input_format = _check_format(input_format, markdown)
    if input_format is None and looks_like_html(text):
        input_format = "html"
    meta, body_start = _front_matter(text) if input_format != "html" else ({}, 0)
    lang = lang or meta.get("lang") or "en"
    markdown = input_format != "text" and (
        input_format is not None or looks_like_markdown(text, body_start)
    )
    if input_format == "html":
        blocks = html_blocks(text, source_name=source_name)
    else:
        blocks = (markdown_blocks if markdown else plain_blocks)(text, body_start)
    notes = list(warnings or [])
    if not keep_boilerplate:
        blocks = _drop_boilerplate(blocks, text, notes, source_name)
    blocks = wire_blocks(blocks, text)
    builder = _Builder(text, lang)
    article = builder.build(blocks, markdown=markdown)
    _check_body(article, source_name)
    notes.extend(f"{source_name}: {note}" for note in builder.notes)
    return Article(
        title=article.title,
        sections=article.sections,
        text=text,
        lang=lang,
        source_name=source_name,
        published=_published(meta, source_name, notes),
        warnings=tuple(notes),
        source_format=input_format or ("markdown" if markdown else "text"),
    )


def looks_like_markdown(text: str, start: int = 0) -> bool:
    """True if ``text[start:]`` has markup only Markdown writes (see :func:`parse_text`)."""
    if any(mark in text and pattern.search(text, start) for mark, pattern in _MARKDOWN_INLINE):
        return True
    return _MARKDOWN_LINE.search(text, start) is not None


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """``key: value`` pairs of a leading ``---`` block, and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, 0
    pairs = (line.partition(":") for line in match.group(1).splitlines())
    meta = {key.strip().lower(): value.strip().strip("\"'") for key, sep, value in pairs if sep}
    return meta, match.end()


def _published(meta: dict[str, str], source_name: str, notes: list[str]) -> dt.date | None:
    if "date" not in meta:
        return None
    try:
        return dt.date.fromisoformat(meta["date"][:10])
    except ValueError:
        notes.append(f"{source_name}: front matter date {meta['date']!r} is not YYYY-MM-DD")
        return None


def _drop_boilerplate(
    blocks: list[Block], text: str, notes: list[str], source_name: str
) -> list[Block]:
    """``blocks`` without ad labels and their trailing site furniture, with a warning
    saying what went."""
    start = trailing_boilerplate(blocks)
    if start is not None:
        first = blocks[start]
        line = text.count("\n", 0, first.span[0]) + 1
        words = dropped_words(blocks[start:])
        notes.append(
            f"{source_name}: dropped {words} word{'' if words == 1 else 's'} of trailing"
            f" boilerplate from line {line} ({first.text()!r}) on; --keep-boilerplate keeps them"
        )
        blocks = blocks[:start]
    return _drop_labels(blocks, notes, source_name)


def _drop_labels(blocks: list[Block], notes: list[str], source_name: str) -> list[Block]:
    """``blocks`` without ad labels' lines, with a warning when there were some."""
    labels = [block for block in blocks if is_label(block)]
    if labels:
        notes.append(
            f"{source_name}: dropped {len(labels)} ad label line(s) such as"
            f" {labels[0].text()!r}; --keep-boilerplate keeps them"
        )
    return [block for block in blocks if not is_label(block)]


def _check_body(article: Article, source_name: str) -> None:
    if not article.sentences:
        if article.sections or article.title:
            raise InputError(f"{source_name}: the article has only headings, no body text")
        raise InputError(f"{source_name}: the article is empty")


def is_truncated(text: str) -> bool:
    """True if ``text`` stops mid-sentence or inside an open quotation.

    Footnote marks after the last punctuation (``[1]``, ``¹``) do not count. Curly quotes
    pair as the text writes them: „…“ and ‚…‘ (German, Czech, …)
    where „ occurs, else “…” and ‘…’; guillemets »…« and ›…‹ (German, Danish) where the
    first one opens so, else «…» and ‹…›.
    """
    stripped = _FOOTNOTE_MARKS.sub("", text.rstrip().rstrip("*_")).rstrip("*_")
    if not stripped.endswith(_ENDINGS):
        return True
    pairs = (("„", "“"), ("‚", "‘")) if "„" in stripped else (("“", "”"),)
    return any(
        stripped.count(a) > stripped.count(b)
        for a, b in (*pairs, *_guillemet_pairs(stripped), *_OPEN_CLOSE)
    )


def _guillemet_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Opening and closing guillemets as ``text`` writes them: »…« when its first one is a
    German opening », else «…» (a French » that goes on a quotation stands before a space)."""
    if _GERMAN_OPENING.match(text):
        return tuple((b, a) for a, b in _GUILLEMETS)
    return _GUILLEMETS


class _Builder:
    """Assembles sections, paragraphs and sentences, numbering them as it goes."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.notes: list[str] = []
        self.title: Sentence | None = None
        self.sections: list[Section] = []
        self.heading: Sentence | None = None
        self.heading_level = 2
        self.paragraphs: list[Paragraph] = []

    def build(self, blocks: list[Block], *, markdown: bool) -> Article:
        blocks = self._take_title(blocks, markdown=markdown)
        for block in blocks:
            if block.kind == "heading":
                self._close_section()
                self.heading = self._line(block, f"s{len(self.sections) + 1}.h")
                self.heading_level = block.level
            elif block.kind in VERBATIM_BLOCKS:
                self.paragraphs.append(self._verbatim(block))
            elif (paragraph := self._paragraph(block)).sentences or block.cell is not None:
                self.paragraphs.append(paragraph)
        self._close_section()
        self._flag_truncated_end()
        return Article(title=self.title, sections=tuple(self.sections), text=self.text)

    def _take_title(self, blocks: list[Block], *, markdown: bool) -> list[Block]:
        """Take the title: a leading H1 (Markdown) or a leading one-line block (plain) that
        opens with no dateline."""
        if len(blocks) < 2:
            return blocks
        first = blocks[0]
        if markdown:
            is_title = first.kind == "heading" and first.level == 1
        else:
            is_title = first.kind in ("heading", "text") and first.lines == 1
            is_title = is_title and not any(s.kind == "dateline" for s in first.spans)
        if is_title:
            self.title = self._line(first, "title")
            return blocks[1:]
        return blocks

    def _line(self, block: Block, node_id: str) -> Sentence:
        joined = block.text()
        start = len(joined) - len(joined.lstrip())
        return self._sentence(block, joined, node_id, (start, len(joined.rstrip())))

    def _verbatim(self, block: Block) -> Paragraph:
        """A code or HTML block: its own ID series (``s1.v1``), so prose IDs stay as they were."""
        number = sum(p.kind in VERBATIM_BLOCKS for p in self.paragraphs) + 1
        start, end = block.span
        node_id = f"s{len(self.sections) + 1}.v{number}"
        return Paragraph(node_id, (), start, end, block.kind, literal=block.text())

    def _paragraph(self, block: Block) -> Paragraph:
        section_no = len(self.sections) + 1
        prose = sum(p.kind not in VERBATIM_BLOCKS for p in self.paragraphs)
        node_id = f"s{section_no}.p{prose + 1}"
        joined = block.text()
        spans = _unsplit(split_sentences(joined, lang=self.lang), block.spans)
        sentences = tuple(
            self._sentence(block, joined, f"{node_id}.t{number}", span)
            for number, span in enumerate(spans, 1)
        )
        if block.spans:
            sentences = _with_notes(sentences, spans, block.spans)
        start, end = block.span
        literal = joined.strip() if not sentences else ""
        return Paragraph(
            node_id, sentences, start, end, block.kind,
            marker=block.marker, cell=block.cell, literal=literal,
        )  # fmt: skip

    def _sentence(self, block: Block, joined: str, node_id: str, span: tuple[int, int]) -> Sentence:
        start, end = span
        ((source_start, source_end),) = block.source_spans([span])
        inline = tuple(
            replace(s, start=max(s.start, start) - start, end=min(s.end, end) - start)
            for s in block.spans
            if s.kind != "note" and s.start < end and s.end > start
        )
        return Sentence(node_id, joined[start:end], source_start, source_end, inline)

    def _close_section(self) -> None:
        if self.heading is None and not self.paragraphs:
            return
        number = len(self.sections) + 1
        paragraphs = tuple(self.paragraphs)
        start = self.heading.start if self.heading else paragraphs[0].start
        end = paragraphs[-1].end if paragraphs else self.heading.end  # type: ignore[union-attr]
        self.sections.append(
            Section(f"s{number}", self.heading, paragraphs, start, end, self.heading_level)
        )
        self.heading, self.paragraphs = None, []

    def _flag_truncated_end(self) -> None:
        if not self.sections or not self.sections[-1].paragraphs:
            return
        last_section = self.sections[-1]
        last = last_section.paragraphs[-1]
        if last.kind in (*_ITEM_KINDS, *VERBATIM_BLOCKS) or not is_truncated(last.text):
            return
        paragraphs = (*last_section.paragraphs[:-1], replace(last, truncated=True))
        self.sections[-1] = replace(last_section, paragraphs=paragraphs)
        self.notes.append(f"the last paragraph ({last.id}) ends mid-sentence; kept as it is")


def _unsplit(spans: list[tuple[int, int]], inline: tuple[Inline, ...]) -> list[tuple[int, int]]:
    """``spans`` with each sentence break inside a code span or web address undone."""
    verbatim = [(s.start, s.end) for s in inline if s.kind in VERBATIM]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and any(a < start and merged[-1][1] < b for a, b in verbatim):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _with_notes(
    sentences: tuple[Sentence, ...], spans: list[tuple[int, int]], inline: tuple[Inline, ...]
) -> tuple[Sentence, ...]:
    """Give each footnote mark to the sentence it follows (as a zero-width ``note`` span)."""
    result = list(sentences)
    for note in (s for s in inline if s.kind == "note"):
        index = max([0, *(i for i, (a, _) in enumerate(spans) if a <= note.start)])
        if index >= len(result):
            continue
        a, b = spans[index]
        at = min(max(note.start, a), b) - a
        placed = Inline("note", at, at, note.target, note.label)
        result[index] = replace(result[index], spans=(*result[index].spans, placed))
    return tuple(result)
