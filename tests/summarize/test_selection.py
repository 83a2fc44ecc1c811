"""The bulletin's editorial rules: a news lede, no repeats, no fragments (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from confl10n import InvalidOptionError, summarize_sections, summarize_text
from confl10n.cli import app
from confl10n.document import Paragraph, Sentence
from confl10n.summarize import ALGORITHMS, LEDE_MODES
from confl10n.summarize.adapter import LongTextWarning
from confl10n.summarize.selection import MAX_CHARS, fingerprint, ineligible, near_duplicates
from confl10n.text.reader import parse_text, read_article
from tests.helpers import ALGORITHM_PARAMS

runner = CliRunner()
EDMUNDSON = {"bonus_words": ["media", "council"], "stigma_words": ["not"]}

PULL_QUOTE = (
    "# Council backs new tram line\n\n"
    "The city council approved a new tram line through the harbor district on Monday. "
    "Work starts in March and the line opens in two years.\n\n"
    "> The city council approved a new tram line through the harbor district on Monday.\n\n"
    "Shopkeepers along the route welcomed the decision. Some residents worry about noise. "
    "The harbor district has grown quickly since the ferry terminal opened.\n\n"
    "## Costs\n\n"
    "The city council approved a new tram line through the harbor district on Monday. "
    "The budget office expects the tram line to cost less than the bus lanes it replaces. "
    "Fares will match the bus fares. Critics say the estimate is too low.\n"
)
FRAGMENTS = (
    "# Ministry names new science fund\n\n"
    "HELSINKI, March 3 (Nordic Wire) --\n\n"
    "The science ministry opened a fund for young researchers on Tuesday. "
    "The ministry is announcing:\n\n"
    "- Grants for doctoral students in every field.\n"
    "- Travel money for early-career scientists.\n\n"
    "Photo: The minister at the launch in Helsinki.\n\n"
    "“The fund is open to every university. Applications close in May,” the minister said. "
    "Universities welcomed the plan and expect many applications from abroad.\n\n"
    "Program details\n\n"
    "The fund will support about two hundred projects over three years. "
    "Officials said the first awards would be announced in the autumn. "
    "A second call may follow if the budget allows it. And the board will"
)


def _extra(algorithm: str) -> dict[str, Any]:
    return EDMUNDSON if algorithm == "edmundson" else {}


def _all_ids(summary: Any) -> list[str]:
    return [s.id for s in summary.lede] + list(summary.sentence_ids)


# --- 1. the lede is the news ------------------------------------------------------------


def test_the_sample_lede_is_the_opening_paragraph_with_who_what_where_when(
    sample_path: Path,
) -> None:
    summary = summarize_sections(read_article(sample_path))
    assert [s.id for s in summary.lede] == ["s1.p1.t1", "s1.p1.t2"]
    assert summary.lede[0].text.startswith("Media professionals from all over the country")
    assert "Shanghai on December 19" in summary.lede[0].text and summary.lede_mode == "lead"


def test_the_seed_lede_is_its_opening_sentence(seed_path: Path) -> None:
    summary = summarize_sections(read_article(seed_path))
    assert summary.lede[0].id == "s1.p1.t1"
    assert summary.lede[0].text.startswith("On December 19, the 2024 China Newspaper")


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_the_lead_lede_does_not_change_with_the_section_length(
    sample_path: Path, algorithm: str, count: int
) -> None:
    article = read_article(sample_path)
    default = summarize_sections(article, algorithm=algorithm, **_extra(algorithm))
    shorter = summarize_sections(article, algorithm=algorithm, sentences=count, **_extra(algorithm))
    assert shorter.lede == default.lede


@pytest.mark.parametrize("mode", LEDE_MODES)
def test_the_central_and_lead_ledes_do_not_change_with_n(sample_path: Path, mode: str) -> None:
    article = read_article(sample_path)
    ledes = {summarize_sections(article, sentences=n, lede_mode=mode).lede for n in (1, 2, 5)}
    assert len(ledes) == 1


@pytest.mark.parametrize("algorithm", ALGORITHM_PARAMS)
@pytest.mark.parametrize("mode", LEDE_MODES)
def test_the_lede_is_never_repeated_in_the_section_summaries(
    sample_path: Path, seed_path: Path, algorithm: str, mode: str
) -> None:
    for path in (sample_path, seed_path):
        for n in (None, 1, 3):
            summary = summarize_sections(
                read_article(path), algorithm=algorithm, sentences=n, lede_mode=mode,
                **_extra(algorithm),
            )  # fmt: skip
            lede = {s.text for s in summary.lede}
            assert lede and not lede & {s.text for sec in summary.sections for s in sec.sentences}


def test_central_mode_is_the_algorithms_choice_and_differs_from_lead(sample_path: Path) -> None:
    article = read_article(sample_path)
    central = summarize_sections(article, lede_mode="central")
    assert [s.id for s in central.lede] == ["s2.p2.t1", "s2.p8.t3"]  # mid-article, as the issue saw
    assert central.lede_mode == "central" and central.lede[0].score > 0


def test_lede_length_option_and_none(sample_path: Path) -> None:
    article = read_article(sample_path)
    assert [s.id for s in summarize_sections(article, lede=1).lede] == ["s1.p1.t1"]
    three = summarize_sections(article, lede=3).lede
    assert [s.id for s in three] == ["s1.p1.t1", "s1.p1.t2", "s1.p2.t1"]
    assert summarize_sections(article, lede=0).lede == ()


def test_a_lead_lede_never_has_a_dateline_on_its_own_nor_a_heading_like_line() -> None:
    summary = summarize_sections(FRAGMENTS)
    assert [s.text for s in summary.lede] == [  # the dateline opens its sentence (issue 23)
        "HELSINKI, March 3 (Nordic Wire) -- "
        "The science ministry opened a fund for young researchers on Tuesday.",
        "Universities welcomed the plan and expect many applications from abroad.",
    ]


def test_central_lede_is_chosen_from_a_bounded_pool() -> None:
    v = [
        "radio",
        "print",
        "video",
        "audio",
        "photo",
        "data",
        "search",
        "maps",
        "apps",
        "games",
        "film",
        "music",
        "art",
    ]
    sections = [
        f"## Part {i}\n\nTeam {i} studied {v[i % 13]} and {v[(i * 3 + 1) % 13]} with "
        f"{v[(i * 7 + 2) % 13]} tools."
        for i in range(100)
    ]
    summary = summarize_sections("# AI\n\n" + "\n\n".join(sections), lede=3, lede_mode="central")
    assert len(summary.sections) == 100 and len(summary.lede) == 3
    assert all(int(s.id.split(".")[0][1:]) <= 64 for s in summary.lede)


@pytest.mark.parametrize("mode", ["Lead", " central "])
def test_lede_mode_is_case_and_space_tolerant(mode: str) -> None:
    assert summarize_sections("One dog barks. Two cats sleep.", lede_mode=mode).lede


def test_an_unknown_lede_mode_names_the_choices() -> None:
    with pytest.raises(InvalidOptionError, match=r"unknown lede mode 'top'; .*lead, central$"):
        summarize_sections("One dog barks.", lede_mode="top")


def test_cli_lede_option(sample_path: Path) -> None:
    lead = runner.invoke(app, ["summarize", str(sample_path), "-n", "1"])
    assert lead.stdout.splitlines()[1].startswith("  s1.p1.t1  Media professionals")
    central = runner.invoke(app, ["summarize", str(sample_path), "-n", "1", "--lede", "central"])
    assert central.stdout.splitlines()[1].startswith("  s2.p2.t1  One route on the tour")
    bad = runner.invoke(app, ["summarize", str(sample_path), "--lede", "top"])
    assert bad.exit_code == 64 and bad.stdout == ""
    assert bad.stderr == (
        "confl10n: error: unknown lede mode 'top'; choose one of: lead, central\n"
    )


# --- 2. the same sentence twice ---------------------------------------------------------


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("mode", LEDE_MODES)
def test_a_pull_quote_repeat_appears_once_in_the_whole_bulletin(algorithm: str, mode: str) -> None:
    for n in (1, 2, 3):
        summary = summarize_sections(
            PULL_QUOTE, algorithm=algorithm, sentences=n, lede_mode=mode, **_extra(algorithm)
        )
        texts = [s.text for s in summary.lede] + [
            s.text for sec in summary.sections for s in sec.sentences
        ]
        assert len(texts) == len(set(texts)), (n, texts)
        tram = [t for t in texts if t.startswith("The city council approved")]
        assert len(tram) <= 1


@pytest.mark.parametrize("algorithm", ["textrank", "lsa", "luhn"])
def test_a_two_sentence_summary_never_holds_the_pull_quote_twice(algorithm: str) -> None:
    section = summarize_sections(PULL_QUOTE, algorithm=algorithm, sentences=2, lede=0).sections[0]
    texts = [s.text for s in section.sentences]
    assert len(texts) == 2 and texts[0] != texts[1]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_the_whole_text_summary_has_no_repeats(algorithm: str) -> None:
    summary = summarize_text(PULL_QUOTE, algorithm=algorithm, sentences=4, **_extra(algorithm))
    texts = [s.text for s in summary.sentences]
    assert len(texts) == 4 and len(set(texts)) == 4


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The council approved a tram line on Monday.", "The council approved a tram line on Monday.", True),
        ("The council approved a tram line on Monday.", "“The council approved a tram line on Monday,” he said.", True),
        ("The Council APPROVED a tram line, on Monday!", "the council approved a tram line on monday", True),
        ("Café owners cheered the plan.", "Cafe owners cheered the plan.", True),
        ("The council approved a tram line.", "The council rejected a new bus lane.", False),
        ("Rain fell.", "Rain fell hard in the north of the country all week.", False),
    ],
)  # fmt: skip
def test_near_duplicates(a: str, b: str, same: bool) -> None:
    assert near_duplicates(fingerprint(a, "en"), fingerprint(b, "en")) is same


def test_a_near_duplicate_pull_quote_is_dropped_too() -> None:
    text = (
        "# Tram\n\nThe city council approved a new tram line through the harbor district. "
        "Work starts in March.\n\n## Reaction\n\n“The city council approved a new tram line "
        "through the harbor district,” a spokesman said. Shopkeepers welcomed it.\n"
    )
    summary = summarize_sections(text, sentences=2)
    assert [s.id for s in summary.lede] == ["s1.p1.t1", "s1.p1.t2"]
    assert summary.sections[1].sentences[0].text == "Shopkeepers welcomed it."
    assert len(summary.sections[1].sentences) == 1


# --- 3. fragments are never picked ------------------------------------------------------


def _sentence(
    text: str, kind: str = "text", *, truncated: bool = False
) -> tuple[Sentence, Paragraph]:
    sentence = Sentence("s1.p1.t1", text, 0, len(text))
    return sentence, Paragraph("s1.p1", (sentence,), 0, len(text), kind, truncated)


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("“People’s City: Shanghai Practice”", "list_item", "list item"),
        ("Grants for doctoral students in every field.", "list_item", "list item"),
        ("“Shanghai is a city that sets trends.", "text", "unbalanced quotes"),
        ("It watches what young people like and adapts quickly.”", "text", "unbalanced quotes"),
        ('He called it "the best plan we have.', "text", "unbalanced quotes"),
        ("„Wir bleiben hier, sagte er.", "text", "unbalanced quotes"),
        ("»Wir bleiben hier, sagte er.", "text", "unbalanced quotes"),
        ("Er sagte: ›Wir bleiben hier.", "text", "unbalanced quotes"),
        ("The plan (announced on Monday will cost more.", "text", "unbalanced brackets"),
        ("Costs rose] sharply.", "text", "unbalanced brackets"),
        ("Shanghai Newspaper Group is announcing:", "text", "colon lead-in"),
        ("Visitors toured themed sections that included:", "text", "colon lead-in"),
        ("Li Yun made the point without hedging: ", "text", "colon lead-in"),
        ("Developing New Quality Productive Forces", "text", "heading or fragment"),
        ("A City for the People", "text", "heading or fragment"),
        ("SHANGHAI, Dec. 19 (Xinhua) --", "text", "dateline"),
        ("BEIJING —", "text", "dateline"),
        ("LONDON (Reuters) - ", "text", "dateline"),
        ("Photo: The minister at the launch in Helsinki.", "text", "caption"),
        ("Participants visit SenseTime in Shanghai. /Xinhua", "text", "caption"),
        ("(Photo by Li Wei) The hall at night.", "text", "caption"),
        ("x " * (MAX_CHARS // 2) + "end.", "text", "too long"),
    ],
)
def test_what_may_not_be_shown(text: str, kind: str, reason: str) -> None:
    sentence, paragraph = _sentence(text, kind)
    assert ineligible(sentence, paragraph) == reason


def test_the_truncated_last_fragment_is_not_shown() -> None:
    sentence, paragraph = _sentence("And the board will", truncated=True)
    assert ineligible(sentence, paragraph) == "truncated"


@pytest.mark.parametrize(
    "text",
    [
        "Media professionals converged on Shanghai on December 19.",
        "“Land in Shanghai is extremely valuable,” said Gong Yongling.",
        "It is, in his words, “a compulsory question.”",
        "The zone (about 1.92 square kilometers) sits on the waterfront.",
        "SHANGHAI, Dec. 19 (Xinhua) -- Media professionals from across China met on Thursday.",
        "Rent runs from 500 to 1,000 yuan a month.",
        "„Wir bleiben“, sagte er.",
        "»Das ist gut.«",
        "Er fragte: »Kommst du?«",
        "Sie sagte: ›Wir bleiben.‹",
        "Er sagte: »Sie rief ›Halt!‹ …«",
        "人工智能正在迅速改变媒体行业。",
        "Is this the future of news?",
        "Photographers captured the moment.",
        "هل هذا مستقبل الأخبار؟",
        "「人工智能正在改变媒体。」",
    ],
)
def test_what_may_be_shown(text: str) -> None:
    sentence, paragraph = _sentence(text)
    assert ineligible(sentence, paragraph, lang="de" if "„" in text else "en") is None


@pytest.mark.parametrize("algorithm", ALGORITHM_PARAMS)
@pytest.mark.parametrize("mode", LEDE_MODES)
def test_no_algorithm_picks_a_fragment_of_the_sample(
    sample_path: Path, algorithm: str, mode: str
) -> None:
    article = read_article(sample_path)
    for n in (1, 3, 99):
        summary = summarize_sections(
            article, algorithm=algorithm, sentences=n, lede_mode=mode, **_extra(algorithm)
        )
        shown = {article.find(i).text for i in _all_ids(summary)}  # type: ignore[union-attr]
        assert "“People’s City: Shanghai Practice”" not in shown
        assert not any(t.endswith(":") for t in shown)
        assert "“Shanghai is a city that sets trends." not in shown


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("mode", LEDE_MODES)
def test_no_algorithm_picks_a_fragment_of_a_press_release(algorithm: str, mode: str) -> None:
    article = parse_text(FRAGMENTS)
    allowed = {
        "HELSINKI, March 3 (Nordic Wire) -- "
        "The science ministry opened a fund for young researchers on Tuesday.",
        "Universities welcomed the plan and expect many applications from abroad.",
        "The fund will support about two hundred projects over three years.",
        "Officials said the first awards would be announced in the autumn.",
        "A second call may follow if the budget allows it.",
    }
    for n in (1, 2, 99):
        summary = summarize_sections(
            article, algorithm=algorithm, sentences=n, lede_mode=mode, **_extra(algorithm)
        )
        shown = [s.text for s in summary.lede] + [
            s.text for sec in summary.sections for s in sec.sentences
        ]
        assert set(shown) <= allowed and len(shown) == len(set(shown))
    every = summarize_sections(article, algorithm=algorithm, ratio=1, lede_mode=mode)
    assert {s.text for s in every.lede} | {
        s.text for sec in every.sections for s in sec.sentences
    } == allowed


def test_a_section_with_nothing_eligible_gets_no_summary() -> None:
    text = (
        "# Festival dates\n\nThe city festival returns this summer with more stages. "
        "Tickets go on sale in May.\n\n## Line-up\n\nThe organizers are announcing:\n\n"
        "- The River Band\n- Northern Lights Choir\n"
    )
    summary = summarize_sections(text)
    assert [(s.id, s.sentences, s.size) for s in summary.sections][1] == ("s2", (), 3)


def test_a_section_that_is_only_the_lede_gets_no_summary() -> None:
    text = "# Storm\n\nA storm closed the port on Friday. Ferries stayed in the harbor.\n\n" + (
        "## Damage\n\nRoofs were torn off in the old town. Power was cut for hours.\n"
    )
    summary = summarize_sections(text)
    assert [s.id for s in summary.lede] == ["s1.p1.t1", "s1.p1.t2"]
    assert summary.sections[0].sentences == () and len(summary.sections[1].sentences) == 1


# --- the 50,000-character paragraph -----------------------------------------------------


def _long_paragraph(sentences: int) -> str:
    topics = ["budget", "schools", "roads", "harbor", "parks", "trams", "libraries", "clinics"]
    return " ".join(
        f"Council members debated the {topics[i % 8]} plan number {i} for {i % 7 + 2} hours."
        for i in range(sentences)
    )


@pytest.mark.parametrize(
    "algorithm", ["lexrank", "luhn", pytest.param("kl", marks=pytest.mark.slow)]
)
def test_a_50000_character_paragraph_is_never_shown_twice(algorithm: str) -> None:
    text = _long_paragraph(900)[:50_000].rsplit(". ", 1)[0] + "."
    assert 49_000 < len(text) <= 50_000
    with pytest.warns(LongTextWarning, match="rated in 7 windows"):  # issue 15's bound
        summary = summarize_sections(text, algorithm=algorithm)
    shown = _all_ids(summary)
    assert len(shown) == len(set(shown)) == 5  # a lede of 2, then 3 others
    assert summary.title is None and len(summary.lede[0].text) < 100


def test_a_50000_character_run_on_paragraph_is_never_a_summary() -> None:
    words = "the council approved a budget for schools and roads after a long debate"
    text = " ".join([words] * 3500)[:50_000]
    summary = summarize_sections(text)
    assert summary.lede == () and summary.sections[0].sentences == ()


def test_a_lead_lede_prefers_running_text_to_an_opening_block_quote() -> None:
    text = (
        "# Port reopens\n\n> “The sea gives and the sea takes,” as the old harbor saying goes.\n\n"
        "The port of Lindby reopened on Friday after a three-week strike. "
        "Ferries to the islands run again from Monday.\n"
    )
    assert [s.id for s in summarize_sections(text).lede] == ["s1.p2.t1"]  # 3 sentences: 1
    summary = summarize_sections(text, lede=2)
    assert [s.id for s in summary.lede] == ["s1.p2.t1", "s1.p2.t2"]
    assert [s.id for s in summarize_sections(text, lede=3).lede] == [
        "s1.p1.t1", "s1.p2.t1", "s1.p2.t2"
    ]  # fmt: skip
    only_quote = summarize_sections("# Q\n\n> “We will rebuild the harbor,” the mayor said.\n")
    assert [s.id for s in only_quote.lede] == ["s1.p1.t1"]
