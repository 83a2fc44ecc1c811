"""The service takes targets as people type them, like the CLI: ``/translate``'s source and
target, ``/v1/*``'s target and locales (real engines: Apertium es, the kit's zh)."""

from __future__ import annotations

import pytest

from tests.serve.conftest import API_KEY, Server

KEY = {"X-API-Key": API_KEY}
TEXT = "It was worth 380 billion yuan."


@pytest.mark.parametrize(
    ("target", "money"),
    [("es", "380.000 millones de yuanes"), ("ES", "380.000 millones de yuanes"),
     ("es-ES", "380.000 millones de yuanes"), ("es_ES", "380.000 millones de yuanes"),
     ("zh", "3800亿元"), ("zh-Hans", "3800亿元"), ("zh_Hans", "3800亿元"),
     ("zh-CN", "3800亿元"), ("ZH_cn", "3800亿元")],
)  # fmt: skip
def test_translate_takes_every_spelling_of_source_and_target(
    served: Server, target: str, money: str
) -> None:
    for source in ("en", "EN", "en-US", "en_GB"):
        body = {"q": TEXT, "source": source, "target": target, "api_key": API_KEY}
        status, answer = served.post_json("translate", body)
        assert status == 200, answer
        assert money in answer["translatedText"]


@pytest.mark.parametrize(
    ("target", "pair"),
    [("zh-Hant", "en->zt"), ("zh_Hant", "en->zt"), ("zh_Hant_TW", "en->zt"), ("pt-BR", "en->pb")],
)
def test_a_target_without_an_engine_names_the_pair_in_the_engines_codes(
    served: Server, target: str, pair: str
) -> None:
    body = {"q": TEXT, "source": "en", "target": target, "api_key": API_KEY}
    status, answer = served.post_json("translate", body)
    assert status == 400 and f"no installed model translates {pair}" in answer["error"]
    status, answer = served.post_json("v1/translate", {"text": TEXT, "target": target}, **KEY)
    assert status == 400 and f"no installed model translates {pair}" in answer["error"]


@pytest.mark.parametrize(
    ("target", "locale"),
    [("es-ES", "es_ES"), ("es", "es_ES"), ("es-419", "es_419"), ("zh-Hans", "zh_CN")],
)
def test_v1_translate_takes_every_spelling(served: Server, target: str, locale: str) -> None:
    body = {"text": TEXT, "target": target, "source": "en-US"}
    status, answer = served.post_json("v1/translate", body, **KEY)
    assert status == 200, answer
    assert answer["translations"][0]["qa"]["locale"] == locale


def test_v1_figures_bulletin_and_summarize_take_every_spelling(served: Server) -> None:
    body = {"text": f"# Chips\n\n{TEXT}\n", "locales": ["es", "zh-Hans", "zh_Hant_TW", "JA"]}
    status, figures = served.post_json("v1/figures", body, **KEY)
    assert status == 200, figures
    assert figures["figures"][0]["renderings"] == {
        "es": "380.000 millones de yuanes", "zh-Hans": "3800亿元",
        "zh_Hant_TW": "3800億元人民幣", "JA": "3800億元",
    }  # fmt: skip
    body = {"text": f"# Chips\n\n{TEXT}\n", "locales": ["es-ES", "ES_es", "zh-Hans"]}
    status, bulletin = served.post_json("v1/bulletin", body, **KEY)
    assert status == 200, bulletin
    assert set(bulletin["bundles"]) == {"en", "es_ES", "zh_Hans"}  # as build names its folders
    assert any("3800亿元" in u["target"] for u in bulletin["bundles"]["zh_Hans"]["units"])
    status, summary = served.post_json("v1/summarize", {"text": TEXT, "source": "en-GB"}, **KEY)
    assert status == 200 and summary["lang"] == "en", summary


@pytest.mark.parametrize("field", ["target", "source"])
def test_translate_quotes_an_unknown_code_as_typed_with_the_cli_s_close_matches(
    served: Server, field: str
) -> None:
    body = {"q": TEXT, "source": "en", "target": "es", field: "es_XX", "api_key": API_KEY}
    assert served.post_json("translate", body) == (
        400,
        {
            "error": "es_XX is not supported: unknown locale 'es_XX'; did you mean es_ES, es_MX, sv_AX?"
        },
    )


def test_translate_quotes_a_target_without_an_engine_as_typed(served: Server) -> None:
    body = {"q": TEXT, "source": "auto", "target": "DE-de", "api_key": API_KEY}
    assert served.post_json("translate", body) == (400, {"error": "DE-de is not supported"})
    body = {**body, "source": "EN"}
    assert served.post_json("translate", body) == (
        400,
        {"error": "DE-de is not supported: no installed model translates en->de"},
    )


@pytest.mark.parametrize(
    ("path", "extra"), [("v1/summarize", {}), ("v1/figures", {"locales": ["es"]})]
)
def test_v1_checks_the_article_s_language_as_the_cli_does(
    served: Server, path: str, extra: dict[str, list[str]]
) -> None:
    body = {"text": TEXT, "source": "english", **extra}
    assert served.post_json(path, body, **KEY) == (
        400,
        {"error": "unknown locale 'english'; did you mean en?"},
    )


def test_v1_unknown_locales_are_400_with_close_matches(served: Server) -> None:
    for path in ("v1/figures", "v1/bulletin"):
        status, answer = served.post_json(path, {"text": TEXT, "locales": ["es_XX"]}, **KEY)
        assert status == 400 and "unknown locale 'es_XX'; did you mean es_ES" in answer["error"]
