"""The writers' input model: directions, joining, review state, text cleaning."""

from __future__ import annotations

from confl10n.bundle.bulletin import Alignment, BulletinUnit, printable
from confl10n.text.inline import AlignedWord
from tests.bulletin_samples import make_bulletin


def test_sentences_join_without_spaces_in_chinese_and_with_spaces_elsewhere() -> None:
    zh, ar = make_bulletin("zh_CN"), make_bulletin("ar_EG")
    assert (
        zh.join(zh.sections[0].summary)
        == "12月19日，2024中国报业人工智能应用大会在上海开幕。目前，全球10.2%的媒体机构已将人工智能融入生产。"
    )
    assert ar.join(ar.sections[2].summary).count(" ") > 3
    assert ar.separator == " "


def test_unit_text_falls_back_to_the_source() -> None:
    assert BulletinUnit("s1.p1.t1", "Hello.", "", "missing").text == "Hello."
    assert BulletinUnit("s1.p1.t1", "Hello.", "Bonjour.").text == "Bonjour."


def test_an_alignment_holds_only_for_the_texts_it_was_computed_on() -> None:
    source, target = "The great house is great.", "The new house is new."
    words = (AlignedWord((17, 20), (19, 24)),)
    unit = BulletinUnit("s1.p1.t1", source, target, alignment=Alignment(source, target, words))
    assert unit.aligned(source, target) == words
    assert unit.aligned(source, "The new house is new") == ()  # shown otherwise: cut, cleaned
    assert unit.aligned("The great house", target) == ()
    assert BulletinUnit("s1.p1.t1", source, target).aligned(source, target) == ()


def test_needs_review_only_with_machine_translations() -> None:
    assert make_bulletin("zh_CN").needs_review
    assert not make_bulletin("en").needs_review


def test_bcp47_and_language() -> None:
    bulletin = make_bulletin("zh_CN")
    assert (bulletin.bcp47, bulletin.language) == ("zh-CN", "zh")


def test_printable_drops_controls_but_keeps_spacing() -> None:
    text = "1\u202f926\u00a0€\tok\nnext\x0b\x00\x7f"
    assert printable(text) == "1\u202f926\u00a0€\tok\nnext"
    assert printable("bad \ud800 half") == "bad \ufffd half"
