"""Issue 13: figures survive real copy — through protect/restore, QA, the guard and a real engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from confl10n.figures.protect import protect, restore, restyle
from confl10n.figures.qa import check_translation
from confl10n.quantities.find import find_labels, find_quantities
from confl10n.text.reader import parse_text
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.article import translate_article
from confl10n.translate.guard import is_degenerate

REF = date(2024, 12, 20)


def _masked(text: str) -> tuple[str, list]:  # type: ignore[type-arg]
    return protect(text, find_quantities(text, reference_date=REF))


@pytest.mark.parametrize(
    ("source", "engine_output", "expected"),
    [
        # case 10: the text's own brackets come back, however the engine wraps the token
        ("Aid (about $5 million) came.", "Ayuda (sobre ⟦Q1⟧) llegó.",
         "Ayuda (sobre 5 millones de dólares) llegó."),
        ("It opened (January 2024).", "Abrió (⟦Q1⟧).", "Abrió (enero de 2024)."),
        ("See [August 2024](url).", "Ver [⟦Q1⟧](url).", "Ver [agosto de 2024](url)."),
        ("It opened (January 2024).", "Abrió (Q1).", "Abrió (enero de 2024)."),
        ("Aid (about $5 million) came.", "Ayuda (sobre [[Q1]]) llegó.",
         "Ayuda (sobre 5 millones de dólares) llegó."),
        ("Costs ($4-5 billion) rose.", "Costes (【Q1】) subieron.",
         "Costes (4000–5000 millones de dólares) subieron."),
    ],
)  # fmt: skip
def test_brackets_around_a_figure_come_back(source: str, engine_output: str, expected: str) -> None:
    _, slots = _masked(source)
    assert restore(engine_output, slots, "es_ES") == expected


def test_untranslated_arabic_digits_are_no_figure_and_keep_their_characters() -> None:
    text = "He wrote ٣٨٠ in the note."
    assert find_quantities(text) == []
    masked, slots = _masked(text)
    assert (masked, slots) == (text, [])


@pytest.mark.parametrize(
    ("text", "labels"),
    [("The 8(a) programme and 8(b)(2) rules", ["8(a)", "8(b)(2)"]),
     ("The M2-M1 chip and the A17/B12 pair", ["M2-M1", "A17/B12"]),
     ("It rose 8% (a record)", [])],
)  # fmt: skip
def test_labels_are_found_to_be_kept_as_written(text: str, labels: list[str]) -> None:
    assert [q.text for q in find_labels(text)] == labels
    assert not any(q.text in labels for q in find_quantities(text))


def test_restyle_keeps_the_sign_of_a_copied_negative_figure() -> None:
    # case 2: "-0.4 percentage points" copied by the engine became "-0.4" in Spanish
    found = find_quantities("It changed -0.4 percentage points.")
    out = restyle("Cambió -0.4 percentage points.", found, "es_ES")
    assert out == "Cambió -0,4 puntos porcentuales."


@pytest.mark.parametrize(
    ("source", "translation", "locale", "problem"),
    [
        ("Revenue could reach $4 to $5 billion.", "Los ingresos llegarían a 4 dólares.", "es_ES",
         "wrong_scale"),
        ("It raised $101.3 million.", "筹集了101.3美元。", "zh_CN", "wrong_scale"),
        ("Prices fell ‑1.4% last month.", "Los precios cayeron 1,4 % el mes pasado.", "es_ES",
         "lost_sign"),
        ("Output changed −0.4 percentage points.", "Die Produktion änderte sich um 0,4 "
         "Prozentpunkte.", "de_DE", "lost_sign"),
        ("The road is 36 kilometers long.", "La carretera tiene 36 de largo.", "es_ES", "lost_unit"),
        ("Inflation hit 5%.", "通胀达到5。", "zh_CN", "lost_unit"),
        ("Prices fell -1.4% last month.", "انخفضت الأسعار ١٫٤٪ الشهر الماضي.", "ar_EG",
         "lost_sign"),
        ("Polls close at 8 p.m. on Friday.", "Las urnas cierran en 8 p.m. el viernes.", "es_ES",
         "english_style"),
    ],
)  # fmt: skip
def test_qa_flags_scale_sign_and_unit(
    source: str, translation: str, locale: str, problem: str
) -> None:
    findings = check_translation(source, translation, locale, reference_date=REF)
    assert [f.problem for f in findings] == [problem], findings


@pytest.mark.parametrize(
    ("source", "translation", "locale"),
    [
        ("It cost 0.0 dollars.", "Costó 0,0 dólares.", "es_ES"),
        ("Growth was 0.0% in May.", "El crecimiento fue 0,0 % en mayo.", "es_ES"),
        ("Growth was 0.0%.", "Das Wachstum betrug 0,0 %.", "de_DE"),
        ("Polls close at 8 p.m. on Friday.", "Las urnas cierran a las 20:00 el viernes.", "es_ES"),
        ("Polls close at 8 p.m. on Friday.", "投票于周五20时结束。", "zh_CN"),
        ("FY 2020 was bad.", "El ejercicio 2020 fue malo.", "es_ES"),
        ("Sales rose in 2022-2023.", "Las ventas subieron en 2022–2023.", "es_ES"),
        ("It happened in September and October 2024.", "Ocurrió en septiembre y octubre de 2024.",
         "es_ES"),
        ("It raised $101.3 million.", "1億130万ドルを調達した。", "ja_JP"),
        ("Costs were $4-5 billion.", "成本为40至50亿美元。", "zh_CN"),
        ("About a third of them left.", "Alrededor de 1/3 se fue.", "es_ES"),
        ("Prices fell -1.4% last month.", "انخفضت الأسعار \u061c-١٫٤٪\u061c الشهر الماضي.",
         "ar_EG"),
        ("Polls close at 8 p.m. on Friday.", "Die Wahllokale schließen am Freitag um 20 Uhr.",
         "de_DE"),
    ],
)  # fmt: skip
def test_qa_finds_nothing_in_a_right_translation(
    source: str, translation: str, locale: str
) -> None:
    assert check_translation(source, translation, locale, reference_date=REF) == []


@pytest.mark.parametrize(
    ("source", "target", "degenerate"),
    [
        ("They enrolled.", "matriculados matriculados matriculados", True),
        ("Students enrolled in 2024.", "Estudiantes matriculados, matriculados, matriculados.", True),
        ("It was built.", "Es ist ist ist gebaut.", True),
        ("No, no, no, he said.", "No, no, no, dijo.", False),
        ("It rose very sharply.", "Subió muy muy bruscamente.", False),
    ],
)  # fmt: skip
def test_guard_flags_a_word_three_times_in_a_row(
    source: str, target: str, degenerate: bool
) -> None:
    assert is_degenerate(source, target) is degenerate


ARTICLE = """---
date: 2024-12-20
---
# Budget

Revenue could reach $4 to $5 billion (about $5 million more than planned).

Polls close at 8 p.m. on Friday. Prices fell ‑1.4% in October.

It is a 30-year loan, and sales grew 2.5x in 2022-2023.

On the afternoon of the 19th the 8(a) programme opened in August.
"""


def test_apertium_real_copy_comes_back_in_spanish_style(tmp_path: Path, apertium_bin: str) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    result = translate_article(parse_text(ARTICLE), to="es", engine=engine, cache=False)
    text = " ".join(u.target for u in result.units)
    for figure in ("4000–5000 millones de dólares", "(sobre 5 millones de dólares", "20:00",
                   "-1,4\xa0%", "octubre", "30 años", "2,5 veces", "2022–2023", "del 19 ",
                   "8(a)", "agosto"):  # fmt: skip
        assert figure in text, text
    assert "previstos)." in text and "en August" not in text
    assert result.findings == (), result.findings
