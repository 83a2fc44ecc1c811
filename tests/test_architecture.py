"""Layering rules the code promises: one home per third-party library, printing only in the CLI."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import confl10n

SOURCE = Path(confl10n.__file__).parent
HOMES = {
    "argostranslate": "translate/argos/tokenizers.py",
    "babel": "localize/formatting.py",
    "ctranslate2": "translate/argos/engine.py",
    "distributed": "building/cluster.py",
    "jieba": "text/words.py",
    "numpy": "summarize/adapter.py",
    "sacremoses": "translate/argos/tokenizers.py",
    "sentencepiece": "translate/argos/tokenizers.py",
    "sumy": "summarize/adapter.py",
}


def imported_roots(path: Path) -> set[str]:
    """Top-level package names a module imports, anywhere in its body."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def importers() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in SOURCE.rglob("*.py"):
        for root in imported_roots(path):
            found[root].add(str(path.relative_to(SOURCE)))
    return found


def test_each_third_party_library_has_one_home() -> None:
    found = importers()
    assert {lib: found[lib] for lib in HOMES} == {lib: {home} for lib, home in HOMES.items()}


def test_only_the_cli_uses_typer() -> None:
    assert all(module.startswith("cli/") for module in importers()["typer"])


def test_library_code_never_prints() -> None:
    for path in SOURCE.rglob("*.py"):
        if path.relative_to(SOURCE).parts[0] == "cli":
            continue
        calls = [
            node.func.id
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        ]
        assert "print" not in calls, path
