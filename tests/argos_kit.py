"""Tiny Argos packages built locally, so tests run the real translation path offline.

No real Argos model can be downloaded here, so the suite makes its own: a
SentencePiece model trained on local text and a CTranslate2 Transformer built
with the spec API from numpy weights. The weights are not random noise: they
are set so the model *copies* its input (cross-attention matches decoder and
encoder positions and carries the token embedding across), which gives
deterministic, input-dependent output that ends with ``</s>``. ``output_bias``
pushes chosen tokens up or down to make the model loop on purpose;
``substitutions`` make it write other words for some (its attention still on the
word it translates), and ``alignment_layer`` says whose attention CTranslate2
returns.

Plain functions only; fixtures that use them live in ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

SPECIAL_PIECES = ("<unk>", "<s>", "</s>")


@dataclass(frozen=True)
class ModelShape:
    """Size of the kit Transformer; the default is tiny, ``BASE`` is Transformer-base."""

    encoder_layers: int = 2
    decoder_layers: int = 2
    d_model: int = 64
    heads: int = 2
    ffn: int = 128
    positions: int = 256
    vocab_size: int = 0  # 0: just the SentencePiece pieces; more: padded with filler pieces
    quantization: str | None = None
    output_bias: Mapping[str, float] = field(default_factory=dict)
    prefix_tokens: int = 0  # forced target-prefix tokens the copy must skip over
    # Pieces written as other pieces ("▁great": "▁new"): the two rows of the output
    # projection are swapped, so each comes out as the other, where the source had it.
    substitutions: Mapping[str, str] = field(default_factory=dict)
    # The decoder layer whose cross-attention (first head) CTranslate2 returns: -1, the
    # last, is what an Argos package converted from OpenNMT-py returns, and is flat here;
    # 0 is the copying layer, so the attention points at the word being translated.
    alignment_layer: int = -1


BASE = ModelShape(6, 6, 512, 8, 2048, 512, 32000, "int8")

# Output biases that break the copy model on purpose (for the degeneration guard):
# LOOPING repeats "the" dozens of times, but a no-repeat n-gram retry recovers;
# RUNAWAY can never emit </s>, so even the retry runs to the limit.
LOOPING: Mapping[str, float] = {"▁the": 1000.0}
RUNAWAY: Mapping[str, float] = {"▁the": 30.0, "</s>": -1000.0}


def corpus_lines(paths: Iterable[Path]) -> list[str]:
    """The non-blank lines of local text files, to train the tokenizer on."""
    lines: list[str] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines.extend(line.strip() for line in text.splitlines() if line.strip())
    return lines


def train_sentencepiece(
    lines: Sequence[str],
    folder: Path,
    *,
    vocab_size: int = 320,
    user_symbols: Sequence[str] = (),
) -> Path:
    """Train a small unigram SentencePiece model on ``lines``; return ``sentencepiece.model``."""
    import sentencepiece as spm

    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / "sentencepiece"
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        shuffle_input_sentence=False,
        hard_vocab_limit=False,
        user_defined_symbols=list(user_symbols),
        minloglevel=2,
    )
    prefix.with_suffix(".vocab").unlink()
    return prefix.with_suffix(".model")


def vocabulary(sp_model: Path, size: int = 0) -> list[str]:
    """The model vocabulary: the SentencePiece pieces, padded with fillers up to ``size``."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    assert tuple(pieces[:3]) == SPECIAL_PIECES, pieces[:3]
    pieces += [f"<filler{i}>" for i in range(max(0, size - len(pieces)))]
    return pieces


def build_model(
    sp_model: Path, folder: Path, *, shape: ModelShape = ModelShape(), seed: int = 0
) -> Path:
    """Write a CTranslate2 copy-model whose vocabulary is ``sp_model``'s pieces to ``folder``."""
    from ctranslate2.specs import transformer_spec

    tokens = vocabulary(sp_model, shape.vocab_size)
    weights = _Weights(np.random.default_rng(seed), shape, len(tokens))
    spec = transformer_spec.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers),
        shape.heads,
        alignment_layer=shape.alignment_layer,
    )
    spec.config.add_source_eos = True  # the copy model ends by copying the source's </s>
    _fill_encoder(spec.encoder, weights)
    swaps = [(tokens.index(a), tokens.index(b)) for a, b in shape.substitutions.items()]
    _fill_decoder(spec.decoder, weights, _bias(tokens, shape.output_bias), swaps)
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=shape.quantization)
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))
    return folder


def package_name(from_code: str, to_code: str, version: str) -> str:
    """Argos's folder name for a package, e.g. ``translate-en_zh-1_9``."""
    return f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"


def write_package(
    root: Path,
    sp_model: Path,
    *,
    from_code: str = "en",
    to_code: str = "zh",
    version: str = "1.0",
    target_prefix: str = "",
    shape: ModelShape = ModelShape(),
    seed: int = 0,
) -> Path:
    """Build a complete package folder ``root/translate-<from>_<to>-<ver>/``; return it."""
    folder = root / package_name(from_code, to_code, version)
    folder.mkdir(parents=True)
    shape = replace(shape, prefix_tokens=1) if target_prefix else shape
    build_model(sp_model, folder / "model", shape=shape, seed=seed)
    shutil.copyfile(sp_model, folder / "sentencepiece.model")
    metadata = _metadata(from_code, to_code, version, target_prefix)
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return folder


def pack_argosmodel(package: Path, destination: Path) -> Path:
    """Zip a package folder into ``destination`` (an ``.argosmodel`` file) and return it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package.rglob("*")):
            archive.write(path, Path(package.name) / path.relative_to(package))
    return destination


def install_package(package: Path, packages_dir: Path) -> Path:
    """Copy a package folder (or extract an ``.argosmodel``) into ``packages_dir``."""
    packages_dir.mkdir(parents=True, exist_ok=True)
    if package.is_dir():
        return Path(shutil.copytree(package, packages_dir / package.name))
    with zipfile.ZipFile(package) as archive:
        top = {Path(name).parts[0] for name in archive.namelist()}
        assert len(top) == 1, top
        archive.extractall(packages_dir)
    return packages_dir / top.pop()


def _metadata(from_code: str, to_code: str, version: str, target_prefix: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": from_code.upper(),
        "to_code": to_code,
        "to_name": to_code.upper(),
        "type": "translate",
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    return metadata


def _bias(tokens: list[str], output_bias: Mapping[str, float]) -> np.ndarray:
    bias = np.zeros(len(tokens), dtype=np.float32)
    for token, value in output_bias.items():
        bias[tokens.index(token)] = value
    return bias


class _Weights:
    """The copy construction: token identity lives in the first half of each vector,
    position in the second half, so attention can match positions and move tokens."""

    def __init__(self, rng: np.random.Generator, shape: ModelShape, vocab: int) -> None:
        self.rng, self.shape = rng, shape
        self.half, self.code = shape.d_model // 2, shape.d_model // shape.heads
        self.embeddings = self._place(self._unit(rng.standard_normal((vocab, self.code))), 0)
        self.positions = self._place(self._unit(self._circle(shape.positions)), self.half)

    def _circle(self, count: int) -> np.ndarray:
        # Points on circles of several frequencies: their dot product peaks sharply at
        # equal positions, which is what the cross-attention matches on.
        angles = np.outer(np.arange(count), np.linspace(0.5, 3.0, self.code // 2))
        return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)

    @staticmethod
    def _unit(codes: np.ndarray) -> np.ndarray:
        codes = codes - codes.mean(axis=1, keepdims=True)
        unit: np.ndarray = codes / np.linalg.norm(codes, axis=1, keepdims=True)
        return unit

    def _place(self, codes: np.ndarray, offset: int) -> np.ndarray:
        """Codes scaled by 4 at dims ``offset:offset+code`` of zero ``d_model`` vectors."""
        full = np.zeros((len(codes), self.shape.d_model), dtype=np.float32)
        full[:, offset : offset + self.code] = codes * 4
        return full

    def noise(self, *dims: int) -> np.ndarray:
        """Small random weights: every layer computes, nothing disturbs the copy."""
        return (self.rng.standard_normal(dims) * 1e-3).astype(np.float32)

    def block(self, rows: slice, cols: slice, gain: float, out: int = 0) -> np.ndarray:
        """A ``d x d`` (or ``out x d``) matrix copying dims ``cols`` to ``rows`` with ``gain``."""
        matrix = self.noise(out or self.shape.d_model, self.shape.d_model)
        size = rows.stop - rows.start
        matrix[rows, cols] += np.eye(size, dtype=np.float32) * gain
        return matrix


def _fill_norm(norm: Any, d_model: int) -> None:
    norm.gamma = np.ones(d_model, dtype=np.float32)
    norm.beta = np.zeros(d_model, dtype=np.float32)


def _fill_ffn(ffn: Any, w: _Weights) -> None:
    d, hidden = w.shape.d_model, w.shape.ffn
    _fill_norm(ffn.layer_norm, d)
    ffn.linear_0.weight, ffn.linear_0.bias = w.noise(hidden, d), w.noise(hidden)
    ffn.linear_1.weight, ffn.linear_1.bias = w.noise(d, hidden), w.noise(d)


def _fill_self_attention(attention: Any, w: _Weights) -> None:
    d = w.shape.d_model
    _fill_norm(attention.layer_norm, d)
    attention.linear[0].weight, attention.linear[0].bias = w.noise(3 * d, d), w.noise(3 * d)
    attention.linear[1].weight, attention.linear[1].bias = w.noise(d, d), w.noise(d)


def _fill_cross_attention(attention: Any, w: _Weights) -> None:
    # Head 0 only: its query and key are the position halves (sharpened), its value
    # the token half; the output adds that token, amplified, to the decoder's state.
    d, half = w.shape.d_model, w.half
    head = slice(0, w.code)
    _fill_norm(attention.layer_norm, d)
    query = w.block(slice(0, head.stop), slice(half, half + head.stop), 60.0)
    keys = w.block(slice(0, head.stop), slice(half, half + head.stop), 1.0, out=2 * d)
    keys[d : d + head.stop, : head.stop] += np.eye(head.stop, dtype=np.float32)
    attention.linear[0].weight, attention.linear[0].bias = query, w.noise(d)
    attention.linear[1].weight, attention.linear[1].bias = keys, w.noise(2 * d)
    attention.linear[2].weight, attention.linear[2].bias = w.block(head, head, 8.0), w.noise(d)


def _fill_encoder(encoder: Any, w: _Weights) -> None:
    encoder.embeddings[0].weight = w.embeddings
    encoder.scale_embeddings = False
    encoder.position_encodings.encodings = w.positions
    _fill_norm(encoder.layer_norm, w.shape.d_model)
    for layer in encoder.layer:
        _fill_self_attention(layer.self_attention, w)
        _fill_ffn(layer.ffn, w)


def _fill_decoder(
    decoder: Any, w: _Weights, bias: np.ndarray, swaps: Sequence[tuple[int, int]] = ()
) -> None:
    decoder.embeddings.weight = w.embeddings
    decoder.scale_embeddings = False
    # Shifted so that after a forced prefix the copy resumes at the first source token.
    shift = w.shape.prefix_tokens
    decoder.position_encodings.encodings = np.roll(w.positions, shift, axis=0)
    _fill_norm(decoder.layer_norm, w.shape.d_model)
    projection = w.embeddings.copy()
    for a, b in swaps:
        projection[[a, b]] = projection[[b, a]]
    decoder.projection.weight = projection
    decoder.projection.bias = bias
    for index, layer in enumerate(decoder.layer):
        _fill_self_attention(layer.self_attention, w)
        if index == 0:
            _fill_cross_attention(layer.attention, w)
        else:
            _fill_quiet_cross_attention(layer.attention, w)
        _fill_ffn(layer.ffn, w)


def _fill_quiet_cross_attention(attention: Any, w: _Weights) -> None:
    d = w.shape.d_model
    _fill_norm(attention.layer_norm, d)
    attention.linear[0].weight, attention.linear[0].bias = w.noise(d, d), w.noise(d)
    attention.linear[1].weight, attention.linear[1].bias = w.noise(2 * d, d), w.noise(2 * d)
    attention.linear[2].weight, attention.linear[2].bias = w.noise(d, d), w.noise(d)
