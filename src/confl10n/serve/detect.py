"""Offline language detection for ``POST /detect`` and ``source=auto``, with lingua.

lingua ships its language models inside its wheel, so nothing is downloaded.
The detector knows every language lingua ships (75), not only the installed
ones, so a German text is reported as German even on a server that cannot
translate German. It runs in lingua's low-accuracy mode with its models
preloaded: ~90 MB of memory in all and ~1.5 s at start, where the high-accuracy
models of all languages take ~1.2 GB (measured with lingua 2.1; low accuracy
is lingua's advice for texts over ~120 characters and still names the right
language of most shorter ones).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from confl10n.errors import UnsupportedLanguageError

UNSURE = 10.0
"""Below this confidence (0-100) a guess is no candidate for ``auto``."""


@dataclass(frozen=True, slots=True)
class Guess:
    """A language (ISO 639-1) and lingua's confidence in it, 0-100 (LibreTranslate's scale)."""

    language: str
    confidence: float


class Detector:
    """Detects which of lingua's languages a text is written in."""

    def __init__(self) -> None:
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode()
        self._detector: Any = builder.with_preloaded_language_models().build()

    def detect(self, text: str) -> list[Guess]:
        """The languages ``text`` may be in, most likely first, with confidences above 0;
        ``[Guess("en", 0.0)]`` when lingua finds none (as LibreTranslate answers)."""
        values = self._detector.compute_language_confidence_values(text)
        guesses = [
            Guess(v.language.iso_code_639_1.name.lower(), round(v.value * 100, 2)) for v in values
        ]
        return [g for g in guesses if g.confidence > 0] or [Guess("en", 0.0)]

    def source(self, text: str, target: str, translatable: Callable[[str], bool]) -> Guess:
        """The language to translate ``text`` from into ``target``.

        The most likely language that ``translatable`` accepts and is not ``target``,
        among the guesses of at least :data:`UNSURE` confidence: a text sent for
        translation into Spanish is rarely Spanish already, so a Spanish-looking
        English headline is read as English when English is a real candidate.
        Otherwise the best guess: ``target`` itself (the text is already in it), one
        it accepts, or UnsupportedLanguageError ``xx is not supported``.
        """
        guesses = self.detect(text)
        for guess in guesses:
            if guess.confidence < UNSURE:
                break
            if guess.language != target and translatable(guess.language):
                return guess
        best = guesses[0]
        if best.language != target and not translatable(best.language):
            raise UnsupportedLanguageError(f"{best.language} is not supported")
        return best
