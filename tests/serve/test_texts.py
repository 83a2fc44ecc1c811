"""Request texts into one article and back: layout, HTML markup and order kept."""

from __future__ import annotations

import pytest

from confl10n.serve.texts import plain_batch


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


@pytest.mark.parametrize("target", ["zh", "zh_TW", "zt", "ja", "th", "my", "km", "lo"])
def test_sentences_join_without_spaces_for_unspaced_languages_but_lines_stay(target: str) -> None:
    batch = plain_batch(["One. Two.\nThree."], "en")
    units = {u.id: f"〈{u.text}〉" for u in batch.article.units()}
    assert batch.reassemble(units, target=target) == ["〈One.〉〈Two.〉\n〈Three.〉"]


@pytest.mark.parametrize("target", ["es", "ko", "ar", "de_DE"])
def test_sentences_keep_their_spaces_for_spaced_languages(target: str) -> None:
    batch = plain_batch(["One. Two."], "en")
    units = {u.id: f"〈{u.text}〉" for u in batch.article.units()}
    assert batch.reassemble(units, target=target) == ["〈One.〉 〈Two.〉"]


def test_a_text_without_letters_or_digits_is_kept_as_it_is() -> None:
    batch = plain_batch(["...", "  "], "en")
    assert batch.places == () and batch.article.sections == ()
    assert batch.reassemble({}, target="zh") == ["...", "  "]


def test_weblate_placeables_are_verbatim_spans() -> None:
    batch = plain_batch(["Click [X6X] to save [X12X] files.", "No [X] or [XaX] here."], "en")
    units = list(batch.article.units())
    spans = [[(s.kind, u.text[s.start : s.end]) for s in u.spans] for u in units]
    assert spans == [[("code", "[X6X]"), ("code", "[X12X]")], []]
