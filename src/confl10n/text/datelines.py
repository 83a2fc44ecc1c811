"""Wire datelines and live-blog timestamps: where a story is filed from, when an update came.

A dateline opens a paragraph: ``SPRINGFIELD, Ill. (AP) —``, ``LONDON (Reuters) -``,
``NAIROBI, Kenya —``, ``SHANGHAI, Dec. 19 (Xinhua) --``, ``SANTA FE, N.M. —``.
It is part of its sentence (a state abbreviation such as ``Ill.`` ends no
sentence there) and is carried verbatim, as a ``dateline``
:class:`~confl10n.document.Inline` span, through every translation. A place
written with a state or province abbreviation anywhere else (``Peoria, Ill.,
and Rockford``) is a ``place`` span, carried verbatim too: no engine reads
``Ill.`` as "sick".

A live-blog timestamp (``4:15 p.m.``, ``4:15 PM ET``, ``16:15``, ``Updated 9:02
a.m. EDT``) on a line of its own is a paragraph of its own, never the start of
the update under it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from confl10n.document import Inline
from confl10n.text.blocks import Block
from confl10n.text.segmentation import abbreviation_list

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_UPPER = "A-ZÀ-ÖØ-Þ"  # Latin capitals, with accents: SÃO PAULO, ZÜRICH, QUÉBEC
_LOWER = "a-zß-öø-ÿ"
_CAPS_PLACE = rf"[{_UPPER}][{_UPPER}'’.-]+(?:[ -][{_UPPER}][{_UPPER}'’.-]*){{0,4}}"
_TITLE_PLACE = rf"[{_UPPER}][{_LOWER}'’-]+(?: [{_UPPER}][{_LOWER}'’-]+){{0,3}}"
_ABBREVIATED = r"[A-Z][A-Za-z]{0,4}\.(?: ?[A-Z][A-Za-z]{0,3}\.){0,2}"  # Ill., N.M., W.Va.
_REGION = rf"(?:{_ABBREVIATED}|{_TITLE_PLACE}|[A-Z]{{2,}}(?: [A-Z]{{2,}}){{0,2}})"
_DATE = rf"{_MONTH} ?\d{{1,2}}(?:, ?\d{{4}})?"
_AGENCY = r"\([A-Za-z][\w .&/'’-]{0,30}\)"
_DASH = r"(?:(?:--|[—–―])(?=[\s\"“‘'A-Z]|$)|-(?=\s|$))"  # WASHINGTON—The; not WINSTON-SALEM

DATELINE = re.compile(
    rf"(?:{_CAPS_PLACE}(?:, ?{_REGION})?(?:, ?{_DATE})?(?: ?{_AGENCY})?"  # SPRINGFIELD, Ill. (AP)
    rf"|{_TITLE_PLACE}(?:, ?{_ABBREVIATED}(?:, ?{_DATE})?(?: ?{_AGENCY})?"  # Springfield, Ill.
    rf"|(?:, ?{_REGION})?(?:, ?{_DATE})? ?{_AGENCY})"  # Nairobi, Kenya (Reuters)
    rf") ?{_DASH}"
)
"""A dateline at the start of a paragraph, up to and including its dash (not the space after).
A place in capitals may stand alone (``WASHINGTON —``); one in title case needs a state
abbreviation or an agency (``Springfield, Ill. —``, ``Nairobi, Kenya (Reuters) -``)."""

_CLOCK = r"\d{1,2}(?:(?::\d{2}){1,2}(?: ?_AMPM)?|(?:\.\d{2})? ?_AMPM)".replace(
    "_AMPM", r"(?:[ap]\.m\.|[AaPp]\.?[Mm]\.?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
TIMESTAMP = re.compile(
    rf"(?:(?:Updated|Posted|Published|Last updated)(?: at)?:? )?{_CLOCK}"
    r"(?: ?\(?(?:[A-Z]{1,4}T|GMT|UTC|ET|CT|PT|local time)\)?)?"
    rf"(?:,? {_WEEKDAY})?"
)
"""A live-blog timestamp, the whole of a line: ``4:15 p.m.``, ``4:15 PM ET``, ``16:15 GMT``."""


def wire_blocks(blocks: list[Block], source: str) -> list[Block]:
    """``blocks`` read as wire copy: a paragraph opening with a dateline carries a ``dateline``
    span over it, a dateline on a line of its own joins the paragraph after it, and a
    timestamp line on top of an update becomes a paragraph of its own."""
    joined: list[Block] = []
    for block in (piece for b in blocks for piece in _split_timestamp(b, source)):
        if joined and block.kind == "text" and _only_dateline(joined[-1]):
            block = _join(joined.pop(), block)
        joined.append(block)
    return [_with_dateline(block) for block in joined]


def _only_dateline(block: Block) -> bool:
    text = block.text().rstrip()
    return block.kind in ("text", "heading") and 0 < dateline_end(text) == len(text)


def _join(first: Block, second: Block) -> Block:
    """``first`` and ``second`` as one paragraph, joined by a space."""
    shift = len(first.text()) + 1
    spans = (
        *first.spans,
        *(replace(s, start=s.start + shift, end=s.end + shift) for s in second.spans),
    )
    runs = (*first.runs, (first.span[1], second.span[0], " "), *second.runs)
    return replace(second, runs=runs, spans=spans, lines=first.lines + second.lines)


def _with_dateline(block: Block) -> Block:
    """``block`` with a ``dateline`` span over its dateline and ``place`` spans over each
    place written with a state abbreviation after it."""
    if block.kind in ("code", "html"):
        return block
    text = block.text()
    end = dateline_end(text) if block.kind == "text" else 0
    found = [Inline("dateline", 0, end)] if end else []
    found += [Inline("place", *m.span()) for m in _place().finditer(text, end)]
    return replace(block, spans=(*found, *block.spans)) if found else block


@lru_cache(maxsize=1)
def _place() -> re.Pattern[str]:
    """``Springfield, Ill.``, ``Santa Fe, N.M.``: a place name, a comma, a region abbreviation."""
    regions = "|".join(
        re.escape(r) for r in sorted(abbreviation_list("en", "regions"), key=len)[::-1]
    )
    return re.compile(
        rf"(?<![\w.])[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){{0,2}}, (?:{regions})\.(?=[\s,;:)\"”’]|$)"
    )


def _split_timestamp(block: Block, source: str) -> list[Block]:
    """A text block whose first line is a timestamp: that line, then the rest (else as it is)."""
    if block.kind != "text" or block.lines < 2:
        return [block]
    at = next((i for i, (a, b, _) in enumerate(block.runs) if "\n" in source[a:b]), 0)
    head = "".join(run[2] for run in block.runs[:at])
    if not at or not is_timestamp(head):
        return [block]
    shift = len(head) + len(block.runs[at][2])
    first = Block(
        "text", block.runs[:at], spans=tuple(s for s in block.spans if s.end <= len(head))
    )
    rest = tuple(
        replace(s, start=s.start - shift, end=s.end - shift)
        for s in block.spans
        if s.start >= shift
    )
    return [first, replace(block, runs=block.runs[at + 1 :], spans=rest, lines=block.lines - 1)]


def dateline_end(text: str) -> int:
    """Where the dateline opening ``text`` ends (after its dash), or 0 if it has none."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def is_timestamp(line: str) -> bool:
    """True if ``line`` (stripped) is only a live-blog timestamp."""
    return TIMESTAMP.fullmatch(line.strip()) is not None
