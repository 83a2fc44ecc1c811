"""Trailing site furniture: share buttons, "You May Have Missed", link lists, sign-up prompts.

Dropping text is the most expensive mistake a reader can make, so a trailing
run of blocks is dropped only when it is certainly furniture, judged on the
whole run: it starts at a heading or a line of its own that is a known marker
(``data/boilerplate.txt``: "Related articles", "Share", …) and everything
after it, to the end, is furniture too: link lines, headline-like lines
without a sentence, sign-up or follow prompts, raw HTML. A marker inside a
table, a list, a quote or a paragraph never counts, and one paragraph of
sentences after the marker keeps the whole run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from confl10n.text.blocks import Block
from confl10n.text.segmentation import CLOSING_QUOTES

_MARKER_KINDS = ("heading", "text")
_FURNITURE_KINDS = ("heading", "text", "list_item", "html")
# Where a sentence of prose may end: a full stop or "!" (a headline may ask a question;
# a link title has no full stop), closing quotes or brackets, then a space or the end.
_SENTENCE_END = re.compile(rf"[.!…][{re.escape(CLOSING_QUOTES)})\]]*(?=\s|$)")
_PROSE_WORDS = 3  # words a sentence of prose has at least ("Voting ends Friday.")
_PROMPT_WORDS = 15  # a prompt is one short line; a longer paragraph is story
_LINKED_SHARE = 0.5  # share of a block's characters inside links that makes it a link line


def trailing_boilerplate(blocks: list[Block]) -> int | None:
    """The index of the first block of ``blocks``' trailing furniture, or None if there is none."""
    start = len(blocks)
    while start > 1 and is_furniture(blocks[start - 1]):
        start -= 1
    return next((i for i in range(start, len(blocks)) if is_marker(blocks[i])), None)


def is_marker(block: Block) -> bool:
    """True for a heading or a line of its own that is one of the known boilerplate markers."""
    return block.kind in _MARKER_KINDS and _key(block.text()) in _markers()


def is_label(block: Block) -> bool:
    """True for a heading or a line of its own that is only an ad slot's label
    ("Advertisement", "Story continues below advertisement"): never story, wherever it is."""
    return block.kind in _MARKER_KINDS and _key(block.text()) in _furniture_data()[2]


def is_furniture(block: Block) -> bool:
    """True for a block that is site furniture, not story: a marker, a link line or linked list
    item, a prompt, raw HTML, or a heading or line without a sentence of prose."""
    if block.kind not in _FURNITURE_KINDS:
        return False
    text = block.text()
    if block.kind == "html" or _key(text) in _markers() or _linked(block):
        return True
    if _key(text).startswith(_prompts()) and len(text.split()) <= _PROMPT_WORDS:
        return True
    # A list without links may be the story's own (advice, results): kept.
    return block.kind != "list_item" and not _has_prose_sentence(text)


def dropped_words(blocks: list[Block]) -> int:
    """How many words ``blocks`` hold."""
    return sum(len(block.text().split()) for block in blocks)


def _has_prose_sentence(text: str) -> bool:
    """True for a sentence of three words or more, or two sentences, ending in a full stop."""
    start, ends = 0, 0
    for end in _SENTENCE_END.finditer(text):
        words = len(text[start : end.start()].split())
        if words >= _PROSE_WORDS or (words and ends):
            return True
        start, ends = end.end(), ends + bool(words)
    return False


def _linked(block: Block) -> bool:
    text = block.text()
    linked = sum(span.end - span.start for span in block.spans if span.kind in ("link", "url"))
    return bool(text.strip()) and linked >= _LINKED_SHARE * len(text.strip())


def _key(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", line.lower()).split())


def _markers() -> frozenset[str]:
    return _furniture_data()[0]


def _prompts() -> tuple[str, ...]:
    return _furniture_data()[1]


@lru_cache(maxsize=1)
def _furniture_data() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The marker lines, the prompt openings (``prompt: …``) and the labels (``label: …``)
    of the data file."""
    data = resources.files("confl10n").joinpath("data/boilerplate.txt").read_text("utf-8")
    lines = [line.strip() for line in data.splitlines()]
    kept = [line for line in lines if line and not line.startswith("#")]
    tagged = {tag: [_key(line[len(tag) :]) for line in kept if line.startswith(tag)]
              for tag in ("prompt:", "label:")}  # fmt: skip
    markers = frozenset(line for line in kept if not line.startswith(("prompt:", "label:")))
    return markers, tuple(tagged["prompt:"]), frozenset(tagged["label:"])
