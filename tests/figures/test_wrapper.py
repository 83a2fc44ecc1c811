"""Figures through translation (figures/wrapper.py) with the real engines.

The kit's Argos model copies its input (placeholders included: the kit
tokenizer knows ``⟦`` and ``⟧``), so whatever changed in a figure was done by
confl10n, not by the model; Apertium is the real Debian engine (en->es).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from confl10n import TranslateOptions
from confl10n.errors import InvalidOptionError
from confl10n.figures.protect import PLACEHOLDER, placeholder_problems, protect, worth_protecting
from confl10n.figures.wrapper import UNPROTECTED, QuantityWrapper, target_locale
from confl10n.quantities.find import find_quantities
from confl10n.text.reader import parse_text, read_article
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.article import translate_article
from confl10n.translate.cache import TranslationCache
from tests import argos_kit

# Sentences of the sample article (source/article.md) with the figures issue 6 names.
SAMPLE = {
    "s1.p1.t1": "Media professionals from all over the country converged on Shanghai on "
    "December 19, when the 2024 China Newspaper Media Industry Artificial Intelligence "
    "Application Conference got under way in the city.",
    "s1.p1.t2": "It finds that 10.2% of media organizations around the globe now have formal "
    "mechanisms, while another 41% are actively experimenting with the technology.",
    "s1.p1.t3": "With its AI industry already worth more than 380 billion yuan, Shanghai is "
    "pushing to become a science and technology innovation center with global reach.",
    "s1.p1.t4": "By the end of 2023 there were 1,926 community elderly meal assistance "
    "locations across the city, 346 of which were community senior dining halls.",
}
ARTICLE = "---\ndate: 2024-12-20\n---\n" + " ".join(SAMPLE.values()) + "\n"


class Spy:
    """Records what reaches a real engine's translate_batch, then calls it."""

    def __init__(
        self, engine: ArgosEngine | ApertiumEngine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.calls: list[list[str]] = []
        self._original = engine.translate_batch
        monkeypatch.setattr(engine, "translate_batch", self)

    def __call__(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(sentences))
        return list(self._original(sentences, source, target))


# --- the target locale ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "locale", "expected"),
    [("zh", None, "zh_CN"), ("es", None, "es_ES"), ("zt", None, "zh_TW"), ("pb", None, "pt_BR"),
     ("zh", "zh-TW", "zh_TW"), ("zt", "zh_HK", "zh_HK"), ("ja", None, "ja_JP")],
)  # fmt: skip
def test_target_locale_is_the_usual_one_or_the_one_given(
    language: str, locale: str | None, expected: str
) -> None:
    assert target_locale(language, locale) == expected


def test_a_locale_of_another_language_or_an_unknown_one_is_refused() -> None:
    with pytest.raises(InvalidOptionError, match="locale 'de_DE' is not one of language 'zh'"):
        target_locale("zh", "de_DE")
    with pytest.raises(InvalidOptionError, match="did you mean zh_CN"):
        target_locale("zh", "zh_XX")


# --- the wrapper on its own -------------------------------------------------------------


def wrapper(
    locale: str = "zh_CN", *, reference_date: date | None = None, style_dir: Path | None = None
) -> QuantityWrapper:
    language = locale.split("_")[0]
    return QuantityWrapper(
        language=language, locale=locale, reference_date=reference_date, style_dir=style_dir
    )


def test_before_masks_what_is_worth_protecting_and_after_restores_it_in_target_style() -> None:
    guard = wrapper(reference_date=date(2024, 12, 20))
    text = SAMPLE["s1.p1.t3"]
    masked = guard.before(text, source="en", target="zh")
    assert masked.startswith("With its AI industry already worth more than ⟦Q1⟧, Shanghai")
    translated = masked.replace("With its AI", "其AI")
    done = guard.after(text, translated, source="en", target="zh")
    assert done is not None
    assert done[0].startswith("其AI industry already worth more than 3800亿元, Shanghai")
    assert done[1] == ()


def test_after_gives_up_on_a_damaged_placeholder_and_unwrapped_restyles_and_flags() -> None:
    guard = wrapper("es_ES")
    text = SAMPLE["s1.p1.t4"]
    masked = guard.before(text, source="en", target="es")
    assert "⟦Q1⟧" in masked
    assert guard.after(text, masked.replace("⟦Q1⟧", "Q1"), source="en", target="es") is None
    copied = "Al final de 2023 había 1,926 lugares, 346 de ellos comedores."
    assert guard.unwrapped(text, copied, source="en", target="es") == (
        "Al final de 2023 había 1926 lugares, 346 de ellos comedores.",
        (UNPROTECTED,),
    )


def test_a_step_out_of_another_language_passes_through() -> None:
    guard = wrapper()
    text = "Der Umsatz stieg um 10.2%."
    assert guard.before(text, source="de", target="en") == text
    assert guard.after(text, "Sales rose 10.2%.", source="de", target="en") == (
        "Sales rose 10.2%.",
        (),
    )


def test_a_pivot_step_renders_in_its_own_languages_usual_locale() -> None:
    guard = wrapper("zh_TW")
    text = "Sales rose 10.2% in 2023."
    masked = guard.before(text, source="en", target="de")
    assert guard.after(text, masked, source="en", target="de") == (
        "Sales rose 10,2\xa0% in 2023.",
        (),
    )


def test_the_name_says_locale_date_and_style_so_cache_keys_change_with_them(
    tmp_path: Path,
) -> None:
    dated = wrapper(reference_date=date(2024, 12, 20))
    assert dated.name.startswith("quantities/3 zh_CN 2024-12-20 style:")
    assert wrapper().name.startswith("quantities/3 zh_CN undated style:")
    assert wrapper("zh_TW").name != wrapper().name
    style = tmp_path / "styles" / "zh_CN"
    style.mkdir(parents=True)
    (style / "style.toml").write_text("[money]\nlarge_from = 1000\n", encoding="utf-8")
    assert wrapper(style_dir=tmp_path / "styles").name != wrapper().name


# --- Argos: the kit's copy model --------------------------------------------------------


def test_argos_copy_model_brings_figures_back_in_chinese_style(
    sample_path: Path, argos_engine: ArgosEngine
) -> None:
    article = read_article(sample_path)
    result = translate_article(article, to="zh", engine=argos_engine, cache=False)
    assert [u.id for u in result.units] == [u.id for u in article.units()]
    assert result.locale == "zh_CN"
    assert "more than 3800亿元, Shanghai" in result.unit("s2.p1.t1").target
    assert "finds that 10.2% of media" in result.unit("s1.p3.t2").target
    assert "Shanghai on 12月19日, when" in result.unit("s1.p1.t1").target
    assert "In 2023年9月, Shanghai" in result.unit("s2.p8.t3").target
    assert result.flagged == ()
    # What is left: small numbers in words, which the copy model leaves in English.
    assert {f.source for f in result.findings} <= {"19th", "three", "two", "seven",
                                                   "twenty-five", "five"}  # fmt: skip
    assert [wrapped for key, wrapped in result.provenance.options if key == "wrapper"] == [
        QuantityWrapper(language="zh", locale="zh_CN", reference_date=date(2024, 12, 20)).name
    ]


def test_without_protection_qa_reports_the_english_figures(
    sample_path: Path, argos_engine: ArgosEngine
) -> None:
    article = read_article(sample_path)
    result = translate_article(
        article,
        options=TranslateOptions(protect_numbers=False),
        to="zh",
        engine=argos_engine,
        cache=False,
    )
    assert all(u.target == u.source for u in result.units)
    problems = {(f.sentence_id, f.source): f.problem for f in result.findings}
    assert problems[("s2.p1.t1", "380 billion yuan")] == "wrong_scale"
    assert problems[("s1.p1.t1", "December 19")] == "missing"
    assert not any(key == "wrapper" for key, _ in result.provenance.options)


def test_a_model_that_drops_placeholders_falls_back_and_flags_the_unit(
    tmp_path: Path, argos_tokenizer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shape = argos_kit.ModelShape(output_bias={"⟦": -1000.0})  # can never write ⟦
    argos_kit.write_package(tmp_path / "packages", argos_tokenizer, shape=shape)
    engine = ArgosEngine(models_dir=tmp_path / "packages", threads=1)
    spy = Spy(engine, monkeypatch)
    result = translate_article(parse_text(ARTICLE), to="zh", engine=engine, cache=False)
    assert len(spy.calls) == 2
    assert sorted(spy.calls[1]) == sorted(SAMPLE.values())  # again, as they are
    assert all(u.flags == (UNPROTECTED,) for u in result.units)
    assert "more than 3800亿元, Shanghai" in result.unit("s1.p1.t3").target  # restyled copy
    assert "there were 1926 community" in result.unit("s1.p1.t4").target
    # The date the engine copied in English cannot be restyled: QA says so.
    assert [(f.sentence_id, f.problem) for f in result.findings] == [("s1.p1.t1", "missing")]


def test_qa_reports_a_corrupted_translation(tmp_path: Path, argos_engine: ArgosEngine) -> None:
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        cache.put_approved("en", "zh", SAMPLE["s1.p1.t3"], "上海AI产业规模已超过380亿元。")
        cache.put_approved(
            "en", "zh", SAMPLE["s1.p1.t2"], "全球10%的媒体机构已有正式机制，另有41%正在试验。"
        )
        result = translate_article(parse_text(ARTICLE), to="zh", engine=argos_engine, cache=cache)
    found = [(f.sentence_id, f.problem, f.source, f.target) for f in result.findings]
    assert found == [
        ("s1.p1.t2", "wrong_value", "10.2%", "10"),
        ("s1.p1.t3", "wrong_scale", "380 billion yuan", "380亿"),
    ]


def test_pivot_protects_the_step_out_of_english(
    tmp_path: Path, argos_tokenizer: Path, argos_packages_dir: Path
) -> None:
    argos_kit.write_package(argos_packages_dir, argos_tokenizer, from_code="de", to_code="en")
    article = parse_text(ARTICLE, lang="de")  # English words: the kit copies them through
    result = translate_article(
        article,
        options=TranslateOptions(
            settings=(ArgosSettings(models_dir=argos_packages_dir, threads=1),)
        ),
        to="zh",
        cache=tmp_path / "c.db",
    )
    assert result.provenance.path == ("de", "en", "zh")
    assert "more than 3800亿元, Shanghai" in result.unit("s1.p1.t3").target


# --- Apertium: the real engine, en->es --------------------------------------------------


def test_apertium_writes_figures_in_spanish_style_and_qa_finds_nothing(
    tmp_path: Path, apertium_bin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    spy = Spy(engine, monkeypatch)
    article = parse_text(ARTICLE)
    result = translate_article(article, to="es", engine=engine, cache=tmp_path / "c.db")
    assert [u.id for u in result.units] == [u.id for u in article.units()]
    text = " ".join(u.target for u in result.units)
    for figure in ("19 de diciembre", "10,2\xa0%", "41\xa0%", "1926", "380.000 millones de yuanes"):
        assert figure in text
    assert (result.locale, result.findings, result.flagged) == ("es_ES", (), ())
    assert len(spy.calls) == 1
    again = translate_article(article, to="es", engine=engine, cache=tmp_path / "c.db")
    assert len(spy.calls) == 1  # the re-run is all cache hits
    assert [u.target for u in again.units] == [u.target for u in result.units]
    assert {u.origin for u in again.units} == {"cache"}


def test_apertium_is_given_placeholders_plain_they_survive_and_read_better(
    sample_path: Path, apertium_bin: str
) -> None:
    """Why the pipeline does not use ApertiumEngine(verbatim=PLACEHOLDER).

    Both ways every placeholder of the sample survives, but in a superblank the
    placeholder is no word to Apertium, so "on ⟦Q1⟧" loses its object and
    becomes "encima" (on top of); as plain text it is an unknown word and
    "on" becomes "en". A damaged placeholder would still be caught (fallback).
    Measured with apertium-eng-spa 0.8.1.
    """
    article = read_article(sample_path)
    masked, slots = [], []
    for unit in article.units():
        found = find_quantities(unit.text, reference_date=article.published)
        text, unit_slots = protect(unit.text, [q for q in found if worth_protecting(q)])
        if unit_slots:
            masked.append(text)
            slots.append(unit_slots)
    plain = ApertiumEngine(apertium_bin=apertium_bin).translate_batch(masked, "en", "es")
    verbatim = ApertiumEngine(apertium_bin=apertium_bin, verbatim=PLACEHOLDER)
    shielded = verbatim.translate_batch(masked, "en", "es")
    assert len(masked) == 13  # issue 13: the day alone ("the 19th") is masked too
    for outputs in (plain, shielded):
        assert all(not placeholder_problems(o, s) for o, s in zip(outputs, slots, strict=True))
    assert sum("encima ⟦" in o for o in plain) == 0
    assert sum("encima ⟦" in o for o in shielded) == 4
    assert "Shanghai en ⟦Q1⟧, cuándo" in plain[0]


def test_apertium_sentences_opened_by_a_figure_start_upper_case(apertium_bin: str) -> None:
    text = (
        "T\n\nFY 2024 ended well.\n\nSeptember and October 2024 were busy.\n\n"
        "A third of staff left.\n\nStaff said a third of them left.\n"
    )
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    result = translate_article(parse_text(text), to="es", engine=engine, cache=False)
    assert [u.target.split(" ")[0] for u in result.units][1:] == [
        "Ejercicio", "Septiembre–octubre", "Un", "El",
    ]  # fmt: skip
    assert " un tercio " in result.units[-1].target
