"""``confl10n serve`` against the CLI: the same translations as HTTP requests and as commands.

Starts a real server (no cache, so every request translates) and sends
``--requests`` one-sentence requests and ``--requests // 4`` one-article
requests to ``POST /translate``, ``--clients`` at a time; then runs
``confl10n translate --no-cache`` on the same sentence and article
``--cli-runs`` times. Prints requests/s and p50/p95 latency of each, and the
ratios server/CLI in one run (the CLI pays for starting Python and loading the
engine on every call; the server once).

    .venv/bin/python bench/serve.py [ARTICLE] [--to es] [--models-dir DIR]
        [--requests 40] [--clients 1] [--cli-runs 5]
    .venv/bin/python bench/serve.py --peer libretranslate [--clients 4] [--threads 2]
        [--rounds 2]      (see bench/peer.py)
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"
SENTENCE = "By the end of 2023 there were 1,926 meal assistance locations, worth 380 billion yuan."
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(options: argparse.Namespace, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "confl10n", "serve", "--port", str(port), "--no-cache",
               "--char-limit", "1000000", "--concurrency", str(options.clients)]  # fmt: skip
    command += ["--models-dir", options.models_dir] if options.models_dir else []
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(1800):
        try:
            with NO_PROXY.open(url + "health", timeout=5):
                return process, url
        except OSError:
            if process.poll() is not None:
                sys.exit(f"server exited:\n{log.read_text()}")
            time.sleep(0.1)
    process.terminate()
    sys.exit("server not ready in 3 minutes")


def post(url: str, text: str, target: str) -> float:
    body = json.dumps({"q": text, "source": "en", "target": target}).encode()
    request = urllib.request.Request(url + "translate", body, {"Content-Type": "application/json"})
    started = time.perf_counter()
    with NO_PROXY.open(request, timeout=600) as response:
        json.loads(response.read())
    return time.perf_counter() - started


def over_http(
    url: str, text: str, target: str, count: int, clients: int
) -> tuple[float, list[float]]:
    """Wall seconds for ``count`` requests, ``clients`` at a time, and each one's latency."""
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(lambda _: post(url, text, target), range(count)))
    return time.perf_counter() - started, latencies


def with_cli(path: Path, options: argparse.Namespace) -> tuple[float, list[float]]:
    command = [sys.executable, "-m", "confl10n", "translate", str(path), "--to", options.to,
               "--no-cache"]  # fmt: skip
    command += ["--models-dir", options.models_dir] if options.models_dir else []
    latencies = [timed(lambda: subprocess.run(command, capture_output=True, check=True))
                 for _ in range(options.cli_runs)]  # fmt: skip
    return sum(latencies), latencies


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def line(label: str, wall: float, latencies: list[float]) -> tuple[float, float]:
    rate = len(latencies) / wall
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
    print(
        f"{label:<28} {len(latencies):4d} x  {rate:7.2f} req/s  p50 {p50:7.3f} s  p95 {p95:7.3f} s"
    )
    return rate, p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--to", default="es")
    parser.add_argument("--models-dir")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument("--peer", choices=["libretranslate"], help="compare with a peer server")
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 threads (--peer)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds (--peer)")
    options = parser.parse_args()
    if options.peer:
        from peer import run_peer

        run_peer(options)
        return
    article = options.article.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        sentence_file = Path(folder) / "sentence.txt"
        sentence_file.write_text(SENTENCE + "\n", encoding="utf-8")
        process, url = start(options, Path(folder) / "server.log")
        try:
            post(url, SENTENCE, options.to)  # the first request of a process is not the typical one
            article_requests = max(2, options.requests // 4)
            rows = {
                "sentence": over_http(url, SENTENCE, options.to, options.requests, options.clients),
                "article": over_http(url, article, options.to, article_requests, options.clients),
            }
        finally:
            process.terminate()
            process.wait(60)
        cli = {
            "sentence": with_cli(sentence_file, options),
            "article": with_cli(options.article, options),
        }
    print(
        f"en->{options.to}, {options.clients} client(s), no cache, {len(article)} chars of article"
    )
    for kind in ("sentence", "article"):
        served = line(f"server, one {kind}", *rows[kind])
        command = line(f"CLI, one {kind}", *cli[kind])
        print(f"{'':<28} server/CLI: {served[0] / command[0]:6.1f}x req/s, "
              f"{command[1] / served[1]:6.1f}x faster p50")  # fmt: skip


if __name__ == "__main__":
    main()
