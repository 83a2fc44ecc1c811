"""Code, URLs and link targets never reach an engine (issue 12, case 4), with real engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from confl10n.text.reader import parse_text
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.article import translate_article
from confl10n.translate.verbatim import UNPROTECTED, mask, unmask
from tests.helpers import Spy

ARTICLE = """# Rents report

Install it with `pip install rentmatch` today. The data is at https://x.org/d?f=FY%202022%20v2 now.
Read [the report](https://x.org/r?id=P152406&searchTerm=rent) for 3.5% more.
"""
NEVER_SENT = ("pip install", "rentmatch", "https://", "P152406", "searchTerm", "%20")


@pytest.mark.parametrize(
    ("translated", "pieces", "expected"),
    [
        ("Instálelo con ⟦V1⟧ hoy.", ["pip x"], "Instálelo con pip x hoy."),
        ("⟦*V2⟧ y [[V1]] y 【Ｖ3】", ["a", "b", "c"], "b y a y c"),
        ("sin nada", ["a"], None),
        ("⟦V1⟧ ⟦V1⟧", ["a"], None),
        ("⟦V1⟧ ⟦V2⟧", ["a"], None),
    ],
)
def test_unmask_accepts_what_engines_make_of_placeholders(
    translated: str, pieces: list[str], expected: str | None
) -> None:
    assert unmask(translated, pieces) == expected


def test_mask_numbers_the_pieces_it_finds() -> None:
    assert mask("Run `a` and a b.", ("a", "zz", "b")) == ("Run `⟦V1⟧` and a ⟦V2⟧.", ["a", "b"])


def test_apertium_never_sees_code_urls_or_link_targets(
    tmp_path: Path, apertium_bin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    spy = Spy(engine, monkeypatch)
    result = translate_article(parse_text(ARTICLE), to="es", engine=engine, cache=False)
    assert spy.sent and not any(word in text for text in spy.sent for word in NEVER_SENT)
    targets = {u.id: u for u in result.units}
    assert "pip install rentmatch" in targets["s1.p1.t1"].target
    assert "https://x.org/d?f=FY%202022%20v2" in targets["s1.p1.t2"].target
    assert "3,5\xa0%" in targets["s1.p1.t3"].target
    assert not any(UNPROTECTED in u.flags for u in result.units)
    assert result.findings == ()  # no figure is read in the URL, on either side


def test_numeric_qa_reads_neither_code_nor_urls(apertium_bin: str) -> None:
    article = parse_text(
        "# T\n\nInstall `rentmatch==2.3` today. Data: https://x.org/d?f=FY%202022%20v2 now.\n"
        "Costs rose 3.5% and 1,926 sites opened.\n"
    )
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    result = translate_article(article, to="es", engine=engine, cache=False)
    assert "rentmatch==2.3" in result.units[1].target
    assert result.findings == ()


def test_kit_argos_model_never_sees_them_either(
    argos_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    result = translate_article(parse_text(ARTICLE), to="zh", engine=argos_engine, cache=False)
    assert spy.sent and not any(word in text for text in spy.sent for word in NEVER_SENT)
    for unit in result.units:
        assert UNPROTECTED in unit.flags or all(
            piece in unit.target
            for piece in ("pip install rentmatch", "https://x.org/d?f=FY%202022%20v2")
            if piece in unit.source
        )


PLAIN = """Visitors report

Details are at https://example.org/Reports/P152406?searchTerm=Farm%20FY%202022%20Loans today.
See www.Stats.gov/Table_2023.csv for the table. The site example.com/News_2024 has 3.5% more visitors.
"""
PLAIN_URLS = (
    "https://example.org/Reports/P152406?searchTerm=Farm%20FY%202022%20Loans",
    "www.Stats.gov/Table_2023.csv",
    "example.com/News_2024",
)


@pytest.mark.parametrize("markdown", [False, True])
def test_addresses_in_plain_text_and_markdown_come_back_exactly(
    apertium_bin: str, monkeypatch: pytest.MonkeyPatch, markdown: bool
) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    spy = Spy(engine, monkeypatch)
    text = ("# " if markdown else "") + PLAIN
    result = translate_article(
        parse_text(text, markdown=markdown), to="es", engine=engine, cache=False
    )
    assert len(result.units) == 4  # the title and three sentences: no split after "www."
    assert not any(url in sent for url in PLAIN_URLS for sent in spy.sent)
    assert [url in unit.target for unit in result.units[1:] for url in PLAIN_URLS] == [
        True, False, False, False, True, False, False, False, True,
    ]  # fmt: skip
    assert "3,5\xa0%" in result.units[3].target
    assert result.findings == ()
