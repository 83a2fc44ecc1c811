"""The lede is the news: never a page's notice about itself, never an anaphor on its own (#24)."""

from __future__ import annotations

import pytest

from confl10n import summarize_sections
from confl10n.summarize import ALGORITHMS, LEDE_MODES
from confl10n.summarize.selection import ineligible, opens_with_anaphor
from confl10n.text.reader import parse_text

NEWS = (
    "The council cut bus fares by a tenth on Monday. "
    "Commuters will save about £200 a year. "
    "The cut is paid for by a new parking levy."
)


def _lede(text: str, mode: str = "lead", algorithm: str = "lexrank") -> list[str]:
    summary = summarize_sections(text, lede_mode=mode, algorithm=algorithm)
    return [s.text for s in summary.lede]


@pytest.mark.parametrize(
    "notice",
    [
        "This page describes last year's plan; see our page on next year's plan for the new one.",
        "This article was updated on Tuesday with the council's response.",
        "Editor's note: an earlier version gave the wrong date for the vote.",
        "Correction: the levy applies to car parks in the centre only.",
        "Updated at 10:30 GMT.",
        "Last updated 3 March 2025.",
        "An earlier version of this story misstated the size of the cut.",
        "For the full timetable, see our live blog on the fare changes.",
        "This story has been corrected to show the right fare.",
        "(This story has been updated with the vote.)",
        "This article is part of our series on transport.",
        "Corrections: the levy starts in May, not April.",
        "Editor’s note: the council's figures were revised.",
        "Follow our live coverage of the council meeting.",
    ],
)
@pytest.mark.parametrize("mode", LEDE_MODES)
def test_a_page_notice_is_never_the_lede(notice: str, mode: str) -> None:
    text = f"# Fares cut\n\n{notice}\n\n{NEWS}\n"
    lede = _lede(text, mode)
    assert notice not in lede and lede
    if mode == "lead":
        assert lede[0] == "The council cut bus fares by a tenth on Monday."


@pytest.mark.parametrize(
    "sentence",
    [
        "This report finds that fares rose 3% last year.",
        "The page count of the report rose to 40.",
        "Updates to the timetable take effect in May.",
        "Update: the council confirmed the cut on Friday.",
        "The corrections officer said fares would fall.",
    ],
)
def test_news_that_mentions_pages_or_updates_is_no_notice(sentence: str) -> None:
    article = parse_text(f"# T\n\n{sentence}\n")
    (paragraph,) = article.sections[0].paragraphs
    assert ineligible(paragraph.sentences[0], paragraph) is None


@pytest.mark.parametrize(
    ("sentence", "points_back"),
    [
        ("Others take effect in 2026.", True),
        ("These efforts cut leaks by a fifth.", True),
        ("It rises to €12 a week.", True),
        ("“They will pay more,” she said.", True),
        ("Such rules are rare.", True),
        ("This year the levy doubles.", False),
        ("The council met on Monday.", False),
        ("Italy won the final.", False),
    ],
)
def test_sentences_that_point_back(sentence: str, points_back: bool) -> None:
    assert opens_with_anaphor(sentence) is points_back


@pytest.mark.parametrize("mode", LEDE_MODES)
def test_an_anaphor_after_a_notice_is_not_the_lede(mode: str) -> None:
    text = (
        "# Fares cut\n\n"
        "This page describes last year's plan; see our page on next year's plan.\n\n"
        "Others take effect in 2026 and cover the whole region. " + NEWS + "\n"
    )
    lede = _lede(text, mode)
    assert lede and not any(s.startswith("Others") for s in lede)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_an_anaphor_is_picked_only_with_the_sentence_it_points_back_to(algorithm: str) -> None:
    text = (
        "# Water\n\nThe utility reported its results on Tuesday.\n\n"
        "## Leaks\n\n"
        "Engineers replaced 86 km of leaking water mains across the city last year. "
        "These efforts cut leaking water mains losses by a fifth across the city. "
        "Crews also fitted smart meters in three districts. "
        "The meters report leaks within an hour.\n"
    )
    summary = summarize_sections(text, algorithm=algorithm, sentences=2, lede=1)
    (leaks,) = [s for s in summary.sections if s.heading == "Leaks"]
    picked = [s.text for s in leaks.sentences]
    if any(s.startswith("These efforts") for s in picked):
        assert picked[0].startswith("Engineers replaced")
    alone = summarize_sections(text, algorithm=algorithm, sentences=1, lede=1)
    (leaks,) = [s for s in alone.sections if s.heading == "Leaks"]
    assert not any(s.text.startswith("These efforts") for s in leaks.sentences)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_section_opening_with_an_anaphor_never_shows_it_alone(algorithm: str) -> None:
    text = (
        "# Budget\n\nThe county adopted its budget on Thursday.\n\n"
        "## Roads\n\n"
        "It sets aside money for roads and bridges across the county. "
        "Road repairs get $61 million. The Cedar Creek bridge gets $9 million.\n"
    )
    summary = summarize_sections(text, algorithm=algorithm, sentences=1, lede=1)
    (roads,) = [s for s in summary.sections if s.heading == "Roads"]
    assert not any(s.text.startswith("It ") for s in roads.sentences)
