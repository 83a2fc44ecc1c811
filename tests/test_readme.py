"""The README's and the manual's Python examples run as doctests, from the repository root."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from tests.conftest import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_examples(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = doctest.testfile(str(page), module_relative=False, verbose=False)
    assert result.failed == 0


def test_readme_and_manual_have_examples() -> None:
    assert ">>> " in (REPO / "README.md").read_text(encoding="utf-8")
    assert sum(">>> " in page.read_text(encoding="utf-8") for page in PAGES[1:]) >= 3


def _readme_commands() -> list[str]:
    """The shell lines of the README's quick start (comments dropped)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_readme_set_up_once_and_its_test_command() -> None:
    run, set_up, tests = _readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert set_up in ci and ci[-1] == tests
    installs = sum(line.count("pip install") for line in ci if not line.startswith("#"))
    assert installs == set_up.count("pip install")  # one venv, installed once
    for command in (run, set_up):
        assert "-r requirements/" in command and "--no-deps -e ." in command
