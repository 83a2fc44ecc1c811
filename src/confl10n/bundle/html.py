"""``bulletin.html``: one self-contained page per locale.

No network at all: inline CSS only, no scripts, fonts or images, and a
Content-Security-Policy that forbids loading anything. The font stack names
fonts that cover Chinese, Japanese and Arabic on common systems; ``lang`` and
``dir`` come from the locale so Arabic lays out right to left. The layout is
one fluid column (no fixed widths), so nothing overflows a 390 px phone, and
``@media print`` gives a clean printout.
"""

from __future__ import annotations

import html
import re

from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinSection,
    BulletinUnit,
    LocaleBulletin,
    ParagraphLayout,
    printable,
)
from confl10n.document import Inline
from confl10n.languages import direction, language_of
from confl10n.localize import labels as L
from confl10n.localize.labels import Labels
from confl10n.text import inline

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b60; --rule: #d8d8dc;
  --accent: #9b1c1c; --notice: #fff4e5; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink); line-height: 1.65;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans Arabic", "Noto Naskh Arabic",
    "Segoe UI Arabic", Tahoma, "DejaVu Sans", sans-serif;
  overflow-wrap: anywhere; }
html:lang(ja) body { font-family: system-ui, -apple-system, "Hiragino Sans",
  "Noto Sans CJK JP", "Source Han Sans JP", "Yu Gothic", Meiryo, "WenQuanYi Micro Hei",
  sans-serif; }
html:lang(zh-TW) body, html:lang(zh-HK) body { font-family: system-ui, -apple-system,
  "PingFang TC", "Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei",
  "WenQuanYi Micro Hei", sans-serif; }
html:lang(ar) body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI",
  Tahoma, "DejaVu Sans", sans-serif; line-height: 1.9; }
main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: clamp(1.5rem, 1.1rem + 2vw, 2.2rem); line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
p { margin: 0 0 .9rem; }
.meta { color: var(--muted); font-size: .95rem; }
.notice { background: var(--notice); border-inline-start: 4px solid #d97706;
  padding: .5rem .75rem; font-size: .95rem; }
/* 700, not 600: fontconfig synthesizes bold (for CJK fonts with one weight, such as
   WenQuanYi Micro Hei) only for bold requests, so 600 left Han regular beside bold digits. */
strong, b, th, .lede, td.value { font-weight: 700; font-synthesis: weight style; }
.lede { font-size: 1.15rem; }
.more { margin-top: 1.5rem; }
td .what { font-weight: 400; color: var(--muted); }
.more a { color: var(--accent); }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: start; vertical-align: top; padding: .4rem .5rem;
  border-bottom: 1px solid var(--rule); }
th { color: var(--muted); }
td.value { font-variant-numeric: tabular-nums; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 30rem) { main { padding: 1rem .85rem 2rem; } th, td { padding: .35rem .3rem; } }
@page { margin: 16mm; }
@media print {
  body { font-size: 11pt; line-height: 1.5; }
  main { max-width: none; padding: 0; }
  .notice { background: none; border: 1px solid #000; }
  h2, h3 { break-after: avoid; }
  tr, .summary { break-inside: avoid; }
}
"""
_COLUMNS = (L.VALUE, L.ORIGINAL, L.SECTION)
ARTICLE_PAGE = "article.html"
BULLETIN_PAGE = "bulletin.html"
_SAFE_LINK = re.compile(r"(?:https?://|mailto:|#)[^\s\x00-\x1f]*$", re.IGNORECASE)


def render_html(bulletin: LocaleBulletin, labels: Labels) -> str:
    """The bulletin as a complete HTML document."""
    parts = [_head(bulletin), "<body>", "<main>", *_header(bulletin, labels)]
    if bulletin.lede:
        parts.append(f'<p class="lede">{_join(bulletin, bulletin.lede)}</p>')
    parts += _summaries(bulletin, labels)
    parts += _figures(bulletin, labels)
    parts.append(
        f'<p class="more"><a href="{ARTICLE_PAGE}">{escape(labels(L.FULL_ARTICLE))}</a></p>'
    )
    parts.append(f"<footer><p>{escape(labels(L.GENERATED))}</p></footer>")
    return "\n".join([*parts, "</main>", "</body>", "</html>", ""])


def render_article_html(bulletin: LocaleBulletin, labels: Labels) -> str:
    """The whole (translated) article as a page like the bulletin's: ``article.html``."""
    parts = [_head(bulletin), "<body>", "<main>", *_header(bulletin, labels), "<article>"]
    for section in bulletin.sections:
        if section.heading is not None:
            tag = f"h{min(max(section.level, 2), 6)}"
            parts.append(f"<{tag}>{_unit(bulletin, section.heading)}</{tag}>")
        layouts = section.layouts or (ParagraphLayout(),) * len(section.paragraphs)
        for layout, paragraph in zip(layouts, section.paragraphs, strict=True):
            if layout.kind == "code":
                parts.append(f"<pre><code>{escape(layout.literal)}</code></pre>")
            elif layout.kind != "html":  # the source's raw HTML is never put in a page
                parts.append(f"<p>{_join(bulletin, paragraph)}</p>")
    parts.append("</article>")
    parts.append(f'<p class="more"><a href="{BULLETIN_PAGE}">{escape(labels(L.SUMMARY))}</a></p>')
    parts.append(f"<footer><p>{escape(labels(L.GENERATED))}</p></footer>")
    return "\n".join([*parts, "</main>", "</body>", "</html>", ""])


def _head(bulletin: LocaleBulletin) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(bulletin.bcp47)}" dir="{bulletin.direction}">\n'
        f'<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(bulletin.title.text)}</title>\n"
        f"<style>{_CSS}</style>\n</head>"
    )


def _header(bulletin: LocaleBulletin, labels: Labels) -> list[str]:
    parts = ["<header>", f"<h1>{_unit(bulletin, bulletin.title)}</h1>"]
    if bulletin.published:
        when = escape(labels(L.PUBLISHED, date=bulletin.published))
        iso = bulletin.published_on.isoformat() if bulletin.published_on else None
        attribute = f' datetime="{iso}"' if iso else ""
        parts.append(f'<p class="meta"><time{attribute}>{when}</time></p>')
    if bulletin.needs_review:
        parts.append(f'<p class="notice" role="note">{escape(labels(L.MT_NOTICE))}</p>')
    return [*parts, "</header>"]


def _summaries(bulletin: LocaleBulletin, labels: Labels) -> list[str]:
    sections = [s for s in bulletin.sections if s.summary]
    if not sections:
        return []
    parts = ["<section>", f"<h2>{escape(labels(L.SUMMARY))}</h2>"]
    for section in sections:
        parts.append(f'<div class="summary"><h3>{_heading(bulletin, section, labels)}</h3>')
        parts.append(f"<p>{_join(bulletin, section.summary)}</p></div>")
    return [*parts, "</section>"]


def _figures(bulletin: LocaleBulletin, labels: Labels) -> list[str]:
    if not bulletin.figures:
        return []
    headings = {s.id: _heading(bulletin, s, labels) for s in bulletin.sections}
    head = "".join(f'<th scope="col">{escape(labels(h))}</th>' for h in _COLUMNS)
    rows = [_figure_row(f, headings, bulletin.source_lang) for f in bulletin.figures]
    return [
        "<section>",
        f"<h2>{escape(labels(L.KEY_FIGURES))}</h2>",
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>",
        *rows,
        "</tbody>\n</table>",
        "</section>",
    ]


def _figure_row(figure: BulletinFigure, headings: dict[str, str], source_lang: str) -> str:
    section = headings.get(figure.sentence_id.split(".", 1)[0], "")
    original = f'<bdi lang="{escape(source_lang)}">{escape(figure.described)}</bdi>'
    what = ""
    if figure.label and figure.label != figure.source_label:  # translated with the article
        what = f'<br><span class="what">{escape(figure.label)}</span>'
    value = f'<td class="value">{escape(figure.rendered)}{what}</td>'
    return f"<tr>{value}<td>{original}</td><td>{section}</td></tr>"


def _heading(bulletin: LocaleBulletin, section: BulletinSection, labels: Labels) -> str:
    if section.heading is None:
        return escape(labels(L.INTRODUCTION))
    return _unit(bulletin, section.heading)


def _join(bulletin: LocaleBulletin, units: tuple[BulletinUnit, ...]) -> str:
    return bulletin.separator.join(_unit(bulletin, unit) for unit in units)


def _unit(bulletin: LocaleBulletin, unit: BulletinUnit) -> str:
    """One unit as escaped HTML; an untranslated one is marked as English."""
    source = ""
    if unit.state == "missing" and bulletin.language != language_of(bulletin.source_lang):
        source = f' lang="{escape(bulletin.source_lang)}" dir="{direction(bulletin.source_lang)}"'
    original, shown, words = printable(unit.source), printable(unit.text), dict(unit.span_words)
    aligned = unit.aligned(original, shown)
    placed, unplaced = inline.align(
        original, shown, unit.spans, translated=words, alignment=aligned
    )
    text = inline.render(shown, placed, escape, _wrap)
    text += "".join(f" {_link(s.target, escape(s.target))}" for s in unplaced)
    return f'<span{source} data-unit="{escape(unit.id)}">{text}</span>'


def _wrap(span: Inline, inside: str, raw: str) -> str:
    """A span as HTML; only web, mail and in-page link targets become links."""
    if span.kind in ("link", "url"):
        return _link(span.target or raw, inside)
    if span.kind == "code":
        return f"<code>{escape(raw)}</code>"
    if span.kind == "note":
        return f"<sup>{_link(span.target, escape(span.label.lstrip('^')))}</sup>"
    tag = {"strong": "strong", "em": "em", "strike": "del"}.get(span.kind)
    return f"<{tag}>{inside}</{tag}>" if tag else inside


def _link(target: str, inside: str) -> str:
    if _SAFE_LINK.match(target):
        return f'<a href="{escape(target)}">{inside}</a>'
    return inside


def escape(text: str) -> str:
    """``text`` safe in HTML content and quoted attributes, without control characters."""
    return html.escape(printable(text), quote=True)
