"""Extractive summaries per section, with sumy's algorithms fed our own sentences and words.

Each section is summarized on its own, so the cost grows linearly with the
article, and every selected sentence keeps its ID: a translated bulletin reuses
the translated sentences instead of summarizing the translation again.

sumy gets the reader's sentences and :mod:`confl10n.text.words` words, never its
NLTK tokenizer (which needs downloaded data). Stop words come from sumy's
bundled lists; stemming from NLTK's Snowball stemmers (no data needed), or
none where a language has no stemmer that works offline.

A score is the algorithm's own rating of a sentence: higher is better, and it
is comparable only within one section. Ties (to 12 significant digits, so
floating-point noise cannot reorder them) go to the earlier sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from confl10n.document import Article, Paragraph, Section, Sentence
from confl10n.summarize import options
from confl10n.summarize.adapter import Block, Rater
from confl10n.summarize.options import ALGORITHMS, LANGUAGES

__all__ = [
    "ALGORITHMS",
    "LANGUAGES",
    "ArticleSummary",
    "ScoredSentence",
    "SectionSummary",
    "TextSummary",
    "summarize_sections",
    "summarize_text",
]

_LEDE_POOL = 64  # summary sentences the lede is chosen from: keeps its cost bounded


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A selected sentence: its ID in the article, its text and the algorithm's score."""

    id: str
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class SectionSummary:
    """One section's selected sentences in source order; ``size`` counts all its sentences."""

    id: str
    heading: str | None
    sentences: tuple[ScoredSentence, ...]
    size: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """Per-section summaries plus the lede (the article-level summary), all by sentence ID."""

    title: str | None
    algorithm: str
    lang: str
    lede: tuple[ScoredSentence, ...]
    sections: tuple[SectionSummary, ...]

    @property
    def sentence_ids(self) -> tuple[str, ...]:
        """IDs of every selected section sentence, in source order."""
        return tuple(s.id for section in self.sections for s in section.sentences)


@dataclass(frozen=True, slots=True)
class TextSummary:
    """A whole-article summary that ignores sections; ``size`` counts all sentences."""

    title: str | None
    algorithm: str
    lang: str
    sentences: tuple[ScoredSentence, ...]
    size: int


def summarize_sections(
    article_or_text: Article | str,
    *,
    algorithm: str = "lexrank",
    sentences: int | None = None,
    ratio: float | None = None,
    lang: str | None = None,
    bonus_words: Iterable[str] | None = None,
    stigma_words: Iterable[str] | None = None,
    null_words: Iterable[str] | None = None,
    lede: int | None = None,
) -> ArticleSummary:
    """Summarize every section of an article (a string is read with the reader first).

    ``sentences=N`` or ``ratio=R`` sets each section's length (default: 1 for
    up to 3 sentences, 2 up to 8, else 3); ``lede`` the lede's (default 1 or 2,
    0 for none). ``lang`` defaults to the article's. The three word lists are
    Edmundson's (default: title and heading words, no stigma, stop words).

    Raises :class:`~confl10n.errors.InvalidOptionError` for a bad length, algorithm or word
    list, :class:`~confl10n.errors.UnsupportedLanguageError` for a language summaries do not
    support, :class:`~confl10n.errors.InputError` for an article without sentences to
    summarize.
    """
    options.check_length(sentences, ratio)
    options.check_lede(lede)
    article = _article(article_or_text, lang)
    run = _Run(article, algorithm, lang, (bonus_words, stigma_words, null_words))
    options.check_body(article.sentences, article.source_name)
    summaries = tuple(run.section(section, sentences, ratio) for section in article.sections)
    return ArticleSummary(
        _text(article.title), run.algorithm, run.lang, run.lede(summaries, lede), summaries
    )


def summarize_text(
    article_or_text: Article | str,
    *,
    algorithm: str = "lexrank",
    sentences: int | None = None,
    ratio: float | None = None,
    lang: str | None = None,
    bonus_words: Iterable[str] | None = None,
    stigma_words: Iterable[str] | None = None,
    null_words: Iterable[str] | None = None,
) -> TextSummary:
    """Summarize a whole article as one text, across sections; options as above.

    Raises what :func:`summarize_sections` raises.
    """
    options.check_length(sentences, ratio)
    article = _article(article_or_text, lang)
    run = _Run(article, algorithm, lang, (bonus_words, stigma_words, null_words))
    body = article.sentences
    options.check_body(body, article.source_name)
    chosen = run.select(_article_blocks(article), options.count(len(body), sentences, ratio))
    return TextSummary(_text(article.title), run.algorithm, run.lang, chosen, len(body))


class _Run:
    """One call's checked options and sumy summarizer; built per call, never shared."""

    def __init__(
        self,
        article: Article,
        algorithm: str,
        lang: str | None,
        word_lists: tuple[Iterable[str] | None, ...],
    ) -> None:
        self.algorithm = options.check_algorithm(algorithm)
        self.lang, language = options.language(lang or article.lang)
        self._title = _text(article.title)
        cue = options.cue_words(article, self.algorithm, (self.lang, language), word_lists)
        self._rater = Rater(self.algorithm, language=language, lang=self.lang, cue=cue)

    def section(
        self, section: Section, sentences: int | None, ratio: float | None
    ) -> SectionSummary:
        """Summarize one section; its heading (the title for the intro) heads it for sumy."""
        paragraphs = _prose(section.paragraphs)
        body = tuple(s for p in paragraphs for s in p.sentences)
        heading = _text(section.heading)
        if not body:  # only sub-headings (or a table) below the heading: nothing to summarize
            return SectionSummary(section.id, heading, (), 0)
        options.check_body(body, f"section {section.id}")
        heads = tuple(h for h in (heading or self._title,) if h)
        blocks = [Block(heads if i == 0 else (), p.sentences) for i, p in enumerate(paragraphs)]
        chosen = self.select(blocks, options.count(len(body), sentences, ratio))
        return SectionSummary(section.id, heading, chosen, len(body))

    def lede(
        self, summaries: Sequence[SectionSummary], count: int | None
    ) -> tuple[ScoredSentence, ...]:
        """Choose the lede among the sections' selections (the first ``_LEDE_POOL`` of them)."""
        title = (self._title,) if self._title else ()
        blocks = [Block(title if i == 0 else (), s.sentences) for i, s in enumerate(summaries)]
        blocks = _capped(blocks, _LEDE_POOL)
        size = sum(len(block.sentences) for block in blocks)
        if count == 0 or size == 0:
            return ()
        return self.select(blocks, count or (1 if size <= 3 else 2))

    def select(self, blocks: Sequence[Block], count: int) -> tuple[ScoredSentence, ...]:
        """The ``count`` best-rated sentences of ``blocks``, in source order."""
        body = [s for block in blocks for s in block.sentences]
        scores = self._rater.rate(blocks)
        best = sorted(range(len(body)), key=lambda i: (-_tie_key(scores[i]), i))[:count]
        return tuple(ScoredSentence(body[i].id, body[i].text, scores[i]) for i in sorted(best))


def _article(article_or_text: Article | str, lang: str | None) -> Article:
    """The article itself, or the string read and segmented by the reader."""
    if isinstance(article_or_text, Article):
        return article_or_text
    from confl10n.text.reader import parse_text

    return parse_text(article_or_text, lang=lang)


def _article_blocks(article: Article) -> list[Block]:
    """The whole article as sumy paragraphs; the title and headings head their text."""
    blocks: list[Block] = []
    for section in article.sections:
        first = (article.title if not blocks else None, section.heading)
        heads = tuple(head.text for head in first if head is not None)
        paragraphs = _prose(section.paragraphs)
        blocks += [Block(heads if i == 0 else (), p.sentences) for i, p in enumerate(paragraphs)]
    return blocks


def _prose(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs a summary may quote: not table cells (a cell is no sentence of its own)."""
    return [p for p in paragraphs if p.kind != "table_cell"]


def _capped(blocks: Sequence[Block], limit: int) -> list[Block]:
    """The first ``limit`` sentences of ``blocks``, grouped as they were."""
    kept = []
    for block in blocks:
        if limit <= 0:
            break
        kept.append(Block(block.headings, block.sentences[:limit]))
        limit -= len(block.sentences)
    return kept


def _text(sentence: Sentence | None) -> str | None:
    """The text of a title or heading that may be absent."""
    return None if sentence is None else sentence.text


def _tie_key(score: float) -> float:
    """``score`` to 12 significant digits, so float noise never decides a tie."""
    return float(f"{score:.12g}")
