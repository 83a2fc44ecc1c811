"""Inline markup placed on a translation by a word alignment (confl10n.text.inline.align):
the alignment chooses among repeated words and places what no words find; what it cannot
place stays on its sentence (links, whole-sentence emphasis) or is dropped, never invented."""

from __future__ import annotations

import re

import pytest

from confl10n.document import Inline
from confl10n.text.inline import (
    AlignedWord,
    align,
    aligned_range,
    markdown_wrap,
    needs_alignment,
    render,
)

SOURCE = "The big house is very red."
TARGET = "La casa grande es muy roja."


def aligned(source: str, target: str, pairs: list[tuple[str, str]]) -> tuple[AlignedWord, ...]:
    """An alignment from ``(target word, source word)`` pairs, each word's first free match."""
    words: list[AlignedWord] = []
    for target_word, source_word in pairs:
        t = re.search(rf"\b{re.escape(target_word)}", target)
        s = re.search(rf"\b{re.escape(source_word)}", source)
        assert t is not None and s is not None
        words.append(AlignedWord(t.span(), s.span()))
    return tuple(words)


SPANISH = aligned(
    SOURCE,
    TARGET,
    [("La", "The"), ("casa", "house"), ("grande", "big"), ("es", "is"), ("muy", "very"),
     ("roja.", "red.")],
)  # fmt: skip


def span(kind: str, words: str, source: str = SOURCE, target: str = "") -> Inline:
    start = source.index(words)
    return Inline(kind, start, start + len(words), target)


def shown(target: str, spans: tuple[Inline, ...]) -> list[tuple[str, str]]:
    return [(s.kind, target[s.start : s.end]) for s in spans]


def test_the_issue_example_is_placed_by_the_alignment_alone() -> None:
    spans = [span("strong", "big"), span("em", "very")]
    placed, lost = align(SOURCE, TARGET, spans, alignment=SPANISH)
    assert shown(TARGET, placed) == [("strong", "grande"), ("em", "muy")] and lost == ()
    assert align(SOURCE, TARGET, spans) == ((), ())  # without it: not found, dropped


def test_the_alignment_chooses_among_repeated_words() -> None:
    source, target = "The new house is big.", "The big house is big."
    alignment = aligned(source, target, [("The", "The"), ("big", "new"), ("house", "house")])
    alignment += (AlignedWord((17, 21), (17, 21)),)  # the second "big." is "big."
    bold = span("strong", "big", source)
    assert align(source, target, [bold])[0] == (Inline("strong", 4, 7),)  # the first one
    assert align(source, target, [bold], alignment=alignment)[0] == (Inline("strong", 17, 20),)
    assert needs_alignment(source, target, [bold])


def test_a_range_holds_every_aligned_word_but_not_mostly_others() -> None:
    two = span("strong", "big house")
    assert aligned_range(SOURCE, TARGET, two, SPANISH) == (3, 14)  # "casa grande", reordered
    # "big" aligned with the first and the last word, the three between with others
    scattered = aligned(SOURCE, TARGET, [("La", "big"), ("roja.", "big")])
    scattered += (SPANISH[1], *SPANISH[3:5])
    assert aligned_range(SOURCE, TARGET, span("strong", "big"), scattered) is None
    link = span("link", "big", target="https://example.org/")
    placed, lost = align(SOURCE, TARGET, [link, span("em", "big")], alignment=scattered)
    assert shown(TARGET, placed) == [("link", "La casa grande es muy roja")] and lost == ()


def test_whole_sentence_emphasis_wraps_the_whole_translation() -> None:
    placed, _ = align(SOURCE, TARGET, [Inline("em", 0, len(SOURCE))])
    assert shown(TARGET, placed) == [("em", "La casa grande es muy roja.")]
    placed, _ = align(SOURCE, TARGET, [Inline("strong", 0, len(SOURCE) - 1)])
    assert shown(TARGET, placed) == [("strong", "La casa grande es muy roja")]


@pytest.mark.parametrize(
    "target",
    [
        "Er sagte: »Wir stimmen zu.«",  # German and Danish quotes close with « ‹ “ ‘
        "Er sagte: ›Wir stimmen zu.‹",
        "Er sagte: „Wir stimmen zu.“",
        "Il a dit : « Nous sommes d’accord. »",
    ],
)
def test_the_final_punctuation_and_quotes_stay_outside_like_the_sources(target: str) -> None:
    source = "He said: “We agree.”"
    tail = target.rindex(".")
    placed, _ = align(source, target, [Inline("em", 0, len(source) - 2)])
    assert shown(target, placed) == [("em", target[:tail])]
    note = Inline("note", len(source) - 2, len(source) - 2, "", "1")
    assert [s.start for s in align(source, target, [note])[0]] == [tail]


def test_only_spans_not_found_exactly_once_need_an_alignment() -> None:
    assert not needs_alignment(SOURCE, SOURCE, [span("strong", "big")])
    assert not needs_alignment(SOURCE, "The big casa.", [span("strong", "big")])
    assert not needs_alignment(SOURCE, TARGET, [span("code", "big")])
    assert needs_alignment(SOURCE, TARGET, [span("link", "big", target="#a")])


def void(at: int, markup: str = "<img>") -> Inline:
    return Inline("void", at, at, tag=markup)


def test_markup_without_text_goes_next_to_the_word_it_touches() -> None:
    after_big, before_house = (
        void(7, "<img a>"),
        void(8, "<img b>"),
    )  # "The big<img a> <img b>house"
    placed, _ = align(SOURCE, TARGET, [after_big, before_house], alignment=SPANISH)
    assert [(s.start, s.tag) for s in placed] == [(3, "<img b>"), (14, "<img a>")]  # casa grande
    assert needs_alignment(SOURCE, TARGET, [after_big])


def test_markup_inside_a_word_the_translation_keeps_stays_inside_it() -> None:
    source, target = "Water is H2O now.", "El agua es H2O ahora."
    subscript, soft_break = Inline("element", 10, 11, label="sub"), void(10, "<wbr>")
    placed, _ = align(source, target, [subscript, soft_break])
    assert [(s.kind, s.start, s.end) for s in placed] == [("element", 12, 13), ("void", 12, 12)]


def test_markup_whose_word_is_lost_goes_where_a_footnote_mark_goes() -> None:
    source, target = "She left early.", "Dejó temprano."
    assert align(source, target, [void(3, "<sup>1</sup>")])[0] == (void(13, "<sup>1</sup>"),)
    assert align(source, target, [void(15)])[0] == (void(14),)  # after the final stop


def test_an_element_not_placed_is_kept_whole_or_empty_never_lost() -> None:
    whole = Inline("element", 0, len(SOURCE), label="span", tag='<span class="lead">')
    part = Inline("element", 4, 7, label="sup", tag="<sup>")
    placed, lost = align(SOURCE, "Todo cambió hoy.", [whole, part])
    assert [(s.start, s.end, s.label) for s in placed] == [(0, 16, "span"), (15, 15, "sup")]
    assert lost == ()


def test_a_span_written_twice_over_the_same_words_is_written_once() -> None:
    spans = [Inline("strong", 0, 3), Inline("strong", 0, 3), Inline("em", 0, 3)]
    assert render("big house", spans, str, markdown_wrap) == "***big*** house"  # was **big****big**
    nested = [Inline("strong", 0, 3, label="b", tag=f'<b class="{c}">') for c in "ab"]
    assert render("big house", nested, str, lambda s, inside, _: f"{s.tag}{inside}</b>") == (
        '<b class="a"><b class="b">big</b></b> house'
    )
