"""Every key-figure row of the corpus articles says what the article says (the hand-checked table).

bench/keyfigures.py judges each row against tests/data/keyfigures/gold.tsv; here it
runs on this checkout and every row must be listed there and labelled right.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_every_corpus_row_is_checked_and_right_and_headlines_are_shown() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "keyfigures.py"), "--rows"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    rows = [line for line in lines if not line.startswith(("unchecked rows", "measure"))]
    assert not [line for line in rows if line.split()[0] in ("WRONG", "unchecked")]
    measures = dict(line.rsplit(None, 1) for line in lines[-5:])
    assert float(measures["right labels"]) == 1.0
    assert float(measures["headline figures shown"]) == 1.0
