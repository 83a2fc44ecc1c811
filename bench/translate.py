"""Translation speed: argostranslate per paragraph vs confl10n vs a bare CTranslate2 call.

Builds (once, cached under /tmp) a package shaped like the real Argos en->zh
one (tests/argos_kit.py ``BASE``: Transformer base, 6+6 layers, d_model 512,
8 heads, FFN 2048, 32k vocabulary, int8) and translates the sample article's
units, each mode in a fresh interpreter:

(a) ``argos``: ``argostranslate.translate.translate`` paragraph by paragraph, as
    an argos user would (its sentence splitter, which downloads a model, is
    replaced by confl10n's segmentation so both translate the same sentences);
(b) ``confl10n``: ``translate_article`` (no cache);
(c) ``bare``: one ``ctranslate2.Translator.translate_batch`` over all sentences
    (1024-token batches) -- the limit;
(d) ``unprotected``: ``translate_article`` with figure protection off;
(e) ``baseline`` (with ``--baseline DIR``): (b) run on the code in ``DIR/src`` (e.g.
    ``git archive main src | tar -x -C DIR``), for before/after in one run.

Modes run interleaved ``--repeat`` times (the machine may be shared); each
mode's fastest run counts. Prints sentences/s (translation only, model load
excluded), peak RSS, output agreement, the sentences translated a second time and
the ratios to (c) and (a).

    .venv/bin/python bench/translate.py [--threads N] [--repeat N] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SAMPLE = ROOT / "source" / "article.md"
WORK = Path("/tmp/confl10n-bench-translate")

# Each child prints {"seconds", "rss_mib", "outputs"}: one output per paragraph (argos)
# or per unit (confl10n, bare), in Article.units() order.
COMMON = """
import json, os, resource, sys, time
from pathlib import Path
from confl10n.text.reader import read_article
packages, threads = sys.argv[1], int(sys.argv[2])
article = read_article(Path(sys.argv[3]))
def report(seconds, outputs, again=0):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mib": rss, "outputs": outputs, "again": again}))
"""
ARGOS = """
from confl10n.text.segmentation import split_sentences
import argostranslate.sbd, argostranslate.translate
def split(self, text):
    return [text[a:b] for a, b in split_sentences(text)]
argostranslate.sbd.MiniSBDSentencizer.split_sentences = split
translation = argostranslate.translate.get_translation_from_codes("en", "zh")
translation.translate("Warm-up loads the model.")
paragraphs = [article.title.text] if article.title else []
for section in article.sections:
    paragraphs += [section.heading.text] if section.heading else []
    paragraphs += [p.text for p in section.paragraphs]
started = time.perf_counter()
outputs = [translation.translate(p) for p in paragraphs]
report(time.perf_counter() - started, outputs)
"""
CONFL10N = """
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.article import translate_article
engine = ArgosEngine(models_dir=packages, threads=threads)
engine.translate_batch(["Warm-up loads the model."], "en", "zh")
started = time.perf_counter()
result = translate_article(article, to="zh", engine=engine, cache=False)
again = getattr(result.provenance, "second_pass", None)
if again is None:  # older code: count the units translated again without placeholders
    again = sum("numbers-unprotected" in u.flags for u in result.units)
report(time.perf_counter() - started, [u.target for u in result.units], again)
"""
UNPROTECTED = """
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.article import translate_article
from confl10n.translate.options import TranslateOptions
engine = ArgosEngine(models_dir=packages, threads=threads)
engine.translate_batch(["Warm-up loads the model."], "en", "zh")
started = time.perf_counter()
options = TranslateOptions(protect_numbers=False)
result = translate_article(article, to="zh", engine=engine, cache=False, options=options)
report(time.perf_counter() - started, [u.target for u in result.units])
"""
BARE = """
import ctranslate2, sentencepiece
folder = Path(packages) / "translate-en_zh-1_0"
processor = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
translator = ctranslate2.Translator(str(folder / "model"), inter_threads=1, intra_threads=threads)
translator.translate_batch([processor.encode("Warm-up loads the model.", out_type=str)])
started = time.perf_counter()
tokens = [processor.encode(u.text, out_type=str) for u in article.units()]
results = translator.translate_batch(
    tokens, beam_size=4, length_penalty=0.2, replace_unknowns=True,
    max_batch_size=1024, batch_type="tokens",
)
outputs = [processor.decode_pieces(r.hypotheses[0]) for r in results]
report(time.perf_counter() - started, outputs)
"""
MODES = {
    "argos": ARGOS, "confl10n": CONFL10N, "bare": BARE, "unprotected": UNPROTECTED,
    "baseline": CONFL10N,
}  # fmt: skip


@dataclass(frozen=True)
class Run:
    """One mode's measurements."""

    seconds: float
    rss_mib: float
    outputs: list[str]
    again: int = 0  # sentences translated a second time (placeholders damaged)


def packages_dir() -> Path:
    """The base-sized package, built on the first run (in a subprocess: peak RSS is inherited)."""
    packages = WORK / "packages"
    if not (packages / "translate-en_zh-1_0" / "model" / "model.bin").exists():
        subprocess.run([sys.executable, __file__, "--build", str(packages)], check=True)
    return packages


def build(packages: Path) -> None:
    """Write the base-sized package into ``packages``."""
    sys.path.insert(0, str(ROOT))
    from tests import argos_kit

    lines = argos_kit.corpus_lines([SEED, SAMPLE])
    tokenizer = argos_kit.train_sentencepiece(lines, WORK / "tokenizer", vocab_size=8000)
    argos_kit.write_package(packages, tokenizer, shape=argos_kit.BASE)


def measure(mode: str, packages: Path, threads: int, baseline: str | None) -> Run:
    """Run one mode in a fresh interpreter with argostranslate's folders under WORK."""
    home = WORK / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.update(XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))
    env.update(ARGOS_PACKAGES_DIR=str(packages), ARGOS_INTRA_THREADS=str(threads))
    if mode == "baseline" and baseline:
        env["PYTHONPATH"] = str(Path(baseline) / "src")
    out = subprocess.run(
        [sys.executable, "-c", COMMON + MODES[mode], str(packages), str(threads), str(SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return Run(**json.loads(out.stdout))


def agreement(confl10n: list[str], argos: list[str]) -> str:
    """Paragraphs where argos's output equals confl10n's sentences joined by spaces."""
    from confl10n.text.reader import read_article

    article = read_article(SAMPLE)
    by_id = dict(zip([u.id for u in article.units()], confl10n, strict=True))
    joined = [by_id[article.title.id]] if article.title else []
    for section in article.sections:
        joined += [by_id[section.heading.id]] if section.heading else []
        joined += [" ".join(by_id[s.id] for s in p.sentences) for p in section.paragraphs]
    same = sum(a == b for a, b in zip(joined, argos, strict=True))
    return f"{same}/{len(argos)} paragraphs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads, all modes")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per mode")
    parser.add_argument("--baseline", help="a folder with older code in src/ to compare")
    options = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    packages = packages_dir()
    modes = [m for m in MODES if m != "baseline" or options.baseline]
    tries: dict[str, list[Run]] = {mode: [] for mode in modes}
    for _ in range(options.repeat):
        for mode in modes:
            tries[mode].append(measure(mode, packages, options.threads, options.baseline))
    runs = {mode: min(results, key=lambda run: run.seconds) for mode, results in tries.items()}
    units = len(runs["bare"].outputs)
    for mode, run in runs.items():
        rate = f"{units / run.seconds:6.2f} sentences/s"
        each = " ".join(f"{r.seconds:.1f}" for r in tries[mode])
        again = f"  2nd pass {run.again}" if mode in ("confl10n", "baseline") else ""
        print(
            f"{mode:11} {run.seconds:6.2f} s  {rate}  RSS {run.rss_mib:4.0f} MiB  ({each} s){again}"
        )
    _summary(runs, tries)


def _summary(runs: dict[str, Run], tries: dict[str, list[Run]]) -> None:
    ours, bare = runs["confl10n"], runs["bare"]
    print(f"agreement confl10n vs argos: {agreement(ours.outputs, runs['argos'].outputs)}")
    same = sum(a == b for a, b in zip(ours.outputs, bare.outputs, strict=True))
    print(f"agreement confl10n vs bare:  {same}/{len(bare.outputs)} sentences")
    print(f"speed confl10n / argos: x{runs['argos'].seconds / ours.seconds:.2f}")
    for mode in ("confl10n", "unprotected", "baseline"):
        if mode in runs:
            pairs = _pair_ratios(tries[mode], tries["bare"])
            print(f"time  {mode} / bare: x{runs[mode].seconds / bare.seconds:.2f} best, "
                  f"x{pairs:.2f} median of pairs")  # fmt: skip


def _pair_ratios(mine: list[Run], bare: list[Run]) -> float:
    """The median ratio of the runs made in the same round (the machine is shared)."""
    import statistics

    return statistics.median(a.seconds / b.seconds for a, b in zip(mine, bare, strict=True))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(Path(sys.argv[2]))
    else:
        main()
