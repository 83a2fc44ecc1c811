"""HTML -> blocks: an article page or a fragment, with spans indexing the HTML source.

The source is tokenized with the standard library's HTML parser, which reports
where every tag, text and entity starts, so each run of plain text keeps the
exact source span it was read from (entities and collapsed white space are
runs whose text replaces their source). Headings, paragraphs, list items,
block quotes and table cells become :class:`~confl10n.text.blocks.Block` s;
links, emphasis and code become :class:`~confl10n.document.Inline` spans, and so
does every other text-level element (``<sup>``, ``<span lang>``, ``<abbr>`` …: an
``element`` span); markup with no text of its own inside a block (``<img>``, a
``<br>``, an empty element, an ``<svg>``, a footnote mark ``<sup>1</sup>``, whose
number is no prose) is a ``void`` span, kept as written at its point, so a
translated page loses none of it. ``<pre>`` is a verbatim code block. Scripts,
styles, forms and the like are never text.

A whole page (it has ``<html>``, ``<head>``, ``<body>`` or a doctype) is a news
page with site furniture around the article: which blocks are the article is
decided by trafilatura, the reference extractor for news pages — a block is
kept when most of its words line up with trafilatura's article, word stream
against word stream (trafilatura splits and joins paragraphs its own way, at
``<br>`` or inline tags). A heading trafilatura left
out between two kept blocks is kept unless it sits in navigation, an aside, a
header, a footer or a form. A fragment is read whole.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from confl10n.document import Article, Inline
from confl10n.errors import InputError
from confl10n.text.blocks import Block, Run, url_spans

MAX_PAGE_BYTES = 16 * 2**20
"""The largest HTML page read (bytes): real article pages are well under 2 MiB."""

_PAGE = re.compile(r"<(?:!doctype|html|head|body)\b", re.IGNORECASE)


def _names(*groups: str) -> frozenset[str]:
    return frozenset(" ".join(groups).split())


_SKIP = _names(
    "script style noscript template svg math iframe object embed canvas select button",
    "textarea input option audio video map head",
)
_FURNITURE = _names("nav aside header footer form")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = _names(
    "p div section article main body html ul ol li blockquote table thead tbody tfoot tr td",
    "th caption figure figcaption pre dl dt dd address hr details summary center",
    *_FURNITURE,
    *_HEADINGS,
)
_INLINE = {"a": "link", "b": "strong", "strong": "strong", "i": "em", "em": "em"}
_INLINE |= {"code": "code", "s": "strike", "del": "strike", "strike": "strike"}
_TITLE_PLACES = frozenset({"header"})  # the furniture an article's <h1> may sit in
_TITLE_LIKENESS = 0.5  # of the shorter's words in the other: the headline and the page title
_KICKER_WORDS = 12  # a line before the headline this short is a date or kicker, not story
_KEPT_SHARE = 0.5  # of a block's words found in the article, in order
_SOFT_HYPHEN = re.compile("\u00ad")  # a hyphenation hint, invisible unless a line breaks there
_VOID = _names("br img hr meta link input wbr area base col source track param")
# What an exponent follows: a digit (10⁶) or a unit of length (m², km², ft³), unspaced.
_EXPONENT_BASE = re.compile(r"(?:\d|(?<![^\W\d_])(?:[kcmdnµμ]?m|ft|in|mi|yd))$")
_FOOTNOTE_MARK = re.compile(r"\[?\d{1,3}\]?|[*\u2020\u2021\u00a7]{1,3}")  # 1, [2], *, †, ‡, §
_SPACE = re.compile(r"\s+")
_ATTRIBUTE = re.compile(r"""\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_CONTENT = re.compile(r"""\scontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_HEAD_METAS = _names("og:title og:description twitter:title twitter:description description")


_Tags = list[tuple[str, str]]
_Parsed = tuple[Block, frozenset[str]]
"""A block and the furniture elements (``nav``, ``aside``, ...) it sits in."""
_CHARSET = re.compile(r"""(<meta\b[^>]*?charset\s*=\s*["']?\s*)([A-Za-z0-9_.:-]+)""", re.I)


def as_utf8_page(page: str) -> str:
    """``page`` with its charset declarations (``<meta charset>``, http-equiv Content-Type)
    saying UTF-8, as every page confl10n writes is: one read in windows-1252 stays readable.

    >>> as_utf8_page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    """
    return _CHARSET.sub(lambda m: m.group(1) + "utf-8", page)


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")


def balanced_range(page: str, start: int, end: int) -> tuple[int, int, str, str]:
    """Where a unit's translation replaces ``page[start:end]`` and the tags to keep around
    it: ``(start, end, before, after)``. A unit's text can start inside an element opened
    just before it (``<a href=…>Satellite</a> imagery …``) or end inside one closed just
    after it: such a tag is taken into the range, as the unit's spans write it again.
    Tags still unbalanced in the range (an element spanning two sentences) are kept,
    closing ones before the translation, opening ones after it, so no element is cut.

    >>> page = '<p><a href="u">Satellite</a> imagery. Smoke <i>was thick. It hurt.</i></p>'
    >>> balanced_range(page, 15, 37)
    (3, 37, '', '')
    >>> balanced_range(page, 38, 57), balanced_range(page, 58, 66)
    ((38, 57, '', '<i>'), (58, 66, '', ''))
    >>> balanced_range('<p><b><a href="u"> Dump on </a></b></p>', 19, 26)
    (3, 35, '', '')
    """
    closers, openers = _unbalanced(page, start, end)
    while openers and (after := _TAG.match(page, end)) and after[1] == "/":
        if after[2].lower() != openers[-1][0]:
            break
        openers.pop()
        end = after.end()
    while closers and (before := _tag_ending_at(page, start)) and not before[1]:
        if before[2].lower() != closers[0][0]:
            break
        closers.pop(0)
        start = before.start()
    start, end = _wrapping(page, start, end)
    return start, end, "".join(t for _, t in closers), "".join(t for _, t in openers)


def _wrapping(page: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` widened over the inline elements wrapping exactly that text
    (``<a href=…>The generation we love</a>``, white space inside aside), which the
    unit's spans write again."""
    while True:
        before = _tag_ending_at(page, len(page[:start].rstrip()))
        after = _TAG.match(page, end + len(page[end:]) - len(page[end:].lstrip()))
        if not (before and after) or before[1] or not after[1]:
            return start, end
        if before[2].lower() != after[2].lower() or not _text_level(before[2].lower()):
            return start, end
        start, end = before.start(), after.end()


def _text_level(name: str) -> bool:
    """Whether the reader keeps element ``name`` as a span over its words (a link,
    emphasis, ``<sup>``, ``<span>`` …): no block, void or skipped element."""
    return name not in _BLOCKS and name not in _VOID and name not in _SKIP


def _unbalanced(page: str, start: int, end: int) -> tuple[_Tags, _Tags]:
    """The closing tags in ``page[start:end]`` whose element opened before it and the
    opening tags whose element closes after it, each as ``(name, tag)``, in page order."""
    closers: _Tags = []
    openers: _Tags = []
    for tag in _TAG.finditer(page, start, end):
        name = tag[2].lower()
        if name in _VOID or tag[0].endswith("/>"):
            continue
        if not tag[1]:
            openers.append((name, tag[0]))
        elif any(n == name for n, _ in openers):
            index = max(i for i, (n, _) in enumerate(openers) if n == name)
            del openers[index:]
        else:
            closers.append((name, tag[0]))
    return closers, openers


def _tag_ending_at(page: str, end: int) -> re.Match[str] | None:
    """The tag that ends exactly at ``end`` in ``page``, if one does."""
    begin = page.rfind("<", 0, end)
    return _TAG.fullmatch(page, begin, end) if begin >= 0 and page[end - 1 : end] == ">" else None


_OPENING = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]"
    r"|ul|ol|table|blockquote|header|nav|figure)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str, start: int = 0) -> bool:
    """True if ``text[start:]`` opens with an HTML page's or block element's tag (comments
    aside): how content with no suffix (standard input) is told to be HTML.

    >>> looks_like_html("<!DOCTYPE html><html>…"), looks_like_html("<p>The council met.</p>")
    (True, True)
    >>> looks_like_html("The <b>council</b> met."), looks_like_html("# Title\\n\\n<div>x</div>")
    (False, False)
    """
    return _OPENING.match(text, start) is not None


def is_page(text: str) -> bool:
    """True if ``text`` is a whole HTML page rather than a fragment of one."""
    return _PAGE.search(text) is not None


def html_blocks(text: str, *, source_name: str = "<html>") -> list[Block]:
    """The article's blocks in HTML ``text`` (a page: the article only; a fragment: all).

    Raises :class:`~confl10n.errors.InputError` when a page has no article text.
    """
    parsed = _parse(text)
    if not is_page(text):
        return [b for b, _ in parsed]
    kept = _article_blocks(parsed, _extracted(text))
    if not any(block.kind != "heading" for block in kept):
        raise InputError(f"{source_name}: no article text found in the HTML page")
    return kept


def html_attributes(text: str, within: tuple[int, int] | None = None) -> list[tuple[int, int, str]]:
    """The ``alt`` and ``title`` attributes to translate in HTML ``text``: ``(start, end,
    value)``, the span of each value in ``text`` and the value decoded; only those
    starting ``within`` (a page's article: from its first unit to its last) when given."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    first, last = within or (0, len(text))
    return [a for a in reader.attributes if first <= a[0] < last]


def html_head_texts(text: str) -> list[tuple[int, int, str]]:
    """The texts of a page's head that readers see: its ``<title>`` and the ``content`` of
    its title and description metas (``og:``, ``twitter:``, ``name="description"``), as
    ``(start, end, value)`` like :func:`html_attributes`; none for a fragment."""
    if not is_page(text):
        return []
    reader = _HeadReader(text)
    reader.feed(text)
    reader.close()
    return reader.texts


def page_texts(article: Article) -> list[tuple[int, int, str]]:
    """What of an HTML ``article``'s page is translated besides its units, as ``(start,
    end, value)`` in ``article.text``: :func:`html_head_texts`, then the attributes of
    :func:`html_attributes` (a page's inside its article only)."""
    spans = [(unit.start, unit.end) for unit in article.units()]
    page = spans and is_page(article.text)
    within = (min(s for s, _ in spans), max(e for _, e in spans)) if page else None
    return [*html_head_texts(article.text), *html_attributes(article.text, within)]


def _parse(text: str) -> list[_Parsed]:
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.blocks


def _words(text: str) -> list[str]:
    """``text``'s words as they are matched to the extract (soft hyphens out)."""
    return _SOFT_HYPHEN.sub("", text).split()


@dataclass(frozen=True)
class _Extract:
    """What trafilatura reads in a page: the article's words in order, and its title
    (from ``og:title``, ``<title>`` or the ``<h1>``; empty when it found none)."""

    words: list[str]
    title: str


def _extracted(text: str) -> _Extract:
    """trafilatura's reading of page ``text``: the article as XML with its title, tables,
    links and emphasis."""
    from xml.etree import ElementTree

    import trafilatura

    xml = trafilatura.extract(
        text, output_format="xml", with_metadata=True, include_comments=False,
        include_tables=True, include_links=True, include_formatting=True,
    )  # fmt: skip
    doc = ElementTree.fromstring(xml) if xml else None
    main = doc.find("main") if doc is not None else None
    words = _words("".join(main.itertext())) if main is not None else []
    return _Extract(words, doc.get("title") or "" if doc is not None else "")


def _matched(parsed: list[_Parsed], extract: list[str]) -> list[bool]:
    """For each block, whether most of its words line up with ``extract``: the two word
    streams are aligned in order (difflib), so a teaser repeating the lede outside the
    article finds no place; words too common to align on (difflib's popular ones) aside."""
    pairs = [(i, word) for i, (block, _) in enumerate(parsed) for word in _words(block.text())]
    owners, ours = [i for i, _ in pairs], [word for _, word in pairs]
    matcher = difflib.SequenceMatcher(None, ours, extract)
    hits, counted = [0] * len(parsed), [0] * len(parsed)
    popular = matcher.bpopular  # type: ignore[attr-defined]  # documented, not in typeshed
    for owner, word in zip(owners, ours, strict=True):
        counted[owner] += word not in popular
    for start, _, size in matcher.get_matching_blocks():
        for owner in owners[start : start + size]:
            hits[owner] += 1
    shares = zip(parsed, hits, counted, strict=True)
    return [n > 0 and hit >= n * _KEPT_SHARE and not _navigation(*b) for b, hit, n in shares]


def _navigation(block: Block, furniture: frozenset[str]) -> bool:
    """True for a block in a ``<nav>``, or of links and nothing else in a header, footer,
    aside or form: a menu, whatever an extractor that found no article fell back to."""
    text = block.text()
    linked = sum(s.end - s.start for s in block.spans if s.kind in ("link", "url"))
    return "nav" in furniture or (bool(furniture) and linked >= len(text.strip()))


def _article_blocks(parsed: list[_Parsed], extract: _Extract) -> list[Block]:
    """The blocks trafilatura's article has, the headline (trafilatura keeps the title apart)
    and the headings it left out between them; short lines before the headline (a date,
    a kicker) go, and the headline is a level-1 heading, the title."""
    matched = _matched(parsed, extract.words)
    found = [i for i, hit in enumerate(matched) if hit]
    if not found:
        return []
    title = _title_index(parsed, found[0], extract.title)
    first = found[0] if title is None else min(title, found[0])
    kept = [
        index
        for index, (block, furniture) in enumerate(parsed)
        if matched[index]
        or index == title
        or (block.kind == "heading" and not furniture and first < index < found[-1])
    ]
    return [_headline(parsed[i][0], i == title) for i in _from_title(parsed, kept, title)]


def _from_title(parsed: list[_Parsed], kept: list[int], title: int | None) -> list[int]:
    """``kept`` without the short lines before the title; all of it when a longer block
    (a paragraph) comes before the title too."""
    before = [i for i in kept if title is not None and i < title]
    if any(len(parsed[i][0].text().split()) > _KICKER_WORDS for i in before):
        return kept
    return [i for i in kept if i not in before]


def _headline(block: Block, title: bool) -> Block:
    return replace(block, kind="heading", level=1) if title else block


def _title_index(parsed: list[_Parsed], first: int, title: str) -> int | None:
    """Where the headline is: the heading most like trafilatura's ``title`` (the page's
    ``og:title`` or ``<title>``, site name and all), else, when it found none, the
    ``<h1>`` last before the article or first after its start. A heading in a
    ``<header>`` counts (``<article><header><h1>``), not one in a ``nav``, ``aside``,
    ``footer`` or ``form`` unless the article's first block is there too."""
    allowed = _TITLE_PLACES | parsed[first][1]  # the article's own place, if an aside
    places = [i for i, (b, at) in enumerate(parsed) if b.kind == "heading" and at <= allowed]
    if title.strip():
        scored = [(_likeness(parsed[i][0].text(), title), -parsed[i][0].level, i) for i in places]
        best = max((s for s in scored if s[0] >= _TITLE_LIKENESS), default=None)
        return best[2] if best else None
    ones = [i for i in places if parsed[i][0].level == 1]
    before = [i for i in ones if i < first]
    return before[-1] if before else (ones[0] if ones else None)


def _likeness(heading: str, title: str) -> float:
    """The share of the shorter text's words in the longer one (case and punctuation aside)."""
    a, b = (set(re.findall(r"\w+", t.casefold())) for t in (heading, title))
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass
class _Open:
    """A block being read: its kind, runs and inline spans so far."""

    kind: str = "text"
    level: int = 0
    marker: str = ""
    cell: tuple[int, int] | None = None
    runs: list[Run] = field(default_factory=list)
    spans: list[Inline] = field(default_factory=list)
    size: int = 0


@dataclass(frozen=True)
class _Pending:
    """An inline element open in ``block``: its name, link target and opening tag as
    written; where its words begin, where it is written, and how many runs and spans
    the block had when it opened."""

    name: str
    target: str
    written: str
    block: _Open
    begin: int
    source: int
    runs: int
    spans: int


class _Reader(HTMLParser):
    """Follows the tag stream and cuts it into blocks, each run keeping its source span."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.blocks: list[_Parsed] = []
        self.current = _Open()
        self.stack: list[str] = []
        self.inline: list[_Pending] = []
        self.lists: list[list[int]] = []  # per open list: [next number or 0 for bullets]
        self.table: list[list[int]] = []  # per open table: [row, column]
        self.skip = 0
        self.skipped_at = 0  # where the outermost skipped element being read starts
        self.closing = ""  # the end tag being read
        self.pre: int | None = None
        self.attributes: list[tuple[int, int, str]] = []
        self.breaks: tuple[_Open | None, int] = (None, 0)  # (block, runs) after the last <br>

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in _SKIP:
            self._skipped(tag)
            return
        self._attributes()
        if tag == "br":
            self._line_break()
            return
        if tag in _BLOCKS:
            self._start_block(tag)
        elif tag in _VOID:
            self._void(self.get_starttag_text() or "")
        else:
            self._open_inline(tag, dict(attrs).get("href") or "" if tag == "a" else "")
        if tag not in _VOID:
            self.stack.append(tag)

    def _skipped(self, tag: str) -> None:
        """A tag in or opening an element that is never text (a script, an ``<svg>``, a
        button): the outermost such element is kept whole, as written, by :meth:`_void`."""
        if not self.skip:
            self.skipped_at = self._offset()
            if tag in _VOID:  # an <input>: nothing more to come
                self._void(self.get_starttag_text() or "")
        self.skip += tag in _SKIP and tag not in _VOID

    def _void(self, markup: str, at: int | None = None) -> None:
        """``markup`` with no text of its own, at this point of the block (or ``at``)."""
        where = self.current.size if at is None else at
        self.current.spans.append(Inline("void", where, where, tag=markup))

    def _open_inline(self, tag: str, target: str) -> None:
        block, written = self.current, self.get_starttag_text() or ""
        opened = (block.size, self._offset(), len(block.runs), len(block.spans))
        self.inline.append(_Pending(tag, target, written, block, *opened))

    def _line_break(self) -> None:
        """A ``<br>``: a space, or a paragraph break when it follows another in running text
        (``<br><br>``, how many CMSs separate paragraphs)."""
        block = self.current
        if self.breaks == (block, len(block.runs)) and block.kind in ("text", "quote"):
            self.flush()
            return
        self._text(self._offset(), " ", len(self.get_starttag_text() or ""))
        self._void(self.get_starttag_text() or "")
        self.breaks = (self.current, len(self.current.runs))

    def _attributes(self) -> None:
        """Note where this tag's ``alt`` and ``title`` values are written."""
        written, start = self.get_starttag_text() or "", self._offset()
        for match in _ATTRIBUTE.finditer(written):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            value = html.unescape(match.group(group))
            if value.strip():
                self.attributes.append(
                    (start + match.start(group), start + match.end(group), value)
                )

    def handle_comment(self, data: str) -> None:
        """A comment inside a sentence is kept at its point, as an image is (a translated
        page replaces the sentence's source, comments and all)."""
        if not self.skip and self.current.size:
            self._void(f"<!--{data}-->")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            return
        self._attributes()
        if tag == "br":
            self._line_break()
        elif tag not in _BLOCKS:  # <img/>, <svg …/>, <span/>
            self._void(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.closing = tag
        if self.skip:
            self.skip -= tag in _SKIP
            if not self.skip:
                self._void(self.source[self.skipped_at : self._closed_at(tag)])
            return
        if tag not in self.stack:
            return
        while self.stack:
            closing = self.stack[-1]
            self._end(closing)  # while still open, so the block knows its furniture
            self.stack.pop()
            if closing == tag:
                return

    def _end(self, tag: str) -> None:
        if tag not in _BLOCKS:
            self._close_inline(tag)
        else:
            self.flush(end=tag == "pre")
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            elif tag == "table" and self.table:
                self.table.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(self._offset(), data, len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};", name)

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};", f"#{name}")

    def _reference(self, written: str, name: str) -> None:
        if self.skip:
            return
        start = self._offset()
        size = len(written) if self.source.startswith(written, start) else len(written) - 1
        self._text(start, html.unescape(f"&{name};"), size)

    def _text(self, start: int, data: str, size: int) -> None:
        """Add ``data`` read from ``source[start:start + size]``: white space collapsed."""
        if self.pre is not None:
            return
        if size != len(data):
            self._run(start, start + size, _SPACE.sub(" ", data) or " ")
            return
        for match in re.finditer(r"\s+|\S+", data):
            piece = match.group()
            plain = " " if piece.isspace() else piece
            self._run(start + match.start(), start + match.end(), plain)

    def _run(self, start: int, end: int, plain: str) -> None:
        block, plain = self.current, _SOFT_HYPHEN.sub("", plain)
        if not plain:
            return
        if plain == " " and (not block.runs or block.runs[-1][2].endswith(" ")):
            self._space_after_void(self.source[start:end])
            return
        block.runs.append((start, end, plain))
        block.size += len(plain)

    def _space_after_void(self, space: str) -> None:
        """White ``space`` right after markup that came after a space (``Read <img> more``):
        written with the markup, as the text has no space of its own there."""
        block = self.current
        last = block.spans[-1] if block.spans else None
        if last and last.kind == "void" and last.start == block.size and not space.strip():
            block.spans[-1] = replace(last, tag=last.tag + space)

    def _close_inline(self, tag: str) -> None:
        """The span of the inline element ``tag`` just closed: over its words, or a void
        one (:meth:`_as_void`); none for an element other than a link or emphasis that
        began in an earlier block (its tags are outside this block's sentences)."""
        found = [i for i, pending in enumerate(self.inline) if pending.name == tag]
        if not found:
            return
        pending, block = self.inline.pop(found[-1]), self.current
        words = "".join(run[2] for run in block.runs[pending.runs :])
        before = "".join(run[2] for run in block.runs[: pending.runs])
        if _is_exponent(tag, words, before):
            return  # plain text: the figure it ends ("50 m2") is written in the locale's style
        if pending.block is block and (not words.strip() or _is_mark(tag, words)):
            self._as_void(pending, words)
        elif pending.begin < block.size and (tag in _INLINE or pending.block is block):
            kind, label = _INLINE.get(tag, "element"), tag if tag != "a" else ""
            span = Inline(kind, pending.begin, block.size, pending.target, label, pending.written)
            inner = pending.spans if pending.block is block else len(block.spans)
            block.spans.insert(inner, span)  # before the spans inside it, as written

    def _as_void(self, pending: _Pending, words: str) -> None:
        """The element just closed kept whole, as written, at its point: one without words
        (an icon, a linked image) or a footnote mark, whose number leaves the text."""
        block = self.current
        if words.strip():
            del block.runs[pending.runs :]
            block.size = pending.begin
        del block.spans[pending.spans :]  # the marks inside go with it
        self._void(self.source[pending.source : self._closed_at(pending.name)], pending.begin)

    def _closed_at(self, name: str) -> int:
        """Where element ``name``, closed now, ends: after its end tag, or before the end
        tag of the parent that closed it."""
        start = self._offset()
        if name != self.closing:
            return start
        end = self.source.find(">", start)
        return end + 1 if end >= 0 else len(self.source)

    def _start_block(self, tag: str) -> None:
        self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([1 if tag == "ol" else 0])
        elif tag == "table":
            self.table.append([-1, -1])
        elif tag == "tr" and self.table:
            self.table[-1] = [self.table[-1][0] + 1, -1]
        elif tag == "pre":
            self.pre = self._offset() + len(self.get_starttag_text() or "")
        self.current = self._context(tag)

    def _context(self, tag: str) -> _Open:
        """The kind, level, marker and cell a block opened by ``tag`` here has."""
        quote = "> " * self.stack.count("blockquote") + ("> " if tag == "blockquote" else "")
        if tag in _HEADINGS:
            return _Open("heading", _HEADINGS[tag])
        if tag in ("td", "th") and self.table:
            self.table[-1][1] += 1
            return _Open("table_cell", cell=(self.table[-1][0], self.table[-1][1]))
        if self.table and _innermost(self.stack, ("td", "th", "table")) in ("td", "th"):
            return _Open("table_cell", cell=(self.table[-1][0], self.table[-1][1]))
        if tag == "li" and self.lists:
            return _Open("list_item", marker=quote + self._bullet())
        if "li" in self.stack or tag == "li":
            return _Open("list_item", marker=quote + "- ")
        return _Open("quote", marker=quote) if quote else _Open()

    def _bullet(self) -> str:
        indent = "  " * (len(self.lists) - 1)
        number = self.lists[-1][0]
        if number:
            self.lists[-1][0] += 1
            return f"{indent}{number}. "
        return f"{indent}- "

    def flush(self, *, end: bool = False) -> None:
        """Close the block being read (a ``<pre>`` when ``end``) and start a plain one."""
        if end and self.pre is not None:
            self._flush_pre()
            return
        block = self.current
        while block.runs and block.runs[-1][2] == " ":
            block.size -= 1
            block.runs.pop()
        if block.runs:
            spans = tuple(_clipped(s, block.size) for s in block.spans)
            plain = "".join(run[2] for run in block.runs)
            spans += url_spans(plain, [(s.start, s.end) for s in spans if s.kind == "link"])
            self.blocks.append((self._block(block, spans), _FURNITURE & frozenset(self.stack)))
        quote = "> " * self.stack.count("blockquote")
        self.current = _Open("quote", marker=quote) if quote else _Open()

    def _block(self, block: _Open, spans: tuple[Inline, ...]) -> Block:
        return Block(
            block.kind, tuple(block.runs), block.level, block.marker, block.cell, spans,
        )  # fmt: skip

    def _flush_pre(self) -> None:
        start, end = self.pre or 0, self._offset()
        self.pre = None
        code = html.unescape(re.sub(r"<[^>]*>", "", self.source[start:end])).strip("\n")
        if code.strip():
            self.blocks.append((Block("code", ((start, end, code),)), frozenset()))
        self.current = _Open()


def _clipped(span: Inline, size: int) -> Inline:
    """``span`` ending by ``size`` (a block's trailing white space is trimmed)."""
    return replace(span, start=min(span.start, size), end=min(span.end, size))


def _is_mark(tag: str, words: str) -> bool:
    """Whether an element of ``words`` is a footnote mark (``<sup>1</sup>``, ``<sup>[2]</sup>``)."""
    return tag == "sup" and _FOOTNOTE_MARK.fullmatch(words.strip()) is not None


def _is_exponent(tag: str, words: str, before: str) -> bool:
    """Whether an element of ``words`` after the text ``before`` is an exponent, no footnote
    mark: ``m<sup>2</sup>`` reads "m2" (square metres, as figures read it), ``10<sup>6</sup>``
    "106"."""
    digits = words.strip()
    return tag == "sup" and digits.isdigit() and _EXPONENT_BASE.search(before) is not None


def _innermost(stack: list[str], tags: tuple[str, ...]) -> str | None:
    """The innermost of ``tags`` open in ``stack``."""
    return next((tag for tag in reversed(stack) if tag in tags), None)


class _HeadReader(HTMLParser):
    """Finds the head's ``<title>`` text and title and description metas (see
    :func:`html_head_texts`), up to the ``<body>``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self.texts: list[tuple[int, int, str]] = []
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.title: int | None = None
        self.body = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.body = self.body or tag == "body"
        written = self.get_starttag_text() or ""
        if self.body or tag not in ("title", "meta"):
            return
        if tag == "title":
            self.title = self._offset() + len(written)
            return
        named = {k: (v or "").strip().lower() for k, v in attrs if k in ("name", "property")}
        if _HEAD_METAS & set(named.values()):
            self._content(written)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _content(self, written: str) -> None:
        """Note where the meta tag ``written`` here has its ``content`` value."""
        match, start = _CONTENT.search(written), self._offset()
        if match is None:
            return
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        self._note(start + match.start(group), start + match.end(group))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None and not self.body:
            self._note(self.title, self._offset())
            self.title = None

    def _note(self, start: int, end: int) -> None:
        value = " ".join(html.unescape(self.source[start:end]).split())
        if value:
            self.texts.append((start, end, value))
