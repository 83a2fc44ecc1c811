"""``bench/serve.py --peer libretranslate``: confl10n serve against LibreTranslate 1.9.6.

LibreTranslate is no dependency of confl10n: it goes into a scratch venv of its
own (``/tmp/confl10n-bench-serve/lt-venv``), installed from the package index
once (``torch==2.13.0`` first: argostranslate's stanza pulls torch, and that
pin is a CPU build). Both servers get the same model (bench/translate.py's
base-sized en->zh package, through ``ARGOS_PACKAGES_DIR``), the same CTranslate2
threads (``ARGOS_INTRA_THREADS`` / ``--threads``) and the same HTTP threads
(LibreTranslate ``--threads`` / confl10n ``--concurrency``). LibreTranslate
runs offline: its package index is an empty local file, and its sentence
splitter (MiniSBD, which downloads a model) is replaced by confl10n's
segmentation through a ``sitecustomize`` module, so both translate the same
sentences.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/confl10n-bench-serve")
VENV = WORK / "lt-venv"
PINS = (("torch==2.13.0",), ("libretranslate==1.9.6",))
SITE = """
import argostranslate.sbd
from confl10n.text.segmentation import split_sentences

def _split(self, text):
    return [text[a:b] for a, b in split_sentences(text)]

argostranslate.sbd.MiniSBDSentencizer.split_sentences = _split
"""


def install() -> Path:
    """LibreTranslate's ``libretranslate`` command in the scratch venv (installed once)."""
    command = VENV / "bin" / "libretranslate"
    if command.exists():
        return command
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
    for pins in PINS:
        subprocess.run([*pip, *pins], check=True)
    return command


def environment(packages: Path, threads: int) -> dict[str, str]:
    """Offline settings for LibreTranslate: its own home, the bench package, no index."""
    home, site = WORK / "lt-home", WORK / "lt-site"
    index = WORK / "index"
    for folder in (home, site, index):
        folder.mkdir(parents=True, exist_ok=True)
    (index / "index.json").write_text("[]", encoding="utf-8")
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.update(XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))
    env.update(ARGOS_PACKAGES_DIR=str(packages), ARGOS_INTRA_THREADS=str(threads))
    env.update(ARGOS_PACKAGE_INDEX=index.as_uri() + "/", ARGOS_DEVICE_TYPE="cpu")
    env["PYTHONPATH"] = f"{site}{os.pathsep}{ROOT / 'src'}"
    return env


def command(port: int, threads: int) -> list[str]:
    """The LibreTranslate command line: en and zh only, no limits, ``threads`` HTTP threads."""
    return [str(install()), "--host", "127.0.0.1", "--port", str(port),
            "--threads", str(threads), "--load-only", "en,zh", "--char-limit", "-1",
            "--disable-files-translation"]  # fmt: skip


def peak_rss_mib(pid: int) -> float:
    """The peak resident memory (VmHWM) of a process and its children, in MiB."""
    total = 0.0
    for each in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{each}/status").read_text(encoding="utf-8")
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()
    except OSError:
        return []
    return [int(child) for c in found for child in (int(c), *_children(int(c)))]


# --- the comparison ---------------------------------------------------------------------------

SAMPLE = ROOT / "source" / "article.md"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
WORKLOADS = ("clients", "single", "article")


@dataclass
class Served:
    """A running server: its name, URL and process."""

    name: str
    url: str
    process: subprocess.Popen[bytes]


def paragraphs() -> list[str]:
    """The sample article's title, headings and paragraphs, as bench/translate.py reads them."""
    from confl10n.text.reader import read_article

    article = read_article(SAMPLE)
    texts = [article.title.text] if article.title else []
    for section in article.sections:
        texts += [section.heading.text] if section.heading else []
        texts += [p.text for p in section.paragraphs]
    return texts


def start(name: str, command_line: list[str], env: dict[str, str], ready: str) -> Served:
    """Start a server and wait (up to 5 minutes) until ``ready`` answers."""
    log = (WORK / f"{name}.log").open("wb")
    process = subprocess.Popen(command_line, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = command_line[command_line.index("--port") + 1]
    served = Served(name, f"http://127.0.0.1:{url}/", process)
    for _ in range(3000):
        try:
            with NO_PROXY.open(served.url + ready, timeout=5):
                return served
        except OSError:
            if process.poll() is not None:
                sys.exit(f"{name} exited: see {WORK / f'{name}.log'}")
            time.sleep(0.1)
    process.terminate()
    sys.exit(f"{name} not ready in 5 minutes")


def post(served: Served, text: str) -> tuple[float, str]:
    """Seconds for one en->zh ``/translate`` and the translated text."""
    body = json.dumps({"q": text, "source": "en", "target": "zh", "format": "text"}).encode()
    request = urllib.request.Request(served.url + "translate", body,
                                     {"Content-Type": "application/json"})  # fmt: skip
    started = time.perf_counter()
    with NO_PROXY.open(request, timeout=1200) as response:
        answer = json.loads(response.read())
    return time.perf_counter() - started, str(answer["translatedText"])


def workload(served: Served, kind: str, texts: list[str], clients: int) -> Result:
    """One workload: ``clients`` at a time sending paragraphs, one client, or the article."""
    sent = ["\n\n".join(texts)] if kind == "article" else texts
    started = time.perf_counter()
    with ThreadPoolExecutor(clients if kind == "clients" else 1) as pool:
        done = list(pool.map(lambda text: post(served, text), sent))
    wall = time.perf_counter() - started
    return Result(wall, [seconds for seconds, _ in done], [text for _, text in done])


@dataclass
class Result:
    """A workload's wall seconds, each request's latency and each answer."""

    wall: float
    latencies: list[float]
    outputs: list[str]

    @property
    def p95(self) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=20)[-1]


def servers(options: Any, packages: Path, port: Callable[[], int]) -> list[Served]:
    """LibreTranslate, confl10n serve, and confl10n serve without batching (the before)."""
    threads, clients = options.threads, options.clients
    lt_port = port()
    started = [start("libretranslate", command(lt_port, clients),
                     environment(packages, threads), "languages")]  # fmt: skip
    ours = [sys.executable, "-m", "confl10n", "serve", "--models-dir", str(packages),
            "--threads", str(threads), "--concurrency", str(clients), "--no-cache",
            "--char-limit", "1000000"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for name, extra in (("confl10n", []), ("unbatched", ["--max-batch-tokens", "0"])):
        started.append(start(name, [*ours, "--port", str(port()), *extra], env, "health"))
    return started


def run_peer(options: Any) -> None:
    """Start the three servers, run the workloads interleaved, print the ratios."""
    from serve import free_port
    from translate import packages_dir

    packages = packages_dir()
    texts = paragraphs()
    running = servers(options, packages, free_port)
    try:
        for served in running:
            post(served, "Warm-up loads the model.")
        results = _rounds(running, texts, options)
        rss = {s.name: peak_rss_mib(s.process.pid) for s in running}
    finally:
        for served in running:
            served.process.terminate()
            served.process.wait(60)
    _report(results, rss, texts, options)


def _rounds(
    running: list[Served], texts: list[str], options: Any
) -> dict[tuple[str, str], list[Result]]:
    results: dict[tuple[str, str], list[Result]] = {}
    for _ in range(options.rounds):
        for kind in WORKLOADS:
            for served in running:
                one = workload(served, kind, texts, options.clients)
                results.setdefault((served.name, kind), []).append(one)
    return results


def _report(
    results: dict[tuple[str, str], list[Result]], rss: dict[str, float], texts: list[str],
    options: Any,
) -> None:  # fmt: skip
    load = os.getloadavg()
    print(f"en->zh, bench model; {len(texts)} paragraphs; {options.clients} clients; "
          f"{options.threads} CTranslate2 threads; {options.rounds} rounds; "
          f"load {load[0]:.1f} {load[1]:.1f}")  # fmt: skip
    for name in ("confl10n", "unbatched"):
        for kind in WORKLOADS:
            _ratio(results, name, kind, len(texts))
    print(
        "peak RSS MiB: "
        + ", ".join(f"{n} {m:.0f}" for n, m in rss.items())
        + f"; confl10n / LibreTranslate x{rss['confl10n'] / rss['libretranslate']:.2f}"
    )
    theirs = results[("libretranslate", "single")][0].outputs
    for name in ("confl10n", "unbatched"):
        ours = results[(name, "single")][0].outputs
        same = sum(a == b for a, b in zip(ours, theirs, strict=True))
        # confl10n joins Chinese sentences without a space; LibreTranslate with one
        spaced = sum(_unspaced(a) == _unspaced(b) for a, b in zip(ours, theirs, strict=True))
        plain = [(a, b) for t, a, b in zip(texts, ours, theirs, strict=True)
                 if not any(c.isdigit() for c in t)]  # fmt: skip
        print(f"same output {name} vs LibreTranslate: {same}/{len(texts)} paragraphs, "
              f"{spaced} but for spaces; without figures, but for spaces: "
              f"{sum(_unspaced(a) == _unspaced(b) for a, b in plain)}/{len(plain)}")  # fmt: skip
    batched = results[("confl10n", "clients")][0].outputs
    unbatched = results[("unbatched", "clients")][0].outputs
    same = sum(a == b for a, b in zip(batched, unbatched, strict=True))
    print(f"same output confl10n with and without batching: {same}/{len(texts)}")


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _ratio(results: dict[tuple[str, str], list[Result]], name: str, kind: str, count: int) -> None:
    """Median over rounds of ours/theirs: req/s for paragraphs, time for the article."""
    pairs = list(zip(results[(name, kind)], results[("libretranslate", kind)], strict=True))
    speed = statistics.median(b.wall / a.wall for a, b in pairs)
    walls = " ".join(f"{a.wall:.1f}/{b.wall:.1f}" for a, b in pairs)
    if kind == "article":
        print(f"{name:9} whole article: time x{1 / speed:.2f} of LibreTranslate's ({walls} s)")
        return
    p95 = statistics.median(a.p95 / b.p95 for a, b in pairs)
    what = f"{options_label(kind)}"
    print(f"{name:9} {what}: req/s x{speed:.2f}, p95 x{p95:.2f} of LibreTranslate's "
          f"({count} requests; {walls} s)")  # fmt: skip


def options_label(kind: str) -> str:
    return "clients sending paragraphs" if kind == "clients" else "1 client, paragraph by paragraph"
