"""Reading Word documents: styles give the title, sections, lists and quotes; runs give bold,
italic and links; tracked changes read as accepted; comments ignored; bad files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from confl10n.document import Article
from confl10n.errors import InputError
from confl10n.text.reader import parse_bytes, read_article
from tests.docx_kit import REPORT_URL, add_change, news_docx


def headings(article: Article) -> list[str | None]:
    return [s.heading.text if s.heading else None for s in article.sections]


def test_structure_of_a_reporters_document(news_docx_path: Path) -> None:
    article = read_article(news_docx_path)
    assert article.title is not None
    assert article.title.text == "Harbour city opens new tram line"
    assert headings(article) == [None, "Why the line was built", "Stops and times"]
    assert [s.level for s in article.sections] == [2, 2, 3]
    kinds = [p.kind for s in article.sections for p in s.paragraphs]
    assert kinds == ["text", "text", "text", "list_item", "list_item", *["table_cell"] * 6, "quote"]
    cells = [p.text for p in article.sections[2].paragraphs if p.kind == "table_cell"]
    assert cells == ["Stop", "Minutes", "Harbour Square", "0", "University", "18"]


def test_runs_links_and_tracked_changes(news_docx_path: Path) -> None:
    article = read_article(news_docx_path)
    lead, cost = article.sections[0].paragraphs
    (bold,) = lead.sentences[0].spans
    assert (bold.kind, lead.sentences[0].text[bold.start : bold.end]) == ("strong", "12-kilometre")
    assert cost.text == "The project cost $1.2 billion, about 15% more than the 2019 estimate."
    link_sentence = article.sections[1].paragraphs[0].sentences[0]
    (link,) = link_sentence.spans
    assert link.target == REPORT_URL
    assert link_sentence.text[link.start : link.end] == "city's transport report"
    assert "Check the estimate" not in article.text  # the comment


def test_markup_characters_in_text_stay_text(news_docx_path: Path) -> None:
    quote = read_article(news_docx_path).sections[2].paragraphs[-1]
    assert quote.text == "“It is *fast*,” said Mei Lin, a student."
    assert quote.sentences[0].spans == ()


def test_first_heading_is_the_title_without_a_title_style(tmp_path: Path) -> None:
    article = read_article(news_docx(tmp_path / "plain.docx", title_style=False))
    assert article.title is not None
    assert article.title.text == "Harbour city opens new tram line"
    assert headings(article) == [None, "Why the line was built", "Stops and times"]


def test_italic_and_numbered_items_and_line_starts(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Budget", level=1)
    body = document.add_paragraph("The vote was ")
    body.add_run("close").italic = True
    body.add_run(".")
    document.add_paragraph("First reading.", style="List Number")
    document.add_paragraph("2024. was a record year, officials said.")
    document.add_paragraph("- 5 degrees was the low.")
    deleted = document.add_paragraph("Nothing was ")
    add_change(deleted, "del", "never ")
    deleted.add_run("decided.")
    document.save(str(tmp_path / "b.docx"))
    article = read_article(tmp_path / "b.docx")
    texts = [p.text for p in article.sections[0].paragraphs]
    assert texts == [
        "The vote was close.", "First reading.", "2024. was a record year, officials said.",
        "- 5 degrees was the low.", "Nothing was decided.",
    ]  # fmt: skip
    assert [p.marker for p in article.sections[0].paragraphs][:3] == ["", "1. ", ""]
    (italic,) = article.sections[0].paragraphs[0].sentences[0].spans
    assert italic.kind == "em"


def test_zip_bytes_are_read_as_a_word_document(news_docx_path: Path) -> None:
    article = parse_bytes(news_docx_path.read_bytes(), source_name="<stdin>")
    assert article.title is not None and article.title.text.startswith("Harbour city")


def zipped(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"This is plain text pretending to be a Word file.\n", "not a zip archive"),
        (b"PK\x03\x04 truncated", "not a zip archive"),
        (zipped(notes__readme_txt=b"hello"), "not a readable Word document"),
        (zipped(word__document_xml=b"\0" * (64 * 2**20)), "zip bomb"),
    ],
    ids=["text", "broken-zip", "other-zip", "bomb"],
)
def test_bad_word_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        read_article(path)
    assert "\n" not in str(caught.value)


def test_headings_by_a_newsroom_style_or_an_outline_level_are_sections(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    subhead = document.styles.add_style("Subhead", WD_STYLE_TYPE.PARAGRAPH)
    subhead.base_style = document.styles["Heading 2"]
    document.add_paragraph("Council sets its budget", style="Title")
    document.add_paragraph("The council approved the budget on Tuesday.")
    document.add_paragraph("How it will be paid", style="Subhead")
    document.add_paragraph("Half comes from a state grant.")
    outlined = document.add_paragraph("What comes next")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    outlined._p.get_or_add_pPr().append(level)
    document.add_paragraph("Work starts in May.")
    document.save(str(tmp_path / "styles.docx"))
    article = read_article(tmp_path / "styles.docx")
    assert article.title is not None and article.title.text == "Council sets its budget"
    sections = [(s.level, s.heading.text if s.heading else None) for s in article.sections]
    assert sections == [(2, None), (3, "How it will be paid"), (2, "What comes next")]
