"""Docstring examples in the library are specification (babel's habit): each one runs."""

from __future__ import annotations

import doctest
import importlib

import pytest

import confl10n
from tests.conftest import REPO

SOURCE = REPO / "src" / "confl10n"
MODULES = sorted(
    "confl10n." + ".".join(path.relative_to(SOURCE).with_suffix("").parts)
    for path in SOURCE.rglob("*.py")
    if ">>> " in path.read_text(encoding="utf-8")
)


def test_the_library_has_docstring_examples() -> None:
    assert "confl10n.extras" in MODULES and confl10n.__name__ == "confl10n"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False)
    assert result.attempted > 0 and result.failed == 0
