"""Encodings, line endings and control characters."""

from __future__ import annotations

import codecs

import pytest

from confl10n.errors import InputError
from confl10n.text.decoding import clean_text, decode

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


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Form feed\x0cand vertical\x0btab.", "Form feed and vertical tab."),
        (b"Page one.\x0c\nPage two.", "Page one. \nPage two."),
        (b"a\x0b\x0cb", "a  b"),
    ],
    ids=["form-feed-and-vertical-tab", "form-feed-before-newline", "both-together"],
)
def test_form_feed_and_vertical_tab_become_spaces(data: bytes, expected: str) -> None:
    assert decode(data, source_name="a.txt") == (expected, [])


@pytest.mark.parametrize(
    ("data", "expected", "count"),
    [
        (b"\x1b[31mRED\x1b[0m text \x1b]0;pwned\x07 end.", "RED text  end.", 3),
        (b"Title \x1b]0;pwned\x1b\\ and \x1b[1;38;5;196mbold\x1b[m.", "Title  and bold.", 3),
        ("C1 \u009b31mred\u009b0m \u009d2;t\u009c.".encode(), "C1 red .", 3),
        (b"Charset \x1b(B and reset \x1bc done.", "Charset  and reset  done.", 2),
        (b"Open \x1b]0;never closed\nNext line.", "Open \nNext line.", 1),
    ],
    ids=[
        "csi-and-osc-bel",
        "osc-st-and-256-colours",
        "c1-csi-and-osc",
        "other-escapes",
        "osc-stops-at-newline",
    ],
)
def test_terminal_escape_sequences_are_removed_whole(
    data: bytes, expected: str, count: int
) -> None:
    text, warnings = decode(data, source_name="a.txt")
    assert text == expected
    assert warnings == [f"a.txt: removed {count} terminal escape sequence(s)"]


def test_no_figure_is_read_from_an_escape_sequence() -> None:
    from confl10n.quantities.find import find_quantities

    text, _ = decode(b"\x1b[31mRevenue rose 5%\x1b[0m in \x1b[1m2024\x1b[22m.", source_name="a")
    assert text == "Revenue rose 5% in 2024."
    assert [q.text for q in find_quantities(text)] == ["5%", "2024"]


def test_a_coloured_log_is_text_not_binary() -> None:
    line = b"\x1b[32mOK\x1b[0m step done.\n"
    text, warnings = decode(line * 50, source_name="log.txt")
    assert text == "OK step done.\n" * 50
    assert warnings == ["log.txt: removed 100 terminal escape sequence(s)"]


CLEANED = [
    ("a\r\nb\rc\u2028d\x00e\tg\x85h", "a\nb\nc\nde\tg\nh"),
    ("\x1b[31mRED\x1b[0m", "RED"),
    ("Sales \x1b]0;pwned\x07rose \x1b]8;;http://x\x1b\\5%.", "Sales rose 5%."),
    ("one\x0ctwo\x0bthree", "one two three"),
    ("\u009b1mBold\u009b0m \x1bcreset", "Bold reset"),
    ("\ufeffBOM inside\x7f.", "BOM inside."),
]


@pytest.mark.parametrize(("text", "expected"), CLEANED)
def test_clean_text_is_the_cleaning_of_files(text: str, expected: str) -> None:
    assert clean_text(text) == expected
    assert decode(text.encode(), source_name="a.txt")[0] == expected


LATIN_PAGE = (
    '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    'charset={}"><title>Caf\u00e9</title></head><body><p>Caf\u00e9 prices rose 5\u2009%, '
    "to \u20ac4.</p></body></html>"
)


@pytest.mark.parametrize("label", ["ISO-8859-1", "windows-1252", "latin1", "us-ascii"])
def test_a_page_in_the_latin_charset_it_declares_is_read_as_browsers_read_it(label: str) -> None:
    data = LATIN_PAGE.format(label).replace("\u2009", " ").encode("cp1252")
    text, _ = decode(data, source_name="page.html")
    assert "Caf\u00e9 prices rose 5 %, to \u20ac4." in text


def test_a_page_declaring_another_charset_is_read_in_it() -> None:
    page = '<html><head><meta charset="shift_jis"></head><body><p>東京の人口は1400万人。</p>'
    text, _ = decode(page.encode("shift_jis"), source_name="page.html")
    assert "東京の人口は1400万人。" in text


def test_a_page_labelled_latin_that_is_utf8_is_read_as_utf8() -> None:
    page = LATIN_PAGE.format("iso-8859-1")
    assert decode(page.encode("utf-8"), source_name="page.html")[0] == page


def test_the_undefined_windows_1252_bytes_are_left_out() -> None:
    page = LATIN_PAGE.format("iso-8859-1").replace("\u2009", " ")
    data = page.encode("cp1252").replace(b"</p>", b"\x81\x9d</p>")
    assert decode(data, source_name="page.html") == (page, [])


def test_an_unknown_declared_charset_is_one_clear_line() -> None:
    data = b'<meta charset="x-martian"><p>caf\xe9</p>'
    with pytest.raises(InputError, match=r"^page\.html: declares the unknown charset 'x-martian'"):
        decode(data, source_name="page.html")


def test_text_without_a_declaration_must_still_be_utf8() -> None:
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode("Caf\u00e9 prices.".encode("cp1252"), source_name="a.txt")
