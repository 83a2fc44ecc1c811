"""What a figure counts, read from its own clause of an English sentence.

:func:`describe` gives a figure's label and where it came from:

* ``noun``: the noun the number quantifies (``1,926 community elderly meal
  assistance locations``), what a share is of (``10.2% of media organizations``),
  the noun a unit adjective describes (``a new 12-kilometre tram line``) or the
  noun a money amount is ``of`` (``a budget of $842 million``);
* ``subject``: the subject the figure is predicated of, when that is certain — a
  plain noun phrase (never a pronoun) right before a verb of level or change
  (``Exports rose to $52 billion``; ``Producer prices rose 0.4%`` keeps the verb,
  since the figure is the rise);
* ``clause``: else the source's own words around the figure, clipped at clause
  boundaries (at most :data:`QUOTE_WORDS` words, cut with ``…``): a quote is never
  wrong.

The :class:`Description` also says the figure's ``role`` in the clause: a
``level``, the ``earlier`` level after ``from`` (``up from 183 in 2018``), an
``addition`` (``30 more …``, ``another``, ``plans to add``), a ``change`` (``rose
0.4%``, ``by 3%``) or a ``threshold`` (``loans of less than $50,000``), and the
``year`` its clause ties to it (``348 AI companies in 2023``, ``By the end of
2023 there were …``), if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "QUOTE_WORDS",
    "Description",
    "LabelSource",
    "Role",
    "clause_span",
    "describe",
    "quote",
]

QUOTE_WORDS = 14
"""A clause quoted as a label keeps at most this many words."""

LabelSource = Literal["noun", "subject", "clause"]
Role = Literal["level", "earlier", "addition", "change", "threshold"]

# Clause breaks; not the comma of "1,200"; "and"/"but"… only before a lower-case word
# ("Science and Technology Zone" holds).
_CLAUSE = re.compile(
    r"(?<!\d),|,(?!\d{3}\b)|[;:()]|\s(?:and|while|but|whereas|as)\s(?=[a-z])|\s[–—]\s|\s-\s"
)
_PRONOUNS = frozenset(
    """it its they them their this these those that he she his her we our you your i
    others other some many most both each which who what one such all few several""".split()  # noqa: SIM905
)
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
_DETERMINERS = frozenset("the a an its their his her our your this that these those".split())  # noqa: SIM905
_LEADING = frozenset("with and while but so yet as in for".split())  # noqa: SIM905
# Verbs whose object or complement is the level of their subject.
_LEVEL = frozenset(
    """is are was were be stood stands stand reached reaches reach hit hits totaled totalled
    totals total amounted amounts came comes worth cost costs gets get got receives received
    holds held runs run ranges ranged remained remains stays stayed occupies occupy covers
    cover spans span measures measure""".split()  # noqa: SIM905
)
# Verbs of change: ``to X`` gives the new level, ``by X`` or a bare X the change.
_CHANGE = frozenset(
    """rose rise rises risen fell fall falls fallen grew grow grows grown expanded expands
    climbed climbs jumped jumps dropped drops declined declines increased increases decreased
    decreases surged surges slipped slips gained gains lost shrank doubled tripled eased eases
    slowed slows widened widens narrowed narrows accelerated soared soars plunged plunges
    slumped slumps tumbled tumbles edged climb jump drop decline increase decrease""".split()  # noqa: SIM905
)
_HEDGES = (
    r"(?:(?:about|around|nearly|almost|roughly|approximately|some|over|more than|just|only)\s+)"
)
_ADVERB = re.compile(r"^(?:\w+ly|already|now|still|also|again|once)$", re.IGNORECASE)
_EARLIER = re.compile(
    rf"\b(?:up|down|rising|falling|increasing|decreasing)\s+from\s+{_HEDGES}?$"
    rf"|\bcompared\s+(?:with|to)\s+{_HEDGES}?$",  # not "against": 45% for, against 38%
    re.IGNORECASE,
)
_RATE = re.compile(
    r"^\s+((?:a|an|per|each)\s+(?:year|month|week|day|hour|night|minute|head|person|capita))\b",
    re.IGNORECASE,
)
_PER_EVERY = re.compile(r"^\s+(?:for\s+every|per|for\s+each)\s+\S*\d", re.IGNORECASE)
_FROM = re.compile(rf"\bfrom\s+{_HEDGES}?$", re.IGNORECASE)
_TO_FIGURE = re.compile(r"^\s+to\s+\S*\d", re.IGNORECASE)
_EARLIER_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:a|one|the)\s+year\s+(?:earlier|ago|before)", re.IGNORECASE
)
_ADDITION_BEFORE = re.compile(
    rf"\b(?:another|additional|an\s+additional|a\s+further|further|extra|an\s+extra"
    rf"|add|adds|adding|added)\s+{_HEDGES}?$",
    re.IGNORECASE,
)
_ADDS = re.compile(r"\b(?:add|adds|adding|added)\b", re.IGNORECASE)  # "add 40 X and 30 Y"
_ADDITION_AFTER = re.compile(r"^\s*(?:more|additional|extra)\b", re.IGNORECASE)
_THRESHOLD = re.compile(
    r"\b(?:of|for|with|on|at|in|earning|making|paying)\s+"
    r"(?:less\s+than|fewer\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than)\s+$"
    r"|\b(?:for|with|earning|making|paying)\s+(?:more\s+than|over|at\s+least|above)\s+$",
    re.IGNORECASE,
)
_BARE_THRESHOLD = re.compile(
    r"\b(?:less|fewer)\s+than\s+$|\b(?:up\s+to|at\s+most|every|each|per)\s+$", re.IGNORECASE
)
_YEAR = r"((?:19|20)\d\d)\b"
_YEAR_AFTER = re.compile(
    rf"^[^0-9]*?\b(?:in|for|during|as\s+of|by(?:\s+the\s+end\s+of)?|at\s+the\s+end\s+of)"
    rf"\s+(?:fiscal\s+)?{_YEAR}",
    re.IGNORECASE,
)
_YEAR_OPENING = re.compile(
    rf"^\s*(?:in|for|during|as\s+of|by|at)\s+(?:the\s+end\s+of\s+)?(?:fiscal\s+)?{_YEAR}",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:expect(?:s|ed)?|forecasts?|estimat(?:e|es|ed)|predict(?:s|ed)?|propos(?:e|es|ed)"
    r"|sought|seeks?|hope[sd]?|could|would|might|may|if)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:plans?|planned|aims?|will|would|expects?|intends?|targets?|to\s+open|to\s+add)\b",
    re.IGNORECASE,
)
# Words that end a noun phrase read forwards: verbs, auxiliaries, linking words.
_VERBISH = frozenset(
    """is are was were be been being has have had will would can could may might must shall
    should do does did now already still also just only about over more than nearly almost
    some to at by that which who whose where when reached reach reaches rose fell grew
    stood stands hit totaled totalled counted made make makes set says said runs run ran cost
    costs occupies occupy worth plans plan aims aim expects expect became become becomes got
    gets took take takes typically roughly another up down from own owns use uses live
    lives work works want wants need needs support supports back backs spans span covers
    cover employ employs serve serves across per within""".split()  # noqa: SIM905
)
# Verbs after which "N <noun>" says what exists or was made: the noun is the label.
_COUNTING = frozenset(
    """were are was is be been counted counts count numbered totaled totalled had has have
    employs employed employ houses housed holds held includes included including serves
    served handled handles operates operated owns owned registered recorded opened open opens
    built build builds created create creates added add adds adding hired hire hires set
    launched launch launches attracted attracts attract received receives receive fitted fit
    installed install installs planted plant made make makes welcomed welcomes took take
    takes bought buy buys ordered order orders acquired acquire delivered deliver delivers got
    get gets carry carries carried there""".split()  # noqa: SIM905
)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|where)\s", re.IGNORECASE)
_NOT_NOUNS = frozenset(
    """last next this each every per in on for to from of and or over since ago annually a an
    year years month months week weeks day days more less""".split()  # noqa: SIM905
)
_VERBS = (
    (
        _VERBISH
        - frozenset(
            """more than about over nearly almost some another up down to at by from now already
        still also just only roughly typically across per within that which who whose where
        when""".split()  # noqa: SIM905
        )
    )
    | _LEVEL
    | _CHANGE
)
_STOP = frozenset(
    """is are was were be been has have had will would can could may might must shall should
    do does did to at by that which who whose where when than from in on for across with
    within into over under per a an the and or but as of""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Description:
    """A figure's label (without year) and its source, its role and the year tied to it."""

    label: str
    source: LabelSource
    role: Role = "level"
    year: str | None = None


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The character span of the clause of ``text`` that holds ``text[start:end]``."""
    before = [m.end() for m in _CLAUSE.finditer(text, 0, start)]
    after = _CLAUSE.search(text, end)
    return (before[-1] if before else 0, after.start() if after else len(text))


def describe(
    text: str, start: int, end: int, *, kind: str, unit: str | None, is_range: bool = False
) -> Description:
    """What the figure ``text[start:end]`` (of ``kind``, counting ``unit``; ``is_range``
    for ``500 to 1,000 yuan``) is, from its clause.

    ``text`` is one English sentence; offsets index it. Never raises.
    """
    begin, stop = clause_span(text, start, end)
    before, after = text[begin:start], text[end:stop]
    role = _role(text, before, after, is_range=is_range)
    year = _year(text, begin, after)
    rate = _RATE.match(after)
    per = f", {rate.group(1)}" if rate else ""
    found = None if role == "threshold" or _PER_EVERY.match(after) else (
        _noun_label(text, (start, end), kind=kind, unit=unit, role=role)
    )  # fmt: skip
    if found:
        return Description(found + per, "noun", role, year)
    subject = None if found is None else _subject_label(text, (begin, start, end), kind, unit)
    if subject:
        return Description(subject[0] + per, "subject", "change" if subject[1] else role, year)
    return Description(_quote(text, begin, stop, start, end), "clause", role, year)


def _noun_label(
    text: str, span: tuple[int, int], *, kind: str, unit: str | None, role: Role
) -> str:
    """The noun the figure quantifies, worded as an addition or a plan where it is one."""
    start, end = span
    noun = _noun(text, start, end, kind=kind, unit=unit)
    if not noun or (" " not in noun and role == "level" and kind == "count"):
        return ""  # "7,400 people": one bare word says less than the clause does
    relative = [m.end() for m in _RELATIVE.finditer(text, 0, start)]
    plan = _PLANNED.search(text, max([0, *relative]), start)
    planned = "planned" if plan and kind == "count" else ""  # a plant's cost is no plan
    added = "additional" if role == "addition" else ""
    return " ".join(w for w in (planned, added, noun[:1].lower() + noun[1:]) if w)


def _subject_label(
    text: str, span: tuple[int, int, int], kind: str, unit: str | None
) -> tuple[str, bool] | None:
    """The subject, unless the figure counts a noun of its own (``covers 42 cities``)."""
    begin, start, end = span
    if kind == "count" and unit and _counted(text[end:], unit):
        return None
    return _subject(text, begin, text[begin:start])


def quote(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``text[start:end]`` as written, at most
    :data:`QUOTE_WORDS` words (cut with ``…``): a label in any language."""
    return _quote(text, *clause_span(text, start, end), start, end)


def _role(text: str, before: str, after: str, *, is_range: bool) -> Role:
    """The figure's role, from the words right around it (a range is never an old level)."""
    if _THRESHOLD.search(before) or _BARE_THRESHOLD.search(before):
        return "threshold"
    if not is_range and (_EARLIER.search(before) or _EARLIER_AFTER.match(after)):
        return "earlier"
    changed = _TO_FIGURE.match(after) or any(_bare(w).lower() in _CHANGE for w in text.split())
    if not is_range and _FROM.search(before) and changed:
        return "earlier"
    if _ADDITION_AFTER.match(after) or _ADDITION_BEFORE.search(before) or _ADDS.search(before):
        return "addition"
    return "level"


def _year(text: str, begin: int, after: str) -> str | None:
    """The year the figure's clause ties to it: right after it, or opening the clause
    (a sentence-opening ``For 2024,`` belongs to the clause that follows it)."""
    found = _YEAR_AFTER.match(after)
    if found:
        return found.group(1)
    opening = _YEAR_OPENING.match(text, begin)
    if opening is None and begin:
        head = text[:begin].rstrip(", ")
        whole = _YEAR_OPENING.match(head)
        opening = whole if whole is not None and whole.end() == len(head) else None
    return opening.group(1) if opening else None


def _noun(text: str, start: int, end: int, *, kind: str, unit: str | None) -> str:
    """The noun phrase the figure quantifies, or ``""``."""
    rest = text[end:]
    if kind == "count" and unit:
        object_of = re.search(
            rf"\b(?:for|to|of|with|from|on|among|between)\s+{_HEDGES}?$", text[:start]
        )
        head = text[clause_span(text, start, end)[0] : start]
        return "" if object_of or not _licensed(head) else _counted(rest, unit)
    if kind == "measure" and re.search(r"\d-[A-Za-z]", text[start:end]):
        return _described(text[:start], rest)
    if kind == "money":
        of = re.search(r"\s+of\s+$", text[:start])
        if of and not _MODAL.search(text):
            return _owner(text[: of.start()])
        if re.search(r"\b(?:a|an|the|its|their|his|her|our)\s+$", text[:start], re.IGNORECASE):
            return _modified(rest)  # "a $3.1 billion battery plant"
    return ""


def _modified(rest: str) -> str:
    """The noun an amount modifies (``battery plant`` in ``a $3.1 billion battery plant``)."""
    words = rest.split()
    if not words or not re.fullmatch(r"[a-z][a-z-]+", words[0]) or words[0] in _NOT_NOUNS:
        return ""
    return _phrase(words[:3])


def _licensed(head: str) -> bool:
    """Whether the clause's verb before a count lets its noun stand alone as the label:
    one of being, having, counting or making (``there were``, ``counted``, ``plans to
    open``), not of losing or harming (``cut 1,200 factory jobs``), nor unknown."""
    for word in reversed(head.split()):
        low = _bare(word).lower()
        if low in _COUNTING:
            return True
        if low in _VERBS or re.fullmatch(r"[a-z]+ed", low):
            return False
    return False


def _counted(rest: str, unit: str) -> str:
    """A count's words up to its noun: ``community elderly meal assistance locations``."""
    words = rest.split()
    for i, word in enumerate(words[:8]):
        if _bare(word).lower() == unit.lower():
            kept = [_bare(w) for w in words[: i + 1]]
            kept = [w for w in kept if w.lower() not in ("more", "new", "additional", "extra")]
            plain = all(w and w.lower() not in _STOP | _NOT_NOUNS for w in kept)
            return " ".join(kept) if kept and plain else ""
    return ""


def _described(head: str, rest: str) -> str:
    """A unit adjective's noun with its other modifiers: ``a new 12-km tram line`` -> ``new
    tram line``."""
    words = rest.split()
    verb = next((i for i, w in enumerate(words[1:4], 1) if re.fullmatch(r"[a-z]+[^s]s", w)), None)
    noun = _phrase(words[:verb])  # "the 2.4-km tunnel opens in May": a verb ends it
    if not noun:
        return ""
    modifiers: list[str] = []
    for word in reversed(head.split()[-3:]):
        bare = _bare(word)
        if bare != word or bare.lower() in _DETERMINERS | _STOP or not bare.isalpha():
            break
        modifiers.insert(0, bare)
    return " ".join([*modifiers, noun])


def _subject(text: str, begin: int, before: str) -> tuple[str, bool] | None:
    """The clause's subject and whether the figure is its change, when both are certain.

    A clause that is a second verb of the sentence's first clause (``The bridge cost
    €1.2 billion and spans 2.4 km``) shares that clause's subject.
    """
    words = before.split()
    match = _verb_phrase(words)
    if match is None:
        return None
    cut, verb, change = match
    subject = words[:cut]
    if not subject and begin and re.search(r"\sand\s$", text[:begin]):
        first = text[: clause_span(text, 0, 0)[1]]
        if clause_span(text, begin - 5, begin - 5)[0] == 0:
            found = _verb_phrase(first.split(), anywhere=True)
            subject = first.split()[: found[0]] if found else []
    phrase = _subject_phrase(subject)
    if not phrase:
        return None
    return (f"{phrase} {verb}" if change else phrase), change


def _verb_phrase(words: list[str], *, anywhere: bool = False) -> tuple[int, str, bool] | None:
    """Where the verb before the figure is (index), the verb, and whether the figure is a change.

    The verb must be followed only by prepositions and hedges up to the figure,
    unless ``anywhere`` (the first verb of a longer clause).
    """
    tail = 0
    while tail < len(words) and _bare(words[-1 - tail]).lower() in _FILLERS:
        tail += 1
    positions = range(len(words)) if anywhere else [len(words) - 1 - tail]
    for i in (i for i in positions if i >= 0 and _bare(words[i]).lower() in _LEVEL | _CHANGE):
        if i and _bare(words[i - 1]).lower() in _DETERMINERS:
            return None  # "a rise of": a noun, not a verb
        between = [_bare(w).lower() for w in words[i + 1 :]] if not anywhere else []
        moved = [w for w in between if w in ("up", "down")]
        change = _bare(words[i]).lower() in _CHANGE and (not between or between[0] == "by")
        return i, " ".join([_bare(words[i]), *moved[:1]]), change or bool(moved)
    return None


_PREPOSITIONS = frozenset(
    """after before since during until despite about above across against along among around
    at by from into like near over through under with without within""".split()  # noqa: SIM905
)
_FILLERS = frozenset(
    """to at by of about around nearly almost roughly approximately some over more than just
    only from a an up down""".split()  # noqa: SIM905
)


def _subject_phrase(words: list[str]) -> str:
    """A plain noun phrase (no pronoun, no verb, no figure) without its determiner, or ``""``."""
    kept = [_bare(w) for w in words]
    if "that" in (w.lower() for w in kept[1:]):
        kept = kept[len(kept) - [w.lower() for w in kept][::-1].index("that") :]
    while kept and (kept[0].lower() in _LEADING or kept[0].lower() in _DETERMINERS):
        if kept[0].lower() in _DEMONSTRATIVES:
            return ""  # "These efforts cost $4 million": which efforts is another sentence's
        kept.pop(0)
    while kept and _ADVERB.match(kept[-1]):
        kept.pop()
    if not kept or len(kept) > 6 or kept[0].lower() in _PRONOUNS | _PREPOSITIONS:
        return ""
    allowed = {"the", "a", "an", "of", "for", "in"}
    named = {w for i, w in enumerate(kept[1:-1], 1) if w == "and" and kept[i + 1][:1].isupper()}
    if any(not w or not w[0].isalpha() or w.lower() in _STOP - allowed - named for w in kept):
        return ""
    if any(w.lower() in _LEVEL | _CHANGE for w in kept):
        return ""
    return " ".join(kept)


def _phrase(words: list[str]) -> str:
    """The noun phrase ``words`` open with: up to a verb, adverb, figure or punctuation,
    without its determiner, never a pronoun (at most 6 words)."""
    kept: list[str] = []
    for word in words[:8]:
        bare = _bare(word)
        low = bare.lower()
        if not bare or low in _VERBISH or _ADVERB.match(bare) or any(c.isdigit() for c in bare):
            break
        if kept and low in _DETERMINERS | {"next", "last", "each", "every"}:
            break
        kept.append(bare)
        if bare != word.strip("“”\"'’‘"):
            break
    while kept and kept[0].lower() in _DETERMINERS:
        kept.pop(0)
    while kept and kept[-1].lower() in _STOP:
        kept.pop()
    if not kept or kept[0].lower() in _PRONOUNS:
        return ""
    return " ".join(kept[:6])


def _owner(head: str) -> str:
    """The noun right before ``of`` (``a budget of``), without verbs or determiners."""
    kept: list[str] = []
    for word in reversed(head.split()[-4:]):
        bare = _bare(word)
        low = bare.lower()
        if bare != word or not bare.isalpha() or low in _STOP | _DETERMINERS | _PRONOUNS:
            break
        if low in _LEVEL | _CHANGE or low in _VERBISH or low.endswith("ed"):
            break
        kept.insert(0, bare)
    return " ".join(kept[-3:])


def _quote(text: str, begin: int, stop: int, start: int, end: int) -> str:
    """The clause as written, at most :data:`QUOTE_WORDS` words around the figure."""
    first = (text[begin:start].split() or [""])[0]
    verb_first = first.lower() in _VERBISH | _LEVEL | _CHANGE or re.fullmatch(r"[a-z]+ed", first)
    if verb_first or len(text[begin:start].split()) + len(text[end:stop].split()) < 5:
        begin = 0  # a clause without its subject, or too short to say anything: from the start
    head = text[begin:start].split()
    tail = text[end:stop].split()
    said = [i for i, w in enumerate(head[:4]) if w.lower() == "that"]
    if said and said[0] > 0 and head[0].lower() in _PRONOUNS:
        head = head[said[0] + 1 :]  # "It finds that 10.2% of …": the finding itself
    while head and head[0].lower() in ("and", "but", "while", "as", "so", "or"):
        head.pop(0)
    room = max(QUOTE_WORDS - 1 - len(tail[:4]), 4)
    cut_head = len(head) > room
    head = head[-room:] if cut_head else head
    cut_tail = len(tail) > QUOTE_WORDS - 1 - len(head)
    tail = tail[: max(QUOTE_WORDS - 1 - len(head), 0)] if cut_tail else tail
    words = [*head, text[start:end], *tail]
    quoted = " ".join(words).strip(" .,;:")
    quoted += "”" * max(0, quoted.count("“") - quoted.count("”"))  # a quotation cut at its comma
    return ("… " if cut_head else "") + quoted + (" …" if cut_tail else "")


def _bare(word: str) -> str:
    return word.strip(".,;:!?“”\"'’‘()[]")
