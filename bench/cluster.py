"""Cluster build speed: a local build vs Dask LocalClusters of 1 and 2 worker processes.

Builds N variants of the sample article (each with a title, so a folder, of its own)
to zh_CN, with a package shaped like the real Argos en->zh one (Transformer base,
tests/argos_kit.py ``BASE``; shared with bench/translate.py, built once under /tmp),
and to es_ES with Apertium when its eng-spa pair is installed. No cache: every run
translates everything. Each mode runs in this process, one after the other:

(a) ``local``: ``confl10n.build`` as ``confl10n build`` runs it;
(b) ``workers 1`` and (c) ``workers 2``: the same build on a ``LocalCluster`` of that
    many processes (one thread each), started and stopped within the timing, as
    ``confl10n build --workers N`` does.

Every mode uses ``--threads`` CTranslate2 threads per process (1 on a 2-core machine:
two workers of one thread each fill it). Prints wall seconds (and the build's own
seconds, without starting the cluster), the ratios against (a) and, for (c), against
(b), whether every output equals (a)'s (timings aside), the peak RSS of this process
during the mode (Linux: its high-water mark is reset before each) and of each worker
process, and, per worker, how many times it loaded each model (each should be 1).

    .venv/bin/python bench/cluster.py [--articles N] [--threads N] [--work DIR]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from confl10n.translate.argos.settings import ArgosSettings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "source" / "article.md"
WORK = Path("/tmp/confl10n-bench-cluster")
PACKAGES = Path("/tmp/confl10n-bench-translate/packages")  # bench/translate.py's
_TIMINGS = re.compile(rb'"timings": \{[^}]*\}')


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


Loads = dict[str, dict[str, int]]
Run = tuple[float, Loads, dict[str, float]]  # build seconds, model loads, workers' peak RSS


def peak_rss_mib() -> float:
    """This process's resident-set high-water mark (VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> bool:
    """Start this process's high-water mark again from its current RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def local(files: list[Path], options: Any) -> Run:
    from confl10n import build

    return build(files, options=options, cache=False).seconds, {}, {}


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
        return report.seconds, loads, rss

    return run


def output(out: Path) -> dict[str, bytes]:
    files = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {p.relative_to(out).as_posix(): _TIMINGS.sub(b"{}", p.read_bytes()) for p in files}


def main() -> None:
    from confl10n import BuildOptions, TranslateOptions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6, help="articles to build")
    parser.add_argument("--threads", type=int, default=1, help="CTranslate2 threads per process")
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder (emptied)")
    options = parser.parse_args()
    shutil.rmtree(options.work, ignore_errors=True)
    files, wanted = articles(options.work, options.articles), locales()
    modes = {"local": local, "workers 1": on_cluster(1), "workers 2": on_cluster(2)}
    print(f"{len(files)} articles x {len(wanted)} locales ({', '.join(wanted)})")
    walls: dict[str, float] = {}
    builds: dict[str, float] = {}
    for name, run in modes.items():
        out = options.work / name.replace(" ", "-")
        translation = TranslateOptions(
            settings=(ArgosSettings(models_dir=packages_dir(), threads=options.threads),)
        )
        settings = BuildOptions(locales=wanted, out=out, translation=translation)
        exact = reset_peak_rss()
        started = time.perf_counter()
        seconds, loads, rss = run(files, settings)
        walls[name], builds[name] = time.perf_counter() - started, seconds
        same = output(out) == output(options.work / "local")
        ratio = walls["local"] / walls[name]
        against = (
            f"  x{walls['workers 1'] / walls[name]:.2f} vs workers 1"
            f" (x{builds['workers 1'] / seconds:.2f} building)"
            if name == "workers 2"
            else ""
        )
        print(
            f"{name:9} {walls[name]:7.1f} s wall ({seconds:6.1f} s building)  "
            f"x{ratio:.2f} vs local{against}  output equal to local: {same}"
        )
        workers = ", ".join(f"{mib:.0f}" for _, mib in sorted(rss.items()))
        print(
            f"          peak RSS: this process {peak_rss_mib():.0f} MiB"
            + ("" if exact else " (since start: no reset here)")
            + (f", workers {workers} MiB" if rss else "")
        )
        for address, models in sorted(loads.items()):
            counts = ", ".join(f"{Path(m).name} x{n}" for m, n in sorted(models.items()))
            print(f"          worker {address}: model loads {counts or 'none'}")


if __name__ == "__main__":
    main()
