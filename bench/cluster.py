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

Every mode uses ``--threads`` CTranslate2 threads per process. Prints wall seconds
(and the build's own seconds, without starting the cluster), the ratios against
(a), whether every output equals (a)'s (timings aside), and, per worker, how many
times it loaded each model (each should be 1).

    .venv/bin/python bench/cluster.py [--articles N] [--threads N]
"""

from __future__ import annotations

import argparse
import re
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


def articles(count: int) -> list[Path]:
    """``count`` copies of the sample, each titled ``Variant N: …``."""
    folder = WORK / "in"
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


def local(files: list[Path], options: Any) -> tuple[float, Loads]:
    from confl10n import build

    return build(files, options=options, cache=False).seconds, {}


def on_cluster(workers: int) -> Callable[[list[Path], Any], tuple[float, Loads]]:
    def run(files: list[Path], options: Any) -> tuple[float, Loads]:
        from confl10n.building import worker
        from confl10n.building.cluster import connect, remote_probe, run_on_cluster
        from confl10n.building.plan import plan_build

        with connect(workers) as client:
            plan = plan_build(files, options, probe=remote_probe(client))
            report = run_on_cluster(plan, client, cache=False)
            loads: Loads = client.run(worker.model_loads)
        return report.seconds, loads

    return run


def output(out: Path) -> dict[str, bytes]:
    files = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {p.relative_to(out).as_posix(): _TIMINGS.sub(b"{}", p.read_bytes()) for p in files}


def main() -> None:
    from confl10n import BuildOptions, TranslateOptions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6, help="articles to build")
    parser.add_argument("--threads", type=int, default=1, help="CTranslate2 threads per process")
    options = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    files, wanted = articles(options.articles), locales()
    modes = {"local": local, "workers 1": on_cluster(1), "workers 2": on_cluster(2)}
    print(f"{len(files)} articles x {len(wanted)} locales ({', '.join(wanted)})")
    walls: dict[str, float] = {}
    for name, run in modes.items():
        out = WORK / name.replace(" ", "-")
        translation = TranslateOptions(
            settings=(ArgosSettings(models_dir=packages_dir(), threads=options.threads),)
        )
        settings = BuildOptions(locales=wanted, out=out, translation=translation)
        started = time.perf_counter()
        seconds, loads = run(files, settings)
        walls[name] = time.perf_counter() - started
        same = output(out) == output(WORK / "local")
        ratio = walls["local"] / walls[name]
        print(
            f"{name:9} {walls[name]:7.1f} s wall ({seconds:6.1f} s building)  "
            f"x{ratio:.2f} vs local  output equal to local: {same}"
        )
        for address, models in sorted(loads.items()):
            counts = ", ".join(f"{Path(m).name} x{n}" for m, n in sorted(models.items()))
            print(f"          worker {address}: model loads {counts or 'none'}")


if __name__ == "__main__":
    main()
