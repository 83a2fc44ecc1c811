"""The CLI skeleton: version, segment, doctor, errors, and a light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from confl10n import __version__
from confl10n.cli import app

runner = CliRunner()
HEAVY = (
    "numpy",
    "ctranslate2",
    "sentencepiece",
    "sumy",
    "babel",
    "jieba",
    "argostranslate",
    "nltk",
)


def run_module(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "confl10n", *args], input=stdin, capture_output=True, check=False
    )


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"confl10n {__version__}"


def test_help_imports_nothing_heavy_and_no_command() -> None:
    code = (
        "import sys; sys.argv = ['confl10n', '--help']\n"
        "from confl10n.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "print(sorted(m for m in sys.modules if m.startswith('confl10n.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "segment" in result.stdout
    *_, heavy, ours = result.stdout.strip().splitlines()
    assert heavy == "[]"
    assert eval(ours) == [
        "confl10n._version",
        "confl10n.cli",
        "confl10n.cli.app",
        "confl10n.errors",
    ]


def test_the_command_table_agrees_with_the_commands() -> None:
    """The help listed without loading a command is that command's own first line."""
    from confl10n.cli.app import COMMANDS

    result = runner.invoke(app, ["--help"])
    for name, (_, text) in COMMANDS.items():
        command = typer_command(name)
        assert command.name == name
        assert command.get_short_help_str(limit=200) == text, name
        assert name in result.stdout


def typer_command(name: str) -> Any:
    import typer

    group = typer.main.get_command(app)
    return group.get_command(typer.Context(group), name)  # type: ignore[attr-defined]


def test_segment_text_shows_ids(seed_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(seed_path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("title  National newspaper")
    assert "s2  Developing New Quality Productive Forces" in lines
    assert "  s4.p6 [truncated]" in lines
    assert any(line.startswith("    s1.p1.t1  On December 19") for line in lines)


def test_segment_json(sample_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(sample_path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["published"] == "2024-12-20"
    assert data["sections"][1]["heading"]["id"] == "s2.h"
    first = data["sections"][0]["paragraphs"][0]["sentences"][0]
    assert first["id"] == "s1.p1.t1"
    source = sample_path.read_text(encoding="utf-8")
    assert source[first["start"] : first["end"]] == first["text"]


def test_segment_stdin_in_a_subprocess() -> None:
    result = run_module("segment", "-", stdin=b"Title\n\nOne. Two.\n")
    assert result.returncode == 0
    assert b"s1.p1.t2  Two." in result.stdout


def test_errors_are_one_line_with_exit_codes(tmp_path: Path) -> None:
    result = run_module("segment", str(tmp_path / "missing.txt"))
    assert result.returncode == 65
    assert result.stderr.decode().splitlines() == [
        f"confl10n: error: {tmp_path / 'missing.txt'}: no such file"
    ]
    assert result.stdout == b""


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run_module("--debug", "segment", str(tmp_path))
    assert result.returncode != 0
    assert b"Traceback" in result.stderr and b"InputError" in result.stderr


def test_warnings_go_to_stderr(seed_path: Path) -> None:
    result = run_module("segment", str(seed_path))
    assert result.returncode == 0
    assert b"confl10n: warning:" in result.stderr
    assert b"warning" not in result.stdout


def test_doctor_reports_models_dir(tmp_path: Path) -> None:
    result = runner.invoke(app, ["doctor", "--models-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert f"{tmp_path}: no models" in result.stdout
    assert "network" in result.stdout


def test_doctor_says_a_mistyped_models_dir_is_missing(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    for given, what in [
        (tmp_path / "modles", "does not exist"),
        (tmp_path / "a-file", "is not a folder"),
    ]:
        result = runner.invoke(app, ["doctor", "--models-dir", str(given)])
        assert result.exit_code == 0, result.stderr
        assert f"--  engines       argos                {given}: {what}" in result.stdout
        assert "no models" not in result.stdout


def test_doctor_names_the_apertium_packages_when_missing(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "confl10n", "doctor"], capture_output=True, env=env, check=False
    )
    assert result.returncode == 0
    assert b"apertium             not installed (apt-get install apertium" in result.stdout


def test_doctor_lists_locales(tmp_path: Path) -> None:
    result = runner.invoke(app, ["doctor", "--models-dir", str(tmp_path)])
    lines = [line for line in result.stdout.splitlines() if "locales" in line]
    assert any("editorial style" in line and "zh_CN" in line and "es_ES" in line for line in lines)
    assert any("label catalogs" in line and "ar_EG" in line for line in lines)


def test_segment_json_has_markers_cells_and_inline_spans(tmp_path: Path) -> None:
    path = tmp_path / "news.md"
    path.write_text(
        "# T\n\n1. See [it](https://x.org/a).\n\n| a | b |\n|---|---|\n| 1 | — |\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["segment", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    paragraphs = json.loads(result.stdout)["sections"][0]["paragraphs"]
    item = paragraphs[0]
    assert (item["kind"], item["marker"], item["cell"]) == ("list_item", "1. ", None)
    assert item["sentences"][0]["text"] == "See it."
    assert item["sentences"][0]["spans"] == [
        {"kind": "link", "start": 4, "end": 6, "target": "https://x.org/a", "label": "", "tag": ""}
    ]
    cells = [(p["kind"], p["cell"], p["literal"]) for p in paragraphs[1:]]
    assert cells == [
        ("table_cell", [0, 0], ""), ("table_cell", [0, 1], ""),
        ("table_cell", [1, 0], ""), ("table_cell", [1, 1], "—"),
    ]  # fmt: skip
