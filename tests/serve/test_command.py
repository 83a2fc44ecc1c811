"""``confl10n serve`` as a command: light to import, clear one-line errors before serving."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.serve.conftest import server_environment

HEAVY = ("fastapi", "starlette", "uvicorn", "lingua", "pydantic")


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "confl10n", *args]
    return subprocess.run(command, capture_output=True, text=True, env=server_environment(home))


def test_the_cli_imports_no_web_stack() -> None:
    code = f"import sys, confl10n.cli; print(sorted(set(sys.modules) & set({HEAVY!r})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--workers", "0"], 64, "--workers must be at least 1"),
        (["--queue-timeout", "0"], 64, "--queue-timeout must be above 0"),
        (["--cache", "c.db", "--no-cache"], 64, "--cache and --no-cache exclude each other"),
        (["--api-keys", "missing.txt"], 65, "API key file missing.txt: no such file\n"),
        (["--engine", "marian"], 64, "unknown engine 'marian'"),
        (["--alternatives-limit", "-1"], 64, "--alternatives-limit must be at least 0"),
        (["--cors-origins", " , "], 64, "--cors-origins names no origin (give * for any)"),
        (["--suggestions", "--no-cache"], 64, "--suggestions stores into the cache"),
        (["--detection", "medium"], 64, "--detection medium: use low or high"),
    ],
)
def test_bad_settings_fail_in_one_line_before_serving(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    done = run(tmp_path, "serve", "--port", "0", *args)
    assert (done.returncode, done.stdout) == (code, "")
    assert done.stderr.startswith("confl10n: error: ") and message in done.stderr
    assert done.stderr.count("\n") == 1


def test_an_empty_key_file_is_refused(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# none yet\n\n", encoding="utf-8")
    done = run(tmp_path, "serve", "--api-keys", str(keys))
    assert done.returncode == 65 and "holds no key" in done.stderr
