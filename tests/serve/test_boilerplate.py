"""The service keeps trailing site furniture when asked, like every reading command (issue 23)."""

from __future__ import annotations

from typing import Any

from tests.serve.conftest import API_KEY, Server

KEY = {"X-API-Key": API_KEY}
TEXT = (
    "Transit\n\nLawmakers approved the transit budget on Tuesday.\n\n"
    "Related\n\nGovernor signs school funding bill\n"
)


def unit_sources(answer: dict[str, Any]) -> list[str]:
    (translation,) = answer["translations"]
    return [u["source"] for s in translation["sections"] for p in s["paragraphs"]
            for u in p["sentences"]]  # fmt: skip


def test_v1_translate_drops_furniture_unless_kept(served: Server) -> None:
    body = {"text": TEXT, "target": "es"}
    status, dropped = served.post_json("v1/translate", body, **KEY)
    assert status == 200, dropped
    status, kept = served.post_json("v1/translate", {**body, "keep_boilerplate": True}, **KEY)
    assert status == 200, kept
    assert unit_sources(dropped) == ["Lawmakers approved the transit budget on Tuesday."]
    assert unit_sources(kept)[-1] == "Governor signs school funding bill"
