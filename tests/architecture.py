"""The checker behind tests/test_architecture.py: what confl10n's modules import and print.

Every check takes the package's sources as text (``{"text/reader.py": "..."}``), so a test can
plant a violation in a copy of them and show that the check catches it. A check returns its
violations as sorted lines (``"text/evil.py:3: ..."``); none means the rule holds.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import confl10n

SOURCE = Path(confl10n.__file__).parent
REPO = SOURCE.parents[1]
PACKAGE = "confl10n"
DYNAMIC = {"import_module", "__import__"}
"""Calls that import a module by its name (importlib.import_module, __import__)."""

Sources = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Import:
    """One import in a module: the module it loads, the names it takes, where, and when."""

    module: str
    names: tuple[str, ...]
    line: int
    at_import: bool
    """Runs when the module is imported (not inside a function or ``if TYPE_CHECKING``)."""
    type_only: bool
    """Under ``if TYPE_CHECKING``: read by type checkers, never run."""
    by_prefix: bool = False
    """A dynamic import known only by its start (``f"confl10n.cli.{name}"``): some module
    under ``module``."""


def sources(root: Path = SOURCE) -> dict[str, str]:
    """Every module under ``root`` by its POSIX path relative to ``root`` (``text/reader.py``)."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.py"))
    }


def module_name(path: str) -> str:
    """The dotted name of a module path: ``confl10n.building`` for ``building/__init__.py``."""
    parts = PurePosixPath(path).with_suffix("").parts
    return ".".join((PACKAGE, *parts[: -1 if parts[-1] == "__init__" else None]))


def component(module: str) -> str:
    """The layer component of a dotted name: ``translate`` for ``confl10n.translate.argos``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else PACKAGE


# --- reading imports --------------------------------------------------------------------------


class _ImportVisitor(ast.NodeVisitor):
    """Collects a module's imports, static and by name, noting which run at import time."""

    def __init__(self, path: str, constants: tuple[str, ...]) -> None:
        name = module_name(path)
        self.package = name if path.endswith("__init__.py") else name.rsplit(".", 1)[0]
        self.constants = constants
        self.found: list[Import] = []
        self.lazy = 0
        self.type_only = 0
        self.loaders = set(DYNAMIC)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._lazily(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._lazily(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._lazily(node)

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self.type_only += 1
        self._lazily(ast.Module(body=node.body, type_ignores=[]))
        self.type_only -= 1
        for statement in node.orelse:
            self.visit(statement)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, (), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        names = tuple(alias.name for alias in node.names)
        if node.module == "importlib":
            self.loaders |= {a.asname or a.name for a in node.names if a.name in DYNAMIC}
        self._add(self._absolute(node.module or "", node.level), names, node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        if _called_name(node.func) in self.loaders:
            modules, by_prefix = self._named_modules(node.args[0] if node.args else None)
            for module in modules:
                self._add(module, (), node.lineno, by_prefix=by_prefix)
        self.generic_visit(node)

    def _lazily(self, node: ast.AST) -> None:
        self.lazy += 1
        self.generic_visit(node)
        self.lazy -= 1

    def _add(self, module: str, names: tuple[str, ...], line: int, by_prefix: bool = False) -> None:
        when = {"at_import": self.lazy == 0, "type_only": self.type_only > 0}
        self.found.append(Import(module, names, line, **when, by_prefix=by_prefix))

    def _absolute(self, module: str, level: int) -> str:
        if not level:
            return module
        anchor = self.package.rsplit(".", level - 1)[0] if level > 1 else self.package
        return f"{anchor}.{module}" if module else anchor

    def _named_modules(self, argument: ast.expr | None) -> tuple[list[str], bool]:
        """The modules a dynamic import can load, and whether only by their start: its literal
        name; the package an f-string starts with (True); else every module name the file
        spells out ("?" when it spells none)."""
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            return [argument.value], False
        if isinstance(argument, ast.JoinedStr) and argument.values:
            first = argument.values[0]
            if isinstance(first, ast.Constant) and "." in str(first.value):
                return [str(first.value).rsplit(".", 1)[0]], True
        return list(self.constants) or ["?"], False


def _is_type_checking(test: ast.expr) -> bool:
    return _called_name(test) == "TYPE_CHECKING"


def _called_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _module_constants(tree: ast.Module) -> tuple[str, ...]:
    """String constants in a module that name a confl10n module (a dynamic import's candidates)."""
    return tuple(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith(f"{PACKAGE}.")
        and all(part.isidentifier() for part in node.value.split("."))
    )


@functools.cache
def imports(path: str, text: str) -> tuple[Import, ...]:
    """Every import in one module's ``text`` (``path`` resolves its relative imports)."""
    tree = parse(text)
    visitor = _ImportVisitor(path, _module_constants(tree))
    visitor.visit(tree)
    return tuple(visitor.found)


@functools.cache
def parse(text: str) -> ast.Module:
    """The syntax tree of a module's text (parsed once; never changed by the checks)."""
    return ast.parse(text)


def targets(found: Import, modules: Iterable[str]) -> set[str]:
    """The confl10n modules an import loads: ``from a import b`` loads ``a.b`` when that is a
    module, and ``a`` itself otherwise."""
    known = set(modules)
    loaded = {f"{found.module}.{name}" for name in found.names} & known
    if len(loaded) < len(found.names) or not found.names:
        loaded.add(found.module)
    return {m for m in loaded if m == PACKAGE or m.startswith(f"{PACKAGE}.")}


def imported_modules(code: Sources, path: str) -> set[str]:
    """The confl10n modules (or packages) one module imports, anywhere in it."""
    modules = {module_name(p) for p in code}
    return {t for found in imports(path, code[path]) for t in targets(found, modules)}


# --- the checks -------------------------------------------------------------------------------


def layering_violations(code: Sources, rank: Mapping[str, int]) -> list[str]:
    """Imports (also lazy and by name) of a component in the same layer or one above."""
    problems = []
    for path in code:
        here = component(module_name(path))
        if here == PACKAGE or path == "__main__.py":
            continue  # the public facade and ``python -m confl10n`` sit on top
        for module in sorted(imported_modules(code, path)):
            there = component(module)
            if there != here and not (there in rank and rank[there] > rank[here]):
                problems.append(f"{path} imports {module}")
    return sorted(problems)


def computed_import_violations(code: Sources) -> list[str]:
    """Imports by a computed name that no literal in the module explains."""
    return sorted(
        f"{path}:{found.line}: imports a module by a name computed at run time"
        for path, text in code.items()
        for found in imports(path, text)
        if found.module == "?"
    )


def third_party_roots(code: Sources, path: str) -> set[str]:
    """The third-party distributions' top-level modules one module imports, anywhere."""
    roots = {found.module.split(".")[0] for found in imports(path, code[path])}
    return {r for r in roots if r and r not in sys.stdlib_module_names and r not in {PACKAGE, "?"}}


def home_violations(code: Sources, homes: Mapping[str, str]) -> list[str]:
    """Third-party imports outside their one home (a module, or a folder when it ends in /)."""
    problems = []
    for path in code:
        for root in sorted(third_party_roots(code, path)):
            home = homes.get(root)
            if home is None:
                problems.append(f"{path} imports {root}, which has no home")
            elif path != home and not (home.endswith("/") and path.startswith(home)):
                problems.append(f"{path} imports {root}, whose home is {home}")
    return sorted(problems)


def heavy_import_violations(code: Sources, banned: Iterable[str]) -> list[str]:
    """Imports of a costly library that run when a module is imported (also inside ``try`` or
    ``if``; inside a function or ``if TYPE_CHECKING`` they wait until used)."""
    heavy = tuple(banned)
    return sorted(
        f"{path}:{found.line}: imports {found.module} at module level"
        for path, text in code.items()
        for found in imports(path, text)
        if found.at_import and any(_within(found.module, b) for b in heavy)
    )


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def import_graph(code: Sources) -> dict[str, set[str]]:
    """Module -> the confl10n modules it imports at run time, when imported or later inside a
    function (a lazy import hides a cycle, it does not remove it); ``TYPE_CHECKING`` aside."""
    modules = {module_name(p) for p in code}
    graph: dict[str, set[str]] = defaultdict(set)
    for path, text in code.items():
        for found in imports(path, text):
            if not (found.type_only or found.by_prefix):
                graph[module_name(path)] |= targets(found, modules) & modules
        graph[module_name(path)].discard(module_name(path))
    return dict(graph)


def cycle_violations(code: Sources, allowed: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Imports that lie on an import cycle (``a -> b`` where ``b`` leads back to ``a``), the
    ``allowed`` edges left out of the graph."""
    graph = {
        m: edges - {b for a, b in allowed if a == m} for m, edges in import_graph(code).items()
    }
    return sorted(
        f"{a} -> {b} is on an import cycle"
        for a, edges in graph.items()
        for b in edges
        if a in _reachable(graph, b)
    )


def _reachable(graph: Mapping[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def private_import_violations(code: Sources) -> list[str]:
    """Private names (``_name``) taken from another confl10n module, by import or attribute."""
    modules = {module_name(p) for p in code}
    problems = []
    for path, text in code.items():
        for found in imports(path, text):
            if found.module.startswith(f"{PACKAGE}.") or found.module == PACKAGE:
                problems += [
                    f"{path}:{found.line}: imports {name} from {found.module}"
                    for name in found.names
                    if _private(name) and f"{found.module}.{name}" not in modules
                ]
        problems += _private_attributes(path, text, modules)
    return sorted(problems)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_attributes(path: str, text: str, modules: set[str]) -> list[str]:
    """``alias._name`` where ``alias`` is bound to another confl10n module."""
    aliases = dict(_module_aliases(path, text, modules))
    return [
        f"{path}:{node.lineno}: uses {aliases[owner]}.{name}"
        for node in ast.walk(parse(text))
        if isinstance(node, ast.expr)
        for owner, name in [_attribute_taken(node)]
        if owner in aliases and _private(name)
    ]


def _attribute_taken(node: ast.AST) -> tuple[str, str]:
    """``(name, attribute)`` for ``name.attribute`` and ``getattr(name, "attribute")``;
    empty strings for any other node."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    if isinstance(node, ast.Call) and _called_name(node.func) == "getattr" and len(node.args) > 1:
        owner, name = node.args[0], node.args[1]
        if isinstance(owner, ast.Name) and isinstance(name, ast.Constant):
            return owner.id, str(name.value)
    return "", ""


def _module_aliases(path: str, text: str, modules: set[str]) -> Iterator[tuple[str, str]]:
    """(name, module) for every name in ``text`` bound to a confl10n module."""
    for found in imports(path, text):
        for name in found.names:
            if f"{found.module}.{name}" in modules:
                yield name, f"{found.module}.{name}"
    for node in ast.walk(parse(text)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in modules:
                    yield alias.asname, alias.name


OUTPUT_STREAMS = {"sys": {"stdout", "stderr", "__stdout__", "__stderr__"}, "builtins": {"print"}}
OUTPUT_CALLS = {"pprint": {"pprint", "pp"}, "traceback": {"print_exc", "print_exception"}}


def printing_violations(code: Sources, allowed_folder: str = "cli/") -> list[str]:
    """Writes to the terminal outside ``allowed_folder``: ``print`` (also ``builtins.print``),
    ``sys.stdout``/``sys.stderr`` however reached, pprint, traceback printing."""
    return sorted(
        f"{path}:{line}: {what}"
        for path, text in code.items()
        if not path.startswith(allowed_folder)
        for line, what in _terminal_writes(parse(text))
    )


def _terminal_writes(tree: ast.Module) -> Iterator[tuple[int, str]]:
    banned = {m: names | OUTPUT_CALLS.get(m, set()) for m, names in OUTPUT_STREAMS.items()}
    banned |= {m: names for m, names in OUTPUT_CALLS.items() if m not in banned}
    aliases = {alias.asname or alias.name: alias.name for alias in _imported_aliases(tree)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr | ast.stmt):
            continue
        owner, attribute = _attribute_taken(node)
        if isinstance(node, ast.Name) and node.id == "print":
            yield node.lineno, "uses print"
        elif attribute in banned.get(aliases.get(owner, ""), set()):
            yield node.lineno, f"uses {aliases[owner]}.{attribute}"
        elif _writes_to_terminal_fd(node, aliases):
            yield node.lineno, "writes to file descriptor 1 or 2"
        elif isinstance(node, ast.ImportFrom) and node.module in banned:
            for alias in node.names:
                if alias.name in banned[node.module]:
                    yield node.lineno, f"imports {alias.name} from {node.module}"


def _writes_to_terminal_fd(node: ast.AST, aliases: Mapping[str, str]) -> bool:
    """``os.write(1, …)`` or ``os.write(2, …)``: standard output or error by number."""
    if not (isinstance(node, ast.Call) and node.args):
        return False
    owner, attribute = _attribute_taken(node.func)
    fd = node.args[0]
    return (aliases.get(owner), attribute) == ("os", "write") and (
        isinstance(fd, ast.Constant) and fd.value in (1, 2)
    )


def _imported_aliases(tree: ast.Module) -> Iterator[ast.alias]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from node.names


# --- ruff's list of costly imports (one home: pyproject.toml) ----------------------------------


def ruff_settings() -> dict[str, object]:
    """pyproject.toml's ``[tool.ruff.lint]`` table."""
    with (REPO / "pyproject.toml").open("rb") as handle:
        lint: dict[str, object] = tomllib.load(handle)["tool"]["ruff"]["lint"]
    return lint


def banned_at_module_level() -> list[str]:
    """The libraries ruff's TID253 keeps out of module level (costly to import)."""
    tidy = ruff_settings()["flake8-tidy-imports"]
    assert isinstance(tidy, dict)
    return list(tidy["banned-module-level-imports"])


def exempt_from(rule: str, code: Sources) -> set[str]:
    """The module paths pyproject's per-file-ignores exempt from ruff ``rule``."""
    ignores = ruff_settings().get("per-file-ignores", {})
    assert isinstance(ignores, dict)
    patterns = [pattern for pattern, rules in ignores.items() if rule in rules]
    prefix = SOURCE.relative_to(REPO).as_posix()
    return {p for p in code if any(fnmatch.fnmatch(f"{prefix}/{p}", pat) for pat in patterns)}
