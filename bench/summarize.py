"""Section summaries at scale: confl10n vs sumy called directly, and flat time per section.

Builds a synthetic article of 1,000 sections by repeating the sample article's
sections (each under its own numbered heading), then, each in a fresh
subprocess (after one warm-up call, so imports are not timed; best of 3 runs):

* **confl10n**: ``summarize_sections(article, algorithm=..., sentences=3)``,
  lede included;
* **sumy** (the baseline): for every section, sumy's document model built from
  the same sentences and words, and the same sumy summarizer called with 3.

Prints sections/s and peak RSS for both and the ratio (target: confl10n no
slower than sumy), then confl10n's time per section at 10, 100 and 1,000
sections (target: flat, ratio ~1 vs 10 sections).

With ``--long``: one article written as a single paragraph of 128 KiB, 256 KiB
and 1 MiB, summarized by section (and with ``--whole``) by lexrank, textrank
and lsa, each in a fresh subprocess (imports warmed up, one BLAS thread): CPU
seconds (wall time too, which shared cores make noisy) and peak RSS, as ratios
against the 128 KiB run (target: CPU time about proportional to the size, x2
and x8, and peak RSS about flat; sumy alone is quadratic here, since it
compares every pair of sentences).

    .venv/bin/python bench/summarize.py [--algorithm lexrank] [--all]
    .venv/bin/python bench/summarize.py --long
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from confl10n.summarize.adapter import SUMMARIZERS  # names only; the baseline calls sumy itself

REPEAT = 3
SAMPLE = Path(__file__).resolve().parents[1] / "source" / "article.md"
CHILD = """
import json, resource, sys, time
from pathlib import Path
from confl10n.text.reader import read_article
from confl10n.summarize import summarize_sections
from confl10n.text.words import split_words

mode, algorithm, path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
article = read_article(path)

def run_sumy(sections):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words
    import sumy.summarizers.{module} as module
    class Words:
        @staticmethod
        def to_words(text):
            return tuple(split_words(text, lang="en"))
    summarizer = module.{cls}(Stemmer("english"))
    if algorithm == "edmundson":
        summarizer.bonus_words = ["shanghai"]
        summarizer.stigma_words = ["not"]
        summarizer.null_words = get_stop_words("english")
    else:
        summarizer.stop_words = get_stop_words("english")
    for section in sections:
        paragraphs = [
            Paragraph(([Sentence(section.heading.text, Words, is_heading=True)] if i == 0 else [])
                      + [Sentence(s.text, Words) for s in p.sentences])
            for i, p in enumerate(section.paragraphs)
        ]
        summarizer(ObjectDocumentModel(paragraphs), 3)

def run_confl10n(sections):
    from dataclasses import replace
    part = replace(article, sections=tuple(sections))
    summarize_sections(part, algorithm=algorithm, sentences=3)

run = run_sumy if mode == "sumy" else run_confl10n
run(article.sections[:1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
run(article.sections)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "sections": len(article.sections),
                  "peak_kib": peak, "growth_kib": peak - before}}))
"""


def synthetic(count: int, folder: Path) -> Path:
    """A Markdown article of ``count`` sections cycled from the sample's own."""
    from confl10n.text.reader import read_article

    sample = read_article(SAMPLE)
    parts = ["# Synthetic bulletin source", ""]
    for i in range(count):
        section = sample.sections[i % len(sample.sections)]
        heading = section.heading.text if section.heading else "Introduction"
        parts += [f"## {heading} ({i + 1})", ""]
        parts += [f"{paragraph.text}\n" for paragraph in section.paragraphs]
    path = folder / f"synthetic-{count}.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def measure(mode: str, algorithm: str, path: Path, repeat: int = REPEAT) -> dict[str, float]:
    """Run one mode in fresh interpreters; the fastest of ``repeat`` runs (CPUs are shared)."""
    module, cls = SUMMARIZERS[algorithm]
    code = CHILD.format(module=module, cls=cls)
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", code, mode, algorithm, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    best: dict[str, float] = min(runs, key=lambda run: run["seconds"])
    return best


def compare(algorithm: str, path: Path) -> None:
    """confl10n vs sumy on the same 1,000 sections: sections/s, peak RSS, ratios."""
    ours, theirs = measure("confl10n", algorithm, path), measure("sumy", algorithm, path)
    rate = {name: r["sections"] / r["seconds"] for name, r in (("c", ours), ("s", theirs))}
    print(
        f"{algorithm:<10} confl10n {rate['c']:7.1f} sections/s, peak RSS "
        f"{ours['peak_kib'] / 1024:5.0f} MiB | sumy {rate['s']:7.1f} sections/s, peak RSS "
        f"{theirs['peak_kib'] / 1024:5.0f} MiB | speed x{rate['c'] / rate['s']:.2f}, "
        f"RSS x{ours['peak_kib'] / theirs['peak_kib']:.2f} (confl10n / sumy)"
    )


def scaling(algorithm: str, folder: Path) -> None:
    """confl10n's time per section at 10, 100 and 1,000 sections; ratio vs 10."""
    base = None
    for count in (10, 100, 1000):
        result = measure("confl10n", algorithm, synthetic(count, folder))
        per_section = result["seconds"] / result["sections"] * 1000
        base = base or per_section
        print(
            f"{algorithm:<10} {count:5d} sections: {per_section:6.2f} ms/section "
            f"(x{per_section / base:.2f} vs 10 sections)"
        )


LONG_CHILD = """
import json, resource, sys, time, warnings
from confl10n.text.reader import parse_text
from confl10n.summarize import summarize_sections, summarize_text

algorithm, whole, text = sys.argv[1], sys.argv[2] == "whole", sys.stdin.read()
summarize = summarize_text if whole else summarize_sections
summarize(parse_text(text[:2000]), algorithm=algorithm)  # warm-up: imports are not timed
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started, cpu_started = time.perf_counter(), cpu()
article = parse_text(text)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    summarize(article, algorithm=algorithm)
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "peak_kib": peak,
                  "growth_kib": peak - before, "sentences": len(article.sentences),
                  "warnings": len(caught)}))
"""
LONG_SIZES = (128, 256, 1024)  # KiB; the first is the baseline
# On shared cores OpenBLAS's spinning threads make LSA's small SVDs 20-100x slower and
# the timings noise; one thread measures the algorithm, not the contention.
ONE_BLAS_THREAD = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def one_paragraph(kib: int) -> str:
    """The sample's sentences repeated as one paragraph (one line) of ``kib`` KiB."""
    from confl10n.text.reader import read_article

    sentences = [s.text for s in read_article(SAMPLE).sentences]
    parts: list[str] = []
    size = 0
    while size < kib * 1024:
        parts.append(sentences[len(parts) % len(sentences)])
        size += len(parts[-1].encode()) + 1
    return " ".join(parts)


def long_paragraph() -> None:
    """Time and peak RSS on one long paragraph, as ratios against 128 KiB."""
    texts = {kib: one_paragraph(kib) for kib in LONG_SIZES}
    runs = (("lexrank", "sections"), ("lexrank", "whole"), ("textrank", "sections"))
    for algorithm, mode in (*runs, ("lsa", "sections")):
        base: dict[str, float] = {}
        for kib, text in texts.items():
            out = subprocess.run(
                [sys.executable, "-c", LONG_CHILD, algorithm, mode],
                env=ONE_BLAS_THREAD,
                input=text,
                capture_output=True,
                text=True,
                check=True,
            )
            run = json.loads(out.stdout)
            base = base or run
            print(
                f"{algorithm:<8} {mode:<8} {kib:5d} KiB one paragraph ({run['sentences']:5d} "
                f"sentences): CPU {run['cpu']:6.2f} s (wall {run['seconds']:6.2f} s), peak RSS "
                f"{run['peak_kib'] / 1024:4.0f} MiB (+{run['growth_kib'] / 1024:.0f} after "
                f"warm-up) | vs 128 KiB (size x{kib // LONG_SIZES[0]}): CPU time "
                f"x{run['cpu'] / base['cpu']:.2f}, "
                f"peak RSS x{run['peak_kib'] / base['peak_kib']:.2f}"
            )


def main() -> None:
    """Compare on 1,000 sections, then time 10, 100 and 1,000."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--algorithm", default="lexrank", choices=sorted(SUMMARIZERS))
    parser.add_argument("--all", action="store_true", help="compare every algorithm")
    parser.add_argument("--long", action="store_true", help="one long paragraph, 128 KiB-1 MiB")
    args = parser.parse_args()
    if args.long:
        long_paragraph()
        return
    with tempfile.TemporaryDirectory(prefix="confl10n-bench-") as tmp:
        folder = Path(tmp)
        path = synthetic(1000, folder)
        for algorithm in SUMMARIZERS if args.all else [args.algorithm]:
            compare(algorithm, path)
        scaling(args.algorithm, folder)


if __name__ == "__main__":
    main()
