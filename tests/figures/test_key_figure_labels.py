"""Key-figure labels say what the article says: the noun counted, a certain subject, or a quote.

Every example kind of issue 24, on small articles in our own words, plus variants.
"""

from __future__ import annotations

import pytest

from confl10n.figures.keyfigures import MAX_FIGURES, key_figures
from confl10n.quantities.find import article_quantities
from confl10n.text.reader import parse_text


def _rows(text: str) -> list[tuple[str, str, str]]:
    article = parse_text(text)
    found = key_figures(article, article_quantities(article))
    return [(f.quantity.text, f.label, f.label_source) for f in found]


def _row(text: str, figure: str) -> tuple[str, str]:
    (found,) = [(label, source) for shown, label, source in _rows(text) if shown == figure]
    return found


# --- a label is never a pronoun, a bare verb or adjective: the clause is quoted instead ---


@pytest.mark.parametrize(
    ("text", "figure", "quote"),
    [
        ("The pass is changing. It rises to €12 a week from March.", "€12", "It rises to €12 a week from March"),
        ("They now cost $45 a month.", "$45", "They now cost $45 a month"),
        (
            "A survey published on Monday, showing 7% of renters behind on payments, alarmed the council.",
            "7%",
            "Showing 7% of renters behind on payments",
        ),
        ("The start-up raised $80 million from investors.", "$80 million", "The start-up raised $80 million from investors"),
        ("The charity collected $2.5 million last winter.", "$2.5 million", "The charity collected $2.5 million last winter"),
        (
            "Energy contributed 0.3 percentage points to the rise in prices.",
            "0.3 percentage points",
            "Energy contributed 0.3 percentage points to the rise in prices",
        ),
        ("Schools were repaired. These efforts cost $4 million.", "$4 million", "These efforts cost $4 million"),
        ("The pier was rebuilt. That work cost €3 million.", "€3 million", "That work cost €3 million"),
        ("Clinics opened. Such projects cost $9 million.", "$9 million", "Such projects cost $9 million"),
    ],
)  # fmt: skip
def test_no_subject_that_is_certain_gives_a_quote(text: str, figure: str, quote: str) -> None:
    assert _row(text, figure) == (quote, "clause")


@pytest.mark.parametrize(
    ("text", "figure", "label"),
    [
        ("The city will build a new 12-kilometre tram line.", "12-kilometre", "New tram line"),
        ("The new 2.4-kilometre tunnel opens in May.", "2.4-kilometre", "New tunnel"),
        ("Workers finished a 30-metre footbridge.", "30-metre", "Footbridge"),
    ],
)  # fmt: skip
def test_a_unit_adjective_is_labelled_by_its_noun(text: str, figure: str, label: str) -> None:
    assert _row(text, figure) == (label, "noun")


@pytest.mark.parametrize(
    ("text", "figure", "words"),
    [
        ("The bank offers loans of less than $50,000 to small firms.", "$50,000", "less than $50,000"),
        ("Grants go to households earning under $30,000 a year.", "$30,000", "under $30,000"),
        ("Firms with more than 250 staff must report.", "250", "more than 250 staff"),
        ("Rents rose by 1.6% for every 100 new listings.", "100", "every 100 new listings"),
    ],
)  # fmt: skip
def test_a_threshold_is_quoted_not_stated_as_an_amount(text: str, figure: str, words: str) -> None:
    label, source = _row(text, figure)
    assert source == "clause" and words in label


# --- the noun counted, the certain subject, and the year only when tied --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The port handled 4,200 container ships in 2022.", [("4,200", "Container ships, 2022", "noun")]),
        (
            "In 2021 the port was rebuilt, and it handled 4,200 ships last year.",
            [("4,200", "It handled 4,200 ships last year", "clause")],
        ),
        ("The survey covers 42 cities.", [("42", "The survey covers 42 cities", "clause")]),
        ("About 7,400 people left their homes.", [("7,400", "About 7,400 people left their homes", "clause")]),
        (
            "By the end of 2023 there were 1,926 meal points across the city.",
            [("1,926", "Meal points, 2023", "noun")],
        ),
        ("Unemployment fell to 4.1% in March, the lowest rate since 2008.", [("4.1%", "Unemployment", "subject")]),
        ("Producer prices fell 0.4% in January.", [("0.4%", "Producer prices fell", "subject")]),
        ("Prices were down 2.1% on the year.", [("2.1%", "Prices were down", "subject")]),
        (
            "The new bridge cost €1.2 billion and spans 2.4 kilometers.",
            [("€1.2 billion", "New bridge", "subject"), ("2.4 kilometers", "New bridge", "subject")],
        ),
        ("The county board adopted a budget of $842 million.", [("$842 million", "Budget", "noun")]),
        ("Rent for a room typically runs from 300 to 600 euros a month.",
         [("300 to 600 euros", "Rent for a room, a month", "subject")]),
        ("About 37% of households in the region own an electric car.",
         [("37%", "About 37% of households in the region own an electric car", "clause")]),
    ],
)  # fmt: skip
def test_labels_of_articles_of_our_own(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


def test_an_expected_amount_is_quoted_with_its_hedge() -> None:
    text = "Analysts had expected a deficit of $3 billion."
    assert _row(text, "$3 billion") == ("Analysts had expected a deficit of $3 billion", "clause")


# --- old levels, additions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exports rose to $52 billion in 2023, up from $47 billion in 2022.",
            [("$52 billion", "Exports, 2023"), ("$47 billion", "Exports, 2022")],
        ),
        ("Sales grew to $9 million from $7 million.", [("$9 million", "Sales"), ("$7 million", "Sales, earlier level")]),
        (
            "The town counted 520 corner shops in 2024, up from 410 in 2019.",
            [("520", "Corner shops, 2024"), ("410", "Corner shops, 2019")],
        ),
    ],
)  # fmt: skip
def test_a_value_after_from_is_the_old_level(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(shown, label) for shown, label, _ in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "figure", "label"),
    [
        (
            "For 2024, the city plans to open 40 more day centres and 30 more dining halls.",
            "30",
            "Planned additional dining halls, 2024",
        ),
        ("The council plans to add 120 buses.", "120", "Planned additional buses"),
        ("Last year the depot took 60 additional trains.", "60", "Additional trains"),
        ("The operator bought another 15 ferries.", "15", "Additional ferries"),
        ("These added 2,500 homes to the register.", "2,500", "Additional homes"),
    ],
)  # fmt: skip
def test_a_value_after_more_or_add_is_an_addition(text: str, figure: str, label: str) -> None:
    assert _row(text, figure) == (label, "noun")


def test_the_issue_sentence_with_more_is_never_stated_as_the_total() -> None:
    text = (
        "By the end of 2023 there were 1,926 meal points, 346 of which were dining halls. "
        "For 2024, the city plans to open 30 more dining halls."
    )
    labels = {shown: label for shown, label, _ in _rows(text)}
    assert labels["30"] == "Planned additional dining halls, 2024"
    assert "346 of which were dining halls" in labels["346"]


# --- ranking: headline amounts, one row per value, at most 12 ------------------------------


def test_the_budget_headline_amount_comes_before_small_increments() -> None:
    text = (
        "# City budget for 2025\n\n"
        "The education department will receive $1.2 billion next year. "
        "Bus passes rise by $3 a week.\n\n"
        "Parking permits rise by $2 a week. Library fines rise by $1. "
        "The fire service gets $40 million."
    )
    shown = [row[0] for row in _rows(text)]
    assert shown[:2] == ["$1.2 billion", "$40 million"]
    assert shown.index("$3") > shown.index("$40 million")


def test_a_headline_amount_in_a_later_paragraph_still_leads_small_money() -> None:
    text = (
        "# Fares go up\n\nFares go up on Monday. A day ticket rises by £1.20.\n\n"
        "Councillors met for two hours.\n\n"
        "The transport authority's budget is £2.3 billion this year."
    )
    assert [row[0] for row in _rows(text)][:2] == ["£2.3 billion", "£1.20"]


@pytest.mark.parametrize(
    ("first", "second"),
    [("2.4-kilometre", "2.4-km"), ("2.4 kilometres", "2.4-km"), ("$3 billion", "$3bn")],
)
def test_the_same_quantity_written_two_ways_is_one_row(first: str, second: str) -> None:
    text = f"The new {first} tunnel opens in May. Engineers say the {second} tunnel was hard."
    assert len(_rows(text)) == 1


def test_at_most_twelve_rows() -> None:
    text = " ".join(f"Depot {i} holds {100 + i} buses." for i in range(1, 30))
    assert len(_rows(text)) == MAX_FIGURES


def test_a_figure_in_the_title_is_a_headline_figure() -> None:
    text = "# Council agrees £640 million plan\n\nA bus pass rises by £2. Parking rises by £1.50.\n"
    assert _rows(text)[0][0] == "£640 million"


def test_label_ids_are_stable_and_name_the_sentence() -> None:
    text = "Exports rose to $52 billion, up from $47 billion. Imports fell to $30 billion."
    article = parse_text(text)
    first = key_figures(article, article_quantities(article))
    again = key_figures(article, article_quantities(article))
    assert [f.label_id for f in first] == [f.label_id for f in again]
    assert {f.label_id for f in first} == {"s1.p1.t1.f1", "s1.p1.t1.f2", "s1.p1.t2.f1"}


def test_a_table_cell_is_labelled_by_its_row_and_column() -> None:
    text = (
        "# Water\n\n## Leakage by district\n\n"
        "| District | Loss in 2023 | Loss in 2024 |\n|---|---|---|\n"
        "| Northgate | 14.2 million litres a day | 10.1 million litres a day |\n"
    )
    labels = {shown: label for shown, label, _ in _rows(text)}
    assert labels["14.2 million litres"] == "Northgate, Loss in 2023"
    assert labels["10.1 million litres"] == "Northgate, Loss in 2024"


@pytest.mark.parametrize(
    ("text", "figure", "label"),
    [
        ("The line will replace bus routes that carry 18,000 daily passengers.", "18,000", "Daily passengers"),
        ("Northway will build a $3.1 billion battery plant.", "$3.1 billion", "Battery plant"),
        ("The firm took a $12.5 million loan from the bank.", "$12.5 million", "Loan"),
        ("It paid $80 million last year.", "$80 million", "It paid $80 million last year"),
    ],
)  # fmt: skip
def test_a_plan_is_said_only_where_its_clause_plans(text: str, figure: str, label: str) -> None:
    assert _row(text, figure)[0] == label


def test_an_amount_in_the_title_is_labelled_from_the_body() -> None:
    text = (
        "# Carmaker to Build $3.1 Billion Battery Plant\n\n"
        "Northway Motors said on Monday that it would build a $3.1 billion battery plant.\n"
    )
    (row,) = _rows(text)
    assert row[1:] == ("Battery plant", "noun")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inflation eased to 2.4% in April from 2.9% in March.",
            [("2.4%", "Inflation"), ("2.9%", "Inflation, earlier level")],
        ),
        (
            "The number of nurses rose to 41,000 from 38,500 in 2022.",
            [("41,000", "Number of nurses"), ("38,500", "Number of nurses, 2022")],
        ),
        (
            "The fund, worth about €3.5 billion, has invested in 40 start-ups since 2019.",
            [
                ("€3.5 billion", "The fund, worth about €3.5 billion"),
                ("40", "The fund, worth about €3.5 billion, has invested in 40 start-ups since 2019"),
            ],
        ),
        ("Hospital staff get a raise of $15 a week.", [("$15", "Raise, a week")]),
    ],
)  # fmt: skip
def test_variants_of_our_own(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(shown, label) for shown, label, _ in _rows(text)] == expected


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The firm will cut 1,200 factory jobs next year.", "1,200"),
        ("About 40 primary school children were injured in the crash.", "40"),
        ("The storm destroyed 300 family homes on the coast.", "300"),
        ("The company sold 950 electric cars in March.", "950"),
        ("Police evacuated 2,000 nearby residents overnight.", "2,000"),
    ],
)
def test_a_count_whose_verb_matters_is_quoted_with_it(text: str, figure: str) -> None:
    label, source = _row(text, figure)
    assert source == "clause" and label == text.rstrip(".")


@pytest.mark.parametrize(
    ("text", "figure", "label"),
    [
        ("The city will close a 12-kilometre tram line.", "12-kilometre", "Tram line"),
        ("The group will sell a $2 billion stake next year.", "$2 billion", "Stake"),
    ],
)
def test_what_happens_to_a_thing_never_changes_its_size(text: str, figure: str, label: str) -> None:
    assert _row(text, figure) == (label, "noun")


def test_against_is_no_old_level() -> None:
    text = "Exports rose to $5 billion, against $4 billion forecast by analysts."
    assert _row(text, "$4 billion")[0] == text.rstrip(".")  # not "Exports, earlier level"


def test_the_issue_s_own_wording_of_the_sample() -> None:
    text = (
        "Since 2018, the number of AI enterprises in Shanghai has increased from 183 to 348 "
        "in 2023, with the industry scale increasing from 134 billion yuan to over 380 billion "
        "yuan. By the end of 2023, there were 1,926 community elderly meal assistance locations, "
        "including 346 community senior dining halls. In 2024, the city plans to add 40 "
        "community comprehensive elderly service centers and 30 community senior dining halls."
    )
    labels = {shown: label for shown, label, _ in _rows(text)}
    assert "2018" not in labels["348"] and "to 348 in 2023" in labels["348"]
    assert "from 134 billion yuan" in labels["134 billion yuan"]
    assert labels["30"] == "Planned additional community senior dining halls, 2024"
    assert labels["1,926"] == "Community elderly meal assistance locations, 2023"


def test_the_old_level_with_its_own_year() -> None:
    text = "The number of AI enterprises in Shanghai grew from 183 in 2018 to 348 in 2023."
    labels = {shown: label for shown, label, _ in _rows(text)}
    assert labels["183"] == "Number of AI enterprises in Shanghai, 2018"
    assert "348 in 2023" in labels["348"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Average delays rose by 35 minutes to 1 hour 20 minutes.",
         [("35 minutes", "Average delays rose", "subject"),
          ("1 hour 20 minutes", "Average delays rose by 35 minutes to 1 hour 20 minutes", "clause")]),
        ("Average delays rose to 1 hour 20 minutes.",
         [("1 hour 20 minutes", "Average delays", "subject")]),
        ("The flight time was cut by 30 minutes to 2 hours 5 minutes.",
         [("30 minutes", "The flight time was cut by 30 minutes to 2 hours 5 minutes", "clause"),
          ("2 hours 5 minutes", "The flight time was cut by 30 minutes to 2 hours 5 minutes",
           "clause")]),
        ("Kipchoge won the marathon in 2:01:09.",
         [("2:01:09", "Kipchoge won the marathon in 2:01:09", "clause")]),
        ("He was jailed for 3 years and 6 months.",
         [("3 years and 6 months", "He was jailed for 3 years and 6 months", "clause")]),
    ],
)  # fmt: skip
def test_a_compound_duration_is_one_row_labelled_by_what_the_article_says(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _rows(text) == expected
