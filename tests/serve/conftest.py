"""A real ``confl10n serve`` on 127.0.0.1: started as a subprocess, ready when /health answers.

The main server holds the kit en->zh Argos model (tests/argos_kit.py) and the
real Apertium en->es pair, wants an API key and keeps its cache under a temp
dir; tests talk to it over loopback with real LibreTranslate clients.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import argos_kit

API_KEY = "test-key-1"
STARTUP_SECONDS = 180.0  # imports, lingua and the models load once; the machine is shared


@dataclass
class Server:
    """A running server: its base URL (ending in ``/``), process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> tuple[int, Any]:  # fmt: skip
        """``(status, parsed JSON)`` of one request; HTTP errors are answers too."""
        request = urllib.request.Request(self.url + path, data, headers or {}, method=method)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=120) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read())

    def post_json(self, path: str, body: Any, **headers: str) -> tuple[int, Any]:
        data = json.dumps(body).encode()
        return self.request(path, data, {"Content-Type": "application/json", **headers})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def server_environment(home: Path) -> dict[str, str]:
    """The test process's environment with its own HOME and XDG folders, proxies off."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["HOME"] = str(home)
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(home / variable.lower())
    env.pop("ARGOS_PACKAGES_DIR", None)
    env.pop("CONFL10N_MODELS_DIR", None)
    return env


def start_server(folder: Path, *args: str, open_files: int | None = None) -> Server:
    """``confl10n serve --port FREE ARGS`` started in ``folder``; waits for /health.

    ``open_files`` sets the server's limit on open file descriptors (RLIMIT_NOFILE).
    """
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "server.log"
    command = [sys.executable, "-m", "confl10n", "serve", "--port", str(port), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=server_environment(folder / "home"),
            preexec_fn=_file_limit(open_files) if open_files else None,
        )  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}/", process, log)
    _wait_ready(server)
    return server


def _file_limit(count: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))

    return limit


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(
                f"confl10n serve exited {server.process.returncode}:\n{server.log.read_text()}"
            )
        try:
            if server.request("health")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    pytest.fail(f"confl10n serve not ready in {STARTUP_SECONDS} s:\n{server.log.read_text()}")


def stop_server(server: Server) -> int:
    """SIGTERM, then SIGKILL if it has not exited within 60 s; its exit code."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            return server.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.process.kill()
    return server.process.wait()


@pytest.fixture(autouse=True)
def _loopback_without_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clients reach 127.0.0.1 directly (the suite points proxies at a closed port)."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")


@pytest.fixture(scope="session")
def kit_models(tmp_path_factory: pytest.TempPathFactory, argos_package: Path) -> Path:
    """A packages folder holding the kit en->zh model (read-only)."""
    packages = tmp_path_factory.mktemp("serve-models") / "packages"
    argos_kit.install_package(argos_package, packages)
    return packages


@pytest.fixture(scope="session")
def served(
    tmp_path_factory: pytest.TempPathFactory, kit_models: Path, apertium_bin: str
) -> Iterator[Server]:
    """The main server: kit en->zh + Apertium en->es, API key file, its own cache."""
    folder = tmp_path_factory.mktemp("served")
    keys = folder / "keys.txt"
    keys.write_text(f"# accepted keys\n{API_KEY}\n\nsecond-key\n", encoding="utf-8")
    args = ["--models-dir", str(kit_models), "--api-keys", str(keys), "--threads", "1",
            "--cache", str(folder / "cache.sqlite3"), "--queue", "32"]  # fmt: skip
    server = start_server(folder, *args)
    yield server
    stop_server(server)


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Starts more servers for one test (under its tmp_path); stops them all afterwards."""
    started: list[Server] = []

    def start(*args: str, open_files: int | None = None) -> Server:
        server = start_server(tmp_path / f"server{len(started)}", *args, open_files=open_files)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)
