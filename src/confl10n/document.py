"""The document model: Article -> Section -> Paragraph -> Sentence.

Every node is a frozen dataclass with a stable ID and the character span
``[start, end)`` it covers in :attr:`Article.text` (the decoded source with
line endings normalised to ``\\n``), so summaries, translations and figures can
point back at the exact source.

IDs:

* ``title`` — the article's title line;
* ``s2`` — the second section (the untitled intro, if any, is ``s1``);
* ``s2.h`` — that section's heading;
* ``s2.p3`` — its third paragraph;
* ``s2.p3.t1`` — the first sentence of that paragraph.

A table cell is a paragraph of its own (``kind`` ``table_cell``, numbered in
reading order: row by row, cell by cell), so tables are translated cell by cell.

A sentence's ``text`` is plain text: Markdown markup (link targets, emphasis
markers, code backticks, backslash escapes, inline HTML) is not in it;
:class:`Inline` spans record where links, code and emphasis were, so output
writers can put them back.

This module imports nothing from the project and nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Inline:
    """Inline markup over ``text[start:end]`` of a sentence (offsets in the sentence's text).

    ``kind`` is ``link`` (``target``: its URL), ``code`` (the text is the code,
    verbatim), ``url`` (a bare URL written in the text), ``dateline`` (a wire
    dateline opening a paragraph, ``SPRINGFIELD, Ill. (AP) —``), ``place`` (a place
    with a state abbreviation, ``Springfield, Ill.``), ``strong``, ``em``,
    ``strike``, or ``note`` (a footnote mark such as ``[1](#fn1)``: ``start ==
    end``, ``label`` its text, ``target`` its URL — the mark is not in the text);
    from HTML also ``element`` (any other text-level element: ``<sup>``,
    ``<span>``, ``<abbr>`` …, ``label`` its name) and ``void`` (markup with no
    text of its own at a point, ``start == end``: an image, a ``<br>``, an empty
    element, a footnote mark ``<sup>1</sup>``; ``tag`` is that markup as written).
    ``tag`` is the opening tag as written in an HTML source (``label`` its name),
    attributes and all, so a translated page keeps them; not compared.
    """

    kind: str
    start: int
    end: int
    target: str = ""
    label: str = ""
    tag: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or a title/heading line) and where it sits in the source.

    ``start``/``end`` span the sentence in the source, markup included; ``text``
    is its plain text and ``spans`` its inline markup (see :class:`Inline`).
    """

    id: str
    text: str
    start: int
    end: int
    spans: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of running text; ``kind`` is ``text``, ``list_item``, ``quote`` or ``table_cell``.

    ``truncated`` marks a paragraph that stops mid-sentence or mid-quote (an
    article cut off by its source); it is kept as it is, never completed.
    ``marker`` is the Markdown prefix its first line is written with (``- ``,
    ``2. ``, ``> ``, ``> - ``, ``  - `` for a nested item; empty for plain
    paragraphs). ``cell`` is ``(row, column)`` for a table cell, row 0 being the
    header row; a cell may have no sentences (an empty or figure-only cell keeps
    its text in ``literal``).
    """

    id: str
    sentences: tuple[Sentence, ...]
    start: int
    end: int
    kind: str = "text"
    truncated: bool = False
    marker: str = ""
    cell: tuple[int, int] | None = None
    literal: str = ""

    @property
    def text(self) -> str:
        """The paragraph's sentences joined by single spaces."""
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (absent for the intro) and the paragraphs below it."""

    id: str
    heading: Sentence | None
    paragraphs: tuple[Paragraph, ...]
    start: int
    end: int
    level: int = 2

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Body sentences in source order (the heading excluded)."""
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True, slots=True)
class Article:
    """A whole article: its title, sections and the normalised source text.

    ``published`` comes from the article's front matter (``date: 2024-12-20``)
    when it has one; it resolves dates written without a year. ``warnings``
    lists what the reader repaired or dropped (stripped control characters,
    boilerplate blocks, a truncated ending). ``source_format`` is what it was read
    from: ``text``, ``markdown``, ``html`` or ``docx``.
    """

    title: Sentence | None
    sections: tuple[Section, ...]
    text: str
    lang: str = "en"
    source_name: str = "<string>"
    published: date | None = None
    warnings: tuple[str, ...] = field(default=())
    source_format: str = "text"

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every body sentence of every section, in source order."""
        return tuple(s for sec in self.sections for s in sec.sentences)

    def units(self) -> Iterator[Sentence]:
        """Everything a translator must translate: title, headings, sentences."""
        if self.title is not None:
            yield self.title
        for section in self.sections:
            if section.heading is not None:
                yield section.heading
            yield from section.sentences

    def find(self, node_id: str) -> Sentence | Paragraph | Section:
        """Return the node with ``node_id``; raise ``KeyError`` if there is none."""
        for node in self._walk():
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def _walk(self) -> Iterator[Sentence | Paragraph | Section]:
        if self.title is not None:
            yield self.title
        for section in self.sections:
            yield section
            if section.heading is not None:
                yield section.heading
            for paragraph in section.paragraphs:
                yield paragraph
                yield from paragraph.sentences


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in English text: what was written, where, and what it means.

    ``start``/``end`` index the text it was found in (a sentence, or
    :attr:`Article.text` for :func:`confl10n.quantities.find.article_quantities`).

    ``kind`` is one of

    * ``number``, ``count`` (a number with its noun, ``unit`` the noun);
    * ``percent`` (``value`` in percent: 10.2);
    * ``money`` (``unit`` an ISO 4217 code, ``value`` in whole units: 380000000000);
    * ``measure`` (``unit`` a CLDR unit id such as ``area-square-kilometer`` or
      ``duration-year`` — "a 30-year loan" is 30 ``duration-year`` — or
      ``percentage-point``, which CLDR lacks); a compound duration ("1 hour 20
      minutes", "2h 5m", "2:01:09") is one measure in a CLDR mixed unit
      (``duration-hour-and-minute``) with ``value`` in its smallest unit (80) and
      ``decimals`` those of that unit: :func:`duration_terms` gives back its terms;
    * ``multiplier`` ("2.5x", "threefold": ``value`` 2.5, 3);
    * ``fraction`` ("a third": ``value`` the fraction to 6 places, ``unit`` "1/3");
    * ``time`` (a time of day, "8 p.m.": ``value`` a :class:`~datetime.time`);
    * ``ordinal``, ``date`` or ``flagged``;
    * ``label`` ("8(a)", "M2-M1"; only from :func:`confl10n.quantities.find.find_labels`):
      digits that name something, kept exactly as written (``value`` None).

    A range ("500 to 1,000 yuan", "$4-5 billion") has ``value`` 500 and ``upper``
    1000, both fully scaled and sharing the unit; a date range ("2022-2023",
    "September and October 2024") has two dates. A date's ``value`` is a
    :class:`~datetime.date` and ``parts`` says what was written: ``ymd``, ``md``,
    ``d``, ``ym``, ``m`` (a month alone), ``y`` or ``fy`` (a fiscal year, "FY
    2024"). Parts not written were resolved from a reference date (the article's
    publication date; ``note`` says which year was inferred); without one, the
    year (and month) left out are placeholders (year 2000, January) that nothing
    renders. ``decimals`` is how many digits followed the decimal point, ``scale``
    the scale word ("billion", "bn"). ``flagged`` quantities (ambiguous dates,
    absurd numbers) have ``value`` None; ``note`` says why a quantity deserves a
    human look.
    """

    kind: str
    text: str
    start: int
    end: int
    value: Decimal | date | time | None
    upper: Decimal | date | None = None
    unit: str | None = None
    decimals: int = 0
    scale: str | None = None
    parts: str | None = None
    sentence_id: str | None = None
    note: str | None = None


DURATION_STEPS: dict[str, tuple[str, int]] = {
    "duration-year": ("duration-month", 12),
    "duration-week": ("duration-day", 7),
    "duration-day": ("duration-hour", 24),
    "duration-hour": ("duration-minute", 60),
    "duration-minute": ("duration-second", 60),
    "duration-second": ("duration-millisecond", 1000),
}
"""Each duration unit a compound duration may hold, with the next smaller unit and how
many of it the unit holds (a month holds no fixed number of days: none follows it)."""


def duration_units(unit: str | None) -> tuple[str, ...]:
    """The CLDR units of a compound duration's mixed unit, largest first
    (``duration-hour-and-minute`` -> ``duration-hour``, ``duration-minute``); () for any
    other unit."""
    if not unit or not unit.startswith("duration-") or "-and-" not in unit:
        return ()
    return tuple(f"duration-{name}" for name in unit.removeprefix("duration-").split("-and-"))


def mixed_duration(units: tuple[str, ...]) -> str:
    """The CLDR mixed unit of ``units`` (``duration-hour``, ``duration-minute`` ->
    ``duration-hour-and-minute``)."""
    return "duration-" + "-and-".join(unit.removeprefix("duration-") for unit in units)


def duration_size(unit: str, smaller: str) -> int | None:
    """How many ``smaller`` one ``unit`` holds (3600 seconds in an hour), None when
    :data:`DURATION_STEPS` leads from neither to the other."""
    size = 1
    while unit != smaller:
        if unit not in DURATION_STEPS:
            return None
        unit, count = DURATION_STEPS[unit]
        size *= count
    return size


def duration_terms(q: Quantity) -> list[tuple[Decimal, str]]:
    """A compound duration's terms as (value, CLDR unit), largest first (1 hour 20
    minutes: (1, duration-hour), (20, duration-minute)); [] for any other quantity."""
    units = duration_units(q.unit)
    if not units or not isinstance(q.value, Decimal):
        return []
    rest, smallest, terms = abs(q.value), units[-1], []
    for unit in units[:-1]:
        whole, rest = divmod(rest, duration_size(unit, smallest) or 1)
        terms.append((whole, unit))
    return [*terms, (rest, smallest)]
