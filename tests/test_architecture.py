"""The code's promises about itself, each checked on src/ and shown to fail on a planted
violation (tests/architecture.py reads the modules' sources; a plant is one more source text).

Imports point down the layers; every third-party library has one home; costly libraries wait
until used; no import cycle; no private name taken from another module; only the CLI writes
to the terminal.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.architecture import (
    REPO,
    banned_at_module_level,
    component,
    computed_import_violations,
    cycle_violations,
    exempt_from,
    heavy_import_violations,
    home_violations,
    imported_modules,
    layering_violations,
    printing_violations,
    private_import_violations,
    sources,
    third_party_roots,
)

HOMES = {
    "argostranslate": "translate/argos/tokenizers.py",
    "babel": "localize/formatting.py",
    "ctranslate2": "translate/argos/engine.py",
    "dask": "building/cluster.py",
    "distributed": "building/cluster.py",
    "defusedxml": "bundle/xliff.py",
    "docx": "text/docx.py",
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
    "trafilatura": "text/html.py",
    "typer": "cli/",
    "uvicorn": "serve/run.py",
}
"""Each third-party library's one home: a module, or a folder (ending in /)."""

LAYERS = (
    ("cli",),
    ("serve",),
    ("building",),
    ("summarize", "translate", "bundle"),
    ("figures",),
    ("localize", "quantities", "text"),
    ("document", "languages", "extras", "_fs", "_version"),
    ("errors",),
)
"""Each layer may import the layers below it, never one above or beside it."""

RANK = {part: rank for rank, layer in enumerate(LAYERS) for part in layer}

"""Violations src/ still has, each named; every other one fails its test."""


@functools.cache
def code() -> Mapping[str, str]:
    """The package's modules as they are in src/ (read once)."""
    return sources()


def planted(files: Mapping[str, str]) -> dict[str, str]:
    """The package's sources with ``files`` added (or replaced)."""
    return {**code(), **files}


def about(path: str, violations: list[str]) -> list[str]:
    """The violations found in the module at ``path``."""
    return [v for v in violations if v.startswith((f"{path}:", f"{path} "))]


# --- layering ---------------------------------------------------------------------------------


def unlayered(sources: Mapping[str, str]) -> set[str]:
    """Top-level modules and folders that belong to no layer."""
    top = {path.split("/")[0].removesuffix(".py") for path in sources}
    return top - {"__init__", "__main__"} - set(RANK)


def test_every_module_belongs_to_a_layer() -> None:
    assert unlayered(code()) == set()
    assert unlayered(planted({"helpers.py": "", "storage/__init__.py": ""})) == {
        "helpers",
        "storage",
    }


def test_imports_point_down_the_layers() -> None:
    assert layering_violations(code(), RANK) == []


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("text/evil.py", "from confl10n.building import plan\n"),  # upward
        ("text/evil.py", "from ..building.plan import plan_build\n"),  # upward, relative
        ("summarize/evil.py", "import confl10n.bundle.md\n"),  # sideways
        ("text/evil.py", "def f():\n    from confl10n.cli import app\n"),  # lazily
        ("text/evil.py", "import importlib\nimportlib.import_module('confl10n.serve.app')\n"),
        ("text/evil.py", "from importlib import import_module as load\nload('confl10n.bundle')\n"),
        ("text/evil.py", "def f(name):\n    return __import__(f'confl10n.building.{name}')\n"),
        ("text/evil.py", "import importlib\nWHO = 'confl10n.cli.app'\nimportlib.import_module(WHO)\n"),
    ],
)  # fmt: skip
def test_the_layering_check_catches_an_import_up_or_sideways(path: str, source: str) -> None:
    assert about(path, layering_violations(planted({path: source}), RANK)) != []


@pytest.mark.parametrize(
    "source",
    [
        "from confl10n.text import blocks\n",  # same component
        "from confl10n.errors import InputError\n",  # down
        "from . import blocks\n",
        "import importlib\nimportlib.import_module('confl10n.document')\n",
    ],
)
def test_the_layering_check_lets_an_import_down_or_within_pass(source: str) -> None:
    assert about("text/evil.py", layering_violations(planted({"text/evil.py": source}), RANK)) == []


def test_no_module_imports_by_a_name_it_does_not_spell_out() -> None:
    assert computed_import_violations(code()) == []


@pytest.mark.parametrize(
    "call",
    ["importlib.import_module(name)", "importlib.import_module(f'{name}')", "__import__(name)"],
)
def test_the_check_catches_an_import_by_a_computed_name(call: str) -> None:
    source = f"import importlib\n\ndef load(name):\n    return {call}\n"
    found = computed_import_violations(planted({"text/evil.py": source}))
    assert found == ["text/evil.py:4: imports a module by a name computed at run time"]


def importers_of(part: str, sources: Mapping[str, str], within: str = "") -> set[str]:
    """Modules (under ``within``, outside ``part``) that import something of component ``part``."""
    return {
        path
        for path in sources
        if path.startswith(within)
        and not path.startswith(f"{part}/")
        and any(component(m) == part for m in imported_modules(sources, path))
    }


def test_only_the_serve_command_imports_the_server() -> None:
    """The web stack's package is an optional extra: one command, loaded on its own use."""
    assert importers_of("serve", code()) == {"cli/serve.py"}
    plant = "def f():\n    from confl10n.serve.app import create_app\n"
    assert importers_of("serve", planted({"cli/build.py": plant})) == {
        "cli/serve.py",
        "cli/build.py",
    }


def test_translation_knows_only_the_wrapper_protocol() -> None:
    """Only the public entry (translate/article.py) composes the number wrapper; the result
    type names the QA finding type its ``findings`` hold (for typing only)."""
    expected = {"translate/article.py", "translate/results.py"}
    assert importers_of("figures", code(), within="translate/") == expected
    plant = {"translate/pipeline.py": "from confl10n.figures import protect\n"}
    assert "translate/pipeline.py" in importers_of("figures", planted(plant), within="translate/")


def engine_crossings(sources: Mapping[str, str]) -> list[str]:
    """Imports of an engine's modules from outside it (translate/registry.py names them)."""
    found = []
    for path in sources:
        parts = path.split("/")
        if parts[0] != "translate" or path == "translate/registry.py":
            continue
        mine = parts[1] if len(parts) > 2 else None
        for module in imported_modules(sources, path):
            engine = module.split(".")[2] if module.count(".") >= 3 else None
            crossing = engine in ("argos", "apertium") and engine != mine
            if module.startswith("confl10n.translate.") and crossing:
                found.append(f"{path} imports {module}")
    return found


def test_engines_do_not_import_each_other_and_only_the_registry_names_them() -> None:
    assert engine_crossings(code()) == []
    plant = "import importlib\nimportlib.import_module('confl10n.translate.argos.engine')\n"
    assert engine_crossings(planted({"translate/apertium/evil.py": plant})) != []


# --- one home per third-party library ---------------------------------------------------------


def test_each_third_party_library_has_one_home() -> None:
    assert home_violations(code(), HOMES) == []


def unused_homes(sources: Mapping[str, str], homes: Mapping[str, str]) -> list[str]:
    """Libraries whose home no longer imports them."""
    return [
        library
        for library, home in homes.items()
        if not any(
            library in third_party_roots(sources, path)
            for path in sources
            if path == home or (home.endswith("/") and path.startswith(home))
        )
    ]


def test_every_home_is_used() -> None:
    """A library that lost its last import leaves HOMES (and, likely, pyproject.toml)."""
    assert unused_homes(code(), HOMES) == []
    assert unused_homes(planted({"bundle/xliff.py": "import xml\n"}), HOMES) == ["defusedxml"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("import sumy\n", "imports sumy, whose home is summarize/adapter.py"),
        ("from numpy import array\n", "imports numpy, whose home is summarize/adapter.py"),
        ("def f():\n    import jieba.posseg\n", "imports jieba, whose home is text/words.py"),
        ("import typer\n", "imports typer, whose home is cli/"),
        ("import requests\n", "imports requests, which has no home"),
        ("import importlib\nimportlib.import_module('babel.numbers')\n", "imports babel, whose"),
    ],
)
def test_the_home_check_catches_a_library_imported_in_a_second_module(
    source: str, message: str
) -> None:
    found = about("bundle/evil.py", home_violations(planted({"bundle/evil.py": source}), HOMES))
    assert len(found) == 1 and found[0].startswith(f"bundle/evil.py {message}")


# --- costly libraries are imported where they are used -----------------------------------------


def test_costly_libraries_are_not_imported_at_module_level() -> None:
    exempt = exempt_from("TID253", code())
    found = heavy_import_violations(code(), banned_at_module_level())
    assert [v for v in found if v.split(":")[0] not in exempt] == []


@pytest.mark.parametrize(
    "source",
    [
        "import sumy\n",
        "from sumy.summarizers.lex_rank import LexRankSummarizer\n",
        "import distributed as dd\n",
        "try:\n    import ctranslate2\nexcept ImportError:\n    ctranslate2 = None\n",
        "if True:\n    from fastapi import FastAPI\n",
        "class Engine:\n    import sentencepiece\n",
        "import importlib\nimportlib.import_module('jieba')\n",
    ],
)
def test_the_check_catches_a_costly_import_at_module_level(source: str) -> None:
    found = heavy_import_violations(planted({"text/evil.py": source}), banned_at_module_level())
    assert about("text/evil.py", found) != []


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    import sumy\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import distributed\n",
        "import sumyish\n",
    ],
)
def test_a_costly_import_inside_a_function_or_for_types_passes(source: str) -> None:
    found = heavy_import_violations(planted({"text/evil.py": source}), banned_at_module_level())
    assert about("text/evil.py", found) == []


def test_ruff_bans_the_same_libraries_at_module_level(tmp_path: Path) -> None:
    """pyproject.toml's list drives both ruff's TID253 and the check above."""
    banned = banned_at_module_level()
    assert {"ctranslate2", "sumy", "distributed", "fastapi", "jieba"} <= set(banned)
    module = tmp_path / "planted.py"
    module.write_text("".join(f"import {name}\n" for name in banned), encoding="utf-8")
    ruff = [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise"]
    config = ["--config", str(REPO / "pyproject.toml"), "--select", "TID253", str(module)]
    done = subprocess.run([*ruff, *config], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    flagged = re.findall(r"TID253 `([\w.]+)` is banned at the module level", done.stdout)
    assert flagged == banned


# --- no import cycle -------------------------------------------------------------------------


def test_no_import_cycle() -> None:
    assert cycle_violations(code()) == []


@pytest.mark.parametrize(
    "files",
    [
        {"text/evil_a.py": "from confl10n.text import evil_b\n", "text/evil_b.py": "import confl10n.text.evil_a\n"},
        {"text/evil_a.py": "from . import evil_b\n", "text/evil_b.py": "from .evil_c import x\n",
         "text/evil_c.py": "from confl10n.text.evil_a import y\n"},
        {"text/evil_a.py": "def f():\n    from . import evil_b\n", "text/evil_b.py": "from . import evil_a\n"},
        {"text/evil_a.py": "import confl10n.errors\n", "errors.py": "from confl10n.text import evil_a\n"},
    ],
    ids=["two-modules", "three-relative", "lazy-side", "across-folders"],
)  # fmt: skip
def test_the_cycle_check_catches_a_cycle_inside_or_across_folders(files: dict[str, str]) -> None:
    found = cycle_violations(planted(files))
    assert any("evil_a" in v for v in found) and found != []


def test_an_import_only_for_types_makes_no_cycle() -> None:
    files = {
        "text/evil_a.py": "from confl10n.text import evil_b\n",
        "text/evil_b.py": "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from confl10n.text.evil_a import Thing\n",
    }
    assert cycle_violations(planted(files)) == []


# --- no private name from another module ----------------------------------------------------


def test_no_private_name_is_imported_from_another_module() -> None:
    assert private_import_violations(code()) == []


@pytest.mark.parametrize(
    "source",
    [
        "from confl10n.text.reader import _front_matter\n",
        "from .reader import _front_matter\n",
        "def f():\n    from confl10n.errors import _escape\n",
        "import confl10n.text.reader as reader\nreader._front_matter('x')\n",
        "from confl10n.text import reader\nreader._front_matter('x')\n",
        "from confl10n.text import reader\ngetattr(reader, '_front_matter')('x')\n",
    ],
)
def test_the_check_catches_a_private_name_taken_from_another_module(source: str) -> None:
    assert about("text/evil.py", private_import_violations(planted({"text/evil.py": source})))


def test_private_modules_and_dunders_may_be_imported() -> None:
    source = "from confl10n import _fs\nfrom confl10n._version import __version__\n"
    assert about("text/evil.py", private_import_violations(planted({"text/evil.py": source}))) == []


# --- only the CLI writes to the terminal -----------------------------------------------------


def test_library_code_never_writes_to_the_terminal() -> None:
    assert printing_violations(code()) == []


@pytest.mark.parametrize(
    "source",
    [
        "print('x')\n",
        "say = print\n",
        "import sys\nsys.stdout.write('x')\n",
        "import sys as system\nsystem.stderr.write('x')\n",
        "import sys\nsys.__stdout__.flush()\n",
        "from sys import stderr\n",
        "import builtins\nbuiltins.print('x')\n",
        "from builtins import print as echo\n",
        "import traceback\ntraceback.print_exc()\n",
        "from pprint import pprint\n",
        "def f():\n    import sys\n    sys.stdout.write('x')\n",
        "import sys\ngetattr(sys, 'stderr').write('x')\n",
        "import os\nos.write(1, b'x')\n",
        "import os as system\nsystem.write(2, b'x')\n",
    ],
)
def test_the_check_catches_a_terminal_write_in_library_code(source: str) -> None:
    found = printing_violations(planted({"text/evil.py": source, "cli/evil.py": source}))
    assert about("text/evil.py", found) != [] and about("cli/evil.py", found) == []
