"""Reader + segmentation at scale: linear time, memory under 10x the input.

Builds articles of 2 MB and 20 MB from the seed's paragraphs, parses each in a
fresh subprocess, and prints seconds per MB and peak RSS growth as a multiple
of the input size. Baselines: the 2 MB run for time (ratio ~1 means linear),
the input's own size for memory (target < 10).

Then the input limit (``--max-input-size``, default 5 MiB): how long ``segment``,
``summarize``, ``translate`` and ``build`` take to refuse the 20 MB article
(target < 5 s), against the same command on a one-paragraph article (the
baseline: starting the process). The parse above is the library's, which has no limit.

    .venv/bin/python bench/segment.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"
CHILD = """
import json, resource, sys, time
from confl10n.text.reader import parse_bytes
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
article = parse_bytes(data)
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = len(article.sentences)
print(json.dumps({"seconds": seconds, "rss_kib": after - before, "sentences": count}))
"""


def measure(path: Path) -> dict[str, float]:
    """Parse ``path`` in a fresh interpreter and return its timings."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    body = SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]
    tmp = Path("/tmp/confl10n-bench-segment")
    tmp.mkdir(exist_ok=True)
    base = None
    for megabytes in (2, 20):
        path = tmp / f"article-{megabytes}mb.txt"
        copies = megabytes * 2**20 // len(body.encode()) + 1
        path.write_text("Title\n\n" + body * copies, encoding="utf-8")
        size_mb = path.stat().st_size / 2**20
        result = measure(path)
        per_mb = result["seconds"] / size_mb
        base = base or per_mb
        rss_mb = result["rss_kib"] / 1024
        print(
            f"{size_mb:6.1f} MB  {result['sentences']:>8.0f} sentences  "
            f"{result['seconds']:6.2f} s  {per_mb:.3f} s/MB (x{per_mb / base:.2f} vs 2 MB)  "
            f"peak RSS +{rss_mb:.0f} MiB = {rss_mb / size_mb:.1f}x input"
        )


REFUSED = {
    "segment": ["segment"],
    "summarize": ["summarize"],
    "translate": ["translate", "--to", "es", "--engine", "apertium", "--no-cache"],
    "build": ["build", "--to", "es_ES", "--engine", "apertium", "--no-cache", "--out"],
}


def command_seconds(args: list[str]) -> tuple[float, int]:
    """Wall seconds and exit code of ``python -m confl10n ARGS``."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "confl10n", *args], capture_output=True)
    return time.perf_counter() - started, done.returncode


def refusals(big: Path, tmp: Path) -> None:
    small = tmp / "small.txt"
    small.write_text("Title\n\nRevenue rose 5% in 2024. Costs fell.\n", encoding="utf-8")
    for name, args in REFUSED.items():
        extra = [str(tmp / f"out-{name}")] if name == "build" else []
        base, _ = command_seconds([*args, *extra, str(small)])
        seconds, code = command_seconds([*args, *extra, str(big)])
        print(
            f"{name:9} refuses {big.stat().st_size / 2**20:.0f} MB: exit {code} in "
            f"{seconds:5.2f} s (x{seconds / base:.2f} the same command on one paragraph, "
            f"{base:.2f} s)"
        )


if __name__ == "__main__":
    main()
    folder = Path("/tmp/confl10n-bench-segment")
    refusals(folder / "article-20mb.txt", folder)
