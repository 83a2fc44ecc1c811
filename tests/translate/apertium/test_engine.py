"""The Apertium engine, run for real: en->es on the seed article, bad input, broken pipelines.

Every test that translates uses the real ``apertium`` command (the
``apertium_bin`` fixture skips without it, or fails under
``CONFL10N_REQUIRE_APERTIUM=1``). Failures are provoked with real processes:
language-data folders whose mode runs a pipeline that dies, hangs or drops
NULs.
"""

from __future__ import annotations

import re
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from confl10n.errors import (
    EngineUnavailableError,
    InputError,
    InvalidOptionError,
    TranslationError,
)
from confl10n.text.reader import read_article
from confl10n.translate.apertium.engine import (
    INSTALL_HINT,
    ApertiumEngine,
    apertium_pairs,
    modes_by_pair,
)
from confl10n.translate.apertium.stream import ESCAPED, SHIELDED
from confl10n.translate.registry import get_engine

NUMBER = re.compile(r"\d+")
NAMES = ("Shanghai", "Li Yun", "Zhang Huajun", "SenseTime", "Xinhua", "Huangpu")


def seed_units(seed_path: Path) -> list[str]:
    return [unit.text for unit in read_article(seed_path).units()]


def engine(apertium_bin: str, **options: object) -> ApertiumEngine:
    return ApertiumEngine(apertium_bin=apertium_bin, **options)  # type: ignore[arg-type]


def data_dir_running(tmp_path: Path, apertium_bin: str, tail: str) -> Path:
    """A language-data folder whose eng-spa mode is the real one piped into ``tail``."""
    real = engine(apertium_bin).data_dir() / "modes" / "eng-spa.mode"
    (tmp_path / "modes").mkdir(parents=True)
    pipeline = real.read_text(encoding="utf-8").strip()
    (tmp_path / "modes" / "eng-spa.mode").write_text(f"{pipeline} | {tail}\n", encoding="utf-8")
    return tmp_path


def script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return f"'{path}'"


# --- pairs and codes ---------------------------------------------------------


def test_mode_names_map_to_iso_639_1() -> None:
    modes = ["eng-spa", "spa-eng_US", "spa-eng", "eng-cat", "en-gl", "en-eo", "eng-ast", "x"]
    assert modes_by_pair(modes) == {
        ("en", "es"): "eng-spa",
        ("es", "en"): "spa-eng",
        ("en", "ca"): "eng-cat",
        ("en", "gl"): "en-gl",
        ("en", "eo"): "en-eo",
        ("en", "ast"): "eng-ast",
    }


def test_installed_pairs(apertium_bin: str) -> None:
    assert ("en", "es") in engine(apertium_bin).pairs()
    assert ("en", "es") in apertium_pairs(apertium_bin=apertium_bin)
    assert ApertiumEngine.available(apertium_bin=apertium_bin)


def test_registry_creates_the_engine(apertium_bin: str) -> None:
    created = get_engine("apertium", apertium_bin=apertium_bin, mark_unknown=True)
    assert isinstance(created, ApertiumEngine)
    assert created.translate_batch(["Xyzzyqux."], "en", "es") == ["*Xyzzyqux."]


def test_identity_is_the_debian_package_and_a_data_checksum(apertium_bin: str) -> None:
    identity = engine(apertium_bin).identity("en", "es")
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "apertium-eng-spa"], capture_output=True, text=True
    ).stdout
    assert (identity.engine, identity.model) == ("apertium", "apertium-eng-spa:eng-spa")
    assert identity.version == version != ""
    assert re.fullmatch(r"[0-9a-f]{64}", identity.checksum)
    assert engine(apertium_bin).identity("en", "es") == identity
    assert engine(apertium_bin, mark_unknown=True).identity("en", "es") != identity


def test_decoding_options_name_what_changes_output() -> None:
    options = ApertiumEngine(mark_unknown=True, verbatim=r"⟦\d+⟧").decoding_options()
    assert options == {
        "format": "none",
        "mark_unknown": True,
        "verbatim": r"⟦\d+⟧",
        "other_scripts": "kept",
    }


def test_identity_of_unpackaged_data(apertium_bin: str, tmp_path: Path) -> None:
    data = data_dir_running(tmp_path, apertium_bin, "cat")
    identity = engine(apertium_bin, data_dir=data).identity("en", "es")
    assert (identity.model, identity.version) == ("unpackaged:eng-spa", "unknown")
    assert identity.checksum != engine(apertium_bin).identity("en", "es").checksum


# --- translating the seed article --------------------------------------------


def test_seed_article_one_translation_per_sentence(apertium_bin: str, seed_path: Path) -> None:
    units = seed_units(seed_path)
    translated = engine(apertium_bin).translate_batch(units, "en", "es")
    assert len(translated) == len(units) > 60
    for source, target in zip(units, translated, strict=True):
        assert target.strip()
        # Apertium copies digits and names, so they prove each sentence's alignment.
        assert NUMBER.findall(target) == NUMBER.findall(source)
        for name in NAMES:
            assert (name in target) == (name in source), (name, source, target)
    assert translated[0].startswith("Industria de diario nacional")


def test_one_batch_equals_one_process_per_sentence(apertium_bin: str, seed_path: Path) -> None:
    units = seed_units(seed_path)[:6]
    translator = engine(apertium_bin)
    alone = [translator.translate_batch([unit], "en", "es")[0] for unit in units]
    assert translator.translate_batch(units, "en", "es") == alone


def test_a_batch_is_one_apertium_process(apertium_bin: str, tmp_path: Path) -> None:
    log = tmp_path / "calls.log"
    wrapper = script(tmp_path, "apertium", f'echo "$@" >> "{log}"\nexec "{apertium_bin}" "$@"\n')
    data = engine(apertium_bin).data_dir()
    translator = ApertiumEngine(apertium_bin=wrapper.strip("'"), data_dir=data)
    translator.translate_batch(["The house is red."] * 50, "en", "es")
    calls = log.read_text(encoding="utf-8").splitlines()
    assert [call for call in calls if call.endswith("eng-spa")] == [calls[-1]]


def test_headings_without_punctuation_stay_apart(apertium_bin: str) -> None:
    units = ["Developing New Quality Productive Forces", "Shanghai is moving", "Tail"]
    translated = engine(apertium_bin).translate_batch(units, "en", "es")
    assert translated == [
        "Calidad Nueva en desarrollo Fuerzas Productivas",
        "Shanghai está moviendo",
        "Cola",
    ]


def test_empty_and_blank_sentences(apertium_bin: str) -> None:
    translator = engine(apertium_bin)
    assert translator.translate_batch([], "en", "es") == []
    assert translator.translate_batch(["", "  ", "House."], "en", "es") == ["", "  ", "Casa."]


# --- characters Apertium's stream format treats specially ---------------------

SPECIAL = sorted(ESCAPED | SHIELDED | set("%&|+=\"'`"))


@pytest.mark.parametrize("char", SPECIAL)
def test_special_character_comes_back_unchanged(apertium_bin: str, char: str) -> None:
    source = f"The word {char}x and x{char} and a {char} b here."
    (target,) = engine(apertium_bin).translate_batch([source], "en", "es")
    assert target.count(char) == source.count(char)
    assert f"{char}x" in target and f"x{char}" in target and f" {char} " in target


def test_all_special_characters_in_one_sentence(apertium_bin: str) -> None:
    source = r"Hello ^world$ [x] a\b c/d @e *f #g <h> {i} ~j."
    (target,) = engine(apertium_bin).translate_batch([source], "en", "es")
    assert target == r"Hola ^Mundial$ [x] un\b c/d @e *f #g <h> {i} ~j."


def test_unknown_word_marks_only_on_request(apertium_bin: str) -> None:
    source = ["The Xyzzyqux house costs *5."]
    assert engine(apertium_bin).translate_batch(source, "en", "es") == [
        "El Xyzzyqux la casa cuesta *5."
    ]
    marked = engine(apertium_bin, mark_unknown=True).translate_batch(source, "en", "es")
    assert marked == ["El *Xyzzyqux la casa cuesta *5."]


def test_very_long_sentences_stay_aligned(apertium_bin: str) -> None:
    long_one = "the red house " * 5000 + "and 42 more"
    units = ["First 1.", long_one, "Last 3."]
    translated = engine(apertium_bin).translate_batch(units, "en", "es")
    assert [NUMBER.findall(t) for t in translated] == [["1"], ["42"], ["3"]]
    assert translated[1].count("casa") == 5000


def test_nul_or_broken_unicode_is_refused(apertium_bin: str) -> None:
    with pytest.raises(InputError, match="sentence 2 contains a NUL"):
        engine(apertium_bin).translate_batch(["Fine.", "Bad\0bad."], "en", "es")
    with pytest.raises(InputError, match="not valid Unicode"):
        engine(apertium_bin).translate_batch(["Lone \udc80 surrogate."], "en", "es")


# --- placeholders for protected quantities ------------------------------------

PLACEHOLDERS = [  # (pattern given as ``verbatim``, how one token is written)
    (r"⟦Q\d+⟧", "⟦Q{}⟧"),  # confl10n.figures.protect's placeholders
    (r"⟦\d+⟧", "⟦{}⟧"),
    (r"\{\{\d+\}\}", "{{{{{}}}}}"),
    (r"__Q\d+__", "__Q{}__"),
    (r"<ph id=\d+/>", "<ph id={}/>"),
    (r"\[\[Q\d+\]\]", "[[Q{}]]"),
]


@pytest.mark.parametrize(("pattern", "token"), PLACEHOLDERS)
def test_placeholders_pass_through_unchanged_and_in_place(
    apertium_bin: str, pattern: str, token: str
) -> None:
    p1, p2, p3, p4 = (token.format(n) for n in (1, 2, 3, 4))
    source = (
        f"On {p1}, the {p2} conference opened, and {p3} of media outlets worldwide "
        f"use AI, while {p4} are exploring it."
    )
    (target,) = engine(apertium_bin, verbatim=pattern).translate_batch([source], "en", "es")
    assert re.findall(pattern, target) == [p1, p2, p3, p4]
    assert target.startswith(f"Encima {p1}, la {p2} conferencia")


def test_placeholder_opening_and_closing_a_sentence(apertium_bin: str) -> None:
    units = ["⟦1⟧ rose.", "It rose to ⟦2⟧", "⟦3⟧"]
    translated = engine(apertium_bin, verbatim=r"⟦\d⟧").translate_batch(units, "en", "es")
    assert translated == ["⟦1⟧ Ascendió.", "Ascendió a ⟦2⟧", "⟦3⟧"]


def test_gaps_of_dropped_pronouns_are_closed(apertium_bin: str) -> None:
    units = ["It rose.", "  He said it rose. "]
    translated = engine(apertium_bin).translate_batch(units, "en", "es")
    assert translated == ["Ascendió.", "  Dijo que ascendió. "]


# --- missing Apertium ---------------------------------------------------------


def test_missing_binary_names_the_debian_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    translator = ApertiumEngine()
    with pytest.raises(EngineUnavailableError, match=re.escape(INSTALL_HINT)):
        translator.translate_batch(["Hello."], "en", "es")
    with pytest.raises(EngineUnavailableError, match="apt-get install apertium apertium-eng-spa"):
        translator.pairs()
    assert apertium_pairs() == []
    assert not ApertiumEngine.available()


def test_bad_options() -> None:
    with pytest.raises(InvalidOptionError, match="verbatim is not a valid regular expression"):
        ApertiumEngine(verbatim="[unclosed")
    with pytest.raises(InvalidOptionError, match="timeout must be positive"):
        ApertiumEngine(timeout=0)


def test_binary_that_cannot_run(tmp_path: Path) -> None:
    broken = tmp_path / "apertium"
    broken.write_text("not a program", encoding="utf-8")
    broken.chmod(0o755)
    with pytest.raises(EngineUnavailableError, match="cannot run"):
        ApertiumEngine(apertium_bin=str(broken)).pairs()
    assert apertium_pairs(apertium_bin=str(broken)) == []


def test_pair_not_installed(apertium_bin: str) -> None:
    with pytest.raises(EngineUnavailableError, match=r"no en->zh pair \(installed: .*en->es"):
        engine(apertium_bin).translate_batch(["Hello."], "en", "zh")


def test_empty_data_folder_has_no_pairs(apertium_bin: str, tmp_path: Path) -> None:
    assert engine(apertium_bin, data_dir=tmp_path).pairs() == []
    assert apertium_pairs(apertium_bin=apertium_bin, data_dir=tmp_path) == []


# --- pipelines that fail mid-document -----------------------------------------

BATCH = [f"The house number {n} is big and red." for n in range(40)]


def test_pipeline_killed_mid_document(apertium_bin: str, tmp_path: Path) -> None:
    dies = script(tmp_path, "dies", "head -c 300\nkill -KILL $$\n")
    data = data_dir_running(tmp_path / "data", apertium_bin, dies)
    with pytest.raises(TranslationError, match="killed by signal 9"):
        engine(apertium_bin, data_dir=data).translate_batch(BATCH, "en", "es")


def test_pipeline_that_loses_separators_is_misaligned(apertium_bin: str, tmp_path: Path) -> None:
    loses = script(tmp_path, "loses", "exec tr -d '\\000'\n")
    data = data_dir_running(tmp_path / "data", apertium_bin, loses)
    with pytest.raises(TranslationError, match="lost alignment at sentence 2 of 40"):
        engine(apertium_bin, data_dir=data).translate_batch(BATCH, "en", "es")


def test_pipeline_that_drops_a_sentence_is_misaligned(apertium_bin: str, tmp_path: Path) -> None:
    drop = script(tmp_path, "drop", "exec awk 'BEGIN { RS = ORS = \"\\0\" } NR != 7'\n")
    data = data_dir_running(tmp_path / "data", apertium_bin, drop)
    with pytest.raises(TranslationError, match="lost alignment at sentence 7 of 40"):
        engine(apertium_bin, data_dir=data).translate_batch(BATCH, "en", "es")


def test_broken_language_data(apertium_bin: str, tmp_path: Path) -> None:
    (tmp_path / "modes").mkdir()
    mode = "lt-proc '/nonexistent/eng-spa.automorf.bin'\n"
    (tmp_path / "modes" / "eng-spa.mode").write_text(mode, encoding="utf-8")
    # Whether the pipeline is seen to lose alignment or to die of SIGPIPE first is a race
    # between its programs; either way the one-line error names the cause.
    failed = r"(lost alignment|killed by signal 13) .*Cannot open file"
    with pytest.raises(TranslationError, match=failed):
        engine(apertium_bin, data_dir=tmp_path).translate_batch(BATCH, "en", "es")


def test_hung_pipeline_times_out(
    apertium_bin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # where the script puts its file
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    data = data_dir_running(
        tmp_path / "data", apertium_bin, script(tmp_path, "hangs", "sleep 60\n")
    )
    started = time.monotonic()
    with pytest.raises(TranslationError, match=r"did not finish within 1 s"):
        engine(apertium_bin, data_dir=data, timeout=1).translate_batch(BATCH, "en", "es")
    assert time.monotonic() - started < 10
    # The script's own temporary file (removed when it exits, which a stop skips) too.
    assert list(temporary.iterdir()) == []
