"""article.xlf: read back by Translate Toolkit, edited, and re-imported."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from translate.storage import xliff as ttk_xliff

from confl10n.bundle.xliff import NS, ApprovedUnit, read_xliff_approved, render_xliff
from confl10n.errors import InputError
from tests.bulletin_samples import SOURCE, TARGETS, make_bulletin

Store = ttk_xliff.xlifffile[ttk_xliff.xliffunit]


def _store(locale: str = "zh_CN") -> Store:
    store: Store = Store.parsestring(render_xliff(make_bulletin(locale), slug="sample"))
    return store


def _by_id(store: Store) -> dict[str, ttk_xliff.xliffunit]:
    return {u.xmlelement.get("id"): u for u in store.getunits()}


def test_translate_toolkit_reads_one_unit_per_sentence_with_its_id() -> None:
    store = _store()
    units = store.getunits()
    assert [u.getid() for u in units] == [f"sample\x04{uid}" for uid in SOURCE]  # file + id
    assert [u.xmlelement.get("id") for u in units] == list(SOURCE)
    assert [u.xmlelement.get("resname") for u in units] == list(SOURCE)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "zh-CN")


def test_sources_and_targets_survive_escaping() -> None:
    units = _by_id(_store())
    assert units["s1.p1.t2"].source == SOURCE["s1.p1.t2"]
    assert units["s1.p1.t2"].target == TARGETS["zh_CN"]["s1.p1.t2"]
    assert (
        units["s3.p1.t2"].source == "*Monthly* rent ranges from 500 to 1,000 yuan."
    )  # \x0b dropped


def test_states_machine_translation_and_approved() -> None:
    units = _by_id(_store())
    mt = units["s1.p1.t1"].getlanguageNode(lang=None, index=1)
    assert (mt.get("state"), mt.get("state-qualifier")) == (
        "needs-review-translation",
        "mt-suggestion",
    )
    assert units["s1.p1.t1"].get_state_n() == ttk_xliff.xliffunit.S_NEEDS_REVIEW
    assert not units["s1.p1.t1"].isapproved()
    assert units["s2.h"].isapproved()


def test_findings_and_flags_are_notes() -> None:
    units = _by_id(_store("ar_EG"))
    notes = units["s3.p1.t2"].getnotes()
    assert "[number-changed] figure <1,000> rewritten; check the grouping & digits" in notes
    assert "flags: engine-empty" in notes
    assert units["s3.p1.t2"].target in (None, "")  # no translation, no <target>


def test_round_trip_through_translate_toolkit(tmp_path: Path) -> None:
    store = _store()
    edited = _by_id(store)["s2.p1.t1"]
    edited.settarget("上海人工智能产业规模已超过3800亿元。")
    edited.markapproved(True)
    path = tmp_path / "edited.xlf"
    path.write_bytes(bytes(store))
    approved = read_xliff_approved(path)
    assert [u.id for u in approved] == ["s2.h", "s2.p1.t1"]
    assert approved[1] == ApprovedUnit(
        "s2.p1.t1", SOURCE["s2.p1.t1"], "上海人工智能产业规模已超过3800亿元。", "en", "zh-CN"
    )


@pytest.mark.parametrize("state", ["translated", "signed-off", "final"])
def test_done_states_are_approved(tmp_path: Path, state: str) -> None:
    root = ET.fromstring(render_xliff(make_bulletin("zh_CN"), slug="sample"))
    target = root.find(f".//{{{NS}}}trans-unit[@id='s3.h']/{{{NS}}}target")
    assert target is not None
    target.set("state", state)
    path = tmp_path / "a.xlf"
    path.write_bytes(ET.tostring(root, encoding="utf-8"))
    assert [u.id for u in read_xliff_approved(path)] == ["s2.h", "s3.h"]


def test_untouched_export_yields_only_the_already_approved(tmp_path: Path) -> None:
    path = tmp_path / "article.xlf"
    path.write_bytes(render_xliff(make_bulletin("ar_EG"), slug="sample"))
    assert [(u.id, u.target_lang) for u in read_xliff_approved(path)] == [("s2.h", "ar-EG")]


def test_groups_and_missing_namespace_are_read(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlf"
    path.write_text(
        '<xliff version="1.2"><file source-language="en" target-language="de" original="x" datatype="plaintext"><body>'
        '<group id="g"><trans-unit id="s1.p1.t1"><source>Hi <g id="1">there</g></source>'
        '<target state="final">Hallo <g id="1">da</g></target></trans-unit></group>'
        '<trans-unit id="s1.p1.t2" approved="yes"><source>Empty</source><target> </target></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    assert read_xliff_approved(path) == [
        ApprovedUnit("s1.p1.t1", "Hi there", "Hallo da", "en", "de")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<xliff version='1.2'><file", "not well-formed"),
        (b"<html/>", "not an XLIFF 1.x file"),
        (
            b"<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>",
            "not an XLIFF 1.x file",
        ),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"/>', "DTD"),
        (
            b'<xliff version="1.2"><file source-language="en"><body><trans-unit id="a">'
            b'<source>a</source><target state="final">b</target></trans-unit></body></file>'
            b"</xliff>",
            "without a target language",
        ),
    ],
)
def test_bad_files_are_input_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_xliff_approved(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.xlf: no such file$"):
        read_xliff_approved(tmp_path / "nope.xlf")


def test_a_folder_is_an_input_error_said_as_for_articles(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlf"
    folder.mkdir()
    with pytest.raises(InputError, match=r"folder\.xlf: is a directory$"):
        read_xliff_approved(folder)


ENTITY_XLIFF = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE xliff [<!ENTITY pwned "Injected title">]>\n'
    '<xliff version="1.2"><file source-language="en" target-language="de" original="x" '
    'datatype="plaintext"><body><trans-unit id="s1.h"><source>Title</source>'
    '<target state="final">&pwned;</target></trans-unit></body></file></xliff>'
)


@pytest.mark.parametrize(
    "data",
    [
        ENTITY_XLIFF.format(encoding="utf-16").encode("utf-16"),  # with a BOM
        ENTITY_XLIFF.format(encoding="UTF-16BE").encode("utf-16-be"),
        ENTITY_XLIFF.format(encoding="utf-8").encode("utf-8"),
        ENTITY_XLIFF.format(encoding="iso-8859-1")
        .replace('[<!ENTITY pwned "Injected title">]', 'SYSTEM "file:///etc/passwd"')
        .encode("latin-1"),
    ],
    ids=["utf16-bom", "utf16be-declared", "utf8", "latin1-external-dtd"],
)
def test_a_dtd_is_refused_by_the_parser_in_any_encoding(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "reviewed.xlf"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"reviewed\.xlf: XLIFF with a DTD or entities is not"):
        read_xliff_approved(path)


def test_the_same_file_without_its_dtd_is_read_in_utf16(tmp_path: Path) -> None:
    text = ENTITY_XLIFF.format(encoding="utf-16").replace(
        '<!DOCTYPE xliff [<!ENTITY pwned "Injected title">]>\n', ""
    )
    path = tmp_path / "reviewed.xlf"
    path.write_bytes(text.replace("&pwned;", "Titel").encode("utf-16"))
    assert read_xliff_approved(path) == [ApprovedUnit("s1.h", "Title", "Titel", "en", "de")]


def _labelled(state: str) -> bytes:
    from dataclasses import replace

    from confl10n.bundle.bulletin import BulletinFigure

    bulletin = make_bulletin("zh_CN")
    rent = BulletinFigure(
        "s3.p1.t2", "500 to 1,000 yuan", "500至1000元", "money", label="每张床位的月租",
        source_label="Rent for a bed, a month", label_source="subject",
        label_id="s3.p1.t2.f1", label_state=state,  # type: ignore[arg-type]
    )  # fmt: skip
    same = replace(rent, sentence_id="s3.p1.t3", label_id="s3.p1.t3.f1")  # one label, one unit
    return render_xliff(replace(bulletin, figures=(rent, same)), slug="sample")


def test_each_key_figure_label_is_a_unit_marked_as_a_label() -> None:
    units = _by_id(ttk_xliff.xlifffile.parsestring(_labelled("mt")))
    label = units["s3.p1.t2.f1"]
    assert "s3.p1.t3.f1" not in units
    assert (label.source, label.target) == ("Rent for a bed, a month", "每张床位的月租")
    assert label.xmlelement.get("restype") == "x-key-figure-label"
    assert label.xmlelement.get("resname") == "s3.p1.t2.f1"
    assert not label.isapproved()
    assert "key figure label: 500 to 1,000 yuan" in label.getnotes()
    assert units["s1.p1.t1"].xmlelement.get("restype") is None


def test_an_approved_label_is_read_back_as_approved(tmp_path: Path) -> None:
    path = tmp_path / "article.xlf"
    path.write_bytes(_labelled("approved"))
    approved = [u for u in read_xliff_approved(path) if u.id == "s3.p1.t2.f1"]
    assert approved == [
        ApprovedUnit("s3.p1.t2.f1", "Rent for a bed, a month", "每张床位的月租", "en", "zh-CN")
    ]
