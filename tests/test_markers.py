"""The markers that make the quick loop (``pytest -m "not slow and not cluster and not browser"``):
a test is marked by the real tool it needs, seen by what pytest itself selects."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def collected(*args: str) -> set[str]:
    """The test IDs ``pytest --collect-only`` selects with ``args`` (a real pytest run)."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode in (0, 5), done.stdout + done.stderr  # 5: nothing selected
    return {line for line in done.stdout.splitlines() if "::" in line}


@pytest.mark.slow
def test_a_test_is_marked_by_the_real_tool_its_fixtures_start() -> None:
    browser_page, apertium = "tests/bundle/test_bulletin_html.py", "tests/translate/apertium"
    browser = collected(browser_page, "-m", "browser")
    assert f"{browser_page}::test_blank_page_is_detected" in browser  # through its own fixture
    assert f"{browser_page}::test_page_renders_text[en-390]" in browser
    engine = collected(f"{apertium}/test_engine.py", "-m", "apertium")
    assert f"{apertium}/test_engine.py::test_installed_pairs" in engine
    assert f"{apertium}/test_engine.py::test_mode_names_map_to_iso_639_1" not in engine


@pytest.mark.slow
def test_the_quick_loop_leaves_out_the_cluster_the_browser_and_the_slow_tests() -> None:
    files = ["tests/building/test_cluster.py", "tests/serve/test_service.py"]
    files += ["tests/bundle/test_bulletin_html.py", "tests/summarize/test_selection.py"]
    every = collected(*files)
    quick = collected(*files, "-m", "not slow and not cluster and not browser")
    assert quick and quick < every
    assert not any("test_cluster.py" in test or "test_bulletin_html.py" in test for test in quick)
    assert "tests/serve/test_service.py::test_load_200_requests_8_at_a_time_all_answered" in every
    left_out = every - quick
    assert (
        "tests/serve/test_service.py::test_load_200_requests_8_at_a_time_all_answered" in left_out
    )
    lede = "tests/summarize/test_selection.py::test_the_lede_is_never_repeated_in_the_section_summaries"
    assert {f"{lede}[lead-kl]", f"{lede}[central-lsa]"} <= left_out
    assert f"{lede}[lead-lexrank]" in quick
