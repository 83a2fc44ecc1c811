"""The server under load and under bad input; /v1/ endpoints; limits; shutdown."""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from deep_translator import LibreTranslator
from libretranslatepy import LibreTranslateAPI

from tests.serve.conftest import API_KEY, Server, stop_server

KEY = {"X-API-Key": API_KEY}
LOAD_SECONDS = 600  # a bound so a lost request fails the test instead of hanging it


@pytest.mark.slow
def test_load_200_requests_8_at_a_time_all_answered(served: Server) -> None:
    api = LibreTranslateAPI(served.url, api_key=API_KEY)

    def one(i: int) -> tuple[int, str]:
        target = "zh" if i % 4 else "es"
        return i, api.translate(
            f"By the end of 2023 there were {1000 + i:,} locations.", "en", target
        )

    with ThreadPoolExecutor(8) as pool:
        done = dict(
            f.result(timeout=LOAD_SECONDS) for f in [pool.submit(one, i) for i in range(200)]
        )
    assert sorted(done) == list(range(200))
    for i, text in done.items():  # every answer is its own request's, figures restyled
        assert str(1000 + i) in text and f"{1000 + i:,}" not in text, (i, text)
    status, health = served.request("health")
    assert (status, health["running"], health["waiting"]) == (200, 0, 0)


def test_bad_input_gets_its_status_and_a_json_error_and_the_server_keeps_serving(
    served: Server,
) -> None:
    good = {"q": "Sales rose 10.2% in 2023.", "source": "en", "target": "zh", "api_key": API_KEY}
    cases = [
        ({**good, "target": "xx"}, 400, "xx is not supported"),
        ({**good, "target": "ja"}, 400, "ja is not supported"),
        ({**good, "source": "de"}, 400, "de is not supported"),
        ({**good, "q": ""}, 400, "missing q parameter"),
        ({**good, "q": []}, 400, "q must be a string or a list"),
        ({**good, "format": "pdf"}, 400, "format must be text or html"),
        ({**good, "api_key": "wrong"}, 403, "Invalid API key"),
        ({k: v for k, v in good.items() if k != "api_key"}, 400, "contact the server operator"),
        ({**good, "api_key": ""}, 400, "Please contact the server operator to get an API key"),
        ({**good, "q": "word " * 5000}, 400, "request (25000) exceeds text limit (20000)"),
    ]
    for body, status, message in cases:
        got, answer = served.post_json("translate", body)
        assert (got, message in answer["error"]) == (status, True), (body, answer)
    raw = [
        (b'{"q": "Sales', 400, "not valid JSON"),
        (b"[1, 2]", 400, "must be an object"),
        (b"x" * (10 * 2**20), 413, "request body larger than"),
    ]
    for data, status, message in raw:
        got, answer = served.request("translate", data, {"Content-Type": "application/json"})
        assert (got, message in answer["error"]) == (status, True), answer
    long_query = "translate?source=en&target=zh&q=" + "a" * (3 * 2**20)
    assert served.request(long_query, b"") == (
        413,
        {"error": "query string larger than 2097152 bytes"},
    )
    status, answer = served.post_json("translate", good)
    assert (status, "10.2%" in answer["translatedText"]) == (200, True), answer


def test_html_keeps_its_markup_and_restyles_the_figures(served: Server) -> None:
    q = '<p class="lead">It cost <b>380 billion yuan</b> in all.</p><!-- 1,926 -->'
    body = {"q": [q], "source": "en", "target": "zh", "format": "html", "api_key": API_KEY}
    status, answer = served.post_json("translate", {**body, "alternatives": 2})
    assert status == 200, answer
    (translated,) = answer["translatedText"]
    assert translated == '<p class="lead">It cost <b>3800亿元</b> in all.</p><!-- 1,926 -->'
    assert answer["alternatives"] == [[]]  # one engine, one output: no alternatives to give


def test_detect_and_alternatives_check_their_fields(served: Server) -> None:
    assert served.post_json("detect", {"api_key": API_KEY})[1] == {
        "error": "Invalid request: missing q parameter"
    }
    body = {"q": "Hi.", "source": "en", "target": "zh", "api_key": API_KEY, "alternatives": "x"}
    status, answer = served.post_json("translate", body)
    assert (status, answer["error"]) == (
        400,
        "Invalid request: alternatives parameter is not a number",
    )


def test_unknown_paths_and_methods_answer_json(served: Server) -> None:
    assert served.request("nothing") == (404, {"error": "Not Found"})
    assert served.request("translate") == (405, {"error": "Method Not Allowed"})


def test_v1_translate_gives_units_qa_and_provenance(served: Server) -> None:
    text = "---\ndate: 2024-12-20\n---\nShanghai\n\nOn December 19, sales rose 10.2%. It was worth 380 billion yuan."
    status, answer = served.post_json("v1/translate", {"text": text, "target": "zh"}, **KEY)
    assert status == 200, answer
    (translation,) = answer["translations"]
    units = {u["id"]: u["target"] for s in translation["sections"] for p in s["paragraphs"]
             for u in p["sentences"]}  # fmt: skip
    assert units == {
        "s1.p1.t1": "On 12月19日, sales rose 10.2%.",
        "s1.p1.t2": "It was worth 3800亿元.",
    }
    assert translation["title"]["target"] == "Shanghai"
    assert translation["qa"] == {"locale": "zh_CN", "findings": []}
    assert translation["provenance"]["engines"][0]["model"] == "translate-en_zh-1_0"
    origins = {u["origin"] for s in translation["sections"] for p in s["paragraphs"]
               for u in p["sentences"]}  # fmt: skip
    again = served.post_json("v1/translate", {"text": text, "target": "zh"}, **KEY)[1]
    origins_again = {u["origin"] for s in again["translations"][0]["sections"]
                     for p in s["paragraphs"] for u in p["sentences"]}  # fmt: skip
    assert (origins, origins_again) == ({"engine"}, {"cache"})  # the cache is shared


@pytest.mark.slow
def test_v1_summarize_figures_and_bulletin(served: Server, sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    status, summary = served.post_json("v1/summarize", {"text": text, "sentences": 1}, **KEY)
    assert status == 200 and summary["sections"], summary
    assert all(len(s["sentences"]) <= 1 for s in summary["sections"])
    body = {"text": text, "locales": ["zh_CN", "es_ES"]}
    status, figures = served.post_json("v1/figures", body, **KEY)
    assert status == 200
    money = next(f for f in figures["figures"] if f["source"] == "380 billion yuan")
    assert money["renderings"] == {"zh_CN": "3800亿元", "es_ES": "380.000 millones de yuanes"}
    status, bulletin = served.post_json("v1/bulletin", body, **KEY)
    assert status == 200, bulletin
    assert set(bulletin["bundles"]) == {"en", "zh_CN", "es_ES"}
    chinese = bulletin["bundles"]["zh_CN"]
    assert chinese["locale"] == "zh_CN" and chinese["slug"] == bulletin["slug"]
    assert any("3800亿元" in u["target"] for u in chinese["units"])


@pytest.mark.parametrize(
    "markup",
    [
        "See https://stats.example.gov/ppi?file=PPI%202022.xlsx for the table.",
        "Run `retry --count 300` when it fails.",
    ],
)
def test_v1_figures_and_bulletins_read_prose_only(served: Server, markup: str) -> None:
    """A URL's or code span's digits are no figures, as in ``build`` and ``figures``."""
    text = f"# Prices\n\nProducer prices rose 2.5 percent in March. {markup}\n"
    body = {"text": text, "locales": ["es_ES"]}
    status, figures = served.post_json("v1/figures", body, **KEY)
    assert status == 200
    assert [f["source"] for f in figures["figures"]] == ["2.5 percent", "March"]
    status, bulletin = served.post_json("v1/bulletin", body, **KEY)
    assert status == 200, bulletin
    found = [f["source"] for f in bulletin["bundles"]["en"]["figures"]]
    assert found and not any(("2022" in f or "300" in f) for f in found), found


def test_v1_bad_bodies_are_400_with_a_json_error(served: Server) -> None:
    assert served.post_json("v1/translate", {"text": "Hi."}, **KEY)[0] == 400
    status, answer = served.post_json("v1/summarize", {"text": ""}, **KEY)
    assert (status, "empty" in answer["error"]) == (400, True)
    status, answer = served.post_json("v1/figures", {"text": "1 cat.", "locales": ["xx_YY"]}, **KEY)
    assert status == 400 and "xx_YY" in answer["error"]
    assert served.post_json("v1/translate", {"text": "Hi.", "target": "es"})[0] == 400  # no key
    assert (
        served.post_json("v1/translate", {"text": "Hi.", "target": "es", "api_key": "no"})[0] == 403
    )


def start_slow_requests(server: Server, count: int, text: str) -> list[int]:
    """``count`` requests of ``text`` to es at once, in threads; their statuses, once all end."""
    statuses: list[int] = []
    body = {"q": text, "source": "en", "target": "es", "api_key": "any"}

    def one() -> None:
        statuses.append(server.post_json("translate", body)[0])

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(LOAD_SECONDS)
    return statuses


def long_text(seed_path: Path, chars: int) -> str:
    seed = seed_path.read_text(encoding="utf-8")
    return "\n".join([seed] * (chars // len(seed) + 1))[:chars]


@pytest.mark.slow
def test_without_a_key_file_any_key_works_and_a_full_queue_says_429(
    server_factory: Callable[..., Server], seed_path: Path
) -> None:
    server = server_factory("--no-cache", "--queue", "1", "--char-limit", "200000",
                            "--engine", "apertium")  # fmt: skip
    spanish = LibreTranslator(source="en", target="es", api_key="whatever", custom_url=server.url)
    assert "380.000 millones" in spanish.translate("It cost 380 billion yuan.")
    statuses = start_slow_requests(server, 6, long_text(seed_path, 60000))
    assert sorted(set(statuses)) == [200, 429] and statuses.count(200) >= 2, statuses
    assert "10,2" in spanish.translate("Sales rose 10.2%.")  # still serving


@pytest.mark.slow
def test_sigterm_lets_requests_in_flight_finish(
    server_factory: Callable[..., Server], seed_path: Path
) -> None:
    server = server_factory("--no-cache", "--char-limit", "200000", "--engine", "apertium")
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.extend(start_slow_requests(server, 1, long_text(seed_path, 60000)))
    )
    worker.start()
    deadline = time.monotonic() + 60
    while server.request("health")[1]["running"] == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    # uvicorn finishes the requests in flight, then exits by the signal it caught.
    assert stop_server(server) == -signal.SIGTERM
    worker.join(LOAD_SECONDS)
    assert result == [200]
    assert "Finished server process" in server.log.read_text()


def test_openapi_documents_every_endpoint(served: Server) -> None:
    status, spec = served.request("openapi.json")
    assert status == 200
    assert {"/translate", "/languages", "/detect", "/suggest", "/frontend/settings", "/health",
            "/v1/translate", "/v1/summarize", "/v1/figures", "/v1/bulletin"} <= set(spec["paths"])  # fmt: skip
    assert json.dumps(spec)  # plain JSON


@pytest.mark.slow
def test_two_workers_share_the_cache_and_answer_everything(
    server_factory: Callable[..., Server], tmp_path: Path
) -> None:
    cache = tmp_path / "shared.sqlite3"
    server = server_factory("--workers", "2", "--engine", "apertium", "--cache", str(cache))
    api = LibreTranslateAPI(server.url, api_key="any")
    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda i: api.translate(f"It cost {i} billion yuan.", "en", "es"),
                             range(10, 30)))  # fmt: skip
    assert all(f"{i}.000 millones de yuanes" in t for i, t in zip(range(10, 30), done, strict=True))
    workers = {line.split("[")[1].split("]")[0] for line in server.log.read_text().splitlines()
               if "Started server process" in line}  # fmt: skip
    assert len(workers) == 2
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT COUNT(*) FROM machine").fetchone()[0] >= 20


@pytest.mark.slow
def test_a_cache_that_disappears_is_a_500_with_a_json_error(
    server_factory: Callable[..., Server], tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    server = server_factory("--engine", "apertium", "--cache", str(folder / "c.sqlite3"))
    (folder / "c.sqlite3").unlink()
    for extra in folder.iterdir():
        extra.unlink()
    folder.rmdir()
    status, answer = server.post_json("translate", {"q": "Hi.", "source": "en", "target": "es"})
    assert status == 500 and "folder does not exist" in answer["error"], answer
    assert server.request("health")[0] == 200


def test_v1_figures_index_the_text_sent_and_invent_no_year(served: Server) -> None:
    """Issue 22: offsets into the Markdown as sent (after a link), no placeholder year."""
    text = "# T\n\nThe [bank](https://example.org/ecb/2019) said 2.9% on December 19.\n"
    status, figures = served.post_json("v1/figures", {"text": text, "locales": ["es_ES"]}, **KEY)
    assert status == 200
    rows = figures["figures"]
    assert [(text[f["start"] : f["end"]], f["source"]) for f in rows] == [
        ("2.9%", "2.9%"), ("December 19", "December 19")]  # fmt: skip
    assert rows[1]["value"] == "--12-19" and rows[1]["year"] is None and "2000" not in str(rows)
