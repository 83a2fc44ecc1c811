"""Checking a summary's options, and the rules that turn them into sentence counts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from confl10n.document import Article, Sentence
from confl10n.errors import InputError, InvalidOptionError, UnsupportedLanguageError
from confl10n.languages import SUMY_NAMES, language_of
from confl10n.summarize.adapter import SUMMARIZERS, stop_words
from confl10n.text.words import has_letters, split_words

ALGORITHMS: tuple[str, ...] = tuple(SUMMARIZERS)

LEDE_MODES: tuple[str, ...] = ("lead", "central")
"""How the lede is chosen: the opening sentences (news style), or by the algorithm's rating."""

LANGUAGES = SUMY_NAMES
"""Language codes summaries support -> sumy's stop-word list (from :mod:`confl10n.languages`)."""

DEFAULT_ALGORITHM = "lexrank"
DEFAULT_LEDE_MODE = "lead"


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryOptions:
    """How to summarize, as one value made once by the caller (sumy's habit of one
    summarizer configured up front).

    ``algorithm``: one of :data:`ALGORITHMS` (None: :data:`DEFAULT_ALGORITHM`);
    ``sentences=N`` or ``ratio=R`` sets each section's length (default: 1 for up to
    3 sentences, 2 up to 8, else 3); ``lang``: the article's language (default: its
    own); ``bonus_words``, ``stigma_words``, ``null_words``: Edmundson's word lists
    (default: title and heading words, no stigma, stop words); ``lede``: the lede's
    length (default 1 or 2, 0 for none); ``lede_mode``: ``lead`` (the opening
    sentences) or ``central`` (None: :data:`DEFAULT_LEDE_MODE`). A build leaves
    ``algorithm`` and ``lede_mode`` as None to take ``confl10n.toml``'s.
    Values are checked by :meth:`checked` (the summarizers call it).
    """

    algorithm: str | None = None
    sentences: int | None = None
    ratio: float | None = None
    lang: str | None = None
    bonus_words: Iterable[str] | None = None
    stigma_words: Iterable[str] | None = None
    null_words: Iterable[str] | None = None
    lede: int | None = None
    lede_mode: str | None = None

    @classmethod
    def of(cls, options: SummaryOptions | None, changes: dict[str, Any]) -> SummaryOptions:
        """``options`` (default: the defaults) with ``changes``, keyword by field name.

        Raises :class:`~confl10n.errors.InvalidOptionError` for a name that is no field.
        """
        unknown = sorted(set(changes) - {f.name for f in fields(cls)})
        if unknown:
            names = ", ".join(f.name for f in fields(cls))
            raise InvalidOptionError(f"unknown summary option {unknown[0]!r}; one of: {names}")
        return replace(options or cls(), **changes)

    def checked(self) -> SummaryOptions:
        """These options with the algorithm and lede mode resolved and every value checked.

        Raises :class:`~confl10n.errors.InvalidOptionError` for a bad length, lede,
        algorithm or lede mode.
        """
        check_length(self.sentences, self.ratio)
        check_lede(self.lede)
        algorithm = check_algorithm(self.algorithm or DEFAULT_ALGORITHM)
        return replace(
            self,
            algorithm=algorithm,
            lede_mode=check_lede_mode(self.lede_mode or DEFAULT_LEDE_MODE),
        )

    @property
    def word_lists(self) -> tuple[Iterable[str] | None, ...]:
        """Edmundson's bonus, stigma and null words, as given."""
        return self.bonus_words, self.stigma_words, self.null_words


# sumy's Edmundson refuses empty word lists; this "word" is never produced by our
# tokenizer, so it stands for "no such words" without changing any rating.
_NONE = frozenset({"\x00"})


def check_algorithm(name: str) -> str:
    """``name`` in lower case if it is one of :data:`ALGORITHMS`.

    Raises :class:`~confl10n.errors.InvalidOptionError` otherwise.
    """
    key = name.strip().lower()
    if key not in SUMMARIZERS:
        choices = ", ".join(ALGORITHMS)
        raise InvalidOptionError(f"unknown algorithm {name!r}; choose one of: {choices}")
    return key


def language(lang: str) -> tuple[str, str]:
    """``(code, sumy name)`` for a code (``en``, ``pt-BR``, ``zh_Hans``) or a sumy name.

    Raises :class:`~confl10n.errors.UnsupportedLanguageError` for a language summaries do
    not support.
    """
    key = language_of(lang)
    names = {name: code for code, name in LANGUAGES.items()}
    code = names.get(key, key)
    if code not in LANGUAGES:
        supported = ", ".join(LANGUAGES)
        raise UnsupportedLanguageError(
            f"summaries do not support language {lang!r}; supported: {supported}"
        )
    return code, LANGUAGES[code]


def check_length(sentences: int | None, ratio: float | None) -> None:
    """Reject N <= 0, a ratio outside (0, 1], or both given.

    Raises :class:`~confl10n.errors.InvalidOptionError`.
    """
    if sentences is not None and ratio is not None:
        raise InvalidOptionError("give a number of sentences or a ratio, not both")
    if sentences is not None and not _is_count(sentences, minimum=1):
        raise InvalidOptionError(f"sentences must be a whole number >= 1, got {sentences!r}")
    if ratio is not None and not (_is_number(ratio) and 0 < ratio <= 1):
        raise InvalidOptionError(f"ratio must be in (0, 1], got {ratio!r}")


def check_lede(lede: int | None) -> None:
    """The lede's length: ``None`` (by length), or a whole number >= 0 (0: no lede).

    Raises :class:`~confl10n.errors.InvalidOptionError` for a negative or non-integer lede.
    """
    if lede is not None and not _is_count(lede, minimum=0):
        raise InvalidOptionError(f"lede must be a whole number >= 0, got {lede!r}")


def check_lede_mode(mode: str) -> str:
    """``mode`` in lower case if it is one of :data:`LEDE_MODES`."""
    key = mode.strip().lower() if isinstance(mode, str) else ""
    if key not in LEDE_MODES:
        choices = ", ".join(LEDE_MODES)
        raise InvalidOptionError(f"unknown lede mode {mode!r}; choose one of: {choices}")
    return key


def has_words(body: Sequence[Sentence]) -> bool:
    """True when some sentence has a letter in it (the summarizers need words)."""
    return any(ch.isalpha() for sentence in body for ch in sentence.text)


def check_body(body: Sequence[Sentence], where: str) -> None:
    """A summary needs sentences, and words with letters in them.

    Raises :class:`~confl10n.errors.InputError` when it has none (or only numbers and
    punctuation).
    """
    if not body:
        raise InputError(f"{where} has no sentences to summarize")
    if not has_words(body):
        raise InputError(f"{where} has no words to summarize (only numbers or punctuation)")


def count(size: int, sentences: int | None, ratio: float | None) -> int:
    """How many of ``size`` sentences to keep: N, a ratio (at least 1), or by length."""
    if sentences is not None:
        return min(sentences, size)
    if ratio is not None:
        return max(1, math.floor(ratio * size + 0.5))
    return 1 if size <= 3 else 2 if size <= 8 else 3


def cue_words(
    article: Article,
    algorithm: str,
    languages: tuple[str, str],
    word_lists: tuple[Iterable[str] | None, ...],
) -> tuple[frozenset[str], ...] | None:
    """Edmundson's bonus, stigma and null words; ``None`` for the other algorithms.

    Defaults: bonus words are the title's and headings' content words, null
    words the language's stop words, and there are no stigma words.

    Raises :class:`~confl10n.errors.InvalidOptionError` for word lists given to another
    algorithm.
    """
    if algorithm != "edmundson":
        if any(words is not None for words in word_lists):
            raise InvalidOptionError("bonus, stigma and null words apply to edmundson only")
        return None
    bonus, stigma, null = (None if w is None else frozenset(w) for w in word_lists)
    stop = stop_words(languages[1])
    if bonus is None:
        bonus = frozenset(_content_words(_headings(article), languages[0], stop))
    return bonus or _NONE, stigma or _NONE, stop if null is None else null or _NONE


def _headings(article: Article) -> list[str]:
    """The title and every section heading, in order."""
    heads = [article.title] + [section.heading for section in article.sections]
    return [head.text for head in heads if head is not None]


def _content_words(texts: Iterable[str], lang: str, stop: frozenset[str]) -> list[str]:
    """Words of ``texts`` with a letter in them and not stop words."""
    words = (w for text in texts for w in split_words(text, lang=lang))
    return [w for w in words if has_letters(w) and w.lower() not in stop]


def _is_count(value: object, *, minimum: int) -> bool:
    """A whole number (not a bool) of at least ``minimum``."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _is_number(value: object) -> bool:
    """An int or float, not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)
