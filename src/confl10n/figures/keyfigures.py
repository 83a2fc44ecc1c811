"""Key figures an editor would print: ranked as an editor would, each saying what it counts.

A figure's label comes from its own clause (:func:`confl10n.quantities.counted.describe`):
the noun it counts, the subject it is predicated of when that is certain, or the
clause itself quoted (``label_source`` noun, subject or clause). A year joins the
label only when the same clause ties it to the figure (``AI companies, 2023``);
an old level after ``from`` borrows the label of the figure it is the old level
of, marked ``earlier level`` unless a year says when; an addition (``30 more
…``) says ``Additional``. A table cell is labelled by its row and column
headers. Other languages get the clause around the figure, quoted.

Ranking: the headline amounts first (money, the largest amounts, and figures in
the title or opening paragraphs), then shares, changes, measures and counts;
old levels and thresholds come last. Years, ordinals, dates and small counts
are left out; the same quantity written two ways (``2.4-kilometre``,
``2.4-km``) is one row, labelled from its best-described mention; at most
:data:`MAX_FIGURES` rows. Ties keep the article's order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from confl10n.document import Article, Paragraph, Quantity, Section, Sentence
from confl10n.quantities.counted import Description, LabelSource, describe, quote

__all__ = ["MAX_FIGURES", "KeyFigure", "key_figures", "with_labels"]

MAX_FIGURES = 12
HEADLINE_PARAGRAPHS = 2
"""The title and this many opening paragraphs hold an article's headline figures."""
SMALL_AMOUNT = 1000
"""Money below the article's largest amount divided by this is a small increment: no
headline, however early it comes (a £1.20 fare rise beside a £2.3 billion budget)."""
OPENING_BONUS = 35
"""What a figure in the title or opening paragraphs adds to its score (money of 10
million scores 21 for its size, a share 40 for its kind)."""

_KIND_WEIGHT = {"money": 50, "percent": 40, "measure": 20, "count": 10, "number": 5}
_ROLE_WEIGHT = {"level": 0, "change": 10, "addition": -5, "earlier": -40, "threshold": -45}
_SOURCE_RANK: dict[LabelSource, int] = {"noun": 0, "subject": 1, "clause": 2}


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A figure chosen for the table: the quantity, its label and its rank score.

    ``label_source`` is ``noun``, ``subject`` or ``clause`` (a quote of the
    source); ``label_id`` is the label's stable translation-unit ID
    (``s2.p3.t1.f1``: the figure's sentence and its place among the sentence's
    figures).
    """

    quantity: Quantity
    label: str
    score: int
    label_source: LabelSource = "clause"
    label_id: str = ""


def key_figures(
    article: Article, quantities: Iterable[Quantity], *, limit: int | None = MAX_FIGURES
) -> tuple[KeyFigure, ...]:
    """The article's newsworthy figures, best first, one row per quantity, with labels.

    At most ``limit`` rows (None: every figure worth a row).
    """
    quantities = tuple(quantities)
    money = [abs(_value(q)) for q in quantities if q.kind == "money"]
    places = _Places(article, max(money, default=Decimal(0)))
    best: dict[tuple[object, ...], tuple[int, KeyFigure]] = {}
    for order, q in enumerate(quantities):
        located = places.find(q)
        if located is None or not _worth_a_row(q):
            continue
        figure = places.figure(q, *located)
        key = _same_quantity(q)
        if key not in best or _better(figure, best[key][1]):
            kept = best[key][0] if key in best else order
            best[key] = (kept, replace(figure, score=max(figure.score, _score_of(best, key))))
    ranked = sorted(best.values(), key=lambda pair: (-pair[1].score, pair[0]))
    return tuple(figure for _, figure in ranked[:limit])


def _score_of(
    best: dict[tuple[object, ...], tuple[int, KeyFigure]], key: tuple[object, ...]
) -> int:
    return best[key][1].score if key in best else -1000


def _better(new: KeyFigure, old: KeyFigure) -> bool:
    """A mention described better (noun over subject over a quote; on a tie, the body
    over the title, whose quote would be the headline itself) than the one kept."""
    ranks = _SOURCE_RANK[new.label_source], _SOURCE_RANK[old.label_source]
    return ranks[0] < ranks[1] or (ranks[0] == ranks[1] and old.quantity.sentence_id == "title")


def _same_quantity(q: Quantity) -> tuple[object, ...]:
    """What makes two mentions the same quantity, however written."""
    unit = q.unit.lower() if q.kind == "count" and q.unit else q.unit
    return (q.kind, q.value, q.upper, unit)


class _Places:
    """Where each figure sits in the article: its sentence, paragraph and headline status."""

    def __init__(self, article: Article, largest: Decimal) -> None:
        self.article = article
        self.largest = largest  # the article's largest amount of money
        self._where: dict[str, tuple[Sentence, Paragraph, bool]] = {}
        opening = _opening_paragraphs(article)
        for section in article.sections:
            for paragraph in section.paragraphs:
                for sentence in paragraph.sentences:
                    self._where[sentence.id] = (sentence, paragraph, paragraph.id in opening)
        title = article.title
        if title is not None:  # a figure in the title is a headline figure
            self._where[title.id] = (
                title,
                Paragraph(title.id, (title,), title.start, title.end),
                True,
            )
        self._seen: dict[str, int] = {}

    def find(self, q: Quantity) -> tuple[Sentence, Paragraph, bool] | None:
        """The figure's sentence, paragraph and whether it opens the article."""
        return self._where.get(q.sentence_id or "")

    def figure(
        self, q: Quantity, sentence: Sentence, paragraph: Paragraph, opening: bool
    ) -> KeyFigure:
        """The row for ``q``: labelled from its sentence, scored, with its label ID."""
        self._seen[sentence.id] = self._seen.get(sentence.id, 0) + 1
        label_id = f"{sentence.id}.f{self._seen[sentence.id]}"
        start, end = _local(sentence, q)
        label, source, role = self._label(q, sentence, paragraph, (start, end))
        small = q.kind == "money" and abs(_value(q)) * SMALL_AMOUNT < self.largest
        score = _score(q, role, opening and not small) - (
            _ROLE_WEIGHT["change"] if small and role == "change" else 0
        )
        return KeyFigure(q, label[:1].upper() + label[1:], score, source, label_id)

    def _label(
        self, q: Quantity, sentence: Sentence, paragraph: Paragraph, span: tuple[int, int]
    ) -> tuple[str, LabelSource, str]:
        if paragraph.kind == "table_cell" and paragraph.cell is not None:
            header = _cell_label(self.article, paragraph)
            if header:
                return header, "subject", "level"
        if self.article.lang.split("-")[0].lower() != "en":
            return quote(sentence.text, *span), "clause", "level"
        found = describe(
            sentence.text, *span, kind=q.kind, unit=q.unit, is_range=q.upper is not None
        )
        return _worded(found, self._previous(sentence, span[0])), found.source, found.role

    def _previous(self, sentence: Sentence, start: int) -> Description | None:
        """The description of the figure before ``start`` in the same sentence (an old
        level's new level), if it has a noun or a subject."""
        earlier = [
            q for q in _figures_in(self.article, sentence) if _local(sentence, q)[1] <= start
        ]
        if not earlier:
            return None
        q = earlier[-1]
        found = describe(
            sentence.text,
            *_local(sentence, q),
            kind=q.kind,
            unit=q.unit,
            is_range=q.upper is not None,
        )
        return found if found.source != "clause" else None


def _figures_in(article: Article, sentence: Sentence) -> list[Quantity]:
    from confl10n.quantities.find import find_quantities

    return [q for q in find_quantities(sentence.text) if q.kind in _KIND_WEIGHT]


def _worded(found: Description, previous: Description | None) -> str:
    """The label as printed: with its year, an old level's or an addition's wording."""
    if found.role == "earlier" and found.source == "clause" and previous is not None:
        return (
            f"{previous.label}, {found.year}" if found.year else f"{previous.label}, earlier level"
        )
    if found.source == "clause" or not found.year or found.year in found.label:
        return found.label  # a quote says its own year
    return f"{found.label}, {found.year}"


def _cell_label(article: Article, cell: Paragraph) -> str:
    """A table cell's row header and column header: ``Northgate, Loss in 2023``."""
    assert cell.cell is not None
    row, column = cell.cell
    section = next(s for s in article.sections if cell in s.paragraphs)
    near = [p for p in section.paragraphs if p.kind == "table_cell" and p.cell is not None]
    grid = {p.cell: (p.text or p.literal).strip() for p in near}
    parts = [grid.get((row, 0), ""), grid.get((0, column), "")] if column else []
    return ", ".join(p for p in parts if p and not any(c.isdigit() for c in p[:1]))


def _opening_paragraphs(article: Article) -> set[str]:
    """The IDs of the first section's first running-text paragraphs: the headline figures'."""
    if not article.sections:
        return set()
    prose = [p.id for p in article.sections[0].paragraphs if p.kind == "text" and p.sentences]
    return set(prose[:HEADLINE_PARAGRAPHS])


def _worth_a_row(q: Quantity) -> bool:
    """Written in digits, of a kind worth a row, not a year and not a small count."""
    if q.kind not in _KIND_WEIGHT or not any(c.isdigit() for c in q.text):
        return False
    value = q.value if isinstance(q.value, Decimal) else None
    if value is None:
        return False
    if q.kind in ("count", "number") and _looks_like_year(q):
        return False
    small = 100 if q.kind == "number" else 10 if q.kind == "count" else 0
    return abs(value) >= small


def _looks_like_year(q: Quantity) -> bool:
    return q.text.isdigit() and len(q.text) == 4 and 1900 <= int(q.text) <= 2100


def _score(q: Quantity, role: str, opening: bool) -> int:
    """Kind first; money by its size; the opening paragraphs, a change and thousands add."""
    value = abs(_value(q))
    size = 0
    if q.kind == "money" and value >= 1:
        size = min(30, round(3 * math.log10(value)))
    elif q.kind in ("count", "number") and value >= 1000:
        size = 5
    return (
        _KIND_WEIGHT[q.kind] + size + _ROLE_WEIGHT.get(role, 0) + (OPENING_BONUS if opening else 0)
    )


def _value(q: Quantity) -> Decimal:
    return q.value if isinstance(q.value, Decimal) else Decimal(0)


def _local(sentence: Sentence, q: Quantity) -> tuple[int, int]:
    """The figure's span inside its sentence (article quantities carry article offsets)."""
    start = sentence.text.find(q.text, max(0, q.start - sentence.start - 2))
    start = start if start >= 0 else max(0, q.start - sentence.start)
    return start, start + len(q.text)


def with_labels(article: Article, figures: Sequence[KeyFigure]) -> tuple[Article, dict[str, str]]:
    """``article`` plus a last section whose sentences are the figures' labels, and label -> ID.

    The build translates this article, so the labels are translated with the
    article (same engine, cache, approved translations and QA) while the
    bulletins' units stay the article's own. The label section's spans index
    the extended text.
    """
    labels = list(dict.fromkeys(f.label for f in figures if f.label))
    if not labels:
        return article, {}
    number = len(article.sections) + 1
    text, paragraphs, ids = article.text + "\n\n", [], {}
    for i, label in enumerate(labels, 1):
        start = len(text)
        sentence = Sentence(f"s{number}.p{i}.t1", label, start, start + len(label))
        paragraphs.append(Paragraph(f"s{number}.p{i}", (sentence,), sentence.start, sentence.end))
        ids[label] = sentence.id
        text += label + "\n\n"
    section = Section(f"s{number}", None, tuple(paragraphs), paragraphs[0].start, len(text))
    return replace(article, sections=(*article.sections, section), text=text), ids
