"""One very long paragraph: rated in windows, so time and memory stay near-linear."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from confl10n import summarize_sections, summarize_text
from confl10n.summarize.adapter import WINDOW, Block, LongTextWarning, Rater, split_windows
from confl10n.text.reader import parse_text
from tests.helpers import ALGORITHM_PARAMS

WORDS = ("market", "city", "tool", "port", "budget", "river", "school", "factory", "grid")


def one_paragraph(count: int) -> str:
    """``count`` distinct sentences sharing some words, as a single paragraph (one line)."""
    sentences = [
        f"The {WORDS[i % 9]} report number {i} mentions the {WORDS[i * 7 % 9]} "
        f"and the {WORDS[i * 5 % 9]} of district {i % 13}."
        for i in range(count)
    ]
    return "# Long\n\n" + " ".join(sentences) + "\n"


def test_windows_are_even_in_order_and_keep_headings_on_a_blocks_first_part() -> None:
    article = parse_text("# T\n\n## Part\n\n" + one_paragraph(2 * WINDOW + 10)[8:])
    sentences = article.sentences
    blocks = [Block(("Part",), sentences[:50]), Block((), sentences[50:])]
    windows = split_windows(blocks, WINDOW)
    sizes = [sum(len(b.sentences) for b in window) for window in windows]
    assert sizes == [88, 89, 89] and max(sizes) <= WINDOW
    flat = [s for window in windows for block in window for s in block.sentences]
    assert flat == list(sentences)
    assert [[b.headings for b in window] for window in windows] == [[("Part",), ()], [()], [()]]


def test_up_to_one_window_is_rated_as_one_text() -> None:
    blocks = [Block(("H",), tuple(parse_text(one_paragraph(WINDOW)).sentences))]
    assert split_windows(blocks, WINDOW) == [blocks]


@pytest.mark.slow
def test_each_window_is_rated_as_a_text_of_its_own() -> None:
    sentences = parse_text(one_paragraph(3 * WINDOW)).sentences
    rater = Rater("lexrank", language="english", lang="en", cue=None)
    with pytest.warns(LongTextWarning):
        scores = rater.rate([Block((), sentences)])
    alone = rater.rate([Block((), sentences[WINDOW : 2 * WINDOW])])
    assert len(scores) == 3 * WINDOW and scores[WINDOW : 2 * WINDOW] == alone


@pytest.mark.parametrize("algorithm", ALGORITHM_PARAMS)
def test_every_algorithm_summarizes_one_long_paragraph_with_a_note(algorithm: str) -> None:
    article = parse_text(one_paragraph(2 * WINDOW + 1))
    note = rf"sentences s1\.p1\.t1 to s1\.p1\.t{2 * WINDOW + 1}: {2 * WINDOW + 1} sentences rated"
    with pytest.warns(LongTextWarning, match=note + " in 3 windows of at most"):
        summary = summarize_sections(article, algorithm=algorithm, sentences=3)
    chosen = summary.sections[0].sentences
    assert len(chosen) == 3 and [s.id for s in chosen] == sorted(
        (s.id for s in chosen), key=lambda i: int(i.rsplit("t", 1)[1])
    )


def test_the_whole_article_is_windowed_too() -> None:
    article = parse_text(one_paragraph(WINDOW + 1) + "\n## More\n\nA short second section.\n")
    with pytest.warns(LongTextWarning, match=f"to s2.p1.t1: {WINDOW + 2} sentences"):
        summary = summarize_text(article, algorithm="textrank", sentences=2)
    assert summary.size == WINDOW + 2 and len(summary.sentences) == 2


@pytest.mark.slow
def test_cli_summarizes_a_long_single_line_with_one_warning_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(one_paragraph(4 * WINDOW).replace("# Long\n\n", ""), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "confl10n", "summarize", str(path), "-n", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("\n") == 1 and run.stderr.startswith(
        f"confl10n: warning: sentences s1.p1.t1 to s1.p1.t{4 * WINDOW}: {4 * WINDOW} sentences"
    )
    lines = run.stdout.splitlines()
    # a lede of the two opening sentences, then two others (issue 14: never repeated)
    assert lines[0] == "lede" and lines[3] == f"s1  (untitled) [2 of {4 * WINDOW}]"
    assert len(lines) == 6 and lines[1].startswith("  s1.p1.t1  ")
