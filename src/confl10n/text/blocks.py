"""Text -> blocks: headings, paragraphs, list items and quotes, with source spans.

Two grammars: Markdown (ATX and setext headings, lists, block quotes, fences)
and the plain-text shape news sites export (a title line, blank-line
paragraphs, short unpunctuated subheadings that may sit directly on top of
their paragraph). A block keeps the source span of each of its lines'
content, so sentence spans found in the joined text map back to the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST = re.compile(r"( {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+)(?=\S)")
_QUOTE = re.compile(r" {0,3}>[ \t]?")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_FINAL_PUNCT = tuple(".!?;:,…。！？；：，\"'”’»)]")
HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Block:
    """A run of source text of one ``kind``: heading, paragraph, list_item or quote.

    ``pieces`` are the ``(start, end)`` source spans of its lines' content,
    markers stripped; the block's text is those pieces joined by spaces.
    """

    kind: str
    pieces: tuple[tuple[int, int], ...]
    level: int = 0

    def text(self, source: str) -> str:
        """The block's content as one line."""
        return " ".join(source[a:b] for a, b in self.pieces)

    def to_source(self, offset: int) -> int:
        """Map an offset in :meth:`text` to an offset in the source."""
        starts = []
        position = 0
        for a, b in self.pieces:
            starts.append(position)
            position += b - a + 1
        index = bisect_right(starts, offset) - 1
        return self.pieces[index][0] + offset - starts[index]

    @property
    def span(self) -> tuple[int, int]:
        """Source span from the first piece's start to the last piece's end."""
        return self.pieces[0][0], self.pieces[-1][1]


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """Each line from ``start`` on, with its offset (no newline)."""
    position = start
    for line in text[start:].split("\n"):
        yield position, line
        position += len(line) + 1


def _piece(offset: int, line: str, skip: int = 0) -> tuple[int, int]:
    """The span of ``line``'s content after ``skip`` marker characters, trimmed."""
    body = line[skip:]
    lead = len(body) - len(body.lstrip())
    return offset + skip + lead, offset + len(line.rstrip())


def plain_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks of plain text: paragraphs split at blank lines, subheadings detected."""
    blocks: list[Block] = []
    for group in _groups(text, start):
        first_offset, first = group[0]
        if len(group) > 1 and looks_like_heading(first):
            blocks.append(Block("heading", (_piece(first_offset, first),), level=2))
            group = group[1:]
        kind = "heading" if len(group) == 1 and looks_like_heading(group[0][1]) else "text"
        blocks.append(Block(kind, tuple(_piece(o, line) for o, line in group), level=2))
    return blocks


def _groups(text: str, start: int) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines."""
    group: list[tuple[int, str]] = []
    for offset, line in _lines(text, start):
        if line.strip():
            group.append((offset, line))
        elif group:
            yield group
            group = []
    if group:
        yield group


def looks_like_heading(line: str) -> bool:
    """A short line that starts with a capital and has no final punctuation."""
    stripped = line.strip()
    return (
        0 < len(stripped.split()) <= HEADING_MAX_WORDS
        and stripped[0].isupper()
        and not stripped.endswith(_FINAL_PUNCT)
    )


def markdown_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks of CommonMark-style Markdown (the subset news articles use)."""
    parser = _MarkdownParser()
    for offset, line in _lines(text, start):
        parser.feed(offset, line)
    parser.flush()
    return parser.blocks


class _MarkdownParser:
    """A line-at-a-time block parser; ``current`` is the open block's lines."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.kind = ""
        self.pieces: list[tuple[int, int]] = []
        self.in_fence = ""

    def feed(self, offset: int, line: str) -> None:
        if self._fenced(line):
            return
        if not line.strip():
            self.flush()
        elif self.kind == "text" and (setext := _SETEXT.match(line)):
            self.kind, level = "heading", 1 if setext.group(1)[0] == "=" else 2
            self.flush(level)
        elif _BREAK.match(line):
            self.flush()
        elif atx := _ATX.match(line):
            self._atx(offset, line, atx)
        else:
            self._content(offset, line)

    def _fenced(self, line: str) -> bool:
        """Skip fenced code: it is not prose to translate."""
        fence = _FENCE.match(line)
        if self.in_fence:
            if fence and fence.group(1) == self.in_fence:
                self.in_fence = ""
            return True
        if fence:
            self.flush()
            self.in_fence = fence.group(1)
            return True
        return False

    def _atx(self, offset: int, line: str, match: re.Match[str]) -> None:
        self.flush()
        if match.group(2):
            self.kind = "heading"
            self.pieces = [(offset + match.start(2), offset + match.end(2))]
            self.flush(len(match.group(1)))

    def _content(self, offset: int, line: str) -> None:
        if quote := _QUOTE.match(line):
            if line[quote.end() :].strip():
                self._continue("quote", _piece(offset, line, quote.end()))
            else:
                self.flush()  # a bare ">" separates paragraphs inside a quote
        elif item := _LIST.match(line):
            self.flush()
            self._continue("list_item", _piece(offset, line, item.end()))
        elif self.kind in ("list_item", "quote", "text"):
            self.pieces.append(_piece(offset, line))  # lazy continuation
        else:
            self._continue("text", _piece(offset, line))

    def _continue(self, kind: str, piece: tuple[int, int]) -> None:
        if self.kind != kind:
            self.flush()
            self.kind = kind
        self.pieces.append(piece)

    def flush(self, level: int = 0) -> None:
        if self.pieces:
            self.blocks.append(Block(self.kind, tuple(self.pieces), level))
        self.kind, self.pieces = "", []
