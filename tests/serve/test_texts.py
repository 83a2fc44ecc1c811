"""Request texts into one article and back: layout, HTML markup and order kept."""

from __future__ import annotations

from confl10n.serve.texts import clean, plain_batch


def upper(batch_ids: dict[str, str]) -> dict[str, str]:
    return {unit_id: text.upper() for unit_id, text in batch_ids.items()}


def test_every_sentence_goes_back_where_it_came_from() -> None:
    texts = ["First one. Second one.\n\n  Indented line.", "", "Other text!"]
    batch = plain_batch(texts, "en")
    units = {u.id: u.text for u in batch.article.units()}
    assert list(units.values()) == ["First one.", "Second one.", "Indented line.", "Other text!"]
    assert batch.reassemble(upper(units), target="es") == [
        "FIRST ONE. SECOND ONE.\n\n  INDENTED LINE.", "", "OTHER TEXT!"
    ]  # fmt: skip


def test_sentences_join_without_spaces_for_chinese_but_lines_stay() -> None:
    batch = plain_batch(["One. Two.\nThree."], "en")
    units = {u.id: f"〈{u.text}〉" for u in batch.article.units()}
    assert batch.reassemble(units, target="zh") == ["〈One.〉〈Two.〉\n〈Three.〉"]


def test_a_text_without_letters_or_digits_is_kept_as_it_is() -> None:
    batch = plain_batch(["...", "  "], "en")
    assert batch.places == () and batch.article.sections == ()
    assert batch.reassemble({}, target="zh") == ["...", "  "]


def test_clean_makes_newlines_plain_and_drops_control_characters() -> None:
    assert clean("a\r\nb\rc\u2028d\x00e\x1bf\tg\x85h") == "a\nb\nc\nde" + "f\tg\nh"
