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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from confl10n.document import Article, Paragraph, Section, Sentence
from confl10n.summarize import options as options_module
from confl10n.summarize.adapter import Block, Identified, Rater
from confl10n.summarize.options import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DEFAULT_LEDE_MODE,
    LANGUAGES,
    LEDE_MODES,
    SummaryOptions,
)
from confl10n.summarize.selection import Picked, ineligible, opens_with_anaphor

__all__ = [
    "ALGORITHMS",
    "LANGUAGES",
    "LEDE_MODES",
    "ArticleSummary",
    "ScoredSentence",
    "SectionSummary",
    "SummaryOptions",
    "TextSummary",
    "summarize_sections",
    "summarize_text",
]

_LEDE_POOL = 64  # opening sentences a central lede is chosen from: keeps its cost bounded


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
    """Per-section summaries plus the lede (the article-level summary), all by sentence ID.

    ``lede_mode`` says how the lede was chosen: ``lead`` or ``central``.
    """

    title: str | None
    algorithm: str
    lang: str
    lede: tuple[ScoredSentence, ...]
    sections: tuple[SectionSummary, ...]
    lede_mode: str = "lead"

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
    article_or_text: Article | str, options: SummaryOptions | None = None, **changes: Any
) -> ArticleSummary:
    """Summarize every section of an article (a string is read with the reader first).

    ``options`` (:class:`~confl10n.summarize.options.SummaryOptions`) say how;
    keywords named as its fields (``sentences=1``, ``algorithm="textrank"``,
    ``lede_mode="central"``) change them for this call. The lede is the opening
    sentences (``lead``) or the algorithm's best-rated sentences of the article's
    first 64 (``central``); it is never repeated in a section summary, no
    sentence appears twice, and only eligible sentences are picked (see
    :mod:`confl10n.summarize.selection`); a section with none has an empty summary.

    Raises :class:`~confl10n.errors.InvalidOptionError` for a bad length, algorithm, word
    list or an unknown option, :class:`~confl10n.errors.UnsupportedLanguageError` for a
    language summaries do not support, :class:`~confl10n.errors.InputError` for an article
    without sentences to summarize.
    """
    asked = SummaryOptions.of(options, changes).checked()
    article = _article(article_or_text, asked.lang)
    run = _Run(article, asked)
    options_module.check_body(article.sentences, article.source_name)
    rated = [run.rate_section(section) for section in article.sections]
    picked = Picked(run.lang)
    mode = asked.lede_mode or DEFAULT_LEDE_MODE
    chosen_lede = run.lede(article, rated, asked.lede, mode, picked)
    summaries = tuple(run.pick_section(r, asked.sentences, asked.ratio, picked) for r in rated)
    title = _text(article.title)
    return ArticleSummary(title, run.algorithm, run.lang, chosen_lede, summaries, mode)


def summarize_text(
    article_or_text: Article | str, options: SummaryOptions | None = None, **changes: Any
) -> TextSummary:
    """Summarize a whole article as one text, across sections; options as above (the
    lede's are not used).

    Raises what :func:`summarize_sections` raises.
    """
    asked = SummaryOptions.of(options, changes).checked()
    article = _article(article_or_text, asked.lang)
    run = _Run(article, asked)
    body = article.sentences
    options_module.check_body(body, article.source_name)
    blocks = _article_blocks(article)
    count = options_module.count(len(body), asked.sentences, asked.ratio)
    chosen = run.select(blocks, _eligibility(article, run.lang), count, Picked(run.lang))
    return TextSummary(_text(article.title), run.algorithm, run.lang, chosen, len(body))


@dataclass(frozen=True, slots=True)
class _Rated:
    """One section's sentences with the algorithm's scores and whether each may be shown."""

    section: Section
    scores: tuple[float, ...]
    eligible: tuple[bool, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.section.sentences


class _Run:
    """One call's checked options and sumy summarizer; built per call, never shared."""

    def __init__(self, article: Article, asked: SummaryOptions) -> None:
        self.algorithm = asked.algorithm or DEFAULT_ALGORITHM
        self.lang, language = options_module.language(asked.lang or article.lang)
        self._title = _text(article.title)
        languages = (self.lang, language)
        cue = options_module.cue_words(article, self.algorithm, languages, asked.word_lists)
        self._rater = Rater(self.algorithm, language=language, lang=self.lang, cue=cue)

    def rate_section(self, section: Section) -> _Rated:
        """Rate one section; its heading (the title for the intro) heads it for sumy."""
        eligible = tuple(
            ineligible(s, p, lang=self.lang) is None
            for p in section.paragraphs
            for s in p.sentences
        )
        paragraphs = _prose(section.paragraphs)
        if not options_module.has_words([s for p in paragraphs for s in p.sentences]):
            return _Rated(section, (0.0,) * len(eligible), (False,) * len(eligible))
        heading = _text(section.heading)
        heads = tuple(h for h in (heading or self._title,) if h)
        blocks = [Block(heads if i == 0 else (), p.sentences) for i, p in enumerate(paragraphs)]
        rating = iter(self._rater.rate(blocks))
        scores = tuple(
            next(rating) if p.kind != "table_cell" else 0.0
            for p in section.paragraphs
            for _ in p.sentences
        )
        return _Rated(section, scores, eligible)

    def pick_section(
        self, rated: _Rated, sentences: int | None, ratio: float | None, picked: Picked
    ) -> SectionSummary:
        """The section's best eligible sentences not chosen yet (for the lede or elsewhere)."""
        section = rated.section
        size = sum(len(p.sentences) for p in _prose(section.paragraphs))
        count = options_module.count(size, sentences, ratio) if size else 0
        chosen = _best(rated.sentences, rated.scores, rated.eligible, count, picked)
        return SectionSummary(section.id, _text(section.heading), chosen, size)

    def lede(
        self,
        article: Article,
        rated: Sequence[_Rated],
        count: int | None,
        mode: str,
        picked: Picked,
    ) -> tuple[ScoredSentence, ...]:
        """The lede: the opening sentences (``lead``) or the most central ones (``central``)."""
        size = sum(sum(r.eligible) for r in rated)
        if count == 0 or size == 0:
            return ()
        count = count or (1 if size <= 3 else 2)
        if mode == "lead":
            return _lead(rated, count, picked)
        blocks = _capped(_article_blocks(article), _LEDE_POOL)
        return self.select(blocks, _eligibility(article, self.lang), count, picked)

    def select(
        self, blocks: Sequence[Block], eligible: dict[str, bool], count: int, picked: Picked
    ) -> tuple[ScoredSentence, ...]:
        """The ``count`` best-rated eligible sentences of ``blocks``, in source order."""
        body = [s for block in blocks for s in block.sentences]
        scores = self._rater.rate(blocks)
        flags = [eligible.get(s.id, False) for s in body]
        return _best(body, scores, flags, count, picked)


def _best(
    body: Sequence[Identified],
    scores: Sequence[float],
    eligible: Sequence[bool],
    count: int,
    picked: Picked,
) -> tuple[ScoredSentence, ...]:
    """Up to ``count`` eligible, unrepeated sentences by score (ties: earlier), in source order.

    A sentence that opens with an anaphor waits for the sentence before it: it is
    taken right after that one, never without it.
    """
    chosen: list[int] = []
    waiting: dict[str, int] = {}  # the sentence before -> the anaphoric one after it
    for i in sorted(range(len(body)), key=lambda i: (-_tie_key(scores[i]), i)):
        if len(chosen) == count:
            break
        if not eligible[i] or picked.repeats(body[i].id, body[i].text):
            continue
        if _points_back(body, i, picked):
            waiting[body[i - 1].id] = i
            continue
        while i >= 0 and len(chosen) < count and not picked.repeats(body[i].id, body[i].text):
            picked.add(body[i].id, body[i].text)
            chosen.append(i)
            i = waiting.pop(body[i].id, -1)
    return tuple(ScoredSentence(body[i].id, body[i].text, scores[i]) for i in sorted(chosen))


def _points_back(body: Sequence[Identified], i: int, picked: Picked) -> bool:
    """True when ``body[i]`` opens with an anaphor and the sentence before it is not chosen
    (the first sentence of ``body`` points back outside it: always True)."""
    if not opens_with_anaphor(body[i].text, lang=picked.lang):
        return False
    return i == 0 or body[i - 1].id not in picked.ids


def _lead(rated: Sequence[_Rated], count: int, picked: Picked) -> tuple[ScoredSentence, ...]:
    """The first ``count`` eligible sentences in reading order, with their section scores.

    Running text comes first: a block quote (an epigraph or a pull quote) opens
    the lede only when the article has too few other sentences. A sentence that
    opens with an anaphor is taken only after the sentence before it.
    """
    candidates: list[tuple[bool, int, Sentence, float, str | None]] = []
    before: str | None = None
    for entry in rated:
        rating = iter(zip(entry.scores, entry.eligible, strict=True))
        for paragraph in entry.section.paragraphs:
            for sentence in paragraph.sentences:
                score, ok = next(rating)
                if ok:
                    quoted = paragraph.kind != "text"
                    candidates.append((quoted, len(candidates), sentence, score, before))
                before = sentence.id
    chosen: list[tuple[int, ScoredSentence]] = []
    for _, position, sentence, score, previous in sorted(candidates, key=lambda c: (c[0], c[1])):
        if len(chosen) == count:
            break
        pointing = opens_with_anaphor(sentence.text, lang=picked.lang)
        if pointing and previous not in picked.ids:
            continue
        if not picked.repeats(sentence.id, sentence.text):
            picked.add(sentence.id, sentence.text)
            chosen.append((position, ScoredSentence(sentence.id, sentence.text, score)))
    return tuple(scored for _, scored in sorted(chosen, key=lambda c: c[0]))


def _eligibility(article: Article, lang: str) -> dict[str, bool]:
    """Sentence ID -> whether a summary may show it."""
    return {
        s.id: ineligible(s, p, lang=lang) is None
        for section in article.sections
        for p in section.paragraphs
        for s in p.sentences
    }


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
