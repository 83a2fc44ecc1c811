"""Text Apertium cannot translate (another script, combining marks) comes back exactly."""

from __future__ import annotations

import re

import pytest

from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.apertium.scripts import untranslatable_spans

ARABIC = "قال المسؤول إن الاستثمار بلغ ٣٨٠ مليار يوان."
ANGSTROM = "A\u030angstr\u00f6m"  # a decomposed Å


def test_an_arabic_sentence_through_en_es_keeps_every_character(apertium_bin: str) -> None:
    assert ApertiumEngine().translate_batch([ARABIC], "en", "es") == [ARABIC]


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        (f"The unit {ANGSTROM} is small.", [ANGSTROM]),
        ("Investment reached ٣٨٠ billion yuan in 上海 today.", ["٣٨٠", "上海"]),
        ("Officials in Москва said «Привет мир» twice.", ["Москва", "«Привет мир»"]),
        ("Revenue rose ۱۲٫۵ percent, per the report.", ["۱۲٫۵"]),
        ("The café in the Straße opened.", []),
    ],
    ids=[
        "combining-ring",
        "arabic-digits-and-chinese",
        "cyrillic-phrase",
        "persian-digits",
        "latin",
    ],
)
def test_foreign_runs_in_an_english_sentence_are_kept(
    apertium_bin: str, source: str, kept: list[str]
) -> None:
    target = ApertiumEngine().translate_batch([source], "en", "es")[0]
    assert [source[a:b] for a, b in untranslatable_spans(source, "en")] == kept
    for run in kept:
        assert run in target, (run, target)
    assert target != source  # the English around them is still translated


def test_the_command_alone_would_change_them(apertium_bin: str) -> None:
    """What the spans guard against, shown with the real command (Debian's eng-spa 0.8.1)."""
    import subprocess

    raw = subprocess.run(
        [apertium_bin, "-u", "-f", "none", "eng-spa"],
        input=f"{ANGSTROM} rose.\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ANGSTROM not in raw and raw.startswith("Un\u030a")
    assert ApertiumEngine().translate_batch([f"{ANGSTROM} rose."], "en", "es") == [
        f"{ANGSTROM} Ascendió."  # Apertium capitalizes its first word
    ]


def test_spans_join_neighbouring_tokens_and_respect_the_source_script() -> None:
    text = "Он сказал: hello world, ещё раз."
    assert [text[a:b] for a, b in untranslatable_spans(text, "ru")] == ["hello world,"]
    assert [text[a:b] for a, b in untranslatable_spans(text, "en")] == [
        "Он сказал:",
        "ещё раз.",
    ]
    text = "Price: 5% in 2024, km² and ½."
    assert [text[a:b] for a, b in untranslatable_spans(text, "en")] == ["km²", "½."]


def test_placeholders_and_foreign_runs_together(apertium_bin: str) -> None:
    engine = ApertiumEngine(verbatim=r"⟦Q\d+⟧")
    source = "Investment reached ⟦Q1⟧ in ٣٨٠ districts of 上海."
    target = engine.translate_batch([source], "en", "es")[0]
    assert re.findall(r"⟦Q\d+⟧|٣٨٠|上海\.", target) == ["⟦Q1⟧", "٣٨٠", "上海."]
