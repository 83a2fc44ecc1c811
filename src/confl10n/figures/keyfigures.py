"""Key figures an editor would print: ranked by newsworthiness, each with what it counts.

A figure's label is a short phrase from its own sentence, in the source
language (English rules; other languages get the section heading): the noun a
count counts (``AI companies``), what a share is of (``media organizations
around the globe``), else the clause's subject (``Rent for a bed``), with the
year its clause names (``AI companies, 2023``). A figure with no phrase of its
own that follows another in the same sentence (``up from 183 in 2018``)
borrows that one's label.

Ranking: money first, then percentages, then figures whose sentence says they
are a record or a change (``up from``, ``rose``; not the old value after
``from``), measures, counts (thousands first); years,
ordinals, dates and small counts (under 10, or bare numbers under 100) are
left out, and at most :data:`MAX_FIGURES` rows are kept. Ties keep the
article's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from confl10n.document import Article, Paragraph, Quantity, Section, Sentence

__all__ = ["MAX_FIGURES", "KeyFigure", "key_figures", "with_labels"]

MAX_FIGURES = 12

_KIND_WEIGHT = {"money": 50, "percent": 40, "measure": 20, "count": 10, "number": 5}
_CHANGE = re.compile(
    r"\b(?:record|up from|down from|rose|rise[sn]?|grew|grow[sn]?|fell|fall(?:s|en)?|increase[ds]?|"
    r"decrease[ds]?|expanded|jump(?:ed|s)?|doubled|tripled|climb(?:ed|s)?|surg(?:ed|es)|"
    r"dropp?(?:ed|s)|declin(?:ed|es)|highest|lowest|most ever|all-time)\b",
    re.IGNORECASE,
)
# Clause breaks; "and" only before a lower-case word, so "Science and Technology Zone" holds.
_CLAUSE = re.compile(r"[,;:()]|\s(?:and|while|but|whereas|as)\s(?=[a-z])|\s[–—]\s")
# Words that end a label's noun phrase: verbs, auxiliaries, adverbs, linking words.
_STOP = frozenset(
    """is are was were be been being has have had will would can could may might must shall
    should do does did now already still also just only about over more than nearly almost
    some to at by that which who whose where when reached reach reaches rose fell grew
    stood stands hit totaled totalled counted made make makes set says said runs run ran cost
    costs occupies occupy worth plans plan aims aim expects expect became become becomes got
    gets took take takes typically roughly some another up down from own owns use uses live
    lives work works want wants need needs support supports back backs spans span covers
    cover employ employs serve serves""".split()  # noqa: SIM905
)
_LEADING = frozenset("with its their his her our the a an and while but of in on for".split())  # noqa: SIM905
_YEAR = re.compile(r"\b(?:in|by|for|since|of|during|until|end of)\s+((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A figure chosen for the table: the quantity, its label and its rank score."""

    quantity: Quantity
    label: str
    score: int


def key_figures(article: Article, quantities: Iterable[Quantity]) -> tuple[KeyFigure, ...]:
    """The article's newsworthy figures, best first, each wording once, with labels."""
    sentences = {s.id: s for s in article.sentences}
    seen: set[tuple[str, str]] = set()
    chosen: list[KeyFigure] = []
    previous: dict[str, str] = {}
    for q in quantities:
        sentence = sentences.get(q.sentence_id or "")
        if sentence is None or not _worth_a_row(q):
            continue
        phrase, year = _label(article, sentence, q, previous.get(sentence.id))
        previous[sentence.id] = phrase
        if (q.kind, q.text) not in seen:
            seen.add((q.kind, q.text))
            label = f"{phrase}, {year}" if phrase and year and year not in phrase else phrase
            label = label[:1].upper() + label[1:]
            chosen.append(KeyFigure(q, label, _score(sentence, q)))
    ranked = sorted(enumerate(chosen), key=lambda pair: (-pair[1].score, pair[0]))
    return tuple(figure for _, figure in ranked[:MAX_FIGURES])


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


def _score(sentence: Sentence, q: Quantity) -> int:
    """Kind first; a record or a change in the sentence adds to it, and so do thousands."""
    start, _ = _local(sentence, q)
    earlier = re.search(r"\bfrom\s+(?:about\s+|over\s+)?$", sentence.text[:start])
    change = 25 if _CHANGE.search(sentence.text) and not earlier else 0  # not the old value
    big = 5 if q.kind in ("count", "number") and abs(_value(q)) >= 1000 else 0
    return _KIND_WEIGHT[q.kind] + change + big


def _value(q: Quantity) -> Decimal:
    return q.value if isinstance(q.value, Decimal) else Decimal(0)


def _local(sentence: Sentence, q: Quantity) -> tuple[int, int]:
    """The figure's span inside its sentence (quantities carry article offsets)."""
    start = sentence.text.find(q.text, max(0, q.start - sentence.start - 2))
    start = start if start >= 0 else max(0, q.start - sentence.start)
    return start, start + len(q.text)


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause that holds ``text[start:end]``: between the nearest clause breaks."""
    before = [m.end() for m in _CLAUSE.finditer(text, 0, start)]
    after = _CLAUSE.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _label(
    article: Article, sentence: Sentence, q: Quantity, previous: str | None
) -> tuple[str, str | None]:
    """What the figure counts, in words from its sentence, and the year its clause names."""
    if article.lang.split("-")[0].lower() != "en":
        return _heading_of(article, sentence), None
    start, end = _local(sentence, q)
    text = sentence.text
    phrase = _after(text, end, q) or _before(text, start) or previous or ""
    year = _year(_clause_around(text, start, end), q)
    return phrase or _heading_of(article, sentence), year


def _after(text: str, end: int, q: Quantity) -> str:
    """A count's noun phrase (``AI companies``) or a share's ``of …`` phrase."""
    rest = text[end:]
    if q.kind == "percent":
        of = re.match(r"\s+of\s+(?:the\s+)?", rest)
        return _noun_phrase(rest[of.end() :].split()) if of else ""
    if q.kind == "count" and q.unit:
        words = rest.split()
        for i, word in enumerate(words[:8]):
            if _bare(word).lower() == q.unit.lower():
                kept = [w for w in words[: i + 1] if _bare(w).lower() not in ("more", "new")]
                return " ".join(_bare(w) for w in kept)
    return ""


def _before(text: str, start: int) -> str:
    """The subject of the figure's clause: its first words, up to a verb or adverb."""
    clause = _clause_around(text, start, start)
    begin = text.find(clause) if clause else 0
    words = clause[: max(0, start - begin)].split()
    if words and re.search(r"\s(?:and|but)\s$", text[:begin]) and words[0].lower() not in _LEADING:
        return ""  # "… cost €1.2 billion and spans 2.4 km": the subject is the earlier one's
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    return _noun_phrase(words)


def _noun_phrase(words: Sequence[str]) -> str:
    """The leading words up to the first stop word, ``-ly`` adverb or punctuation (6 at most)."""
    kept: list[str] = []
    for word in words[:8]:
        bare = _bare(word)
        low = bare.lower()
        if not bare or low in _STOP or low.endswith("ly") or any(c.isdigit() for c in bare):
            break
        if bare[0].islower() and len(low) > 4 and low.endswith("ed") and kept:
            break
        kept.append(bare)
        if bare != word.strip("“”\"'’‘"):
            break  # a comma or stop after this word ends the phrase
    while kept and kept[-1].lower() in _LEADING:
        kept.pop()
    return " ".join(kept[:6])


def _bare(word: str) -> str:
    return word.strip(".,;:!?“”\"'’‘()[]")


def _year(clause: str, q: Quantity) -> str | None:
    """The year the figure's clause names (``in 2023``), if any and if not the figure itself."""
    match = _YEAR.search(clause)
    return match.group(1) if match and match.group(1) != q.text else None


def _heading_of(article: Article, sentence: Sentence) -> str:
    section_id = sentence.id.split(".", 1)[0]
    for section in article.sections:
        if section.id == section_id and section.heading is not None:
            return section.heading.text
    return article.title.text if article.title is not None else ""


def with_labels(article: Article, figures: Sequence[KeyFigure]) -> tuple[Article, dict[str, str]]:
    """``article`` plus a last section whose sentences are the figures' labels, and label -> ID.

    The build translates this article, so the labels are translated with the
    article (same engine, cache and QA) while the bulletins' units stay the
    article's own. The label section's spans index the extended text.
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
