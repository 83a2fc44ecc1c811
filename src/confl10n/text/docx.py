"""Word documents (``.docx``) -> the Markdown the reader parses, with python-docx.

A ``.docx`` is a zip of XML parts, so no character offset can index the file:
the document is written out as Markdown (the title — the Title style, else the
first heading — as ``#``; Heading 1–6 as ``##`` and below; paragraphs; bullet
and numbered lists; quotes; tables as pipe tables; hyperlinks; bold and italic
runs), and the article's spans index that text (:attr:`Article.text`). Tracked
changes are read as accepted (insertions kept, deletions dropped); comments,
headers, footers and footnotes are not article text. Every character the text
has that Markdown would read as markup is escaped.

The archive is checked before python-docx opens it: not a zip, a zip bomb (a
part that inflates too far, or too much in all) and a zip that is no Word
document are refused with :class:`~confl10n.errors.InputError`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from confl10n.errors import InputError

if TYPE_CHECKING:
    from docx.document import Document

MAX_UNPACKED = 256 * 2**20
"""Bytes a ``.docx`` may unpack to in all."""
MAX_RATIO = 200
"""How many times its compressed size one part of a ``.docx`` may inflate to."""

_ESCAPE = re.compile(r"([\\`*_\[\]<>#|~&!])")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DROPPED = {f"{_W}{name}" for name in ("del", "moveFrom", "pPr", "rPr", "commentRangeStart")}
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": " ", f"{_W}br": " ", f"{_W}cr": " "}
_RUN_TEXT |= {f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": ""}


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of runs that share their formatting and link (``""``: none)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""


def docx_markdown(data: bytes, *, source_name: str = "<docx>") -> str:
    """The Word document ``data`` as Markdown (see the module's docstring).

    Raises :class:`~confl10n.errors.InputError` for a file that is not a zip, a zip
    bomb, or a zip that is not a readable Word document.
    """
    _check_archive(data, source_name)
    document = _open(data, source_name)
    lines = list(_body_lines(document))
    return "\n\n".join(lines) + "\n"


def paragraph_key(text: str) -> str:
    """How :func:`rewrite_docx` matches a paragraph: its plain text, white space removed."""
    return "".join(text.split())


def rewrite_docx(
    data: bytes, pieces: Callable[[str], Sequence[Piece] | None], *, source_name: str = "<docx>"
) -> bytes:
    """The Word document ``data`` with each paragraph (table cells' too) whose
    :func:`paragraph_key` ``pieces`` knows rewritten as those pieces: paragraph style,
    the first run's formatting and every other part kept; links made anew.

    Raises :class:`~confl10n.errors.InputError` as :func:`docx_markdown` does.
    """
    _check_archive(data, source_name)
    document = _open(data, source_name)
    for paragraph in _all_paragraphs(document):
        plain = "".join(p.text for p in _pieces(paragraph, paragraph._p, ""))
        new = pieces(paragraph_key(plain)) if plain.strip() else None
        if new is not None:
            _replace_runs(paragraph, new)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _all_paragraphs(document: Document) -> Iterator[Any]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _replace_runs(paragraph: Any, pieces: Sequence[Piece]) -> None:
    """Every run, link and tracked change of ``paragraph`` replaced by ``pieces``' runs."""
    import copy

    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.run import Run

    element = paragraph._p
    first = element.find(f".//{_W}r/{_W}rPr")
    for child in [c for c in element if c.tag != f"{_W}pPr"]:
        element.remove(child)
    for piece in pieces:
        run = element.add_r()
        if first is not None:
            run.insert(0, copy.deepcopy(first))
        wrapped = Run(run, paragraph)
        wrapped.text = piece.text
        wrapped.bold = piece.bold or None
        wrapped.italic = piece.italic or None
        if piece.link:
            rel = paragraph.part.relate_to(piece.link, RELATIONSHIP_TYPE.HYPERLINK, True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), rel)
            run.addprevious(link)
            link.append(run)


def _check_archive(data: bytes, source_name: str) -> None:
    """Refuse what is not a zip, and a zip bomb, before any part is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{source_name}: not a Word document (not a zip archive)") from exc
    total = sum(part.file_size for part in parts)
    inflating = any(part.file_size > MAX_RATIO * max(part.compress_size, 1024) for part in parts)
    if total > MAX_UNPACKED or inflating:
        raise InputError(
            f"{source_name}: refused as a zip bomb (it unpacks to {total // 2**20} MiB)"
        )


def _open(data: bytes, source_name: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{source_name}: not a readable Word document ({exc})") from exc
    except SyntaxError as exc:  # lxml's XMLSyntaxError
        raise InputError(f"{source_name}: the Word document's XML is damaged") from exc


def _body_lines(document: Document) -> Iterator[str]:
    """One Markdown block per paragraph or table of the body, in order."""
    from docx.table import Table

    styles = [p.style.name if p.style else "" for p in document.paragraphs]
    has_title = "Title" in styles
    titled = False
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            yield from _table(item)
            continue
        line = _paragraph(item, title_taken=titled or has_title)
        titled = titled or line.startswith("# ")
        if line:
            yield line


def _paragraph(paragraph: Any, *, title_taken: bool) -> str:
    """A paragraph as one Markdown line, its style giving the prefix (``""`` when empty)."""
    text = _inline(paragraph)
    if not text:
        return ""
    name = paragraph.style.name if paragraph.style is not None else ""
    level = _heading_level(paragraph)
    if name == "Title" or (level and not title_taken):
        return f"# {text}"
    if level:
        return f"{'#' * min(level + 1, 6)} {text}"
    if name in ("Quote", "Intense Quote"):
        return f"> {text}"
    return f"{_list_marker(paragraph, name)}{text}"


def _heading_level(paragraph: Any) -> int | None:
    """A paragraph's heading level: its style's "Heading N", or that of a style it is based
    on (a newsroom's "Subhead" built on Heading 2), else its outline level, the paragraph's
    or its style's (what Word's navigation pane lists); None for body text."""
    style = paragraph.style
    while style is not None:
        named = re.fullmatch(r"Heading (\d)", style.name or "")
        if named:
            return int(named.group(1))
        style = style.base_style
    levels = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    if not levels and paragraph.style is not None:
        levels = paragraph.style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
    level = int(levels[0]) if levels and str(levels[0]).isdigit() else 9
    return level + 1 if level < 9 else None  # Word's outline level 9 is body text


def _list_marker(paragraph: Any, name: str) -> str:
    """``- `` or ``1. `` (indented by level) for a list paragraph, ``""`` otherwise."""
    numbering = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if not name.startswith("List") and numbering is None:
        return ""
    level = numbering.ilvl.val if numbering is not None and numbering.ilvl is not None else 0
    mark = "1. " if "Number" in name else "- "
    return "   " * level + mark if mark == "1. " else "  " * level + mark


def _inline(paragraph: Any) -> str:
    """The paragraph's runs (tracked changes accepted) as Markdown inline text."""
    pieces = _merged(list(_pieces(paragraph, paragraph._p, "")))
    text = "".join(_written(piece) for piece in pieces).strip()
    # What would start a list item or a setext underline at the start of a line.
    return _LINE_START.sub(
        lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), text
    )


def _pieces(paragraph: Any, element: Any, link: str) -> Iterator[Piece]:
    from docx.text.hyperlink import Hyperlink
    from docx.text.run import Run

    for child in element:
        if child.tag in _DROPPED:
            continue
        if child.tag == f"{_W}r":
            run = Run(child, paragraph)
            yield Piece(_run_text(child), run.bold is True, run.italic is True, link)
        elif child.tag == f"{_W}hyperlink":
            found = Hyperlink(child, paragraph)
            target = found.address + (f"#{found.fragment}" if found.fragment else "")
            yield from _pieces(paragraph, child, target)
        else:  # w:ins, w:moveTo, w:smartTag, w:sdt, w:fldSimple: their runs are text
            yield from _pieces(paragraph, child, link)


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag in _RUN_TEXT:
            fixed = _RUN_TEXT[child.tag]
            parts.append(str(child.text or "") if fixed is None else fixed)
    return "".join(parts)


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces with the same formatting and link joined."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (
            piece.bold, piece.italic, piece.link,
        ):  # fmt: skip
            last = merged.pop()
            piece = Piece(last.text + piece.text, piece.bold, piece.italic, piece.link)
        if piece.text:
            merged.append(piece)
    return merged


def _written(piece: Piece) -> str:
    """One piece as Markdown: escaped, emphasis markers inside its spaces, then its link."""
    core = _ESCAPE.sub(r"\\\1", " ".join(piece.text.split()))
    if not core:
        return " " if piece.text else ""
    mark = ("**" if piece.bold else "") + ("*" if piece.italic else "")
    core = f"{mark}{core}{mark[::-1]}"
    if piece.link:
        core = f"[{core}](<{piece.link.replace('>', '%3E')}>)"
    lead = " " if piece.text[:1].isspace() else ""
    return f"{lead}{core}{' ' if piece.text[-1:].isspace() else ''}"


def _table(table: Any) -> Iterator[str]:
    """A table as one pipe table (its first row the header)."""
    rows = [[_cell(cell) for cell in row.cells] for row in table.rows]
    if not rows:
        return
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    yield "\n".join(lines)


def _cell(cell: Any) -> str:
    return " ".join(
        text for p in cell.paragraphs if (text := _inline(p)) and not text.startswith("|")
    )
