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
    "dask": "building/cluster.py",
    "distributed": "building/cluster.py",
    "defusedxml": "bundle/xliff.py",
    "fastapi": "serve/app.py",
    "h11": "serve/run.py",
    "jieba": "text/words.py",
    "lingua": "serve/detect.py",
    "markdown_it": "text/markdown.py",
    "numpy": "summarize/adapter.py",
    "pydantic": "serve/schemas.py",
    "sacremoses": "translate/argos/tokenizers.py",
    "sentencepiece": "translate/argos/tokenizers.py",
    "starlette": "serve/app.py",
    "sumy": "summarize/adapter.py",
    "uvicorn": "serve/run.py",
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


# --- layering -------------------------------------------------------------------------------

LAYERS = (
    ("cli",),
    ("serve",),
    ("building",),
    ("summarize", "translate", "bundle"),
    ("figures",),
    ("localize", "quantities", "text"),
    ("document", "languages", "_fs", "_version"),
    ("errors",),
)
"""Each layer may import the layers below it, never one above or beside it."""

RANK = {component: rank for rank, layer in enumerate(LAYERS) for component in layer}


def component(module: str) -> str:
    """The layer component of a dotted confl10n module name: ``translate`` for
    ``confl10n.translate.argos.engine``, ``languages`` for ``confl10n.languages``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "confl10n"


def imported_modules(path: Path) -> set[str]:
    """The confl10n modules a module imports, anywhere (also under TYPE_CHECKING)."""
    package = "confl10n." + ".".join(path.relative_to(SOURCE).with_suffix("").parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level)[0]
                base = f"{anchor}.{base}" if base else anchor
            found.update(f"{base}.{alias.name}" for alias in node.names)
            if base != "confl10n":
                found.add(base)
    return {m for m in found if m == "confl10n" or m.startswith("confl10n.")}


def layering_violations() -> list[str]:
    problems = []
    for path in sorted(SOURCE.rglob("*.py")):
        here = component("confl10n." + ".".join(path.relative_to(SOURCE).with_suffix("").parts))
        if here in ("__init__", "__main__"):
            continue  # the public facade and ``python -m confl10n`` sit on top
        for module in sorted(imported_modules(path)):
            there = component(module)
            if there == here or (there in RANK and RANK[there] > RANK[here]):
                continue
            problems.append(f"{path.relative_to(SOURCE)} imports {module}")
    return problems


def test_every_module_belongs_to_a_layer() -> None:
    top = {p.stem if p.is_file() else p.name for p in SOURCE.iterdir()}
    modules = {name for name in top if not name.startswith(("__", ".")) and name != "py"}
    assert modules - {"data", "locales", "py"} <= set(RANK)


def test_imports_point_down_the_layers() -> None:
    assert layering_violations() == []


def test_the_layering_test_catches_upward_and_sideways_imports() -> None:
    upward = SOURCE / "text" / "reader.py"
    assert component("confl10n.text.reader") == "text"
    found = imported_modules(upward)
    assert "confl10n.text.blocks" in found  # same component: allowed
    assert RANK["building"] < RANK["translate"] < RANK["figures"] < RANK["localize"]
    assert RANK["summarize"] == RANK["bundle"]  # beside each other: neither may import the other


def test_only_the_serve_command_imports_the_server() -> None:
    """The web stack's package is an optional extra: one command, loaded on its own use."""
    importers = {
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.relative_to(SOURCE).parts[0] != "serve"
        and any(component(m) == "serve" for m in imported_modules(path))
    }
    assert importers == {"cli/serve.py"}


def test_translation_knows_only_the_wrapper_protocol() -> None:
    """Only the public entry (translate/article.py) composes the number wrapper; the result
    type names the QA finding type its ``findings`` hold (for typing only)."""
    importers = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.joinpath("translate").rglob("*.py")
        if any(component(m) == "figures" for m in imported_modules(path))
    ]
    assert sorted(importers) == ["translate/article.py", "translate/results.py"]


def test_engines_do_not_import_each_other_and_the_core_imports_no_engine() -> None:
    translate = SOURCE / "translate"
    for path in translate.rglob("*.py"):
        parts = path.relative_to(translate).parts
        mine = parts[0] if len(parts) > 1 else None
        for module in imported_modules(path):
            engine = module.split(".")[2] if module.count(".") >= 3 else None
            if module.startswith("confl10n.translate.") and engine in ("argos", "apertium"):
                assert engine == mine, f"{path.relative_to(SOURCE)} imports {module}"
