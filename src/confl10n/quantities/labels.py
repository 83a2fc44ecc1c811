"""Numbers that name rather than count, for :mod:`confl10n.quantities.find`.

Labels ("Section 12", "No. 7", "Route 66", "8(a)", "M2-M1", "4x4", versions such as
"2.10.x", "3.12.1", "v4.2"), scores and votes
("won 2-1", "a 5-4 vote"), numbers after a capitalised name ("Windows 11") and in
product names ("iPhone 15 Pro") are no figures; a capitalised word that opens a
sentence, paragraph, quotation or bracket ("About 500 people", "“Nearly 12%") is no
name. :func:`find_labels` returns the labels an engine must copy as written, for the
figures wrapper to mask.
"""

from __future__ import annotations

import re

from confl10n.document import Quantity
from confl10n.quantities import words

__all__ = ["TIMES", "find_labels", "is_identifier"]

TIMES = ("x", "X", "×")  # "2.5x": a multiplier, not an identifier
# Words that open a sentence and count the number after them ("Nearly 2.5 children").
_COUNT_OPENERS = frozenset({
    "about", "nearly", "almost", "some", "over", "under", "roughly", "approximately",
    "around", "only", "just", "all", "another", "exactly", "precisely", "barely", "fully",
    "perhaps", "maybe", "up", "down", "at", "on", "with", "within", "among", "above",
    "below", "these", "those", "its", "their", "his", "her", "our", "my", "your", "each",
    "every", "both", "any", "no", "a", "an", "total", "average", "estimated",
    "median", "mean", "per", "less", "more", "fewer", "than", "least", "most", "then",
})  # fmt: skip
_OPENERS = frozenset(".!?:;\n“\"‘'([{—–…*_#>")
# Words that make the number after them a label: "Section 12", "Route 9", "Phase 2".
_LABEL_BEFORE = re.compile(
    r"(?:\bNo\.|\bnos?\.|\bnumber|#|\b(?:section|sec\.|article|art\.|chapter|clause|paragraph"
    r"|rule|part|title|room|gate|platform|route|line|bus|flight|item|page|pp?\.|suite|apt\.?"
    r"|apartment|floor|exit|block|phase|level|grade|stage|version|model|series|type|class"
    r"|category|tier|lane|terminal|pier|district|zone|ward|unit|chapters|sections|articles))\s*$",
    re.IGNORECASE,
)
# A version after "versions 5.4 through 5.9", "releases 2.1, 2.2 and 2.3": labels too.
_VERSIONS_BEFORE = re.compile(
    r"\b(?:versions?|releases?|builds?|patch(?:es)?)\s+(?:v?[0-9][0-9.x*]*\s*(?:,|and|or|to"
    r"|through|until|-|–)\s*)*$",
    re.IGNORECASE,
)
_SCORE_AFTER = re.compile(r"[-–]([0-9]{1,3})(?![0-9.,%]|\s*(?:%|percent|per cent|million|billion))")
_SCORE_BEFORE = re.compile(r"(?<![0-9.,])([0-9]{1,3})[-–]$")
_LABEL = re.compile(
    r"(?<![\w(])[0-9]{1,4}\([A-Za-z0-9]{1,3}\)(?:\([A-Za-z0-9]{1,3}\))*"
    r"|\b[A-Z]{1,3}[0-9]{1,4}(?:[-‑/][A-Z]{1,3}[0-9]{1,4})+\b"
    # versions: "3.12.1", "2.10.x", "v4.2"; never decimals
    r"|(?<![\w.])v?[0-9]{1,4}(?:\.[0-9]{1,4}){2,}(?![\w*]|\.\w)"
    r"|(?<![\w.])v?[0-9]{1,4}(?:\.[0-9]{1,4})*\.[xX*](?![\w*])"
    r"|(?<![\w.])v[0-9]{1,4}(?:\.[0-9]{1,4})*(?![\w*]|\.\w)"
)
# Product names: a camel-case name before ("iPhone 15", "eSIM 2") or a model word
# after ("15 Pro", "Galaxy 24 Ultra"): the number is part of the name.
_PRODUCT = re.compile(r"\b[a-z]+[A-Z][A-Za-z]*\s+$")
_MODEL_AFTER = re.compile(r"\s+(?:Pro|Max|Plus|Ultra|Mini|Lite|Air|SE|XL|Fold|Flip)\b")
_LABEL_AFTER = re.compile(r"\([A-Za-z0-9]{1,4}\)|[A-Za-z]")  # 8(a) programme, 4x4


def find_labels(text: str) -> list[Quantity]:
    """Labels made of digits that an engine must copy as written, never figures:
    programme names ("8(a)"), model names ("M2-M1"). Each is a ``label`` quantity
    with ``value`` None (rendered as written), for the figures wrapper to mask."""
    return [Quantity("label", m[0], m.start(), m.end(), None, note="a label: kept as written")
            for m in _LABEL.finditer(text)]  # fmt: skip


def is_identifier(text: str, m: re.Match[str]) -> bool:
    """Numbers that name rather than count: 5G, Windows 11, No. 7, Section 12, 8(a)."""
    tail = m["tail"]
    if tail and tail not in ("%", *TIMES) and not words.is_unit_or_scale(tail, attached=True):
        return tail.lower() not in ("st", "nd", "rd", "th")
    if _LABEL_AFTER.match(text, m.end()) or _is_score(text, m):
        return True
    before = text[max(0, m.start() - 80) : m.start()]
    if _LABEL_BEFORE.search(before) or _VERSIONS_BEFORE.search(before):
        return True
    if _PRODUCT.search(before) or _MODEL_AFTER.match(text, m.end()):
        return True
    prev = re.search(r"\b([A-Z][A-Za-z]*)\s+$", before)
    if prev is None or m["cur"]:
        return False
    if _opens(text, m.start() - len(before) + prev.start()):
        return _opening_version(text, m, prev[1])
    return not words.is_cue(prev[1]) and words.currency_word(prev[1]) is None


def _opening_version(text: str, m: re.Match[str], word: str) -> bool:
    """A decimal after the capitalised name that opens a sentence ("Python 3.12 replaced
    it", "MacOS 14.2 fixes") is a version; after a word that counts ("About", "Nearly",
    "In") or before a unit or scale ("Exactly 3.5 tonnes") it is a figure."""
    if "." not in m["num"] or m["sign"] or m["tail"] or word.lower() in _COUNT_OPENERS:
        return False
    if words.is_cue(word) or words.currency_word(word) is not None:
        return False
    after = re.match(r"\s*([A-Za-z%]+)", text[m.end() :])
    return after is None or not words.is_unit_or_scale(after[1])


def _is_score(text: str, m: re.Match[str]) -> bool:
    """A score or vote ("won 2-1", "a 5-4 vote", "60-40", "50-50"): the second number is
    not above the first, so it is no range; both stay as written."""
    after = _SCORE_AFTER.match(text, m.end())
    before = _SCORE_BEFORE.search(text, max(0, m.start() - 8), m.start())
    first, second = (m["num"], after[1]) if after else (before[1], m["num"]) if before else ("", "")
    if not first or m["tail"] or m["cur"] or "." in first + second or "," in first + second:
        return False
    return int(second) <= int(first)


def _opens(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence, paragraph, quotation or bracket."""
    head = text[max(0, pos - 12) : pos].rstrip(" \t\u00a0")
    return not head or head[-1] in _OPENERS
