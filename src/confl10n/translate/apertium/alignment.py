"""Word alignment of a sentence and its Apertium translation, from word-bound blanks.

Apertium's ``html`` format carries inline tags as superblanks, which stay in
their slot while transfer reorders the words around them, so a tag lands on
the wrong words (apertium 3.8.3, apertium-eng-spa 0.8.1: ``<p>The <b>big</b>
house</p>`` -> ``<p>La <b>casa</b> grande</p>``; ``-f html-alt`` does the same).
Word-bound blanks move with their word: the sentence is translated once more
with each word in a numbered one (:func:`~confl10n.translate.apertium.stream.encode`),
giving ``La casa [[1]]grande[[/]]``, and each word of that output comes from the
source words whose numbers it carries.

That second run is not the translation the writers use: a blank splits a
multi-word unit, so the words around it can change ("all over" -> "por todas
partes" untagged, "todo sobre" tagged; "prime minister" -> "primer ministro",
"ministro primo"). Of the 297 sentences of the seed article and
``tests/data/corpus``, 200 have words reordered (where ``-f html`` would misplace
a tag) and 247 come out of the tagged run with the same words (4,160 of their
4,270 words match). So the two are matched word by word (difflib's longest
matching blocks): a word of the translation matched with the same word of the
tagged output aligns with the source words that word's blank names; the words
between two matches that differ on both sides align together with every source
word of the tagged words between them ("por todas partes" with "all over",
"igual" with "the same"; about 5 of the 60 such runs there are partly wrong,
e.g. "Bosque de los EE.UU" with "Forest" alone); a word only one side has stays
unaligned. A translation under half of whose words match (approved or edited
by hand; 1 of the 297 Apertium wrote: "Income Tax") gets no alignment at all,
so its spans fall back to being placed by their words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from confl10n.text.inline import AlignedWord, Range

#: A word: letters or digits, with inner apostrophes, hyphens and points ("high-quality").
WORD = re.compile(r"\w+(?:['’.\-]\w+)*")


def source_words(sentence: str) -> list[Range]:
    """The offsets of the words of ``sentence``, each to go in a word-bound blank."""
    return [match.span() for match in WORD.finditer(sentence)]


def aligned_words(
    words: Sequence[Range], translation: str, tagged: Sequence[tuple[str, tuple[int, ...]]]
) -> tuple[AlignedWord, ...]:
    """The words of ``translation`` aligned with the source ``words`` (their offsets) through
    the ``tagged`` output (pieces of text with the numbers of the words they came from): a
    word matched with the same word there takes its numbers, and the words of a run that
    differs between matched ones take every number of the tagged run's words; ``()`` when
    under half of ``translation``'s words are matched."""
    target = [(m.group(), m.span()) for m in WORD.finditer(translation)]
    carried = _carried_words(tagged)
    matcher = SequenceMatcher(None, [w for w, _ in target], [w for w, _ in carried], False)
    found: list[AlignedWord] = []
    for kind, a1, a2, b1, b2 in matcher.get_opcodes():
        if kind in ("equal", "replace"):
            numbers = [n for _, n in carried[b1:b2]]
            if kind == "replace":  # the run translates the tagged run's source words together
                numbers = [set().union(*numbers)] * (a2 - a1)
            found += _words(words, [span for _, span in target[a1:a2]], numbers)
    matched = sum(size for _, _, size in matcher.get_matching_blocks())
    return tuple(found) if target and 2 * matched >= len(target) else ()


def _words(
    words: Sequence[Range], spans: Sequence[Range], numbers: Sequence[set[int]]
) -> list[AlignedWord]:
    """Each of ``spans`` aligned with the ``words`` its ``numbers`` name, in source order."""
    return [
        AlignedWord(span, words[n])
        for span, found in zip(spans, numbers, strict=True)
        for n in sorted(found)
        if n < len(words)
    ]


def _carried_words(tagged: Sequence[tuple[str, tuple[int, ...]]]) -> list[tuple[str, set[int]]]:
    """The words of the tagged output's text, each with the numbers its letters carry (a
    word can run across blanks: Apertium glues some, "elcrecimientode")."""
    text = "".join(piece for piece, _ in tagged)
    owners = [numbers for piece, numbers in tagged for _ in piece]
    return [
        (m.group(), {n for i in range(*m.span()) for n in owners[i]}) for m in WORD.finditer(text)
    ]
