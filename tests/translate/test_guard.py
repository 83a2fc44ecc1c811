"""The degeneration guard: loops and runaway length, judged on text alone."""

from __future__ import annotations

import pytest

from confl10n.translate.guard import is_degenerate


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Applause.", "(掌声) (掌声) (掌声) (掌声) (掌声)"),
        ("The conference opened.", "会议开幕了。" + "的的的的的的的的的的的的的的的的的的"),
        ("Shanghai opened a conference.", "the " * 60),
        ("Yes.", "Oui, c'est une phrase beaucoup trop longue pour une source si courte, vraiment."),
    ],
)
def test_runaway_outputs_are_degenerate(source: str, target: str) -> None:
    assert is_degenerate(source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("He said no.", "他说不。"),
        ("Wait...", "等等……"),
        ("Ha ha ha ha ha ha!", "哈哈哈哈哈哈！"),
        ("“No, no, no, no, no,” she said.", "“不，不，不，不，不，”她说。"),
        ("人工智能", "Artificial intelligence"),
        ("Growth was 10.2% in 2024.", "2024年增长10.2%。"),
    ],
)
def test_ordinary_outputs_pass(source: str, target: str) -> None:
    assert not is_degenerate(source, target)


def test_a_loop_the_source_has_is_no_fault() -> None:
    chant = "go team go team go team go team go team"
    assert is_degenerate("Cheers.", chant)
    assert not is_degenerate(chant, chant)
