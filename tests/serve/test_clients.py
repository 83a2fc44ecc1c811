"""The real LibreTranslate clients from PyPI against a real ``confl10n serve``.

deep-translator sends its fields as query parameters of a POST (and always an
api_key); libretranslatepy sends a form body. Both must get figures back in the
target locale's style: Spanish from Apertium (real), Chinese from the kit model
(which copies its input, so what changes is exactly what the server did).
"""

from __future__ import annotations

from urllib.error import HTTPError

import pytest
from deep_translator import LibreTranslator
from deep_translator.exceptions import AuthorizationException
from libretranslatepy import LibreTranslateAPI

from tests.serve.conftest import API_KEY, Server

MONEY = "With its AI industry already worth more than 380 billion yuan, Shanghai is pushing."
SHARE = "It finds that 10.2% of media organizations now have formal mechanisms."
COUNT = "By the end of 2023 there were 1,926 community elderly meal assistance locations."


def deep(server: Server, target: str, key: str = API_KEY) -> LibreTranslator:
    return LibreTranslator(source="en", target=target, api_key=key, custom_url=server.url)


def test_deep_translator_to_chinese_gets_chinese_figures(served: Server) -> None:
    translator = deep(served, "zh")
    assert "more than 3800亿元, Shanghai" in translator.translate(MONEY)
    assert translator.translate(SHARE).startswith("It finds that 10.2% of media")
    assert "there were 1926 community" in translator.translate(COUNT)


def test_deep_translator_to_spanish_gets_spanish_figures(served: Server) -> None:
    translator = deep(served, "es")
    assert "380.000 millones de yuanes" in translator.translate(MONEY)
    assert "10,2\xa0%" in translator.translate(SHARE)  # CLDR: no-break space before %
    spanish = translator.translate(COUNT)
    assert "1926" in spanish and "1,926" not in spanish  # Spanish style: no group in 4 digits
    assert "2023" in spanish


def test_deep_translator_batch_keeps_order(served: Server) -> None:
    done = deep(served, "zh").translate_batch([MONEY, COUNT, SHARE])
    assert [("3800亿元" in t, "1926" in t, "10.2%" in t) for t in done] == [
        (True, False, False), (False, True, False), (False, False, True)
    ]  # fmt: skip


def test_deep_translator_with_a_wrong_key_is_refused(served: Server) -> None:
    with pytest.raises(AuthorizationException):
        deep(served, "es", key="not-a-key").translate(MONEY)


def test_libretranslatepy_translates_detects_and_lists(served: Server) -> None:
    api = LibreTranslateAPI(served.url, api_key=API_KEY)
    assert "3800亿元" in api.translate(MONEY, "en", "zh")
    assert "380.000 millones de yuanes" in api.translate(MONEY, "en", "es")
    languages = {entry["code"]: entry for entry in api.languages()}
    assert languages["en"]["name"] == "English"
    assert languages["en"]["targets"] == ["es", "zh-Hans"]  # LibreTranslate 1.9's codes
    assert languages["zh-Hans"]["name"] == "Chinese"
    detected = api.detect("Las ventas de la empresa subieron mucho el año pasado.")
    assert detected[0]["language"] == "es"
    german = api.detect("Die Umsätze des Unternehmens sind im letzten Jahr stark gestiegen.")
    assert german[0]["language"] == "de" and german[0]["confidence"] > 90  # not installed here


def test_libretranslatepy_auto_source(served: Server) -> None:
    api = LibreTranslateAPI(served.url, api_key=API_KEY)
    assert "3800亿元" in api.translate(MONEY, "auto", "zh")


def test_libretranslatepy_without_a_key_is_refused(served: Server) -> None:
    with pytest.raises(HTTPError) as raised:
        LibreTranslateAPI(served.url).translate(MONEY, "en", "es")
    with raised.value as error:  # LibreTranslate: 400 for a missing key, 403 for a wrong one
        assert error.code == 400
    with pytest.raises(HTTPError) as raised:
        LibreTranslateAPI(served.url, api_key="wrong").translate(MONEY, "en", "es")
    with raised.value as error:
        assert error.code == 403
