"""Reading HTML: a whole news page gives its article only; a fragment is read whole; the model
is the one Markdown gives (IDs, sections, kinds, inline spans) and spans index the HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from confl10n.document import Article
from confl10n.errors import InputError
from confl10n.quantities.find import find_quantities
from confl10n.text.reader import parse_bytes, parse_text, read_article

FURNITURE = (
    "cookie", "Accept all", "Daily Ledger", "Subscribe", "Advertisement", "Share on",
    "Email this", "Related stories", "Ferry fares", "bike lanes", "Comments", "Great news",
    "taxpayers", "rights reserved", "Privacy", "Contact us", "dataLayer", "font-family",
)  # fmt: skip
HEADINGS = [None, "Why the line was built", "What riders say", "What comes next"]


def shape(article: Article) -> list[object]:
    """Everything but source offsets: IDs, kinds, markers, cells, texts and inline spans."""
    rows: list[object] = [article.title.text if article.title else None]
    for section in article.sections:
        rows.append((section.id, section.level, section.heading and section.heading.text))
        for p in section.paragraphs:
            spans = [[(i.kind, i.start, i.end, i.target) for i in s.spans] for s in p.sentences]
            texts = [(s.id, s.text) for s in p.sentences]
            rows.append((p.id, p.kind, p.marker, p.cell, p.literal, texts, spans))
    return rows


def as_read(source: str) -> str:
    """An HTML slice as a reader sees it: tags out, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", source)).split())


def test_page_gives_the_article_only(news_page_path: Path) -> None:
    article = read_article(news_page_path)
    assert article.title is not None
    assert article.title.text == "Harbour city opens new tram line"
    assert [s.heading.text if s.heading else None for s in article.sections] == HEADINGS
    units = " ".join(unit.text for unit in article.units())
    assert [word for word in FURNITURE if word in units] == []


def test_page_reads_as_its_markdown_does(news_page_path: Path) -> None:
    markdown = read_article(news_page_path.with_suffix(".md"))
    assert shape(read_article(news_page_path)) == shape(markdown)


def test_spans_index_the_html_file(news_page_path: Path) -> None:
    article = read_article(news_page_path)
    source = news_page_path.read_text("utf-8")
    assert article.text == source
    for unit in article.units():
        assert as_read(source[unit.start : unit.end]) == unit.text
    for paragraph in (p for s in article.sections for p in s.paragraphs):
        assert as_read(source[paragraph.start : paragraph.end]) == paragraph.text


def test_fragment_is_read_whole_with_inline_markup() -> None:
    fragment = "<p>The <b>big</b> house is <i>very</i> red.</p>\n<p>A &amp; B met at\n  <a href='/x'>noon</a>.</p>"
    article = parse_text(fragment, input_format="html")
    first, second = article.sentences
    assert first.text == "The big house is very red."
    assert [(s.kind, first.text[s.start : s.end]) for s in first.spans] == [
        ("strong", "big"), ("em", "very"),
    ]  # fmt: skip
    assert second.text == "A & B met at noon."
    assert [(s.kind, s.target) for s in second.spans] == [("link", "/x")]
    assert fragment[second.start : second.end].startswith("A &amp; B")


def test_fragment_without_blocks_is_one_paragraph() -> None:
    article = parse_text(
        "The <em>new</em> line opened.<br>It runs every 6 minutes.", input_format="html"
    )
    assert [s.text for s in article.sentences] == [
        "The new line opened.",
        "It runs every 6 minutes.",
    ]


def test_lists_quotes_tables_and_code_in_a_fragment() -> None:
    fragment = (
        "<h2>Facts</h2><ol><li>First stop</li><li>Second stop<ul><li>Nested stop</li></ul></li></ol>"
        "<blockquote><p>We are proud.</p></blockquote>"
        "<table><tr><th>Stop</th><th>Minutes</th></tr><tr><td>Harbour</td><td>0</td></tr></table>"
        "<pre><code>x = 1 &lt; 2</code></pre><script>var hidden = 1;</script><p>Done.</p>"
    )
    article = parse_text(fragment, input_format="html")
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert [(p.kind, p.marker) for p in paragraphs][:4] == [
        ("list_item", "1. "), ("list_item", "2. "), ("list_item", "  - "), ("quote", "> "),
    ]  # fmt: skip
    assert [p.cell for p in paragraphs if p.kind == "table_cell"] == [
        (0, 0),
        (0, 1),
        (1, 0),
        (1, 1),
    ]
    assert [p.literal for p in paragraphs if p.kind == "code"] == ["x = 1 < 2"]
    assert "hidden" not in " ".join(u.text for u in article.units())
    assert article.sections[0].heading is not None
    assert article.sections[0].heading.text == "Facts"


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"


STORY = (
    "<p>The council approved a budget of $4.5 million for the new library on Tuesday evening.</p>"
    "<h2>How it will be paid</h2>"
    "<p>Half of the money comes from a state grant, and the rest from a bond issue approved in 2024.</p>"
    "<h2>When it opens</h2>"
    "<p>Construction starts in May and the library should open its doors in the autumn of 2027.</p>"
)


@pytest.mark.parametrize(
    "wrapped",
    [
        "<article><h1>Library gets funding</h1>{}</article>",
        "<div class='content'><h1>Library gets funding</h1><div class='text'>{}</div></div>",
        "<nav><a href='/'>Home</a><a href='/a'>About us</a></nav><main><h1>Library gets funding</h1>{}</main>"
        "<aside><h2>Most read</h2><p>Cat rescued from a tree near the station by firefighters.</p></aside>"
        "<footer><p>Copyright 2026 Example News, all rights reserved.</p></footer>",
    ],
)
def test_pages_of_other_shapes(wrapped: str) -> None:
    article = parse_text(page(wrapped.format(STORY)), input_format="html")
    assert article.title is not None and article.title.text == "Library gets funding"
    headings = [s.heading.text if s.heading else None for s in article.sections]
    assert headings == [None, "How it will be paid", "When it opens"]
    units = " ".join(u.text for u in article.units())
    assert "Most read" not in units and "Cat rescued" not in units and "Copyright" not in units


def test_page_without_article_text_is_refused() -> None:
    furniture = page(
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav><footer>© 2026</footer>"
    )
    with pytest.raises(InputError, match="no article text"):
        parse_text(furniture, input_format="html", source_name="empty.html")


def test_a_50_mb_page_is_refused_before_decoding() -> None:
    data = page("<p>" + "word " * (10 * 2**20) + "</p>").encode()
    with pytest.raises(InputError, match="too large for an HTML page"):
        parse_bytes(data, input_format="html", source_name="big.html")


def test_html_suffixes_choose_the_html_reader(tmp_path: Path) -> None:
    for name in ("story.htm", "story.HTML", "story.xhtml"):
        path = tmp_path / name
        path.write_text("<p>The <b>big</b> house is red.</p>", "utf-8")
        assert read_article(path).sentences[0].text == "The big house is red."


def test_cells_holding_paragraphs_and_items_holding_lists_in_a_page() -> None:
    body = (
        "<article><h1>Council sets its budget</h1>"
        "<p>The council approved a budget of $4.5 million for the year on Tuesday evening.</p>"
        "<ul><li>Libraries get a larger share of the money than in any year since 2015"
        "<ul><li>Two branches will open on Sundays from next spring onwards.</li></ul></li></ul>"
        "<table><tr><th><p>Item</p></th><th><p>Amount</p></th></tr>"
        "<tr><td><p>Libraries</p></td><td><p>$1.2 million</p></td></tr></table>"
        "<p>The vote was seven to two, and the mayor said she was pleased with the result.</p>"
        "</article>"
    )
    article = parse_text(page(body), input_format="html")
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    items = [p.text for p in paragraphs if p.kind == "list_item"]
    assert items == [
        "Libraries get a larger share of the money than in any year since 2015",
        "Two branches will open on Sundays from next spring onwards.",
    ]
    cells = [(p.cell, p.text) for p in paragraphs if p.kind == "table_cell"]
    assert cells == [
        ((0, 0), "Item"),
        ((0, 1), "Amount"),
        ((1, 0), "Libraries"),
        ((1, 1), "$1.2 million"),
    ]


_P = "<p>{} The council approved a budget of $4.5 million for the new library on Tuesday evening, officials said.</p>"
_CHROME = (
    "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>",
    "<footer><p>Copyright 2026 Example News. All rights reserved. Terms and privacy.</p></footer>",
)
CMS_SHAPES = {
    "wordpress": (
        "<div class='site'><div class='entry-header'><h1 class='entry-title'>Library gets funding</h1>"
        "<span class='posted-on'>May 3, 2026</span></div><div class='entry-content'>" + _P.format("A.")
        + "<h2><span>Why</span> it matters</h2>" + _P.format("B.")
        + "<figure><img src='a.jpg' alt='x'><figcaption>The new library site.</figcaption></figure>"
        + "<h3>Next steps</h3>" + _P.format("C.") + "<h2>Reactions</h2>" + _P.format("D.")
        + "</div><div class='sharedaddy'><h3>Share this:</h3><ul><li><a href='#'>Twitter</a></li></ul></div></div>",
        ["Why it matters", "Next steps", "Reactions"],
    ),
    "headline-outside-the-article": (
        "<div class='hero'><h1>Library gets funding</h1></div><main><article>" + _P.format("A.")
        + "<h2>Background</h2>" + _P.format("B.") + "<h2>Opposition</h2>" + _P.format("C.")
        + "</article><aside><h2>Newsletter</h2><p>Sign up for our daily newsletter and never miss "
        "a story again from us.</p></aside></main>",
        ["Background", "Opposition"],
    ),
    "headings-with-inline-markup": (
        "<article><h1>Library gets funding</h1>" + _P.format("A.")
        + "<h2><a href='#money'>The money</a></h2>" + _P.format("B.")
        + "<h2 id='x'>What <em>residents</em> think</h2>" + _P.format("C.")
        + "<h4>Editor's note</h4>" + _P.format("D.") + "</article>",
        ["The money", "What residents think", "Editor's note"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("shape", list(CMS_SHAPES))
def test_every_heading_of_other_cms_shapes_is_found(shape: str) -> None:
    body, expected = CMS_SHAPES[shape]
    article = parse_text(page(_CHROME[0] + body + _CHROME[1]), input_format="html")
    assert article.title is not None and article.title.text == "Library gets funding"
    assert [s.heading.text for s in article.sections if s.heading] == expected
    units = " ".join(u.text for u in article.units())
    for furniture in ("Home", "Copyright", "Share this", "Twitter", "Newsletter", "Sign up"):
        assert furniture not in units


LEDE = "The council approved a budget of $4.5 million for the new library on Tuesday evening."
SECOND = (
    "Half of the money comes from a state grant, and the rest from a bond issue approved in 2024."
)
THIRD = "Construction starts in May and the library should open its doors in the autumn of 2027."


def test_paragraphs_a_cms_separates_with_line_breaks_are_each_read() -> None:
    body = (
        _CHROME[0] + "<div class='story'><h1>Library gets funding</h1><div class='body'>"
        f"{LEDE}<br /><br />\n{SECOND}<br><br><b>When it opens</b><br>{THIRD}</div></div>"
        + _CHROME[1]
    )
    article = parse_text(page(body), input_format="html")
    paragraphs = [p.text for s in article.sections for p in s.paragraphs]
    assert paragraphs == [LEDE, SECOND, f"When it opens {THIRD}"]


def test_soft_hyphens_are_hints_not_text() -> None:
    hyphenated = LEDE.replace("council", "coun\u00adcil").replace("approved", "ap&shy;proved")
    source = page(
        f"<article><h1>Library gets funding</h1><p>{hyphenated}</p><p>{SECOND}</p></article>"
    )
    article = parse_text(source, input_format="html")
    first = next(iter(article.units())) if article.title is None else article.sentences[0]
    assert first.text == LEDE
    assert source[first.start : first.end].startswith("The coun\u00adcil ap&shy;proved")


def test_a_teaser_repeating_the_lede_outside_the_article_is_left_out() -> None:
    teaser = f"<aside><h3>Top stories</h3><p><a href='/a'>Library gets funding</a></p><p>{LEDE}</p></aside>"
    story = f"<article><h1>Library gets funding</h1><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p></article>"
    source = page(teaser + story)
    article = parse_text(source, input_format="html")
    assert [s.text for s in article.sentences] == [LEDE, SECOND, THIRD]
    assert article.sentences[0].start > source.index("<article>")


def test_paragraphs_the_extractor_splits_at_inline_tags_are_kept_whole() -> None:
    story = (
        f"<article><h1>Library gets funding</h1><div>{LEDE} <span class='x'>{SECOND}</span>"
        f"<div class='ad'><p>Advertisement</p></div></div><p>{THIRD} <em>Ten</em> readers wrote in.</p>"
        "</article>"
    )
    article = parse_text(page(_CHROME[0] + story + _CHROME[1]), input_format="html")
    texts = [s.text for s in article.sentences]
    assert texts == [LEDE, SECOND, THIRD, "Ten readers wrote in."]


HEAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\n'
    "<title>\n  Trams &amp; buses | The Ledger\n</title>\n"
    '<meta property="og:title" content="Trams &amp; buses">\n'
    "<meta name='description' content='Fares fall to $2.50.'/>\n"
    '<meta property="OG:Description" content="Two lines open.">\n'
    '<meta name="twitter:title" content="Trams">\n'
    '<meta property="og:image" content="https://x.org/t.jpg"><meta name="keywords" content="a">\n'
    '<meta name="description" content="">\n'
    '</head><body><svg><title>A map</title></svg><meta property="og:title" content="Late">'
    "<p>Text.</p></body></html>"
)


def test_the_heads_title_and_description_metas_are_found_where_they_are_written() -> None:
    from confl10n.text.html import html_head_texts

    found = html_head_texts(HEAD)
    assert [value for _, _, value in found] == [
        "Trams & buses | The Ledger", "Trams & buses", "Fares fall to $2.50.",
        "Two lines open.", "Trams",
    ]  # fmt: skip
    written = [HEAD[start:end] for start, end, _ in found]
    assert written[:2] == ["\n  Trams &amp; buses | The Ledger\n", "Trams &amp; buses"]
    assert written[2:] == ["Fares fall to $2.50.", "Two lines open.", "Trams"]


def test_a_fragment_has_no_head_texts() -> None:
    from confl10n.text.html import html_head_texts

    assert html_head_texts("<title>Not a page</title><p>Text.</p>") == []


def test_the_headline_in_the_articles_header_is_the_title_and_its_kicker_goes() -> None:
    story = (
        "<article><header><p class='kicker'>Local news</p><p class='date'>October 22, 2026</p>"
        f"<h1>Library gets funding</h1></header><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p></article>"
    )
    article = parse_text(page(_CHROME[0] + story + _CHROME[1]), input_format="html")
    assert article.title is not None and article.title.text == "Library gets funding"
    assert [s.text for s in article.sentences] == [LEDE, SECOND, THIRD]


def test_the_headline_is_the_heading_the_page_title_names() -> None:
    head = (
        "<meta property='og:title' content='Library gets $4.5 million in funding | Daily Ledger'>"
    )
    story = (
        "<div class='masthead'><h1>Latest news</h1></div><div class='story'>"
        f"<h2>Library gets $4.5 million in funding</h2><p>{LEDE}</p><p>{SECOND}</p>"
        f"<h2>When it opens</h2><p>{THIRD}</p></div>"
    )
    source = page(story).replace("<title>T</title>", f"<title>T</title>{head}")
    article = parse_text(source, input_format="html")
    assert article.title is not None
    assert article.title.text == "Library gets $4.5 million in funding"
    assert [s.heading.text for s in article.sections if s.heading] == ["When it opens"]
    assert "Latest news" not in " ".join(u.text for u in article.units())


def spans_of(fragment: str) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """Each unit's text and its spans: kind, the words under it, its label and its tag."""
    units = list(parse_text(fragment, input_format="html").units())
    return [
        (u.text, [(s.kind, u.text[s.start : s.end], s.label, s.tag) for s in u.spans])
        for u in units
    ]


@pytest.mark.parametrize(
    "written",
    ['<abbr title="World Health Organization">', '<span lang="fr">', "<span class='hl'>",
     "<sup>", "<sub>", "<u>", '<mark class="x">', "<small>", "<q>", "<cite>",
     '<time datetime="2026-05-01">', "<kbd>", "<var>", "<ins>", "<dfn>", "<bdi>", "<font>"],
)  # fmt: skip
def test_every_text_level_element_is_a_span_with_its_tag_as_written(written: str) -> None:
    name = re.match(r"<(\w+)", written)[1]  # type: ignore[index]
    fragment = f"<p>The mayor met {written}the press</{name}> on Monday.</p>"
    assert spans_of(fragment) == [
        ("The mayor met the press on Monday.", [("element", "the press", name, written)])
    ]


@pytest.mark.parametrize(
    ("fragment", "text", "at", "markup"),
    [
        ('<p>The mayor <img src="m.jpg" alt="The mayor"> spoke.</p>', "The mayor spoke.", 10,
         '<img src="m.jpg" alt="The mayor"> '),
        ('<p>The mayor<img src="m.jpg"/> spoke.</p>', "The mayor spoke.", 9, '<img src="m.jpg"/>'),
        ("<p>The long<br>road began.</p>", "The long road began.", 9, "<br>"),
        ("<p>A super<wbr>market opened.</p>", "A supermarket opened.", 7, "<wbr>"),
        ('<p>Read <i class="fa fa-star"></i>more now.</p>', "Read more now.", 5,
         '<i class="fa fa-star"></i>'),
        ('<p>Read <a href="/x"><img src="i.png"></a> more.</p>', "Read more.", 5,
         '<a href="/x"><img src="i.png"></a> '),
        ('<p>A <svg width="9"><title>x</title></svg> star shone.</p>', "A star shone.", 2,
         '<svg width="9"><title>x</title></svg> '),
        ("<p>She<sup>1</sup> left early.</p>", "She left early.", 3, "<sup>1</sup>"),
        ('<p>The city<sup><a href="#fn2">[2]</a></sup> grew fast.</p>', "The city grew fast.", 8,
         '<sup><a href="#fn2">[2]</a></sup>'),
        ("<p>The mark<sup>*</sup> stays here.</p>", "The mark stays here.", 8, "<sup>*</sup>"),
    ],
)  # fmt: skip
def test_markup_without_text_in_a_sentence_is_a_void_span_as_written(
    fragment: str, text: str, at: int, markup: str
) -> None:
    ((read, spans),) = spans_of(fragment)
    assert read == text
    assert [s for s in spans if s[0] == "void"] == [("void", "", "", markup)]
    unit = next(parse_text(fragment, input_format="html").units())
    assert unit.spans[0].start == unit.spans[0].end == at
    assert markup.strip() in fragment[unit.start : unit.end]


def test_a_footnote_number_is_not_read_into_the_word_before_it() -> None:
    fragment = "<p>She<sup>1</sup> left early. The 20<sup>th</sup> century ended.</p>"
    assert [text for text, _ in spans_of(fragment)] == [
        "She left early.", "The 20th century ended.",
    ]  # fmt: skip
    assert spans_of(fragment)[1][1] == [("element", "th", "sup", "<sup>")]


def test_an_exponent_is_no_footnote_mark_so_an_area_stays_an_area() -> None:
    fragment = (
        "<p>The flat covers 50 m<sup>2</sup> in all. A 3 km<sup>2</sup> park opened."
        " It holds 5 ft<sup>3</sup> of soil. The firm<sup>2</sup> grew.</p>"
    )
    texts = [text for text, _ in spans_of(fragment)]
    assert texts == [
        "The flat covers 50 m2 in all.", "A 3 km2 park opened.",
        "It holds 5 ft3 of soil.", "The firm grew.",
    ]  # fmt: skip
    units = [q.unit for text in texts[:2] for q in find_quantities(text)]
    assert units == ["area-square-meter", "area-square-kilometer"]
    assert [spans for _, spans in spans_of(fragment)[:3]] == [[], [], []]  # plain text


def test_markup_between_sentences_stays_outside_them() -> None:
    fragment = '<p><img src="a.png">The city grew.<sup>3</sup> <br>Then it shrank.</p>'
    units = list(parse_text(fragment, input_format="html").units())
    assert [(u.text, u.spans) for u in units] == [("The city grew.", ()), ("Then it shrank.", ())]
    assert [fragment[u.start : u.end] for u in units] == ["The city grew.", "Then it shrank."]


def test_nested_elements_over_the_same_words_keep_their_order() -> None:
    fragment = '<p>It <span class="a"><span class="b">grew</span></span> <b><i>fast</i></b>.</p>'
    ((_, spans),) = spans_of(fragment)
    assert [(kind, tag) for kind, _, _, tag in spans] == [
        ("element", '<span class="a">'), ("element", '<span class="b">'),
        ("strong", "<b>"), ("em", "<i>"),
    ]  # fmt: skip


def test_markdown_and_plain_text_read_inline_html_as_before() -> None:
    markdown = parse_text("She<sup>1</sup> left <img src=a.png> early.\n", input_format="markdown")
    assert [(u.text, u.spans) for u in markdown.units()] == [("She1 left  early.", ())]
    text = parse_text("She<sup>1</sup> left <b>early</b>.\n", input_format="text")
    assert [(u.text, u.spans) for u in text.units()] == [("She<sup>1</sup> left <b>early</b>.", ())]
