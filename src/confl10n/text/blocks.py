"""Text -> blocks: headings, paragraphs, list items, quotes and table cells, with source spans.

The plain-text grammar lives here: the shape news sites export (a title line,
blank-line paragraphs, short unpunctuated subheadings that may sit directly on
top of their paragraph, bullet and numbered lines). Markdown is parsed by a
CommonMark parser in :mod:`confl10n.text.markdown` into the same blocks.

A block's text is a sequence of runs, each the source span it was read from
and the plain text it reads as (a line's content; the space that joins two
lines; ``[`` for the escape ``\\[``), so sentence spans found in the text map
back to exact source spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from confl10n.document import Inline

Run = tuple[int, int, str]
"""``(source_start, source_end, text)``: ``text`` is ``source[start:end]`` when
their lengths match; otherwise it replaces that source (markup, entities, line breaks)."""

_BULLET = re.compile(r"[ \t]{0,3}(?:[-*+•‣▪◦–]|\d{1,3}[.)])[ \t]+(?=\S)")
# Any closing quote or bracket ends a line too: German „…“ and ‚…‘, « … », 「…」, (…).
_FINAL_PUNCT = tuple(".!?;:,…。！？；：，؟\"'”’“‘»«›‹」』）)]】〕")
# What may open a word of a heading: quotes and brackets ("(VAT)", "“Fair Deal”", "[Draft]").
_OPENING_PUNCT = "\"'“‘„‚«‹「『（(【〔["
# Short unpunctuated lines that are bylines, datelines or credits, not subheadings.
_NOT_HEADING = re.compile(
    r"(?:By|Published|Updated|Posted|Photo|Photograph|Credit|Image|Source|Reporting by"
    r"|Editing by|Additional reporting|Written by|Words by)\b"
)
HEADING_MAX_WORDS = 12
"""Words a subheading in sentence case has at most (a longer unpunctuated line is prose)."""
TITLE_MAX_WORDS = 30
"""Words a subheading in title case has at most."""
# "(LPT)", "(Draft)", "(Part 2)": a parenthesis of up to three words that ends a heading.
_TRAILING_PARENTHESIS = re.compile(r"\s*\((?:[^()\s]+\s?){1,3}(?<![.!?…;:,])\)$")
# Words a title-case heading may leave in lower case.
_SMALL_WORDS = frozenset((
    "with", "from", "into", "over", "upon", "onto", "than", "that", "through", "about", "after",
    "under", "between", "across", "against", "during", "without", "within", "toward", "towards",
    "among", "along", "around", "before", "behind", "below", "beyond", "since", "until", "while",
    "where", "when", "amid", "despite",
))  # fmt: skip
_LABEL_MAX_WORDS = 4
_PRONOUNS = frozenset(
    ["It", "They", "We", "He", "She", "This", "These", "Those", "There", "I", "You", "That"]
)
_LEAD_IN_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "include",
        "includes",
        "including",
        "included",
        "said",
        "says",
        "follow",
        "follows",
        "following",
        "as",
        "will",
        "has",
        "have",
    ]
)
# Web addresses: with a scheme, with www., or a bare domain with a path or a common
# top-level domain ("example.com/News_2024", "stats.gov"); not the domain of an e-mail
# address. A final period, comma, quote or bracket belongs to the sentence.
URL = re.compile(
    r"(?:\b(?i:https?://|ftp://|www\.)"
    r"|(?<![\w@.\-/])(?=(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/"
    r"|(?:[A-Za-z0-9-]+\.)+(?i:com|org|net|gov|edu|int|info|io)(?![\w-])))"
    r"[^\s<>\"“”'’]*[^\s<>\"“”'’.,;:!?)\]]"
)


@dataclass(frozen=True, slots=True)
class Block:
    """A run of source text of one ``kind``: heading, text, list_item, quote or table_cell.

    ``level`` is a heading's level, ``marker`` the Markdown prefix of a list
    item or quote (``- ``, ``1. ``, ``> ``), ``cell`` a table cell's ``(row,
    column)``, ``spans`` the inline markup over :meth:`text` and ``lines`` how
    many source lines the block has.
    """

    kind: str
    runs: tuple[Run, ...]
    level: int = 0
    marker: str = ""
    cell: tuple[int, int] | None = None
    spans: tuple[Inline, ...] = ()
    lines: int = 1

    def text(self, source: str = "") -> str:
        """The block's content as one line of plain text (``source`` is not needed)."""
        return "".join(run[2] for run in self.runs)

    def source_spans(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Map ``[start, end)`` spans of :meth:`text` to spans of the source."""
        starts, position = [], 0
        for run in self.runs:
            starts.append(position)
            position += len(run[2])
        return [(self._at(starts, a, end=False), self._at(starts, b, end=True)) for a, b in spans]

    def _at(self, starts: list[int], offset: int, *, end: bool) -> int:
        index = max(0, bisect_right(starts, offset - 1 if end else offset) - 1)
        # Empty runs share a start with the next one; skip to the one holding the offset.
        while not end and index + 1 < len(starts) and not self.runs[index][2]:
            index += 1
        source_start, source_end, plain = self.runs[index]
        if source_end - source_start != len(plain):
            return source_end if end else source_start
        return source_start + offset - starts[index]

    @property
    def span(self) -> tuple[int, int]:
        """Source span from the first run's start to the last run's end."""
        return self.runs[0][0], self.runs[-1][1]


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


def _joined(source: str, pieces: Sequence[tuple[int, int]]) -> tuple[Run, ...]:
    """Runs of ``pieces`` of ``source`` joined by single spaces."""
    runs: list[Run] = []
    for a, b in pieces:
        if runs:
            runs.append((runs[-1][1], a, " "))
        runs.append((a, b, source[a:b]))
    return tuple(runs)


def plain_blocks(text: str, start: int = 0) -> list[Block]:
    """Blocks of plain text: paragraphs split at blank lines, subheadings and bullets detected."""
    blocks: list[Block] = []
    groups = list(_groups(text, start))
    for index, group in enumerate(groups):
        first_offset, first = group[0]
        following = group[1][1] if len(group) > 1 else _first_line(groups, index + 1)
        if following is not None and is_heading(first, following):
            blocks.append(Block("heading", _joined(text, [_piece(first_offset, first)]), 2))
            group = group[1:]
        blocks += _group_blocks(text, group) if group else []
    return [replace(b, spans=url_spans(b.text())) if URL.search(b.text()) else b for b in blocks]


def _first_line(groups: list[list[tuple[int, str]]], index: int) -> str | None:
    return groups[index][0][1] if index < len(groups) else None


def is_heading(line: str, following: str) -> bool:
    """True if ``line``, with ``following`` (the next non-blank line) under it, is a
    subheading: a heading-shaped line (:func:`looks_like_heading`), or a label ending in a
    colon (``Notes:``, ``Key facts:``) on top of a list."""
    return looks_like_heading(line) or (
        _BULLET.match(following) is not None and _is_label(line.strip())
    )


def _is_label(line: str) -> bool:
    """``Notes:``: up to four words and a colon, no pronoun first and no verb of a lead-in."""
    words = line[:-1].split()
    return (
        line.endswith((":", "："))
        and 0 < len(words) <= _LABEL_MAX_WORDS
        and line[0].isupper()
        and words[0] not in _PRONOUNS
        and not _LEAD_IN_VERBS.intersection(w.lower() for w in words)
        and _NOT_HEADING.match(line) is None
    )


def url_spans(plain: str, taken: Sequence[tuple[int, int]] = ()) -> tuple[Inline, ...]:
    """``url`` spans for the web addresses in ``plain`` that start outside ``taken`` spans."""
    return tuple(
        Inline("url", m.start(), m.end(), m.group(0))
        for m in URL.finditer(plain)
        if not any(a <= m.start() < b for a, b in taken)
    )


def _group_blocks(text: str, group: list[tuple[int, str]]) -> list[Block]:
    """One group of lines: a paragraph, or list items (each bullet line starts one)."""
    parts: list[tuple[str, str, list[tuple[int, int]]]] = []
    for offset, line in group:
        bullet = _BULLET.match(line)
        if bullet is not None:
            parts.append(
                ("list_item", _marker(bullet.group(0)), [_piece(offset, line, bullet.end())])
            )
        elif parts and (parts[-1][0] == "text" or _continues(line)):
            parts[-1][2].append(_piece(offset, line))
        else:
            parts.append(("text", "", [_piece(offset, line)]))
    return [Block(k, _joined(text, p), 2, marker=m, lines=len(p)) for k, m, p in parts]


def _continues(line: str) -> bool:
    """A line that carries on the list item above it: indented, or starting lower-case."""
    return line[:1].isspace() or line[:1].islower()


def _marker(written: str) -> str:
    """The Markdown marker for a plain-text bullet: ``1. `` stays, ``•`` becomes ``- ``."""
    mark = written.strip()
    return f"{mark} " if mark[0].isdigit() else "- "


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
    """A line shaped like a subheading: it starts with a capital, is no byline or credit, and
    has no final punctuation, or ends in a short parenthesis (``Local Property Tax (LPT)``), or
    is a title-case question (``What Comes Next?``). Up to :data:`HEADING_MAX_WORDS` words,
    or :data:`TITLE_MAX_WORDS` in title case (``Expanding Rural Clinics, Training …``)."""
    stripped = line.strip()
    bare = _TRAILING_PARENTHESIS.sub("", stripped)
    words = len(stripped.split())
    return (
        words > 0
        and (stripped[0].isupper() or _opens_title(stripped, bare))
        and (words <= HEADING_MAX_WORDS or (words <= TITLE_MAX_WORDS and _title_case(bare)))
        and (not bare.endswith(_FINAL_PUNCT) or _title_case_question(bare))
        and _NOT_HEADING.match(stripped) is None
    )


def _title_case(line: str) -> bool:
    """Every word of four letters or more capitalised (``Training New Nurses, and Cutting``),
    prepositions and conjunctions apart (``Plans for Growth with Fewer Taxes``); a word may
    sit in quotes or brackets (``Value-Added Tax (VAT) and …``, ``“Fair Deal” Scheme``)."""
    words = (_bare_word(w) for w in line.split())
    long_words = [w for w in words if len(w) > 3 and w not in _SMALL_WORDS]
    return len(long_words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in long_words)


def _opens_title(line: str, bare: str) -> bool:
    """``“Fair Deal” Scheme``, ``(Draft) Budget``: a title-case line opening with a quote or a
    bracket (a quote opening a sentence-case line is a quotation: ``“We will,” she said``)."""
    return line.lstrip(_OPENING_PUNCT)[:1].isupper() and _title_case(bare)


def _bare_word(word: str) -> str:
    """``word`` without the quotes, brackets and punctuation around it: ``(VAT),`` → ``VAT``."""
    return word.strip("".join(_FINAL_PUNCT) + _OPENING_PUNCT)


def _title_case_question(line: str) -> bool:
    """``What Comes Next?``: a question whose longer words are all capitalised."""
    long_words = [w for w in map(_bare_word, line.split()) if len(w) > 3]
    return line.endswith("?") and len(long_words) >= 2 and all(w[0].isupper() for w in long_words)
