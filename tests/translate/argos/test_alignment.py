"""The Argos engine's word alignment: the translation forced on the real (kit) model and
its cross-attention read back, word by word."""

from __future__ import annotations

from pathlib import Path

from confl10n.text.inline import AlignedWord
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.engine import AligningEngine

SENTENCE = "The great house is very red."


def words(source: str, target: str, aligned: tuple[AlignedWord, ...]) -> list[tuple[str, str]]:
    return [(target[slice(*w.target)], source[slice(*w.source)]) for w in aligned]


def test_each_word_aligns_with_the_word_it_translates(aligned_packages: Path) -> None:
    engine = ArgosEngine(models_dir=aligned_packages, threads=1)
    assert isinstance(engine, AligningEngine)
    (translated,) = engine.translate_batch([SENTENCE], "en", "fr")
    assert translated == "The new house is very red."
    (aligned,) = engine.align_batch([(SENTENCE, translated)], "en", "fr")
    assert words(SENTENCE, translated, aligned) == [
        ("The", "The"), ("new", "great"), ("house", "house"), ("is", "is"),
        ("very", "very"), ("red.", "red."),
    ]  # fmt: skip


def test_a_target_prefix_is_no_word_of_the_translation(aligned_packages: Path) -> None:
    engine = ArgosEngine(models_dir=aligned_packages, threads=1)
    source = "The great house is great."
    (translated,) = engine.translate_batch([source], "en", "ja")
    assert translated == "The new house is new."
    (aligned,) = engine.align_batch([(source, translated)], "en", "ja")
    assert words(source, translated, aligned)[1::3] == [("new", "great"), ("new.", "great.")]


def test_flat_attention_empty_or_rewritten_text_align_nothing(
    aligned_packages: Path, flat_packages: Path
) -> None:
    flat = ArgosEngine(models_dir=flat_packages, threads=1)
    assert flat.align_batch([(SENTENCE, "The new house is very red.")], "en", "fr") == [()]
    engine = ArgosEngine(models_dir=aligned_packages, threads=1)
    # SentencePiece normalizes the ligature "ﬁ" to "fi": its pieces are not in the text.
    pairs = [(SENTENCE, ""), ("", "Rien."), (SENTENCE, "The ﬁne house is red.")]
    pairs.append((SENTENCE, "The new house is very red."))
    found = engine.align_batch(pairs, "en", "fr")
    assert found[:3] == [(), (), ()] and len(found[3]) == 6
