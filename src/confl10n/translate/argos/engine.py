"""The Argos engine: installed Argos packages run with CTranslate2 directly.

argostranslate itself is not used: its sentence splitters download models at
run time. Sentences come already segmented; each is tokenized with the
package's own tokenizer and decoded with argostranslate's options (beam 4,
length penalty 0.2, unknowns replaced, 256 tokens at most), so the text equals
what ``argostranslate.translate.translate`` gives for the same sentence.

One difference on purpose: argostranslate batches by 32 *tokens*, which is one
sentence per batch; here a batch holds up to ``batch_tokens`` (1024) tokens,
sorted by length. The output is the same and several times faster. And where
a package has a ``target_prefix``, argostranslate (argos-translate-lt 1.12)
turns the prefix's underscores into spaces before stripping it, so " zh  "
leaks into its output; here the prefix token is dropped before decoding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from confl10n.errors import (
    EngineUnavailableError,
    InvalidOptionError,
    ModelPackageError,
    TranslationError,
)
from confl10n.text.inline import AlignedWord
from confl10n.translate.argos.alignment import aligned_words, segmented
from confl10n.translate.argos.packages import PackageInfo, broken_package, installed_packages
from confl10n.translate.argos.packages import models_dir as resolve_models_dir
from confl10n.translate.argos.tokenizers import Tokenizer, load_tokenizer
from confl10n.translate.argos.unknowns import has_unknowns, replace_unknowns, source_vocabulary
from confl10n.translate.engine import EngineIdentity, EngineStatus, InstallHint, checksum_once

DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = (
    "auto",
    "bfloat16",
    "default",
    "float16",
    "float32",
    "int16",
    "int8",
    "int8_bfloat16",
    "int8_float16",
    "int8_float32",
)


@dataclass(frozen=True, slots=True)
class Decoding:
    """CTranslate2 decoding options; the defaults are argostranslate's."""

    beam_size: int = 4
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    max_batch_size: int = 1024
    batch_type: str = "tokens"
    replace_unknowns: bool = True
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0

    def careful(self) -> Decoding:
        """The same options plus the anti-repetition ones used to retry a runaway output."""
        return replace(self, repetition_penalty=1.2, no_repeat_ngram_size=3)

    @property
    def max_input_tokens(self) -> int:
        """Longer inputs are cut: half the decoding limit leaves the output room to finish."""
        return self.max_decoding_length // 2


@dataclass(frozen=True, slots=True)
class _Model:
    package: PackageInfo
    translator: Any
    tokenizer: Tokenizer
    known: frozenset[str] | None = None  # the source vocabulary (None: unreadable)


class ArgosEngine:
    """Translate with the Argos packages installed in ``models_dir``.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown device or
    compute type, fewer than 0 threads or a beam narrower than 1.
    """

    name = "argos"

    def __init__(
        self,
        *,
        models_dir: str | Path | None = None,
        device: str = "cpu",
        threads: int = 0,
        compute_type: str = "default",
        beam_size: int = 4,
        batch_tokens: int = 1024,
    ) -> None:
        self._device = _choice("device", device, DEVICES)
        self._compute_type = _choice("compute type", compute_type, COMPUTE_TYPES)
        self._threads = _at_least("threads", threads, 0)
        self._decoding = Decoding(
            beam_size=_at_least("beam size", beam_size, 1),
            max_batch_size=_at_least("batch tokens", batch_tokens, 1),
        )
        self._folder = resolve_models_dir(models_dir)
        self._index: dict[tuple[str, str], PackageInfo] | None = None
        self._models: dict[tuple[str, str], _Model] = {}
        self._identities: dict[tuple[str, str], EngineIdentity] = {}

    def pairs(self) -> list[tuple[str, str]]:
        """The pairs the installed packages translate directly."""
        return sorted(self._packages())

    def identity(self, source: str, target: str) -> EngineIdentity:
        """The package for the pair, with a checksum of its files (computed once)."""
        pair = (source, target)
        if pair not in self._identities:
            package = self._package(pair)
            self._identities[pair] = EngineIdentity(
                engine=self.name,
                model=package.name,
                version=package.package_version,
                checksum=_checksum(package),
            )
        return self._identities[pair]

    def loaded_models(self) -> tuple[Path, ...]:
        """The package folders whose CTranslate2 model this engine has loaded (each once)."""
        return tuple(model.package.path for model in self._models.values())

    def decoding_options(self) -> dict[str, object]:
        """The decoding options that shape the output, for cache keys and provenance (not
        the batch size: a sentence comes out the same in any batch, and ``serve`` uses
        smaller batches than ``build``)."""
        options = {**asdict(self._decoding), "compute_type": self._compute_type}
        return {k: v for k, v in options.items() if k not in ("max_batch_size", "batch_type")}

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate each sentence with argostranslate's decoding options.

        Raises :class:`~confl10n.errors.EngineUnavailableError` when no package does
        the pair, :class:`~confl10n.errors.ModelPackageError` when its model cannot be
        loaded, :class:`~confl10n.errors.TranslationError` when CTranslate2 fails.
        """
        return self._translate(sentences, (source, target), self._decoding)

    def retry_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate again, penalising repetition (for outputs that ran away)."""
        return self._translate(sentences, (source, target), self._decoding.careful())

    def hypotheses_batch(
        self, sentences: Sequence[str], source: str, target: str, count: int
    ) -> list[list[str]]:
        """Up to ``count`` translations of each sentence, best first: CTranslate2's
        n-best list (``num_hypotheses``) from a beam at least ``count`` wide; the
        first is what :meth:`translate_batch` gives whenever the beam is not widened.

        Raises as :meth:`translate_batch`, and InvalidOptionError for ``count`` below 1.
        """
        count = _at_least("hypotheses count", count, 1)
        decoding = replace(self._decoding, beam_size=max(self._decoding.beam_size, count))
        ranked = self._ranked(sentences, (source, target), decoding, count)
        return [list(dict.fromkeys(texts)) for texts in ranked]

    def align_batch(
        self, pairs: Sequence[tuple[str, str]], source: str, target: str
    ) -> list[tuple[AlignedWord, ...]]:
        """For each ``(sentence, translation)``, the translation's words with the sentence's
        word each aligns with, from the model's attention while the translation is forced on
        it (:mod:`~confl10n.translate.argos.alignment`); ``()`` for an empty text, one too
        long to decode at once, or one the tokenizer rewrites.

        Raises as :meth:`translate_batch`.
        """
        model = self._model((source, target))
        tokens = [(model.tokenizer.encode(a), model.tokenizer.encode(b)) for a, b in pairs]
        limit = self._decoding.max_decoding_length - 1
        fits = [i for i, (a, b) in enumerate(tokens) if a and b and max(len(a), len(b)) < limit]
        attentions = _forced(model, [tokens[i] for i in fits], self._decoding.max_batch_size)
        found: list[tuple[AlignedWord, ...]] = [() for _ in pairs]
        for index, attention in zip(fits, attentions, strict=True):
            found[index] = _aligned(model.tokenizer, pairs[index], tokens[index], attention)
        return found

    def _translate(
        self, sentences: Sequence[str], pair: tuple[str, str], decoding: Decoding
    ) -> list[str]:
        return [texts[0] for texts in self._ranked(sentences, pair, decoding, 1)]

    def _ranked(
        self, sentences: Sequence[str], pair: tuple[str, str], decoding: Decoding, count: int
    ) -> list[list[str]]:
        """Each sentence's ``count`` translations, best first (a sentence cut into
        chunks joins its chunks' same-ranked outputs, or their best where fewer)."""
        model = self._model(pair)
        pieces = [model.tokenizer.encode(sentence) for sentence in sentences]
        chunks, owners = _cut(pieces, model.tokenizer, decoding.max_input_tokens)
        outputs = _run(model, chunks, decoding, hypotheses=count)
        joined: list[list[list[str]]] = [[[] for _ in range(count)] for _ in sentences]
        for owner, ranked in zip(owners, outputs, strict=True):
            for rank in range(count):
                joined[owner][rank].extend(ranked[min(rank, len(ranked) - 1)])
        return [[_detokenize(model, tokens) for tokens in ranks] for ranks in joined]

    def _packages(self) -> dict[tuple[str, str], PackageInfo]:
        if self._index is None:
            packages, _problems = installed_packages(self._folder)
            newest = sorted(packages, key=lambda p: _version_key(p.package_version))
            self._index = {package.pair: package for package in newest}
        return self._index

    def _package(self, pair: tuple[str, str]) -> PackageInfo:
        try:
            return self._packages()[pair]
        except KeyError:
            broken = self.broken(*pair)
            if broken:
                raise ModelPackageError(broken) from None
            raise EngineUnavailableError(
                f"no Argos package for {pair[0]}->{pair[1]} in {self._folder}"
            ) from None

    def broken(self, source: str, target: str) -> str | None:
        """``broken Argos package <folder>: <problem>`` for an installed but broken
        package of the pair, or None."""
        problem = broken_package(self._folder, (source, target))
        return f"broken Argos package {problem}" if problem else None

    def _model(self, pair: tuple[str, str]) -> _Model:
        if pair not in self._models:
            package = self._package(pair)
            tokenizer = load_tokenizer(package.tokenizer, source=pair[0], target=pair[1])
            known = source_vocabulary(package.path / "model")
            self._models[pair] = _Model(package, self._load(package), tokenizer, known)
        return self._models[pair]

    def _load(self, package: PackageInfo) -> Any:
        return load_translator(
            package.path / "model",
            name=package.name,
            device=self._device,
            threads=self._threads,
            compute_type=self._compute_type,
        )


def load_translator(
    model: Path,
    *,
    name: str,
    device: str = "cpu",
    threads: int = 0,
    compute_type: str = "default",
) -> Any:
    """A CTranslate2 translator for a package's ``model/`` folder, or ModelPackageError.

    The one place CTranslate2 is imported: installing a package loads it here too.

    Raises :class:`~confl10n.errors.EngineUnavailableError` for ``cuda`` without a CUDA
    device.
    """
    import ctranslate2

    if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        raise EngineUnavailableError("device 'cuda': CTranslate2 sees no CUDA device here")
    options: dict[str, Any] = {"device": device, "inter_threads": 1}
    options.update(intra_threads=threads, compute_type=compute_type)
    try:
        return ctranslate2.Translator(str(model), **options)
    except Exception as exc:  # any load failure means the package cannot translate
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelPackageError(f"{name}: CTranslate2 cannot load model/ ({reason})") from exc


def probe_package(package: PackageInfo, translator: Any) -> None:
    """Translate one short sentence with ``package``'s tokenizer and ``translator``.

    Raises ModelPackageError when the tokenizer cannot be loaded or the two do not
    work together, so a broken ``sentencepiece.model`` or ``bpe.model`` is found at
    install time rather than at the first translation.
    """
    name = package.name
    tokenizer = load_tokenizer(package.tokenizer, source=package.from_code, target=package.to_code)
    model = _Model(package, translator, tokenizer)
    try:
        pieces = tokenizer.encode("Hello, world.")
        tokens = _run(model, [pieces], Decoding(beam_size=1, max_decoding_length=8))[0][0]
        _detokenize(model, tokens)
    except (TranslationError, RuntimeError, ValueError, LookupError, TypeError) as exc:
        raise ModelPackageError(
            f"{name}: tokenizer and model fail a test sentence ({exc})"
        ) from exc
    if not pieces:
        raise ModelPackageError(
            f"{name}: {package.tokenizer.name} turns a test sentence into nothing"
        )


def _run(
    model: _Model, chunks: list[list[str]], decoding: Decoding, *, hypotheses: int = 1
) -> list[list[list[str]]]:
    """Each chunk's ranked token lists out of CTranslate2, best first, at most
    ``hypotheses`` of them (an empty chunk gets one empty list).

    Where a chunk holds tokens out of the model's vocabulary, unknown outputs are put
    back by :func:`~confl10n.translate.argos.unknowns.replace_unknowns` (from the
    attention) instead of CTranslate2's ``replace_unknowns``.
    """
    outputs: list[list[list[str]]] = [[[]] for _ in chunks]
    work = [i for i, chunk in enumerate(chunks) if chunk]
    if not work:
        return outputs
    prefix, sent = model.package.target_prefix, [chunks[i] for i in work]
    aligned = _aligns(model, sent, decoding)
    options = asdict(decoding) | ({"replace_unknowns": False} if aligned else {})
    try:
        results = model.translator.translate_batch(
            sent, target_prefix=[[prefix]] * len(work) if prefix else None,
            num_hypotheses=hypotheses, return_attention=aligned, **options,
        )  # fmt: skip
    except (RuntimeError, ValueError) as exc:
        raise TranslationError(f"{model.package.name}: translation failed ({exc})") from exc
    for index, result in zip(work, results, strict=True):
        attention = result.attention if aligned else [None] * len(result.hypotheses)
        outputs[index] = [
            _without_prefix(_known(model, list(tokens), weights, chunks[index]), prefix)
            for tokens, weights in zip(result.hypotheses, attention, strict=True)
        ]
    return outputs


def _forced(
    model: _Model, items: list[tuple[list[str], list[str]]], batch_tokens: int
) -> list[list[list[float]]]:
    """The attention rows of each ``(source, target)`` token pair's target tokens when the
    target is forced on the model as its output (the package's prefix token left out)."""
    if not items:
        return []
    prefix = [model.package.target_prefix] if model.package.target_prefix else []
    forced = [[*prefix, *target] for _, target in items]
    try:
        results = model.translator.translate_batch(
            [source for source, _ in items], target_prefix=forced, beam_size=1,
            max_decoding_length=max(map(len, forced)), return_attention=True,
            replace_unknowns=False, max_batch_size=batch_tokens, batch_type="tokens",
        )  # fmt: skip
    except (RuntimeError, ValueError) as exc:
        raise TranslationError(f"{model.package.name}: alignment failed ({exc})") from exc
    return [
        list(result.attention[0])[len(prefix) : len(forced_tokens)]
        for result, forced_tokens in zip(results, forced, strict=True)
    ]


def _aligned(
    tokenizer: Tokenizer,
    texts: tuple[str, str],
    tokens: tuple[list[str], list[str]],
    attention: list[list[float]],
) -> tuple[AlignedWord, ...]:
    """The word alignment of ``texts`` from their ``tokens`` and the target's ``attention``;
    ``()`` where a text's tokens cannot be located in it."""
    source = segmented(texts[0], tokens[0], tokenizer.word_starts(tokens[0]))
    target = segmented(texts[1], tokens[1], tokenizer.word_starts(tokens[1]))
    if source is None or target is None:
        return ()
    return aligned_words(source, target, attention)


def _aligns(model: _Model, chunks: list[list[str]], decoding: Decoding) -> bool:
    """Whether to replace unknown outputs ourselves: asked for, and some input has one."""
    known = model.known
    return (
        decoding.replace_unknowns
        and known is not None
        and any(has_unknowns(chunk, known) for chunk in chunks)
    )


def _known(model: _Model, tokens: list[str], attention: Any, source: list[str]) -> list[str]:
    """``tokens`` with unknown outputs put back from the source by the attention, where
    the model's vocabulary is known and CTranslate2 returned attention."""
    if attention is None or model.known is None:
        return tokens
    return replace_unknowns(tokens, attention, source, model.known)


def _without_prefix(tokens: list[str], prefix: str) -> list[str]:
    # CTranslate2 returns the forced target prefix as the hypothesis's first token.
    return tokens[1:] if prefix and tokens[:1] == [prefix] else tokens


def _cut(
    pieces: list[list[str]], tokenizer: Tokenizer, limit: int
) -> tuple[list[list[str]], list[int]]:
    """Cut inputs longer than ``limit`` tokens at word starts; return chunks and owners."""
    chunks: list[list[str]] = []
    owners: list[int] = []
    for owner, tokens in enumerate(pieces):
        for chunk in _cut_one(tokens, tokenizer, limit):
            chunks.append(chunk)
            owners.append(owner)
    return chunks, owners


def _cut_one(tokens: list[str], tokenizer: Tokenizer, limit: int) -> list[list[str]]:
    chunks: list[list[str]] = []
    while len(tokens) > limit:
        starts = [i for i in tokenizer.word_starts(tokens) if 0 < i <= limit]
        punctuated = [i for i in starts if tokens[i - 1][-1:] in ",;:，；：、)"]
        cut = (punctuated or starts or [limit])[-1]
        chunks.append(tokens[:cut])
        tokens = tokens[cut:]
    return [*chunks, tokens]


def _detokenize(model: _Model, tokens: list[str]) -> str:
    """Decode like argostranslate: the tokenizer's text minus one leading space."""
    text = model.tokenizer.decode(tokens)
    return text[1:] if text.startswith(" ") else text


def install_hint(source: str, target: str) -> InstallHint:
    """The commands that install an Argos package for a pair (a file, or the download)."""
    command = "`confl10n models install FILE.argosmodel` or, online, "
    return InstallHint(how=command + f"`confl10n models download {source} {target}`")


def describe(*, models_dir: str | Path | None = None, **_other: object) -> list[EngineStatus]:
    """The installed packages (one line), and one line per broken package folder; a
    given folder that does not exist or is a file is said so, not "no models"."""
    directory = resolve_models_dir(models_dir)
    if models_dir is not None and not directory.is_dir():
        what = "is not a folder" if directory.exists() else "does not exist"
        return [EngineStatus("argos", False, f"{directory}: {what}")]
    packages, problems = installed_packages(directory)
    pairs = ", ".join(f"{p.from_code}->{p.to_code} ({p.package_version})" for p in packages)
    lines = [EngineStatus("argos", bool(packages), f"{directory}: {pairs or 'no models'}")]
    return lines + [EngineStatus("argos", False, problem) for problem in problems]


def _checksum(package: PackageInfo) -> str:
    """sha256 over the model files and the tokenizer, with their relative paths (once per
    process for unchanged files)."""
    files = sorted(p for p in (package.path / "model").rglob("*") if p.is_file())
    files.append(package.tokenizer)
    return checksum_once(files, "argos", lambda: _hash_files(package.path, files))


def _hash_files(root: Path, files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.replace("_", ".").split(".") if part.isdigit())


def _choice(what: str, value: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise InvalidOptionError(f"unknown {what} {value!r}; choose one of: {', '.join(choices)}")
    return value


def _at_least(what: str, value: int, minimum: int) -> int:
    if value < minimum:
        raise InvalidOptionError(f"{what} must be at least {minimum}, got {value}")
    return value
