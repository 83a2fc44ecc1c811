"""The Argos engine on kit packages: parity with argostranslate, options, identity, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from confl10n.errors import (
    EngineUnavailableError,
    InvalidOptionError,
    ModelPackageError,
)
from confl10n.translate.argos import engine as argos
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.engine import Engine
from tests import argos_kit

SENTENCES = [
    "National newspaper industry peers gathered in Shanghai to observe “AI + Media.”",
    "What are they observing?",
    "In today’s world, artificial intelligence is rapidly transforming the way humans live and work.",
    "Mainstream media in China must embrace AI.",
    "Shanghai's 10.2% growth, 41 outlets and 1,926 delegates_in_total.",
]

# Runs the real argostranslate with its home, data and cache folders under the test's
# tmp_path, set before the import (it creates folders then), and its sentence splitter
# (MiniSBD, which downloads a model) replaced by "one line is one sentence".
ARGOS_SCRIPT = """
import json, sys
import argostranslate.sbd
argostranslate.sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
import argostranslate.translate
sentences = json.loads(sys.stdin.read())
print(json.dumps([argostranslate.translate.translate(s, "en", "zh") for s in sentences]))
"""


def _argostranslate(sentences: list[str], packages: Path, home: Path) -> list[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages),
        "ARGOS_INTRA_THREADS": "1",  # the machine is shared
    }
    result = subprocess.run(
        [sys.executable, "-c", ARGOS_SCRIPT],
        input=json.dumps(sentences),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    translations: list[str] = json.loads(result.stdout)
    return translations


def test_output_equals_argostranslate(tmp_path: Path, argos_packages_dir: Path) -> None:
    ours = ArgosEngine(models_dir=argos_packages_dir, threads=1).translate_batch(
        SENTENCES, "en", "zh"
    )
    theirs = _argostranslate(SENTENCES, argos_packages_dir, tmp_path / "home")
    # The last sentence has tokens the model cannot know ("'", "_"): its <unk> outputs are
    # put back from those tokens (argostranslate: from any source token, here ",").
    assert ours[:-1] == theirs[:-1]
    assert "," not in ours[-1].replace("1,926", "").replace("growth,", "")
    # The kit model copies its input, so this is no vacuous agreement of empty strings.
    assert ours[3] == SENTENCES[3]


def test_is_an_engine(argos_packages_dir: Path) -> None:
    engine: Engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    assert engine.name == "argos"
    assert engine.pairs() == [("en", "zh")]


def test_one_output_per_sentence_in_order(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    # Longest first, so a batch sorted by length comes back reordered.
    sentences = [*sorted(SENTENCES[:4], key=len, reverse=True), ""]
    assert engine.translate_batch(sentences, "en", "zh") == sentences


def test_target_prefix_is_sent_and_stripped(tmp_path: Path, argos_tokenizer: Path) -> None:
    argos_kit.write_package(tmp_path, argos_tokenizer, to_code="ja", target_prefix="__ja__")
    engine = ArgosEngine(models_dir=tmp_path, threads=1)
    assert engine.translate_batch(["Mainstream media in China."], "en", "ja") == [
        "Mainstream media in China."
    ]


def test_sentence_longer_than_the_positions_is_cut_and_rejoined(
    argos_packages_dir: Path,
) -> None:
    # 12 sentences' worth of pieces: well past the model's 256 position encodings.
    long = ", and ".join(s.rstrip(".?”") for s in SENTENCES[:4] * 3) + "."
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    assert engine.translate_batch([long], "en", "zh") == [long]


def test_identity_names_the_package_and_hashes_its_files(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    identity = engine.identity("en", "zh")
    assert (identity.engine, identity.model, identity.version) == (
        "argos",
        "translate-en_zh-1_0",
        "1.0",
    )
    assert len(identity.checksum) == 64
    assert engine.identity("en", "zh") is identity
    (argos_packages_dir / "translate-en_zh-1_0" / "model" / "config.json").write_text("{}")
    assert ArgosEngine(models_dir=argos_packages_dir, threads=1).identity("en", "zh") != identity


def test_newest_version_of_a_pair_wins(tmp_path: Path, argos_tokenizer: Path) -> None:
    for version in ("1.9", "1.10", "1.2"):
        argos_kit.write_package(tmp_path, argos_tokenizer, version=version)
    assert ArgosEngine(models_dir=tmp_path, threads=1).identity("en", "zh").version == "1.10"


def test_missing_pair_is_unavailable(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    with pytest.raises(EngineUnavailableError, match="en->fr"):
        engine.translate_batch(["Hello."], "en", "fr")


def test_unloadable_model_is_a_package_error(argos_packages_dir: Path) -> None:
    (argos_packages_dir / "translate-en_zh-1_0" / "model" / "model.bin").write_bytes(b"junk")
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    with pytest.raises(
        ModelPackageError, match="translate-en_zh-1_0: CTranslate2 cannot load model/"
    ):
        engine.translate_batch(["Hello."], "en", "zh")


def test_the_public_loader_loads_a_package_model(argos_package: Path) -> None:
    # install.py validates packages through this loader (see test_architecture for the one import).
    assert argos.load_translator(argos_package / "model", name="kit", threads=1) is not None


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("device", "tpu", "unknown device 'tpu'"),
        ("compute_type", "int3", "unknown compute type 'int3'"),
        ("beam_size", 0, "beam size must be at least 1"),
        ("threads", -1, "threads must be at least 0"),
    ],
)
def test_bad_options_are_refused(option: str, value: object, message: str) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        ArgosEngine(**{option: value})  # type: ignore[arg-type]


def test_options_reach_ctranslate2(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(models_dir=argos_packages_dir, compute_type="int8", threads=1, beam_size=1)
    assert engine.translate_batch([SENTENCES[3]], "en", "zh") == [SENTENCES[3]]
    options = engine.decoding_options()
    assert (options["beam_size"], options["compute_type"]) == (1, "int8")


def test_cuda_without_a_device_is_unavailable(argos_packages_dir: Path) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA device")
    engine = ArgosEngine(models_dir=argos_packages_dir, device="cuda", threads=1)
    with pytest.raises(EngineUnavailableError, match="no CUDA device"):
        engine.translate_batch(["Hello."], "en", "zh")


def test_retry_penalises_repetition(tmp_path: Path, argos_tokenizer: Path) -> None:
    shape = argos_kit.ModelShape(output_bias=argos_kit.LOOPING)
    argos_kit.write_package(tmp_path, argos_tokenizer, shape=shape)
    engine = ArgosEngine(models_dir=tmp_path, threads=1)
    sentence = ["Shanghai opened a conference."]
    looping = engine.translate_batch(sentence, "en", "zh")[0]
    retried = engine.retry_batch(sentence, "en", "zh")[0]
    assert looping.count("the") > 40
    assert retried.count("the") < looping.count("the") / 2


def _ctranslate2_n_best(package: Path, sentence: str, count: int) -> list[str]:
    """CTranslate2's own n-best list for ``sentence``, decoded as argostranslate decodes."""
    import ctranslate2
    import sentencepiece

    pieces = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package / "model"), intra_threads=1)
    result = translator.translate_batch(
        [pieces.encode(sentence, out_type=str)], beam_size=max(4, count), num_hypotheses=count,
        length_penalty=0.2, replace_unknowns=True, max_decoding_length=256,
    )  # fmt: skip
    decoded = [pieces.decode(list(tokens)) for tokens in result[0].hypotheses]
    return [text[1:] if text.startswith(" ") else text for text in decoded]


@pytest.mark.parametrize("count", [1, 3, 6])
def test_hypotheses_are_ctranslate2_s_n_best_list(argos_packages_dir: Path, count: int) -> None:
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    package = next(argos_packages_dir.iterdir())
    ranked = engine.hypotheses_batch(SENTENCES[:4], "en", "zh", count)
    assert len(ranked) == 4
    for sentence, texts in zip(SENTENCES[:4], ranked, strict=True):
        assert texts == list(dict.fromkeys(_ctranslate2_n_best(package, sentence, count)))
        assert 1 <= len(texts) <= count
    assert [texts[0] for texts in engine.hypotheses_batch(SENTENCES, "en", "zh", 3)] == (
        engine.translate_batch(SENTENCES, "en", "zh")
    )  # the beam is not widened below 4: the best is the usual translation
    assert any(len(texts) > 1 for texts in ranked) or count == 1


def test_hypotheses_count_below_one_is_refused(argos_packages_dir: Path) -> None:
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    with pytest.raises(InvalidOptionError, match="hypotheses count"):
        engine.hypotheses_batch(["Hello."], "en", "zh", 0)
