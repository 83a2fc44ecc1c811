"""Figures on the issue 13 corpus: recall, exact renderings and QA, per locale.

Reads tests/data/figures/cases.tsv (English snippets with the figure as written,
what it means and how each locale's newsroom writes it) and prints, for this
checkout and optionally a baseline checkout (``--baseline DIR``, e.g. a copy of
main made with ``git archive main | tar -x -C DIR``), side by side:

* recall: the share of figure cases the finder reads with the right kind, value,
  range and unit; and the share of traps (labels, names, scores) left alone;
* exact renderings: per locale, the share of figure cases rendered exactly as
  expected (a case not read counts as wrong);
* QA: per locale, the share of expected renderings QA accepts without a finding
  on that figure, and the share of scaled amounts written without their scale
  ("4" for "$4 to $5 billion") that QA reports.

The target is the corpus itself (1.00 everywhere).

    .venv/bin/python bench/figures.py [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure() -> dict[str, float]:
    """The rates for the confl10n on sys.path (run in a subprocess per checkout)."""
    sys.path.insert(0, str(ROOT))
    from tests.figures.corpus import REFERENCE, found, load_cases

    from confl10n.figures.qa import check_translation
    from confl10n.localize.formatting import format_quantity
    from confl10n.quantities.find import find_quantities

    locales, cases = load_cases()
    figures = [c for c in cases if c.kind != "none"]
    traps = [c for c in cases if c.kind == "none"]
    rates: dict[str, float] = {}
    read = {case.snippet: _safe_found(found, case) for case in figures}
    rates["recall"] = sum(q is not None for q in read.values()) / len(figures)
    rates["traps left alone"] = sum(not find_quantities(c.snippet) for c in traps) / len(traps)
    scaled = [c for c in figures if re.search(r"million|billion|trillion|bn\b", c.figure)]
    for locale in locales:
        exact = sum(q is not None and _safe(format_quantity, q, locale) == c.renderings[locale]
                    for c, q in ((c, read[c.snippet]) for c in figures))  # fmt: skip
        rates[f"exact {locale}"] = exact / len(figures)
        rates[f"qa accepts {locale}"] = _accepts(check_translation, figures, locale, REFERENCE)
        rates[f"qa scale {locale}"] = _catches(check_translation, scaled, locale, REFERENCE)
    return rates


def _safe_found(find: object, case: object) -> object:
    try:
        return find(case)  # type: ignore[operator]
    except Exception:
        return None


def _safe(render: object, *args: object) -> str:
    try:
        return str(render(*args))  # type: ignore[operator]
    except Exception:
        return "<error>"


def _accepts(check: object, cases: list, locale: str, ref: object) -> float:  # type: ignore[type-arg]
    ok = 0
    for case in cases:
        text = case.snippet.replace(case.figure, case.renderings[locale], 1)
        findings = check(case.snippet, text, locale, reference_date=ref)  # type: ignore[operator]
        ok += not any(f.source == case.figure for f in findings)
    return ok / len(cases)


def _catches(check: object, cases: list, locale: str, ref: object) -> float:  # type: ignore[type-arg]
    caught = 0
    for case in cases:
        digits = re.search(r"[0-9]+(?:\.[0-9]+)?", case.figure)
        text = case.snippet.replace(case.figure, digits[0] if digits else "", 1)
        findings = check(case.snippet, text, locale, reference_date=ref)  # type: ignore[operator]
        caught += any(f.source.startswith(case.figure[:2]) for f in findings)
    return caught / max(1, len(cases))


def _run(src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--measure"], env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(out)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="another checkout (its src/ is used)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return
    ours = _run(ROOT / "src")
    base = _run(args.baseline / "src") if args.baseline else None
    print(f"{'measure':24} {'this':>6}" + (f" {'baseline':>9}" if base else ""))
    for name, value in ours.items():
        extra = f" {base.get(name, 0.0):9.2f}" if base else ""
        print(f"{name:24} {value:6.2f}{extra}")


if __name__ == "__main__":
    main()
