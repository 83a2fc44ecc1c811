"""Build time: one build of N articles against the sum of N single-article builds.

A build creates each engine once and loads each model once, whatever the
number of articles and locales; a newsroom that builds article by article pays
the engine, model load and model checksum once per article. This prints both
times and their ratio (no pass/fail).

The models are the test kit's (tests/argos_kit.py), en->zh and en->ja, built
once and cached under /tmp: ``--shape kit`` (tiny, the tests' own; the
translation itself is almost free, so the fixed costs show) or ``--shape base``
(Transformer-base sized like Argos's real packages, ~83 MB: loading and hashing
it is what the single-article builds repeat). The articles are the sample
article under N different titles. Every build runs in a fresh interpreter, as
separate ``confl10n build`` runs would, and is timed from the ``build`` call
(imports excluded). No cache, one CTranslate2 thread; each mode is measured
``--repeat`` times, interleaved, and its fastest run counts.

    .venv/bin/python bench/build.py [--articles N] [--shape kit|base] [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SAMPLE = ROOT / "source" / "article.md"
WORK = Path("/tmp/confl10n-bench-build")
LOCALES = ("zh_CN", "ja_JP")


def packages_dir(shape: str) -> Path:
    """The en->zh and en->ja packages of ``shape``, built on the first run."""
    packages = WORK / shape / "packages"
    if (packages / "translate-en_ja-1_0" / "model" / "model.bin").exists():
        return packages
    sys.path.insert(0, str(ROOT))
    from tests import argos_kit

    shutil.rmtree(packages, ignore_errors=True)
    lines = argos_kit.corpus_lines([SEED, SAMPLE])
    symbols = ("__ja__", "__zh__", "⟦", "⟧")
    folder = WORK / shape / "tokenizer"
    tokenizer = argos_kit.train_sentencepiece(lines, folder, user_symbols=symbols)
    size = argos_kit.BASE if shape == "base" else argos_kit.ModelShape()
    argos_kit.write_package(packages, tokenizer, shape=size)
    argos_kit.write_package(packages, tokenizer, to_code="ja", target_prefix="__ja__", shape=size)
    return packages


def articles(folder: Path, count: int) -> list[Path]:
    """The sample article under ``count`` different titles (so, different slugs)."""
    text = SAMPLE.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("# "))
    paths = []
    for number in range(1, count + 1):
        path = folder / f"article-{number}.md"
        edition = f"# Edition {number}: {title[2:]}"
        path.write_text(text.replace(title, edition, 1), encoding="utf-8")
        paths.append(path)
    return paths


CHILD = """
import resource, sys, time
from pathlib import Path
from confl10n import BuildOptions, TranslateOptions, build
from confl10n.translate.argos.settings import ArgosSettings
packages, out, *files = sys.argv[1:]
translation = TranslateOptions(settings=(ArgosSettings(models_dir=packages, threads=1),))
options = BuildOptions(locales=LOCALES, out=out, translation=translation)
started, cpu = time.perf_counter(), time.process_time()
build(files, options=options, cache=False)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(time.perf_counter() - started, time.process_time() - cpu, rss)
"""


def timed_build(files: list[Path], packages: Path, out: Path) -> Seconds:
    """Wall and CPU seconds of one ``build`` of ``files`` into ``out``, in a fresh interpreter."""
    code = CHILD.replace("LOCALES", repr(LOCALES))
    arguments = [str(packages), str(out), *map(str, files)]
    done = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"a build failed:\n{done.stderr}")
    wall, cpu, rss = map(float, done.stdout.split())
    return Seconds(wall, cpu, rss)


@dataclass(frozen=True)
class Seconds:
    """Wall-clock and CPU seconds (CPU time is the steadier on a shared machine)."""

    wall: float
    cpu: float
    rss_mib: float = 0.0  # peak RSS of the build's process

    def __add__(self, other: Seconds) -> Seconds:
        rss = max(self.rss_mib, other.rss_mib)
        return Seconds(self.wall + other.wall, self.cpu + other.cpu, rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3, help="articles per build (N)")
    parser.add_argument("--shape", choices=("kit", "base"), default="kit", help="model size")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per mode")
    options = parser.parse_args()
    packages = packages_dir(options.shape)
    together: list[Seconds] = []
    apart: list[Seconds] = []
    with tempfile.TemporaryDirectory(prefix="confl10n-bench-build-") as scratch:
        files = articles(Path(scratch), options.articles)
        timed_build(files[:1], packages, Path(scratch) / "warm-up")  # the OS's file cache
        for run in range(options.repeat):
            together.append(timed_build(files, packages, Path(scratch) / f"all-{run}"))
            out = Path(scratch) / f"one-{run}"
            singles = [timed_build([f], packages, out) for f in files]
            apart.append(sum(singles[1:], singles[0]))
    _report(options, together, apart)


def _report(options: argparse.Namespace, together: list[Seconds], apart: list[Seconds]) -> None:
    n = options.articles
    print(f"{n} articles x {len(LOCALES)} locales ({', '.join(LOCALES)}), {options.shape} models")
    for what in ("wall", "cpu"):
        one = min(getattr(s, what) for s in together)
        many = min(getattr(s, what) for s in apart)
        print(
            f"{what:4}: one build {one:6.2f} s, {n} single-article builds {many:6.2f} s, "
            f"ratio x{one / many:.2f}"
        )
    rss = max(s.rss_mib for s in together)
    print(f"peak RSS: one build {rss:.0f} MiB, a single-article build "
          f"{max(s.rss_mib for s in apart):.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
