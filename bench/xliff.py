"""XLIFF import at scale: streamed, so memory stays flat as the file grows.

Writes XLIFF files of 60,000 and 600,000 approved units whose IDs are in no
article (about 10 and 100 MB), imports each with ``confl10n import-xliff`` in a
fresh process, and prints wall seconds, peak RSS and the number of warning
lines. Baseline: the 60,000-unit run (RSS ratio ~1 means bounded memory; time
ratio ~10 means linear).

    .venv/bin/python bench/xliff.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

UNIT = '<trans-unit id="u{n}"><source>Sentence {n} of the file.</source><target state="final">Satz {n} der Datei.</target></trans-unit>\n'  # noqa: E501


def write(path: Path, units: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file ')
        out.write('source-language="en" target-language="de" original="x" datatype="plaintext">')
        out.write("<body>\n")
        for start in range(0, units, 10_000):
            out.write("".join(UNIT.format(n=n) for n in range(start, min(units, start + 10_000))))
        out.write("</body></file></xliff>\n")


def measure(path: Path, cache: Path) -> tuple[float, float, int, int]:
    """Seconds, peak RSS (MiB) of the import process, warning lines, exit code."""
    cache.unlink(missing_ok=True)
    child = (
        "import resource, runpy, sys; sys.argv = ['confl10n', *sys.argv[1:]];"
        "\ntry:\n    runpy.run_module('confl10n', run_name='__main__')\n"
        "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    command = [sys.executable, "-c", child, "import-xliff", str(path), "--cache", str(cache),
               "--max-input-size", "1GiB"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    lines = done.stderr.splitlines()
    return seconds, int(lines[-1]) / 1024, len(lines) - 1, done.returncode


def main() -> None:
    folder = Path("/tmp/confl10n-bench-xliff")
    folder.mkdir(exist_ok=True)
    base: tuple[float, float] | None = None
    for units in (60_000, 600_000):
        path = folder / f"units-{units}.xlf"
        write(path, units)
        seconds, rss, warnings, code = measure(path, folder / "cache.sqlite3")
        base = base or (seconds, rss)
        print(
            f"{units:>7} units, {path.stat().st_size / 2**20:5.1f} MiB: exit {code}, "
            f"{seconds:6.1f} s (x{seconds / base[0]:.1f}), peak RSS {rss:5.0f} MiB "
            f"(x{rss / base[1]:.2f}), {warnings} warning line(s)"
        )


if __name__ == "__main__":
    main()
