"""Translated files in the format that came in: HTML, Word, plain text, Markdown.

An HTML article's spans index the page itself, so the translated page is the
source page with each unit's source span (title, headings, sentences, inline
tags inside them included) replaced by its translation, the sentence's links,
emphasis and other inline elements put back as written by
:func:`confl10n.text.inline.align` (by their words, their words translated
alone, or the engine's word alignment; a link that cannot be placed wraps the
whole translated sentence, another element that cannot stays, empty, at its
end), and its images, line breaks and footnote marks next to the word they
touched; the head's title and description metas and the article's ``alt`` and
``title`` attributes are translated too (inside a sentence's tags as well);
everything else — other markup, scripts, styles, URLs, code,
white space — stays byte for byte, and the root element gets the target's
``lang`` and ``dir``. A plain-text article is rewritten the same way. A ``.docx`` is
rewritten paragraph by paragraph (:func:`confl10n.text.docx.rewrite_docx`),
styles and run formatting kept. Markdown is the Markdown renderer's.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from confl10n.document import Article, Inline, Sentence
from confl10n.errors import InvalidOptionError
from confl10n.languages import bcp47, direction, sentence_separator
from confl10n.text import inline
from confl10n.text.docx import Piece, paragraph_key, rewrite_docx
from confl10n.text.html import as_utf8_page, balanced_range, page_texts
from confl10n.text.inline import AlignedWord
from confl10n.translate.render import render_markdown
from confl10n.translate.results import ArticleTranslation

FILE_FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
FILE_FORMATS |= {".docx": "docx"}
"""The file suffixes a translated file can be written as, and the input format each needs."""
_ROOT = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_DIR = re.compile(r"\s(?:lang|dir|xml:lang)\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]*)", re.I)
_INLINE_TAGS = {"strong": ("b", "strong"), "em": ("i", "em"), "strike": ("s", "del", "strike")}
_SAFE_LINK = re.compile(r"(?:https?:|mailto:|#|/|\./|\.\./)|[^:]*$", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(\s(?:alt|title)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_TAG = re.compile(r"<[A-Za-z][^>]*>")


def translated_file(translation: ArticleTranslation, data: bytes, *, suffix: str) -> bytes:
    """The translated file for ``suffix`` (a key of :data:`FILE_FORMATS`) from the source
    file's bytes ``data`` (the article's ``source_format``).

    Raises :class:`~confl10n.errors.InvalidOptionError` when the suffix cannot be written from
    that input (an HTML page or a Word file needs the same format in), and what
    :func:`~confl10n.text.docx.rewrite_docx` raises for a bad ``.docx``.
    """
    wanted = check_file_format(suffix, translation.article.source_format)
    if wanted == "markdown":
        return render_markdown([translation]).encode("utf-8")
    if wanted == "docx":
        return translated_docx(translation, data)
    page = translated_text(translation, markup=wanted == "html")
    return page.encode("utf-8")


def check_file_format(suffix: str, input_format: str) -> str:
    """The format a translated file with ``suffix`` is written in from ``input_format``
    input: Markdown for ``.md`` (and ``.txt`` from Markdown), else the input's own.

    Raises :class:`~confl10n.errors.InvalidOptionError` when the suffix cannot be written from
    that input (an HTML page or a Word file needs the same format in).
    """
    wanted = FILE_FORMATS.get(suffix.lower())
    if wanted == "markdown" or (wanted == "text" and input_format == "markdown"):
        return "markdown"
    if wanted != input_format or wanted is None:
        raise InvalidOptionError(
            f"cannot write a {suffix} file from {input_format} input; use .md or the input's format"
        )
    return wanted


def translated_text(translation: ArticleTranslation, *, markup: bool, set_lang: bool = True) -> str:
    """The source text (HTML with ``markup``) with every unit translated in place, and an
    HTML page's other texts (head title and descriptions, the article's ``alt`` and
    ``title`` attributes: :func:`~confl10n.text.html.page_texts`); an HTML page's root (a
    fragment: a ``<div>`` around it) given the target's ``lang`` and ``dir`` unless
    ``set_lang`` is False.
    A unit translated to nothing (:attr:`~confl10n.translate.results.UnitTranslation.missing`)
    stays as written, as a build's bulletin shows its source."""
    article, words = translation.article, dict(translation.translated_alone)
    edits = sorted(_edits(translation, markup, words))
    parts, position = [], 0
    for start, end, replacement in edits:
        if start >= position:
            parts += [article.text[position:start], replacement]
            position = end
    text = "".join([*parts, article.text[position:]])
    return _with_lang(text, translation.target) if markup and set_lang else text


def article_page(article: Article, translation: ArticleTranslation | None, locale: str) -> str:
    """A build's ``article.html`` for an HTML ``article`` (its ``text`` is the page): the page
    with ``translation``'s units translated in place (None: the page as written, for the
    source language), the root's ``lang`` (BCP 47) and ``dir`` those of ``locale``.

    Only ``article``'s own units go in (not the key figures' labels a build translates with
    it); a unit translated to nothing stays as written (:func:`translated_text`).
    """
    page = article.text
    if translation is not None:
        own = replace(translation, article=article)
        page = translated_text(own, markup=True, set_lang=False)
    return _with_lang(page, bcp47(locale))


def _edits(
    translation: ArticleTranslation, markup: bool, words: Mapping[str, str]
) -> Iterator[tuple[int, int, str]]:
    """``(start, end, replacement)`` for every unit and other page text translated."""
    article, alignments = translation.article, dict(translation.alignments)
    units = {u.id: u.target for u in translation.units if not u.missing}
    for unit in (u for u in article.units() if u.id in units):
        target = units[unit.id]
        if not markup:
            yield unit.start, unit.end, target
            continue
        aligned = alignments.get(unit.id, ())
        placed = placed_spans(unit.text, target, unit.spans, words, aligned)
        placed = tuple(replace(s, tag=_translated_attributes(s.tag, words)) for s in placed)
        start, end, before, after = balanced_range(article.text, unit.start, unit.end)
        yield start, end, before + inline.render(target, placed, _escape, _html_wrap) + after
    if markup and article.source_format == "html":
        for start, end, value in page_texts(article):
            if value in words:
                yield start, end, html.escape(words[value], quote=True)


def placed_spans(
    source: str,
    target: str,
    spans: Sequence[Inline],
    words: Mapping[str, str],
    alignment: Sequence[AlignedWord] = (),
) -> tuple[Inline, ...]:
    """``spans`` moved onto ``target`` by :func:`confl10n.text.inline.align` (``words``: span
    words translated alone; ``alignment``: the two sentences' words aligned; a link that
    cannot be placed wraps the sentence; a URL that cannot is left out: the text has it)."""
    return inline.align(source, target, spans, translated=words, alignment=alignment)[0]


def _translated_attributes(markup: str, words: Mapping[str, str]) -> str:
    """Markup as written (an opening tag, an image) with the ``alt`` and ``title``
    attributes of its tags translated (``words``: the page's texts translated alone, see
    :func:`~confl10n.text.html.page_texts`), the rest of it as it was."""

    def attribute(match: re.Match[str]) -> str:
        written = next(v for v in match.groups()[1:] if v is not None)
        value = html.unescape(written)
        if value not in words:
            return match[0]
        return f'{match[1]}"{html.escape(words[value], quote=True)}"'

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag[0]), markup)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _html_wrap(span: Inline, inside: str, raw: str) -> str:
    """A span as the tag it was read from (``tag``, attributes and all, for HTML input),
    else the usual one; markup with no text as it was written."""
    if span.kind == "url":  # a bare URL in the page's text stays text, as it was written
        return inside
    if span.kind == "void":
        return span.tag
    if span.kind == "element":
        return f"{span.tag}{inside}</{span.label}>"
    if span.kind == "link":
        target = span.target or raw
        if not _SAFE_LINK.match(target):
            return inside
        opening = span.tag or '<a href="' + html.escape(target) + '">'
        return f"{opening}{inside}</a>"
    if span.kind == "code":
        return f"{span.tag or '<code>'}{html.escape(raw)}</code>"
    tag = {"strong": "strong", "em": "em", "strike": "del"}.get(span.kind)
    tag = span.label if span.label in _INLINE_TAGS.get(span.kind, ()) else tag
    if not tag:
        return inside
    opening = span.tag if span.tag and span.label == tag else f"<{tag}>"
    return f"{opening}{inside}</{tag}>"


def _with_lang(page: str, target: str) -> str:
    """``page`` with its ``<html>`` element (or the fragment, wrapped) in ``target``'s
    ``lang`` and ``dir``, and its charset declared as the UTF-8 it is written in."""
    page = as_utf8_page(page)
    attributes = f' lang="{html.escape(target)}" dir="{direction(target)}"'
    root = _ROOT.search(page)
    if root is None:
        return f"<div{attributes}>{page}</div>"
    tag = _LANG_DIR.sub("", root.group(0))
    opened = tag[:5] + attributes + tag[5:]
    return page[: root.start()] + opened + page[root.end() :]


def translated_docx(translation: ArticleTranslation, data: bytes) -> bytes:
    """The Word document ``data`` with its paragraphs translated (see the module's docstring)."""
    pieces = dict(_docx_pieces(translation))
    return rewrite_docx(data, pieces.get, source_name=translation.article.source_name)


def _docx_pieces(translation: ArticleTranslation) -> Iterator[tuple[str, list[Piece]]]:
    """For each paragraph (title, headings too): its key and its translated pieces."""
    article, units = translation.article, {u.id: u.shown for u in translation.units}
    words = dict(translation.translated_alone), dict(translation.alignments)
    groups: list[tuple[Sentence, ...]] = [(article.title,)] if article.title else []
    for section in article.sections:
        groups += [(section.heading,)] if section.heading else []
        groups += [p.sentences for p in section.paragraphs if p.sentences]
    for sentences in groups:
        if all(s.id in units for s in sentences):
            source = " ".join(s.text for s in sentences)
            texts = [units[s.id] for s in sentences]
            pieces = _joined_pieces(sentences, texts, translation.target, words)
            yield paragraph_key(source), pieces


def _joined_pieces(
    sentences: Sequence[Sentence],
    texts: list[str],
    target: str,
    words: tuple[Mapping[str, str], Mapping[str, tuple[AlignedWord, ...]]],
) -> list[Piece]:
    """The sentences' translations ``texts`` as pieces, formatting placed by their words
    translated alone and their alignments (``words``), joined by ``target``'s separator."""
    pieces: list[Piece] = []
    alone, alignments = words
    for index, (sentence, text) in enumerate(zip(sentences, texts, strict=True)):
        if index:
            pieces.append(Piece(sentence_separator(target)))
        aligned = alignments.get(sentence.id, ())
        pieces += _pieces(text, placed_spans(sentence.text, text, sentence.spans, alone, aligned))
    return pieces


def _pieces(text: str, spans: Sequence[Inline]) -> list[Piece]:
    """``text`` cut where a span starts or ends, each piece with the formatting over it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        over = [s for s in spans if s.start <= start and end <= s.end]
        link = next((s.target for s in over if s.kind in ("link", "url")), "")
        kinds = {s.kind for s in over}
        pieces.append(Piece(text[start:end], "strong" in kinds, "em" in kinds, link))
    return pieces
