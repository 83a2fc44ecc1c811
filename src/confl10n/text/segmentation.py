"""Sentence segmentation by rules, offline, in linear time.

Two families of rules:

* **spaced scripts** (en, de, fr, es, ko, ar, …): a break after ``. ! ? …``
  (plus closing quotes and brackets) when whitespace and a sentence opener
  follow, unless the word before is a known abbreviation, an initial, or a
  German ordinal (``19. Dezember``). Decimals and grouped numbers (``1.92``,
  ``1,926``) never break because no space follows their separator.
* **unspaced scripts** (zh, ja): a break after ``。！？；…… !?`` and the
  closing quotes that follow, whatever comes next.

A tail without final punctuation is kept as a sentence of its own.
Abbreviation lists are data (``data/abbreviations.toml``), loaded once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from confl10n.languages import facts, language_of

SUPPORTED = ("ar", "de", "en", "es", "fr", "ja", "ko", "zh")

_CLOSERS = re.escape("\"'”’»」』）)]】〕›")
# German closes quotes with “ and ‘ („Kommst du?“ Sie nickte.), and German and Danish
# guillemets with « and ‹ (»Kommst du?« Sie nickte.); emphasis markers left in plain text
# may close after the punctuation too (_“… open.”_ That …).
_SPACED_CLOSERS = _CLOSERS + re.escape("“‘«‹*_")
# French sets a (narrow) no-break space before closing guillemets: « Oui ! »
# Both alternatives start with a character set, which keeps re's fast scan for it.
_SPACED_END = re.compile(
    rf"[.!?؟…](?:(?<=[.!?؟])[.!?؟]*|…*)(?:[ \u00a0\u202f]?[»›])?[{_SPACED_CLOSERS}]*(?=\s)"
    r"|[.!?](?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"  # glued: "on Monday.The company"
)
# What cannot start a sentence: closing quotes, punctuation and dashes (« Puis-je ? », dit-il)
_NOT_OPENING = frozenset("»›”’)]},;:.!?-–—")
_UNSPACED_END = re.compile(rf"(?:[。！？!?；;]+|…+|\.{{3,}})[{_CLOSERS}]*")
OPENING_MARKS = "\"'“‘„«‹»›「『([¿¡*_"
"""What may stand before the first word of a sentence: opening quotes (» and › open German
ones: »Wir kommen«) and brackets, Spanish ¿ and ¡, emphasis markers."""
CLOSING_QUOTES = "\"'”’“‘»«›‹"
"""Quotes that may close a sentence after its full stop, in every style the reader knows
(German and Danish close with “ ‘ « ‹; French and English with » ” ’)."""
# A French closing » stands alone before a space: no opener there.
_OPENER = re.compile(rf"\s+([{re.escape(OPENING_MARKS)}]*)(\S)")
_GLUED_NEXT = re.compile(r"()(\S)")
_WORD_BEFORE = re.compile(r"([^\s\"'“‘„«‹»›(\[]+)$")
_NEXT_WORD = re.compile(r"\w+")
# "Later his son …", and the one-letter words "A new coach …", "I think …" (not "A. J. Smith")
_SENTENCE_START = re.compile(r"([A-Z][a-z]+|[AI])[,;:]?\s+[\"'“‘(]*[a-z]")
# "Division B. ", "a grade of C. ": the word before a letter and its period, or before "of"
# and the letter (closing quotes, space and opening quotes may follow: 'Plan B." "It').
_DESIGNATED = re.compile(r"(\w+)\s+(?:of\s+)?\w\.[^\w]*$")
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")  # K, J.P, W.H (the final period not included)
_WINDOW = 40  # characters looked back for the word before a period


@dataclass(frozen=True, slots=True)
class _Rules:
    always: frozenset[str]
    ambiguous: frozenset[str]
    before_digit: frozenset[str]
    openers: frozenset[str]
    ordinal_nouns: frozenset[str]
    times: frozenset[str]
    time_followers: frozenset[str]
    exclaimed: frozenset[str]
    suffixes: frozenset[str]
    suffix_followers: frozenset[str]
    letter_designators: frozenset[str]
    regions: frozenset[str]


def split_sentences(text: str, *, lang: str = "en") -> list[tuple[int, int]]:
    """Return the ``[start, end)`` spans of the sentences in ``text``.

    Spans exclude surrounding whitespace; text with no letters or digits at
    all yields no sentence.
    """
    base = language_of(lang)
    ends = _unspaced_ends(text) if facts(base).cjk else _spaced_ends(text, base)
    spans = []
    start = 0
    for end in [*ends, len(text)]:
        span = _trim(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return spans


def _unspaced_ends(text: str) -> list[int]:
    return [m.end() for m in _UNSPACED_END.finditer(text) if m.end() < len(text)]


def _spaced_ends(text: str, lang: str) -> list[int]:
    rules = _rules(lang)
    return [
        m.end()
        for m in _SPACED_END.finditer(text)
        if _is_break(text, m.start(), m.end(), lang, rules)
    ]


def _is_break(text: str, start: int, end: int, lang: str, rules: _Rules | None) -> bool:
    """Decide whether the punctuation at ``text[start:end]`` ends a sentence."""
    glued = end < len(text) and not text[end].isspace()
    if glued and _inside_token(text, start):
        return False
    following = _OPENER.match(text, end) if not glued else _GLUED_NEXT.match(text, end)
    if following is None:
        return False
    next_char = following.group(2)
    if next_char in _NOT_OPENING or (facts(lang).cased and next_char.islower()):
        return False
    if rules is None or text[start] not in ".!":
        return True
    word = _word_before(text, start)
    if text[start] == "!":
        return word not in rules.exclaimed or _next_word(text, following.start(2)) in rules.openers
    return not _is_abbreviation(word, next_char, text, following.start(2), lang, rules)


def _inside_token(text: str, dot: int) -> bool:
    """True when a glued period sits in a URL, e-mail address, file name or abbreviation."""
    begin = max(0, dot - _WINDOW)
    token = text[begin:dot].rsplit(None, 1)[-1] if text[begin:dot].strip() else ""
    return any(mark in token for mark in "/@.:\\") or not token[-1:].isalpha()


def _is_abbreviation(
    word: str, next_char: str, text: str, next_at: int, lang: str, rules: _Rules
) -> bool:
    if word.lower() in rules.times:  # "8 p.m." and "8 P.M.", which is no initial
        return _next_word(text, next_at) in rules.time_followers
    by_shape = _initial_or_region(word, text, next_at, rules)
    if by_shape is not None:
        return by_shape
    if word in rules.always:
        return True
    if next_char.isdigit() and word in rules.before_digit | rules.always:
        return True
    following = _next_word(text, next_at)
    if word.isdigit() and len(word) <= 2 and following in rules.ordinal_nouns:
        return True  # ordinals written with a period: "am 19. Dezember"
    if word in rules.suffixes and _starts_sentence(text, next_at, rules):
        return False
    return word in rules.ambiguous and following not in rules.openers


def _initial_or_region(word: str, text: str, next_at: int, rules: _Rules) -> bool | None:
    """Whether an initial (``K.``, ``J.P.``) or a region (``Ill.``, ``N.M.``) is an
    abbreviation here (no sentence end); None for any other word. A region ends its sentence
    when one starts after it (``Tampa, Fla. Later she …``), an initial only before an opener."""
    if word in rules.regions:
        following = _next_word(text, next_at)
        return following not in rules.openers and not _starts_sentence(text, next_at, rules)
    if _INITIALS.fullmatch(word) and word not in rules.ambiguous:
        return not _letter_ends_sentence(text, next_at, rules)
    return None


def _letter_ends_sentence(text: str, next_at: int, rules: _Rules) -> bool:
    """``Plan B. Its fans …``: a capital letter that is no initial ends its sentence: before a
    common sentence opener, or after a designator (Plan, Division) when a sentence starts."""
    following = _next_word(text, next_at)
    if len(following) > 1 and following in rules.openers:
        return True
    before = _DESIGNATED.search(text, max(0, next_at - _WINDOW), next_at)
    return (
        before is not None
        and before.group(1).capitalize() in rules.letter_designators
        and _starts_sentence(text, next_at, rules)
    )


def _starts_sentence(text: str, at: int, rules: _Rules) -> bool:
    """``Later his son …``: a capitalised word, then a lower-case one, not part of a name."""
    match = _SENTENCE_START.match(text, at)
    return match is not None and match.group(1) not in rules.suffix_followers


def _word_before(text: str, dot: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, dot - _WINDOW), dot)
    return match.group(1) if match else ""


def _next_word(text: str, at: int) -> str:
    match = _NEXT_WORD.match(text, at)
    return match.group(0) if match else ""


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def abbreviation_list(lang: str, key: str) -> tuple[str, ...]:
    """The ``key`` list of ``lang`` in ``data/abbreviations.toml``, without final periods
    (empty when there is none)."""
    return tuple(_abbreviation_table().get(lang, {}).get(key, ()))


@cache
def _rules(lang: str) -> _Rules | None:
    """The abbreviation rules of ``lang``, or None where the data has none."""
    table = _abbreviation_table().get(lang)
    if table is None:
        return None
    return _Rules(*(frozenset(table.get(key, ())) for key in _Rules.__slots__))


@lru_cache(maxsize=1)
def _abbreviation_table() -> dict[str, dict[str, list[str]]]:
    data = resources.files("confl10n").joinpath("data/abbreviations.toml").read_text("utf-8")
    return tomllib.loads(data)
