"""confl10n build on a real Dask cluster (confl10n/building/cluster.py and worker.py).

A real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (fixtures in
conftest.py) run the kit's tiny Argos en->zh model and Apertium en->es; every output
is compared with a local build of the same articles, byte for byte, timings aside.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask
import pytest
from distributed import Client

from confl10n import BuildReport
from confl10n.building import worker
from confl10n.building.cluster import connect
from confl10n.translate.cache import TranslationCache
from tests import argos_kit
from tests.conftest import DaskCluster, start_dask_cluster
from tests.helpers import SLUG, invoke, kit_build

pytestmark = pytest.mark.cluster

LOCALES = ("zh_CN", "es_ES")
TITLE = "Newspaper Leaders From Across China Gather in Shanghai to See “AI + Media” Up Close"
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


@dataclass(frozen=True)
class LocalBuild:
    """Three articles built here to zh_CN and es_ES: the reference for the cluster builds."""

    folder: Path
    files: list[Path]
    report: BuildReport

    def build(self, tmp_path: Path, name: str, **options: Any) -> BuildReport:
        """The same articles built into ``tmp_path/name``, with the same packages."""
        packages = self.folder / "packages"
        options = {"locales": LOCALES, **options}
        return kit_build(tmp_path, self.files, out=name, models_dir=packages, **options)

    def output(self) -> dict[str, bytes]:
        return output_files(self.folder / "local")


@pytest.fixture(scope="module")
def local_build(
    tmp_path_factory: pytest.TempPathFactory,
    argos_package: Path,
    sample_path: Path,
    seed_path: Path,
    apertium_bin: str,
) -> LocalBuild:
    folder = tmp_path_factory.mktemp("local-build")
    argos_kit.install_package(argos_package, folder / "packages")
    files = articles(folder / "in", sample_path, seed_path)
    return LocalBuild(
        folder,
        files,
        kit_build(folder, files, out="local", models_dir=folder / "packages", locales=LOCALES),
    )


@pytest.fixture
def kit_packages(tmp_path: Path, argos_package: Path) -> Path:
    packages = tmp_path / "packages"
    argos_kit.install_package(argos_package, packages)
    return packages


def test_cluster_output_equals_the_local_build(
    tmp_path: Path, local_build: LocalBuild, dask_cluster: DaskCluster
) -> None:
    calls: list[tuple[str, int, int]] = []
    remote = local_build.build(
        tmp_path, "cluster", scheduler=dask_cluster.address, progress=lambda *c: calls.append(c)
    )
    local = local_build.report
    assert output_files(tmp_path / "cluster") == local_build.output()
    bulletins = [name for name in local_build.output() if not name.startswith(".")]
    assert len(bulletins) == 3 * (5 + 6 + 6)  # en, zh_CN, es_ES (the full article.html in each)
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
    # 3 neural translations for 2 worker threads: two whole, the third shared by 2 tasks.
    parts = [m for m in messages if " part " in m]
    last = remote.articles[-1].slug
    assert sorted(parts) == [f"{last}: translated part {n} of 2 to zh_CN" for n in (1, 2)]


def test_each_worker_loads_each_model_once_across_builds(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    seed_path: Path,
    dask_cluster: DaskCluster,
) -> None:
    files = articles(tmp_path / "in", sample_path, seed_path, extra=2)
    model = str(kit_packages / "translate-en_zh-1_0")
    address = dask_cluster.address
    for run in ("first", "second"):
        kit_build(
            tmp_path, files, out=run, models_dir=kit_packages, locales=["zh_CN"], scheduler=address
        )
        counts = [found.get(model, 0) for found in loads(dask_cluster.address).values()]
        assert len(counts) == 2 and max(counts) == 1 and sum(counts) >= 1, counts


def test_the_client_cache_is_read_before_and_written_after_the_workers(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    dask_cluster: DaskCluster,
) -> None:
    cache = tmp_path / "client.sqlite3"
    options: dict[str, Any] = {"locales": ["zh_CN"], "cache": cache, "models_dir": kit_packages}
    kit_build(
        tmp_path, [sample_path], out="local", **{**options, "cache": tmp_path / "local.sqlite3"}
    )
    kit_build(tmp_path, [sample_path], out="first", **options, scheduler=dask_cluster.address)
    rows = _machine_rows(cache)
    assert rows == _machine_rows(tmp_path / "local.sqlite3") and len(rows) > 40
    # A row changed in the client's cache reaches the output: workers used the client's rows.
    key, target = next((k, t) for k, t in rows.items() if "SenseTime" in t)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE machine SET target = ? WHERE key = ?", ("CACHED " + target, key))
    db.close()
    with TranslationCache(cache) as store:  # as import-xliff stores a reviewed title
        store.put_approved("en", "zh", TITLE, "审校过的标题", origin="test")
    kit_build(tmp_path, [sample_path], out="second", **options, scheduler=dask_cluster.address)
    assert b"CACHED " in b"".join(output_files(tmp_path / "second").values())
    bundle = json.loads((tmp_path / "second" / SLUG / "zh_CN" / "bundle.json").read_text())
    title = next(unit for unit in bundle["units"] if unit["source"] == TITLE)
    assert (title["target"], title["state"]) == ("审校过的标题", "approved")
    assert not list(dask_cluster.home.rglob("*.sqlite3"))  # workers never open a cache


def test_the_cluster_writes_an_html_pages_article_html_as_the_local_build_does(
    tmp_path: Path, kit_packages: Path, news_page_path: Path, dask_cluster: DaskCluster
) -> None:
    options: dict[str, Any] = {"models_dir": kit_packages}
    kit_build(tmp_path, [news_page_path], out="local", **options)
    remote = kit_build(tmp_path, [news_page_path], out="cluster", **options,
                       scheduler=dask_cluster.address)  # fmt: skip
    assert output_files(tmp_path / "cluster") == output_files(tmp_path / "local")
    page = (remote.articles[0].path / "zh_CN" / "article.html").read_text("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN" dir="ltr">')
    assert "Share on Facebook" in page and "<strong>12亿美元</strong>" in page


def _machine_rows(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        rows = dict(db.execute("SELECT key, target FROM machine").fetchall())
    db.close()
    return rows


def test_a_worker_killed_mid_build_loses_nothing(tmp_path: Path, local_build: LocalBuild) -> None:
    cluster = start_dask_cluster(tmp_path / "dask")
    try:
        outcome: dict[str, Any] = {}
        thread = threading.Thread(
            target=lambda: outcome.update(
                report=local_build.build(tmp_path, "cluster", scheduler=cluster.address)
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
    assert report.failures == ()
    assert len({a.slug for a in report.articles}) == len(local_build.files)
    assert output_files(tmp_path / "cluster") == local_build.output()


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


# --- faults and the command line ----------------------------------------------------------


@pytest.fixture
def broken_french(tmp_path: Path, argos_tokenizer: Path, kit_packages: Path) -> Path:
    """A French article, and an fr->zh package in ``kit_packages`` whose model cannot load
    (its metadata is fine, so the build is planned; the worker's load fails)."""
    package = argos_kit.write_package(tmp_path / "fr", argos_tokenizer, from_code="fr")
    installed = argos_kit.install_package(package, kit_packages)
    (installed / "model" / "model.bin").write_bytes(b"junk")
    article = tmp_path / "in" / "french.md"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text("---\nlang: fr\n---\n# Une réunion à Shanghai\n\nLe texte est court.\n")
    return article


def test_one_failing_article_is_reported_and_the_others_written(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    broken_french: Path,
    dask_cluster: DaskCluster,
) -> None:
    files = [sample_path, broken_french]
    report = kit_build(
        tmp_path, files, models_dir=kit_packages, locales=["zh_CN"], scheduler=dask_cluster.address
    )
    (failure,) = report.failures
    assert failure.slug == "une-reunion-a-shanghai" and failure.exit_code == 65
    assert "CTranslate2 cannot load model/" in failure.message
    assert [a.slug for a in report.articles] == [SLUG]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        SLUG
    ]


def test_the_command_line_reports_a_failed_article_with_its_exit_code(
    tmp_path: Path,
    kit_packages: Path,
    sample_path: Path,
    broken_french: Path,
    dask_cluster: DaskCluster,
) -> None:
    code, out, err = invoke(
        "build",
        sample_path,
        broken_french,
        "--to",
        "zh_CN",
        "--out",
        tmp_path / "out",
        "--models-dir",
        kit_packages,
        "--no-cache",
        "--threads",
        "1",
        "--scheduler",
        dask_cluster.address,
    )
    assert code == 65
    assert out == f"{tmp_path / 'out' / SLUG}  (en, zh_CN)\n"
    assert "confl10n: error: une-reunion-a-shanghai: " in err


def test_an_unreachable_scheduler_is_one_line_and_exit_69(
    tmp_path: Path, sample_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    started = time.monotonic()
    code, out, err = invoke("build", sample_path, "--out", tmp_path / "out", "--scheduler", closed)
    assert (code, out) == (69, "")
    assert err.startswith(f"confl10n: error: cannot reach the Dask scheduler at {closed}: ")
    assert err.count("\n") == 1 and time.monotonic() - started < 60
    assert not (tmp_path / "out").exists()


@pytest.fixture
def not_dask() -> Iterator[Callable[[bytes | None], str]]:
    """Starts loopback servers that are no Dask scheduler: each answers a connection with
    ``reply`` (another protocol's bytes) or, given None, never answers."""
    servers: list[socket.socket] = []

    def start(reply: bytes | None) -> str:
        server = socket.create_server(("127.0.0.1", 0))
        servers.append(server)

        def serve() -> None:
            with suppress(OSError):
                while True:
                    connection, _ = server.accept()
                    if reply is not None:
                        connection.sendall(reply)
                    servers.append(connection)  # kept open: a peer that says nothing more

        threading.Thread(target=serve, daemon=True).start()
        return f"tcp://127.0.0.1:{server.getsockname()[1]}"

    yield start
    for server in servers:
        server.close()


def build_process(tmp_path: Path, sample_path: Path, scheduler: str) -> tuple[int, str, float]:
    """``python -m confl10n build … --scheduler`` in a process of its own, so what Dask
    prints as the process ends (a client's ``__del__``) is seen: (exit code, stderr, seconds)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "confl10n", "build", str(sample_path), "--out",
         str(tmp_path / "out"), "--to", "es_ES", "--scheduler", scheduler],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return done.returncode, done.stderr, time.monotonic() - started


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"SSH-2.0-OpenSSH_9.2p1\r\n" + b"\xff" * 64, "is no Dask scheduler: what answers there"),
        (None, "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
    ],
    ids=["other-protocol", "silent"],
)
def test_a_server_that_is_no_dask_scheduler_is_one_line_exit_69_and_nothing_after(
    tmp_path: Path, sample_path: Path, not_dask: Callable[[bytes | None], str],
    reply: bytes | None, message: str,
) -> None:  # fmt: skip
    code, err, seconds = build_process(tmp_path, sample_path, not_dask(reply))
    assert code == 69 and err.count("\n") == 1, err
    assert err.startswith("confl10n: error: ") and message in err
    assert seconds < 30 and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("scheduler", "message"),
    [
        ("nonsense://x", "unsupported scheme nonsense:// in the Dask scheduler address"),
        ("ucx://host:8786", "unsupported scheme ucx://"),
        ("inproc://x", "malformed Dask scheduler address 'inproc://x'"),
        ("tcp://127.0.0.1", "(missing port number in address '127.0.0.1')"),
        ("tcp://127.0.0.1:99999", "(port 99999); give tcp://HOST:8786"),
    ],
)
def test_an_address_that_is_no_dask_address_is_exit_64_before_connecting(
    tmp_path: Path, sample_path: Path, scheduler: str, message: str
) -> None:
    code, out, err = invoke(
        "build", sample_path, "--out", tmp_path / "out", "--scheduler", scheduler
    )
    assert (code, out) == (64, "") and err.count("\n") == 1
    assert message in err and not (tmp_path / "out").exists()


def test_no_dask_address_is_said_at_once_and_nothing_after_in_a_real_process(
    tmp_path: Path, sample_path: Path
) -> None:
    code, err, seconds = build_process(tmp_path, sample_path, "inproc://x")
    assert code == 64 and err.count("\n") == 1 and seconds < 30, err


def test_a_client_that_fails_to_start_is_closed_at_once() -> None:
    """Dask leaves such a client open; its ``__del__`` waited 10 s and printed a traceback."""
    code = (
        "from confl10n.building.cluster import _client\n"
        "try:\n    _client('inproc://x')\nexcept Exception as exc:\n    print(type(exc).__name__)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (done.stdout, done.stderr) == ("ClusterError\n", "")
    assert time.monotonic() - started < 9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "workers must be at least 1, got 0"),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--scheduler", " "], "the scheduler address is empty"),
    ],
)
def test_bad_cluster_options_are_option_errors(
    tmp_path: Path, sample_path: Path, args: list[str], message: str
) -> None:
    code, _, err = invoke("build", sample_path, "--out", tmp_path / "out", *args)
    assert code == 64 and message in err and not (tmp_path / "out").exists()


def test_nothing_imports_dask_at_start_up() -> None:
    code = (
        "import sys, confl10n, confl10n.cli, confl10n.building.build, confl10n.building.worker; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout == "[]\n", done.stderr


def test_local_workers_from_the_config_build_the_same_output(
    tmp_path: Path, local_build: LocalBuild
) -> None:
    config = tmp_path / "confl10n.toml"
    config.write_text('[build]\nworkers = 1\nlocales = ["zh_CN", "es_ES"]\n', encoding="utf-8")
    code, out, err = invoke(
        "build",
        *local_build.files,
        "--config",
        config,
        "--out",
        tmp_path / "cluster",
        "--models-dir",
        local_build.folder / "packages",
        "--no-cache",
        "--threads",
        "1",
    )
    assert code == 0, err
    assert out.count("(en, zh_CN, es_ES)") == len(local_build.files)
    assert output_files(tmp_path / "cluster") == local_build.output()


def test_local_workers_run_without_dasks_malloc_trim_setting() -> None:
    # Dask's MALLOC_TRIM_THRESHOLD_=65536 halves CTranslate2's speed (see cluster.UNTRIMMED).
    with connect(1) as client:
        found = client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
    assert list(found.values()) == [None]


def test_local_workers_are_forked_unprofiled_and_see_the_clients_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with connect(1):  # Dask's fork server, if new, starts with the environment before
        pass
    monkeypatch.setenv("CONFL10N_MODELS_DIR", str(tmp_path / "models"))
    with connect(2) as client:
        parents = client.run(os.getppid)
        models = client.run(os.environ.get, "CONFL10N_MODELS_DIR")
        profiling = client.run(dask.config.get, "distributed.worker.profile.enabled")
    assert set(models.values()) == {str(tmp_path / "models")}
    assert list(profiling.values()) == [False, False]
    if "forkserver" in multiprocessing.get_all_start_methods():
        assert os.getpid() not in parents.values()  # forked by the server, not spawned here
