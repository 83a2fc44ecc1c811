"""LibreTranslate's request fields, read without a server."""

from __future__ import annotations

from confl10n.serve.libre import as_typed, translate_request


def test_source_and_target_keep_the_user_s_spelling() -> None:
    asked = translate_request({"q": "Hi.", "source": " EN-us ", "target": "es_XX"}, 100)
    assert (asked.source, asked.target) == ("EN-us", "es_XX")


def test_auto_is_auto_in_any_case() -> None:
    assert [as_typed(code) for code in ("auto", " AUTO ", "Auto")] == ["auto"] * 3
