"""Trailing site furniture is dropped only where certain; the story never is (issue 23, item 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confl10n import parse_text
from confl10n.cli import app

STORY = "The council met on Monday to approve the plan."
TAIL = "Turnout rose to 70 percent this year, officials said."


def texts(text: str, **options: bool) -> list[str]:
    return [s.text for s in parse_text(text, **options).sentences]  # type: ignore[arg-type]


@pytest.mark.parametrize("column", ["Share", "Comments", "Related", "Tags", "Editor"])
def test_a_table_column_named_like_furniture_cuts_nothing(column: str) -> None:
    text = (
        f"# Election\n\nThe results are in.\n\n| Party | Seats | {column} |\n|---|---|---|\n"
        f"| Red | 40 | 41% |\n| Blue | 30 | 32% |\n\n{TAIL}\n"
    )
    article = parse_text(text, markdown=True)
    assert [s.text for s in article.sentences][-4:] == ["Blue", "30", "32%", TAIL]
    assert not article.warnings


@pytest.mark.parametrize(
    "story",
    [
        "Voting ends Friday. Results follow.",
        "Voting ends Friday.",
        "Residents can comment until May 1!",
        "- Voting ends Friday\n- Results follow on Monday",
        "Der Rat sagte: »Wir stimmen zu.«",  # German and Danish quotes close after the stop
        "Der Rat sagte: „Wir stimmen zu.“",
        "Hun sagde: ›Vi bliver.‹",
    ],
)
@pytest.mark.parametrize("label", ["Comments", "Share", "Related"])
def test_short_story_text_after_a_label_cuts_nothing(story: str, label: str) -> None:
    article = parse_text(f"Title\n\n{STORY}\n\n{label}\n\n{story}\n")
    assert not article.warnings
    assert " ".join(s.text for s in article.sentences).endswith(story.split("- ")[-1])


@pytest.mark.parametrize("label", ["Comments", "Share", "Related", "Read more", "Trending"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_label_line_before_sentences_of_the_story_cuts_nothing(label: str, gap: str) -> None:
    text = (
        f"Title\n\n{STORY}\n\n{label}{gap}Residents raised concerns about the cost of the plan."
        " The mayor promised a review.\n"
    )
    assert texts(text)[-2:] == [
        "Residents raised concerns about the cost of the plan.",
        "The mayor promised a review.",
    ]
    assert not parse_text(text).warnings


def test_a_marker_inside_a_list_or_paragraph_cuts_nothing() -> None:
    text = (
        f"# Tips\n\n{STORY}\n\n- Share\n- Comments\n\nRelated\n\n"
        "- Drink water before you run\n- Sleep well the night before\n"
    )
    article = parse_text(text, markdown=True)
    assert [s.text for s in article.sentences][-2:] == [
        "Drink water before you run",
        "Sleep well the night before",
    ]
    assert not article.warnings


def test_a_story_paragraph_opening_like_a_prompt_is_kept() -> None:
    story = (
        "Sign up for the council's consultation by May 1 to have your say on the new timetable,"
        " officials said. The results will be published in June."
    )
    article = parse_text(f"Title\n\n{STORY}\n\nComments\n\n{story}\n")
    assert [s.text for s in article.sentences][-2:] == [
        "Sign up for the council's consultation by May 1 to have your say on the new"
        " timetable, officials said.",
        "The results will be published in June.",
    ]
    assert not article.warnings


def test_site_furniture_is_dropped_and_the_warning_says_how_much_and_where() -> None:
    text = (
        f"Title\n\n{STORY}\n\nShare this article\n\nYou May Have Missed\n\n"
        "Council approves new budget\n\nMayor resigns after scandal\n\n"
        "Sign up for our newsletter to get the latest news.\n"
    )
    article = parse_text(text, source_name="a.txt")
    assert [s.text for s in article.sentences] == [STORY]
    (warning,) = article.warnings
    assert re.search(r"dropped 25 words .* from line 5 \('Share this article'\)", warning)
    assert warning.startswith("a.txt: ")


def test_markdown_link_list_after_a_related_heading_is_dropped() -> None:
    text = (
        f"# Title\n\n{STORY}\n\n## Related\n\n"
        "- [Council approves new budget for the coming year.](https://example.com/a)\n"
        "- [Mayor resigns](https://example.com/b)\n"
    )
    article = parse_text(text, markdown=True)
    assert [s.text for s in article.sentences] == [STORY]
    assert "dropped 11 words" in article.warnings[0]


@pytest.mark.parametrize("marker", ["Don’t Miss", "Related Topics", "Editor's Picks", "Share on"])
def test_common_furniture_headings_with_link_lists_are_dropped(marker: str) -> None:
    text = (
        f"# Title\n\n{STORY}\n\n## {marker}\n\n- [Mayor resigns](https://x.org/a)\n"
        "- [Budget passes](https://x.org/b)\n\n*Advertisement*\n"
    )
    article = parse_text(text, markdown=True)
    assert [s.text for s in article.sentences] == [STORY]
    assert "from line 5" in article.warnings[0]


def test_keep_boilerplate_keeps_everything() -> None:
    text = f"Title\n\n{STORY}\n\nRelated Articles\n\nSome other story\n\nAnother story\n"
    assert [u.text for u in parse_text(text).units()] == ["Title", STORY]
    kept = parse_text(text, keep_boilerplate=True)
    assert [u.text for u in kept.units()] == [
        "Title", STORY, "Related Articles", "Some other story", "Another story",
    ]  # fmt: skip
    assert not any("boilerplate" in warning for warning in kept.warnings)


FURNISHED = (
    f"Title\n\n{STORY} It cost 5 million dollars.\n\nRelated\n\n"
    "Budget of 7 million dollars approved\n"
)


def run_both(args: list[str], path: Path) -> tuple[str, str]:
    """The command's stdout without and with ``--keep-boilerplate`` (both must succeed)."""
    path.write_text(FURNISHED, encoding="utf-8")
    runner = CliRunner()
    dropped = runner.invoke(app, [*args, str(path)])
    kept = runner.invoke(app, [*args, str(path), "--keep-boilerplate"])
    assert dropped.exit_code == kept.exit_code == 0, kept.output
    assert "dropped 7 words of trailing boilerplate from line 5" in dropped.stderr
    assert "trailing boilerplate" not in kept.stderr
    return dropped.stdout, kept.stdout


@pytest.mark.parametrize(
    ("args", "furniture"),
    [
        (["segment"], "7 million"),
        (["summarize"], "Related"),
        (["figures", "--locale", "en_US"], "7"),
    ],
)
def test_every_reading_command_has_keep_boilerplate(
    args: list[str], furniture: str, tmp_path: Path
) -> None:
    dropped, kept = run_both(args, tmp_path / "a.txt")
    assert furniture not in dropped.replace("s1", "")
    assert furniture in kept


def test_translate_keeps_boilerplate_when_asked(tmp_path: Path, apertium_bin: str) -> None:
    args = ["translate", "--to", "es", "--engine", "apertium", "--no-cache"]
    dropped, kept = run_both(args, tmp_path / "a.txt")
    assert "7" not in dropped
    assert "7" in kept


def test_build_keeps_boilerplate_when_asked(tmp_path: Path, apertium_bin: str) -> None:
    out = tmp_path / "out"
    path = tmp_path / "a.txt"
    args = ["build", "--to", "es_ES", "--engine", "apertium", "--no-cache", "--out", str(out)]
    run_both(args, path)  # the second run replaces the first one's output
    page = (out / "title" / "es_ES" / "article.md").read_text(encoding="utf-8")
    assert "7" in page


def test_one_dropped_word_is_said_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Title\n\n{STORY}\n\nComments\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", str(path)])
    assert result.exit_code == 0, result.output
    assert "dropped 1 word of trailing boilerplate from line 5 ('Comments') on" in result.stderr


@pytest.mark.parametrize(
    "label", ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement"]
)
def test_ad_labels_inside_the_story_are_dropped_with_a_warning(label: str) -> None:
    text = f"Council backs plan\n\n{STORY}\n\n{label}\n\nThe mayor said the vote was close.\n"
    article = parse_text(text)
    assert [s.text for s in article.sentences] == [STORY, "The mayor said the vote was close."]
    assert article.warnings == (f"<string>: dropped 1 ad label line(s) such as {label!r};"
                                " --keep-boilerplate keeps them",)  # fmt: skip
    kept = parse_text(text, keep_boilerplate=True)
    assert label in [unit.text for unit in kept.units()]


def test_a_sentence_about_advertising_is_story() -> None:
    text = f"Council backs plan\n\n{STORY}\n\nAdvertising revenue fell by a third.\n"
    assert [s.text for s in parse_text(text).sentences][
        -1
    ] == "Advertising revenue fell by a third."
