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


def test_ci_runs_the_readme_quick_start_lines_as_written_in_order() -> None:
    run, develop = _readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci.index(run) < ci.index(develop)
    assert run.endswith("confl10n build") and develop.endswith(".venv/bin/pytest")


def test_quick_start_bootstraps_the_pinned_installer_before_the_lock() -> None:
    for line in _readme_commands():
        installs = [step.strip() for step in line.split("&&") if "pip install" in step]
        assert installs[0] == ".venv/bin/pip install -r requirements/installer.txt"
        assert installs[1].startswith(".venv/bin/pip install -r requirements/")
        assert installs[2] == ".venv/bin/pip install --no-deps --no-build-isolation -e ."


def test_every_lock_file_is_hashed_and_pinned() -> None:
    for lock in sorted((REPO / "requirements").glob("*.txt")):
        text = lock.read_text(encoding="utf-8")
        requirements = [line for line in text.splitlines() if line and line[0].isalnum()]
        assert requirements, lock
        assert all("==" in line for line in requirements), lock
        assert text.count("==") <= text.count("--hash=sha256:"), lock


def test_the_installer_pins_pip_and_setuptools() -> None:
    text = (REPO / "requirements" / "installer.txt").read_text(encoding="utf-8")
    assert {line.split("==")[0] for line in text.splitlines() if "==" in line} == {
        "pip",
        "setuptools",
    }
