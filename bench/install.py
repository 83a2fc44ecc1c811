"""Cost of a validated install against a plain unzip, on a Transformer-base-sized package.

Builds (once, cached under /tmp) an ``.argosmodel`` shaped like the real Argos
en->zh package (tests/argos_kit.py ``BASE``: 6+6 layers, d_model 512, 32k
vocabulary, int8) and, each in a fresh subprocess, (a) extracts it with
``ZipFile.extractall`` -- all that argostranslate's ``install_from_path`` does
-- and (b) installs it with confl10n's checks, extraction and CTranslate2
load. Prints seconds and peak RSS, and (b)/(a) as the ratio.

    .venv/bin/python bench/install.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
WORK = Path("/tmp/confl10n-bench-install")
CHILD = """
import json, resource, sys, time, zipfile
from pathlib import Path
started = time.perf_counter()
if sys.argv[1] == "unzip":
    zipfile.ZipFile(sys.argv[2]).extractall(sys.argv[3])
else:
    from confl10n.translate.argos.install import install_package
    install_package(Path(sys.argv[2]), models_dir=sys.argv[3])
seconds = time.perf_counter() - started
rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mib": rss_mib}))
"""


def package_file() -> Path:
    """The base-sized package, built on the first run (in a subprocess: peak RSS is inherited)."""
    target = WORK / "translate-en_zh-1_0.argosmodel"
    if not target.exists():
        subprocess.run([sys.executable, __file__, "--build", str(target)], check=True)
    return target


def build(target: Path) -> None:
    """Write the base-sized package to ``target``."""
    sys.path.insert(0, str(ROOT))
    from tests import argos_kit

    lines = argos_kit.corpus_lines([SEED, ROOT / "source" / "article.md"])
    tokenizer = argos_kit.train_sentencepiece(lines, WORK / "tokenizer")
    folder = argos_kit.write_package(WORK / "build", tokenizer, shape=argos_kit.BASE)
    argos_kit.pack_argosmodel(folder, target)
    shutil.rmtree(WORK / "build")


def measure(mode: str, archive: Path) -> dict[str, float]:
    """Run one install mode in a fresh interpreter into an empty folder."""
    destination = WORK / f"into-{mode}"
    shutil.rmtree(destination, ignore_errors=True)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(archive), str(destination)],
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(destination)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    WORK.mkdir(exist_ok=True)
    archive = package_file()
    print(f"package: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    results = {mode: measure(mode, archive) for mode in ("unzip", "confl10n")}
    for mode, result in results.items():
        print(f"{mode:9} {result['seconds']:6.2f} s  peak RSS {result['rss_mib']:6.0f} MiB")
    ratio = results["confl10n"]["seconds"] / results["unzip"]["seconds"]
    print(f"confl10n / unzip: x{ratio:.2f} time")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(Path(sys.argv[2]))
    else:
        main()
