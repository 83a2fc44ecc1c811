"""Writing Apertium's stream format and reading it back, character for character."""

from __future__ import annotations

import re
import string

import pytest

from confl10n.translate.apertium.stream import ESCAPED, SHIELDED, decode, encode, superblank

TRICKY = [
    "plain words",
    "^caret$ and [brackets] and back\\slash",
    "a/b @at *star #hash ~tilde <tag> {brace}",
    "\\[not a superblank\\]",
    "[]",
    "line\nbreak\ttab\u00a0nbsp 中文 😀",
    string.punctuation,
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_decode_inverts_encode(text: str) -> None:
    assert decode(encode(text)) == text


@pytest.mark.parametrize("char", sorted(ESCAPED))
def test_stream_syntax_is_backslash_escaped(char: str) -> None:
    assert encode(f"a{char}b") == f"a\\{char}b"


@pytest.mark.parametrize("char", sorted(SHIELDED))
def test_marks_and_tilde_travel_in_superblanks(char: str) -> None:
    assert encode(f"a{char}b") == f"a[{char}]b"


def test_ordinary_text_is_untouched() -> None:
    text = "On December 19, 10.2% of “media” outlets (41%) said: yes & no!"
    assert encode(text) == text


def test_verbatim_matches_become_superblanks() -> None:
    pattern = re.compile(r"⟦\d+⟧")
    stream = encode("rose ⟦1⟧ to ⟦2⟧ [sic]", verbatim=pattern)
    assert stream == "rose [⟦1⟧] to [⟦2⟧] \\[sic\\]"
    assert decode(stream) == "rose ⟦1⟧ to ⟦2⟧ [sic]"


def test_empty_verbatim_matches_are_ignored() -> None:
    assert encode("a1b", verbatim=re.compile(r"\d*")) == "a[1]b"


def test_superblank_content_with_brackets_round_trips() -> None:
    content = "[[Q1]] \\ ]["
    assert decode(superblank(content)) == content


def test_bare_unknown_word_marks_are_kept() -> None:
    assert decode("El *Xyzzy #casa @perro \\*") == "El *Xyzzy #casa @perro *"
