"""Runs of text an Apertium pair cannot translate, found by script, to pass through untouched.

Apertium analyses only its source language's words; anything else it copies
badly: apertium-eng-spa rewrites Arabic-Indic digits in Arabic text
(``٣٨٠`` -> ``380``) and reads ``A`` + U+030A (a decomposed Å) as the article
"a" (``Un̊``). So every whitespace-separated token holding a letter or digit of
another script than the source language's, or a combining mark, is sent as a
superblank: it comes back exactly as it went in. Neighbouring such tokens form
one run, so a foreign phrase keeps its inner spaces too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# The script of each Apertium source language that is not written in Latin letters
# (Unicode character names begin with the script's name).
_SCRIPTS = {
    "ar": "ARABIC",
    "be": "CYRILLIC",
    "bg": "CYRILLIC",
    "el": "GREEK",
    "hi": "DEVANAGARI",
    "kk": "CYRILLIC",
    "mk": "CYRILLIC",
    "ru": "CYRILLIC",
    "tt": "CYRILLIC",
    "uk": "CYRILLIC",
    "ur": "ARABIC",
}
_TOKEN = re.compile(r"\S+")


def untranslatable_spans(text: str, source: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run in ``text`` that a ``source``-language engine cannot
    translate (tokens of another script, or with combining marks), in order."""
    script = _SCRIPTS.get(source, "LATIN")
    spans: list[tuple[int, int]] = []
    for token in _TOKEN.finditer(text):
        if not _foreign(token.group(), script):
            continue
        if spans and text[spans[-1][1] : token.start()].isspace():
            spans[-1] = (spans[-1][0], token.end())
        else:
            spans.append(token.span())
    return spans


def _foreign(token: str, script: str) -> bool:
    return any(_foreign_char(char, script) for char in token)


@cache
def _foreign_char(char: str, script: str) -> bool:
    """A combining mark, or a letter or digit outside ``script`` (ASCII digits are shared)."""
    if unicodedata.category(char) in ("Mn", "Mc", "Me"):
        return True
    if not char.isalnum() or (char.isascii() and char.isdigit()):
        return False
    return not unicodedata.name(char, "").startswith(script)
