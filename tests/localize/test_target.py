"""``locale_target``: every spelling people type, resolved once into tag, locale, engine
language and newsroom style."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.errors import InvalidOptionError
from confl10n.localize.formatting import load_style
from confl10n.localize.target import LocaleTarget, article_language, locale_target


@pytest.mark.parametrize(
    ("typed", "tag", "locale", "language", "style"),
    [
        ("es", "es", "es_ES", "es", "es_ES"),
        ("ES", "es", "es_ES", "es", "es_ES"),
        ("es_ES", "es_ES", "es_ES", "es", "es_ES"),
        ("es-ES", "es_ES", "es_ES", "es", "es_ES"),
        ("es-es", "es_ES", "es_ES", "es", "es_ES"),
        (" es_ES ", "es_ES", "es_ES", "es", "es_ES"),
        ("es_ES.UTF-8", "es_ES", "es_ES", "es", "es_ES"),
        ("de_DE.utf8", "de_DE", "de_DE", "de", "de_DE"),
        ("es-419", "es_419", "es_419", "es", None),
        ("es_MX", "es_MX", "es_MX", "es", None),
        ("zh", "zh", "zh_CN", "zh", "zh_CN"),
        ("zh_CN", "zh_CN", "zh_CN", "zh", "zh_CN"),
        ("ZH-cn", "zh_CN", "zh_CN", "zh", "zh_CN"),
        ("zh-Hans", "zh_Hans", "zh_CN", "zh", "zh_CN"),
        ("zh_hans", "zh_Hans", "zh_CN", "zh", "zh_CN"),
        ("zh-Hant", "zh_Hant", "zh_TW", "zt", "zh_TW"),
        ("zh_Hant_TW", "zh_Hant_TW", "zh_TW", "zt", "zh_TW"),
        ("zh-hant-hk", "zh_Hant_HK", "zh_HK", "zt", None),
        ("zh_TW", "zh_TW", "zh_TW", "zt", "zh_TW"),
        ("zt", "zh_TW", "zh_TW", "zt", "zh_TW"),
        ("pt-BR", "pt_BR", "pt_BR", "pb", None),
        ("pt_PT", "pt_PT", "pt_PT", "pt", None),
        ("pt", "pt", "pt_BR", "pt", None),
        ("ja", "ja", "ja_JP", "ja", "ja_JP"),
        ("de", "de", "de_DE", "de", "de_DE"),
        ("ar", "ar", "ar_EG", "ar", "ar_EG"),
        ("sr_Latn_RS", "sr_Latn_RS", "sr_Latn_RS", "sr", None),
    ],
)
def test_every_spelling_resolves_once(
    typed: str, tag: str, locale: str, language: str, style: str | None
) -> None:
    target = locale_target(typed)
    assert (target.tag, target.locale, target.language, target.style_from) == (
        tag, locale, language, style,
    )  # fmt: skip
    assert target.typed == typed.strip()
    assert target.style == load_style(locale)
    again = locale_target(target.tag)
    assert again == LocaleTarget(tag, tag, locale, language, style, how=target.how)


def test_a_bare_language_says_which_locale_and_style_it_took() -> None:
    assert locale_target("es").how == "es -> es_ES (CLDR likely subtags): newsroom style es_ES"
    assert locale_target("es_ES").how == "es_ES: newsroom style es_ES"
    assert locale_target("es-419").how == "es_419: no newsroom style file: CLDR's own forms"
    assert locale_target("ZH-hant").how == (
        "zh_Hant -> zh_TW (CLDR likely subtags): newsroom style zh_TW"
    )
    assert locale_target("zh_Hant_TW").how == "zh_Hant_TW -> zh_TW (CLDR): newsroom style zh_TW"
    assert locale_target("zh", locale="zh-TW").how == (
        "zh -> zh_TW (locale chosen): newsroom style zh_TW"
    )


def test_a_bare_language_has_its_default_locales_style() -> None:
    for language, locale in [("es", "es_ES"), ("zh", "zh_CN"), ("ja", "ja_JP"), ("de", "de_DE")]:
        assert load_style(language) == load_style(locale) != {}


def test_another_locale_of_the_language_writes_the_figures() -> None:
    target = locale_target("zh", locale="zh-TW")
    assert (target.tag, target.locale, target.language, target.style_from) == (
        "zh", "zh_TW", "zh", "zh_TW",
    )  # fmt: skip
    with pytest.raises(InvalidOptionError, match="locale 'ja' is not one of language 'zh'"):
        locale_target("zh", locale="ja")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("es_XX", "unknown locale 'es_XX'; did you mean es_ES, "),
        ("zh_XX", "unknown locale 'zh_XX'; did you mean zh_CN, "),
        ("xx", "unknown locale 'xx'; write a language (es), a locale (es_ES, es-419)"),
        ("klingon", "unknown locale 'klingon'; write a language (es)"),
        ("english", "unknown locale 'english'; did you mean en?"),
        ("Chinese", "unknown locale 'Chinese'; did you mean zh?"),
        ("", "unknown locale ''; write a language (es)"),
        ("zh/../../etc", "unknown locale 'zh/../../etc'; write a language (es)"),
        ("es\x1b[2J", "unknown locale 'es\\x1b[2J'; write a language (es)"),
    ],
)
def test_unknown_codes_are_one_line_with_close_matches(typed: str, message: str) -> None:
    with pytest.raises(InvalidOptionError) as caught:
        locale_target(typed)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    assert caught.value.exit_code == 64


@pytest.mark.parametrize("typed", ["en", "EN", "en_US", "en-gb", "zh-Hant", "pt-BR", "zt", None])
def test_an_article_language_is_taken_as_given_in_any_spelling_a_target_takes(
    typed: str | None,
) -> None:
    assert article_language(typed) == typed


@pytest.mark.parametrize(
    ("typed", "message"),
    [("english", "unknown locale 'english'; did you mean en?"),
     ("es_XX", "unknown locale 'es_XX'; did you mean es_ES, es_MX, sv_AX?"),
     ("xx", "unknown locale 'xx'; write a language (es)")],
)  # fmt: skip
def test_an_article_language_is_refused_as_a_target_would_be(typed: str, message: str) -> None:
    with pytest.raises(InvalidOptionError) as caught:
        article_language(typed)
    assert str(caught.value).startswith(message)


def test_a_style_dir_is_where_the_style_comes_from(tmp_path: Path) -> None:
    (tmp_path / "es_ES").mkdir()
    (tmp_path / "es_ES" / "style.toml").write_text("[numbers]\ncompact_from = 1000\n")
    target = locale_target("ES", style_dir=tmp_path)
    assert (target.style_from, target.style, target.style_dir) == (
        "es_ES", {"numbers": {"compact_from": 1000}}, tmp_path,
    )  # fmt: skip
    assert (
        isinstance(target, LocaleTarget) and locale_target("es-419", style_dir=tmp_path).style == {}
    )
    with pytest.raises(InvalidOptionError, match="does not exist"):
        locale_target("es", style_dir=tmp_path / "missing")
