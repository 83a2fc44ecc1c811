"""Web addresses in either reader: verbatim spans, never split, never read for figures."""

from __future__ import annotations

import pytest

from confl10n.quantities.find import article_quantities
from confl10n.text.inline import prose_only
from confl10n.text.reader import parse_text

URLS = [
    "https://example.org/Reports/P152406?searchTerm=Farm%20FY%202022%20Loans",
    "www.Stats.gov/Table_2023.csv",
    "example.com/News_2024",
    "HTTP://Data.example.net/FY2021/Q3.xlsx",
    "stats.gov.uk/Census_2021/Region.7",
    "Example.org",
]


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("url", URLS)
def test_an_address_is_one_verbatim_span_and_no_figure(url: str, markdown: bool) -> None:
    text = f"Title\n\nDetails are at {url} today. It has 3.5% more visitors.\n"
    article = parse_text(("# " if markdown else "") + text, markdown=markdown)
    first, second = article.sentences
    assert first.text == f"Details are at {url} today."
    assert [(s.kind, first.text[s.start : s.end], s.target) for s in first.spans] == [
        ("url", url, url)
    ]
    found = [q.text for q in article_quantities(prose_only(article))]
    assert found == ["3.5%"]
    assert second.text == "It has 3.5% more visitors."


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize(
    ("sentence", "address"),
    [
        ("See (www.Stats.gov/Table_2023.csv).", "www.Stats.gov/Table_2023.csv"),
        ("Read “https://x.org/a?b=C.” Then go.", "https://x.org/a?b=C"),
        ("Visit example.com/News_2024, then stop.", "example.com/News_2024"),
    ],
)
def test_punctuation_around_an_address_is_not_part_of_it(
    sentence: str, address: str, markdown: bool
) -> None:
    article = parse_text(f"Title\n\n{sentence}\n", markdown=markdown)
    spans = [(u.text[s.start : s.end]) for u in article.sentences for s in u.spans]
    assert spans == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Write to john@example.com today.",
        "They sell fruit, e.g. apples, in the U.S. and the U.K. now.",
        "Costs rose 3.5% to 1.92 billion, a Ph.D. said.",
        "It runs at 80 km/h and/or 5.5 m/s.",
    ],
)
def test_no_address_where_there_is_none(text: str) -> None:
    article = parse_text(f"Title\n\n{text}\n", markdown=False)
    assert [s.spans for s in article.sentences] == [()] * len(article.sentences)


def test_markdown_autolink_is_kept_as_written() -> None:
    article = parse_text("# T\n\nAuto <https://example.org/Data/X2023?q=Loans%202021> here.\n")
    (sentence,) = article.sentences
    assert sentence.text == "Auto https://example.org/Data/X2023?q=Loans%202021 here."
    assert [(s.kind, s.target) for s in sentence.spans] == [
        ("url", "https://example.org/Data/X2023?q=Loans%202021")
    ]
    assert article_quantities(prose_only(article)) == []
