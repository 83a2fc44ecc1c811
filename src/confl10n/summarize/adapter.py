"""The bridge to sumy: its document model built from our sentences, its ratings read back.

sumy is imported here only (inside functions: it pulls in NLTK and numpy).
Everything is built per call, so concurrent calls share nothing mutable.
"""

from __future__ import annotations

import importlib
import itertools
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from confl10n.text.words import split_words

# Sentences sumy rates together at most. LexRank, TextRank, Reduction, KL and SumBasic
# compare every pair of sentences (and LSA factorizes a terms x sentences matrix), so
# one long paragraph would cost time and memory quadratic in its length: a longer text
# is rated in consecutive windows of about this many sentences instead (near-linear).
WINDOW = 128

# name -> (module under sumy.summarizers, class); lexrank, the default, first.
SUMMARIZERS: dict[str, tuple[str, str]] = {
    "lexrank": ("lex_rank", "LexRankSummarizer"),
    "textrank": ("text_rank", "TextRankSummarizer"),
    "lsa": ("lsa", "LsaSummarizer"),
    "luhn": ("luhn", "LuhnSummarizer"),
    "edmundson": ("edmundson", "EdmundsonSummarizer"),
    "kl": ("kl", "KLSummarizer"),
    "sumbasic": ("sum_basic", "SumBasicSummarizer"),
    "reduction": ("reduction", "ReductionSummarizer"),
}


class Identified(Protocol):
    """What a block holds: anything with a sentence ID and text."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Block:
    """One sumy paragraph: heading lines (Edmundson reads them), then body sentences."""

    headings: tuple[str, ...]
    sentences: tuple[Identified, ...]


class Rater:
    """A sumy summarizer set up for one call: rates the sentences of some blocks.

    ``cue`` holds Edmundson's (bonus, stigma, null) words; the other algorithms
    get the language's stop words instead.
    """

    def __init__(
        self, algorithm: str, *, language: str, lang: str, cue: tuple[frozenset[str], ...] | None
    ) -> None:
        module_name, class_name = SUMMARIZERS[algorithm]
        module = importlib.import_module(f"sumy.summarizers.{module_name}")
        self._summarizer = getattr(module, class_name)(stemmer(language))
        if cue is None:
            self._summarizer.stop_words = stop_words(language)
        else:
            self._summarizer.bonus_words, self._summarizer.stigma_words = cue[0], cue[1]
            self._summarizer.null_words = cue[2]
        self._words = SumyWords(lang)

    def rate(self, blocks: Sequence[Block]) -> list[float]:
        """sumy's rating of every body sentence of ``blocks``, in order (0.0 if unrated).

        Over :data:`WINDOW` sentences, each window of consecutive sentences is rated
        on its own, with a :class:`LongTextWarning` naming the sentences concerned.
        """
        windows = split_windows(blocks, WINDOW)
        if len(windows) > 1:
            warnings.warn(LongTextWarning(blocks, len(windows)), stacklevel=2)
        return [score for window in windows for score in self._rate(window)]

    def _rate(self, blocks: Sequence[Block]) -> list[float]:
        ranking = _Ranking()
        with _numpy_quiet():
            self._summarizer(sumy_document(blocks, self._words), ranking)
        size = sum(len(block.sentences) for block in blocks)
        return [_finite(ranking.ratings.get(i, 0.0)) for i in range(size)]


class LongTextWarning(UserWarning):
    """A text too long to rate as one was rated in windows (its summary is approximate)."""

    def __init__(self, blocks: Sequence[Block], windows: int) -> None:
        body = [s for block in blocks for s in block.sentences]
        super().__init__(
            f"sentences {body[0].id} to {body[-1].id}: {len(body)} sentences rated in "
            f"{windows} windows of at most {WINDOW} consecutive sentences, not as one text "
            "(bounds time and memory; the summary is approximate)"
        )


def split_windows(blocks: Sequence[Block], size: int) -> list[list[Block]]:
    """``blocks`` cut into runs of at most ``size`` body sentences, as even as possible.

    Each run keeps its blocks' grouping; a block cut in two keeps its headings on
    its first part. Up to ``size`` sentences, the one run is ``blocks`` itself.
    """
    flat = [(i, sentence) for i, block in enumerate(blocks) for sentence in block.sentences]
    count = -(-len(flat) // size)
    if count <= 1:
        return [list(blocks)]
    cuts = [len(flat) * i // count for i in range(count + 1)]
    return [_regroup(blocks, flat[start:end]) for start, end in itertools.pairwise(cuts)]


def _regroup(blocks: Sequence[Block], run: list[tuple[int, Identified]]) -> list[Block]:
    """The sentences of ``run`` (block index, sentence) grouped back into their blocks."""
    grouped: dict[int, list[Identified]] = {}
    for index, sentence in run:
        grouped.setdefault(index, []).append(sentence)
    return [
        Block(blocks[i].headings if part[0] is blocks[i].sentences[0] else (), tuple(part))
        for i, part in grouped.items()
    ]


class _Ranking:
    """Given to sumy as the sentence count: records every rating and keeps every sentence.

    sumy calls its count with ``(sentence, order, rating)`` for all sentences, best
    first; so we get the algorithm's own scores without re-implementing any of it,
    and select (with a deterministic tie-break) ourselves.
    """

    def __init__(self) -> None:
        self.ratings: dict[int, float] = {}

    def __call__(self, infos: Sequence[Any]) -> Sequence[Any]:
        self.ratings = {info.order: float(info.rating) for info in infos}
        return infos


class SumyWords:
    """sumy's tokenizer interface over :func:`confl10n.text.words.split_words`."""

    def __init__(self, lang: str) -> None:
        self._lang = lang

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The sentence's words (numbers included), as sumy asks for them."""
        return tuple(split_words(sentence, lang=self._lang))


def sumy_document(blocks: Sequence[Block], words: SumyWords) -> Any:
    """sumy's document model for ``blocks``: one paragraph each, headings first."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    paragraphs = []
    for block in blocks:
        heads = [SumySentence(text, words, is_heading=True) for text in block.headings]
        body = [SumySentence(s.text, words) for s in block.sentences]
        paragraphs.append(Paragraph(heads + body))
    return ObjectDocumentModel(paragraphs)


def stemmer(language: str) -> Callable[[str], str]:
    """NLTK's Snowball stemmer via sumy where it works offline, else no stemming.

    Each call gets its own memo: sumy stems every word several times and Snowball
    is slow, so this makes the stem-heavy algorithms (Edmundson, Luhn) faster.
    """
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    try:
        stem: Callable[[str], str] = Stemmer(language)
        # sumy's Greek and Polish stemmers need optional packages and fail only when called.
        stem("probe")
    except (LookupError, ValueError):
        return null_stemmer  # type: ignore[no-any-return]

    @cache
    def stemmed(word: str) -> str:
        # Numbers are words here; stemmers have nothing to do with them (Czech's warns).
        return word if word[:1].isdigit() else stem(word)

    return stemmed


@cache
def stop_words(language: str) -> frozenset[str]:
    """sumy's bundled stop words for ``language`` (read once; immutable)."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words(language))


def _finite(score: float) -> float:
    """sumy's LexRank yields NaN when no two sentences are similar; call that 0."""
    return score if math.isfinite(score) else 0.0


def _numpy_quiet() -> Any:
    """numpy's (thread-local) error state silenced, for that same 0/0 in LexRank."""
    import numpy

    return numpy.errstate(divide="ignore", invalid="ignore")
