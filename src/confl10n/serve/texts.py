"""Request texts in and out of the document model, so the library translates them whole.

A LibreTranslate request carries one text or a list of them, plain or HTML. All
of a request's texts become one :class:`~confl10n.document.Article` (one
paragraph per non-blank line, sentences split as everywhere else), so the
engine sees every sentence in one batch and the figures are protected and
checked as in the CLI. :meth:`Batch.reassemble` puts each translated sentence
back where its source was, keeping everything between sentences (line breaks,
indentation, HTML markup) as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from confl10n.document import Article, Inline, Paragraph, Section, Sentence
from confl10n.languages import facts
from confl10n.text.segmentation import split_sentences

_SEPARATOR = "\n\n"
PLACEABLE = re.compile(r"\[X\d+X\]")
"""Weblate's placeables (``[X6X]``): kept from the engine as code is, so they come back."""


@dataclass(frozen=True, slots=True)
class _Place:
    text: int  # index of the request text the sentence came from
    start: int  # span in that text
    end: int
    id: str


@dataclass(frozen=True, slots=True)
class Batch:
    """A request's texts as one article, and where each of its sentences came from."""

    texts: tuple[str, ...]
    article: Article
    places: tuple[_Place, ...]

    def reassemble(self, translated: Mapping[str, str], *, target: str) -> list[str]:
        """Each text with its sentences replaced by ``translated[unit id]``."""
        joiner = None if facts(target).spaced else ""
        pieces: list[list[str]] = [[] for _ in self.texts]
        ends = [0] * len(self.texts)
        for place in self.places:
            gap = self.texts[place.text][ends[place.text] : place.start]
            if joiner is not None and pieces[place.text] and gap.strip(" ") == "":
                gap = joiner
            pieces[place.text] += [gap, translated[place.id]]
            ends[place.text] = place.end
        return ["".join(p) + t[e:] for p, t, e in zip(pieces, self.texts, ends, strict=True)]


def plain_batch(texts: Sequence[str], lang: str) -> Batch:
    """The texts (already :func:`~confl10n.text.decoding.clean_text`) as one article in
    language ``lang``."""
    paragraphs: list[Paragraph] = []
    places: list[_Place] = []
    offset = 0
    for index, text in enumerate(texts):
        for start, line in _lines(text):
            number = len(paragraphs) + 1
            sentences = _sentences(line, lang, f"s1.p{number}", offset + start)
            if sentences:
                paragraphs.append(Paragraph(f"s1.p{number}", sentences, *_span(sentences)))
                places += [_Place(index, s.start - offset, s.end - offset, s.id) for s in sentences]
        offset += len(text) + len(_SEPARATOR)
    joined = _SEPARATOR.join(texts)
    sections = (Section("s1", None, tuple(paragraphs), 0, len(joined)),) if paragraphs else ()
    article = Article(None, sections, joined, lang=lang, source_name="<request>")
    return Batch(tuple(texts), article, tuple(places))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _sentences(line: str, lang: str, paragraph: str, offset: int) -> tuple[Sentence, ...]:
    spans = split_sentences(line, lang=lang)
    return tuple(
        Sentence(f"{paragraph}.t{n}", line[a:b], offset + a, offset + b, _placeables(line[a:b]))
        for n, (a, b) in enumerate(spans, 1)
    )


def _placeables(text: str) -> tuple[Inline, ...]:
    return tuple(Inline("code", m.start(), m.end()) for m in PLACEABLE.finditer(text))


def _span(sentences: tuple[Sentence, ...]) -> tuple[int, int]:
    return sentences[0].start, sentences[-1].end
