"""Inline markup put back on output: spans aligned to a translation, then written out.

A sentence's text is plain (:mod:`confl10n.text.markdown`); its
:class:`~confl10n.document.Inline` spans say where links, code and emphasis
were. :func:`align` finds each span's words in another text (a translation):
names, numbers, code and URLs usually come through unchanged and are found
again. Given a word alignment of the two sentences (:class:`AlignedWord`, from
the engine: :class:`~confl10n.translate.engine.AligningEngine`; an Argos model's
attention, Apertium's word-bound blanks),
a word found more than once is taken where the alignment puts the span, and a
span whose words are not found at all goes on the target words aligned with
its source words. A link still not placed wraps the whole translated
sentence, and so does emphasis over the whole source sentence; other emphasis
and code not found is dropped (never put on words it did not cover), and a
URL (or a second lost link) is returned apart so the writer can still give
the address after the sentence. Any other element read from HTML (``element``:
a ``<sup>``, a ``<span lang>``) must not be lost: over the whole sentence it
wraps the whole translation, else, empty, it goes where a footnote mark goes.
Markup with no text (``void``: an image, a footnote mark) goes next to the
translation of the word it touches, else where a footnote mark goes.
:func:`render` writes text with spans through two callbacks, so Markdown and
HTML writers share the nesting logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from confl10n.document import Article, Inline, Paragraph, Section, Sentence
from confl10n.text.segmentation import CLOSING_QUOTES

Wrap = Callable[[Inline, str, str], str]
"""``wrap(span, rendered_inside, raw_inside)`` -> the span's markup around its inside."""

# Letters of scripts written with spaces: a word found in a translation must not touch
# one of them, while Chinese or Japanese around a Latin name is fine ("在Harbour City").
_SPACED_LETTER = r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]"
_PLACED_ALONE = frozenset(("link", "strong", "em", "strike", "element"))
_EMPHASIS = frozenset(("strong", "em", "strike"))
_WRAPPED = _EMPHASIS | {"element"}  # what an unplaced span over a whole sentence wraps again
_TRAILING = re.compile(rf"[\s.!?…。！？{re.escape(CLOSING_QUOTES)}」』)\]]*$")
# What an aligned range loses at its ends unless the span's own words have it there.
_EDGES = " \t\n.,;:!?…。，、；：！？\"'“”‘’«»「」『』()[]"

Range = tuple[int, int]
"""``(start, end)`` character offsets."""


@dataclass(frozen=True, slots=True)
class AlignedWord:
    """One word of a translation (``target``: its offsets there) and the source word it
    aligns with (``source``: offsets in the source sentence)."""

    target: Range
    source: Range


def align(
    source: str,
    target: str,
    spans: Sequence[Inline],
    *,
    translated: Mapping[str, str] | None = None,
    alignment: Sequence[AlignedWord] = (),
) -> tuple[tuple[Inline, ...], tuple[Inline, ...]]:
    """``spans`` over ``source`` moved onto ``target``: ``(placed, unplaced_links)``.

    A span is placed where its exact words occur in ``target`` (whole words, not
    crossing a span placed before it), else where ``translated[words]`` (the
    words translated alone, see :func:`span_words_missing`) does, also inflected;
    where they occur more than once, the occurrence ``alignment`` (words of
    ``target`` and the ``source`` words they align with) points at is taken. Else
    the span covers the target words aligned with its source words (see
    :func:`aligned_range`). Footnote marks go to the same place relative to the
    final punctuation; ``void`` markup next to the word it touches (:func:`_void`).
    A link still not placed wraps the whole of ``target`` (its final punctuation
    aside) when no other link is placed, so it stays on the sentence it belongs
    to; so do emphasis and an ``element`` over the whole of ``source``; links and
    URLs that still cannot be placed are returned second; another unplaced
    ``element`` stays, empty, where a footnote mark goes (its words are not put on
    words it did not cover, nor is it lost); other unplaced emphasis and code are
    dropped.
    """
    if target == source:
        return tuple(spans), ()
    placed: list[Inline] = []
    unplaced: list[Inline] = []
    for span in spans:
        moved = _moved(source, target, span, placed, (translated or {}, alignment))
        if moved is not None:
            placed.append(moved)
        elif span.kind in ("link", "url") or _whole(source, span):
            unplaced.append(span)
        elif span.kind == "element":
            placed.append(_note(source, target, span))
    placed, unplaced = _wrap_whole(source, target, placed, unplaced)
    unplaced = [s for s in unplaced if s.kind in ("link", "url")]
    return tuple(sorted(placed, key=lambda s: (s.start, -s.end))), tuple(unplaced)


def _moved(
    source: str,
    target: str,
    span: Inline,
    placed: list[Inline],
    helps: tuple[Mapping[str, str], Sequence[AlignedWord]],
) -> Inline | None:
    """``span`` on ``target``, as its kind is placed; None if it could not be."""
    if span.kind == "note":
        return _note(source, target, span)
    if span.kind == "void":
        return _void(source, target, span, helps)
    return _find(source, target, span, placed, helps)


def _void(
    source: str,
    target: str,
    span: Inline,
    helps: tuple[Mapping[str, str], Sequence[AlignedWord]],
) -> Inline:
    """Markup with no text (an image, a footnote mark) at its place in a word the
    translation has unchanged (``super<wbr>market``), else after the translation of the
    word it follows unspaced in ``source``, else before that of the word it precedes;
    where that word is not found, where a footnote mark goes (:func:`_note`)."""
    inside = _in_word(source, target, span, [], helps[1])
    if inside is not None:
        return inside
    after = span.start > 0 and not source[span.start - 1].isspace()
    word = _touching(source, span.start, after=after)
    found = _find(source, target, word, [], helps) if word else None
    if found is None:
        return _note(source, target, span)
    at = found.end if after else found.start
    return replace(span, start=at, end=at)


def _touching(source: str, at: int, *, after: bool) -> Inline | None:
    """The word of ``source`` ending (``after``) or starting at ``at``, as a span."""
    match = re.search(r"\S+\Z", source[:at]) if after else re.match(r"\S+", source[at:])
    if match is None:
        return None
    start = match.start() if after else at
    return Inline("void", start, start + len(match.group()))


def _in_word(
    source: str, target: str, span: Inline, placed: list[Inline], alignment: Sequence[AlignedWord]
) -> Inline | None:
    """``span`` over part of a word (``H<sub>2</sub>O``, ``super<wbr>market``) on the same
    characters of that word where ``target`` has it unchanged; None for a span over whole
    words or in a word the translation changed."""
    start, end = _word_around(source, span)
    if (start, end) == (span.start, span.end) or start == end:
        return None
    word = Inline(span.kind, start, end)
    hint = aligned_range(source, target, word, alignment)
    found = _found(source[start:end], target, word, placed, hint=hint)
    if found is None:
        return None
    return replace(span, start=found.start + span.start - start, end=found.start + span.end - start)


def _word_around(source: str, span: Inline) -> Range:
    """The word holding ``span``: the characters touching it up to white space,
    punctuation at its ends aside."""
    before = re.search(r"\S*\Z", source[: span.start])
    after = re.match(r"\S*", source[span.end :])
    start = span.start - len(before[0] if before else "")
    end = span.end + len(after[0] if after else "")
    while start < span.start and source[start] in _EDGES:
        start += 1
    while end > span.end and source[end - 1] in _EDGES:
        end -= 1
    return start, end


def _whole(source: str, span: Inline) -> bool:
    """Whether ``span`` is emphasis or an element over all of ``source`` (final
    punctuation aside)."""
    first = len(source) - len(source.lstrip())
    return span.kind in _WRAPPED and span.start <= first and span.end >= _tail(source)


def _wrap_whole(
    source: str, target: str, placed: list[Inline], unplaced: list[Inline]
) -> tuple[list[Inline], list[Inline]]:
    """The first unplaced link over all of ``target`` (its final punctuation aside) when no
    link is placed in it, and unplaced whole-sentence emphasis over all of it too (with the
    final punctuation if it held the source's)."""
    end = _tail(target) or len(target)
    if not target[:end].strip():
        return placed, unplaced
    links = [s for s in unplaced if s.kind == "link"]
    wrapped = [s for s in unplaced if s.kind in _WRAPPED]
    if links and not any(p.kind in ("link", "url") for p in placed):
        wrapped.append(links[0])
    whole = [replace(s, start=0, end=_whole_end(source, target, s)) for s in wrapped]
    return [*whole, *placed], [s for s in unplaced if all(s is not w for w in wrapped)]


def _whole_end(source: str, target: str, span: Inline) -> int:
    """Where ``span`` wrapping all of ``target`` ends: after its final punctuation for
    emphasis or an element that held the source's, else before it."""
    if span.kind in _WRAPPED and _tail(source) < span.end:
        return len(target.rstrip())
    return _tail(target) or len(target)


def _find(
    source: str,
    target: str,
    span: Inline,
    placed: list[Inline],
    helps: tuple[Mapping[str, str], Sequence[AlignedWord]],
) -> Inline | None:
    """``span`` on ``target`` by its words, its words translated alone (``helps[0]``), then
    the alignment (``helps[1]``); None where none of them places it."""
    translated, alignment = helps
    words = source[span.start : span.end]
    if not words.strip():
        return None
    hint = aligned_range(source, target, span, alignment)
    found = _in_word(source, target, span, placed, alignment)
    found = found or _found(words, target, span, placed, hint=hint)
    alone = translated.get(words.strip(), "").strip()
    alone = alone if words.rstrip().endswith((".", "。")) else alone.rstrip(".。")
    if found is None and alone and span.kind not in ("code", "url"):
        found = _found(alone, target, span, placed, flags=re.IGNORECASE, hint=hint)
        found = found or _inflected(alone, target, span, placed, hint)
    if found is None and hint is not None and _free(hint, placed):
        found = replace(span, start=hint[0], end=hint[1])
    return found


def aligned_range(
    source: str, target: str, span: Inline, alignment: Sequence[AlignedWord]
) -> Range | None:
    """Where ``alignment`` puts ``span`` (over ``source``) in ``target``: the shortest range
    holding every target word aligned with a source word the span overlaps, punctuation and
    spaces at its ends left out unless the span's words have them there; None when there is
    no such word, or when the range is mostly words aligned elsewhere (scattered attention)."""
    inside = [w.target for w in alignment if _overlaps(w.source, (span.start, span.end))]
    if not inside:
        return None
    start, end = min(a for a, _ in inside), max(b for _, b in inside)
    within = [w for w in alignment if start <= w.target[0] and w.target[1] <= end]
    if 2 * len(inside) < len(within):
        return None
    words = source[span.start : span.end]
    if words[:1] not in _EDGES:
        start += len(target[start:end]) - len(target[start:end].lstrip(_EDGES))
    if words[-1:] not in _EDGES:
        end -= len(target[start:end]) - len(target[start:end].rstrip(_EDGES))
    return (start, end) if start < end else None


def _inflected(
    word: str, target: str, span: Inline, placed: list[Inline], hint: Range | None
) -> Inline | None:
    """One word translated alone found inflected in the sentence ("rojo" as "roja"): a
    word of ``target`` sharing all but the last two letters of it (at least three)."""
    stem = word[: max(3, len(word) - 2)]
    if " " in word or len(word) < 4:
        return None
    pattern = rf"(?<!{_SPACED_LETTER}){re.escape(stem)}\w{{0,3}}(?!\w)"
    matches = (m.span() for m in re.finditer(pattern, target, re.IGNORECASE))
    chosen = _pick(matches, placed, hint)
    return replace(span, start=chosen[0], end=chosen[1]) if chosen else None


def _found(
    words: str,
    target: str,
    span: Inline,
    placed: list[Inline],
    *,
    flags: int = 0,
    hint: Range | None = None,
) -> Inline | None:
    """``span`` over a whole-word occurrence of ``words`` in ``target`` that crosses no
    span placed before: the first one overlapping ``hint``, else the first one."""
    matches = (m.span() for m in re.finditer(_whole_words(words), target, flags))
    chosen = _pick(matches, placed, hint)
    return replace(span, start=chosen[0], end=chosen[1]) if chosen else None


def _pick(ranges: Iterable[Range], placed: list[Inline], hint: Range | None) -> Range | None:
    """The first of ``ranges`` free of ``placed`` that overlaps ``hint``, else the first free."""
    free = [r for r in ranges if _free(r, placed)]
    near = [r for r in free if hint is not None and _overlaps(r, hint)]
    return next(iter(near or free), None)


def _free(where: Range, placed: list[Inline]) -> bool:
    return not any(_crosses(where, (p.start, p.end)) for p in placed)


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def needs_alignment(source: str, target: str, spans: Sequence[Inline]) -> bool:
    """Whether :func:`align` would use a word alignment of ``source`` and ``target``: some
    link, emphasis or element has words that do not occur exactly once in ``target``,
    or there is ``void`` markup to put next to a word."""
    if target == source:
        return False
    for span in spans:
        if span.kind == "void":
            return True
        words = source[span.start : span.end].strip()
        if span.kind in _PLACED_ALONE and words and _count(words, target) != 1:
            return True
    return False


def _count(words: str, target: str) -> int:
    return len(re.findall(_whole_words(words), target))


def _whole_words(words: str) -> str:
    """A pattern for ``words`` not run into letters of a spaced script on either side."""
    before = rf"(?<!{_SPACED_LETTER})" if words[0].isalnum() else ""
    after = rf"(?!{_SPACED_LETTER})" if words[-1].isalnum() else ""
    return before + re.escape(words) + after


def span_words_missing(article: Article, targets: Mapping[str, str]) -> list[str]:
    """The words of every link and emphasis span whose translated sentence (``targets``
    by unit ID) does not contain them: what to translate alone for :func:`align`."""
    missing: dict[str, None] = {}
    for unit in article.units():
        target = targets.get(unit.id, unit.text)
        for span in unit.spans:
            words = unit.text[span.start : span.end].strip()
            if span.kind in _PLACED_ALONE and words and _found(words, target, span, []) is None:
                missing[words] = None
    return list(missing)


def words_article(words: Sequence[str], lang: str) -> Article:
    """``words`` as an article of one-sentence paragraphs (``w1.p1.t1``…), to translate them."""
    paragraphs = tuple(
        Paragraph(f"w1.p{n}", (Sentence(f"w1.p{n}.t1", text, 0, len(text)),), 0, len(text))
        for n, text in enumerate(words, 1)
    )
    section = Section("w1", None, paragraphs, 0, 0)
    return Article(None, (section,), "\n".join(words), lang=lang, source_name="<span words>")


def _note(source: str, target: str, span: Inline) -> Inline:
    """A footnote mark (or a span, emptied) after the final punctuation if the source has
    it there, else before it."""
    source_tail = _tail(source)
    at = len(target) if span.start > source_tail else _tail(target)
    return replace(span, start=at, end=at)


def _tail(text: str) -> int:
    """Where the closing punctuation (and quotes) at the end of ``text`` begin."""
    match = _TRAILING.search(text)
    return match.start() if match else len(text)


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two spans overlap without one holding the other."""
    return (
        a[0] < b[1]
        and b[0] < a[1]
        and not (a[0] <= b[0] and b[1] <= a[1])
        and not (b[0] <= a[0] and a[1] <= b[1])
    )


def render(text: str, spans: Sequence[Inline], escape: Callable[[str], str], wrap: Wrap) -> str:
    """``text`` with ``spans`` (sorted, nested; crossing ones dropped, and a span written
    twice over the same words written once) written by ``wrap``."""
    kept: list[Inline] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.kind != "void" and any(k == span and k.tag == span.tag for k in kept):
            continue
        if not any(_crosses((span.start, span.end), (k.start, k.end)) for k in kept):
            kept.append(span)
    return _render(text, 0, len(text), kept, escape, wrap)


def _render(
    text: str, start: int, end: int, spans: list[Inline], escape: Callable[[str], str], wrap: Wrap
) -> str:
    parts, position, index = [], start, 0
    while index < len(spans):
        span = spans[index]
        inner = [s for s in spans[index + 1 :] if s.end <= span.end and s.start < span.end]
        parts.append(escape(text[position : span.start]))
        inside = (
            _render(text, span.start, span.end, inner, escape, wrap) if span.kind != "code" else ""
        )
        parts.append(wrap(span, inside, text[span.start : span.end]))
        position = span.end
        index += 1 + len(inner)
    parts.append(escape(text[position:end]))
    return "".join(parts)


def markdown_wrap(span: Inline, inside: str, raw: str) -> str:
    """A span as CommonMark: ``[text](target)``, ```code```, ``**``/``*``/``~~``, notes."""
    if span.kind == "link":
        return f"[{inside}]({destination(span.target)})"
    if span.kind == "code":
        fence = "`" * (max((len(run) for run in re.findall("`+", raw)), default=0) + 1)
        pad = " " if raw.startswith("`") or raw.endswith("`") else ""
        return f"{fence}{pad}{raw}{pad}{fence}"
    if span.kind == "note":
        return f"[{span.label}]({destination(span.target)})" if span.target else f"[{span.label}]"
    if span.kind == "url":
        web = "://" in raw or span.target == f"mailto:{raw}"
        return f"<{raw}>" if web and not re.search(r"[\s<>]", raw) else inside
    marks = {"strong": "**", "em": "*", "strike": "~~"}.get(span.kind, "")
    return f"{marks}{inside}{marks}" if inside.strip() else inside


def destination(url: str) -> str:
    """A link destination CommonMark reads back as ``url`` (in ``<>`` if it has spaces, parens)."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", " ") + ">"
    return url


def markdown(
    source: str,
    target: str,
    spans: Sequence[Inline],
    escape: Callable[[str], str],
    *,
    translated: Mapping[str, str] | None = None,
    alignment: Sequence[AlignedWord] = (),
) -> str:
    """``target`` as Markdown with ``source``'s spans put back (see :func:`align`)."""
    placed, unplaced = align(source, target, spans, translated=translated, alignment=alignment)
    text = render(target, placed, escape, markdown_wrap)
    extra = "".join(f" <{s.target}>" for s in unplaced if _is_web(s.target))
    return text + extra


def _is_web(url: str) -> bool:
    return bool(re.match(r"(?:https?|mailto):[^\s<>]+$", url))


def markdown_layout(
    paragraphs: Sequence[tuple[str, str, tuple[int, int] | None, str]],
) -> list[str]:
    """Markdown blocks for ``(kind, marker, cell, text)`` paragraphs, text already inline-rendered.

    List items keep their markers (``1.``, ``-``) and run together as one list;
    quotes keep ``> ``; consecutive table cells become a table, row 0 its header.
    """
    blocks: list[str] = []
    rows: list[list[str]] = []
    for index, (kind, marker, cell, text) in enumerate(paragraphs):
        if cell is not None:
            if cell == (0, 0) and rows:
                blocks.append(_table(rows))
                rows = []
            while len(rows) <= cell[0]:
                rows.append([])
            rows[cell[0]].append(text.replace("|", "\\|"))
            continue
        if rows:
            blocks.append(_table(rows))
            rows = []
        line = f"{marker}{text}"
        previous = paragraphs[index - 1][0] if index else ""
        if kind == "list_item" == previous and blocks and marker.strip():
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    if rows:
        blocks.append(_table(rows))
    return blocks


def _table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join([*row, *[""] * (width - len(row))]) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


VERBATIM = ("code", "url", "dateline", "place")
"""Span kinds whose text is no prose: never translated, never read for figures."""


def prose_only(article: Article) -> Article:
    """``article`` with the code and bare URLs in its units blanked out (same lengths).

    For readers of prose only, such as the figure finder: a URL's ``%202022``
    is no figure. Offsets, IDs and spans stay as they are.
    """
    return replace(
        article,
        title=_blanked(article.title) if article.title else None,
        sections=tuple(
            replace(
                section,
                heading=_blanked(section.heading) if section.heading else None,
                paragraphs=tuple(
                    replace(p, sentences=tuple(map(_blanked, p.sentences)))
                    for p in section.paragraphs
                ),
            )
            for section in article.sections
        ),
    )


def _blanked(sentence: Sentence) -> Sentence:
    text = sentence.text
    for span in sentence.spans:
        if span.kind in VERBATIM:
            text = text[: span.start] + " " * (span.end - span.start) + text[span.end :]
    return replace(sentence, text=text) if text != sentence.text else sentence
