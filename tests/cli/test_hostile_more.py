"""More hostile input through the real command line: broken tokenizers, article text with
terminal controls, odd output paths, unchecked XLIFF units, oversized paragraphs.

Every test runs ``python -m confl10n`` in a subprocess (see tests/cli/test_hostile.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_hostile import one_clean_line, run

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
