"""Hostile names and inputs through the real command line: one escaped line, the right exit code.

Every test runs ``python -m confl10n`` in a subprocess, so exit codes and the
bytes on stdout and stderr are exactly what a terminal would get.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from confl10n.errors import escape_terminal
from tests.helpers import snapshot

# What must never reach a terminal raw (C0/C1 controls other than the line ends, bidi controls).
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
HOSTILE_NAMES = ["evil\x1b]0;pwned\x07.txt", "rtl\u202etxt.md", "two\nlines.txt"]


def run(
    *args: str | Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "confl10n", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
    return done.returncode, done.stdout, done.stderr


def one_clean_line(text: str) -> str:
    """``text`` is exactly one line with nothing raw in it; return that line."""
    assert text.endswith("\n") and text.count("\n") == 1, text
    assert RAW.search(text) is None, text
    return text[:-1]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["osc-title", "bidi-override", "newline"])
def test_a_file_name_in_an_error_is_escaped(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("")
    code, out, err = run("summarize", path)
    assert (code, out) == (65, "")
    line = one_clean_line(err)
    assert line.startswith(f"confl10n: error: {escape_terminal(str(path))}")


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["osc-title", "bidi-override", "newline"])
def test_a_file_name_in_a_warning_is_escaped(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"# Title\n\nRevenue rose\x00 sharply on Monday. Costs fell.\n")
    code, out, err = run("segment", path)
    assert code == 0 and "Revenue rose sharply" in out
    assert one_clean_line(err) == (
        f"confl10n: warning: {escape_terminal(str(path))}: stripped 1 control character(s)"
    )


def test_escape_sequences_in_an_article_never_reach_the_output(tmp_path: Path) -> None:
    path = tmp_path / "coloured.txt"
    path.write_bytes(
        b"# \x1b[1mTitle\x1b[0m\n\nRevenue rose 5%\x0cin 2024.\x1b]0;pwned\x07 Costs fell.\n"
    )
    code, out, err = run("segment", path)
    assert code == 0 and RAW.search(out) is None
    assert "Revenue rose 5% in 2024." in out and "[0m" not in out and "pwned" not in out
    assert one_clean_line(err).endswith("removed 3 terminal escape sequence(s)")


@pytest.fixture
def planted(tmp_path: Path, argos_package: Path) -> Iterator[Path]:
    """A packages folder as another tool may leave it: hostile folder names and versions."""
    packages = tmp_path / "packages"
    forged = packages / "translate-en_zh\nargos  en-de  9.9  1 kB  forged"
    shutil.copytree(argos_package, forged)
    bidi = packages / "translate-en_ja\u202e0_1"
    shutil.copytree(argos_package, bidi)
    metadata = json.loads((bidi / "metadata.json").read_text())
    metadata.update(to_code="ja", package_version="1.0\x1b]0;pwned\x07")
    (bidi / "metadata.json").write_text(json.dumps(metadata))
    (packages / "broken\n\u202eline").mkdir()
    yield packages


def test_models_list_escapes_names_and_versions(tmp_path: Path, planted: Path) -> None:
    env = {"PATH": str(tmp_path / "no-apertium")}
    code, out, err = run("models", "list", "--models-dir", planted, env=env)
    assert code == 0 and RAW.search(out) is None
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines] == [["argos", "en-ja"], ["argos", "en-zh"]]
    assert "1.0\\u001b]0;pwned\\u0007" in lines[0] and "en_ja\\u202e0_1" in lines[0]
    assert lines[1].endswith("translate-en_zh\\u000aargos  en-de  9.9  1 kB  forged")
    assert one_clean_line(err) == (
        f"confl10n: warning: broken package in {planted}: broken\\u000a\\u202eline: "
        "no metadata.json"
    )


def test_models_list_json_keeps_the_exact_names_escaped(tmp_path: Path, planted: Path) -> None:
    env = {"PATH": str(tmp_path / "no-apertium")}
    code, out, _ = run("models", "list", "--models-dir", planted, "--format", "json", env=env)
    assert code == 0 and RAW.search(out) is None
    document = json.loads(out)
    assert {row["version"] for row in document["packages"]} == {"1.0", "1.0\x1b]0;pwned\x07"}
    assert sorted(Path(row["path"]).name for row in document["packages"]) == sorted(
        p.name for p in planted.iterdir() if p.name.startswith("translate")
    )


def test_models_install_of_a_bidi_named_package_is_one_line_and_writes_nothing(
    tmp_path: Path, argos_package: Path, argos_packages_dir: Path
) -> None:
    folder = tmp_path / "evil" / "translate-en_zh\u202e1_1"
    shutil.copytree(argos_package, folder)
    from tests import argos_kit

    bad = argos_kit.pack_argosmodel(folder, tmp_path / "evil.argosmodel")
    before = snapshot(argos_packages_dir)
    code, out, err = run("models", "install", bad, "--models-dir", argos_packages_dir)
    assert (code, out) == (65, "")
    assert one_clean_line(err).startswith("confl10n: error: evil.argosmodel: unsafe entry")
    assert snapshot(argos_packages_dir) == before


@pytest.fixture
def immutable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody, root included, can create files in (``chattr +i``)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", folder], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here (needs CAP_LINUX_IMMUTABLE)")
    yield folder
    subprocess.run([chattr, "-i", folder], check=True)


def test_translate_output_into_an_immutable_folder_exits_73(
    tmp_path: Path, apertium_bin: str, immutable_folder: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nPrices rose on Monday.\n")
    target = immutable_folder / "out.txt"
    code, out, err = run(
        "translate", article, "--to", "es", "--engine", "apertium", "--no-cache", "--output", target
    )
    assert (code, out) == (73, "")
    assert one_clean_line(err) == (
        f"confl10n: error: {target}: cannot write (folder {immutable_folder} is not writable)"
    )
    assert list(immutable_folder.iterdir()) == []


def test_translate_output_per_language_into_a_read_only_filesystem_exits_73(
    tmp_path: Path, apertium_bin: str
) -> None:
    if os.access("/sys", os.W_OK) and not Path("/sys/kernel").is_dir():
        pytest.skip("no read-only /sys here")
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nPrices rose on Monday.\n")
    code, out, err = run(
        "translate",
        article,
        "--to",
        "es",
        "--engine",
        "apertium",
        "--no-cache",
        "--output",
        "/sys/kernel/out-{lang}.txt",
    )
    assert (code, out) == (73, "")
    assert one_clean_line(err).startswith("confl10n: error: /sys/kernel/out-es.txt: cannot write")


@pytest.mark.parametrize("below", ["", "sub/out"], ids=["the-link-itself", "a-folder-under-it"])
def test_a_dangling_symlink_as_out_is_named(tmp_path: Path, sample_path: Path, below: str) -> None:
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone" / "elsewhere")
    out = link / below if below else link
    code, stdout, err = run("build", sample_path, "--out", out, "--to", "en", "--no-cache")
    assert (code, stdout) == (73, "")
    assert one_clean_line(err) == (
        f"confl10n: error: cannot write {out}: {link} links to {tmp_path / 'gone' / 'elsewhere'}, "
        "which does not exist"
    )
    assert not (tmp_path / "gone").exists()


XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="en" '
    'target-language="de" original="x" datatype="plaintext"><body>{units}</body></file></xliff>'
)
UNIT = '<trans-unit id="{id}"><source>{id} source</source><target state="final">{id} Ziel</target></trans-unit>'


def test_import_xliff_names_units_that_are_in_no_article(tmp_path: Path) -> None:
    units = "".join(UNIT.format(id=i) for i in ("s1.p1.t1", "s9.p1.t1", "bogus-id"))
    path = tmp_path / "de_DE" / "article.xlf"
    path.parent.mkdir()
    path.write_text(XLIFF.format(units=units), encoding="utf-8")
    (path.parent / "bundle.json").write_text(json.dumps({"units": [{"id": "s1.p1.t1"}]}))
    code, out, err = run("import-xliff", path, "--cache", tmp_path / "cache.sqlite3")
    assert (code, out) == (
        0,
        f"imported 3 approved translation(s) into {tmp_path / 'cache.sqlite3'}\n",
    )
    assert err.splitlines() == [
        f"confl10n: warning: {path}: 2 unit(s) in no article, stored anyway: "
        "'s9.p1.t1' (not in the bundle.json beside the file), 'bogus-id' (not a document ID)"
    ]


def test_import_xliff_without_a_bundle_checks_the_id_form_only(tmp_path: Path) -> None:
    units = "".join(UNIT.format(id=i) for i in ("title", "s2.h", "s3.p2.t4", "s0.p1"))
    path = tmp_path / "reviewed.xlf"
    path.write_text(XLIFF.format(units=units), encoding="utf-8")
    code, _, err = run("import-xliff", path, "--cache", tmp_path / "cache.sqlite3")
    assert code == 0
    assert err.splitlines() == [
        f"confl10n: warning: {path}: 1 unit(s) in no article, stored anyway: "
        "'s0.p1' (not a document ID)",
        f"confl10n: warning: {path}: 3 unit(s) could not be checked against an article "
        "(no bundle.json beside it); stored anyway",
    ]
