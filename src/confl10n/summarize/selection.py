"""What a bulletin may show: the sentences an editor would publish, each once.

These rules apply to every algorithm: the summarizer still rates every sentence
(they are all context), but only eligible ones are picked. A sentence is not
eligible when it is

* a list item, a table cell, a heading-like line or a caption, a dateline
  on its own, or a live-blog timestamp;
* a colon lead-in (``… is announcing:``), whose list is not in the summary;
* the truncated end of an article (a paragraph flagged ``truncated``), or any
  sentence without final punctuation;
* a sentence whose quotes or brackets do not balance (one part of a quotation
  split over several sentences reads as a fragment on its own);
* longer than :data:`MAX_CHARS` (a paragraph run together without full stops);
* a page's notice about itself, not news: ``This page describes last year's
  plan; see our page on …``, an editor's note, a correction, ``Updated at …``.

:func:`opens_with_anaphor` tells a sentence that points back to the one before
it (``Others take effect …``, ``These efforts …``, ``It …``): the summarizer
never picks one without the sentence before it.

:class:`Picked` remembers everything already chosen for one bulletin and
refuses a sentence that repeats one of them, word for word or nearly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from confl10n.document import Paragraph, Sentence
from confl10n.text.datelines import dateline_end, is_timestamp
from confl10n.text.words import split_words

__all__ = ["MAX_CHARS", "NEAR_DUPLICATE", "Picked", "ineligible", "opens_with_anaphor"]

MAX_CHARS = 800
"""A "sentence" longer than this is a paragraph without full stops, not a summary line."""

NEAR_DUPLICATE = 0.8
"""Share of the shorter sentence's words found in the other one that makes it a repeat."""

_ENDS = ".!?。！？…‼⁇⁈⁉．｡؟۔।"  # with Arabic ؟ and ۔, Devanagari ।
_CLOSERS = "\"'”’»«›‹)]}」』》）〉】〕"  # German and Danish close with « and ‹
_FINAL = re.compile(rf"[{re.escape(_ENDS)}][{re.escape(_CLOSERS)}\s*_]*$")
_LEAD_IN = re.compile(r"[:：]\W*$")
_BRACKETS = tuple(
    (pair[0], pair[1])
    for pair in ("()", "[]", "{}", "（）", "「」", "『』", "《》", "【】", "〈〉")
)
_CAPTION = re.compile(
    r"^\(?\s*(?:photo|picture|image|caption|pictured|file photo|video|graphic|credit|source)s?"
    r"\b\s*(?:by\b|:|/|\||—|-)|(?:/|\|)\s*(?:xinhua|afp|ap|reuters|getty images|ic photo)\s*\W*$",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"^(?:this|the\s+following)\s+(?:web\s*)?(?:page|article|story|post|entry|item|site|piece"
    r"|version|update|guide|explainer|live\s+blog)\b(?:\s+\w+){0,2}?\s+"
    r"(?:describes?|covers?|explains?|is\s+about|was\s+(?:updated|corrected|amended|first"
    r"|published|originally)|has\s+been\s+(?:updated|corrected|amended)|summari[sz]es|lists"
    r"|contains|gives|refers|will\s+be\s+updated|is\s+(?:updated|archived|no\s+longer"
    r"|part\s+of|being\s+updated))"
    r"|\bsee\s+(?:our|the)\s+(?:\w+\s+){0,3}?(?:page|article|story|coverage|guide|live\s+blog"
    r"|explainer)\b"
    r"|^(?:editor[’']?s[’']?\s+note|corrections?|clarifications?|updated|last\s+updated"
    r"|note\s+to\s+readers)\s*(?:[:—–(-]|\d|\bat\b|\bon\b)"
    r"|^follow\s+(?:our|the)\s+live\b"
    r"|^an?\s+(?:earlier|previous)\s+version\s+of\s+this\b"
    r"|^(?:read\s+more|related|see\s+also)\s*:",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"^[\"“‘']?(?:others|these|this|those|that|it|its|they|their|them|such|he|she|his|her"
    r"|both|the\s+latter|the\s+former|the\s+rest)\b(?!\s+(?:year|week|month|morning"
    r"|afternoon|evening|spring|summer|autumn|fall|winter|quarter|season|time)\b)",
    re.IGNORECASE,
)
_STRAIGHT_QUOTE = '"'
_CURLY = ("“", "”")
_LOW_QUOTE = "„"
_GUILLEMETS = (("«", "»"), ("‹", "›"))  # counted, not paired: «…» (French) or »…« (German)


def ineligible(sentence: Sentence, paragraph: Paragraph, *, lang: str = "en") -> str | None:
    """Why ``sentence`` (of ``paragraph``) may not appear in a summary, or None if it may."""
    text = sentence.text.strip()
    if paragraph.kind == "list_item":
        return "list item"
    if paragraph.kind == "table_cell":
        return "table cell"
    if paragraph.truncated and sentence is paragraph.sentences[-1]:
        return "truncated"
    if len(text) > MAX_CHARS:
        return "too long"
    return _shape(text) or _balance(text, lang)


def _shape(text: str) -> str | None:
    """A problem visible in the sentence's own shape: lead-in, heading, caption, dateline."""
    if _LEAD_IN.search(text):
        return "colon lead-in"
    if _NOTICE.search(text.lstrip("([*_ ")):
        return "page notice"
    if _CAPTION.search(text):
        return "caption"
    dateline = dateline_end(text)
    if dateline and len(split_words(text[dateline:])) < 4:
        return "dateline"
    if is_timestamp(text):
        return "timestamp"
    if not _FINAL.search(text):
        return "heading or fragment" if len(split_words(text)) <= 12 else "no final punctuation"
    return None


def opens_with_anaphor(text: str, *, lang: str = "en") -> bool:
    """True when an English sentence opens by pointing back (``Others …``, ``These
    efforts …``, ``It …``; not ``This year …``). Other languages: False."""
    return lang.split("-")[0].lower() == "en" and _ANAPHOR.match(text.strip()) is not None


def _balance(text: str, lang: str) -> str | None:
    """``unbalanced quotes`` or ``unbalanced brackets`` when one is opened and not closed."""
    if text.count(_STRAIGHT_QUOTE) % 2:
        return "unbalanced quotes"
    opening, closing = text.count(_CURLY[0]), text.count(_CURLY[1])
    if _LOW_QUOTE in text or lang in ("de", "cs", "sk", "pl", "hu", "ro", "bg", "uk", "ru"):
        # „…“ (German and others): the low mark opens, “ (or ”) closes.
        opening, closing = text.count(_LOW_QUOTE), opening + closing
    if opening != closing or any(text.count(a) != text.count(b) for a, b in _GUILLEMETS):
        return "unbalanced quotes"
    if any(text.count(a) != text.count(b) for a, b in _BRACKETS):
        return "unbalanced brackets"
    return None


def fingerprint(text: str, lang: str) -> frozenset[str]:
    """The sentence's words, case-folded and without accents: what repeats are compared on."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return frozenset(split_words(plain, lang=lang))


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when most words of the shorter sentence are in the other (or both are equal)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    return shorter >= 3 and len(a & b) >= NEAR_DUPLICATE * shorter


@dataclass(slots=True)
class Picked:
    """The sentences chosen so far for one bulletin; refuses repeats of any of them."""

    lang: str
    ids: set[str] = field(default_factory=set)
    _prints: list[frozenset[str]] = field(default_factory=list)

    def repeats(self, sentence_id: str, text: str) -> bool:
        """True if this sentence, or a near-duplicate of it, was chosen already."""
        words = fingerprint(text, self.lang)
        return sentence_id in self.ids or any(near_duplicates(words, p) for p in self._prints)

    def add(self, sentence_id: str, text: str) -> None:
        """Remember a chosen sentence."""
        self.ids.add(sentence_id)
        self._prints.append(fingerprint(text, self.lang))
