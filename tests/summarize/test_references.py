"""The hand-written reference summaries that bench/summaries.py measures against (issue 14)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from confl10n.summarize import summarize_sections
from confl10n.text.datelines import dateline_end
from confl10n.text.reader import read_article

DATA = Path(__file__).resolve().parents[1] / "data" / "summaries"


def test_at_least_five_articles_each_with_a_lede_and_every_section_referenced() -> None:
    articles = sorted(DATA.glob("*.md"))
    assert len(articles) >= 5
    for path in articles:
        reference = tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))
        article = read_article(path)
        assert set(reference) == {"lede", "sections"} and reference["lede"].strip()
        assert list(reference["sections"]) == [s.id for s in article.sections]


def test_the_lead_lede_holds_each_reference_article_s_opening_news_sentence() -> None:
    for path in sorted(DATA.glob("*.md")):
        summary = summarize_sections(read_article(path))
        first = summary.lede[0].text
        # never the dateline on its own: a dateline opens the sentence it belongs to (issue 23)
        assert not first.isupper() and len(first[dateline_end(first) :].split()) > 4
        assert summary.lede[0].id.endswith(".t1")
