"""``confl10n doctor``'s dependency report: versions, CLDR release, untested versions."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from confl10n.cli.doctor_checks import TESTED, is_tested, version_check
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[2]


def lock_pins(path: Path) -> dict[str, str]:
    """``name==version`` pins of a pip requirements lock."""
    text = path.read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, flags=re.MULTILINE))


def test_doctor_prints_versions_and_the_cldr_release(tmp_path: Path) -> None:
    code, out, _ = invoke("doctor", "--models-dir", tmp_path)
    assert code == 0
    from babel.core import get_cldr_version

    babel = f"{metadata.version('babel')} (CLDR {get_cldr_version()})"
    assert re.search(rf"babel\s+{re.escape(babel)}$", out, flags=re.MULTILINE)
    for name in ("ctranslate2", "sumy", "typer"):
        assert re.search(rf"^ok\s+packages\s+{name}\s+{metadata.version(name)}$", out,
                         flags=re.MULTILINE)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "version", "tested"),
    [
        ("babel", "2.18.0", True),
        ("babel", "2.19.1", True),
        ("babel", "2.20.0", False),
        ("babel", "2.17.0", False),
        ("babel", "3.0.0rc1", False),
        ("typer", "0.29.2", True),
        ("typer", "1.0", False),
        ("typer", "0.12.5", False),
        ("sumy", "0.11.0", False),
        ("ctranslate2", "4.5.0", False),
        ("ctranslate2", "5.0.0", False),
        ("jieba", "9.9", True),  # not tracked: no opinion
    ],
)
def test_tested_ranges(name: str, version: str, tested: bool) -> None:
    assert is_tested(name, version) is tested


def test_an_untested_version_is_a_warning_line() -> None:
    check = version_check("sumy", "0.99.0")
    assert not check.ok
    assert "untested" in check.detail and ">=0.13,<0.14" in check.detail
    assert version_check("sumy", "0.13.0").ok


def test_the_lock_pins_tested_versions() -> None:
    pins = lock_pins(ROOT / "requirements" / "lock.txt")
    assert {name: is_tested(name, pins[name]) for name in TESTED} == dict.fromkeys(TESTED, True)


def test_runtime_lock_is_the_lock_s_subset() -> None:
    full = lock_pins(ROOT / "requirements" / "lock.txt")
    runtime = lock_pins(ROOT / "requirements" / "runtime.txt")
    assert runtime.items() <= full.items()
    assert {"babel", "ctranslate2", "sumy", "typer"} <= runtime.keys()


def test_babel_has_a_tested_upper_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (babel,) = [d for d in project["project"]["dependencies"] if d.startswith("babel")]
    low, high = TESTED["babel"]
    assert babel.replace(" ", "") == f"babel>={low},<{high}"
