"""Figures on the corpus: read right, exact renderings and QA false alarms, against a baseline.

Reads tests/data/figures/cases.tsv (English snippets with the figure as written,
what it means and how each locale's newsroom writes it) and prints, for this
checkout and a baseline in the same run (``--baseline REV``: a git revision,
default ``HEAD~1``, the previous commit, exported with ``git archive``; or a
checkout folder), side by side:

* figures read right: the share of figure cases the finder reads with the right kind,
  value, range and unit; and the share of traps (labels, names, versions) left alone;
* exact renderings: per locale and overall, the share of figure cases rendered exactly
  as expected (a case not read counts as wrong);
* QA false alarms: per locale and in all, how many snippets with every figure put back
  in the locale's style (a right translation) QA still reports (a count; target 0);
* QA accepts / QA scale: the share of expected renderings QA accepts on that figure, and
  of scaled amounts written without their scale ("4" for "$4 to $5 billion") it reports.

The target is the corpus itself (1.00 read right and exact, 0.00 false alarms).

    .venv/bin/python bench/figures.py [--baseline REV|DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure() -> dict[str, float]:
    """The rates for the confl10n on sys.path (run in a subprocess per checkout)."""
    sys.path.insert(0, str(ROOT))
    from tests.figures.corpus import REFERENCE, found, load_cases, rendered

    from confl10n.figures.qa import check_translation
    from confl10n.quantities.find import find_quantities

    locales, cases = load_cases()
    figures = [c for c in cases if c.kind != "none"]
    traps = [c for c in cases if c.kind == "none"]
    rates: dict[str, float] = {}
    read = {(c.snippet, c.figure): _safe_found(found, c) for c in figures}
    rates["figures read right"] = sum(q is not None for q in read.values()) / len(figures)
    rates["traps left alone"] = sum(not find_quantities(c.snippet) for c in traps) / len(traps)
    scaled = [c for c in figures if re.search(r"million|billion|trillion|bn\b", c.figure)]
    snippets = sorted({c.snippet for c in figures})
    for locale in locales:
        exact = sum(q is not None and _safe(rendered, q, locale, c.frame) == c.renderings[locale]
                    for c, q in ((c, read[(c.snippet, c.figure)]) for c in figures))  # fmt: skip
        rates[f"exact {locale}"] = exact / len(figures)
        rates[f"qa false alarms {locale}"] = _alarms(snippets, locale, REFERENCE)
        rates[f"qa accepts {locale}"] = _accepts(check_translation, figures, locale, REFERENCE)
        rates[f"qa scale {locale}"] = _catches(check_translation, scaled, locale, REFERENCE)
    rates["exact (all)"] = sum(rates[f"exact {loc}"] for loc in locales) / len(locales)
    rates["qa false alarms (all)"] = sum(rates[f"qa false alarms {loc}"] for loc in locales)
    return rates


def _alarms(snippets: list[str], locale: str, ref: object) -> float:
    """How many right translations (every figure in target style) QA reports."""
    from confl10n.figures import protect as masking
    from confl10n.figures.qa import check_translation
    from confl10n.quantities.find import find_quantities

    alarms = 0
    for snippet in snippets:
        try:
            found = find_quantities(snippet, reference_date=ref)
            masked, slots = _masked(masking, snippet, found, locale)
            right = masking.restore(masked, slots, locale)
            alarms += bool(check_translation(snippet, right, locale, reference_date=ref))
        except Exception:
            alarms += 1
    return float(alarms)


def _masked(masking: object, snippet: str, found: object, locale: str) -> object:
    """protect() with the locale's range words where the checkout has them."""
    try:
        from confl10n.localize.formatting import range_frames  # type: ignore[attr-defined]
    except ImportError:
        return masking.protect(snippet, found)  # type: ignore[attr-defined]
    return masking.protect(snippet, found, frames=range_frames(locale))  # type: ignore[attr-defined]


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
        ok += not any(f.source == case.written for f in findings)
    return ok / len(cases)


def _catches(check: object, cases: list, locale: str, ref: object) -> float:  # type: ignore[type-arg]
    caught = 0
    for case in cases:
        digits = re.search(r"[0-9]+(?:\.[0-9]+)?", case.figure)
        text = case.snippet.replace(case.figure, digits[0] if digits else "", 1)
        findings = check(case.snippet, text, locale, reference_date=ref)  # type: ignore[operator]
        caught += any(f.source.startswith(case.written[:2]) for f in findings)
    return caught / max(1, len(cases))


def _run(src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--measure"], env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(out)  # type: ignore[no-any-return]


def _baseline(name: str, scratch: Path) -> Path:
    """The src/ folder of a checkout folder, or of git revision ``name`` exported to ``scratch``."""
    if Path(name).is_dir():
        return Path(name) / "src"
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", name, "src"], check=True,
                             capture_output=True).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    return scratch / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default="HEAD~1",
                        help="git revision or checkout folder (default: HEAD~1)")  # fmt: skip
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return
    ours = _run(ROOT / "src")
    with tempfile.TemporaryDirectory() as scratch:
        base = _run(_baseline(args.baseline, Path(scratch)))
    print(f"{'measure':28} {'this':>6} {'baseline':>9}   (baseline: {args.baseline})")
    for name, value in ours.items():
        print(f"{name:28} {value:6.2f} {base.get(name, float('nan')):9.2f}")


if __name__ == "__main__":
    main()
