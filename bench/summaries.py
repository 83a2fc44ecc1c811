"""Summary quality against hand-written references: ROUGE-1/2/L per algorithm and lede mode.

The articles and their references are in ``tests/data/summaries/``: ``NAME.md``
is an article written for this measure, ``NAME.toml`` a lede and one summary
per section (``[sections] s1 = …``) written by hand, in other words than the
article's. For every algorithm and both lede modes this prints the mean ROUGE
F1 (×100, Porter stemming, ``rouge-score``) of

* the whole bulletin (lede + section summaries) against the whole reference,
* each section summary against its reference section (an empty summary scores 0),
* the lede against the reference lede,

and the share of articles whose lede holds the opening sentence (the first one
an editor may show; a dateline line is not it). The baseline is Lead-3: the
article's first three sentences as written (for the lede row: its first two).

    .venv/bin/python bench/summaries.py
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from statistics import mean
from typing import Any

from confl10n.document import Article
from confl10n.summarize import ALGORITHMS, LEDE_MODES, summarize_sections
from confl10n.summarize.selection import ineligible
from confl10n.text.reader import read_article

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "summaries"
METRICS = ("rouge1", "rouge2", "rougeL")


def cases() -> list[tuple[Article, dict[str, Any]]]:
    """Every article with its reference, by name."""
    found = []
    for path in sorted(DATA.glob("*.md")):
        reference = tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))
        found.append((read_article(path), reference))
    return found


def opening(article: Article) -> str:
    """The article's first sentence an editor may show."""
    return next(
        s.id
        for section in article.sections
        for p in section.paragraphs
        for s in p.sentences
        if ineligible(s, p, lang=article.lang) is None
    )


def whole_reference(reference: dict[str, Any]) -> str:
    return " ".join([reference["lede"], *reference["sections"].values()])


def scores(scorer: Any, candidate: str, target: str) -> tuple[float, ...]:
    result = scorer.score(target, candidate)
    return tuple(100 * result[m].fmeasure for m in METRICS)


def system(scorer: Any, algorithm: str, mode: str, data: list[Any]) -> list[tuple[float, ...]]:
    """[bulletin, sections, lede] ROUGE triples and the opening-sentence recall."""
    bulletin, sections, ledes, hits = [], [], [], []
    for article, reference in data:
        summary = summarize_sections(article, algorithm=algorithm, lede_mode=mode)
        lede = " ".join(s.text for s in summary.lede)
        parts = {s.id: " ".join(x.text for x in s.sentences) for s in summary.sections}
        bulletin.append(
            scores(scorer, " ".join([lede, *parts.values()]), whole_reference(reference))
        )
        sections += [scores(scorer, parts.get(k, ""), v) for k, v in reference["sections"].items()]
        ledes.append(scores(scorer, lede, reference["lede"]))
        hits.append(opening(article) in {s.id for s in summary.lede})
    return [_mean(bulletin), _mean(sections), _mean(ledes), (100 * mean(hits),)]


def lead3(scorer: Any, data: list[Any]) -> list[tuple[float, ...]]:
    """The Lead-N baseline: the first sentences as written, no rules at all."""
    bulletin, ledes, hits = [], [], []
    for article, reference in data:
        first = article.sentences
        bulletin.append(
            scores(scorer, " ".join(s.text for s in first[:3]), whole_reference(reference))
        )
        ledes.append(scores(scorer, " ".join(s.text for s in first[:2]), reference["lede"]))
        hits.append(opening(article) in {s.id for s in first[:2]})
    return [_mean(bulletin), (float("nan"),) * 3, _mean(ledes), (100 * mean(hits),)]


def _mean(rows: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(mean(column) for column in zip(*rows, strict=True))


def main() -> int:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    data = cases()
    print(f"{len(data)} articles, {sum(len(r['sections']) for _, r in data)} reference sections")
    print("ROUGE F1 x100 (R-1 / R-2 / R-L); opening = ledes holding the opening sentence, %")
    print(f"{'system':<22} {'bulletin':>20} {'sections':>20} {'lede':>20} {'opening':>8}")
    rows = [("Lead-3 (baseline)", lead3(scorer, data))]
    rows += [
        (f"{algorithm} / {mode}", system(scorer, algorithm, mode, data))
        for mode in LEDE_MODES
        for algorithm in ALGORITHMS
    ]
    for name, (bulletin, sections, lede, hit) in rows:
        cells = [" / ".join(f"{v:4.1f}" for v in triple) for triple in (bulletin, sections, lede)]
        print(f"{name:<22} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} {hit[0]:>7.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
