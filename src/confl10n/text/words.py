"""Word tokenization per language, for summarizers and anything else that counts words.

Words are exact substrings of the input, returned with their ``[start, end)``
spans so callers can point back at the source. Numbers are words: ``1,926``,
``10.2`` and ``2024`` stay whole, because figures carry much of a news story.

* Chinese (``zh``): runs of Han characters are cut by jieba (imported here
  only, on first use); numbers and Latin words around them are cut by the
  regular expression below, so jieba never splits ``1,926`` or drops digits.
* Japanese (``ja``): no dictionary is bundled, so runs of kanji, hiragana and
  katakana become separate words (a rough cut, better than whole clauses).
* Every other language: one Unicode-aware expression — letters, digits and
  combining marks, joined by inner apostrophes and hyphens, and digits joined
  by ``.`` or ``,`` (decimal and group separators).
"""

from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from confl10n._fs import user_dir
from confl10n.languages import language_of

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["has_letters", "split_words", "word_spans"]

# Combining marks of the scripts sumy has stop words for (Latin in NFD form, Hebrew,
# Arabic, Thai): Python's \w does not match them, yet they belong inside words.
_MARKS = (
    "\u0300-\u036f"  # Latin (combining diacritics)
    "\u0591-\u05c7"  # Hebrew
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Arabic
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # Thai
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_JOIN = r"(?:['’\-]|(?<=\d)[.,](?=\d))"


def _token_pattern(char: str) -> str:
    """A word made of ``char``s, with inner apostrophes/hyphens and digit separators."""
    return rf"{char}+(?:{_JOIN}{char}+)*"


_GENERIC = re.compile(_token_pattern(rf"(?:[^\W_]|[{_MARKS}])"))
_NOT_CJK = rf"(?:(?![{_HAN}{_KANA}])(?:[^\W_]|[{_MARKS}]))"
_ZH = re.compile(rf"(?P<han>[{_HAN}]+)|{_token_pattern(_NOT_CJK)}")
_JA = re.compile(
    rf"[{_HAN}々]+|[\u3040-\u309fー]+|[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9fー]+|"
    + _token_pattern(_NOT_CJK)
)

_jieba_lock = threading.Lock()
_jieba_tokenizer: Any = None


def word_spans(text: str, *, lang: str = "en") -> list[tuple[int, int]]:
    """Return the ``[start, end)`` span of every word of ``text``, in order."""
    base = language_of(lang)
    if base == "zh":
        return list(_chinese_spans(text))
    pattern = _JA if base == "ja" else _GENERIC
    return [m.span() for m in pattern.finditer(text)]


def split_words(text: str, *, lang: str = "en") -> list[str]:
    """Return the words of ``text`` (exact substrings, numbers included), in order."""
    return [text[start:end] for start, end in word_spans(text, lang=lang)]


def has_letters(word: str) -> bool:
    """Tell whether ``word`` has a letter, i.e. is more than a number."""
    return any(ch.isalpha() for ch in word)


def _chinese_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Chinese text: jieba inside Han runs, the regex everywhere else."""
    for match in _ZH.finditer(text):
        if match.group("han") is None:
            yield match.span()
            continue
        offset = match.start()
        for _word, start, end in _jieba().tokenize(match.group()):
            yield offset + start, offset + end


def _jieba() -> Any:
    """The process's one jieba tokenizer, built on first use (thread-safe)."""
    global _jieba_tokenizer
    if _jieba_tokenizer is not None:  # loaded: no need to take the lock
        return _jieba_tokenizer
    with _jieba_lock:
        if _jieba_tokenizer is None:
            _jieba_tokenizer = _load_jieba(_cache_dir())
        return _jieba_tokenizer


def _load_jieba(cache_dir: Path) -> Any:
    """A jieba tokenizer with its dictionary loaded, cached under ``cache_dir``."""
    jieba = _import_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    # Unwritable cache dir: jieba fails to save its cache (silently) and rebuilds next time.
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.initialize()
    return tokenizer


def _import_jieba() -> Any:
    """Import jieba without its noise: a warning on import and progress logs on stderr."""
    import logging
    import warnings

    with warnings.catch_warnings():
        # jieba imports pkg_resources, which warns on import (once per process, under our lock).
        warnings.filterwarnings("ignore", message="pkg_resources", category=UserWarning)
        import jieba

    jieba.setLogLevel(logging.CRITICAL)  # a library stays silent
    return jieba


def _cache_dir() -> Path:
    """Where jieba's dictionary cache goes: ``$XDG_CACHE_HOME/confl10n`` (or ``~/.cache``)."""
    return user_dir("cache") / "confl10n"
