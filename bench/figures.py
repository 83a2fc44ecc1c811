"""Figures on the issue 13 corpus: recall and exact renderings per locale.

Reads tests/data/figures/cases.tsv (English snippets with the figure as written,
what it means and how each locale's newsroom writes it) and prints:

* recall: the share of figure cases the finder reads with the right kind, value,
  range and unit, and the share of traps (labels, names, house numbers) it leaves
  alone;
* exact renderings: per locale, the share of all figure cases whose rendering is
  exactly the expected one (a case not read counts as wrong).

The baseline is the corpus itself (1.00 everywhere is the target).

    .venv/bin/python bench/figures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.figures.corpus import found, is_trap_kept, load_cases, rendered


def main() -> None:
    locales, cases = load_cases()
    figures = [c for c in cases if c.kind != "none"]
    traps = [c for c in cases if c.kind == "none"]
    read = {id(c): found(c) for c in figures}
    hits = sum(q is not None for q in read.values())
    print(f"cases: {len(figures)} figures, {len(traps)} traps (baseline: the corpus, 1.00)")
    print(f"recall (figures read right): {hits}/{len(figures)} = {hits / len(figures):.2f}")
    kept = sum(is_trap_kept(c) for c in traps)
    print(f"traps left alone:            {kept}/{len(traps)} = {kept / max(1, len(traps)):.2f}")
    for locale in locales:
        exact = sum(
            (q := read[id(c)]) is not None and rendered(q, locale) == c.renderings[locale]
            for c in figures
        )
        print(f"exact rendering {locale:6} {exact}/{len(figures)} = {exact / len(figures):.2f}")


if __name__ == "__main__":
    main()
