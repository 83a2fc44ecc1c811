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
"""

from __future__ import annotations

import re

#: Characters that are stream syntax; escaped with a backslash.
ESCAPED = frozenset("\\^$[]/@<>{}")
#: Characters the generator consumes or emits as marks; carried in superblanks.
SHIELDED = frozenset("*#~")

_TOKEN = re.compile(r"\\(.)|\[((?:[^\]\\]|\\.)*)\]", re.DOTALL)
_SUPERBLANK_ESCAPE = re.compile(r"([\\\[\]])")
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)


def encode(text: str, *, verbatim: re.Pattern[str] | None = None) -> str:
    """``text`` as an Apertium stream; each ``verbatim`` match becomes a superblank.

    Superblanks pass through every program unchanged, so placeholders for
    protected spans (numbers, dates) come back exactly as they went in.
    """
    if verbatim is None:
        return _escape_text(text)
    parts: list[str] = []
    position = 0
    for match in verbatim.finditer(text):
        if match.start() == match.end():
            continue  # an empty superblank would only split a word
        parts.append(_escape_text(text[position : match.start()]))
        parts.append(superblank(match.group()))
        position = match.end()
    parts.append(_escape_text(text[position:]))
    return "".join(parts)


def superblank(content: str) -> str:
    """A superblank holding ``content``, which Apertium copies verbatim."""
    return "[" + _SUPERBLANK_ESCAPE.sub(r"\\\1", content) + "]"


def decode(stream: str) -> str:
    """Plain text from an Apertium output stream: escapes resolved, superblanks inlined.

    Bare ``* # @`` are Apertium's unknown-word marks (only present when they
    were asked for) and are left in place.
    """
    return _TOKEN.sub(_decode_token, stream)


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
