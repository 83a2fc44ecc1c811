"""Reading real and tricky articles into sections, paragraphs and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.document import Article, Sentence
from confl10n.errors import InputError
from confl10n.text.reader import parse_bytes, parse_text, read_article

SEED_HEADINGS = [
    None,
    "Developing New Quality Productive Forces",
    "A City for the People",
    "Cultural Heritage and Innovation",
]


def headings(article: Article) -> list[str | None]:
    return [s.heading.text if s.heading else None for s in article.sections]


def test_seed_structure(seed_path: Path) -> None:
    article = read_article(seed_path)
    assert article.title is not None
    assert article.title.text.endswith("What are they observing?")
    assert headings(article) == SEED_HEADINGS
    assert [len(s.paragraphs) for s in article.sections] == [6, 9, 7, 6]


def test_seed_boilerplate_dropped_and_tail_flagged(seed_path: Path) -> None:
    article = read_article(seed_path)
    assert "You May Have Missed" not in " ".join(s.text for s in article.sentences)
    last = article.sections[-1].paragraphs[-1]
    assert last.truncated
    assert (
        last.sentences[-1].text
        == "“Media professionals must also continuously learn and timely discover"
    )
    assert last.sentences[-2].text.endswith(
        "said Zhou Jianjiang, Deputy Editor-in-Chief and Vice President of Nantong Daily."
    )
    assert not any(p.truncated for s in article.sections for p in s.paragraphs[:-1])
    assert any("boilerplate" in w for w in article.warnings)
    assert any("ends mid-sentence" in w for w in article.warnings)


def test_seed_numbers_are_not_split(seed_path: Path) -> None:
    texts = [s.text for s in read_article(seed_path).sentences]
    assert any("about 1.92 square kilometers." in t for t in texts)
    assert any("1,926 community elderly meal" in t for t in texts)


def is_subsequence(text: str, source: str) -> bool:
    remaining = iter(source)
    return all(char in remaining for char in text)


def test_every_span_points_at_its_text(seed_path: Path, sample_path: Path) -> None:
    for unit in read_article(seed_path).units():
        source = read_article(seed_path).text[unit.start : unit.end]
        assert " ".join(source.split()) == unit.text
    article = read_article(sample_path)
    for unit in article.units():
        source = article.text[unit.start : unit.end]
        assert is_subsequence(" ".join(unit.text.split()), " ".join(source.split()))
        assert (source[0], source[-1]) == (unit.text[0], unit.text[-1])
    emphasised = article.find("s4.p6.t3")
    assert isinstance(emphasised, Sentence)
    assert (
        emphasised.text
        == "“What you see here is cultural innovation, and it is commercial innovation too.”"
    )
    assert [(s.kind, emphasised.text[s.start : s.end]) for s in emphasised.spans] == [
        ("em", "cultural"),
        ("em", "commercial"),
    ]


def test_ids_are_stable_and_findable(sample_path: Path) -> None:
    article = read_article(sample_path)
    assert [s.id for s in article.sections] == ["s1", "s2", "s3", "s4"]
    first = article.sections[1].paragraphs[0].sentences[0]
    assert first.id == "s2.p1.t1"
    assert article.find("s2.p1.t1") == first
    heading = article.find("s2.h")
    assert isinstance(heading, Sentence)
    assert heading.text == "Developing New Quality Productive Forces"
    with pytest.raises(KeyError):
        article.find("s9.p1.t1")


def test_sample_markdown(sample_path: Path) -> None:
    article = read_article(sample_path)
    assert article.published is not None and article.published.isoformat() == "2024-12-20"
    assert headings(article) == SEED_HEADINGS
    kinds = {p.kind for s in article.sections for p in s.paragraphs}
    assert {"text", "quote", "list_item"} <= kinds
    assert article.warnings == ()
    assert not article.sections[-1].paragraphs[-1].truncated


def test_markdown_headings_lists_quotes_and_inline_markup() -> None:
    text = (
        "Big News\n========\n\nIntro with *emphasis* and [a link](http://x.org/a.b).\n\n"
        "Part one\n--------\n\n- First item. Still first.\n- Second item\n  continued.\n\n"
        "> A quote. It goes on\n> over lines.\n>\n> Another paragraph.\n\n"
        "### Part two ###\n\n```\ncode. Not prose.\n```\n\n1. Numbered.\n\n---\n\nLast words.\n"
    )
    article = parse_text(text)
    assert article.title is not None and article.title.text == "Big News"
    assert headings(article) == [None, "Part one", "Part two"]
    intro = article.sections[0].sentences[0]
    assert intro.text == "Intro with emphasis and a link."
    assert [(s.kind, intro.text[s.start : s.end], s.target) for s in intro.spans] == [
        ("em", "emphasis", ""),
        ("link", "a link", "http://x.org/a.b"),
    ]
    assert (
        article.text[intro.start : intro.end]
        == "Intro with *emphasis* and [a link](http://x.org/a.b)."
    )
    part_one = article.sections[1].paragraphs
    assert [(p.kind, p.text) for p in part_one] == [
        ("list_item", "First item. Still first."),
        ("list_item", "Second item continued."),
        ("quote", "A quote. It goes on over lines."),
        ("quote", "Another paragraph."),
    ]
    assert [(p.id, p.kind, p.text, p.literal) for p in article.sections[2].paragraphs] == [
        ("s3.v1", "code", "", "```\ncode. Not prose.\n```"),
        ("s3.p1", "list_item", "Numbered.", ""),
        ("s3.p2", "text", "Last words.", ""),
    ]
    assert article.sections[2].level == 3


def test_plain_subheading_on_top_of_paragraph_and_standalone() -> None:
    text = "The Title Line\n\nIntro text here.\n\nFirst Part\nBody of part one.\n\nSecond Part\n\nBody two.\n"
    article = parse_text(text)
    assert headings(article) == [None, "First Part", "Second Part"]
    assert article.sections[2].paragraphs[0].text == "Body two."


def test_truncated_quote_is_flagged_even_with_a_period() -> None:
    article = parse_text("Title\n\nOne paragraph.\n\nHe said, “We will go there.")
    assert article.sections[-1].paragraphs[-1].truncated


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        ("de", "Er sagte: »Das ist gut."),
        ("de", "Er sagte: »Ja« und »Nein."),
        ("de", "Sie sagte: »Er rief ›Halt!«"),
        ("fr", "Il a dit : « Nous restons."),
        ("fr", "Il a dit : ‹ Nous restons."),
    ],
)
def test_an_open_guillemet_quotation_is_flagged_truncated(lang: str, last: str) -> None:
    article = parse_text(f"Title\n\nFirst paragraph.\n\n{last}\n", lang=lang, markdown=False)
    assert article.sections[-1].paragraphs[-1].truncated


def test_boilerplate_markers_with_link_lists() -> None:
    text = "Title\n\nBody sentence.\n\nRelated Articles:\n\nSome other story\n\nAnother story\n"
    article = parse_text(text)
    assert [s.text for s in article.sentences] == ["Body sentence."]


def test_a_marker_followed_by_real_paragraphs_is_kept() -> None:
    long = "This is a long paragraph " * 8 + "that goes on."
    article = parse_text(f"Title\n\nBody.\n\nRead More\n\n{long}\n")
    assert headings(article) == [None, "Read More"]


def test_front_matter_lang_and_bad_date() -> None:
    article = parse_text("---\nlang: zh\ndate: tomorrow\n---\n# 标题\n\n上海很美。真的\n")
    assert article.lang == "zh"
    assert article.published is None
    assert [s.text for s in article.sentences] == ["上海很美。", "真的"]
    assert any("not YYYY-MM-DD" in w for w in article.warnings)


def test_crlf_and_bom_spans_follow_the_normalised_text() -> None:
    article = parse_bytes("\ufeffTitle\r\n\r\nOne. Two.\r\n".encode("utf-8-sig"))
    assert article.text == "Title\n\nOne. Two.\n"
    assert [(s.start, s.end) for s in article.sentences] == [(7, 11), (12, 16)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n\t \n", "is empty"),
        (b"# One\n\n## Two\n", "only headings"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_article(path)
    assert str(path) in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_single_long_line_without_punctuation() -> None:
    line = "word " * 10_000
    article = parse_text(f"Title\n\n{line}\n")
    assert len(article.sentences) == 1
    assert article.sentences[0].text == line.strip()


@pytest.mark.slow
def test_a_20_mb_article_parses_whole(seed_path: Path) -> None:
    """20 MB of seed paragraphs parse into every sentence (its speed is bench/segment.py's)."""
    body = seed_path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    text = "Title\n\n" + body * 2_000
    article = parse_text(text)
    assert len(text) > 20_000_000
    assert len(article.sentences) >= 2_000 * 55


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Gewerkschaft hat den Streik beendet. Sie sagte: „Das ist ein Erfolg.“"),
        ("de", "Er fragte: „Kommst du?“"),
        ("de", "Sie nannte es ‚gut‘"),
        ("fr", "Il a répondu : « Oui. »"),
        ("en", "She called it a “win.”"),
        ("ja", "彼は「成功だ。」"),
        ("en", "The tally is final (as reported.)"),
    ],
)
def test_a_line_closing_with_a_quote_is_a_paragraph(lang: str, line: str) -> None:
    article = parse_text(f"Title\n\n{line}\n\n{line}\n", lang=lang, markdown=False)
    assert [s.heading for s in article.sections] == [None]
    assert [p.text for s in article.sections for p in s.paragraphs] == [line, line]


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        ("ar", "هل سنبقى؟"),  # Arabic question mark
        ("ar", "انتهى الاجتماع۔"),  # Arabic full stop
        ("ja", "計画は来年始まる．"),  # full-width full stop
        ("ja", "計画は来年始まる｡"),  # half-width ideographic full stop
        ("en", "They won‼"),
        ("en", "The rate rose by 5%.¹"),  # a footnote mark after the full stop
        ("en", "The rate rose by 5%.[1]"),
        ("en", "The rate rose by 5%.[12][13]"),
        ("en", "“We stay.”²³"),
        ("de", "Er sagte: »Das ist gut …«"),  # German and Danish guillemets close with « and ‹
        ("de", "Sie sagte: ›Wir bleiben.‹"),
        ("de", "Er sagte: »Sie rief ›Halt!‹«"),
        ("da", "Hun sagde: »Vi bliver.«"),
        ("fr", "Il a dit : « Nous restons. »"),
        ("fr", "» Nous continuerons. »"),  # French goes on with » a quotation of paragraphs
    ],
)
def test_a_complete_last_sentence_is_not_flagged_truncated(lang: str, last: str) -> None:
    article = parse_text(f"Title\n\nFirst paragraph.\n\n{last}\n", lang=lang, markdown=False)
    assert not article.sections[-1].paragraphs[-1].truncated
    assert not any("mid-sentence" in w for w in article.warnings)


@pytest.mark.parametrize("last", ["The rate rose by[1]", "The rate rose by 5%¹", "He said [1"])
def test_a_footnote_mark_does_not_hide_a_cut_sentence(last: str) -> None:
    article = parse_text(f"Title\n\nFirst paragraph.\n\n{last}\n", markdown=False)
    assert article.sections[-1].paragraphs[-1].truncated
