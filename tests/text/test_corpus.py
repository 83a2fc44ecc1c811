"""Our own newsroom corpus (tests/data/corpus/): structure and sentences against hand-checked gold.

Each ``NAME.md``/``NAME.txt`` has a ``NAME.gold.json``: the title, and per
section its heading and its paragraphs' sentences, written out by hand. Headings
must match exactly, sentence boundaries with F1 >= 0.99, and no sentence may
carry Markdown markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from confl10n.document import Article
from confl10n.text.reader import VERBATIM_BLOCKS, read_article

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
ARTICLES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
MARKUP = re.compile(r"\]\(|\*\*|`|\\|<[a-z/!]|\||^[#>]|^[-*+] |(?<!\w)_|_(?!\w)|\[\^")


def boundaries(paragraphs: list[list[str]]) -> set[int]:
    """Sentence ends as offsets in the article's sentences joined without whitespace."""
    ends, position = set(), 0
    for sentences in paragraphs:
        for sentence in sentences:
            position += len("".join(sentence.split()))
            ends.add(position)
    return ends


def f1(found: set[int], gold: set[int]) -> float:
    hits = len(found & gold)
    return 2 * hits / (len(found) + len(gold)) if found or gold else 1.0


def read(article: Article) -> dict[str, object]:
    return {
        "title": article.title.text if article.title else None,
        "sections": [
            {
                "heading": s.heading.text if s.heading else None,
                "paragraphs": [
                    [t.text for t in p.sentences]
                    for p in s.paragraphs
                    if p.kind not in VERBATIM_BLOCKS  # code and HTML: no prose in the gold
                ],
            }
            for s in article.sections
        ],
    }


def test_the_corpus_has_plain_text_and_markdown_articles() -> None:
    assert len(ARTICLES) >= 6
    assert {p.suffix for p in ARTICLES} == {".md", ".txt"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_article_matches_its_gold(path: Path) -> None:
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    found = read(read_article(path))
    assert found["title"] == gold["title"]
    assert [s["heading"] for s in found["sections"]] == [s["heading"] for s in gold["sections"]]  # type: ignore[attr-defined]
    found_paragraphs = [p for s in found["sections"] for p in s["paragraphs"]]  # type: ignore[attr-defined]
    gold_paragraphs = [p for s in gold["sections"] for p in s["paragraphs"]]
    assert len(found_paragraphs) == len(gold_paragraphs)
    joined = [
        "".join("".join(s.split()) for p in ps for s in p)
        for ps in (found_paragraphs, gold_paragraphs)
    ]
    assert joined[0] == joined[1], "the plain text differs from the gold"
    assert f1(boundaries(found_paragraphs), boundaries(gold_paragraphs)) >= 0.99


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_no_sentence_carries_markup(path: Path) -> None:
    article = read_article(path)
    for unit in article.units():
        assert MARKUP.search(unit.text) is None, (unit.id, unit.text)


@pytest.mark.parametrize(
    "leak",
    [
        "See [the report](https://x.org).",
        "A **bold** claim.",
        "Use `pip`.",
        "An \\[escape\\].",
        "> Quoted.",
        "- Item",
        "_“Open.”_ Then.",
        "a | b",
        "Rose 4%[^1].",
    ],
)
def test_the_markup_check_catches_leaks(leak: str) -> None:
    assert MARKUP.search(leak) is not None


def test_f1_counts_missed_and_extra_boundaries() -> None:
    gold = boundaries([["One two.", "Three."]])
    assert f1(boundaries([["One two. Three."]]), gold) == pytest.approx(2 / 3)
    assert f1(boundaries([["One", "two.", "Three."]]), gold) == pytest.approx(0.8)
