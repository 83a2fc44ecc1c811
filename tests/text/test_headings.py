"""Plain-text subheadings by shape and surroundings, not by a length cap (issue 23, item 4)."""

from __future__ import annotations

import pytest

from confl10n.document import Article
from confl10n.text.reader import parse_text

BEFORE = "The budget was published on Tuesday. It sets out spending for next year."
AFTER = "The tax will rise by 5% in January. Homeowners will pay more."


def headings(article: Article) -> list[str | None]:
    return [s.heading.text if s.heading else None for s in article.sections]


@pytest.mark.parametrize(
    "heading",
    [
        "Local Property Tax (LPT)",
        "Value Added Tax (VAT)",
        "Research and Development (R&D)",
        "Health Service Executive (HSE) Funding",
        "Capital Spending (Draft)",
        "Expanding Rural Clinics, Training New Nurses, and Cutting Waiting Lists for Patients",
        "Building New Homes, Repairing Old Schools, Widening Roads and Bridges, and Hiring "
        "More Teachers in Every County",
        "Plans for Growth with Fewer Taxes, Lower Charges and More Support for Small "
        "Firms across the Regions",
        "What Comes Next?",
        "Housing",
        # A bracketed or quoted word inside a long title-case heading keeps it a heading.
        "Value-Added Tax (VAT) and Excise Duties on Fuel, Tobacco and Alcohol in the Year Ahead",
        "New Funding for the Health Service Executive (HSE) and the National Treatment "
        "Purchase Fund",
        "“Fair Deal” Nursing Homes, Home Care Packages and Carers’ Allowances for Older People",
        "Will the Government (Again) Raise the Minimum Wage, Cut Income Tax and Extend Credits?",
    ],
)
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_heading_line_between_paragraphs_starts_a_section(heading: str, gap: str) -> None:
    article = parse_text(f"Budget 2025\n\n{BEFORE}\n\n{heading}{gap}{AFTER}\n")
    assert headings(article) == [None, heading]
    assert article.sections[1].paragraphs[0].text == AFTER


@pytest.mark.parametrize("label", ["Notes:", "Key facts:", "What we know:", "Sources and Methods:"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_label_before_a_list_is_a_heading(label: str, gap: str) -> None:
    article = parse_text(
        f"Budget 2025\n\n{BEFORE}\n\n{label}{gap}1. Figures are in euros.\n2. Totals may differ.\n"
    )
    assert headings(article) == [None, label]
    assert [p.kind for p in article.sections[1].paragraphs] == ["list_item", "list_item"]


@pytest.mark.parametrize(
    "lead_in",
    [
        "The ministry is announcing:",
        "It includes:",
        "Highlights include:",
        "Measures in the plan were as follows:",
    ],
)
def test_a_lead_in_before_a_list_stays_a_paragraph(lead_in: str) -> None:
    article = parse_text(f"Budget 2025\n\n{BEFORE}\n\n{lead_in}\n- A new fund\n- A new office\n")
    assert headings(article) == [None]
    assert [p.text for p in article.sections[0].paragraphs][1:] == [
        lead_in,
        "A new fund",
        "A new office",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council said the new Local Property Tax (LPT) would raise more money.",
        "Officials expect the plan to cost more than the previous one (as reported.)",
        "The council met on Monday and agreed that the new charges for parking in the "
        "town centre would apply from the first of March",
        "Notes: the figures are provisional.",
        "Rural clinics, new nurses and shorter waiting lists are the aims of the plan.",
        "“We will rebuild the clinics,” the minister told the chamber",
    ],
)
def test_a_one_sentence_paragraph_is_no_heading(paragraph: str) -> None:
    article = parse_text(f"Budget 2025\n\n{BEFORE}\n\n{paragraph}\n\n{AFTER}\n")
    assert headings(article) == [None]
    assert [p.text for p in article.sections[0].paragraphs] == [BEFORE, paragraph, AFTER]


def test_a_heading_shaped_last_line_with_nothing_under_it_is_text() -> None:
    article = parse_text(f"Budget 2025\n\n{BEFORE}\n\nMore Updates to Follow\n")
    assert headings(article) == [None]
    assert article.sections[0].paragraphs[-1].text == "More Updates to Follow"
