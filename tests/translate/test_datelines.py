"""Wire datelines reach no engine and come back verbatim (issue 23, item 3), real engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from confl10n.text.reader import parse_text, read_article
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.article import translate_article
from confl10n.translate.verbatim import UNPROTECTED
from tests.helpers import Spy

DATELINES = [
    "SPRINGFIELD, Ill. (AP) —",
    "SANTA FE, N.M. (AP) —",
    "LOS ANGELES, Calif. —",
    "MIAMI, Fla. (AP) —",
    "LONDON (Reuters) -",
    "NAIROBI, Kenya —",
    "SHANGHAI, Dec. 19 (Xinhua) --",
]
CORPUS = Path(__file__).parents[1] / "data" / "corpus"
BODY = "State lawmakers approved the transit budget late Tuesday."


def article_text(dateline: str) -> str:
    return f"# Transit budget\n\n{dateline} {BODY} The vote was close.\n"


@pytest.mark.parametrize("dateline", DATELINES)
def test_apertium_keeps_the_dateline_verbatim(
    dateline: str, apertium_bin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    spy = Spy(engine, monkeypatch)
    result = translate_article(
        parse_text(article_text(dateline)), to="es", engine=engine, cache=False
    )
    first = result.unit("s1.p1.t1")
    assert first.target.startswith(f"{dateline} ")
    assert "legisladores" in first.target or "lawmakers" in first.target.lower()
    assert not any(dateline in text or "Enfermo" in text for text in spy.sent)
    assert "Enfermo" not in first.target and UNPROTECTED not in first.flags


def test_a_dateline_on_its_own_line_is_kept_too(apertium_bin: str) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    article = parse_text(f"Transit budget\n\nSPRINGFIELD, Ill. (AP) —\n\n{BODY}\n")
    (unit,) = [
        u
        for u in translate_article(article, to="es", engine=engine, cache=False).units
        if u.id != "title"
    ]
    assert unit.target.startswith("SPRINGFIELD, Ill. (AP) — ")


@pytest.mark.parametrize("dateline", DATELINES[:3])
def test_argos_keeps_the_dateline_verbatim(
    dateline: str, argos_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    article = parse_text(article_text(dateline))
    result = translate_article(article, to="zh", engine=argos_engine, cache=False)
    first = result.unit("s1.p1.t1")
    assert first.target.startswith(f"{dateline} ")
    assert spy.sent and not any(dateline in text for text in spy.sent)


@pytest.mark.parametrize(
    ("name", "count"),
    [("wire_transit_budget.txt", 1), ("wire_wildfire_live.md", 1), ("wire_markets_roundup.txt", 2)],
)
def test_no_dateline_of_the_wire_corpus_is_translated(
    name: str, count: int, apertium_bin: str
) -> None:
    article = read_article(CORPUS / name)
    datelines = {
        unit.id: unit.text[span.start : span.end]
        for unit in article.units()
        for span in unit.spans
        if span.kind == "dateline"
    }
    assert len(datelines) == count
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    result = translate_article(article, to="es", engine=engine, cache=False)
    for unit_id, dateline in datelines.items():
        assert result.unit(unit_id).target.startswith(f"{dateline} ")


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Officials in Springfield, Ill., welcomed the money.", "Springfield, Ill."),
        ("The crews came from Santa Fe, N.M., on Sunday.", "Santa Fe, N.M."),
        ("She grew up in Tampa, Fla. Later she moved north.", "Tampa, Fla."),
        ("The mayor of Fresno, Calif., was there.", "Fresno, Calif."),
    ],
)
def test_apertium_keeps_a_state_abbreviation_in_running_text(
    sentence: str, place: str, apertium_bin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    spy = Spy(engine, monkeypatch)
    result = translate_article(
        parse_text(f"# T\n\n{sentence}\n"), to="es", engine=engine, cache=False
    )
    assert place in result.unit("s1.p1.t1").target
    assert not any(place in text for text in spy.sent)
    assert "Enferm" not in result.unit("s1.p1.t1").target


def test_argos_keeps_a_state_abbreviation_in_running_text(
    argos_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    article = parse_text("# T\n\nOfficials in Springfield, Ill., welcomed the money.\n")
    result = translate_article(article, to="zh", engine=argos_engine, cache=False)
    assert "Springfield, Ill.," in result.unit("s1.p1.t1").target
    assert spy.sent and not any("Ill." in text for text in spy.sent)
