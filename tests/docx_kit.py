"""Word documents built for the tests with python-docx: styles, a table, a hyperlink, bold and
italic runs, a tracked change (w:ins/w:del built with its XML API) and a comment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

REPORT_URL = "https://example.org/transport-report"


def _text_run(text: str, tag: str = "w:t") -> Any:
    run, piece = OxmlElement("w:r"), OxmlElement(tag)
    piece.text = text
    piece.set(qn("xml:space"), "preserve")
    run.append(piece)
    return run


def add_link(paragraph: Any, text: str, url: str) -> None:
    """A w:hyperlink to ``url`` over ``text`` at the end of ``paragraph``."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    link.append(_text_run(text))
    paragraph._p.append(link)


def add_change(paragraph: Any, kind: str, text: str) -> None:
    """A tracked insertion (``ins``) or deletion (``del``) of ``text``."""
    change = OxmlElement(f"w:{kind}")
    for name, value in (("w:id", "7"), ("w:author", "Desk"), ("w:date", "2026-01-05T09:00:00Z")):
        change.set(qn(name), value)
    change.append(_text_run(text, "w:delText" if kind == "del" else "w:t"))
    paragraph._p.append(change)


def news_docx(path: Path, *, title_style: bool = True) -> Path:
    """A reporter's article: Title (or a first Heading 1), Heading 1-2 sections, a bold run,
    a tracked change, a hyperlink, list items, a quote, a table and a comment."""
    document = docx.Document()
    if title_style:
        document.add_paragraph("Harbour city opens new tram line", style="Title")
    else:
        document.add_heading("Harbour city opens new tram line", level=1)
    lead = document.add_paragraph("The city opened its new ")
    lead.add_run("12-kilometre").bold = True
    lead.add_run(" tram line on Monday, linking the harbour to the university district.")
    cost = document.add_paragraph("The project cost $1.2 billion, about ")
    add_change(cost, "del", "12% ")
    add_change(cost, "ins", "15% ")
    commented = cost.add_run("more than the 2019 estimate.")
    document.add_comment([commented], text="Check the estimate year", author="Desk")
    document.add_heading("Why the line was built", level=1)
    why = document.add_paragraph("Journeys took up to 50 minutes, according to the ")
    add_link(why, "city's transport report", REPORT_URL)
    why.add_run(".")
    document.add_paragraph("Trams run every 6 minutes.", style="List Bullet")
    document.add_paragraph("A fare costs $2.50.", style="List Bullet")
    document.add_heading("Stops and times", level=2)
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate(
        (("Stop", "Minutes"), ("Harbour Square", "0"), ("University", "18"))
    ):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("“It is *fast*,” said Mei Lin, a student.", style="Quote")
    document.save(str(path))
    return path
