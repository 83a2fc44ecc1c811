"""Apertium en->es on the seed article: one process for the document vs one per paragraph.

Each apertium start costs a bash script and a dozen pipeline programs loading
their data, so the engine sends a whole batch through one process. This
prints the wall time of (a) the whole article as one batch, (b) one batch per
paragraph (title and headings count as paragraphs) and (c) the bare
``apertium eng-spa`` command on the article file, as the limit; best and
median of a few runs, plus how many sentences (a) and (b) translate alike.

    .venv/bin/python bench/apertium.py [ARTICLE] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from confl10n.text.reader import read_article
from confl10n.translate.apertium.engine import ApertiumEngine

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"


def paragraphs(path: Path) -> list[list[str]]:
    """The article's translatable units grouped as the reader's paragraphs."""
    article = read_article(path)
    groups = [[article.title.text]] if article.title is not None else []
    for section in article.sections:
        if section.heading is not None:
            groups.append([section.heading.text])
        groups += [[s.text for s in p.sentences] for p in section.paragraphs]
    return groups


def timed(runs: int, work: Callable[[], object]) -> tuple[list[float], object]:
    """Wall seconds of each run of ``work`` and the last run's result."""
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def report(label: str, seconds: list[float], sentences: int) -> None:
    best, median = min(seconds), statistics.median(seconds)
    print(f"{label:<34} best {best:6.2f} s  median {median:6.2f} s  {sentences / best:7.1f} sent/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    groups = paragraphs(options.article)
    units = [text for group in groups for text in group]
    engine = ApertiumEngine()
    print(f"{options.article}: {len(units)} sentences in {len(groups)} paragraphs")
    whole, batch = timed(options.runs, lambda: engine.translate_batch(units, "en", "es"))
    report("(a) one process, whole article", whole, len(units))
    per, split = timed(
        options.runs, lambda: [engine.translate_batch(g, "en", "es") for g in groups]
    )
    report(f"(b) one process per paragraph ({len(groups)})", per, len(units))
    bare_command = ["apertium", "eng-spa", str(options.article)]
    bare, _ = timed(options.runs, lambda: subprocess.run(bare_command, capture_output=True))
    report("(c) bare `apertium eng-spa FILE`", bare, len(units))
    alike = sum(a == b for a, b in zip(batch, [t for g in split for t in g], strict=True))
    print(
        f"(b)/(a) time: {min(per) / min(whole):.1f}x; sentences alike in (a) and (b): "
        f"{alike}/{len(units)}"
    )


if __name__ == "__main__":
    main()
