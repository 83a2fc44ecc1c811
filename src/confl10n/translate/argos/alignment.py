"""Word alignment of a sentence and its translation, from the model's cross-attention.

The translation (as the writers see it: figures restored, from the cache or an
approved one alike) is forced on the model as a target prefix, one greedy step
per token, and CTranslate2 returns the attention of each of its tokens over the
source tokens (the layer and heads the model's conversion chose: the first
head of the last layer for an Argos package, unless it was trained with
alignments). Each target word then aligns with the source word holding the
token it attends to most, if that weight is at least twice an even spread;
words with flatter attention stay unaligned. Token offsets come from finding
each token's text in the sentence in turn; a tokenizer that rewrites the text
(normalized quotes, escaped ``&``) gives no alignment for that sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from confl10n.text.inline import AlignedWord, Range

_MARKERS = "▁"  # SentencePiece's word start; BPE's "@@" continuation is cut off the end


@dataclass(frozen=True, slots=True)
class Segmented:
    """A text's tokens as offsets in it (``spans``, one per token) and its words (each a
    run of token indexes)."""

    spans: list[Range]
    words: list[range]

    def word_range(self, word: range) -> Range:
        """The offsets of ``word`` in the text."""
        return self.spans[word[0]][0], self.spans[word[-1]][1]


def segmented(text: str, tokens: Sequence[str], starts: Sequence[int]) -> Segmented | None:
    """``tokens`` of ``text`` located in it, words beginning at ``starts`` (token indexes);
    None when a token's text is not found where the previous one ended."""
    spans = token_spans(text, tokens)
    if spans is None:
        return None
    cuts = sorted({0, *starts, len(tokens)})
    return Segmented(spans, [range(a, b) for a, b in pairwise(cuts) if a < b])


def token_spans(text: str, tokens: Sequence[str]) -> list[Range] | None:
    """Each token's ``(start, end)`` in ``text``, white space skipped between tokens (a bare
    word-start token is empty, at the next word); None where a token does not follow."""
    spans: list[Range] = []
    cursor = 0
    for token in tokens:
        piece = token.replace(_MARKERS, "").removesuffix("@@")
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
        if not text.startswith(piece, cursor):
            return None
        spans.append((cursor, cursor + len(piece)))
        cursor += len(piece)
    return spans


def aligned_words(
    source: Segmented, target: Segmented, attention: Sequence[Sequence[float]]
) -> tuple[AlignedWord, ...]:
    """Each word of ``target`` with the ``source`` word it attends to most (``attention``:
    one row per target token, one column per source token, maybe one more for ``</s>``),
    where that weight is at least twice an even spread over the source tokens."""
    owner = {token: word for word in source.words for token in word}
    floor = min(0.5, 2.0 / (len(owner) + 1))
    found: list[AlignedWord] = []
    for word in target.words:
        best = _strongest([attention[i] for i in word if i < len(attention)], len(owner))
        if best is not None and best[1] >= floor:
            source_range = source.word_range(owner[best[0]])
            found.append(AlignedWord(target.word_range(word), source_range))
    return tuple(found)


def _strongest(rows: Sequence[Sequence[float]], columns: int) -> tuple[int, float] | None:
    """The column (below ``columns``) with the highest weight in any of ``rows``, and it."""
    weights = [(column, row[column]) for row in rows for column in range(min(columns, len(row)))]
    return max(weights, key=lambda pair: pair[1], default=None)
