"""``SummaryOptions``: one options object for both summarizers, keywords as its fields."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, cast

import pytest

from confl10n.errors import InvalidOptionError
from confl10n.summarize import SummaryOptions, summarize_sections, summarize_text
from confl10n.text.reader import read_article


@pytest.mark.parametrize(
    "changes",
    [
        {"sentences": 1},
        {"algorithm": "textrank", "ratio": 0.5},
        {"algorithm": "luhn", "lede": 0},
        {"lede_mode": "central", "sentences": 2},
        {"algorithm": "edmundson", "bonus_words": ["press"], "sentences": 1},
    ],
)
def test_an_options_object_gives_what_the_same_keywords_give(
    sample_path: Path, changes: dict[str, Any]
) -> None:
    article = read_article(sample_path)
    options = SummaryOptions(**changes)
    assert summarize_sections(article, options) == summarize_sections(article, **changes)
    whole = {k: v for k, v in changes.items() if k not in ("lede", "lede_mode")}
    assert summarize_text(article, options) == summarize_text(article, **whole)


def test_keywords_change_the_options_given(sample_path: Path) -> None:
    article = read_article(sample_path)
    base = SummaryOptions(algorithm="textrank", sentences=3)
    changed = summarize_sections(article, base, sentences=1)
    assert changed == summarize_sections(article, algorithm="textrank", sentences=1)
    assert changed.algorithm == "textrank"
    assert all(len(section.sentences) <= 1 for section in changed.sections)


@pytest.mark.parametrize("name", ["sentence", "algo", "lede_modes", "language"])
def test_a_misspelt_option_is_a_clear_error(name: str) -> None:
    with pytest.raises(InvalidOptionError, match=f"unknown summary option '{name}'"):
        summarize_sections("Rain fell. Sun shone.", **cast(dict[str, Any], {name: 1}))


def test_defaults_are_resolved_and_checked() -> None:
    checked = SummaryOptions().checked()
    assert (checked.algorithm, checked.lede_mode) == ("lexrank", "lead")
    assert SummaryOptions(algorithm=" TextRank ", lede_mode="Central").checked() == (
        SummaryOptions(algorithm="textrank", lede_mode="central")
    )
    with pytest.raises(InvalidOptionError, match="unknown lede mode"):
        SummaryOptions(lede_mode="middle").checked()
    with pytest.raises(InvalidOptionError, match="not both"):
        SummaryOptions(sentences=1, ratio=0.5).checked()


def test_options_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SummaryOptions().algorithm = "lsa"  # type: ignore[misc]
