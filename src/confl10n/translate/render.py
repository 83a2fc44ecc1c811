"""Translated articles as text (with IDs), Markdown, or JSON (structure and provenance):
the output of ``confl10n translate`` and of the server's ``/v1/translate``.

Each renderer takes one or more :class:`ArticleTranslation` of the same article
and returns a string; nothing here writes files or prints. (A build's
``article.md`` is a bulletin file, laid out by :mod:`confl10n.bundle.md`.)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from confl10n.document import Paragraph, Section, Sentence
from confl10n.languages import join_sentences
from confl10n.text import inline
from confl10n.text.inline import AlignedWord
from confl10n.translate.results import ArticleTranslation, UnitTranslation


def render_text(translations: Sequence[ArticleTranslation]) -> str:
    """Every unit with its ID, indented by structure; flags in brackets."""
    blocks = [_header(t, len(translations)) + _text_lines(t) for t in translations]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def render_markdown(translations: Sequence[ArticleTranslation]) -> str:
    """The translated article as Markdown: title, headings, paragraphs, lists, quotes."""
    blocks = [_header(t, len(translations)) + _markdown_blocks(t) for t in translations]
    return "\n\n".join("\n\n".join(block) for block in blocks) + "\n"


def render_json(translations: Sequence[ArticleTranslation]) -> str:
    """The source's name and language, then each translation's structure and provenance."""
    first = translations[0].article
    document = {
        "source": {"name": first.source_name, "lang": first.lang},
        "translations": [_json_translation(t) for t in translations],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _header(translation: ArticleTranslation, count: int) -> list[str]:
    # Only several translations in one output need telling apart, and by their locale:
    # es and es_MX are both translated en->es.
    if count == 1:
        return []
    locale = translation.locale or translation.target
    return [f"== {locale} ({'->'.join(translation.provenance.path)}) =="]


def _text_lines(translation: ArticleTranslation) -> list[str]:
    units = _by_id(translation)
    article = translation.article
    lines = [_text_line("", units[article.title.id])] if article.title else []
    for section in article.sections:
        heading = section.heading
        lines.append(_text_line("", units[heading.id]) if heading else f"{section.id}  (untitled)")
        for paragraph in section.paragraphs:
            lines.append(f"  {paragraph.id}")
            lines += [_text_line("    ", units[s.id]) for s in paragraph.sentences]
    return lines


def _text_line(indent: str, unit: UnitTranslation) -> str:
    flags = "".join(f" [{flag}]" for flag in unit.flags)
    return f"{indent}{unit.id}  {unit.target}{flags}"


@dataclass(frozen=True, slots=True)
class _Placing:
    """What puts a translation's inline markup back: targets (a unit translated to nothing:
    its source), span words translated alone, word alignments (each by unit ID or source
    words)."""

    targets: dict[str, str]
    words: dict[str, str]
    alignments: dict[str, tuple[AlignedWord, ...]]

    @classmethod
    def of(cls, translation: ArticleTranslation) -> _Placing:
        targets = {unit.id: unit.shown for unit in translation.units}
        return cls(targets, dict(translation.translated_alone), dict(translation.alignments))


def _markdown_blocks(translation: ArticleTranslation) -> list[str]:
    article, placing = translation.article, _Placing.of(translation)
    blocks = [f"# {_inline(article.title, placing)}"] if article.title else []
    for section in article.sections:
        if section.heading is not None:
            heading = _inline(section.heading, placing)
            blocks.append(f"{'#' * max(section.level, 2)} {heading}")
        paragraphs = [_laid_out(p, placing, translation.target) for p in section.paragraphs]
        blocks += inline.markdown_layout(paragraphs)
    return blocks


def _laid_out(
    paragraph: Paragraph, placing: _Placing, language: str
) -> tuple[str, str, tuple[int, int] | None, str]:
    """The paragraph's kind, marker and cell, and its translated sentences with their markup."""
    sentences = [_inline(s, placing) for s in paragraph.sentences]
    text = join_sentences(sentences, language) if sentences else paragraph.literal
    return paragraph.kind, paragraph.marker, paragraph.cell, text


def _inline(sentence: Sentence, placing: _Placing) -> str:
    """A unit's target with the source's links, code and emphasis put back where they align
    (by their words, their words translated alone, or the unit's word alignment)."""
    target, alignment = placing.targets[sentence.id], placing.alignments.get(sentence.id, ())
    return inline.markdown(
        sentence.text, target, sentence.spans, str, translated=placing.words, alignment=alignment
    )


def _json_translation(translation: ArticleTranslation) -> dict[str, object]:
    units = _by_id(translation)
    return {
        "source": translation.source,
        "target": translation.target,
        "provenance": _json_provenance(translation),
        "qa": {"locale": translation.locale, "findings": _json_findings(translation)},
        "title": _json_unit(units, translation.article.title),
        "sections": [_json_section(units, s) for s in translation.article.sections],
    }


def _json_section(units: dict[str, UnitTranslation], section: Section) -> dict[str, object]:
    paragraphs = [
        {"id": p.id, "kind": p.kind, "sentences": [_json_unit(units, s) for s in p.sentences]}
        for p in section.paragraphs
    ]
    heading = _json_unit(units, section.heading)
    return {"id": section.id, "heading": heading, "paragraphs": paragraphs}


def _json_unit(units: dict[str, UnitTranslation], node: Sentence | None) -> object:
    if node is None:
        return None
    unit = units[node.id]
    return {**asdict(unit), "flags": list(unit.flags)}


def _json_provenance(translation: ArticleTranslation) -> dict[str, object]:
    provenance = translation.provenance
    return {
        "path": list(provenance.path),
        "pivot": provenance.pivot,
        "engines": [asdict(identity) for identity in provenance.engines],
        "options": dict(provenance.options),
        "seconds": {name: round(seconds, 3) for name, seconds in provenance.timings},
        "second_pass": provenance.second_pass,
    }


def _json_findings(translation: ArticleTranslation) -> list[dict[str, object]]:
    """The numeric QA findings: sentence ID, problem, source span and text, target text."""
    return [asdict(finding) for finding in translation.findings]


def _by_id(translation: ArticleTranslation) -> dict[str, UnitTranslation]:
    return {unit.id: unit for unit in translation.units}
