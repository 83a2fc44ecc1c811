"""Writing Apertium's stream format and reading it back, character for character."""

from __future__ import annotations

import re
import string

import pytest

from confl10n.translate.apertium.stream import (
    ESCAPED,
    SHIELDED,
    decode,
    decode_bound,
    encode,
    superblank,
)

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


# --- word-bound blanks -------------------------------------------------------


def words(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(r"\w+", text)]


def test_bound_words_go_in_numbered_word_bound_blanks() -> None:
    stream = encode("The big [house]", bound=words("The big [house]"))
    assert stream == "[[0]]The[[/]] [[1]]big[[/]] \\[[[2]]house[[/]]\\]"


def test_a_bound_word_inside_a_superblank_stays_plain_in_it() -> None:
    text = "rose ⟦1⟧ today"
    stream = encode(text, verbatim=re.compile(r"⟦\d+⟧"), bound=words(text))
    assert stream == "[[0]]rose[[/]] [⟦1⟧] [[2]]today[[/]]"


@pytest.mark.parametrize("text", TRICKY)
def test_decode_bound_gives_the_text_back_in_numbered_pieces(text: str) -> None:
    pieces = decode_bound(encode(text, bound=words(text)))
    assert "".join(piece for piece, _ in pieces) == text
    numbered = [(piece, numbers) for piece, numbers in pieces if numbers]
    assert numbered == [(text[a:b], (n,)) for n, (a, b) in enumerate(words(text))]


def test_decode_bound_reads_merged_numbers_escapes_and_superblanks() -> None:
    stream = "[[0]]La[[/]] \\[[[3; 4]]alrededor del[[/]][a\\[\\[b\\]\\]][[/]]"
    assert decode_bound(stream) == [
        ("La", (0,)),
        (" [", ()),
        ("alrededor del", (3, 4)),
        ("a[[b]]", ()),
    ]
