"""LibreTranslate's contract, read from its ``app.py`` (1.9), checked against a real server.

Field by field: CORS on every response and preflights; 400 for a missing key and
403 for a wrong one; 500 (never 503) for a job too slow; the character limit per
text (400) and the body limit (413); ``alternatives`` up to ``--alternatives-limit``;
``/languages`` codes; honest detection; ``/suggest``; ``/frontend/settings``; and
Weblate's own requests. The servers hold real engines: Apertium en->es and the kit
Argos models (tests/argos_kit.py, which copy their input).
"""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import argos_kit
from tests.serve.conftest import API_KEY, Server, start_server, stop_server

ORIGIN = "http://pages.example"
HEADLINE = "Los Angeles mayor backs plaza plan"
GERMAN = "Guten Tag, wie geht es Ihnen?"


def raw(
    server: Server, path: str, *, method: str = "GET", body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    """``(status, headers with lower-case names, body)`` of one request."""
    data = json.dumps(body).encode() if body is not None else None
    sent = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(server.url + path, data, {**sent, **(headers or {})})
    request.method = method
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=120) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        with error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def preflight(server: Server, origin: str, path: str = "translate") -> tuple[int, dict[str, str]]:
    asked = {"Origin": origin, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type,authorization"}  # fmt: skip
    status, headers, _ = raw(server, path, method="OPTIONS", headers=asked)
    return status, headers


@pytest.fixture(scope="module")
def open_models(tmp_path_factory: pytest.TempPathFactory, argos_tokenizer: Path,
                argos_package: Path) -> Path:  # fmt: skip
    """Kit models en->zh, en->de (Weblate's test pair), en->zt and en->pb."""
    root = tmp_path_factory.mktemp("open-models")
    packages = root / "packages"
    argos_kit.install_package(argos_package, packages)
    for target in ("de", "zt", "pb"):
        built = argos_kit.write_package(root / "built", argos_tokenizer, to_code=target)
        argos_kit.install_package(built, packages)
    return packages


@pytest.fixture(scope="module")
def open_server(
    tmp_path_factory: pytest.TempPathFactory, open_models: Path, apertium_bin: str
) -> Iterator[Server]:
    """No key file, suggestions on, 5 alternatives at most, 100 characters per text."""
    folder = tmp_path_factory.mktemp("open")
    args = ["--models-dir", str(open_models), "--suggestions", "--cache",
            str(folder / "cache.sqlite3"), "--alternatives-limit", "5", "--char-limit", "100",
            "--threads", "1"]  # fmt: skip
    server = start_server(folder, *args)
    yield server
    stop_server(server)


# --- CORS ------------------------------------------------------------------------------------


def test_every_response_allows_any_origin_as_libretranslate(served: Server) -> None:
    asks = [("languages", "GET", None, {}), ("frontend/settings", "GET", None, {}),
            ("translate", "POST", {"q": "Hi.", "source": "en", "target": "es"}, {}),  # 400
            ("translate", "POST", {"q": "Hi.", "source": "en", "target": "es", "api_key": "x"},
             {"Origin": ORIGIN}),  # 403
            ("detect", "POST", {"q": "Hola", "api_key": API_KEY}, {"Origin": ORIGIN}),
            ("nowhere", "GET", None, {}),
            ("translate", "POST", {"q": "z" * (3 * 2**20)}, {"Origin": ORIGIN})]  # 413  # fmt: skip
    for path, method, body, headers in asks:
        status, got, _ = raw(served, path, method=method, body=body, headers=headers)
        assert got.get("access-control-allow-origin") == "*", (path, status, got)
        allowed = {h.strip().lower() for h in got["access-control-allow-headers"].split(",")}
        assert {"authorization", "content-type"} <= allowed, (path, got)


def test_a_preflight_is_answered_not_405(served: Server) -> None:
    for path in ("translate", "detect", "languages", "suggest"):
        status, headers = preflight(served, ORIGIN, path)
        assert status == 200, (path, headers)
        assert headers["access-control-allow-origin"] == "*"
        assert "POST" in headers["access-control-allow-methods"]
        assert {"authorization", "content-type"} <= {
            h.strip().lower() for h in headers["access-control-allow-headers"].split(",")
        }
    status, headers, _ = raw(served, "translate", method="OPTIONS")  # no preflight headers
    assert (status, headers["access-control-allow-origin"]) == (204, "*")
    assert "POST" in headers["allow"]


def test_cors_origins_restricts_which_pages_may_call(
    server_factory: Any, tmp_path: Path, apertium_bin: str
) -> None:
    server = server_factory("--engine", "apertium", "--cors-origins", f"{ORIGIN}, http://b.test/")
    for origin in (ORIGIN, "http://b.test"):
        status, headers = preflight(server, origin)
        assert (status, headers["access-control-allow-origin"]) == (200, origin)
        body = {"q": "Hello.", "source": "en", "target": "es"}
        status, got, _ = raw(server, "translate", method="POST", body=body,
                             headers={"Origin": origin})  # fmt: skip
        assert (status, got["access-control-allow-origin"]) == (200, origin)
    status, headers = preflight(server, "http://elsewhere.test")
    assert status == 400 and "access-control-allow-origin" not in headers
    status, got, _ = raw(server, "languages", headers={"Origin": "http://elsewhere.test"})
    assert status == 200 and "access-control-allow-origin" not in got


# --- status codes ----------------------------------------------------------------------------


def test_a_missing_key_is_400_and_a_wrong_key_403(served: Server) -> None:
    good = {"q": "Hello.", "source": "en", "target": "es"}
    missing = "Please contact the server operator to get an API key"
    for path, body in (("translate", good), ("detect", {"q": "Hello there."})):
        for key in (None, ""):  # Weblate sends an empty api_key when none is set
            sent = body if key is None else {**body, "api_key": key}
            assert served.post_json(path, sent) == (400, {"error": missing}), (path, key)
        assert served.post_json(path, {**body, "api_key": "wrong"}) == (
            403,
            {"error": "Invalid API key"},
        )
        assert served.post_json(path, {**body, "api_key": API_KEY})[0] == 200


def test_a_job_over_the_timeout_is_500_with_an_error_never_503(
    server_factory: Any, apertium_bin: str
) -> None:
    server = server_factory("--engine", "apertium", "--timeout", "0.001", "--no-cache")
    long_text = " ".join(["The council met on Monday and approved 1,926 new homes."] * 30)
    status, answer = server.post_json(
        "translate", {"q": long_text, "source": "en", "target": "es"}
    )  # fmt: skip
    assert status == 500
    assert answer == {"error": "Cannot translate text: the request took longer than 0.001 s"}


def test_the_char_limit_counts_each_text_alone(open_server: Server) -> None:
    sixty = "The council approved 1,926 new homes on the river front now."
    assert len(sixty) == 60
    status, answer = open_server.post_json(
        "translate", {"q": [sixty, sixty], "source": "en", "target": "de"}
    )  # fmt: skip
    assert status == 200 and len(answer["translatedText"]) == 2
    for over in ("x" * 101, [sixty, "y" * 150]):
        size = 101 if isinstance(over, str) else 150
        status, answer = open_server.post_json(
            "translate", {"q": over, "source": "en", "target": "de"}
        )  # fmt: skip
        assert (status, answer) == (
            400, {"error": f"Invalid request: request ({size}) exceeds text limit (100)"}
        )  # fmt: skip
    status, _, body = raw(open_server, "translate", method="POST", body={"q": "z" * (3 * 2**20)})
    assert status == 413 and b"larger than" in body  # the body limit keeps its 413


def test_alternatives_up_to_the_limit_are_real_argos_hypotheses(open_server: Server) -> None:
    text = "The council approved the plan."
    body = {"q": text, "source": "en", "target": "de", "alternatives": 5}
    status, answer = open_server.post_json("translate", body)
    assert status == 200, answer
    alternatives = answer["alternatives"]
    assert 1 <= len(alternatives) <= 5
    assert answer["translatedText"] not in alternatives
    assert len(set(alternatives)) == len(alternatives)
    batch = open_server.post_json("translate", {**body, "q": [text, "Hello."], "alternatives": 2})
    assert batch[0] == 200 and len(batch[1]["alternatives"]) == 2
    assert all(len(a) <= 2 for a in batch[1]["alternatives"])
    assert batch[1]["alternatives"][0] == alternatives[:2]  # the same n-best list
    plain = open_server.post_json("translate", {**body, "alternatives": 0})[1]
    assert "alternatives" not in plain and plain["translatedText"] == answer["translatedText"]
    negative = open_server.post_json("translate", {**body, "alternatives": -2})
    assert negative[0] == 200 and "alternatives" not in negative[1]  # as LibreTranslate: 0


def test_alternatives_over_the_limit_or_not_a_number_are_400(open_server: Server) -> None:
    body = {"q": "Hello.", "source": "en", "target": "de"}
    cases = [(6, "Invalid request: alternatives parameter must be <= 5"),
             ("many", "Invalid request: alternatives parameter is not a number"),
             ("2.5", "Invalid request: alternatives parameter is not a number")]  # fmt: skip
    for value, message in cases:
        assert open_server.post_json("translate", {**body, "alternatives": value}) == (
            400, {"error": message}
        )  # fmt: skip


def test_html_has_no_alternatives(open_server: Server) -> None:
    body = {"q": "<p>The council <b>approved</b> the plan.</p>", "source": "en", "target": "de"}
    status, answer = open_server.post_json(
        "translate", {**body, "format": "html", "alternatives": 3}
    )
    assert (status, answer["alternatives"]) == (200, [])
    assert answer["translatedText"].startswith("<p>") and "<b>" in answer["translatedText"]


def test_apertium_has_no_alternatives(served: Server) -> None:
    body = {"q": ["Hello.", "Good night."], "source": "en", "target": "es", "alternatives": 3}
    status, answer = served.post_json("translate", {**body, "api_key": API_KEY})
    assert (status, answer["alternatives"]) == (200, [[], []])
    status, answer = served.post_json("translate", {**body, "alternatives": 4, "api_key": API_KEY})
    assert (status, answer["error"]) == (
        400,
        "Invalid request: alternatives parameter must be <= 3",
    )


# --- languages -------------------------------------------------------------------------------


def test_languages_lists_codes_as_libretranslate_1_9(open_server: Server) -> None:
    status, languages = open_server.request("languages")
    assert status == 200
    by_code = {entry["code"]: entry for entry in languages}
    assert by_code["en"]["targets"] == ["de", "es", "pt-BR", "zh-Hans", "zh-Hant"]
    assert {"zh-Hans", "zh-Hant", "pt-BR", "de", "es"} <= set(by_code)
    assert not {"zh", "zt", "pb"} & set(by_code)
    assert all(set(e) == {"code", "name", "targets"} for e in languages)
    assert by_code["zh-Hans"]["name"] == "Chinese"


@pytest.mark.parametrize("target", ["zh-Hans", "zh_Hans", "zh-hans", "zh-CN"])
def test_simplified_chinese_spellings_are_accepted(open_server: Server, target: str) -> None:
    body = {"q": "It cost 380 billion yuan.", "source": "en"}
    want = open_server.post_json("translate", {**body, "target": "zh"})[1]["translatedText"]
    status, answer = open_server.post_json("translate", {**body, "target": target})
    assert (status, answer.get("translatedText")) == (200, want), answer


@pytest.mark.parametrize(("target", "argos"), [("zh-Hant", "zt"), ("zh_TW", "zt"), ("pt-BR", "pb")])
def test_argos_own_locales_are_reached_by_their_spellings(
    open_server: Server, target: str, argos: str
) -> None:
    body = {"q": "It cost 380 billion yuan.", "source": "en"}
    want = open_server.post_json("translate", {**body, "target": argos})
    assert want[0] == 200, want
    status, answer = open_server.post_json("translate", {**body, "target": target})
    assert (status, answer.get("translatedText")) == (200, want[1]["translatedText"]), answer


def test_every_code_languages_lists_is_accepted(open_server: Server) -> None:
    for entry in open_server.request("languages")[1]:
        for target in entry["targets"]:
            status, answer = open_server.post_json(
                "translate", {"q": "Hello.", "source": entry["code"], "target": target}
            )  # fmt: skip
            assert status == 200, (entry["code"], target, answer)


# --- detection -------------------------------------------------------------------------------


def test_detect_names_the_real_language_even_when_not_installed(served: Server) -> None:
    cases = [(GERMAN, "de"), ("Le conseil municipal a approuvé le budget hier soir.", "fr"),
             ("Las ventas de la empresa subieron mucho el año pasado.", "es"),
             ("The city council approved the new budget last night.", "en"),
             ("市议会昨晚批准了新的预算。", "zh-Hans")]  # the code /languages lists  # fmt: skip
    for text, language in cases:
        status, guesses = served.post_json("detect", {"q": text, "api_key": API_KEY})
        assert status == 200
        assert guesses[0]["language"] == language, (text, guesses)
        assert guesses[0]["confidence"] > 50, guesses
        assert guesses == sorted(guesses, key=lambda g: -g["confidence"])
        assert all(0 < g["confidence"] <= 100 for g in guesses)


def test_auto_refuses_a_source_nobody_translates(served: Server) -> None:
    for text, code in ((GERMAN, "de"), ("Il consiglio ha approvato il bilancio ieri sera.", "it")):
        for target in ("es", "zh"):
            body = {"q": text, "source": "auto", "target": target, "api_key": API_KEY}
            assert served.post_json("translate", body) == (
                400,
                {"error": f"{code} is not supported"},
            )


@pytest.mark.parametrize("target", ["es", "zh"])
def test_auto_reads_an_english_headline_as_english(served: Server, target: str) -> None:
    for text in (
        HEADLINE,
        "Madrid mayor backs plaza plan",
        "San Diego council approves new budget",
    ):
        body = {"q": text, "source": "auto", "target": target, "api_key": API_KEY}
        status, answer = served.post_json("translate", body)
        assert status == 200, answer
        assert answer["detectedLanguage"]["language"] == "en", answer
        assert 0 < answer["detectedLanguage"]["confidence"] <= 100
        explicit = served.post_json("translate", {**body, "source": "en"})[1]
        assert answer["translatedText"] == explicit["translatedText"]
    spanish = served.post_json(
        "translate", {"q": HEADLINE, "source": "auto", "target": "es", "api_key": API_KEY}
    )[1]["translatedText"]  # fmt: skip
    assert spanish != HEADLINE  # Apertium really translated it


def test_auto_text_already_in_the_target_says_so(served: Server) -> None:
    text = "Las ventas de la empresa subieron mucho el año pasado."
    body = {"q": [text], "source": "auto", "target": "es", "api_key": API_KEY}
    status, answer = served.post_json("translate", body)
    assert status == 200 and answer["translatedText"] == [text]
    assert answer["detectedLanguage"][0]["language"] == "es"
    assert answer["detectedLanguage"][0]["confidence"] > 90
    assert [f["problem"] for f in answer["qa"]["findings"][0]] == ["unchanged"]


def test_auto_keeps_english_sent_into_english(served: Server) -> None:
    """lingua reads it as English (78%), Spanish a distant second (13%): it is not
    "translated" from Spanish (Apertium es->en is installed) into garbled English."""
    text = "The mayor backs the plaza plan"
    body = {"q": text, "source": "auto", "target": "en", "api_key": API_KEY}
    status, answer = served.post_json("translate", body)
    assert status == 200 and answer["translatedText"] == text, answer
    assert answer["detectedLanguage"]["language"] == "en"
    assert [f["problem"] for f in answer["qa"]["findings"]] == ["unchanged"]


def test_auto_detects_each_text_of_a_batch(served: Server) -> None:
    spanish = "Las ventas de la empresa subieron mucho el año pasado."
    english = "The company's sales rose sharply last year."
    body = {"q": [english, spanish], "source": "auto", "target": "es", "api_key": API_KEY}
    status, answer = served.post_json("translate", body)
    assert status == 200, answer
    assert [d["language"] for d in answer["detectedLanguage"]] == ["en", "es"]
    assert answer["translatedText"][1] == spanish and answer["translatedText"][0] != english
    assert [[f["problem"] for f in found] for found in answer["qa"]["findings"]] == [
        [],
        ["unchanged"],
    ]


def test_an_explicit_source_not_installed_is_400(served: Server) -> None:
    body = {"q": "Hallo.", "target": "es", "api_key": API_KEY}
    assert served.post_json("translate", {**body, "source": "de"}) == (
        400,
        {"error": "de is not supported"},
    )
    assert served.post_json("translate", {**body, "source": "en", "target": "fr"}) == (
        400, {"error": "fr is not supported: no installed model translates en->fr"}
    )  # fmt: skip


# --- /suggest and /frontend/settings ---------------------------------------------------------


def test_suggest_is_403_unless_enabled(served: Server) -> None:
    body = {"q": "Hello.", "s": "¡Hola!", "source": "en", "target": "es", "api_key": API_KEY}
    assert served.post_json("suggest", body) == (
        403, {"error": "Suggestions are disabled on this server."}
    )  # fmt: skip


def test_suggest_needs_its_four_fields(open_server: Server) -> None:
    body = {"q": "Hello.", "s": "Hallo!", "source": "en", "target": "de"}
    for name in body:
        fields = {k: v for k, v in body.items() if k != name}
        assert open_server.post_json("suggest", fields) == (
            400, {"error": f"Invalid request: missing {name} parameter"}
        )  # fmt: skip


def test_suggest_refuses_an_unknown_code_as_translate_does(open_server: Server) -> None:
    body = {"q": "Hello.", "s": "¡Hola!", "source": "en", "target": "es_XX"}
    status, answer = open_server.post_json("suggest", body)
    assert status == 400
    assert answer["error"].startswith(
        "es_XX is not supported: unknown locale 'es_XX'; did you mean"
    )


def test_a_suggestion_is_an_approved_unit_the_server_and_the_next_build_use(
    open_server: Server, tmp_path: Path, apertium_bin: str
) -> None:
    import subprocess
    import sys

    sentence = "The new bridge opens to traffic on Friday."
    better = "El puente nuevo se abre al tráfico el viernes."
    before = open_server.post_json("translate", {"q": sentence, "source": "en", "target": "es"})
    assert before[0] == 200 and before[1]["translatedText"] != better
    form = urllib.parse.urlencode({"q": sentence, "s": better, "source": "en", "target": "es"})
    status, answer = open_server.request(
        "suggest", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    )  # fmt: skip
    assert (status, answer) == (200, {"success": True})
    after = open_server.post_json("translate", {"q": sentence, "source": "en", "target": "es"})
    assert (after[0], after[1]["translatedText"]) == (200, better)
    cache = open_server.log.parent / "cache.sqlite3"
    with sqlite3.connect(cache) as db:
        rows = db.execute("SELECT source, target, origin FROM approved").fetchall()
    assert (sentence, better, "suggest") in rows
    article = tmp_path / "bridge.md"
    article.write_text(f"# Bridge news\n\nThe city is busy. {sentence}\n", encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "confl10n", "build", str(article), "--to", "es_ES",
               "--engine", "apertium", "--cache", str(cache), "--out", str(out)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    spanish = [p.read_text(encoding="utf-8") for p in out.rglob("article.md") if "es_ES" in p.parts]
    assert len(spanish) == 1 and better in spanish[0], spanish


def test_frontend_settings_has_libretranslate_s_fields(served: Server, open_server: Server) -> None:
    status, settings = served.request("frontend/settings")
    assert status == 200
    assert settings == {
        "charLimit": 20000, "frontendTimeout": 500, "apiKeys": True, "keyRequired": True,
        "suggestions": False, "filesTranslation": True,
        "supportedFilesFormat": [".txt", ".md", ".html", ".docx"],
        "language": {"source": {"code": "auto", "name": "Auto Detect"},
                     "target": {"code": "es", "name": "Spanish"}},
    }  # fmt: skip
    settings = open_server.request("frontend/settings")[1]
    assert (settings["charLimit"], settings["suggestions"], settings["keyRequired"]) == (
        100, True, False
    )  # fmt: skip
    assert settings["language"]["target"] == {"code": "de", "name": "German"}


# --- Weblate ---------------------------------------------------------------------------------


def weblate_translate(server: Server, texts: list[str], target: str, key: str) -> tuple[int, Any]:
    """Weblate's request: a JSON batch, ``format`` text and its ``api_key`` (maybe empty)."""
    body = {"q": texts, "source": "en", "target": target, "format": "text", "api_key": key}
    return server.post_json("translate", body)


def test_weblate_s_save_check_passes_with_an_en_de_engine(open_server: Server) -> None:
    status, languages = open_server.request("languages")
    assert status == 200 and "de" in {e["code"] for e in languages}
    status, answer = weblate_translate(open_server, ["test"], "de", "")
    assert status == 200 and isinstance(answer["translatedText"], list)
    assert len(answer["translatedText"]) == 1 and answer["translatedText"][0].strip()


def test_weblate_s_save_check_without_en_de_is_a_clear_400(served: Server) -> None:
    assert served.request("languages")[0] == 200
    assert weblate_translate(served, ["test"], "de", API_KEY) == (
        400,
        {"error": "de is not supported: no installed model translates en->de"},
    )


@pytest.mark.parametrize(("fixture", "target", "key"), [("open_server", "de", ""),
                                                          ("served", "es", API_KEY)])  # fmt: skip
def test_weblate_batches_of_20_keep_order_and_placeables(
    request: pytest.FixtureRequest, fixture: str, target: str, key: str
) -> None:
    server: Server = request.getfixturevalue(fixture)
    texts = [f"Click [X{i}X] to open file {i}." for i in range(20)]
    texts[3] = "[X6X] saved [X7X] items."
    status, answer = weblate_translate(server, texts, target, key)
    assert status == 200, answer
    done = answer["translatedText"]
    assert len(done) == 20
    for source, translated in zip(texts, done, strict=True):
        marks = [w.strip(".,") for w in source.split() if w.startswith("[X")]
        assert all(mark in translated for mark in marks), (source, translated)
    assert [t.count("[X") for t in done] == [t.count("[X") for t in texts]


# --- a real browser on another origin --------------------------------------------------------

FETCH = """
(async () => {
  try {
    const answer = await fetch(%s + "translate", {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(%s),
    });
    return {status: answer.status, body: await answer.json()};
  } catch (error) {
    return {error: String(error)};
  }
})()
"""


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[list[str]]:
    """Two web pages on their own loopback origins (other ports than any server's)."""
    import functools
    import http.server
    import threading

    (tmp_path / "page.html").write_text("<!doctype html><title>CMS</title><p>editor</p>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{s.server_address[1]}/page.html" for s in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


def browser_fetch(chromium: Any, page: str, server: Server, body: dict[str, Any]) -> Any:
    return chromium.run_script(page, FETCH % (json.dumps(server.url), json.dumps(body)))


def test_a_browser_page_on_another_origin_translates_with_fetch(
    served: Server, server_factory: Any, pages: list[str], chromium_executable: str,
    tmp_path: Path, apertium_bin: str,
) -> None:  # fmt: skip
    from tests.chromium_cdp import Chromium

    body = {"q": "It cost 380 billion yuan.", "source": "en", "target": "es", "api_key": API_KEY}
    origin = pages[0].rsplit("/", 1)[0]
    only_first = server_factory("--engine", "apertium", "--cors-origins", origin)
    chromium = Chromium(chromium_executable, tmp_path / "profile")
    try:
        answers = [browser_fetch(chromium, page, server, body)
                   for page, server in ((pages[0], served), (pages[1], served),
                                        (pages[0], only_first), (pages[1], only_first))]  # fmt: skip
    finally:
        chromium.close()
    for answer in answers[:3]:
        assert answer["status"] == 200, answer
        assert "380.000 millones de yuanes" in answer["body"]["translatedText"]
    assert answers[3] == {"error": "TypeError: Failed to fetch"}
    for server in (served, only_first):  # a JSON POST from a page is preflighted first
        assert '"OPTIONS /translate HTTP/1.1" 200' in server.log.read_text()


# --- the manual's client recipes -------------------------------------------------------------

MANUAL = Path(__file__).resolve().parents[2] / "docs" / "service.md"


def recipes(language: str) -> list[str]:
    """The manual's ``language`` code blocks that call a server at ``http://HOST:5000/``."""
    import re
    import textwrap

    blocks = re.findall(rf"```{language}\n(.*?)```", MANUAL.read_text(encoding="utf-8"), re.S)
    return [textwrap.dedent(b) for b in blocks if "HOST:5000" in b]


def for_server(recipe: str, server: Server) -> str:
    return recipe.replace("http://HOST:5000/", server.url).replace('"KEY"', json.dumps(API_KEY))


def test_the_manual_s_python_recipes_run(served: Server) -> None:
    import contextlib
    import io

    found = recipes("python")
    assert len(found) == 2
    for recipe in found:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(for_server(recipe, served), str(MANUAL), "exec"), {})
        lines = printed.getvalue().splitlines()
        assert "380.000 millones de yuanes" in lines[0], recipe
        assert lines[1:] in ([], ["de"]), lines


def test_the_manual_s_browser_recipe_runs_on_another_origin(
    served: Server, pages: list[str], chromium_executable: str, tmp_path: Path
) -> None:
    from tests.chromium_cdp import Chromium

    (recipe,) = recipes("js")
    script = for_server(recipe, served).replace("console.log(", "return (")
    chromium = Chromium(chromium_executable, tmp_path / "profile")
    try:
        translated = chromium.run_script(pages[0], f"(async () => {{ {script} }})()")
    finally:
        chromium.close()
    assert "380.000 millones de yuanes" in translated
