"""Language detection for /detect and source=auto: lingua over all its languages, in process
and on a fresh server (models loaded on first use)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from confl10n.errors import InvalidOptionError, UnsupportedLanguageError
from confl10n.serve.detect import UNSURE, Detector, Guess
from tests.serve.conftest import Server


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Guten Tag, wie geht es Ihnen?", "de"),
        ("Le conseil municipal a approuvé le budget hier soir.", "fr"),
        ("Il consiglio ha approvato il bilancio ieri sera.", "it"),
        ("市议会昨晚批准了新的预算。", "zh"),
        ("Городской совет вчера вечером утвердил новый бюджет.", "ru"),
        ("The city council approved the new budget last night.", "en"),
    ],
)
def test_the_real_language_comes_first_with_a_real_confidence(
    detector: Detector, text: str, language: str
) -> None:
    guesses = detector.detect(text)
    assert guesses[0].language == language and guesses[0].confidence > 50
    assert [g.confidence for g in guesses] == sorted((g.confidence for g in guesses), reverse=True)
    assert all(0 < g.confidence <= 100 for g in guesses)


def test_nothing_to_detect_is_english_at_zero_as_libretranslate(detector: Detector) -> None:
    assert detector.detect("1234 5678") == [Guess("en", 0.0)]


def english_only(code: str) -> bool:
    return code == "en"


@pytest.mark.parametrize(
    "headline",
    [
        "Los Angeles mayor backs plaza plan",
        "Madrid mayor backs plaza plan",
        "San Diego council approves new budget",
    ],
)
@pytest.mark.parametrize("target", ["es", "zh"])
def test_auto_takes_the_likely_language_that_can_be_translated(
    detector: Detector, headline: str, target: str
) -> None:
    guess = detector.source(headline, target, english_only)
    assert guess.language == "en"
    assert guess.confidence >= UNSURE
    assert guess in detector.detect(headline)  # its real confidence, not a made-up one


def test_auto_refuses_a_language_nobody_translates(detector: Detector) -> None:
    with pytest.raises(UnsupportedLanguageError, match=r"^de is not supported$"):
        detector.source("Guten Tag, wie geht es Ihnen?", "es", english_only)


def test_auto_on_a_text_already_in_the_target_names_the_target(detector: Detector) -> None:
    text = "Las ventas de la empresa subieron mucho el año pasado."
    guess = detector.source(text, "es", english_only)
    assert guess.language == "es" and guess.confidence > 90


@pytest.mark.parametrize(
    ("text", "target"),
    [("The mayor backs the plaza plan", "en"), ("The council met on Monday", "en"),
     ("El alcalde apoya el plan de la plaza", "es")],
)  # fmt: skip
def test_auto_keeps_a_text_lingua_finds_in_the_target_by_far(
    detector: Detector, text: str, target: str
) -> None:
    """English read as English (78%) is not translated from Spanish (13%) into English."""
    guess = detector.source(text, target, lambda code: code in ("en", "es"))
    assert guess == detector.detect(text)[0] and guess.language == target


SHORT = [("Hello world!", "en"), ("Open the file", "en"), ("Save changes", "en"),
         ("Guten Morgen", "de"), ("Merci beaucoup", "fr")]  # fmt: skip


def test_high_accuracy_reads_two_or_three_words(detector: Detector) -> None:
    high = Detector("high")
    assert [high.detect(text)[0].language for text, _ in SHORT] == [lang for _, lang in SHORT]
    low = [detector.detect(text)[0].language for text, _ in SHORT]
    assert low != [lang for _, lang in SHORT]  # why the high mode is offered


def test_an_unknown_accuracy_is_refused() -> None:
    with pytest.raises(InvalidOptionError, match="detection accuracy 'medium'"):
        Detector("medium")


FIRST_TEXTS = [("Guten Tag, wie geht es Ihnen?", "de"), ("市议会昨晚批准了新的预算。", "zh-Hans"),
               ("Городской совет вчера вечером утвердил новый бюджет.", "ru"),
               ("The city council approved the new budget last night.", "en"),
               ("مجلس المدينة وافق على الميزانية الجديدة", "ar")]  # fmt: skip


def _answers(server: Server, clients: int) -> list[tuple[int, Any]]:
    """Each of FIRST_TEXTS sent to /detect, and the English one for translation with
    ``source=auto``, ``clients`` requests at a time."""
    calls: list[tuple[str, dict[str, str]]] = [("detect", {"q": text}) for text, _ in FIRST_TEXTS]
    calls.append(("translate", {"q": FIRST_TEXTS[3][0], "source": "auto", "target": "zh"}))
    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(lambda call: server.post_json(*call), calls))


def test_a_fresh_server_loads_detection_models_on_first_use_and_answers_alike(
    server_factory: Callable[..., Server], kit_models: Path
) -> None:
    """lingua's models load on the first texts that need them, not at start: the first
    requests, arriving at once, answer as the same requests once every model is loaded."""
    server = server_factory("--models-dir", str(kit_models), "--threads", "1", "--no-cache")
    first = _answers(server, clients=len(FIRST_TEXTS) + 1)
    assert first == _answers(server, clients=1)
    for (status, guesses), (_, language) in zip(first, FIRST_TEXTS, strict=False):
        assert status == 200 and guesses[0]["language"] == language, guesses
    status, translated = first[-1]
    assert status == 200 and translated["detectedLanguage"]["language"] == "en", translated
