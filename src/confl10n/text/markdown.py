"""Markdown -> blocks, with a real CommonMark parser (markdown-it-py) and exact source spans.

Headings, paragraphs, list items (with their markers), block quotes and
table cells become :class:`~confl10n.text.blocks.Block` s of plain text: link
targets, emphasis markers, code backticks, backslash escapes, entities and
inline HTML are not in the text, and :class:`~confl10n.document.Inline` spans
record the links, code and emphasis. Fenced and indented code and HTML blocks
(comments too) are no prose: each gives a ``code`` or ``html`` block holding its
source lines, written back verbatim and never translated. Thematic breaks give
no block.

markdown-it reports block positions as line ranges only; each inline token's
content is located in its source lines here, so every run of plain text keeps
the exact source span it was read from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from confl10n.document import Inline
from confl10n.text.blocks import Block, Run, url_spans

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_EMPHASIS = {"strong_open": "strong", "em_open": "em", "s_open": "strike"}
_CLOSING = {"strong_close", "em_close", "s_close"}
_NOTE_LABEL = re.compile(r"\^?[\w*†‡]{1,4}")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_GFM_NOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")
_GFM_DEFINITION = re.compile(r"\[\^([^\]\s]{1,20})\]:[ \t]*")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser.disable("text_join")  # keep escapes and entities as their own tokens


def markdown_blocks(text: str, start: int = 0) -> list[Block]:
    """The prose blocks of the CommonMark document ``text[start:]``, spans indexing ``text``."""
    walker = _Walker(text, start)
    for token in _parser().parse(text[start:]):
        walker.feed(token)
    return walker.blocks


@dataclass
class _Walker:
    """Follows the token stream: list, quote and table context, then one block per inline."""

    text: str
    start: int
    blocks: list[Block] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # the open items' markers
    item_fresh: bool = False
    quotes: int = 0
    heading: int = 0
    row: int = -1
    column: int = -1
    cell_from: int = 0  # where the next cell of the current table row is looked for
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.line_starts = [self.start]
        newline = self.text.find("\n", self.start)
        while newline >= 0:
            self.line_starts.append(newline + 1)
            newline = self.text.find("\n", newline + 1)

    def feed(self, token: Token) -> None:
        """Follow one block-level token; an ``inline`` one becomes a block."""
        handler = _HANDLERS.get(token.type)
        if handler is not None:
            handler(self, token)

    def _list_item(self, token: Token) -> None:
        self.items.append(f"{token.info}{token.markup} ")
        self.item_fresh = True

    def _list_item_end(self, token: Token) -> None:
        self.items.pop()

    def _heading(self, token: Token) -> None:
        self.heading = int(token.tag[1:])

    def _row(self, token: Token) -> None:
        self.row, self.column = self.row + 1, -1

    def _cell(self, token: Token) -> None:
        self.column += 1

    def _quote(self, token: Token) -> None:
        self.quotes += 1 if token.type == "blockquote_open" else -1

    def _table_end(self, token: Token) -> None:
        self.row = -1

    def _verbatim(self, token: Token) -> None:
        """Fenced or indented code, an HTML block or comment: one block of its source lines."""
        assert token.map is not None
        begin = self._line(token.map[0])[0]
        end_line = self._line(token.map[1] - 1)
        raw = self.text[begin : end_line[0] + len(end_line[1])].rstrip()
        kind = "html" if token.type == "html_block" else "code"
        self.blocks.append(
            Block(kind, ((begin, begin + len(raw), raw),), lines=token.map[1] - token.map[0])
        )

    def _inline(self, token: Token) -> None:
        assert token.map is not None
        first_line = token.map[0]
        if self.row >= 0:
            runs, spans = self._cell_runs(token, first_line)
            cell = (self.row, self.column)
            self.blocks.append(Block("table_cell", runs, cell=cell, spans=spans))
            return
        segments = self._segments(token.content, first_line)
        runs, spans = _Inlines(self.text, token.content, segments).read(token.children or [])
        if not runs:
            return
        lines = token.content.count("\n") + 1
        level, self.heading = self.heading, 0
        if level and not (self.quotes or self.items):
            self.blocks.append(Block("heading", runs, level, spans=spans, lines=lines))
            return
        kind, marker = self._kind()
        if level:  # a heading inside a quote or list item stays there, written as one
            marker += "#" * level + " "
        for piece, inline, prefix in _definitions(runs, spans, marker):
            self.blocks.append(Block(kind, piece, marker=prefix, spans=inline, lines=lines))

    def _kind(self) -> tuple[str, str]:
        """The kind and the Markdown prefix of a paragraph in the current context."""
        quote = "> " * self.quotes
        if not self.items:
            return ("quote" if self.quotes else "text"), quote
        indent = "".join(" " * len(item) for item in self.items[:-1])
        mark = self.items[-1] if self.item_fresh else " " * len(self.items[-1])
        self.item_fresh = False
        return "list_item", f"{quote}{indent}{mark}"

    def _line(self, number: int) -> tuple[int, str]:
        begin = self.line_starts[min(number, len(self.line_starts) - 1)]
        end = self.text.find("\n", begin)
        return begin, self.text[begin : end if end >= 0 else len(self.text)]

    def _segments(self, content: str, first_line: int) -> list[tuple[int, int]]:
        """``(content_offset, source_offset)`` of each line of ``content``."""
        segments, position = [], 0
        for number, piece in enumerate(content.split("\n")):
            begin, line = self._line(first_line + number)
            segments.append((position, begin + _column(line, piece)))
            position += len(piece) + 1
        return segments

    def _cell_runs(
        self, token: Token, line_number: int
    ) -> tuple[tuple[Run, ...], tuple[Inline, ...]]:
        begin, line = self._line(line_number)
        if self.column == 0:
            self.cell_from = 0
        found = line.find(token.content, self.cell_from) if token.content else -1
        at = found if found >= 0 else self.cell_from
        self.cell_from = at + len(token.content)
        reader = _Inlines(self.text, token.content, [(0, begin + at)])
        runs, spans = reader.read(token.children or [])
        return (runs or ((begin + at, begin + at, ""),)), spans


_HANDLERS: dict[str, Callable[[_Walker, Token], None]] = {
    "list_item_open": _Walker._list_item,
    "list_item_close": _Walker._list_item_end,
    "blockquote_open": _Walker._quote,
    "blockquote_close": _Walker._quote,
    "heading_open": _Walker._heading,
    "tr_open": _Walker._row,
    "th_open": _Walker._cell,
    "td_open": _Walker._cell,
    "table_close": _Walker._table_end,
    "inline": _Walker._inline,
    "fence": _Walker._verbatim,
    "code_block": _Walker._verbatim,
    "html_block": _Walker._verbatim,
}


def _definitions(
    runs: tuple[Run, ...], spans: tuple[Inline, ...], marker: str
) -> list[tuple[tuple[Run, ...], tuple[Inline, ...], str]]:
    """Footnote definitions (``[^1]: text``, one per line) as blocks of their own, each
    label moved to the marker; any other paragraph as it is."""
    plain = "".join(run[2] for run in runs)
    if _GFM_DEFINITION.match(plain) is None:
        return [(runs, spans, marker)] if runs else []
    starts = [
        m.start()
        for m in _GFM_DEFINITION.finditer(plain)
        if m.start() == 0 or plain[m.start() - 1] == " "
    ]
    blocks = []
    for start, end in zip(starts, [*starts[1:], len(plain)], strict=True):
        label = _GFM_DEFINITION.match(plain, start)
        assert label is not None
        body = _cut(_cut(list(runs), end, len(plain)), 0, label.end())
        inline = tuple(
            Inline(s.kind, s.start - label.end(), s.end - label.end(), s.target, s.label)
            for s in spans
            if label.end() <= s.start and s.end <= end
        )
        if body:
            blocks.append((tuple(body), inline, f"{marker}{label.group(0).rstrip()} "))
    return blocks


def _column(line: str, piece: str) -> int:
    """Where ``piece`` (a line of inline content, markers stripped) starts in ``line``."""
    body, tail = line.rstrip(), piece.rstrip()
    if tail and body.endswith(tail):
        return len(body) - len(tail)
    found = line.find(piece.strip()) if piece.strip() else -1
    return found if found >= 0 else len(line) - len(line.lstrip())


class _Inlines:
    """Reads an inline token's children into plain-text runs and inline spans."""

    def __init__(self, source: str, content: str, segments: list[tuple[int, int]]) -> None:
        self.source, self.content = source, content
        self.starts = [a for a, _ in segments]
        self.segments = segments
        self.cursor = 0
        self.runs: list[Run] = []
        self.size = 0
        self.spans: list[Inline] = []
        self.open: list[tuple[str, int, int, str]] = []  # kind, plain start, run index, target

    def read(self, children: list[Token]) -> tuple[tuple[Run, ...], tuple[Inline, ...]]:
        for child in children:
            self._child(child)
        self._gfm_notes()
        self._urls()
        return tuple(self.runs), tuple(sorted(self.spans, key=lambda s: (s.start, -s.end)))

    def _src(self, offset: int) -> int:
        index = max(0, bisect_right(self.starts, offset) - 1)
        content_start, source_start = self.segments[index]
        return source_start + offset - content_start

    def _find(self, needle: str) -> int:
        found = self.content.find(needle, self.cursor) if needle else -1
        return found if found >= 0 else self.cursor

    def _emit(self, begin: int, end: int, plain: str) -> None:
        self.runs.append((self._src(begin), self._src(end), plain))
        self.size += len(plain)
        self.cursor = end

    def _child(self, child: Token) -> None:
        kind = child.type
        if kind == "text":
            at = self._find(child.content)
            self._emit(at, at + len(child.content), child.content)
        elif kind in ("softbreak", "hardbreak"):
            newline = self.content.find("\n", self.cursor)
            self._emit(self.cursor, newline + 1 if newline >= 0 else self.cursor, " ")
        elif kind == "text_special":
            at = self._find(child.markup)
            self._emit(at, at + len(child.markup), child.content)
        elif kind == "code_inline":
            self._code(child)
        elif kind == "link_open":
            self._link_open(child)
        elif kind == "link_close":
            self._link_close(child)
        elif kind in _EMPHASIS:
            self.cursor = self._find(child.markup) + len(child.markup)
            self.open.append((_EMPHASIS[kind], self.size, len(self.runs), ""))
        elif kind in _CLOSING:
            self.cursor = self._find(child.markup) + len(child.markup)
            self._close()
        elif kind in ("image", "html_inline"):
            self._skip(child)

    def _code(self, child: Token) -> None:
        fence = self._find(child.markup) + len(child.markup)
        self.cursor = fence
        at = self._find(child.content)
        begin = self.size
        self._emit(at, at + len(child.content), child.content)
        self.cursor = self._find(child.markup) + len(child.markup)
        self.spans.append(Inline("code", begin, self.size))

    def _link_open(self, child: Token) -> None:
        auto = child.markup == "autolink"
        self.cursor = self._find("<" if auto else "[") + 1
        target = str(child.attrs.get("href", ""))
        self.open.append(("link", self.size, len(self.runs), target))

    def _link_close(self, child: Token) -> None:
        if child.markup == "autolink":
            self._autolink()
            return
        self.cursor = _after_link(self.content, self._find("]"))
        _, begin, run_index, target = self.open[-1]
        label = "".join(run[2] for run in self.runs[run_index:])
        if target.startswith("#") and _NOTE_LABEL.fullmatch(label):
            del self.runs[run_index:]  # a footnote mark is not prose
            self.size = begin
            self.open.pop()
            self.spans.append(Inline("note", begin, begin, target, label))
            return
        self._close()

    def _autolink(self) -> None:
        """``<https://…>``: an address, kept verbatim as written (markdown-it decodes ``%20``)."""
        _, begin, run_index, target = self.open.pop()
        close = self._find(">")
        opening = self.content.rfind("<", 0, close) + 1
        del self.runs[run_index:]
        self.size = begin
        self._emit(opening, close, self.content[opening:close])
        self.cursor = close + 1
        self.spans.append(Inline("url", begin, self.size, target))

    def _close(self) -> None:
        if self.open:
            kind, begin, _, target = self.open.pop()
            if self.size > begin:
                self.spans.append(Inline(kind, begin, self.size, target))

    def _skip(self, child: Token) -> None:
        if child.type == "html_inline":
            at = self._find(child.content)
            if _BREAK_TAG.fullmatch(child.content):  # <br> separates words
                self._emit(at, at + len(child.content), " ")
            self.cursor = at + len(child.content)
        else:
            self.cursor = _after_link(self.content, self._find("]"))

    def _gfm_notes(self) -> None:
        """Footnote references written GitHub's way (``[^1]``) become ``note`` spans."""
        plain = "".join(run[2] for run in self.runs)
        for match in reversed(list(_GFM_NOTE.finditer(plain))):
            start, end = match.span()
            if plain[end : end + 1] == ":":
                continue  # a footnote's own definition: see _definitions
            self.runs = _cut(self.runs, start, end)
            shift = end - start
            self.spans = [_shifted(span, start, shift) for span in self.spans]
            self.spans.append(Inline("note", start, start, "", match.group(0)[1:-1]))

    def _urls(self) -> None:
        plain = "".join(run[2] for run in self.runs)
        inside = [(s.start, s.end) for s in self.spans if s.kind in ("link", "code", "url")]
        self.spans += url_spans(plain, inside)


def _cut(runs: list[Run], start: int, end: int) -> list[Run]:
    """``runs`` without the plain text ``[start, end)`` (literal runs are split exactly)."""
    kept: list[Run] = []
    position = 0
    for a, b, plain in runs:
        first, last = position, position + len(plain)
        position = last
        if last <= start or first >= end:
            kept.append((a, b, plain))
            continue
        literal = b - a == len(plain)
        head, tail = max(0, start - first), max(0, last - end)
        if head:
            kept.append((a, a + head if literal else b, plain[:head]))
        if tail:
            kept.append((b - tail if literal else a, b, plain[len(plain) - tail :]))
    return kept


def _shifted(span: Inline, at: int, shift: int) -> Inline:
    """``span`` after ``shift`` characters were cut at ``at``."""
    start = span.start - shift if span.start >= at + shift else min(span.start, at)
    end = span.end - shift if span.end >= at + shift else min(span.end, at)
    return Inline(span.kind, start, end, span.target, span.label)


def _after_link(content: str, bracket: int) -> int:
    """The offset after a link's ``](target "title")``, ``][ref]`` or ``]``."""
    after = bracket + 1
    if content.startswith("(", after):
        depth, index = 0, after
        while index < len(content):
            char = content[index]
            if char == "\\":
                index += 2
                continue
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                return index + 1
            index += 1
        return len(content)
    if content.startswith("[", after):
        close = content.find("]", after)
        return close + 1 if close >= 0 else after
    return after
