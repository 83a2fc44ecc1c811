"""Bytes -> clean text: encodings, line endings, control characters.

Spans in the document model point into the text this module returns, so every
repair here is one that keeps a reader's view of the article unchanged.
"""

from __future__ import annotations

import codecs
import re

from confl10n.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Whole terminal escape sequences (ECMA-48), so no "[31m" or "]0;title" is left behind:
# CSI (ESC [ or U+009B, parameters, intermediates, final byte); OSC, DCS, SOS, PM and
# APC strings up to BEL or ST (never past the line); any other ESC + final byte.
_ESCAPE_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]"
)
# Form feed and vertical tab separate words: they become spaces, not nothing.
_SPACING = re.compile("[\x0b\x0c]")
# C0/C1 controls except tab and newline, plus stray BOMs and line/paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
# More control characters than this share of the text means binary data, not text.
_BINARY_SHARE = 0.01
# An HTML page's own charset declaration (<meta charset>, or http-equiv Content-Type),
# looked for near the start as browsers do (wider than their 1024 bytes: pages put scripts first).
_DECLARED = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DECLARED_WITHIN = 64 * 1024
# The WHATWG Encoding Standard's readings of labels Python reads otherwise:
# browsers decode a page labelled Latin-1 or ASCII as windows-1252, GB2312 as GBK.
_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_LABELS |= {"iso8859-1": "cp1252", "l1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}
_UNDEFINED_1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def decode(data: bytes, *, source_name: str) -> tuple[str, list[str]]:
    """Decode ``data`` and normalise it with :func:`clean_text`; return the text and warnings.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are accepted, and a page in the
    charset it declares (:func:`declared_charset`) when it is not UTF-8; each kind
    of repair :func:`clean_text` makes gets a warning; many control characters
    mean the file is binary and raise :class:`InputError`.
    """
    text, sequences, controls = _clean(_decode_bytes(data, source_name=source_name))
    if controls > max(8, (len(text) + controls) * _BINARY_SHARE):
        raise InputError(f"{source_name}: looks like binary data, not text")
    warnings = []
    if sequences:
        warnings.append(f"{source_name}: removed {sequences} terminal escape sequence(s)")
    if controls:
        warnings.append(f"{source_name}: stripped {controls} control character(s)")
    return text, warnings


def clean_text(text: str) -> str:
    """``text`` as engines and the sentence splitter can take it: line endings become
    ``\n``, form feed and vertical tab spaces, terminal escape sequences (CSI colours,
    OSC window titles, ...) are removed whole and other control characters stripped.

    The one cleaning for every way text comes in (files, standard input, the service).
    """
    return _clean(text)[0]


def _clean(text: str) -> tuple[str, int, int]:
    """The cleaned text, the escape sequences removed and the control characters stripped."""
    text = _SPACING.sub(" ", _NEWLINES.sub("\n", text))
    text, sequences = _ESCAPE_SEQUENCE.subn("", text)
    text, controls = _CONTROL.subn("", text)
    return text, sequences, controls


def _decode_bytes(data: bytes, *, source_name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, source_name)
    declared = declared_charset(data)
    if declared is None or data.isascii():
        return _strict(data, "utf-8", source_name)
    try:
        return data.decode("utf-8")  # pages labelled Latin-1 that are in fact UTF-8 abound
    except UnicodeDecodeError:
        return _strict(data, _codec(declared, source_name), source_name)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares for itself in its first 64 KiB (``<meta
    charset="iso-8859-1">``, ``<meta http-equiv="Content-Type" content="text/html;
    charset=…">``), lower-cased as written; None when it declares none.

    >>> declared_charset(b'<head><meta charset="ISO-8859-1"><title>x</title>')
    'iso-8859-1'
    """
    found = _DECLARED.search(data[:_DECLARED_WITHIN])
    return found.group(1).decode("ascii").lower() if found else None


def _codec(label: str, source_name: str) -> str:
    """The Python codec for a declared charset ``label``, read as browsers read it."""
    name = _LABELS.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(
            f"{source_name}: declares the unknown charset {label!r}; save the page as UTF-8"
        ) from None


def _windows_1252(data: bytes) -> str:
    """``data`` as windows-1252 without the five bytes Python's cp1252 leaves undefined
    (browsers show nothing for them; two would read as terminal escapes)."""
    return _UNDEFINED_1252.sub(b"", data).decode("cp1252")


def _strict(data: bytes, encoding: str, source_name: str) -> str:
    try:
        return _windows_1252(data) if encoding == "cp1252" else data.decode(encoding)
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:4096]:
            raise InputError(f"{source_name}: looks like binary data, not text") from exc
        raise InputError(
            f"{source_name}: not valid {encoding.upper()} at byte {exc.start}; "
            "save the article as UTF-8 (or UTF-16 with a BOM)"
        ) from exc
