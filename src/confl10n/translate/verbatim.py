"""Code and URLs never reach an engine: placeholders for them around any other wrapper.

A sentence's code spans, bare URLs and wire datelines (its
:class:`~confl10n.document.Inline` spans of the kinds in
:data:`confl10n.text.inline.VERBATIM`) are words no engine should touch: each
becomes ``⟦V1⟧``, ``⟦V2⟧`` … before the engine (and before the figures
wrapper, so no figure is read inside a URL), and is written back exactly as
it was after. Link targets are never in a sentence's text at all
(:mod:`confl10n.text.markdown`). Where the engine dropped, repeated or invented
one of these placeholders, the pipeline translates the sentence as it is
(:meth:`VerbatimWrapper.unwrapped`) and flags it ``verbatim-unprotected``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from confl10n.text.inline import VERBATIM

if TYPE_CHECKING:
    from collections.abc import Mapping

    from confl10n.document import Article
    from confl10n.translate.pipeline import SentenceWrapper

UNPROTECTED = "verbatim-unprotected"
"""The flag of a unit whose code or URLs went to the engine (it damaged their placeholders)."""

VERSION = 2
"""Part of the wrapper's name, so of cache keys (2: datelines and places are masked too)."""

_KINDS = VERBATIM
# What engines make of ⟦V1⟧: doubled or other brackets, a "*" for unknown words, spaces.
# Either bracket on either side: see confl10n.translate.argos.unknowns.
_TOKEN = re.compile(
    r"(?:[⟦⟧\[【〚]\s*){1,2}\*?\s*[VvＶｖ]\s*(?P<n>\d+)\s*"
    r"(?:[⟧⟦\]】〛](?!\s*\*?\s*[VvＶｖ]\s*\d)){1,2}"
)


def protect_verbatim(article: Article, inner: SentenceWrapper | None) -> SentenceWrapper | None:
    """``inner`` wrapped to keep ``article``'s code and URLs from the engine (unchanged if none)."""
    pieces: dict[str, tuple[str, ...]] = {}
    for unit in article.units():
        found = tuple(unit.text[s.start : s.end] for s in unit.spans if s.kind in _KINDS)
        if found:
            pieces[unit.text] = found
    return VerbatimWrapper(pieces, inner) if pieces else inner


class VerbatimWrapper:
    """Placeholders for the verbatim ``pieces`` of each text (text -> pieces), then ``inner``."""

    def __init__(self, pieces: dict[str, tuple[str, ...]], inner: SentenceWrapper | None) -> None:
        self.pieces, self.inner = pieces, inner

    @property
    def name(self) -> str:
        """The inner wrapper's name with this one's (a part of cache keys)."""
        own = f"verbatim/{VERSION}"
        return f"{self.inner.name} {own}" if self.inner is not None else own

    def before(self, text: str, *, source: str, target: str) -> str:
        """``text`` with its code and URLs replaced, then the inner wrapper's placeholders."""
        masked, _ = mask(text, self.pieces.get(text, ()))
        if self.inner is None:
            return masked
        return self.inner.before(masked, source=source, target=target)

    def after(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]] | None:
        """The inner wrapper's result with the code and URLs back; None when one was damaged."""
        masked, pieces = mask(text, self.pieces.get(text, ()))
        result: tuple[str, tuple[str, ...]] | None = (translated, ())
        if self.inner is not None:
            result = self.inner.after(masked, translated, source=source, target=target)
        if result is None:
            return None
        restored = unmask(result[0], pieces)
        return (restored, result[1]) if restored is not None else None

    def unwrapped(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]]:
        """A translation made from ``text`` as it is: the inner wrapper's repair, flagged."""
        flags: tuple[str, ...] = ()
        if self.inner is not None:
            translated, flags = self.inner.unwrapped(text, translated, source=source, target=target)
        return translated, (*flags, UNPROTECTED) if self.pieces.get(text) else flags


def mask(text: str, pieces: tuple[str, ...]) -> tuple[str, list[str]]:
    """``text`` with the first free occurrence of each piece replaced by ``⟦V1⟧``, ``⟦V2⟧`` …,
    and the pieces replaced, in placeholder order."""
    used: list[str] = []
    for piece in pieces:
        if piece in text:
            used.append(piece)
            text = text.replace(piece, f"⟦V{len(used)}⟧", 1)
    return text, used


def unmask(translated: str, pieces: list[str]) -> str | None:
    """The pieces written back for their placeholders; None unless each occurs exactly once."""
    numbers = [int(m["n"]) for m in _TOKEN.finditer(translated)]
    if sorted(numbers) != list(range(1, len(pieces) + 1)):
        return None
    return _TOKEN.sub(lambda m: pieces[int(m["n"]) - 1], translated)


def prose_targets(article: Article, targets: Mapping[str, str]) -> dict[str, str]:
    """``targets`` (unit ID -> translation) with their source's code and URLs blanked out, for
    numeric QA (which reads the source's prose only: :func:`confl10n.text.inline.prose_only`)."""
    pieces = {
        u.id: [u.text[s.start : s.end] for s in u.spans if s.kind in _KINDS]
        for u in article.units()
        if any(s.kind in _KINDS for s in u.spans)
    }
    return {key: _blank(text, pieces.get(key, [])) for key, text in targets.items()}


def _blank(text: str, pieces: list[str]) -> str:
    for piece in pieces:
        text = text.replace(piece, " " * len(piece))
    return text
