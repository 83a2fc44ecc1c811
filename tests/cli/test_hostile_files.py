"""More hostile input through the real command line: broken tokenizers, article text with
terminal controls, odd output paths, unchecked XLIFF units, oversized paragraphs.

Every test runs ``python -m confl10n`` in a subprocess (see tests/cli/test_hostile.py).
"""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_hostile import UNIT, XLIFF, one_clean_line, run

PACKAGE = "translate-en_zh-1_0"


def _garbage(folder: Path) -> None:
    (folder / "sentencepiece.model").write_bytes(b"\x00\xffgarbage" * 200)


def _truncated(folder: Path) -> None:
    data = (folder / "sentencepiece.model").read_bytes()
    (folder / "sentencepiece.model").write_bytes(data[: len(data) // 3])


def _bpe_words(folder: Path) -> None:
    (folder / "sentencepiece.model").unlink()
    (folder / "bpe.model").write_text("#version: 0.2\nthis is not a list of merges\n")


def _bpe_binary(folder: Path) -> None:
    (folder / "sentencepiece.model").unlink()
    (folder / "bpe.model").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")


BROKEN_TOKENIZERS: list[tuple[Callable[[Path], None], str]] = [
    (_garbage, "sentencepiece.model: unreadable SentencePiece model"),
    (_truncated, "sentencepiece.model: unreadable SentencePiece model"),
    (_bpe_words, "bpe.model: unreadable BPE codes (line 1 is not a pair of symbols)"),
    (_bpe_binary, "bpe.model: unreadable BPE codes"),
]


@pytest.mark.parametrize(
    ("breaks", "problem"),
    BROKEN_TOKENIZERS,
    ids=["garbage", "truncated", "bpe-words", "bpe-binary"],
)
def test_models_list_shows_a_package_with_a_broken_tokenizer_as_broken(
    tmp_path: Path, argos_packages_dir: Path, breaks: Callable[[Path], None], problem: str
) -> None:
    breaks(argos_packages_dir / PACKAGE)
    env = {"PATH": str(tmp_path / "no-apertium")}
    code, out, err = run("models", "list", "--models-dir", argos_packages_dir, env=env)
    assert (code, out) == (
        0,
        f"no packages installed in {argos_packages_dir} and no Apertium pairs\n",
    )
    line = one_clean_line(err)
    assert line.startswith(
        f"confl10n: warning: broken package in {argos_packages_dir}: {PACKAGE}: {problem}"
    )


@pytest.mark.parametrize(
    ("breaks", "problem"),
    BROKEN_TOKENIZERS,
    ids=["garbage", "truncated", "bpe-words", "bpe-binary"],
)
def test_translate_with_a_broken_tokenizer_names_the_package_in_one_line(
    tmp_path: Path, argos_packages_dir: Path, breaks: Callable[[Path], None], problem: str
) -> None:
    breaks(argos_packages_dir / PACKAGE)
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nPrices rose on Monday.\n")
    for engine in ("auto", "argos"):
        code, out, err = run(
            "translate", article, "--to", "zh", "--engine", engine, "--no-cache",
            "--models-dir", argos_packages_dir,
        )  # fmt: skip
        assert (code, out) == (65, "")
        assert one_clean_line(err).startswith(
            f"confl10n: error: broken Argos package {PACKAGE}: {problem}"
        )


def test_a_missing_pair_is_still_unavailable_beside_a_broken_package(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    _garbage(argos_packages_dir / PACKAGE)
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nPrices rose on Monday.\n")
    code, _, err = run(
        "translate", article, "--to", "ja", "--engine", "argos", "--no-cache",
        "--models-dir", argos_packages_dir,
    )  # fmt: skip
    assert code == 69
    assert "broken" not in one_clean_line(err)


@pytest.mark.parametrize("below", ["out.md", "sub/out.md", "{lang}.md"])
def test_translate_output_under_a_file_says_it_is_not_a_folder(
    tmp_path: Path, apertium_bin: str, below: str
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nPrices rose on Monday.\n")
    target = article / below
    code, out, err = run(
        "translate", article, "--to", "es", "--engine", "apertium", "--no-cache",
        "--output", target,
    )  # fmt: skip
    assert (code, out) == (73, "")
    written = str(target).replace("{lang}", "es")
    assert one_clean_line(err) == f"confl10n: error: {written}: {article} is a file, not a folder"


# Article text on stdout: what must not reach a terminal raw (line ends and tabs are layout;
# the bidi marks LRM, RLM and ALM belong to Arabic and Hebrew numbers and stay).
RAW_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
HOSTILE_TITLE = "Evil \u202etitle\u2066 here"
ARABIC = "\u0623\u0633\u0639\u0627\u0631 \u05e9\u05dc\u05d5\u05dd"  # Arabic and Hebrew letters


@pytest.fixture
def hostile_article(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.md"
    path.write_text(
        f"# {HOSTILE_TITLE}\n\n## Part\u202a two\n\nPrices rose 5% on Monday\u202d in {ARABIC}. "
        "Costs fell\u2067 sharply.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", ["segment", "summarize"])
def test_article_text_on_stdout_has_its_bidi_controls_escaped(
    hostile_article: Path, command: str
) -> None:
    code, out, _ = run(command, hostile_article)
    assert code == 0 and RAW_TEXT.search(out) is None
    assert "Prices rose 5% on Monday\\u202d in " + ARABIC in out
    assert "Costs fell\\u2067 sharply." in out
    assert "Part\\u202a two" in out


def test_segment_title_is_escaped_and_json_keeps_the_exact_text(hostile_article: Path) -> None:
    code, out, _ = run("segment", hostile_article)
    assert code == 0 and out.splitlines()[0] == "title  Evil \\u202etitle\\u2066 here"
    code, out, _ = run("segment", hostile_article, "--format", "json")
    assert code == 0 and RAW_TEXT.search(out) is None
    assert json.loads(out)["title"]["text"] == HOSTILE_TITLE


def test_summarize_markdown_on_stdout_is_escaped(hostile_article: Path) -> None:
    code, out, _ = run("summarize", hostile_article, "--format", "md")
    assert code == 0 and RAW_TEXT.search(out) is None
    assert out.startswith("# Evil \\u202etitle\\u2066 here\n")


def test_figures_keep_the_bidi_marks_of_arabic_and_hebrew_numbers(tmp_path: Path) -> None:
    path = tmp_path / "loss.md"
    path.write_text("# Loss\n\nThe index fell -3.5% and profit was -1,200 dollars.\n")
    code, out, _ = run("figures", path, "--locale", "ar_EG", "--locale", "he_IL")
    assert code == 0 and RAW_TEXT.search(out) is None
    assert "\u061c-\u0663\u066b\u0665\u066a" in out  # ALM, Arabic minus, ٣٫٥٪, as CLDR writes it
    assert "\u200e-3.5%" in out  # LRM before the Hebrew minus
    assert "\\u" not in out


def test_translate_escapes_stdout_but_writes_files_as_they_are(
    hostile_article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    common = ("translate", hostile_article, "--to", "es", "--engine", "apertium", "--no-cache")
    code, out, _ = run(*common)
    assert code == 0 and RAW_TEXT.search(out) is None and "\\u202e" in out
    target = tmp_path / "out.md"
    code, out, _ = run(*common, "--format", "md", "--output", target)
    assert (code, out) == (0, "")
    assert "\u202e" in target.read_text(encoding="utf-8")


def _xliff(path: Path, *ids: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(XLIFF.format(units="".join(UNIT.format(id=i) for i in ids)), encoding="utf-8")
    return path


def test_import_xliff_without_a_bundle_says_the_units_were_not_checked(tmp_path: Path) -> None:
    path = _xliff(tmp_path / "loose" / "article.xlf", "s9.p9.t9")
    code, out, err = run("import-xliff", path, "--cache", tmp_path / "cache.sqlite3")
    assert (code, out) == (
        0,
        f"imported 1 approved translation(s) into {tmp_path / 'cache.sqlite3'}\n",
    )
    assert one_clean_line(err) == (
        f"confl10n: warning: {path}: 1 unit(s) could not be checked against an article "
        "(no bundle.json beside it); stored anyway"
    )


def test_import_xliff_beside_an_unreadable_bundle_says_so(tmp_path: Path) -> None:
    path = _xliff(tmp_path / "de_DE" / "article.xlf", "title", "s9.p9.t9", "s1.h")
    (path.parent / "bundle.json").write_bytes(b"\xff not json")
    code, _, err = run("import-xliff", path, "--cache", tmp_path / "cache.sqlite3")
    assert code == 0
    assert one_clean_line(err) == (
        f"confl10n: warning: {path}: 3 unit(s) could not be checked against an article "
        "(the bundle.json beside it is unreadable); stored anyway"
    )


def test_import_xliff_beside_its_bundle_names_each_unknown_unit_and_nothing_more(
    tmp_path: Path,
) -> None:
    path = _xliff(tmp_path / "de_DE" / "article.xlf", "title", "s9.p9.t9")
    bundle = {"units": [{"id": "title"}, {"id": "s1.p1.t1"}]}
    (path.parent / "bundle.json").write_text(json.dumps(bundle))
    code, _, err = run("import-xliff", path, "--cache", tmp_path / "cache.sqlite3")
    assert code == 0
    assert one_clean_line(err) == (
        f"confl10n: warning: {path}: 1 unit(s) in no article, stored anyway: "
        "'s9.p9.t9' (not in the bundle.json beside the file)"
    )


@pytest.mark.slow
def test_summarize_announces_windowed_rating_before_the_long_work(tmp_path: Path) -> None:
    path = tmp_path / "one-paragraph.txt"
    sentence = "Revenue at the company rose by five percent on Monday after a strong quarter."
    path.write_text(" ".join([sentence] * 4000))  # 4,000 sentences: 32 windows, seconds of rating
    command = [sys.executable, "-m", "confl10n", "summarize", str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            first = process.stderr.readline().decode()
            # The rating it announces takes seconds: no summary on stdout yet.
            summary_ready, _, _ = select.select([process.stdout], [], [], 0.5)
        finally:
            process.terminate()
    assert first == (
        "confl10n: warning: sentences s1.p1.t1 to s1.p1.t4000: 4000 sentences rated in 32 "
        "windows of at most 128 consecutive sentences, not as one text (bounds time and "
        "memory; the summary is approximate)\n"
    )
    assert summary_ready == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\u202eb\u2066c\u2069", "a\\u202eb\\u2066c\\u2069"),
        ("line\r\x1b[2Jover\x85", "line\\u000d\\u001b[2Jover\\u0085"),
        ("x\u2028y\udc80", "x\\u2028y\\udc80"),
        ("two\nlines\tand tab", "two\nlines\tand tab"),
        ("\u061c-\u0663 \u200e-3 \u200f$ " + ARABIC, "\u061c-\u0663 \u200e-3 \u200f$ " + ARABIC),
    ],
    ids=["bidi-controls", "c0-c1", "separator-surrogate", "layout", "marks-and-rtl-letters"],
)
def test_escape_text_escapes_controls_and_keeps_layout_marks_and_letters(
    text: str, shown: str
) -> None:
    from confl10n.errors import escape_text

    assert escape_text(text) == shown
    assert escape_text(shown) == shown
