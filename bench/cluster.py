"""Cluster build speed: a local build vs Dask LocalClusters of 1 and 2 worker processes.

Builds N variants of the sample article (each with a title, so a folder, of its own)
to zh_CN, with a package shaped like the real Argos en->zh one (Transformer base,
tests/argos_kit.py ``BASE``; shared with bench/translate.py, built once under /tmp),
and to es_ES with Apertium when its eng-spa pair is installed. No cache: every run
translates everything. Each run is a fresh interpreter, as a ``confl10n build`` command
is (nothing imported, started or loaded by an earlier run):

(a) ``local``: ``confl10n.build`` as ``confl10n build`` runs it (once, the reference);
(b) ``workers 1`` and (c) ``workers 2``: the same build on a ``LocalCluster`` of that
    many processes (one thread each), started and stopped within the timing, as
    ``confl10n build --workers N`` does.

Every mode uses ``--threads`` CTranslate2 threads per process (1 on a 2-core machine:
two workers of one thread each fill it). ``--rounds`` repeats (b) and (c); with
``--baseline DIR`` (another checkout, e.g. ``git archive main | tar -x -C DIR``; its
src/ is used) each round also runs them with that code, interleaved with this
checkout's (which goes first alternates). For each run it prints the command's wall
seconds (interpreter start to exit), the seconds inside the process from starting the
cluster to closing it, the build's own seconds, the load average before it and the CPU
other processes used meanwhile (cores, on average: the machine's busy time less this
run's processes'), whether every output equals (a)'s (timings aside), the peak RSS of
the client and of each worker process, and whether each worker loaded each model once.
Then, per checkout, two workers against one (command wall) in each round. With
``--ceiling``, each round first measures what two workers can give at most here: the
sample (every other sentence) translated by the engine alone in one process, then in
two processes at once (each loaded first, then started together), as the throughput
of two against one.

    .venv/bin/python bench/cluster.py [--articles N] [--threads N] [--rounds N]
                                      [--baseline DIR] [--work DIR] [--ceiling]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "article.md"
WORK = Path("/tmp/confl10n-bench-cluster")
PACKAGES = Path("/tmp/confl10n-bench-translate/packages")  # bench/translate.py's
MODES = ("workers 1", "workers 2")
_TIMINGS = re.compile(rb'"timings": \{[^}]*\}')

Loads = dict[str, dict[str, int]]
Run = tuple[float, Loads, dict[str, float], float]  # build s, model loads, workers' RSS, CPU s


def packages_dir() -> Path:
    """The base-sized en->zh package, built by bench/translate.py on first use."""
    if not (PACKAGES / "translate-en_zh-1_0" / "model" / "model.bin").exists():
        script = ROOT / "bench" / "translate.py"
        subprocess.run([sys.executable, str(script), "--build", str(PACKAGES)], check=True)
    return PACKAGES


def articles(work: Path, count: int) -> list[Path]:
    """``count`` copies of the sample in ``work``/in, each titled ``Variant N: …``."""
    folder = work / "in"
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    paths = []
    for number in range(1, count + 1):
        path = folder / f"variant-{number}.md"
        path.write_text(text.replace("# Newspaper Leaders", f"# Variant {number}: Leaders"))
        paths.append(path)
    return paths


def locales() -> list[str]:
    listing = subprocess.run(["apertium", "-l"], capture_output=True, text=True, check=False)
    return ["zh_CN", "es_ES"] if "eng-spa" in listing.stdout.split() else ["zh_CN"]


def peak_rss_mib() -> float:
    """This process's resident-set high-water mark (VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(children: bool = True) -> float:
    """CPU seconds of this process and (``children``) of the children it has waited for."""
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if children else (resource.RUSAGE_SELF,)
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, who))


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot (all cores)."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def local(files: list[Path], options: Any) -> Run:
    from confl10n import build

    return build(files, options=options, cache=False).seconds, {}, {}, 0.0


def on_cluster(workers: int) -> Callable[[list[Path], Any], Run]:
    def run(files: list[Path], options: Any) -> Run:
        from confl10n.building import worker
        from confl10n.building.cluster import connect, remote_probe, run_on_cluster
        from confl10n.building.plan import plan_build

        with connect(workers) as client:
            plan = plan_build(files, options, probe=remote_probe(client))
            report = run_on_cluster(plan, client, cache=False)
            loads: Loads = client.run(worker.model_loads)
            rss: dict[str, float] = client.run(peak_rss_mib)
            cpu: dict[str, float] = client.run(cpu_seconds)
        return report.seconds, loads, rss, sum(cpu.values())

    return run


def child(mode: str, work: Path, out: Path, threads: int) -> None:
    """Run one mode in this (fresh) process; print its results as one JSON line."""
    from confl10n import BuildOptions, TranslateOptions
    from confl10n.translate.argos.settings import ArgosSettings

    files = sorted((work / "in").glob("*.md"))
    settings = (ArgosSettings(models_dir=packages_dir(), threads=threads),)
    options = BuildOptions(
        locales=locales(), out=out, translation=TranslateOptions(settings=settings)
    )
    run = local if mode == "local" else on_cluster(int(mode.split()[1]))
    started = time.perf_counter()
    seconds, loads, rss, workers_cpu = run(files, options)
    inside = time.perf_counter() - started
    # A cluster's workers count themselves (with their Apertium processes); spawned ones
    # would count twice here once waited for, forked ones (not our children) not at all.
    cpu = cpu_seconds() if mode == "local" else cpu_seconds(children=False) + workers_cpu
    found = {"inside": inside, "build": seconds, "loads": loads, "rss": rss, "cpu": cpu}
    print(json.dumps({**found, "client": peak_rss_mib()}))


def engine_child(threads: int, go: Path) -> None:
    """Load the bench model, say ready, wait for ``go`` to exist, then translate every other
    sentence of the sample and print the seconds that took (one JSON line)."""
    from confl10n import get_engine, read_article

    engine = get_engine("argos", models_dir=packages_dir(), threads=threads)
    units = [unit.text for unit in read_article(SAMPLE).units()][::2]  # half: ~10 s
    engine.translate_batch(units[:1], "en", "zh")  # the model loaded
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    started = time.perf_counter()
    engine.translate_batch(units, "en", "zh")
    print(json.dumps({"seconds": time.perf_counter() - started}), flush=True)


def engines_side_by_side(count: int, options: argparse.Namespace) -> list[float]:
    """The seconds each of ``count`` engine processes (fresh interpreters) took to translate
    the sample at the same time."""
    go = options.work / "go"
    go.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", "engine", "--out", str(go)]
    command += ["--work", str(options.work), "--threads", str(options.threads)]
    children = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(count)]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    seconds = [json.loads(child.communicate()[0])["seconds"] for child in children]
    go.unlink()
    return seconds


def ceiling(options: argparse.Namespace) -> float:
    """How much two engine processes side by side translate against one alone (throughput):
    the most two one-thread workers can give on this machine for the engine's work."""
    (alone,) = engines_side_by_side(1, options)
    pair = engines_side_by_side(2, options)
    ratio = 2 * alone / (sum(pair) / 2)
    print(
        f"  engine alone {alone:.1f} s, two side by side {pair[0]:.1f} and {pair[1]:.1f} s:"
        f" x{ratio:.2f} the throughput",
        flush=True,
    )
    return ratio


def output(out: Path) -> dict[str, bytes]:
    files = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {p.relative_to(out).as_posix(): _TIMINGS.sub(b"{}", p.read_bytes()) for p in files}


def launch(tree: Path, mode: str, out: Path, options: argparse.Namespace) -> dict[str, Any]:
    """One run in a fresh interpreter with ``tree``'s src/: its results, wall and load."""
    command = [sys.executable, __file__, "--child", mode, "--out", str(out)]
    command += ["--work", str(options.work), "--threads", str(options.threads)]
    environment = {**os.environ, "PYTHONPATH": str(tree / "src")}
    load, busy, started = os.getloadavg()[0], busy_seconds(), time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    wall, busy = time.perf_counter() - started, busy_seconds() - busy
    if done.returncode != 0:
        sys.exit(f"{tree} {mode} failed:\n{done.stderr}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    others = max(busy - found["cpu"], 0.0) / wall
    return {**found, "wall": wall, "load": load, "others": others}


def describe(name: str, found: dict[str, Any], same: bool, reference: float) -> str:
    loads = [n for models in found["loads"].values() for n in models.values()]
    once = "" if not found["loads"] else f"  model loads {'1 each' if set(loads) == {1} else loads}"
    workers = ", ".join(f"{mib:.0f}" for _, mib in sorted(found["rss"].items()))
    return (
        f"{name:22} {found['wall']:6.1f} s command ({found['inside']:5.1f} s in process,"
        f" {found['build']:5.1f} s building)  x{reference / found['wall']:.2f} vs local"
        f"  load {found['load']:.2f}, others {found['others']:.2f} cores  equal: {same}"
        f"\n{'':22} peak RSS client {found['client']:.0f} MiB"
        + (f", workers {workers} MiB" if workers else "")
        + once
    )


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6, help="articles to build")
    parser.add_argument("--threads", type=int, default=1, help="CTranslate2 threads per process")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each cluster mode")
    parser.add_argument("--baseline", type=Path, help="another checkout (its src/ is used)")
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder (emptied)")
    parser.add_argument(
        "--ceiling", action="store_true", help="each round, also two engines against one"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    options = parse()
    if options.child == "engine":
        engine_child(options.threads, options.out)
        return
    if options.child:
        child(options.child, options.work, options.out, options.threads)
        return
    shutil.rmtree(options.work, ignore_errors=True)
    files, wanted = articles(options.work, options.articles), locales()
    packages_dir()
    trees = {"this": ROOT, **({"baseline": options.baseline} if options.baseline else {})}
    print(f"{len(files)} articles x {len(wanted)} locales ({', '.join(wanted)}), {trees}")
    reference = launch(ROOT, "local", options.work / "local", options)
    expected = output(options.work / "local")
    print(describe("local", reference, True, reference["wall"]))
    walls: dict[tuple[str, str], list[float]] = {}
    ceilings: list[float] = []
    for number in range(1, options.rounds + 1):
        if options.ceiling:
            ceilings.append(ceiling(options))
        order = list(trees.items()) if number % 2 else list(reversed(trees.items()))
        for mode in MODES:
            for name, tree in order:
                out = options.work / f"{name}-{mode.replace(' ', '-')}-{number}"
                found = launch(tree, mode, out, options)
                walls.setdefault((name, mode), []).append(found["wall"])
                same = output(out) == expected
                label = f"{number}: {name} {mode}"
                print(describe(label, found, same, reference["wall"]), flush=True)
                shutil.rmtree(out)
    for name in trees:
        pairs = zip(walls[(name, MODES[0])], walls[(name, MODES[1])], strict=True)
        ratios = ", ".join(f"x{one / two:.2f}" for one, two in pairs)
        print(f"{name}: two workers against one, command wall, by round: {ratios}")
    if ceilings:
        shown = ", ".join(f"x{ratio:.2f}" for ratio in ceilings)
        print(f"two engine processes against one (throughput), by round: {shown}")


if __name__ == "__main__":
    main()
