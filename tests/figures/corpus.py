"""The issue 13 corpus (tests/data/figures/cases.tsv): read it, and check one case.

Shared by tests/figures/test_corpus.py and bench/figures.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from confl10n.document import Quantity
from confl10n.localize.formatting import format_quantity
from confl10n.quantities.find import find_quantities

CASES = Path(__file__).parents[1] / "data" / "figures" / "cases.tsv"
REFERENCE = date(2024, 12, 20)
MARKS = {
    "{nbsp}": "\u00a0",
    "{nnbsp}": "\u202f",
    "{alm}": "\u061c",
    "{rlm}": "\u200f",
    "{nl}": "\n",
}


@dataclass(frozen=True)
class Case:
    """One row: the snippet, the figure as written (empty for a trap), what it means,
    and its rendering per locale."""

    snippet: str
    figure: str
    kind: str
    value: str
    upper: str
    unit: str
    renderings: dict[str, str]

    @property
    def frame(self) -> str | None:
        """ "between" or "from" when the figure column includes the word opening its range
        (the rendering then has the locale's own words for it: "entre 22.920 y 70.044 euros")."""
        word = self.figure.split(" ", 1)[0]
        return word.lower() if word.lower() in ("between", "from") and " " in self.figure else None

    @property
    def written(self) -> str:
        """The figure as the finder reads it: without its range word."""
        return self.figure.split(" ", 1)[1] if self.frame else self.figure


def load_cases() -> tuple[list[str], list[Case]]:
    """(locales, cases) from the TSV file."""
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    header, *rows = [_unmark(line).split("\t") for line in lines]
    locales = header[6:]
    return locales, [_case(row, locales) for row in rows]


def _case(row: list[str], locales: list[str]) -> Case:
    snippet, figure, kind, value, upper, unit = row[:6]
    renderings = dict(zip(locales, row[6:], strict=True))
    return Case(snippet, figure, kind, value, upper, unit, renderings)


def _unmark(text: str) -> str:
    for mark, char in MARKS.items():
        text = text.replace(mark, char)
    return text


def found(case: Case) -> Quantity | None:
    """The quantity the finder gives for the case's figure, if it reads it as the corpus does."""
    for q in find_quantities(case.snippet, reference_date=REFERENCE):
        if q.text == case.written and describe(q) == (case.kind, case.value, case.upper, case.unit):
            return q
    return None


def is_trap_kept(case: Case) -> bool:
    """A trap (kind none): nothing is found in the snippet."""
    return not find_quantities(case.snippet, reference_date=REFERENCE)


def describe(q: Quantity) -> tuple[str, str, str, str]:
    """(kind[:parts], value, upper, unit) as the corpus writes them."""
    kind = q.kind + (f":{q.parts}" if q.parts else "")
    return kind, _shown(q.value, q.parts), _shown(q.upper, q.parts), q.unit or ""


def _shown(value: object, parts: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        iso = value.isoformat()
        cut = {
            "y": iso[:4],
            "fy": iso[:4],
            "ym": iso[:7],
            "m": iso[5:7],
            "md": iso[5:],
            "d": iso[8:],
        }
        return cut.get(parts or "", iso)
    return str(value)


def rendered(q: Quantity, locale: str, frame: str | None = None) -> str:
    """``q`` in ``locale``; with its range word when the case has one."""
    return format_quantity(q, locale, frame=frame) if frame else format_quantity(q, locale)
