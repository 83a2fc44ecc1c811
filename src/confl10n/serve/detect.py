"""Offline language detection for ``POST /detect`` and ``source=auto``, with lingua.

lingua ships its language models inside its wheel (~100 MB installed), so nothing
is downloaded; the detector is built for the installed source languages only,
which keeps it small and never names a language nobody can translate from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from confl10n.errors import InvalidOptionError


@dataclass(frozen=True, slots=True)
class Guess:
    """A language and lingua's confidence in it, 0-100 (LibreTranslate's scale)."""

    language: str
    confidence: float


class Detector:
    """Detects which of ``languages`` (ISO 639-1 codes) a text is written in.

    Codes lingua does not know (Argos's ``zt``, ``pb``) are left out; with none
    left, every text is guessed as the first language given.
    Raises InvalidOptionError when ``languages`` is empty.
    """

    def __init__(self, languages: Iterable[str]) -> None:
        self.languages = tuple(dict.fromkeys(languages))
        if not self.languages:
            raise InvalidOptionError("language detection needs at least one language")
        known = {code: lang for code in self.languages if (lang := _lingua_language(code))}
        self._codes = {lang: code for code, lang in known.items()}
        self._detector = _build(list(known.values())) if len(known) > 1 else None

    def detect(self, text: str) -> list[Guess]:
        """Every language's confidence that ``text`` is in it, most likely first."""
        if self._detector is None:
            return [Guess(self.languages[0], 100.0)]
        values = self._detector.compute_language_confidence_values(text)
        return [Guess(self._codes[v.language], round(v.value * 100, 2)) for v in values]

    def best(self, text: str) -> Guess:
        """The most likely language of ``text``."""
        return self.detect(text)[0]


def _lingua_language(code: str) -> Any:
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return None


def _build(languages: list[Any]) -> Any:
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*languages)
    return builder.with_preloaded_language_models().build()
