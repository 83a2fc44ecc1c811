"""Unknown output tokens put back from the *unknown* source tokens they align with.

A model emits ``<unk>`` only where it copies something it has no token for:
the ``⟦`` and ``⟧`` of the figure placeholders (``⟦Q1⟧``), a CJK character in
English text. CTranslate2's ``replace_unknowns`` writes the source token with
the highest attention there, among *all* source tokens, and a model whose
attention is not sharp (the base-sized bench model) then writes a neighbouring
word instead of the bracket: ``sQ1s``, ``areQ1 are``. The placeholder is lost
and the sentence had to be translated a second time without protection.

Here the choice is among the source tokens the model cannot know (those out
of its source vocabulary), by the same attention: an ``<unk>`` can only stand
for one of them. Outputs without ``<unk>`` are unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

UNKNOWN = "<unk>"
_FILES = ("shared_vocabulary", "source_vocabulary")


def source_vocabulary(model: Path) -> frozenset[str] | None:
    """The source tokens of a CTranslate2 model folder (``shared_vocabulary`` or
    ``source_vocabulary``, ``.json`` or ``.txt``), or None when none can be read."""
    for name in _FILES:
        for path in (model / f"{name}.json", model / f"{name}.txt"):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            return frozenset(json.loads(text) if path.suffix == ".json" else text.splitlines())
    return None


def has_unknowns(tokens: Sequence[str], known: frozenset[str]) -> bool:
    """Whether any of ``tokens`` is out of the vocabulary ``known``."""
    return any(token not in known for token in tokens)


def replace_unknowns(
    hypothesis: Sequence[str],
    attention: Sequence[Sequence[float]],
    source: Sequence[str],
    known: frozenset[str],
) -> list[str]:
    """``hypothesis`` with each ``<unk>`` replaced by the unknown ``source`` token its
    ``attention`` row (one row per hypothesis token, one column per source token)
    weighs most; left as it is where the source has no unknown token."""
    candidates = [i for i, token in enumerate(source) if token not in known]
    if not candidates or len(attention) < len(hypothesis):
        return list(hypothesis)
    return [
        source[max(candidates, key=lambda i: attention[row][i])] if token == UNKNOWN else token
        for row, token in enumerate(hypothesis)
    ]
