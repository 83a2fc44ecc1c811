"""Offline language detection for ``POST /detect`` and ``source=auto``, with lingua.

lingua ships its language models inside its wheel, so nothing is downloaded.
The detector knows every language lingua ships (75), not only the installed
ones, so a German text is reported as German even on a server that cannot
translate German. By default it runs in lingua's low-accuracy mode. Either mode
loads a language's models the first time a text could be in that language
(lingua keeps them for the life of the process), never at start: a server that
is always told the source language spends no memory on detection. Measured with
lingua 2.1.1 on 2 cores: importing lingua and building the detector take ~2 MB
and under a millisecond; the first text in a Latin-script language loads those
languages' low-accuracy models (~55 MB, ~0.3 s), a Cyrillic one ~10 MB more;
all 75 languages' come to ~75 MB (what preloading them used to cost at
start). Confidences are a preloaded detector's (to the 2 decimals reported).
The high-accuracy models of all languages take ~0.9 GB loaded as needed
(~1.2 GB preloaded); they read texts of two or three words better (14 of 14
short test phrases against 11 of 14), so ``accuracy="high"`` offers them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from confl10n.errors import InvalidOptionError, UnsupportedLanguageError

ACCURACIES = ("low", "high")
UNSURE = 10.0
"""Below this confidence (0-100) a guess is no candidate for ``auto``."""
ODDS = 4.0
"""How many times likelier than another candidate lingua must find ``target`` itself before
a text sent for translation into ``target`` is taken as already written in it (the prior
that such a text rarely is: a Spanish-looking English headline sent into Spanish, es 60%
against en 18%, is read as English; an English one sent into English, en 78% against es
13%, stays English)."""


@dataclass(frozen=True, slots=True)
class Guess:
    """A language (ISO 639-1) and lingua's confidence in it, 0-100 (LibreTranslate's scale)."""

    language: str
    confidence: float


class Detector:
    """Detects which of lingua's languages a text is written in; ``accuracy`` is one of
    :data:`ACCURACIES` (see the module docstring). Raises InvalidOptionError for another."""

    def __init__(self, accuracy: str = "low") -> None:
        from lingua import LanguageDetectorBuilder

        if accuracy not in ACCURACIES:
            raise InvalidOptionError(f"detection accuracy {accuracy!r}: use low or high")
        builder = LanguageDetectorBuilder.from_all_languages()
        if accuracy == "low":
            builder = builder.with_low_accuracy_mode()
        self._detector: Any = builder.build()  # no models yet: each loads on first need

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
        English headline is read as English when English is a real candidate --
        unless lingua finds ``target`` :data:`ODDS` times likelier than it, when the
        text is taken as already in ``target``. Otherwise the best guess: ``target``
        itself (the text is already in it), one it accepts, or
        UnsupportedLanguageError ``xx is not supported``.
        """
        guesses = self.detect(text)
        same = next((g for g in guesses if g.language == target), Guess(target, 0.0))
        for guess in guesses:
            if guess.confidence < UNSURE:
                break
            if guess.language != target and translatable(guess.language):
                return same if same.confidence >= ODDS * guess.confidence else guess
        best = guesses[0]
        if best.language != target and not translatable(best.language):
            raise UnsupportedLanguageError(f"{best.language} is not supported")
        return best
