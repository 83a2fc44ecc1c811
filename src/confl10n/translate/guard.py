"""Degeneration guard: spot a translation that ran away.

Neural models sometimes loop — a token or phrase repeated until the decoding
limit (en->zh is known for "(掌声) (掌声) (掌声) …") — or keep going far past
what the source says. Both are judged on the text alone, so the guard works
for any engine; a repetition the source itself contains is not held against
the translation.
"""

from __future__ import annotations

import re

# A unit of 1-30 characters repeated at least four times in a row.
_LOOP = re.compile(r"(.{1,30}?)\1{3,}", re.DOTALL)
_MIN_LOOP_CHARS = 16  # "……" or "哈哈哈哈" are writing, not a loop
_GROWTH, _SLACK = 5, 50  # generous: zh->en output is easily three times longer
# A word of two letters or more three times in a row ("matriculados matriculados matriculados").
_REPEATED_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})(?:[\s,]+\1(?![^\W\d_])){2,}",
                            re.IGNORECASE)  # fmt: skip


def is_degenerate(source: str, target: str) -> bool:
    """Whether ``target`` loops (unlike ``source``) or is far longer than ``source``.

    A loop is a unit of 1-30 characters four times in a row (16 characters or more),
    or a word three times in a row.
    """
    if len(target) > _GROWTH * len(source) + _SLACK:
        return True
    return _loops(target) and not _loops(source)


def _loops(text: str) -> bool:
    if _REPEATED_WORD.search(text):
        return True
    return any(len(m.group(0)) >= _MIN_LOOP_CHARS for m in _LOOP.finditer(text))
