"""Keep figures away from the translation engine, then put them back in target style.

Engines are good at words and bad at figures: they round, drop scales, copy
English separators. So a sentence's figures are swapped for placeholders
before translation and written back afterwards with
:func:`confl10n.localize.formatting.format_quantity`::

    masked, slots = protect(sentence.text, [q for q in quantities if worth_protecting(q)])
    restored = restore(engine.translate(masked), slots, "zh_CN")

A placeholder is ``⟦Q1⟧``. :func:`restore` accepts what engines commonly make
of it (``⟦*Q1⟧``, ``[[Q1]]``, ``【Q１】``, spaces inside) and raises
:class:`~confl10n.errors.TranslationError` when one was dropped or repeated;
:func:`placeholder_problems` lists the same problems without raising.
:func:`restyle` is for text translated without placeholders: it rewrites
figures the engine copied verbatim from the English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from confl10n.errors import InvalidOptionError, TranslationError
from confl10n.languages import facts, sentence_start
from confl10n.localize.formatting import check_locale, format_quantity
from confl10n.quantities.find import MINUS
from confl10n.text.segmentation import OPENING_MARKS

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence
    from pathlib import Path

    from confl10n.document import Quantity

__all__ = [
    "PLACEHOLDER",
    "Slot",
    "placeholder_problems",
    "protect",
    "restore",
    "restyle",
    "sentence_case",
    "worth_protecting",
]

# What protect() writes, as a regex: give it to an engine that can pass spans through
# untouched, e.g. ApertiumEngine(verbatim=PLACEHOLDER).
PLACEHOLDER = r"⟦Q\d+⟧"

# ⟦ and ⟧ are unknown to most models: their <unk> outputs are put back from the source by
# attention, which may pick the other bracket of the pair ("⟦Q1⟦"), so either one does.
_OPEN, _CLOSE = r"[⟦⟧\[【〚〔(（]", r"[⟧⟦\]】〛〕)）]"
_NEXT = r"(?!\s*\*?\s*[QqＱｑ]\s*[0-9０-９])"  # a bracket opening the next placeholder
_TOKEN = re.compile(
    rf"(?P<lead>\s*)(?P<open>(?:{_OPEN}\s*){{1,2}})\*?\s*[QqＱｑ]\s*(?P<n>[0-9０-９]+)\s*"
    rf"(?P<close>(?:{_CLOSE}{_NEXT}\s*?){{1,2}})(?P<trail>\s*)"
)
# Brackets of the text itself, which a placeholder may touch: "(⟦Q1⟧)", "[⟦Q1⟧](url)".
_TEXT_BRACKETS = {"(": "(（", ")": ")）", "[": "[", "]": "]"}
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_FRAME_WORD = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_LEADING_TOKEN = re.compile(r"\s*(?:⟦Q\d+⟧\s*)+")  # as protect() writes them
# Placeholders as engines return them, then a capitalised word (not an acronym).
_LEADING_WORD = re.compile(rf"(?P<tokens>(?:{_TOKEN.pattern})+)(?P<first>[^\W\d_])(?=\w*[a-z])")


@dataclass(frozen=True, slots=True)
class Slot:
    """One placeholder and the quantity it stands for."""

    token: str
    quantity: Quantity
    before: str = ""  # the bracket just before the figure in the source ("(" of "($5)")
    after: str = ""  # the bracket just after it
    frame: str | None = None  # "between"/"from" opening a range, masked with it


def worth_protecting(q: Quantity) -> bool:
    """Figures engines tend to damage: money, percentages, measures, times, multipliers,
    fractions, dates (a day alone too: Apertium makes "the 19th" "el 19.º"; a month alone
    too: it leaves "in August" English), and numbers with separators or decimals. Bare
    years and small numbers (spelled out or not) read better translated with their
    sentence."""
    if q.value is None:
        return False
    if q.kind == "date":
        return q.parts != "y" or q.upper is not None or q.unit is not None  # a season
    if q.kind in ("money", "percent", "measure", "time", "multiplier", "fraction"):
        return True
    return q.text.lstrip(MINUS)[:1].isdigit() and (q.decimals > 0 or "," in q.text)


def protect(
    text: str, quantities: Sequence[Quantity], *, frames: Collection[str] = ()
) -> tuple[str, list[Slot]]:
    """``text`` with each quantity replaced by a placeholder, and the slots to restore.

    The quantities' spans must index ``text`` (as :func:`find_quantities` gives them).
    A range opened by one of ``frames`` ("between", "from": those the target style
    writes, see :func:`~confl10n.localize.formatting.range_frames`) is masked with that
    word, so the range comes back with the target's own words ("entre … y …").

    Raises :class:`~confl10n.errors.InvalidOptionError` when a quantity's span does not
    index ``text``.
    """
    slots, pieces, position = [], [], 0
    for number, q in enumerate(sorted(quantities, key=lambda q: q.start), start=1):
        if text[q.start : q.end] != q.text or q.start < position:
            raise InvalidOptionError(f"quantity {q.text!r} does not sit at {q.start}:{q.end}")
        start, frame = _frame(text, q, frames, position)
        before, after = text[start - 1 : start], text[q.end : q.end + 1]
        slot = Slot(f"⟦Q{number}⟧", q, before * (before in "([") if before else "",
                    after * (after in ")]") if after else "", frame and frame.lower())  # fmt: skip
        pieces += [text[position:start], slot.token]
        slots.append(slot)
        position = q.end
    return "".join([*pieces, text[position:]]), slots


def _frame(text: str, q: Quantity, frames: Collection[str], floor: int) -> tuple[int, str | None]:
    """Where the masked span of ``q`` starts, and the range word it takes along, if any."""
    if q.upper is None or not frames:
        return q.start, None
    word = _FRAME_WORD.search(text, max(floor, q.start - 12), q.start)
    if word is None or word[1].lower() not in frames:
        return q.start, None
    return word.start(), word[1]


def placeholder_problems(translated: str, slots: Sequence[Slot]) -> list[str]:
    """What the engine did to the placeholders: dropped, repeated or invented ones."""
    seen = [int(_ascii(m["n"])) for m in _TOKEN.finditer(translated)]
    problems = []
    for number, slot in enumerate(slots, start=1):
        count = seen.count(number)
        if count != 1:
            what = "dropped" if count == 0 else f"repeated {count} times"
            problems.append(f"placeholder {slot.token} ({slot.quantity.text!r}) {what}")
    extra = sorted({n for n in seen if not 1 <= n <= len(slots)})
    problems += [f"placeholder ⟦Q{n}⟧ is not one of ours" for n in extra]
    return problems


def restore(
    translated: str, slots: Sequence[Slot], locale: str, *, style_dir: Path | None = None
) -> str:
    """Put each slot's quantity back into ``translated``, written in ``locale``'s style;
    one that opens the sentence (after opening quotes or brackets, if any) starts as a
    sentence does in ``locale`` ("un tercio" -> "Un tercio").

    Raises TranslationError when a placeholder was dropped, repeated or invented:
    the caller should then translate the sentence unprotected and :func:`restyle` it.
    """
    problems = placeholder_problems(translated, slots)
    if problems:
        raise TranslationError("; ".join(problems))
    cjk = facts(check_locale(locale)).cjk
    rendered = [_rendered(s, locale, style_dir) for s in slots]

    def put_back(m: re.Match[str]) -> str:
        index = int(_ascii(m["n"])) - 1
        text = rendered[index]
        if _opens(translated, m.start()):
            text = sentence_start(text, locale)
        value = _bracketed(text, slots[index], m["open"], m["close"])
        if not cjk:
            return f"{m['lead']}{value}{m['trail']}"
        # Chinese and Japanese put no space between a figure and CJK text.
        lead = "" if _touches_cjk(translated, m.start(), -1) else m["lead"]
        trail = "" if _touches_cjk(translated, m.end(), 0) else m["trail"]
        return f"{lead}{value}{trail}"

    return _dedupe_units(_TOKEN.sub(put_back, translated), rendered)


def _rendered(slot: Slot, locale: str, style_dir: Path | None) -> str:
    return format_quantity(slot.quantity, locale, style_dir=style_dir, frame=slot.frame)


def _opens(translated: str, at: int) -> bool:
    """Whether nothing but spaces and opening quotes or brackets stands before ``at``."""
    return all(c.isspace() or c in OPENING_MARKS for c in translated[:at])


def sentence_case(masked: str, translated: str) -> str:
    """``translated`` without the capital an engine gives the word after a placeholder that
    opens the sentence ("⟦Q1⟧ De empresas" for "⟦Q1⟧ of firms"): lower-cased when the
    English word there was."""
    lead = _LEADING_TOKEN.match(masked)
    after = masked[lead.end() : lead.end() + 1] if lead else ""
    word = _LEADING_WORD.match(translated) if after.islower() else None
    if word is None or not word["first"].isupper():
        return translated
    return f"{word['tokens']}{word['first'].lower()}{translated[word.end() :]}"


def restyle(
    translated: str, quantities: Sequence[Quantity], locale: str, *, style_dir: Path | None = None
) -> str:
    """Rewrite figures the engine copied verbatim from English ("1,926", "10.2%")."""
    for q in quantities:
        if q.value is None or not q.text.lstrip(MINUS)[:1].isdigit() or q.parts in ("y", "d"):
            continue
        pattern = rf"(?<![\d.,]){re.escape(q.text)}(?![\d]|[.,]\d)"
        value = format_quantity(q, locale, style_dir=style_dir)
        translated = re.sub(pattern, value.replace("\\", "\\\\"), translated)
    return translated


def _bracketed(value: str, slot: Slot, opened: str, closed: str) -> str:
    """``value`` with the source's own brackets around the figure put back, when the
    token match swallowed them: "(about ⟦Q1⟧)" must keep its ")"."""
    opened, closed = opened.replace(" ", ""), closed.replace(" ", "")
    lead = opened[0] if slot.before and _swallowed(opened, slot.before) else ""
    trail = closed[-1] if slot.after and _swallowed(closed, slot.after) else ""
    return f"{lead}{value}{trail}"


def _swallowed(brackets: str, source: str) -> bool:
    """Whether the matched brackets include the text's own: two layers (its and ours), or
    one that is not a placeholder bracket and is the kind the source had there."""
    own = _TEXT_BRACKETS[source]
    return (len(brackets) == 2 and brackets[0 if source in "([" else -1] in own) or (
        len(brackets) == 1 and brackets in own and source in "()"
    )


def _ascii(digits: str) -> str:
    return digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _touches_cjk(text: str, index: int, offset: int) -> bool:
    """Whether the character just outside a match (offset -1: before, 0: after) is CJK."""
    position = index + offset
    return 0 <= position < len(text) and bool(_CJK.match(text[position]))


def _dedupe_units(text: str, values: Iterable[str]) -> str:
    """ "3800亿元元" -> "3800亿元": the engine kept a unit the figure already has."""
    for value in values:
        unit = re.search(r"[\u3000-\u9fff]$|%$", value)
        if unit is not None:
            text = text.replace(value + unit[0], value)
    return text
