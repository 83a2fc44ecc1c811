"""A cluster build losing its machines: every worker, or the scheduler, killed mid-build.

A real ``dask scheduler`` and two workers (tests/conftest.py) and a real
``confl10n build --scheduler`` in a subprocess: the build ends in one line with
exit 69, the articles written before stay whole, nothing is half-written.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client

from tests import argos_kit
from tests.building.test_cluster import articles
from tests.conftest import DaskCluster, start_dask_cluster

BOUND = 600  # seconds: an upper bound so a hang fails the test instead of blocking it
LOCALES = ("zh_CN", "es_ES")


def start_build(tmp_path: Path, cluster: DaskCluster, files: list[Path]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "confl10n", "build", *map(str, files),
               "--out", str(tmp_path / "out"), "--models-dir", str(tmp_path / "packages"),
               "--no-cache", "--threads", "1", "--scheduler", cluster.address,
               "--worker-timeout", "3", *(a for loc in LOCALES for a in ("--to", loc))]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_tasks(cluster: DaskCluster, build: subprocess.Popen[str]) -> None:
    """Return once the scheduler has translation tasks on a worker."""
    with Client(cluster.address, timeout=30, set_as_default=False) as client:
        deadline = time.monotonic() + BOUND
        while time.monotonic() < deadline and build.poll() is None:
            if any("translate" in str(k) for keys in client.processing().values() for k in keys):
                return
            time.sleep(0.05)
    pytest.fail("the build never sent translation tasks")


def wait_for_articles(out: Path, count: int, build: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + BOUND
    while len(written(out)) < count and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)


def written(out: Path) -> list[str]:
    return (
        sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else []
    )


def assert_whole(out: Path) -> None:
    """Every article folder in ``out`` is complete, and no work folder is left behind."""
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [] if out.exists() else True
    for slug in written(out):
        folders = sorted(p.name for p in (out / slug).iterdir())
        assert folders == sorted(["en", *LOCALES]), (slug, folders)
        for locale in LOCALES:
            bundle = json.loads((out / slug / locale / "bundle.json").read_text(encoding="utf-8"))
            assert bundle["locale"] == locale
            assert (out / slug / locale / "bulletin.md").stat().st_size > 0


def error_line(err: str) -> str:
    """The one error line of ``err``; every other line is one of our warnings."""
    lines = err.splitlines()
    assert all(line.startswith("confl10n: ") for line in lines), err
    (line,) = [line for line in lines if line.startswith("confl10n: error: ")]
    return line


def finish(build: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = build.communicate(timeout=BOUND)
    finally:
        if build.poll() is None:
            build.kill()
            build.communicate()
    return build.returncode, out, err


@pytest.fixture
def inputs(tmp_path: Path, argos_package: Path, sample_path: Path, seed_path: Path) -> list[Path]:
    argos_kit.install_package(argos_package, tmp_path / "packages")
    return articles(tmp_path / "in", sample_path, seed_path, extra=3)


@pytest.mark.cluster
def test_all_workers_lost_is_one_line_and_exit_69(tmp_path: Path, inputs: list[Path]) -> None:
    cluster = start_dask_cluster(tmp_path / "dask")
    try:
        build = start_build(tmp_path, cluster, inputs)
        wait_for_tasks(cluster, build)
        for process in cluster.workers:
            process.send_signal(signal.SIGKILL)
        code, out, err = finish(build)
    finally:
        cluster.stop()
    assert (code, out) == (69, ""), err
    line = error_line(err)
    assert line.startswith("confl10n: error: no Dask worker left for 3 s: "), err
    count = len(written(tmp_path / "out"))
    assert line.endswith(f": {count} of {len(inputs)} article(s) written, the others not;"
                         " run the build again for them")  # fmt: skip
    assert_whole(tmp_path / "out")


@pytest.mark.cluster
def test_scheduler_lost_is_one_line_exit_69_and_finished_articles_stay(
    tmp_path: Path, inputs: list[Path]
) -> None:
    cluster = start_dask_cluster(tmp_path / "dask")
    try:
        build = start_build(tmp_path, cluster, inputs)
        wait_for_articles(tmp_path / "out", 1, build)
        before = written(tmp_path / "out")
        cluster.scheduler.send_signal(signal.SIGKILL)
        code, out, err = finish(build)
    finally:
        cluster.stop()
    assert before, "no article was written before the scheduler was killed"
    assert (code, out) == (69, ""), err
    line = error_line(err)
    assert line.startswith(f"confl10n: error: lost the Dask scheduler at {cluster.address}: ")
    after = written(tmp_path / "out")
    assert set(before) <= set(after)
    assert f": {len(after)} of {len(inputs)} article(s) written" in line
    assert_whole(tmp_path / "out")


def test_a_worker_timeout_not_above_zero_is_an_option_error(
    tmp_path: Path, sample_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "confl10n", "build", str(sample_path), "--out", str(tmp_path),
         "--scheduler", "tcp://127.0.0.1:1", "--worker-timeout", "0"],
        capture_output=True, text=True, timeout=BOUND, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (64, "")
    assert done.stderr == "confl10n: error: --worker-timeout must be above 0, got 0\n"
