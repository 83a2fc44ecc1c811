"""The subword tokenizers Argos packages ship: SentencePiece or BPE (``bpe.model``).

Encoding and decoding reproduce argostranslate's own tokenizer classes, so a
sentence translated here comes out exactly as argostranslate would print it.
The libraries are imported when a tokenizer is first used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from confl10n.errors import ModelPackageError

_SPACE = "▁"  # SentencePiece's word-start marker


class Tokenizer(Protocol):
    """Turns a sentence into the model's tokens and tokens back into text."""

    def encode(self, text: str) -> list[str]:
        """The tokens of ``text``."""
        ...

    def decode(self, tokens: Sequence[str]) -> str:
        """The text of ``tokens``."""
        ...

    def word_starts(self, tokens: Sequence[str]) -> list[int]:
        """Indexes where a new word starts: where a long input may be cut."""
        ...


def load_tokenizer(path: Path, *, source: str, target: str) -> Tokenizer:
    """The tokenizer stored at ``path`` (``sentencepiece.model`` or ``bpe.model``)."""
    if path.name == "bpe.model":
        return BpeTokenizer(path, source=source, target=target)
    return SentencePieceTokenizer(path)


def tokenizer_problem(path: Path) -> str | None:
    """Why the tokenizer file at ``path`` cannot be loaded, or None if it loads.

    For listings: a SentencePiece model is loaded (about 5 ms for a real 800 kB
    package model); BPE codes must be UTF-8 lines of two symbols each (after an
    optional ``#version:`` line), which is what argostranslate's reader needs.
    """
    try:
        if path.name == "bpe.model":
            return _bpe_problem(path)
        SentencePieceTokenizer(path)
    except ModelPackageError as exc:
        return str(exc).partition(": ")[2] or str(exc)
    return None


def _bpe_problem(path: Path) -> str | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = _reason(exc, path)
        raise ModelPackageError(f"{_label(path)}: unreadable BPE codes ({reason})") from exc
    codes = lines[1:] if lines and lines[0].startswith("#version:") else lines
    pairs = (len(line.strip("\r\n ").split(" ")) == 2 for line in codes)
    bad = next((n for n, pair in enumerate(pairs, 1) if not pair), None)
    if not codes or bad is not None:
        return f"unreadable BPE codes (line {bad or 1} is not a pair of symbols)"
    return None


class SentencePieceTokenizer:
    """A SentencePiece model, loaded once."""

    def __init__(self, path: Path) -> None:
        import sentencepiece

        try:
            self._processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
        except (OSError, RuntimeError) as exc:
            reason = _reason(exc, path)
            raise ModelPackageError(
                f"{_label(path)}: unreadable SentencePiece model ({reason})"
            ) from exc

    def encode(self, text: str) -> list[str]:
        """The pieces of ``text``."""
        pieces: list[str] = self._processor.encode(text, out_type=str)
        return pieces

    def decode(self, tokens: Sequence[str]) -> str:
        """The text of ``tokens``; like argostranslate, ``▁`` and ``_`` become spaces."""
        text: str = self._processor.decode_pieces(list(tokens))
        return text.replace(_SPACE, " ").replace("_", " ")

    def word_starts(self, tokens: Sequence[str]) -> list[int]:
        """Indexes of the pieces that begin a word."""
        return [i for i, token in enumerate(tokens) if token.startswith(_SPACE)]


class BpeTokenizer:
    """Moses tokenization plus BPE codes, as argostranslate applies them."""

    def __init__(self, path: Path, *, source: str, target: str) -> None:
        from argostranslate.apply_bpe import BPE
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer

        self._normalizer = MosesPunctNormalizer(source)
        self._tokenizer = MosesTokenizer(source)
        self._detokenizer = MosesDetokenizer(target)
        try:
            with path.open(encoding="utf-8") as codes:
                self._bpe: Any = BPE(codes)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ModelPackageError(
                f"{_label(path)}: unreadable BPE codes ({_reason(exc, path)})"
            ) from exc

    def encode(self, text: str) -> list[str]:
        """The BPE segments of ``text``."""
        words = " ".join(self._tokenizer.tokenize(self._normalizer.normalize(text)))
        segments: list[str] = self._bpe.segment_tokens(words.strip("\r\n ").split(" "))
        return segments

    def decode(self, tokens: Sequence[str]) -> str:
        """The detokenized text of ``tokens`` (``@@`` joins a word's segments)."""
        text: str = self._detokenizer.detokenize(" ".join(tokens).replace("@@ ", "").split(" "))
        return text

    def word_starts(self, tokens: Sequence[str]) -> list[int]:
        """Indexes of the segments that follow a complete word."""
        return [i for i in range(1, len(tokens)) if not tokens[i - 1].endswith("@@")]


def _label(path: Path) -> str:
    """``<package folder>/<file>``: where the work folder of an install is no one's concern."""
    return f"{path.parent.name}/{path.name}"


def _reason(exc: Exception, path: Path) -> str:
    """The library's message, with the full path it may quote shortened to the label."""
    return (
        str(exc).replace(str(path), _label(path)).splitlines()[0]
        if str(exc)
        else type(exc).__name__
    )
