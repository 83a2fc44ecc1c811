"""Encodings, line endings and control characters."""

from __future__ import annotations

import codecs

import pytest

from confl10n.errors import InputError
from confl10n.text.decoding import decode

TEXT = "Title\r\n\r\nFirst “line”.\rSecond line.\n"
NORMAL = "Title\n\nFirst “line”.\nSecond line.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be"],
)
def test_encodings_and_line_endings(data: bytes) -> None:
    assert decode(data, source_name="a.txt") == (NORMAL, [])


def test_a_few_control_characters_are_stripped_with_a_warning() -> None:
    text, warnings = decode(b"Hello\x00 wor\x07ld. " + b"x" * 1000, source_name="a.txt")
    assert text.startswith("Hello world.")
    assert warnings == ["a.txt: stripped 2 control character(s)"]


def test_binary_data_is_refused() -> None:
    with pytest.raises(InputError, match=r"a\.bin: looks like binary data"):
        decode(bytes(range(256)) * 40, source_name="a.bin")


def test_undecodable_bytes_name_the_offset() -> None:
    with pytest.raises(InputError, match=r"a\.txt: not valid UTF-8 at byte 6"):
        decode(b"Hello \xff\xfe world", source_name="a.txt")


def test_utf16_without_bom_is_binary_looking() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("Hello world, some text.".encode("utf-16-le"), source_name="a.txt")
