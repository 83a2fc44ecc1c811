"""Package tokenizers: SentencePiece and BPE encode, decode like argostranslate, cut points."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.errors import ModelPackageError
from confl10n.translate.argos.tokenizers import BpeTokenizer, SentencePieceTokenizer, load_tokenizer

# subword-nmt codes: merges in order, applied to Moses tokens.
BPE_CODES = "#version: 0.2\nt h\nth e</w>\ni n\nin g</w>\no n\nc on\n"


def test_sentencepiece_round_trip_and_word_starts(argos_tokenizer: Path) -> None:
    tokenizer = load_tokenizer(argos_tokenizer, source="en", target="zh")
    assert isinstance(tokenizer, SentencePieceTokenizer)
    tokens = tokenizer.encode("Shanghai opened the conference.")
    assert tokenizer.decode(tokens) == "Shanghai opened the conference."
    starts = tokenizer.word_starts(tokens)
    assert [tokens[i].startswith("▁") for i in starts] == [True] * len(starts)
    assert len(starts) == 4


def test_sentencepiece_decoding_turns_underscores_into_spaces_like_argos(
    argos_tokenizer: Path,
) -> None:
    tokenizer = SentencePieceTokenizer(argos_tokenizer)
    assert tokenizer.decode(tokenizer.encode("snake_case")) == "snake case"


def test_bpe_segments_words_and_joins_them_back(tmp_path: Path) -> None:
    codes = tmp_path / "bpe.model"
    codes.write_text(BPE_CODES, encoding="utf-8")
    tokenizer = load_tokenizer(codes, source="en", target="de")
    assert isinstance(tokenizer, BpeTokenizer)
    tokens = tokenizer.encode("The thing, on con.")
    assert tokens == ["T@@", "h@@", "e", "th@@", "ing", ",", "o@@", "n", "c@@", "o@@", "n", "."]
    assert tokenizer.decode(tokens) == "The thing, on con."
    assert tokenizer.word_starts(tokens) == [3, 5, 6, 8, 11]


def test_unreadable_sentencepiece_model_is_a_package_error(tmp_path: Path) -> None:
    broken = tmp_path / "sentencepiece.model"
    broken.write_bytes(b"not a model")
    with pytest.raises(ModelPackageError, match="unreadable SentencePiece model"):
        SentencePieceTokenizer(broken)
