"""Optional extras: a command that needs one says which, and how to install it, in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from confl10n.errors import EngineUnavailableError
from confl10n.extras import EXTRAS, extra_of, install_hint, missing, require
from tests.conftest import REPO

# ``sys.modules[name] = None`` is Python's own way to make a module unimportable: ``import``
# raises ModuleNotFoundError and ``importlib.util.find_spec`` answers None, as without it.
WITHOUT = """
import sys
sys.modules.update(dict.fromkeys({modules!r}))
from confl10n.cli import main
sys.argv = ["confl10n", *{argv!r}]
main()
"""


def run_without(extra: str, *argv: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    code = WITHOUT.format(modules=list(EXTRAS[extra]), argv=list(argv))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def assert_one_line_hint(result: subprocess.CompletedProcess[str], extra: str) -> None:
    assert result.returncode == 69, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert f"optional extra '{extra}'" in lines[0]
    assert f"pip install 'confl10n[{extra}]'" in lines[0]
    assert f"requirements/{extra}.txt" in lines[0]


def test_serve_without_the_serve_extra_is_one_line_exit_69() -> None:
    assert_one_line_hint(run_without("serve", "serve", "--port", "0"), "serve")


@pytest.mark.parametrize("where", [["--workers", "2"], ["--scheduler", "tcp://127.0.0.1:9"]])
def test_cluster_build_without_the_cluster_extra_is_one_line_exit_69(
    where: list[str], sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_without("cluster", "build", str(sample_path), "--out", str(out), *where)
    assert_one_line_hint(result, "cluster")
    assert not out.exists() or not any(out.iterdir())


def test_doctor_lists_each_extra_as_installed_or_not() -> None:
    result = run_without("serve", "doctor")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[2]: line for line in result.stdout.splitlines() if " extras " in line}
    assert set(rows) == set(EXTRAS)
    assert rows["serve"].startswith("--") and install_hint("serve") in rows["serve"]
    assert rows["cluster"].startswith("ok") and rows["cluster"].endswith("installed")


def test_every_extra_of_pyproject_is_known_and_has_a_lock_file() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = set(project["optional-dependencies"]) - {"dev"}
    assert declared == set(EXTRAS)
    for extra in EXTRAS:
        assert (REPO / "requirements" / f"{extra}.txt").is_file()


def test_extra_lookups() -> None:
    assert extra_of("distributed.client") == "cluster"
    assert extra_of("confl10n.serve") is None
    assert missing("serve") == []  # the test environment has every extra
    require("cluster", "a cluster build")
    with pytest.raises(KeyError):
        missing("gpu")


def test_require_names_the_missing_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lingua", None)
    with pytest.raises(EngineUnavailableError, match=r"\(no module lingua\)") as caught:
        require("serve", "confl10n serve")
    assert caught.value.exit_code == 69
