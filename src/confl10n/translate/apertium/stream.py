"""Apertium's stream format, written and read back exactly.

Apertium's programs pass text to each other as a stream in which some
characters are syntax: ``^ $`` delimit analysed words, ``[ ]`` hold
*superblanks* that every program copies through untouched, and ``\\`` escapes
the next character. Translating plain text with ``apertium -f none`` means
writing that stream ourselves, so every character of the input comes back as
it went in, and protected spans can ride along inside superblanks.

Measured with apertium-eng-spa 0.8.1 (``tests/translate/apertium/test_stream.py`` holds
the cases): backslash-escaping keeps ``^ $ [ ] \\ / @ < > { }`` and keeps a
word like ``and/or`` one word; ``* #`` lose their backslash and become
indistinguishable from the unknown-word marks, and ``~`` is deleted by
post-generation even when escaped, so those three travel in superblanks.

*Word-bound blanks* (``[[N]]word[[/]]``, Apertium 3.7 and later) are the other
kind: each is tied to the word inside it and moves with it when transfer
reorders words ("The [[1]]big[[/]] house" -> "La casa [[1]]grande[[/]]"); a
word made of several keeps all their contents ("around the" -> "[[7; 8]]alrededor
del[[/]]"), and a word the translation drops loses its blank. They are how a
translation's words are aligned with the sentence's
(:mod:`confl10n.translate.apertium.alignment`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters that are stream syntax; escaped with a backslash.
ESCAPED = frozenset("\\^$[]/@<>{}")
#: Characters the generator consumes or emits as marks; carried in superblanks.
SHIELDED = frozenset("*#~")

_TOKEN = re.compile(r"\\(.)|\[((?:[^\]\\]|\\.)*)\]", re.DOTALL)
_SUPERBLANK_ESCAPE = re.compile(r"([\\\[\]])")
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
# An escape or a superblank is skipped whole, so a "[[" inside either is never a word-bound blank.
_BOUND_TOKEN = re.compile(r"\\.|\[\[([^\]\\]*)\]\]|\[(?:[^\]\\]|\\.)*\]", re.DOTALL)

Range = tuple[int, int]


def encode(
    text: str,
    *,
    verbatim: re.Pattern[str] | None = None,
    keep: Sequence[Range] = (),
    bound: Sequence[Range] = (),
) -> str:
    """``text`` as an Apertium stream; each ``verbatim`` match and each ``keep`` span
    (``(start, end)`` offsets) becomes a superblank, and each ``bound`` span outside them
    (a word) goes in word-bound blanks numbered by its index in ``bound``.

    Superblanks pass through every program unchanged, so placeholders for
    protected spans (numbers, dates) and text the engine cannot translate come
    back exactly as they went in.
    """
    found = [m.span() for m in verbatim.finditer(text)] if verbatim is not None else []
    parts: list[str] = []
    position = 0
    for start, end, number in _pieces(_merged([*found, *keep]), bound):
        parts.append(_escape_text(text[position:start]))
        inside = text[start:end]
        parts.append(superblank(inside) if number is None else _word_bound(number, inside))
        position = end
    parts.append(_escape_text(text[position:]))
    return "".join(parts)


def _pieces(blanks: list[Range], bound: Sequence[Range]) -> list[tuple[int, int, int | None]]:
    """The superblank spans (number None) and the numbered ``bound`` spans that overlap
    none of them, in order."""
    pieces: list[tuple[int, int, int | None]] = [(start, end, None) for start, end in blanks]
    for number, (start, end) in enumerate(bound):
        if start < end and not any(start < b and a < end for a, b in blanks):
            pieces.append((start, end, number))
    return sorted(pieces, key=lambda piece: piece[0])


def _word_bound(number: int, word: str) -> str:
    return f"[[{number}]]" + _escape_text(word) + "[[/]]"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty spans in order, overlapping ones joined (an empty one would split a word)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def superblank(content: str) -> str:
    """A superblank holding ``content``, which Apertium copies verbatim."""
    return "[" + _SUPERBLANK_ESCAPE.sub(r"\\\1", content) + "]"


def decode(stream: str) -> str:
    """Plain text from an Apertium output stream: escapes resolved, superblanks inlined.

    Bare ``* # @`` are Apertium's unknown-word marks (only present when they
    were asked for) and are left in place.
    """
    return _TOKEN.sub(_decode_token, stream)


def decode_bound(stream: str) -> list[tuple[str, tuple[int, ...]]]:
    """Plain text from an output stream holding word-bound blanks (see :func:`encode`), in
    pieces: ``(text, numbers)``, ``numbers`` those of the blank the text was in (``()``
    outside any); empty pieces left out, the rest as :func:`decode` gives them."""
    pieces: list[tuple[str, tuple[int, ...]]] = []
    numbers: tuple[int, ...] = ()
    position = 0
    for match in _BOUND_TOKEN.finditer(stream):
        if match.group(1) is not None:
            pieces.append((decode(stream[position : match.start()]), numbers))
            numbers = tuple(int(n) for n in re.findall(r"\d+", match.group(1)))
            position = match.end()
    pieces.append((decode(stream[position:]), numbers))
    return [(text, numbers) for text, numbers in pieces if text]


def _decode_token(match: re.Match[str]) -> str:
    escaped, blank = match.group(1), match.group(2)
    if escaped is not None:
        return escaped
    return _UNESCAPE.sub(r"\1", blank)


def _escape_text(text: str) -> str:
    return "".join(_escape_char(char) for char in text)


def _escape_char(char: str) -> str:
    if char in ESCAPED:
        return "\\" + char
    if char in SHIELDED:
        return "[" + char + "]"
    return char
