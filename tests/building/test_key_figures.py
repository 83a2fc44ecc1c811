"""Key figures that say what they count, ranked by newsworthiness, money as a newsroom writes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confl10n import find_quantities, format_quantity
from confl10n.figures.keyfigures import MAX_FIGURES, key_figures
from confl10n.quantities.find import article_quantities
from confl10n.text.reader import parse_text, read_article


def _table(text: str) -> list[tuple[str, str]]:
    article = parse_text(text)
    return [(f.quantity.text, f.label) for f in key_figures(article, article_quantities(article))]


@pytest.fixture(scope="module")
def sample_figures(sample_path: Path) -> list[tuple[str, str, str]]:
    article = read_article(sample_path)
    found = key_figures(article, article_quantities(article))
    return [(f.quantity.text, f.label, f.quantity.kind) for f in found]


# --- every row says what the article says ----------------------------------------------


def test_the_sample_rows_state_what_the_article_says(
    sample_figures: list[tuple[str, str, str]],
) -> None:
    labels = {text: label for text, label, _ in sample_figures}
    assert labels["348"] == "AI companies, 2023"  # 348 in 2023, not in 2018
    assert labels["380 billion yuan"] == "AI industry"
    assert labels["134 billion yuan"] == "Industry, earlier level"  # grew *from* it
    assert labels["500 to 1,000 yuan"] == "Rent for a bed, a month"
    assert labels["1.92 square kilometers"] == "Central Science and Technology Innovation Zone"
    assert labels["1,926"] == "Community elderly meal assistance locations, 2023"
    assert labels["11,000"] == (
        "In 2023 Shanghai made 11,000 beds available in “New Era City Builders’ Homes”"
    )  # a quote: one bare noun ("Beds") says less
    assert "10.2%" in labels["10.2%"] and "41%" in labels["41%"]  # two shares, two quotes
    assert labels["10.2%"] != labels["41%"]


def test_no_sample_label_is_a_heading_or_a_pronoun(sample_path: Path) -> None:
    article = read_article(sample_path)
    headings = {s.heading.text for s in article.sections if s.heading is not None}
    headings.add(article.title.text if article.title is not None else "")
    for figure in key_figures(article, article_quantities(article)):
        assert figure.label not in headings
        first = figure.label.split()[0].lower()
        assert figure.label_source == "clause" or first not in ("it", "they", "this", "these")


def test_the_sample_plans_are_additions_not_levels(sample_path: Path) -> None:
    article = read_article(sample_path)
    everything = key_figures(article, article_quantities(article), limit=None)
    labels = {f.quantity.text: f.label for f in everything}
    assert labels["30"] == "Planned additional community senior dining halls, 2024"
    assert (
        labels["40"] == "Planned additional community comprehensive elderly service centers, 2024"
    )
    assert labels["183"] == "AI companies, 2018"


# --- ranking: money, percentages, records and changes first; no years or small counts ---


def test_the_sample_is_ranked_by_newsworthiness(
    sample_figures: list[tuple[str, str, str]],
) -> None:
    texts = [text for text, _, _ in sample_figures]
    assert texts[:2] == ["380 billion yuan", "500 to 1,000 yuan"]  # the headline amount first
    assert texts.index("134 billion yuan") > texts.index("10.2%")  # an old level below
    assert len(texts) == MAX_FIGURES and "2023" not in texts and "183" not in texts
    assert len(set(texts)) == len(texts)


def test_years_and_small_counts_are_left_out() -> None:
    text = (
        "In 2024 the council opened 3 parks and 12 libraries, and 2,500 people came. "
        "The plan dates from 1998. Visitors spent $2 million."
    )
    assert [t for t, _ in _table(text)] == ["$2 million", "2,500", "12"]


def test_a_change_ranks_above_a_plain_count_and_the_old_value_comes_last() -> None:
    text = (
        "The library lent 800 books. Downloads jumped to 9,400 last year, up from 5,100. "
        "The shop sold 950 maps."
    )
    assert _table(text) == [
        ("9,400", "Downloads"),
        ("800", "The library lent 800 books"),
        ("950", "The shop sold 950 maps"),
        ("5,100", "Downloads, earlier level"),
    ]


def test_each_wording_once() -> None:
    text = "Sales reached $3 billion. Analysts had expected $3 billion. Costs were 12%."
    assert [t for t, _ in _table(text)] == ["$3 billion", "12%"]


# --- English money as a newsroom writes it ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The AI industry passed 380 billion yuan.", "380 billion yuan"),
        ("Rent runs from 500 to 1,000 yuan a month.", "500 to 1,000 yuan"),
        ("The bridge cost €1.2 billion.", "€1.2 billion"),
        ("Revenue was $4.5 billion.", "$4.5 billion"),
        ("Fees are $20.", "$20"),
        ("The fund holds £350,000.", "£350,000"),
        ("A 2.5 trillion yen plan.", "2.5 trillion yen"),
        ("Aid of €500 arrived.", "€500"),
    ],
)
@pytest.mark.parametrize("locale", ["en", "en_GB", "en_US"])
def test_english_money_in_newsroom_style(text: str, expected: str, locale: str) -> None:
    (money,) = [q for q in find_quantities(text) if q.kind == "money"]
    rendered = format_quantity(money, locale)
    assert rendered == expected
    assert "CN¥" not in rendered and not rendered.endswith(("B", "M"))


# --- the build's bulletins and bundle.json ----------------------------------------------


def test_the_english_bulletin_and_bundle_carry_labels_values_and_units(
    tmp_path: Path, sample_path: Path
) -> None:
    from confl10n import BuildOptions, build

    report = build([sample_path], options=BuildOptions(locales=[], out=tmp_path), cache=False)
    folder = report.articles[0].path / "en"
    md = (folder / "bulletin.md").read_text(encoding="utf-8")
    assert "| 380 billion yuan | AI industry: 380 billion yuan |" in md
    assert "| 348 | AI companies, 2023: 348 |" in md
    assert "| 500 to 1,000 yuan | Rent for a bed, a month: 500 to 1,000 yuan |" in md
    assert "CN¥" not in md and "| 2023 |" not in md
    figures = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))["figures"]
    first = figures[0]
    assert (first["kind"], first["value"], first["upper"], first["unit"], first["label"]) == (
        "money", "380000000000", None, "CNY", "AI industry"
    )  # fmt: skip
    rent = next(f for f in figures if f["source"] == "500 to 1,000 yuan")
    assert (rent["value"], rent["upper"], rent["unit"]) == ("500", "1000", "CNY")
    share = next(f for f in figures if f["source"] == "10.2%")
    assert (share["kind"], share["value"], share["unit"]) == ("percent", "10.2", None)
    area = next(f for f in figures if f["kind"] == "measure")
    assert (area["value"], area["unit"]) == ("1.92", "area-square-kilometer")
    html = (folder / "bulletin.html").read_text(encoding="utf-8")
    assert "AI companies, 2023: 348" in html


def test_a_non_english_label_is_the_clause_quoted_never_its_heading() -> None:
    text = "# Titel\n\n## Haushalt\n\nDie Stadt gibt $1200 aus, sagte der Rat.\n"
    article = parse_text(text, lang="de")
    figures = article_quantities(parse_text(text, lang="en"))  # the same offsets and IDs
    (found,) = key_figures(article, figures)
    assert (found.label, found.label_source) == ("Die Stadt gibt $1200 aus", "clause")
