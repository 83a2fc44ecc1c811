"""Shared fixtures: the two real articles and a clean environment for every test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CLOSED_PROXY = "http://127.0.0.1:9"  # the discard port; nothing listens on it here


MARKER_OF_FIXTURE = {
    "apertium_bin": "apertium",
    "chromium_executable": "browser",
    "dask_cluster": "cluster",
}
"""A test that takes one of these fixtures (also through another fixture) gets its marker."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by the real tool it needs, so ``-m`` can leave the costly ones out."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        for fixture, marker in MARKER_OF_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test's user folders (models, caches, config) under a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    for variable in ("ARGOS_PACKAGES_DIR", "CONFL10N_MODELS_DIR"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proxies point at a closed local port: anything that tries the network fails at once."""
    for variable in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(variable, CLOSED_PROXY)
        monkeypatch.setenv(variable.upper(), CLOSED_PROXY)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real article the project was started for (``../shared/seed/article.txt``)."""
    path = REPO.parent / "shared" / "seed" / "article.txt"
    if not path.is_file():
        pytest.fail(f"the seed article is missing: {path} (clone the repo beside shared/)")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The project's own sample article, processed by default."""
    return REPO / "source" / "article.md"


# Tiny Argos packages (tests/argos_kit.py): built once per session, copied by tests that change them.

KIT_PREFIXES = ("__ja__", "__zh__")
# The brackets of confl10n.figures.protect's placeholders (⟦Q1⟧), so the copy model copies them.
KIT_SYMBOLS = (*KIT_PREFIXES, "⟦", "⟧")


@pytest.fixture(scope="session")
def argos_tokenizer(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path, sample_path: Path
) -> Path:
    """A SentencePiece model trained on the seed and sample articles (knows the kit prefixes
    and the placeholder brackets)."""
    from tests import argos_kit

    lines = argos_kit.corpus_lines([seed_path, sample_path])
    folder = tmp_path_factory.mktemp("argos-tokenizer")
    return argos_kit.train_sentencepiece(lines, folder, user_symbols=KIT_SYMBOLS)


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory: pytest.TempPathFactory, argos_tokenizer: Path) -> Path:
    """A built en->zh package folder (read-only: copy it before changing it)."""
    from tests import argos_kit

    return argos_kit.write_package(tmp_path_factory.mktemp("argos-package"), argos_tokenizer)


@pytest.fixture(scope="session")
def argos_model_file(tmp_path_factory: pytest.TempPathFactory, argos_package: Path) -> Path:
    """The en->zh package zipped as ``translate-en_zh-1_0.argosmodel`` (read-only)."""
    from tests import argos_kit

    destination = tmp_path_factory.mktemp("argos-file") / f"{argos_package.name}.argosmodel"
    return argos_kit.pack_argosmodel(argos_package, destination)


@pytest.fixture
def argos_packages_dir(tmp_path: Path, argos_package: Path) -> Path:
    """A fresh packages folder under ``tmp_path`` holding a copy of the en->zh package."""
    from tests import argos_kit

    packages = tmp_path / "packages"
    argos_kit.install_package(argos_package, packages)
    return packages


SUBSTITUTED = {"▁great": "▁new"}
"""What the aligned kit packages write differently: "new" for "great" (and the reverse)."""


def _substituting(root: Path, tokenizer: Path, alignment_layer: int) -> Path:
    from tests import argos_kit

    shape = argos_kit.ModelShape(substitutions=SUBSTITUTED, alignment_layer=alignment_layer)
    argos_kit.write_package(root, tokenizer, to_code="fr", shape=shape)
    argos_kit.write_package(root, tokenizer, to_code="ja", target_prefix="__ja__", shape=shape)
    return root


@pytest.fixture(scope="session")
def aligned_packages(tmp_path_factory: pytest.TempPathFactory, argos_tokenizer: Path) -> Path:
    """A packages folder (read-only) with en->fr and en->ja (target prefix ``__ja__``) kit
    packages that write "new" for "great" and return the copying layer's attention, which
    points at the word being translated: words align by the model's attention."""
    return _substituting(tmp_path_factory.mktemp("aligned-packages"), argos_tokenizer, 0)


@pytest.fixture(scope="session")
def flat_packages(tmp_path_factory: pytest.TempPathFactory, argos_tokenizer: Path) -> Path:
    """The same packages returning the last layer's attention, which is flat: no alignment."""
    return _substituting(tmp_path_factory.mktemp("flat-packages"), argos_tokenizer, -1)


# A web server on 127.0.0.1 for the network paths (models available/download): nothing leaves
# the machine, and a closed loopback port stands for "no network".


@dataclass
class LocalWeb:
    """What the local server serves (``files``: URL path -> body) and what it was asked for."""

    url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


def _web_handler(web: LocalWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            web.requests.append(self.path)
            body = web.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read ``web.requests`` instead."""

    return Handler


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    """A running local web server; proxies are bypassed for loopback only."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    served = LocalWeb()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _web_handler(served))
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def closed_url() -> str:
    """An http URL on a loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/index.json"


@pytest.fixture(autouse=True)
def _no_index_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests name their package index explicitly; the caller's environment never leaks in."""
    for variable in ("CONFL10N_ARGOS_INDEX", "ARGOS_PACKAGE_INDEX"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of a headless-capable Chromium; skip (or fail with
    ``CONFL10N_REQUIRE_BROWSER=1``) when none is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path is not None:
            return path
    message = "no chromium on PATH (Debian: apt-get install chromium)"
    if os.environ.get("CONFL10N_REQUIRE_BROWSER") == "1":
        pytest.fail(message + "; CONFL10N_REQUIRE_BROWSER=1 requires it")
    pytest.skip(message)


@pytest.fixture(scope="session")
def apertium_bin() -> str:
    """The real ``apertium`` command, with the eng-spa pair installed.

    Tests taking it skip when Apertium is missing, and fail instead when
    ``CONFL10N_REQUIRE_APERTIUM=1`` (CI installs the Debian packages).
    """
    found = shutil.which("apertium")
    listing = subprocess.run([found, "-l"], capture_output=True, text=True) if found else None
    if found is None or listing is None or "eng-spa" not in listing.stdout.split():
        reason = "needs apertium + eng-spa: apt-get install apertium apertium-eng-spa"
        if os.environ.get("CONFL10N_REQUIRE_APERTIUM") == "1":
            pytest.fail(f"CONFL10N_REQUIRE_APERTIUM=1 but Apertium is missing ({reason})")
        pytest.skip(reason)
    return found


@pytest.fixture
def argos_engine(argos_packages_dir: Path) -> Any:
    """A real ArgosEngine over ``argos_packages_dir``, one thread (the machine is shared)."""
    from confl10n.translate.argos.engine import ArgosEngine

    return ArgosEngine(models_dir=argos_packages_dir, threads=1)


# A real Dask cluster on 127.0.0.1: `dask scheduler` and `dask worker` subprocesses from this
# venv (no nanny, so SIGKILL ends a worker for good), each in its own session, always torn down.

DASK_START_SECONDS = 120.0  # imports are slow on a busy 2-core machine


@dataclass
class DaskCluster:
    """A running scheduler and its workers (processes) and the workers' home folder."""

    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]]
    home: Path

    def stop(self) -> None:
        """End every process started for this cluster (SIGTERM, then SIGKILL)."""
        for process in [*self.workers, self.scheduler]:
            _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _dask_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "HOME": str(home)}
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(home / variable.lower())
    for variable in ("ARGOS_PACKAGES_DIR", "CONFL10N_MODELS_DIR", "PYTHONWARNINGS"):
        env.pop(variable, None)
    return env


def start_dask_cluster(folder: Path, workers: int = 2) -> DaskCluster:
    """Start ``dask scheduler`` on a free loopback port and ``workers`` one-thread workers;
    return once all have joined (or stop them all and fail)."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    home = folder / "worker-home"
    home.mkdir(parents=True)
    with (folder / "dask.log").open("ab") as log:  # the processes keep their own copy
        cluster = _launch(address, workers, _dask_env(home), log)
    try:
        with Client(address, timeout=DASK_START_SECONDS, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=DASK_START_SECONDS)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _launch(address: str, workers: int, env: dict[str, str], log: Any) -> DaskCluster:
    dask = str(Path(sys.executable).parent / "dask")
    host, port = address.removeprefix("tcp://").split(":")
    output: dict[str, Any] = {"env": env, "stdout": log, "stderr": log, "start_new_session": True}
    command = [dask, "scheduler", "--host", host, "--port", port, "--no-dashboard"]
    cluster = DaskCluster(address, subprocess.Popen(command, **output), [], Path(env["HOME"]))
    try:
        for number in range(workers):
            command = [dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"]
            command += ["--name", f"worker-{number}"]
            cluster.workers.append(subprocess.Popen(command, **output))
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    """A scheduler and two workers shared by the cluster tests that kill nothing."""
    cluster = start_dask_cluster(tmp_path_factory.mktemp("dask"))
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def news_page_path() -> Path:
    """A saved CMS news page: the article among nav, ads, share buttons, related links,
    comments, a footer and a cookie banner (tests/data/html/news_page.md is its article)."""
    return REPO / "tests" / "data" / "html" / "news_page.html"


@pytest.fixture
def news_docx_path(tmp_path: Path) -> Path:
    """A reporter's .docx built with python-docx (see tests/docx_kit.py)."""
    from tests.docx_kit import news_docx

    return news_docx(tmp_path / "story.docx")
