"""Translated files in the format that came in, with real Apertium: the same HTML page with its
article translated, the same Word document with its paragraphs translated."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from confl10n.building.files import translated_file, translated_text
from confl10n.errors import InvalidOptionError
from confl10n.text.reader import parse_text, read_article
from confl10n.translate.article import translate_article
from confl10n.translate.options import TranslateOptions
from confl10n.translate.render import render_markdown
from confl10n.translate.results import ArticleTranslation
from tests.docx_kit import REPORT_URL
from tests.helpers import invoke

APERTIUM = TranslateOptions(engine="apertium")


def spanish(path: Path) -> ArticleTranslation:
    return translate_article(read_article(path), to="es", options=APERTIUM, cache=False)


def test_the_page_comes_back_with_its_article_translated(
    news_page_path: Path, apertium_bin: str
) -> None:
    page = news_page_path.read_text("utf-8")
    out = translated_file(spanish(news_page_path), page.encode(), suffix=".html").decode()
    assert '<html lang="es" dir="ltr">' in out
    for kept in ("<script>window.dataLayer", "body { font-family: serif; }", "Share on Facebook",
                 'href="https://example.org/transport-report"', "Related stories",
                 '<table>', "<h2>Comments (3)</h2>"):  # fmt: skip
        assert kept in out
    assert "tranvía" in out and "Why the line was built" not in out
    again = parse_text(out, input_format="html")
    english = read_article(news_page_path)
    assert [s.id for s in again.units()] == [s.id for s in english.units()]
    assert [s.heading is None for s in again.sections] == [
        s.heading is None for s in english.sections
    ]
    assert "2,50" in out and "700 millones" in out
    assert re.search(r'<img src="/img/tram.jpg" alt="[^"]*tranvía[^"]*" title="[^"]*tranvía', out)
    assert 'alt="Premium headphones"' in out  # an ad's, outside the article


def translated_fragment(fragment: str) -> str:
    article = parse_text(fragment, input_format="html")
    done = translate_article(article, to="es", options=APERTIUM, cache=False)
    return translated_file(done, fragment.encode(), suffix=".html").decode()


def test_a_fragment_keeps_its_tags_and_a_lost_link_wraps_its_sentence(apertium_bin: str) -> None:
    out = translated_fragment(
        '<p>Residents can <a href="https://example.org/plan">read the plan</a> online.</p>'
    )  # placed by Apertium's alignment
    assert out == (
        '<div lang="es" dir="ltr"><p>Los residentes pueden '
        '<a href="https://example.org/plan">leer el plan</a> on-line.</p></div>'
    )
    out = translated_fragment(
        '<p>Residents say <a href="https://example.org/plan">it</a> works online.</p>'
    )  # Apertium drops "it": no word to put the link on
    assert out.startswith('<div lang="es" dir="ltr"><p><a href="https://example.org/plan">')
    assert out.endswith("</a>.</p></div>")
    assert "<https://" not in out


def test_the_word_document_comes_back_translated(news_docx_path: Path, apertium_bin: str) -> None:
    out_path = news_docx_path.with_name("es.docx")
    data = news_docx_path.read_bytes()
    out_path.write_bytes(translated_file(spanish(news_docx_path), data, suffix=".docx"))
    document = docx.Document(str(out_path))
    styles = [p.style.name for p in document.paragraphs if p.text and p.style is not None]
    original = [
        p.style.name for p in docx.Document(str(news_docx_path)).paragraphs if p.text and p.style
    ]
    assert styles == original
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Ciudad de puerto abre línea de tranvía nuevo"
    assert any("15" in t and "%" in t for t in texts) and not any("12%" in t for t in texts)
    assert document.tables[0].cell(2, 1).text == "18"
    again = read_article(out_path)
    links = [i.target for s in again.sentences for i in s.spans if i.kind == "link"]
    assert links == [REPORT_URL]


def test_a_page_cannot_be_written_from_a_word_document(
    news_docx_path: Path, apertium_bin: str
) -> None:
    with pytest.raises(InvalidOptionError, match=r"cannot write a \.html file from docx input"):
        translated_file(spanish(news_docx_path), b"", suffix=".html")


def test_translate_writes_each_language_in_the_format_that_came_in(
    tmp_path: Path, news_page_path: Path, news_docx_path: Path, apertium_bin: str
) -> None:
    code, _, err = invoke("translate", news_page_path, "--to", "es", "--engine", "apertium",
                          "--no-cache", "--output", tmp_path / "page.{lang}.html")  # fmt: skip
    assert code == 0, err
    assert re.search(r'<html lang="es"', (tmp_path / "page.es.html").read_text("utf-8"))
    code, _, err = invoke("translate", news_docx_path, "--to", "es", "--engine", "apertium",
                          "--no-cache", "--output", tmp_path / "story-es.docx")  # fmt: skip
    assert code == 0, err
    assert read_article(tmp_path / "story-es.docx").title is not None
    code, _, err = invoke("translate", news_page_path, "--to", "es", "--to", "ca", "--engine",
                          "apertium", "--no-cache", "--output", tmp_path / "both.html")  # fmt: skip
    assert code == 64 and "name it with {lang}" in err


def spanish_text(text: str, input_format: str) -> ArticleTranslation:
    article = parse_text(text, input_format=input_format)
    return translate_article(article, to="es", options=APERTIUM, cache=False)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            "<p>The <b>big</b> house is <i>very</i> red.</p>",
            "<p>La casa <b>grande</b> es <i>muy</i> roja.</p>",
        ),
        (
            "<p>The <b>big</b> house\n   is <i>very</i>\n   red.</p>",
            "<p>La casa <b>grande</b> es <i>muy</i> roja.</p>",
        ),
        (
            "<p>The <strong>red</strong> house is big.</p>",
            "<p>La casa <strong>roja</strong> es grande.</p>",
        ),
    ],
    ids=["issue-case", "wrapped-lines", "strong"],
)
def test_a_sentence_is_translated_whole_with_its_tags_on_its_words(
    fragment: str, expected: str, apertium_bin: str
) -> None:
    whole = translated_text(spanish_text(fragment, "html"), markup=True, set_lang=False)
    assert whole == expected


def test_markup_outside_sentences_is_kept_byte_for_byte(apertium_bin: str) -> None:
    source = '<p class="x>y">Sales &amp; <b>profits</b> rose.</p><script>a<b</script><!-- c -->'
    out = translated_text(spanish_text(source, "html"), markup=True, set_lang=False)
    assert out.startswith('<p class="x>y">') and out.endswith("</p><script>a<b</script><!-- c -->")
    assert "&amp;" in out and re.search("<b>beneficios</b>", out, re.IGNORECASE)


def test_markdown_links_stay_on_their_words_or_wrap_their_sentence(apertium_bin: str) -> None:
    text = "# Plan\n\nResidents can [read the plan](https://example.org/plan) online.\n"
    rendered = render_markdown([spanish_text(text, "markdown")])
    assert "<https://example.org/plan>" not in rendered
    assert re.search(r"\[[^\]]*plan[^\]]*\]\(https://example\.org/plan\)", rendered), rendered


def test_build_puts_emphasis_on_its_translated_words(tmp_path: Path, apertium_bin: str) -> None:
    source = tmp_path / "casa.md"
    source.write_text("# The house\n\nThe **big** house is *very* red.\n", "utf-8")
    code, _, err = invoke("build", source, "--to", "es_ES", "--engine", "apertium",
                          "--no-cache", "--out", tmp_path / "out")  # fmt: skip
    assert code == 0, err
    (folder,) = (tmp_path / "out").iterdir()
    article_md = (folder / "es_ES" / "article.md").read_text("utf-8")
    assert "La casa **grande** es *muy* roja." in article_md
    article_html = (folder / "es_ES" / "article.html").read_text("utf-8")
    assert "La casa <strong>grande</strong> es <em>muy</em> roja." in article_html


def test_a_page_in_a_latin_charset_comes_back_as_utf8_saying_so(
    tmp_path: Path, apertium_bin: str
) -> None:
    page = (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=iso-8859-1"><title>Caf\u00e9s</title></head><body><article><h1>Caf\u00e9s close</h1>'
        "<p>The big caf\u00e9 closed after 40 years, the owner said on Monday.</p></article></body></html>"
    )
    source = tmp_path / "latin.html"
    source.write_bytes(page.encode("cp1252"))
    code, _, err = invoke("translate", source, "--to", "es", "--engine", "apertium",
                          "--no-cache", "--output", tmp_path / "es.html")  # fmt: skip
    assert code == 0, err
    out = (tmp_path / "es.html").read_bytes().decode("utf-8")
    assert 'content="text/html; charset=utf-8"' in out and "iso-8859-1" not in out
    assert "40 años" in out


def nesting_errors(page: str) -> list[str]:
    """Closing tags that do not close the innermost open element, and elements left open."""
    errors, stack = [], []
    for closing, name in re.findall(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>", page):
        if name in ("br", "img", "meta", "link", "hr", "input"):
            continue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            errors.append(f"</{name}> inside <{stack[-1] if stack else ''}>")
    return errors + [f"<{name}> left open" for name in stack]


@pytest.mark.parametrize(
    "fragment",
    [
        '<p><a href="https://example.org/sat">Satellite</a> imagery has tracked the smoke.</p>',
        "<p>It <b>filled the air.</b> Smoke <i>was thick. It hurt.</i></p>",
        "<p><em>The smoke was thick.</em> <span class='hl'>It hurt. The</span> city closed.</p>",
    ],
    ids=["link-opens-the-sentence", "bold-closes-it-italics-span-two", "span-over-two-sentences"],
)
def test_elements_cut_by_sentence_edges_stay_whole(fragment: str, apertium_bin: str) -> None:
    done = spanish_text(fragment, "html")
    out = translated_file(done, fragment.encode(), suffix=".html").decode()
    assert nesting_errors(out) == []
    assert out.count("<a ") == fragment.count("<a ")
    assert "humo" in out


def test_a_link_wrapping_its_whole_sentence_is_written_once(apertium_bin: str) -> None:
    fragment = '<p><br />\n<a href="https://example.org/c"> The generation we love </a></p>'
    out = translated_file(spanish_text(fragment, "html"), fragment.encode(), suffix=".html")
    assert out.decode().count("<a ") == 1
    assert nesting_errors(out.decode()) == []


def test_a_bare_url_in_the_page_stays_text(apertium_bin: str) -> None:
    fragment = "<p>The council put the plan online at https://example.org/plan on Monday.</p>"
    out = translated_file(spanish_text(fragment, "html"), fragment.encode(), suffix=".html")
    assert "<a " not in out.decode() and "https://example.org/plan" in out.decode()


@pytest.mark.parametrize(
    ("fragment", "kept"),
    [
        ('<p>The council approved <a href="https://example.org/p" class="ext" target="_blank"'
         ' rel="noopener">the plan</a> on Monday.</p>',
         '<a href="https://example.org/p" class="ext" target="_blank" rel="noopener">'),
        ('<p>Rates rose by <strong class="hl" id="r1">0.25 points</strong> today.</p>',
         '<strong class="hl" id="r1">'),
        ('<p>She thanked the <em data-x="1">crowd</em> at noon.</p>', '<em data-x="1">'),
        ("<p>Run <code class='sh'>make all</code> twice.</p>", "<code class='sh'>make all</code>"),
    ],
)  # fmt: skip
def test_inline_tags_keep_their_attributes(fragment: str, kept: str, apertium_bin: str) -> None:
    out = translated_file(spanish_text(fragment, "html"), fragment.encode(), suffix=".html")
    assert kept in out.decode()
    assert nesting_errors(out.decode()) == []


def test_a_links_title_is_translated_in_its_tag(apertium_bin: str) -> None:
    fragment = '<p>See <a href="/r" title="The new plan">the report</a> today.</p>'
    out = translated_file(spanish_text(fragment, "html"), fragment.encode(), suffix=".html")
    assert re.search(r'<a href="/r" title="[^"]*plan nuevo[^"]*">', out.decode())


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p>The mayor <img src="m.jpg" alt="The mayor"> spoke at noon. She<sup>1</sup> left'
         " early.</p>",
         '<p>El alcalde <img src="m.jpg" alt="El alcalde"> habló en 12:00. Dejó'
         " temprano<sup>1</sup>.</p>"),
        ('<p>The <abbr title="World Health Organization">WHO</abbr> met the <span class="hl">big'
         "</span> crowd.</p>",
         '<p>La <abbr title="Organización Mundial de la Salud">OMS</abbr> cumplió la multitud'
         ' <span class="hl">grande</span>.</p>'),
        ('<p>She said <span lang="fr">bonjour</span> to the <u>red</u> car.</p>',
         '<p>Dijo <span lang="fr">bonjour</span> al coche <u>rojo</u>.</p>'),
        ('<p>The <mark>new</mark> plan is <small>very</small> <q>fair</q>, says <cite>The Times'
         '</cite> on <time datetime="2026-05-01">Friday</time>.</p>',
         "<p>El plan <mark>nuevo</mark> es <small>muy</small> <q>justo</q>, dice <cite>El Tiempo"
         '</cite> el <time datetime="2026-05-01">viernes</time>.</p>'),
        ("<p>Press <kbd>Ctrl</kbd> and <var>x</var> to close the <s>old</s> window.</p>",
         "<p>Prensa <kbd>Ctrl</kbd> y <var>x</var> para cerrar la ventana <s>vieja</s>.</p>"),
        # An exponent is part of the figure, which is written in the locale's style.
        ("<p>Water is H<sub>2</sub>O and the area is 5 m<sup>2</sup> in the house.</p>",
         "<p>EL agua es H<sub>2</sub>O y el área es 5 metros cuadrados en la casa.</p>"),
        ('<p>The city<sup><a href="#fn1">[1]</a></sup> grew. Read <a href="/x"><img src="i.png"'
         ' alt="The icon"></a> more <i class="fa fa-star"></i> now.</p>',
         '<p>La ciudad<sup><a href="#fn1">[1]</a></sup> creció. Leído <a href="/x"><img'
         ' src="i.png" alt="El icono"></a> más <i class="fa fa-star"></i> ahora.</p>'),
        ("<p>The 20<sup>th</sup> century ended.</p>", "<p>El siglo XX acabó<sup></sup>.</p>"),
        ('<p><span class="lead" id="s1">The council met on Monday.</span> It voted.</p>',
         '<p><span class="lead" id="s1">El consejo cumplió el lunes.</span> Votó.</p>'),
        ("<p>The mayor <!-- photo: AP --> spoke at noon.<!-- end --> It voted.</p>",
         "<p>El alcalde <!-- photo: AP --> habló en 12:00.<!-- end --> Votó.</p>"),
    ],
    ids=["issue-case", "abbr-span", "span-lang-u", "mark-small-q-cite-time", "kbd-var-s",
         "sub-sup", "footnote-link-linked-image-icon", "sup-lost-in-translation",
         "span-over-a-sentence", "comments"],
)  # fmt: skip
def test_every_element_in_a_sentence_comes_back_on_its_words(
    fragment: str, expected: str, apertium_bin: str
) -> None:
    whole = translated_text(spanish_text(fragment, "html"), markup=True, set_lang=False)
    assert whole == expected
    assert nesting_errors(whole) == []


def test_an_image_in_a_pages_sentence_stays_with_its_alt_translated(
    news_page_path: Path, tmp_path: Path, apertium_bin: str
) -> None:
    page = news_page_path.read_text("utf-8")
    image = '<img src="/i/line.png" alt="The red line">'
    page = page.replace("Officials said the line", f"Officials said {image} the line")
    (tmp_path / "page.html").write_text(page, "utf-8")
    out = translated_file(spanish(tmp_path / "page.html"), page.encode(), suffix=".html").decode()
    assert '<img src="/i/line.png" alt="La línea roja">' in out
    assert "Officials" not in out


def test_translate_output_and_build_keep_images_and_footnote_marks(
    tmp_path: Path, apertium_bin: str
) -> None:
    source = tmp_path / "mayor.html"
    source.write_text(
        '<h1>The mayor</h1><p>The mayor <img src="m.jpg" alt="The mayor"> spoke at noon.'
        " She<sup>1</sup> left early.</p>",
        "utf-8",
    )
    code, _, err = invoke("translate", source, "--to", "es_ES", "--engine", "apertium",
                          "--no-cache", "--output", tmp_path / "out.html")  # fmt: skip
    assert code == 0, err
    expected = (
        '<p>El alcalde <img src="m.jpg" alt="El alcalde"> habló en 12:00. Dejó'
        " temprano<sup>1</sup>.</p>"
    )
    assert expected in (tmp_path / "out.html").read_text("utf-8")
    code, _, err = invoke("build", source, "--to", "es_ES", "--engine", "apertium",
                          "--no-cache", "--out", tmp_path / "built")  # fmt: skip
    assert code == 0, err
    (folder,) = (tmp_path / "built").iterdir()
    assert expected in (folder / "es_ES" / "article.html").read_text("utf-8")
