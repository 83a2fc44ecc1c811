"""One exception tree for the whole library; the CLI maps it to exit codes.

::

    Confl10nError                 1   anything confl10n raises on purpose
    ├── InvalidOptionError       64   a bad option value: N <= 0, unknown algorithm,
    │   │                             language, locale or engine name
    │   └── UnsupportedLanguageError
    ├── InputError               65   an article that cannot be read: missing,
    │                                 a directory, empty, binary, undecodable
    ├── ModelPackageError        65   a .argosmodel that fails validation or loading
    ├── EngineUnavailableError   69   no installed engine/model can do the pair,
    │                                 or an engine's program is not installed
    ├── NetworkError             69   a step that needs the network found none
    ├── ClusterError             69   a cluster build without Dask installed, or
    │                                 whose scheduler cannot be reached
    ├── TranslationError         70   an engine failed while translating
    └── OutputError              73   a result could not be written

The library raises these and never prints or exits; foreign exceptions are
converted where they cross into confl10n (``raise ... from exc``). A message
may quote file, folder and package names as they are: ``str()`` of an error
escapes them with :func:`escape_terminal`, as the CLI does with everything it
prints, so no name can drive a terminal or forge a line.
"""

from __future__ import annotations

import re

# What must never reach a terminal raw: C0 and C1 controls (escape sequences, newlines,
# carriage returns), line/paragraph separators, the bidi controls that reorder what is
# shown (Trojan Source), and lone surrogates (undecodable bytes in a file name).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def escape_terminal(text: str) -> str:
    """``text`` with every control, bidi-control and lone-surrogate character as ``\\uXXXX``.

    The one escaping function for everything printed (errors, warnings, tables):
    the result is one line that shows each character for what it is, and the
    escapes are valid inside JSON strings too. Idempotent; other text is unchanged.
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# In article text the line ends and tabs are layout, and the bidi *marks* (LRM, RLM and
# ALM, which CLDR puts in Arabic and Hebrew numbers) only steer the neutral character
# beside them; embeddings, overrides and isolates can reorder whole spans, so they go.
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def escape_text(text: str) -> str:
    """Article text as printed on a terminal: like :func:`escape_terminal`, but newlines,
    tabs and the bidi marks U+200E, U+200F and U+061C stay as they are.

    For what the CLI prints on stdout (``segment``, ``summarize``, ``figures``,
    ``translate`` without ``--output``); files written keep the text unchanged.
    RTL letters are never touched. Idempotent.
    """
    return _UNSAFE_IN_TEXT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_terminal_safe(text: str) -> bool:
    """True if :func:`escape_terminal` would leave ``text`` unchanged."""
    return _UNSAFE.search(text) is None


class Confl10nError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with; ``str()`` is escaped."""

    exit_code: int = 1

    def __str__(self) -> str:
        return escape_terminal(super().__str__())


class InvalidOptionError(Confl10nError):
    """An option value outside its valid choices; the message names them."""

    exit_code = 64


class UnsupportedLanguageError(InvalidOptionError):
    """A language code no component here supports; the message lists those that are."""


class InputError(Confl10nError):
    """An input article that cannot be read or holds no text."""

    exit_code = 65


class ModelPackageError(Confl10nError):
    """A model package that is malformed, unsafe or cannot be loaded."""

    exit_code = 65


class EngineUnavailableError(Confl10nError):
    """No installed engine can translate the requested pair."""

    exit_code = 69


class NetworkError(Confl10nError):
    """A command that needs the network could not reach it."""

    exit_code = 69


class ClusterError(Confl10nError):
    """A cluster build cannot start: Dask is missing or its scheduler is unreachable."""

    exit_code = 69


class TranslationError(Confl10nError):
    """An engine failed part-way through a translation."""

    exit_code = 70


class OutputError(Confl10nError):
    """A result could not be written where it belongs."""

    exit_code = 73
