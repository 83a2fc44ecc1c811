"""Apertium: a rule-based engine run from Debian's ``apertium`` packages.

Apertium gives readable draft translations fully offline for the pairs
Debian ships (``apertium-eng-spa``, ``apertium-eng-cat``, ``apertium-en-gl``,
``apertium-eo-en``, …), where no Argos model is installed.

A batch is one ``apertium -f none -z`` process: each sentence is written in
Apertium's stream format (:mod:`.stream`), prefixed by a numbered
superblank and ended by a NUL. A NUL flushes every program of the pipeline,
so no transfer rule ever joins two sentences, and the numbered superblanks
prove that output ``i`` is the translation of input ``i``; any other shape is
a :class:`~confl10n.errors.TranslationError`, never a shifted result.
:meth:`ApertiumEngine.align_batch` runs such a batch once more with each word
in a word-bound blank, to align a translation's words with the sentence's
(:mod:`.alignment`), so inline markup goes on the words it covered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from confl10n.errors import (
    EngineUnavailableError,
    InputError,
    InvalidOptionError,
    TranslationError,
)
from confl10n.languages import code_label
from confl10n.text.inline import AlignedWord, Range
from confl10n.translate.apertium.alignment import aligned_words, source_words
from confl10n.translate.apertium.debian import debian_package
from confl10n.translate.apertium.scripts import untranslatable_spans
from confl10n.translate.apertium.stream import decode, decode_bound, encode
from confl10n.translate.engine import EngineIdentity, EngineStatus, InstallHint, checksum_once

INSTALL_HINT = "apt-get install apertium apertium-eng-spa"

#: Apertium's ISO 639-3 codes -> the ISO 639-1 codes used everywhere else here.
ISO_639_1 = {
    "afr": "af", "ara": "ar", "arg": "an", "bel": "be", "bre": "br", "bul": "bg",
    "cat": "ca", "ces": "cs", "cym": "cy", "dan": "da", "deu": "de", "ell": "el",
    "eng": "en", "epo": "eo", "eus": "eu", "fao": "fo", "fra": "fr", "gla": "gd",
    "gle": "ga", "glg": "gl", "hin": "hi", "ind": "id", "isl": "is", "ita": "it",
    "kaz": "kk", "mkd": "mk", "mlt": "mt", "msa": "ms", "nld": "nl", "nno": "nn",
    "nob": "nb", "oci": "oc", "pol": "pl", "por": "pt", "ron": "ro", "rus": "ru",
    "slk": "sk", "slv": "sl", "spa": "es", "swe": "sv", "tat": "tt", "tur": "tr",
    "ukr": "uk", "urd": "ur",
}  # fmt: skip

_END = "[]"  # a sentence-final "." is only emitted when a blank follows it
_MARK = "[confl10n:{}]"
_SCRIPT_DATADIR = re.compile(r'APERTIUM_DATADIR:-([^}"]+)\}')
_GAP = re.compile(r"(?<=\S)  +(?=\S)")


def iso_code(apertium_code: str) -> str:
    """The ISO 639-1 code for one side of a mode name (``eng``, ``en``, ``eng_US``)."""
    language = apertium_code.split("_", 1)[0]
    return ISO_639_1.get(language, language)


def modes_by_pair(mode_names: Sequence[str]) -> dict[tuple[str, str], str]:
    """Map (source, target) ISO codes to a mode name, plain modes before variants.

    ``spa-eng`` wins over ``spa-eng_US``; names that are not ``A-B`` are skipped.
    """
    table: dict[tuple[str, str], str] = {}
    for name in sorted(mode_names, key=lambda n: ("_" in n, n)):
        sides = name.split("-")
        if len(sides) == 2 and all(sides):
            table.setdefault((iso_code(sides[0]), iso_code(sides[1])), name)
    return table


def apertium_pairs(
    *, apertium_bin: str = "apertium", data_dir: str | Path | None = None
) -> list[tuple[str, str]]:
    """The installed Apertium pairs as ISO codes; empty when Apertium is missing or broken."""
    try:
        return ApertiumEngine(apertium_bin=apertium_bin, data_dir=data_dir).pairs()
    except (EngineUnavailableError, TranslationError):
        return []


class ApertiumEngine:
    """The :class:`~confl10n.translate.engine.Engine` that runs the ``apertium`` command.

    Options: ``apertium_bin`` (name on PATH or a path), ``data_dir`` (the
    folder holding ``modes/``; default ``$APERTIUM_DATADIR``, else the
    ``apertium`` script's own default), ``mark_unknown`` (keep Apertium's ``*``/``#``/``@``
    marks, for QA), ``verbatim`` (a regex whose matches, e.g. placeholders
    for protected quantities, pass through untranslated and in place) and
    ``timeout`` in seconds per batch.
    """

    name = "apertium"

    def __init__(
        self,
        *,
        apertium_bin: str = "apertium",
        data_dir: str | Path | None = None,
        mark_unknown: bool = False,
        verbatim: str | re.Pattern[str] | None = None,
        timeout: float = 600.0,
    ) -> None:
        self.apertium_bin = apertium_bin
        self.mark_unknown = mark_unknown
        self.verbatim = _compile(verbatim)
        if timeout <= 0:
            raise InvalidOptionError(f"timeout must be positive, got {timeout:g}")
        self.timeout = timeout
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self._modes: dict[tuple[str, str], str] | None = None
        self._identities: dict[str, EngineIdentity] = {}

    @classmethod
    def available(cls, *, apertium_bin: str = "apertium") -> bool:
        """Whether the ``apertium`` command exists: a cheap check, no process started."""
        return shutil.which(apertium_bin) is not None

    def pairs(self) -> list[tuple[str, str]]:
        """The (source, target) pairs of the installed modes, as ISO 639-1 codes."""
        return sorted(self._mode_table())

    def identity(self, source: str, target: str) -> EngineIdentity:
        """The Debian package and version behind the pair, and a checksum of its data."""
        mode = self._mode(source, target)
        if mode not in self._identities:
            self._identities[mode] = self._read_identity(mode)
        return self._identities[mode]

    def decoding_options(self) -> dict[str, object]:
        """The options that change the output, for cache keys and provenance."""
        verbatim = self.verbatim.pattern if self.verbatim is not None else None
        return {
            "format": "none",
            "mark_unknown": self.mark_unknown,
            "verbatim": verbatim,
            "other_scripts": "kept",  # untranslatable_spans: changes output, so cache keys
        }

    def translate_batch(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate every sentence with one apertium process; exactly one result per input.

        Raises :class:`~confl10n.errors.EngineUnavailableError` without the command or
        the pair, :class:`~confl10n.errors.InputError` for a sentence holding a NUL,
        :class:`~confl10n.errors.TranslationError` when the process fails, times out or
        loses the alignment of its output.
        """
        if not sentences:
            return []
        framed = [self._frame(i, text, source) for i, text in enumerate(sentences)]
        translations = [decode(s) for s in self._translate(framed, source, target)]
        return [_tidy(s, t) for s, t in zip(sentences, translations, strict=True)]

    def align_batch(
        self, pairs: Sequence[tuple[str, str]], source: str, target: str
    ) -> list[tuple[AlignedWord, ...]]:
        """For each ``(sentence, translation)``, the translation's words with the sentence's
        word each came from: the sentence is translated once more with each word in a
        word-bound blank, which Apertium moves with the word
        (:mod:`~confl10n.translate.apertium.alignment`); ``()`` for a sentence whose words
        then mostly differ from ``translation``'s.

        Raises as :meth:`translate_batch`.
        """
        words = [source_words(sentence) for sentence, _ in pairs]
        framed = [
            self._frame(i, sentence, source, bound=found)
            for i, ((sentence, _), found) in enumerate(zip(pairs, words, strict=True))
        ]
        outputs = self._translate(framed, source, target) if pairs else []
        return [
            aligned_words(found, translation, decode_bound(output))
            for (_, translation), found, output in zip(pairs, words, outputs, strict=True)
        ]

    def _translate(self, framed: Sequence[str], source: str, target: str) -> list[str]:
        """The output streams of the framed sentences, in order, marks taken off."""
        mode = self._mode(source, target)
        what = f"apertium {mode}"
        output, stderr = self._run([*self._translate_args(), mode], "".join(framed), what=what)
        return _unframe(output, len(framed), what, stderr)

    # --- the command -----------------------------------------------------------

    def _binary(self) -> str:
        found = shutil.which(self.apertium_bin)
        if found is None:
            raise EngineUnavailableError(
                f"the Apertium engine is not installed ({self.apertium_bin!r} not found); "
                f"install it with: {INSTALL_HINT}"
            )
        return found

    def data_dir(self) -> Path:
        """The folder holding ``modes/``, where the command looks for language data."""
        if self._data_dir is not None:
            return self._data_dir
        if os.environ.get("APERTIUM_DATADIR"):
            return Path(os.environ["APERTIUM_DATADIR"])
        return _default_data_dir(Path(self._binary()))

    def _translate_args(self) -> list[str]:
        marks = [] if self.mark_unknown else ["-u"]
        return ["-f", "none", "-z", *marks]

    def _run(self, args: list[str], stream: str, *, what: str) -> tuple[str, str]:
        """Run the command on ``stream``; its stdout and the last line of its stderr."""
        data = _utf8_bytes(stream)
        # The script makes a temporary file that it removes on exit, which a stopped
        # pipeline never reaches: it goes in a folder of ours, removed in every case.
        with tempfile.TemporaryDirectory(prefix="confl10n-apertium-") as scratch:
            command = [self._binary(), "-d", str(self.data_dir()), *args]
            process = _start(command, {**os.environ, "TMPDIR": scratch})
            try:
                out, err = process.communicate(data, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                _stop(process)
                raise TranslationError(f"{what} did not finish within {self.timeout:g} s") from None
        _check_exit(process.returncode, out, err, what)
        return _utf8(out, what), _last_line(err)

    # --- pairs and identity ----------------------------------------------------

    def _mode_table(self) -> dict[tuple[str, str], str]:
        if self._modes is None:
            try:
                listing, _ = self._run(["-l"], "", what="apertium -l")
            except TranslationError as exc:
                raise EngineUnavailableError(f"Apertium cannot list its pairs: {exc}") from exc
            self._modes = modes_by_pair(listing.split())
        return self._modes

    def _mode(self, source: str, target: str) -> str:
        table = self._mode_table()
        if (source, target) not in table:
            installed = ", ".join(f"{s}->{t}" for s, t in sorted(table)) or "none"
            raise EngineUnavailableError(
                f"Apertium has no {source}->{target} pair (installed: {installed}); its Debian "
                f"package is apertium-<pair>, e.g. {INSTALL_HINT} (apt-cache search apertium)"
            )
        return table[(source, target)]

    def _read_identity(self, mode: str) -> EngineIdentity:
        mode_file = self.data_dir() / "modes" / f"{mode}.mode"
        package, version = _debian_package(mode_file)
        return EngineIdentity(
            engine=self.name,
            model=f"{package}:{mode}",
            version=version,
            checksum=self._checksum(mode_file),
        )

    def _checksum(self, mode_file: Path) -> str:
        """SHA-256 of the mode file, the data files it runs and the output options (once
        per process for unchanged files)."""
        salt = f"mark_unknown={self.mark_unknown}\n"
        files = [mode_file, *_data_files(mode_file)]
        return checksum_once(files, "apertium " + salt, lambda: _hash_data(salt, files))

    def _frame(self, index: int, sentence: str, source: str, *, bound: Sequence[Range] = ()) -> str:
        if "\0" in sentence:
            raise InputError(f"sentence {index + 1} contains a NUL character")
        keep = untranslatable_spans(sentence, source)
        stream = encode(sentence, verbatim=self.verbatim, keep=keep, bound=bound)
        return _MARK.format(index) + stream + _END + "\0"


def _hash_data(salt: str, files: Sequence[Path]) -> str:
    digest = hashlib.sha256(salt.encode())
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise EngineUnavailableError(f"cannot read Apertium data {path}: {exc}") from exc
    return digest.hexdigest()


def install_hint(source: str, target: str) -> InstallHint:
    """The apt packages with Apertium data for the pair, where Debian ships some."""
    package = debian_package(source, target)
    if package is not None:
        return InstallHint(how=f"`apt-get install apertium {package}` (Apertium)", exact=True)
    return InstallHint(
        why_not=f"Debian ships no Apertium data for {code_label(source)}-{code_label(target)} "
        "(`apt-cache search apertium` lists the pairs it has)"
    )


def describe(**_settings: object) -> list[EngineStatus]:
    """Whether the command is installed, and its pairs."""
    if not ApertiumEngine.available():
        return [EngineStatus("apertium", False, f"not installed ({INSTALL_HINT})")]
    pairs = ", ".join(f"{source}->{target}" for source, target in apertium_pairs())
    return [EngineStatus("apertium", bool(pairs), pairs or "no language pairs installed")]


def _compile(verbatim: str | re.Pattern[str] | None) -> re.Pattern[str] | None:
    if not isinstance(verbatim, str):
        return verbatim
    try:
        return re.compile(verbatim)
    except re.error as exc:
        raise InvalidOptionError(f"verbatim is not a valid regular expression: {exc}") from exc


def _unframe(output: str, count: int, what: str, stderr: str) -> list[str]:
    """The ``count`` output streams in order without their marks, or TranslationError if
    the output is misaligned.

    Apertium can exit 0 after a program of its pipeline failed, so its stderr
    goes into the message.
    """
    segments = output.split("\0")
    note = f" ({stderr})" if stderr else ""
    results: list[str] = []
    for index in range(count):
        segment = segments[index] if index < len(segments) else ""
        mark = _MARK.format(index)
        if not (segment.startswith(mark) and segment.endswith(_END)):
            raise TranslationError(
                f"{what} lost alignment at sentence {index + 1} of {count}{note}"
            )
        results.append(segment[len(mark) : -len(_END)])
    if any(extra.strip() for extra in segments[count:]):
        raise TranslationError(f"{what} returned more sentences than the {count} sent{note}")
    return results


def _tidy(source: str, target: str) -> str:
    """Give a translation its source's edge spaces and close gaps left by dropped words.

    Apertium drops subject pronouns ("It rose" -> " Ascendió") but keeps their blanks.
    """
    if not source.strip():
        return source
    core = target.strip() if "  " in source else _GAP.sub(" ", target.strip())
    lead = source[: len(source) - len(source.lstrip())]
    return lead + core + source[len(source.rstrip()) :]


def _default_data_dir(binary: Path) -> Path:
    """The data folder the ``apertium`` script defaults to, else ``<prefix>/share/apertium``."""
    try:
        head = binary.read_bytes()[:4096].decode("utf-8", errors="replace")
    except OSError:
        head = ""
    found = _SCRIPT_DATADIR.search(head)
    return Path(found.group(1)) if found else binary.parent.parent / "share" / "apertium"


def _data_files(mode_file: Path) -> list[Path]:
    """The files a mode's pipeline reads: its quoted absolute paths."""
    text = mode_file.read_text(encoding="utf-8", errors="replace")
    return [Path(p) for p in dict.fromkeys(re.findall(r"'(/[^']+)'", text)) if Path(p).is_file()]


def _debian_package(mode_file: Path) -> tuple[str, str]:
    """(package, version) owning ``mode_file`` per dpkg, or ``("unpackaged", "unknown")``."""
    owner = _dpkg_query("-S", str(mode_file)).partition(":")[0].strip()
    if not owner:
        return ("unpackaged", "unknown")
    version = _dpkg_query("-W", "-f=${Version}", owner).strip()
    return (owner, version or "unknown")


def _dpkg_query(*args: str) -> str:
    try:
        done = subprocess.run(["dpkg-query", *args], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout if done.returncode == 0 else ""


def _check_exit(returncode: int, out: bytes, err: bytes, what: str) -> None:
    if returncode == 0:
        return
    if returncode < 0:
        reason = f"was killed by signal {-returncode}"
    elif returncode > 128:  # bash's code for a pipeline program killed by a signal
        reason = f"failed: a program in its pipeline was killed by signal {returncode - 128}"
    else:
        reason = f"exited {returncode}"
    detail = _last_line(err or out)
    raise TranslationError(f"{what} {reason}" + (f" ({detail})" if detail else ""))


def _last_line(data: bytes) -> str:
    """The last non-empty line of a program's message, spaces collapsed, at most 200 chars."""
    lines = data.decode("utf-8", errors="replace").strip().splitlines()
    return " ".join(lines[-1].split())[:200] if lines else ""


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TranslationError(f"{what} wrote invalid UTF-8 ({exc.reason})") from exc


def _start(command: list[str], environment: dict[str, str]) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            command,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so a timeout can stop the whole pipeline
        )
    except OSError as exc:
        raise EngineUnavailableError(f"cannot run {command[0]}: {exc.strerror}") from exc


def _utf8_bytes(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"text is not valid Unicode ({exc.reason})") from exc


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group of a timed-out pipeline and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
