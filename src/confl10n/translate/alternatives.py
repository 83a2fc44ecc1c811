"""Alternative translations: an engine's other hypotheses, run through the whole pipeline.

LibreTranslate answers ``alternatives: N`` with the model's next-best
translations. :class:`RankedEngine` is an engine that answers every batch with
one rank of another engine's n-best list, so an alternative gets exactly what
the best translation gets (segmentation, figures protected and written in the
locale's style, QA); :class:`NBest` asks the engine once per batch for all ranks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from confl10n.translate.engine import EngineIdentity, HypothesesEngine


class NBest:
    """One engine's ``count`` best translations of each batch, asked for once."""

    def __init__(self, engine: HypothesesEngine, count: int) -> None:
        self.engine, self.count = engine, count
        self._seen: dict[tuple[tuple[str, ...], str, str], list[list[str]]] = {}

    def ranked(self, sentences: Sequence[str], source: str, target: str) -> list[list[str]]:
        """Each sentence's translations, best first (see ``hypotheses_batch``)."""
        key = (tuple(sentences), source, target)
        if key not in self._seen:
            self._seen[key] = self.engine.hypotheses_batch(sentences, source, target, self.count)
        return self._seen[key]


class RankedEngine:
    """An engine giving the ``rank``-th translation (0: the best) of :class:`NBest`'s
    engine; a sentence with fewer translations gets its last one."""

    def __init__(self, nbest: NBest, rank: int) -> None:
        self.nbest, self.rank = nbest, rank
        self.name = nbest.engine.name

    def pairs(self) -> list[tuple[str, str]]:
        """The pairs of the underlying engine."""
        return self.nbest.engine.pairs()

    def identity(self, source: str, target: str) -> EngineIdentity:
        """The underlying model, marked with the rank (never cached as its best output)."""
        identity = self.nbest.engine.identity(source, target)
        return replace(identity, model=f"{identity.model}#{self.rank + 1}")

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """The ``rank``-th translation of each sentence."""
        ranked = self.nbest.ranked(sentences, source, target)
        return [texts[min(self.rank, len(texts) - 1)] for texts in ranked]
