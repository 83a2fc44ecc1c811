"""The README's Python examples run as doctests, from the repository root."""

from __future__ import annotations

import doctest

import pytest

from tests.conftest import REPO


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
