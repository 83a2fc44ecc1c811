"""The test kit itself: its packages load through the real code path and copy their input."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from confl10n.translate.argos.packages import installed_packages
from tests import argos_kit


def _translate(model: Path, tokenizer: Path, text: str, **options: Any) -> list[str]:
    import ctranslate2
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=str(tokenizer))
    translator = ctranslate2.Translator(str(model), intra_threads=1)  # the machine is shared
    pieces = processor.encode(text, out_type=str)
    result = translator.translate_batch([pieces], beam_size=4, **options)
    return list(result[0].hypotheses[0])


def test_package_is_listed_with_its_metadata(argos_packages_dir: Path) -> None:
    packages, problems = installed_packages(argos_packages_dir)
    assert problems == []
    assert [(p.pair, p.package_version, p.name) for p in packages] == [
        (("en", "zh"), "1.0", "translate-en_zh-1_0")
    ]


def test_model_copies_its_input(argos_package: Path, argos_tokenizer: Path) -> None:
    text = "Mainstream media in China must embrace AI."
    pieces = _translate(argos_package / "model", argos_tokenizer, text)
    assert "".join(pieces).replace("▁", " ").strip() == text


def test_argosmodel_has_one_top_level_folder(argos_model_file: Path) -> None:
    with zipfile.ZipFile(argos_model_file) as archive:
        names = archive.namelist()
    assert {Path(name).parts[0] for name in names} == {"translate-en_zh-1_0"}
    assert "translate-en_zh-1_0/metadata.json" in names
    assert "translate-en_zh-1_0/model/model.bin" in names


def test_looping_model_loops_until_a_no_repeat_retry(tmp_path: Path, argos_tokenizer: Path) -> None:
    shape = argos_kit.ModelShape(output_bias=argos_kit.LOOPING)
    model = argos_kit.write_package(tmp_path, argos_tokenizer, shape=shape) / "model"
    text = "Shanghai opened a conference."
    pieces = _translate(model, argos_tokenizer, text, length_penalty=0.2)
    assert pieces.count("▁the") > 40
    assert len(_translate(model, argos_tokenizer, text, no_repeat_ngram_size=3)) < 40


def test_runaway_model_never_ends(tmp_path: Path, argos_tokenizer: Path) -> None:
    shape = argos_kit.ModelShape(output_bias=argos_kit.RUNAWAY)
    model = argos_kit.write_package(tmp_path, argos_tokenizer, shape=shape) / "model"
    text = "Shanghai opened a conference."
    assert len(_translate(model, argos_tokenizer, text, no_repeat_ngram_size=3)) == 256


def test_install_extracts_an_argosmodel(tmp_path: Path, argos_model_file: Path) -> None:
    folder = argos_kit.install_package(argos_model_file, tmp_path / "packages")
    assert folder == tmp_path / "packages" / "translate-en_zh-1_0"
    assert (folder / "sentencepiece.model").is_file()
