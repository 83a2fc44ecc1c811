"""Wire datelines are part of their sentence; live-blog timestamps stand apart (issue 23, item 3)."""

from __future__ import annotations

import pytest

from confl10n.document import Article
from confl10n.summarize import summarize_sections
from confl10n.text.datelines import dateline_end, is_timestamp
from confl10n.text.reader import parse_text

BODY = "State lawmakers approved the transit budget late Tuesday."
DATELINES = [
    "SPRINGFIELD, Ill. (AP) —",
    "SANTA FE, N.M. (AP) —",
    "SACRAMENTO, Calif. (AP) —",
    "TALLAHASSEE, Fla. —",
    "CHARLESTON, W.Va. (AP) —",
    "WASHINGTON, D.C. —",
    "ST. LOUIS (AP) —",
    "WINSTON-SALEM, N.C. (AP) —",
    "LONDON (Reuters) -",
    "NEW YORK, March 3 (Reuters) -",
    "NAIROBI, Kenya —",
    "SHANGHAI, Dec. 19 (Xinhua) --",
    "BRUSSELS, Belgium, Nov. 5 (AFP) –",
    "WASHINGTON —",
    "Springfield, Ill. (AP) —",
    "Nairobi, Kenya (Reuters) -",
    "SÃO PAULO (Reuters) -",
    "ZÜRICH, Switzerland —",
    "Québec, Que. (CP) —",
    "UNITED NATIONS (AP) —",
    "KYIV, Ukraine (dpa) —",
    "WASHINGTON—",
    "LONDON (Reuters)—",
]


def first_sentence(article: Article) -> tuple[str, tuple[str, ...]]:
    sentence = article.sentences[0]
    return sentence.text, tuple(sentence.text[s.start : s.end] for s in sentence.spans)


@pytest.mark.parametrize("dateline", DATELINES)
@pytest.mark.parametrize("markdown", [False, True])
def test_a_dateline_is_part_of_its_sentence(dateline: str, markdown: bool) -> None:
    prefix = "# Transit\n\n" if markdown else "Transit\n\n"
    article = parse_text(f"{prefix}{dateline} {BODY} The vote was close.\n", markdown=markdown)
    assert [s.text for s in article.sentences] == [f"{dateline} {BODY}", "The vote was close."]
    assert first_sentence(article) == (f"{dateline} {BODY}", (dateline,))
    assert article.sentences[0].spans[0].kind == "dateline"


def test_a_plain_story_opening_with_a_dateline_has_no_title() -> None:
    article = parse_text(f"SPRINGFIELD, Ill. (AP) — {BODY}\n\nThe vote was close.\n")
    assert article.title is None
    assert [s.text for s in article.sentences] == [
        f"SPRINGFIELD, Ill. (AP) — {BODY}",
        "The vote was close.",
    ]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_dateline_on_a_line_of_its_own_joins_its_paragraph(gap: str) -> None:
    article = parse_text(f"Transit\n\nSPRINGFIELD, Ill. (AP) —{gap}{BODY}\n")
    assert article.title is not None and article.title.text == "Transit"
    assert [s.heading for s in article.sections] == [None]
    assert first_sentence(article) == (
        f"SPRINGFIELD, Ill. (AP) — {BODY}",
        ("SPRINGFIELD, Ill. (AP) —",),
    )
    sentence = article.sentences[0]
    assert article.text[sentence.start : sentence.start + 10] == "SPRINGFIEL"
    assert article.text[sentence.end - 8 : sentence.end] == "Tuesday."


@pytest.mark.parametrize(
    "text",
    [
        "I — and I mean this — disagree.",
        "The plan — which failed — cost money.",
        "Meanwhile, Kenya — a neighbour — waited.",
        "Officials in Springfield, Ill., welcomed it.",
        "A-B testing — as it is called — works.",
    ],
)
def test_prose_with_dashes_is_no_dateline(text: str) -> None:
    assert dateline_end(text) == 0
    (sentence,) = parse_text(f"Title\n\n{text}\n").sentences
    assert not any(span.kind == "dateline" for span in sentence.spans)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Officials in Springfield, Ill., welcomed it.", ["Springfield, Ill."]),
        ("Crews from Santa Fe, N.M., and Los Angeles, Calif., arrived.",
         ["Santa Fe, N.M.", "Los Angeles, Calif."]),
        ("The plant in Winston-Salem, N.C. closed. Workers left.", ["Winston-Salem, N.C."]),
        ("She grew up in Tampa, Fla. Later she moved.", ["Tampa, Fla."]),
        ("He met Miss. Smith, Jr. and Dr. Ill, Sr. there.", []),
        ("The band played in Ottawa, Ont., and Halifax, N.S., last year.",
         ["Ottawa, Ont.", "Halifax, N.S."]),
    ],
)  # fmt: skip
def test_a_place_with_a_state_abbreviation_is_a_verbatim_span(text: str, places: list[str]) -> None:
    article = parse_text(f"Title\n\n{text}\n")
    found = [u.text[s.start : s.end] for u in article.sentences for s in u.spans]
    assert found == places
    assert all(s.kind == "place" for u in article.sentences for s in u.spans)


@pytest.mark.parametrize(
    "stamp",
    [
        "4:15 p.m.",
        "4:15 PM ET",
        "16:15",
        "Updated 9:02 a.m. EDT",
        "4 p.m.",
        "11:40 GMT",
        "4.15pm",
        "Posted at 10:02 a.m.",
        "10:02 a.m. Tuesday",
        "16:15 CET, Friday",
    ],
)
@pytest.mark.parametrize("markdown", [False, True])
def test_a_timestamp_line_is_a_paragraph_of_its_own(stamp: str, markdown: bool) -> None:
    assert is_timestamp(stamp)
    text = (
        f"# Live\n\nLawmakers met on Monday.\n\n{stamp}\nThe governor signed the bill. "
        "Crowds cheered outside.\n"
    )
    article = parse_text(text, markdown=markdown)
    (section,) = article.sections
    assert [p.text for p in section.paragraphs] == [
        "Lawmakers met on Monday.",
        stamp,
        "The governor signed the bill. Crowds cheered outside.",
    ]


@pytest.mark.parametrize("text", ["At 4:15 p.m. the bill passed.", "4.15", "Chapter 4:15"])
def test_prose_with_a_time_is_no_timestamp(text: str) -> None:
    assert not is_timestamp(text)


@pytest.mark.parametrize("stamp", ["4:15 p.m.", "10:02 a.m. ET"])
def test_a_timestamp_is_never_a_lede_sentence(stamp: str) -> None:
    text = (
        f"# Live updates\n\n{stamp}\n\nThe governor signed the transit bill on Tuesday evening.\n\n"
        "3:50 p.m.\n\nLawmakers passed the bill after a long debate in the chamber.\n"
    )
    summary = summarize_sections(parse_text(text), sentences=1)
    assert summary.lede
    assert all(not is_timestamp(s.text) for s in summary.lede)
    assert summary.lede[0].text.startswith("The governor signed")


@pytest.mark.parametrize("dateline", ["WASHINGTON—", "LONDON (Reuters)—", "PARIS, France –"])
def test_a_dateline_glued_to_its_sentence(dateline: str) -> None:
    article = parse_text(f"Title\n\n{dateline}The Senate voted on Monday. It passed.\n")
    assert first_sentence(article) == (f"{dateline}The Senate voted on Monday.", (dateline,))
