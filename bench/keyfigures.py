"""Key figures of the corpus articles against a hand-checked table: right labels, headlines.

Reads tests/data/keyfigures/gold.tsv (per article: each figure as written, whether
it is a headline figure, and the labels that say what the article says about it;
``quote`` accepts any verbatim quote of the figure's sentence that holds the
figure, ``quote:WORDS`` only one that keeps WORDS) and prints, for this checkout
and optionally a baseline checkout (``--baseline DIR``, e.g. a copy of main made
with ``git archive main | tar -x -C DIR``), side by side:

* rows: key-figure rows over all articles, and rows whose figure the table does
  not list (unchecked; they count as wrong);
* right labels: the share of rows whose label is one the table accepts;
* headline figures shown: the share of the table's headline figures in the rows;
* headline first: the share of articles whose first row is a headline figure.

With ``--rows`` it also prints every row: article, figure, label, right or not.

    .venv/bin/python bench/keyfigures.py [--baseline DIR] [--rows]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "keyfigures" / "gold.tsv"
_QUOTES = re.compile(r"[“”\"'‘’,…]")


def rows_of_this_checkout() -> list[tuple[str, str, str]]:
    """(article, figure as written, label) for every key-figure row of every gold article."""
    try:
        from confl10n.figures.keyfigures import key_figures  # after the pipeline move
    except ImportError:
        from confl10n.building.keyfigures import key_figures  # type: ignore[no-redef]
    from confl10n.quantities.find import article_quantities
    from confl10n.text.reader import read_article

    rows = []
    for name in sorted({line[0] for line in _gold_lines()}):
        article = read_article(ROOT / name)
        for figure in key_figures(article, article_quantities(article)):
            rows.append((name, figure.quantity.text, figure.label))
    return rows


def _gold_lines() -> list[list[str]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def _gold() -> dict[tuple[str, str], tuple[bool, list[str]]]:
    return {(a, f): (h == "yes", r.split(" | ")) for a, f, h, r in _gold_lines()}


def right(label: str, accepted: list[str], article_text: str) -> bool:
    """Whether ``label`` is one of the ``accepted`` labels (or an accepted quote)."""
    if label in accepted:
        return True
    quote = _plain(label)
    for option in (o for o in accepted if o == "quote" or o.startswith("quote:")):
        kept = option.partition(":")[2]
        if quote.lower() in _plain(article_text).lower() and _plain(kept) in quote:
            return True
    return False


def _plain(text: str) -> str:
    return " ".join(_QUOTES.sub(" ", text).split())


def score(rows: list[tuple[str, str, str]]) -> dict[str, float]:
    """The measures above, from one checkout's rows."""
    gold = _gold()
    texts = {a: (ROOT / a).read_text(encoding="utf-8") for a, _ in gold}
    judged = [(a, f, lbl, gold.get((a, f))) for a, f, lbl in rows]
    good = sum(g is not None and right(lbl, g[1], texts[a]) for a, _, lbl, g in judged)
    shown = {(a, f) for a, f, _ in rows}
    headlines = [key for key, (head, _) in gold.items() if head]
    firsts: dict[str, str] = {}
    for a, f, _ in rows:
        firsts.setdefault(a, f)
    leading = sum(gold.get((a, f), (False, []))[0] for a, f in firsts.items())
    return {
        "rows": len(rows),
        "unchecked rows": sum(g is None for *_, g in judged),
        "right labels": good / max(1, len(rows)),
        "headline figures shown": _headlines_shown(headlines, shown),
        "headline first": leading / max(1, len(firsts)),
    }


def _headlines_shown(headlines: list[tuple[str, str]], shown: set[tuple[str, str]]) -> float:
    """Share of headline figures in the rows; one figure written two ways counts once."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for article, figure in headlines:
        by_article[article].add(figure.lower())
    wanted = sum(len(v) for v in by_article.values())
    hit = sum(f.lower() in by_article[a] for a, f in shown if a in by_article)
    return hit / max(1, wanted)


def _run(src: Path) -> list[tuple[str, str, str]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--measure"], env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return [tuple(row) for row in json.loads(out)]  # type: ignore[misc]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="another checkout (its src/ is used)")
    parser.add_argument("--rows", action="store_true", help="print every row, judged")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(rows_of_this_checkout()))
        return
    ours = _run(ROOT / "src")
    base = _run(args.baseline / "src") if args.baseline else None
    if args.rows:
        _print_rows(ours)
    theirs = score(base) if base is not None else None
    print(f"{'measure':24} {'this':>6}" + (f" {'baseline':>9}" if theirs else ""))
    for name, value in score(ours).items():
        extra = f" {theirs[name]:9.2f}" if theirs else ""
        print(f"{name:24} {value:6.2f}{extra}")


def _print_rows(rows: list[tuple[str, str, str]]) -> None:
    gold = _gold()
    for article, figure, label in rows:
        entry = gold.get((article, figure))
        text = (ROOT / article).read_text(encoding="utf-8")
        verdict = (
            "unchecked" if entry is None else "right" if right(label, entry[1], text) else "WRONG"
        )
        print(f"{verdict:9} {Path(article).stem[:22]:22} {figure:22} {label}")


if __name__ == "__main__":
    main()
