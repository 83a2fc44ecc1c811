"""Markdown read by a CommonMark parser: plain-text sentences, inline spans, lists, tables.

Also the plain-text reader's side of the same articles: a ``.txt`` file stays
plain text even with bullet lines (issue 12, cases 1-8).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.document import Article, Sentence
from confl10n.quantities.find import article_quantities
from confl10n.text.inline import markdown_layout
from confl10n.text.reader import looks_like_markdown, parse_text, read_article

BULLETED = (
    "Council Sets New Fees\n\nThe council agreed a budget on Tuesday.\n\n"
    "- Fees fall next year\n\nFunding\n\nThe plan costs less than expected.\n"
)


def headings(article: Article) -> list[str | None]:
    return [s.heading.text if s.heading else None for s in article.sections]


def marked(sentence: Sentence) -> list[tuple[str, str, str]]:
    return [(s.kind, sentence.text[s.start : s.end], s.target) for s in sentence.spans]


# case 1: one bullet line must not turn a plain-text file into Markdown


@pytest.mark.parametrize(
    "text",
    [
        BULLETED,
        BULLETED.replace("- Fees", "• Fees"),
        BULLETED.replace("- Fees fall next year", "1. Fees fall next year\n2. Rents stay"),
        BULLETED.replace("\n\n- Fees", "\n> quoted line\n\n- Fees"),
    ],
)
def test_plain_text_with_bullets_keeps_title_and_headings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    for article in (read_article(path), parse_text(text)):
        assert article.title is not None and article.title.text == "Council Sets New Fees"
        assert headings(article) == [None, "Funding"]
        items = [p for p in article.sections[0].paragraphs if p.kind == "list_item"]
        assert items and items[0].text == "Fees fall next year"
        assert items[0].marker in ("- ", "1. ")
        assert article.sections[1].paragraphs[0].text == "The plan costs less than expected."


def test_the_suffix_decides_before_the_content(tmp_path: Path) -> None:
    text = "# Not a heading in a .txt file\n\nBody text here.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    assert read_article(tmp_path / "a.md").title.text == "Not a heading in a .txt file"  # type: ignore[union-attr]
    plain = read_article(tmp_path / "a.txt")
    assert plain.title is not None and plain.title.text == "# Not a heading in a .txt file"
    assert plain.sections[0].heading is None


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Title\n\n- one\n- two\n\n> quoted\n", False),
        ("Title\n\n1. one\n2. two\n", False),
        ("# Title\n\nBody.\n", True),
        ("Title\n=====\n\nBody.\n", True),
        ("Title\n\nSee [the report](https://x.org).\n", True),
        ("Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", True),
        ("Title\n\nA **strong** claim.\n", True),
    ],
)
def test_markdown_is_detected_by_what_only_markdown_writes(text: str, markdown: bool) -> None:
    assert looks_like_markdown(text) is markdown


def test_plain_text_bullets_under_a_heading_and_continuation_lines() -> None:
    text = "Title\n\nKey Points\n- First point\n  goes on here\n- Second point\n\nLast words.\n"
    article = parse_text(text, markdown=False)
    assert headings(article) == ["Key Points"]
    assert [(p.kind, p.text) for p in article.sections[0].paragraphs] == [
        ("list_item", "First point goes on here"),
        ("list_item", "Second point"),
        ("text", "Last words."),
    ]


# case 3: truncation only where the text really stops mid-sentence


@pytest.mark.parametrize(
    ("text", "lang", "truncated"),
    [
        ("# T\n\nIntro.\n\n- First item\n- Last item without a period\n", "en", False),
        ("Title\n\nIntro.\n\n- First item\n- Last item\n", "en", False),
        ("# T\n\nIntro.\n\n| a | b |\n|---|---|\n| 1 | x |\n", "en", False),
        ("Titel\n\nEinleitung.\n\n„Wir bleiben“, sagte er.\n", "de", False),
        ("Titel\n\nEinleitung.\n\n‚Gut‘, sagte sie.\n", "de", False),
        ("Titre\n\nIntro.\n\n« Nous restons », dit-il.\n", "fr", False),
        (
            "Title\n\nIntro.\n\nHe said, “We will keep the plant open. Orders are coming in.\n",
            "en",
            True,
        ),
        ("Titel\n\nEinleitung.\n\n„Wir bleiben, sagte er.\n", "de", True),
        (
            "Title\n\nIntro.\n\nThe talks broke down late on Friday evening when the union leaders said that\n",
            "en",
            True,
        ),
    ],
)
def test_truncation_is_flagged_only_mid_sentence(text: str, lang: str, truncated: bool) -> None:
    article = parse_text(text, lang=lang)
    assert article.sections[-1].paragraphs[-1].truncated is truncated
    assert any("mid-sentence" in w for w in article.warnings) is truncated


# case 4: inline markup is not in the text; spans record it


def test_inline_markup_becomes_plain_text_with_spans() -> None:
    article = parse_text(
        "# T\n\nRead [the report](https://x.org/r?id=P152406&searchTerm=a%202022) now. "
        "It is **very** _short_, see `make all`. Costs \\[est.\\] rose &amp; fell.\n"
    )
    first, second, third = article.sentences
    assert first.text == "Read the report now."
    assert marked(first) == [
        ("link", "the report", "https://x.org/r?id=P152406&searchTerm=a%202022")
    ]
    assert second.text == "It is very short, see make all."
    assert marked(second) == [("strong", "very", ""), ("em", "short", ""), ("code", "make all", "")]
    assert third.text == "Costs [est.] rose & fell."
    assert article.text[third.start : third.end] == "Costs \\[est.\\] rose &amp; fell."
    assert not any("P152406" in u.text or "searchTerm" in u.text for u in article.units())


@pytest.mark.parametrize(
    ("markdown", "plain", "spans"),
    [
        ("An <https://x.org/a> autolink.", "An https://x.org/a autolink.", [("url", "https://x.org/a", "https://x.org/a")]),
        ("A bare https://x.org/b?q=1 address.", "A bare https://x.org/b?q=1 address.", [("url", "https://x.org/b?q=1", "https://x.org/b?q=1")]),
        ("A [**strong link**](/p \"title\") here.", "A strong link here.", [("strong", "strong link", ""), ("link", "strong link", "/p")]),
        ("Rates rose 4%[1](#note-1).", "Rates rose 4%.", [("note", "", "#note-1")]),
        ("An image ![chart](c.png) and <b>html</b> go.", "An image  and html go.", []),
        ("Use ``a `tick` here``.", "Use a `tick` here.", [("code", "a `tick` here", "")]),
    ],
)  # fmt: skip
def test_inline_variants(markdown: str, plain: str, spans: list[tuple[str, str, str]]) -> None:
    (sentence,) = parse_text(f"# T\n\n{markdown}\n").sentences
    assert (sentence.text, marked(sentence)) == (plain, spans)


def test_heading_and_title_markup_is_plain_too() -> None:
    article = parse_text("# The *new* budget\n\n## Why [it](https://x.org) matters\n\nBody.\n")
    assert article.title is not None and article.title.text == "The new budget"
    assert article.sections[0].heading is not None
    assert marked(article.sections[0].heading) == [("link", "it", "https://x.org")]


# case 5: URL text is not read as figures


@pytest.mark.parametrize(
    "link",
    [
        "[the tables](https://x.org/t?f=PPI%20FY%202022%20v2.xlsx)",
        "[data](https://x.org/d?year=2022&rate=10.5%25)",
        "[page 3](https://x.org/p/3?id=1926)",
    ],
)
def test_link_targets_give_no_figures(link: str) -> None:
    article = parse_text(f"# T\n\nPrices fell 2.1% in January, see {link}.\n")
    found = [q.text for q in article_quantities(article)]
    assert found[0] == "2.1%"
    assert not any(digit in text for text in found[1:] for digit in "0125679")


# case 6: tables keep rows and cells


def test_table_cells_are_paragraphs_with_rows_and_columns() -> None:
    article = parse_text(
        "# T\n\n| District | Loss in 2023 | Note |\n|---|---:|---|\n"
        "| North | 14.2 million litres | Pipes *replaced*. |\n| South | — | |\n\nAfter.\n"
    )
    cells = [p for p in article.sections[0].paragraphs if p.kind == "table_cell"]
    assert [(p.cell, p.text or p.literal) for p in cells] == [
        ((0, 0), "District"), ((0, 1), "Loss in 2023"), ((0, 2), "Note"),
        ((1, 0), "North"), ((1, 1), "14.2 million litres"), ((1, 2), "Pipes replaced."),
        ((2, 0), "South"), ((2, 1), "—"), ((2, 2), ""),
    ]  # fmt: skip
    assert [s.text for s in article.sentences][-1] == "After."
    north = cells[4].sentences[0]
    assert article.text[north.start : north.end] == "14.2 million litres"


# cases 7 and 8: markers recorded; code, comments and raw HTML are not prose


def test_list_and_quote_markers_are_recorded() -> None:
    article = parse_text(
        "# T\n\n1. One.\n2. Two.\n   - Nested.\n\n3) Three.\n\n* Star.\n\n> Quoted.\n>\n> - In a quote.\n"
    )
    assert [(p.kind, p.marker, p.text) for p in article.sections[0].paragraphs] == [
        ("list_item", "1. ", "One."),
        ("list_item", "2. ", "Two."),
        ("list_item", "   - ", "Nested."),
        ("list_item", "3) ", "Three."),
        ("list_item", "* ", "Star."),
        ("quote", "> ", "Quoted."),
        ("list_item", "> - ", "In a quote."),
    ]


@pytest.mark.parametrize(
    "block",
    [
        "    indented code. Not prose.",
        "<!-- editor's note. Not prose. -->",
        '<div class="ad">\nAdvertisement. Not prose.\n</div>',
        "```\nfenced code. Not prose.\n```",
        "<table><tr><td>Raw table. Not prose.</td></tr></table>",
    ],
)
def test_code_comments_and_raw_html_are_not_prose(block: str) -> None:
    article = parse_text(f"# T\n\nBefore.\n\n{block}\n\nAfter.\n")
    assert [s.text for s in article.sentences] == ["Before.", "After."]


@pytest.mark.parametrize(
    "byline",
    ["By Jane Doe", "Published March 4, 2025", "Updated 10:42 GMT", "Photo: Harbour City Water"],
)
def test_plain_bylines_and_datelines_are_not_headings(byline: str) -> None:
    article = parse_text(
        f"Council Sets New Fees\n\n{byline}\n\nThe council agreed.\n\nFunding\n\nIt costs less.\n"
    )
    assert headings(article) == [None, "Funding"]
    assert article.sections[0].paragraphs[0].text == byline


def test_plain_bullet_items_wrap_onto_lower_case_lines() -> None:
    text = "Title\n\nChanges:\n- Fees fall from £2.20\nto £1.80 an hour\n- Rents stay\nThe council meets again in May.\n"
    article = parse_text(text, markdown=False)
    heading = article.sections[0].heading  # a label on top of a list (issue 23)
    assert heading is not None and heading.text == "Changes:"
    assert [(p.kind, p.text) for p in article.sections[0].paragraphs] == [
        ("list_item", "Fees fall from £2.20 to £1.80 an hour"),
        ("list_item", "Rents stay"),
        ("text", "The council meets again in May."),
    ]


def test_github_footnotes_are_marks_and_their_definitions_are_prose() -> None:
    article = parse_text(
        "# T\n\nRates rose 4%.[^1] Prices *fell*[^note] again.\n\n"
        "[^1]: Source: National Statistics Office.\n[^note]: Seasonally adjusted.\n"
    )
    paragraphs = article.sections[0].paragraphs
    assert [(p.marker, p.text) for p in paragraphs] == [
        ("", "Rates rose 4%. Prices fell again."),
        ("[^1]: ", "Source: National Statistics Office."),
        ("[^note]: ", "Seasonally adjusted."),
    ]
    first, second = paragraphs[0].sentences
    assert [(s.kind, s.start, s.label) for s in first.spans] == [("note", 14, "^1")]
    assert [(s.kind, s.start, s.label) for s in second.spans] == [
        ("em", 7, ""),
        ("note", 11, "^note"),
    ]


def test_a_line_break_tag_separates_words() -> None:
    (sentence,) = parse_text("# T\n\nOne line<br>next line and<br/>more.\n").sentences
    assert sentence.text == "One line next line and more."


@pytest.mark.parametrize(
    "verbatim",
    [
        "https://x.org/d?f=FY%202022%20v2&n=1,926",
        "www.example.com/2024/10.5",
        "`rate=10.5% year=2022`",
    ],
)
def test_bare_urls_and_code_give_no_figures(verbatim: str) -> None:
    from confl10n.text.inline import prose_only

    article = parse_text(f"# T\n\nThe data is at {verbatim} now. Costs rose 3.5% in 2024.\n")
    found = [(q.text, q.sentence_id, q.start) for q in article_quantities(prose_only(article))]
    second = article.sentences[1]
    assert found == [
        ("3.5%", "s1.p1.t2", second.start + 11),
        ("2024", "s1.p1.t2", second.start + 19),
    ]
    assert prose_only(article).sentences[0].text.startswith("The data is at  ")


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("What Comes Next?", True),
        ("Who Pays for the New Bridge?", True),
        ("Why does this matter?", False),
        ("Does The Plan Work? Partly So.", False),
    ],
)
def test_plain_title_case_questions_are_subheadings(line: str, heading: bool) -> None:
    article = parse_text(f"Title\n\nIntro text.\n\n{line}\n\nBody text here.\n", markdown=False)
    assert (headings(article) == [None, line]) is heading


@pytest.mark.parametrize(
    ("quoted", "marker"),
    [
        ("> ## Quoted heading\n>\n> Quoted text.", "> ## "),
        ("> ### Quoted heading\n> Quoted text.", "> ### "),
        ("> > # Quoted heading\n> >\n> > Quoted text.", "> > # "),
        ("> Quoted heading\n> ---\n>\n> Quoted text.", "> ## "),
        ("- ## Quoted heading\n\n  Quoted text.", "- ## "),
    ],
)
def test_a_heading_inside_a_quote_or_list_stays_there(quoted: str, marker: str) -> None:
    article = parse_text(f"# Title\n\nIntro text.\n\n{quoted}\n\nAfter the quote.\n", markdown=True)
    (section,) = article.sections
    assert section.heading is None
    _, heading, body, after = section.paragraphs
    assert (heading.marker, heading.text) == (marker, "Quoted heading")
    assert heading.kind == body.kind == ("list_item" if marker[0] == "-" else "quote")
    assert body.text == "Quoted text."
    assert (after.kind, after.text) == ("text", "After the quote.")


def test_a_quoted_heading_is_written_back_inside_its_quote() -> None:
    article = parse_text("# T\n\nIntro.\n\n> ## Quoted heading\n>\n> Quoted text.\n", markdown=True)
    (section,) = article.sections
    blocks = markdown_layout([(p.kind, p.marker, p.cell, p.text) for p in section.paragraphs])
    assert blocks == ["Intro.", "> ## Quoted heading", "> Quoted text."]
    again = parse_text("# T\n\n" + "\n\n".join(blocks) + "\n", markdown=True)
    assert [s.heading for s in again.sections] == [None]
