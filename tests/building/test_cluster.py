"""confl10n build on a real Dask cluster (confl10n/building/cluster.py and worker.py).

A real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (fixtures in
conftest.py) run the kit's tiny Argos en->zh model and Apertium en->es; every output
is compared with a local build of the same articles, byte for byte, timings aside.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from distributed import Client

from confl10n import BuildReport, build
from confl10n.building import worker
from tests import argos_kit
from tests.conftest import DaskCluster, start_dask_cluster

LOCALES = ["zh_CN", "es_ES"]
_TIMINGS = re.compile(rb'"timings": \{[^}]*\}')


def articles(folder: Path, sample_path: Path, seed_path: Path, extra: int = 1) -> list[Path]:
    """The sample, the seed, and ``extra`` variants of the sample with titles of their own."""
    text = sample_path.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    variants = []
    for number in range(1, extra + 1):
        path = folder / f"variant-{number}.md"
        path.write_text(text.replace("# Newspaper Leaders", f"# Variant {number}: Leaders"))
        variants.append(path)
    return [sample_path, seed_path, *variants]


def kit_build(tmp_path: Path, name: str, files: list[Path], **options: Any) -> BuildReport:
    """A build of ``files`` into ``tmp_path/name`` with its own cache and the kit's packages."""
    options.setdefault("locales", LOCALES)
    options.setdefault("cache", tmp_path / f"{name}.sqlite3")
    options.setdefault("models_dir", tmp_path / "packages")
    return build(files, out=tmp_path / name, threads=1, **options)


def output_files(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` by relative path, bundle.json's timings blanked out."""
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[path.relative_to(out).as_posix()] = _TIMINGS.sub(b'"timings": {}', data)
    return files


def loads(address: str) -> dict[str, dict[str, int]]:
    """Each worker's model loads (package folder -> count)."""
    with Client(address, timeout=30, set_as_default=False) as client:
        found: dict[str, dict[str, int]] = client.run(worker.model_loads)
    return found


@pytest.fixture
def kit_packages(tmp_path: Path, argos_package: Path) -> Path:
    packages = tmp_path / "packages"
    argos_kit.install_package(argos_package, packages)
    return packages


def test_cluster_output_equals_the_local_build(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    seed_path: Path,
    apertium_bin: str,
    dask_cluster: DaskCluster,
) -> None:
    files = articles(tmp_path / "in", sample_path, seed_path)
    local = kit_build(tmp_path, "local", files)
    calls: list[tuple[str, int, int]] = []
    remote = kit_build(
        tmp_path,
        "cluster",
        files,
        scheduler=dask_cluster.address,
        progress=lambda *call: calls.append(call),
    )
    assert output_files(tmp_path / "cluster") == output_files(tmp_path / "local")
    bulletins = [name for name in output_files(tmp_path / "local") if not name.startswith(".")]
    assert len(bulletins) == 3 * (4 + 5 + 5)  # en, zh_CN, es_ES
    assert [(a.slug, a.locales, a.warnings) for a in remote.articles] == [
        (a.slug, a.locales, a.warnings) for a in local.articles
    ]
    assert remote.failures == ()
    # The progress line: one step per article summary, article × locale and article written.
    messages = [message for message, _, _ in calls]
    for article in remote.articles:
        for locale in LOCALES:
            assert f"{article.slug}: translated to {locale}" in messages
    assert calls[-1][1:] == (3 * 4, 3 * 4)


def test_each_worker_loads_each_model_once_across_builds(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    seed_path: Path,
    dask_cluster: DaskCluster,
) -> None:
    files = articles(tmp_path / "in", sample_path, seed_path, extra=3)
    model = str(kit_packages / "translate-en_zh-1_0")
    for run in ("first", "second"):
        kit_build(tmp_path, run, files, locales=["zh_CN"], scheduler=dask_cluster.address)
        counts = [found.get(model, 0) for found in loads(dask_cluster.address).values()]
        assert len(counts) == 2 and max(counts) == 1 and sum(counts) >= 1, counts


def test_the_client_cache_is_read_before_and_written_after_the_workers(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    dask_cluster: DaskCluster,
) -> None:
    cache = tmp_path / "client.sqlite3"
    options: dict[str, Any] = {"locales": ["zh_CN"], "cache": cache}
    kit_build(tmp_path, "local", [sample_path], **{**options, "cache": tmp_path / "local.sqlite3"})
    kit_build(tmp_path, "first", [sample_path], **options, scheduler=dask_cluster.address)
    rows = _machine_rows(cache)
    assert rows == _machine_rows(tmp_path / "local.sqlite3") and len(rows) > 40
    # A row changed in the client's cache reaches the output: workers used the client's rows.
    key, target = next((k, t) for k, t in rows.items() if "SenseTime" in t)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE machine SET target = ? WHERE key = ?", ("CACHED " + target, key))
    db.close()
    kit_build(tmp_path, "second", [sample_path], **options, scheduler=dask_cluster.address)
    assert b"CACHED " in b"".join(output_files(tmp_path / "second").values())
    assert not list(dask_cluster.home.rglob("*.sqlite3"))  # workers never open a cache


def _machine_rows(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        rows = dict(db.execute("SELECT key, target FROM machine").fetchall())
    db.close()
    return rows


def test_a_worker_killed_mid_build_loses_nothing(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    seed_path: Path,
    apertium_bin: str,
) -> None:
    files = articles(tmp_path / "in", sample_path, seed_path, extra=4)
    kit_build(tmp_path, "local", files)
    cluster = start_dask_cluster(tmp_path / "dask")
    try:
        outcome: dict[str, Any] = {}
        thread = threading.Thread(
            target=lambda: outcome.update(
                report=kit_build(tmp_path, "cluster", files, scheduler=cluster.address)
            )
        )
        thread.start()
        busy = _kill_a_busy_worker(cluster)
        thread.join(timeout=600)
        assert not thread.is_alive()
    finally:
        cluster.stop()
    assert busy  # the killed worker was running or holding build tasks
    assert cluster.workers[0].returncode == -signal.SIGKILL
    report: BuildReport = outcome["report"]
    assert report.failures == () and len({a.slug for a in report.articles}) == len(files)
    assert output_files(tmp_path / "cluster") == output_files(tmp_path / "local")


def _kill_a_busy_worker(cluster: DaskCluster) -> list[str]:
    """SIGKILL worker 0 once the scheduler has build tasks on it; return those tasks."""
    with Client(cluster.address, timeout=30, set_as_default=False) as client:
        (victim,) = [
            a for a, w in client.scheduler_info()["workers"].items() if w["name"] == "worker-0"
        ]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            busy = [str(key) for key in client.processing().get(victim, ())]
            if any("translate" in key for key in busy):
                time.sleep(0.5)  # well inside the task: its models are loading or running
                cluster.workers[0].send_signal(signal.SIGKILL)
                cluster.workers[0].wait(timeout=30)
                return busy
            time.sleep(0.02)
    return []
