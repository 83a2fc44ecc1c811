"""HTML pages, HTML fragments and Word documents through the real command line: segment,
summarize, figures, translate and build read them; bad files are one line, exit 65, nothing
written. The subprocess runs are the CLI as a user has it (``python -m confl10n``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.test_hostile import one_clean_line, run
from tests.helpers import invoke

PAGE_HEADINGS = ["Why the line was built", "What riders say", "What comes next"]


def segmented(*args: str | Path, stdin: str | None = None) -> dict[str, object]:
    code, out, err = run("segment", *args, "--format", "json", stdin=stdin)
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def section_headings(data: dict[str, object]) -> list[str]:
    sections = data["sections"]
    assert isinstance(sections, list)
    return [s["heading"]["text"] for s in sections if s["heading"]]


def test_segment_reads_a_page_a_document_and_stdin(
    news_page_path: Path, news_docx_path: Path
) -> None:
    assert section_headings(segmented(news_page_path)) == PAGE_HEADINGS
    from_stdin = segmented("-", "--input-format", "html", stdin=news_page_path.read_text("utf-8"))
    assert section_headings(from_stdin) == PAGE_HEADINGS
    assert section_headings(segmented(news_docx_path)) == [
        "Why the line was built",
        "Stops and times",
    ]


def test_summarize_and_figures_read_html(news_page_path: Path) -> None:
    code, out, err = invoke("summarize", news_page_path, "--sentences", "2")
    assert code == 0, err
    assert "Advertisement" not in out and "cookie" not in out
    code, out, err = invoke("figures", news_page_path, "--locale", "de_DE", "--format", "json")
    assert code == 0, err
    figures = json.loads(out)["figures"]
    written = [row["source"] for row in figures]
    assert "$1.2 billion" in written and "$700 million" in written and "30%" not in written
    page = news_page_path.read_text("utf-8")
    for row in figures:  # spans index the page; a line break inside a figure is a space
        assert (
            " ".join(re.sub("<[^>]*>", "", page[row["start"] : row["end"]]).split())
            == row["source"]
        )


def test_translate_reads_a_word_document(news_docx_path: Path, apertium_bin: str) -> None:
    code, out, err = invoke("translate", news_docx_path, "--to", "es", "--engine", "apertium")
    assert code == 0, err
    assert (
        "tranvía" in out
        and re.search(r"\b15\s?%", out)
        and "12 %" not in out
        and "Check the estimate" not in out
    )


def test_unknown_input_format_is_a_usage_error(news_page_path: Path) -> None:
    code, out, err = run("segment", news_page_path, "--input-format", "pdf")
    assert (code, out) == (64, "")
    assert "unknown input format 'pdf'" in one_clean_line(err)


def bomb(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (64 * 2**20))


def page_of_50_mb(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html><html><body><article><p>")
        out.write("Words of a long article. " * (2 * 2**20))
        out.write("</p></article></body></html>")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("story.docx", lambda p: p.write_text("not a zip at all"), "not a zip archive"),
        ("bomb.docx", bomb, "zip bomb"),
        (
            "empty.html",
            lambda p: p.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>"),
            "no article text",
        ),
        ("huge.html", page_of_50_mb, "larger than the input limit of 5 MiB"),
    ],
    ids=["docx-not-zip", "zip-bomb", "page-without-article", "page-of-50-mb"],
)
def test_bad_files_are_one_line_exit_65_nothing_written(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    out_file = tmp_path / "out.md"
    code, out, err = run("translate", path, "--to", "es", "--output", out_file)
    assert (code, out) == (65, "")
    assert message in one_clean_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("how", [(), ("--format", "html")], ids=["by-content", "format-html"])
def test_a_page_on_stdin_is_read_as_html(news_page_path: Path, how: tuple[str, ...]) -> None:
    code, out, err = run("segment", "-", *how, stdin=news_page_path.read_text("utf-8"))
    assert code == 0, err
    assert out.startswith("title  Harbour city opens new tram line\n")
    assert "cookie" not in out and "<" not in out
    fragment = "<p>The council met on <b>Monday</b>.</p>\n<p>It voted 7 to 2.</p>\n"
    code, out, err = run("figures", "-", *how, "--locale", "de_DE", stdin=fragment)
    assert code == 0, err
    assert [line.split()[:2] for line in out.splitlines()[1:]] == [
        ["s1.p2.t1", "7"],
        ["s1.p2.t1", "2"],
    ]


def test_format_html_on_stdin_prints_the_translated_page(
    news_page_path: Path, apertium_bin: str
) -> None:
    page = news_page_path.read_text("utf-8")
    code, out, err = run("translate", "-", "--format", "html", "--to", "es", "--engine",
                         "apertium", "--no-cache", stdin=page)  # fmt: skip
    assert code == 0, err
    assert '<html lang="es" dir="ltr">' in out and "tranvía" in out
    assert "<script>window.dataLayer" in out
    code, out, err = run("translate", "-", "--format", "html", "--to", "es", "--to", "ca",
                         "--engine", "apertium", stdin=page)  # fmt: skip
    assert (code, out) == (64, "")
    assert one_clean_line(err) == (
        "confl10n: error: --format html prints one page; use --output page.{lang}.html"
    )


def test_format_html_with_another_input_format_is_refused(news_page_path: Path) -> None:
    code, out, err = run("segment", news_page_path, "--format", "html", "--input-format", "text")
    assert (code, out) == (64, "")
    assert (
        one_clean_line(err) == "confl10n: error: --format html reads HTML, not --input-format text"
    )


REFERENCED = (
    "# Plan\n\nResidents can [read the plan][plan] online.\n\nThe mayor said so on *Monday*.\n\n"
    "[plan]: https://example.org/plan\n"
)


@pytest.mark.parametrize(
    ("name", "asked", "starts"),
    [
        ("es.md", (), "# Plan\n\n"),
        ("es.json", (), "{\n"),
        ("es.md", ("--format", "text"), "title  "),
    ],
    ids=["md-by-suffix", "json-by-suffix", "format-wins"],
)
def test_the_output_suffix_names_the_format_unless_format_says(
    tmp_path: Path, name: str, asked: tuple[str, ...], starts: str, apertium_bin: str
) -> None:
    story = tmp_path / "story.md"
    story.write_text(REFERENCED, encoding="utf-8")
    code, _, err = run("translate", story, "--to", "es", "--engine", "apertium", "--no-cache",
                       "--output", tmp_path / name, *asked)  # fmt: skip
    assert code == 0, err
    written = (tmp_path / name).read_text("utf-8")
    assert written.startswith(starts)
    if name.endswith(".md") and not asked:
        assert "(https://example.org/plan)" in written and "*lunes*" in written


def test_a_page_cannot_be_written_from_markdown_and_nothing_is_translated(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(REFERENCED, encoding="utf-8")
    empty = tmp_path / "no-models"
    empty.mkdir()
    code, out, err = run("translate", story, "--to", "fr", "--engine", "argos", "--models-dir",
                         empty, "--output", tmp_path / "fr.html")  # fmt: skip
    assert (code, out) == (64, "")
    assert one_clean_line(err) == (
        "confl10n: error: cannot write a .html file from markdown input; use .md or the input's format"
    )
    assert not (tmp_path / "fr.html").exists()
