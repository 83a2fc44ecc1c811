"""Apertium's word alignment from word-bound blanks: read from hand-written tagged outputs,
then from the real ``apertium`` eng-spa (the ``apertium_bin`` fixture skips without it, or
fails under ``CONFL10N_REQUIRE_APERTIUM=1``)."""

from __future__ import annotations

from confl10n.text.inline import AlignedWord
from confl10n.translate.apertium.alignment import aligned_words, source_words
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.engine import AligningEngine


def pairs_of(
    sentence: str, translation: str, found: tuple[AlignedWord, ...]
) -> list[tuple[str, str]]:
    """Each aligned word as ``(translation word, sentence word)``."""
    return [(translation[slice(*w.target)], sentence[slice(*w.source)]) for w in found]


def test_a_word_takes_the_numbers_of_the_same_word_in_the_tagged_output() -> None:
    sentence, translation = "The big house.", "La casa grande."
    tagged = [("La", (0,)), (" ", ()), ("casa", (2,)), (" ", ()), ("grande", (1,)), (".", ())]
    found = aligned_words(source_words(sentence), translation, tagged)
    assert pairs_of(sentence, translation, found) == [
        ("La", "The"),
        ("casa", "house"),
        ("grande", "big"),
    ]


def test_a_run_that_differs_takes_every_number_of_the_tagged_run() -> None:
    sentence, translation = "She felt much the same.", "Sentía mucho igual."
    tagged = [("Sentía", (1,)), (" ", ()), ("mucho", (2,)), (" el", (3,)), (" mismo.", (4,))]
    found = aligned_words(source_words(sentence), translation, tagged)
    assert pairs_of(sentence, translation, found) == [
        ("Sentía", "felt"),
        ("mucho", "much"),
        ("igual", "the"),
        ("igual", "same"),
    ]


def test_words_only_one_side_has_are_left_unaligned() -> None:
    sentence, translation = "The prime minister.", "El primer ministro."
    tagged = [("El", (0,)), (" ", ()), ("ministro", (2,)), (" ", ()), ("primo", (1,))]
    found = aligned_words(source_words(sentence), translation, tagged)
    assert pairs_of(sentence, translation, found) == [("El", "The"), ("ministro", "minister")]


def test_a_translation_mostly_unlike_the_tagged_output_gets_no_alignment() -> None:
    sentence, translation = "The big house is red.", "Una vivienda enorme y colorada."
    tagged = [("La", (0,)), (" casa", (2,)), (" grande", (1,)), (" es", (3,)), (" roja", (4,))]
    assert aligned_words(source_words(sentence), translation, tagged) == ()
    assert aligned_words(source_words(sentence), "", tagged) == ()


def test_apertium_aligns_the_words_it_reorders_and_the_ones_it_drops(apertium_bin: str) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    assert isinstance(engine, AligningEngine)
    sentences = ["The big house is very red.", "They left the city early."]
    translations = engine.translate_batch(sentences, "en", "es")
    assert translations == ["La casa grande es muy roja.", "Dejaron la ciudad temprano."]
    found = engine.align_batch(list(zip(sentences, translations, strict=True)), "en", "es")
    assert pairs_of(sentences[0], translations[0], found[0]) == [
        ("La", "The"),
        ("casa", "house"),
        ("grande", "big"),
        ("es", "is"),
        ("muy", "very"),
        ("roja", "red"),
    ]  # with -f html a tag on "big" would stay in its slot, on "casa"
    assert ("Dejaron", "left") in pairs_of(sentences[1], translations[1], found[1])


def test_apertium_aligns_a_multiword_unit_the_blanks_split(apertium_bin: str) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    sentence = "Media professionals from all over the country converged."
    (translation,) = engine.translate_batch([sentence], "en", "es")
    assert "de por todas partes el país" in translation  # tagged: "de todo sobre el país"
    (found,) = engine.align_batch([(sentence, translation)], "en", "es")
    aligned = pairs_of(sentence, translation, found)
    assert [s for t, s in aligned if t in ("por", "todas", "partes")] == ["all", "over"] * 3
    assert ("país", "country") in aligned


def test_apertium_gives_no_alignment_for_a_translation_it_did_not_write(
    apertium_bin: str,
) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    approved = ("The big house is very red.", "Una vivienda enorme y muy colorada.")
    stream_syntax = ("Prices [sic] rose and/or fell ^here$.", "")
    assert engine.align_batch([approved, stream_syntax], "en", "es") == [(), ()]
    assert engine.align_batch([], "en", "es") == []


def test_stream_syntax_in_a_sentence_is_aligned_as_text(apertium_bin: str) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    sentence = "The [big] house and/or the ^red$ car."
    (translation,) = engine.translate_batch([sentence], "en", "es")
    (found,) = engine.align_batch([(sentence, translation)], "en", "es")
    aligned = pairs_of(sentence, translation, found)
    assert translation == "El [grande] casa y/o el ^rojo$ automovilístico."
    assert {("grande", "big"), ("casa", "house"), ("o", "or"), ("rojo", "red")} <= set(aligned)
