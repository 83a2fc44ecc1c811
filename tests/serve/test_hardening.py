"""The service under abuse: stalled clients, deeply nested JSON, terminal escapes in text.

A real ``confl10n serve`` on 127.0.0.1 with raw sockets that send part of a
request and stall; the server must drop them, keep answering, exit within its
graceful timeout on SIGTERM, and never write a traceback to its log.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests import argos_kit
from tests.serve.conftest import API_KEY, Server

STALLED = 50
# What a stalled client has sent when it stops: nothing, part of the headers, all the
# headers and part of a declared body, all the headers and part of a chunked body.
PARTS = (
    b"",
    b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Ty",
    b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b'Content-Length: 500\r\n\r\n{"q": "Hel',
    b"POST /detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b'Transfer-Encoding: chunked\r\n\r\n5\r\n{"q":\r\n',
)
BOUND = 120  # seconds: an upper bound so a hang fails the test instead of blocking it


def stall(server: Server, count: int, stack: ExitStack) -> list[socket.socket]:
    """``count`` raw connections, each sending one of :data:`PARTS` and then nothing."""
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    clients = []
    for index in range(count):
        client = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=BOUND))
        client.sendall(PARTS[index % len(PARTS)])
        clients.append(client)
    return clients


def dropped(client: socket.socket) -> bool:
    """True once the server has closed the connection (no answer, or an answer then EOF)."""
    try:
        while data := client.recv(65536):
            assert data.startswith(b"HTTP/1.1 "), data
    except ConnectionResetError:
        pass
    return True


def quiet_log(server: Server) -> str:
    log = server.log.read_text()
    assert "Traceback" not in log and "Exception in ASGI" not in log, log
    return log


def translate(server: Server, q: str, target: str = "es") -> str:
    status, answer = server.post_json(
        "translate", {"q": q, "source": "en", "target": target, "api_key": API_KEY}
    )
    assert status == 200, answer
    text: str = answer["translatedText"]
    return text


@pytest.fixture
def apertium_server(server_factory: Callable[..., Server]) -> Callable[..., Server]:
    def start(*args: str, open_files: int | None = None) -> Server:
        return server_factory("--engine", "apertium", "--no-cache", *args, open_files=open_files)

    return start


def test_stalled_clients_are_dropped_and_others_served(
    apertium_server: Callable[..., Server],
) -> None:
    server = apertium_server("--read-timeout", "2", "--graceful-timeout", "5")
    with ExitStack() as stack:
        clients = stall(server, STALLED, stack)
        assert translate(server, "The house is red.") == "La casa es roja."
        assert all(dropped(client) for client in clients)
        assert translate(server, "The house is red.") == "La casa es roja."
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=BOUND) == -signal.SIGTERM
    quiet_log(server)


def test_sigterm_exits_within_the_graceful_timeout_while_clients_stall(
    apertium_server: Callable[..., Server],
) -> None:
    server = apertium_server("--read-timeout", "600", "--graceful-timeout", "2")
    with ExitStack() as stack:
        stall(server, STALLED, stack)
        assert translate(server, "The house is red.") == "La casa es roja."
        server.process.send_signal(signal.SIGTERM)
        # 600 s of read timeout would hold it; the graceful timeout (2 s) ends it.
        assert server.process.wait(timeout=BOUND) == -signal.SIGTERM
    log = quiet_log(server)
    assert "timeout graceful shutdown exceeded" in log


def test_out_of_file_descriptors_is_one_line_and_the_server_recovers(
    apertium_server: Callable[..., Server],
) -> None:
    server = apertium_server("--read-timeout", "2", open_files=128)
    with ExitStack() as stack:
        clients = stall(server, 300, stack)  # more than the server may open
        assert all(dropped(client) for client in clients[:100])
    assert translate(server, "The house is red.") == "La casa es roja."
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=BOUND) == -signal.SIGTERM
    log = quiet_log(server)
    assert log.count("Too many open files") <= 1 + log.count("\n") // 100, log


NESTED = ["[" * 100_000 + "]" * 100_000, '{"q":' * 5000 + '"x"' + "}" * 5000]


@pytest.mark.parametrize("body", NESTED, ids=["list", "object"])
@pytest.mark.parametrize("path", ["translate", "detect", "v1/translate", "v1/summarize"])
def test_deeply_nested_json_is_400_everywhere(served: Server, body: str, path: str) -> None:
    status, answer = served.request(
        path, body.encode(), {"Content-Type": "application/json", "X-API-Key": API_KEY}
    )
    assert status == 400 and isinstance(answer["error"], str), answer
    assert translate(served, "The house is red.") == "La casa es roja."


@pytest.mark.parametrize(
    "fields",
    [
        {"q": [["x"]]},
        {"q": [{"a": [[[["x"]]]]}]},
        {"q": "x", "source": [[["en"]]]},
        {"q": "x", "target": {"a": {"b": "es"}}},
        {"q": "x", "format": [[["text"]]]},
    ],
    ids=["nested-q", "object-in-q", "nested-source", "object-target", "nested-format"],
)
def test_nested_fields_are_400(served: Server, fields: dict[str, object]) -> None:
    body = {"source": "en", "target": "es", "api_key": API_KEY, **fields}
    status, answer = served.post_json("translate", body)
    assert status == 400 and isinstance(answer["error"], str), answer


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("\x1b[31mRED\x1b[0m", "RED"),
        ("The house is \x1b[1mred\x1b[22m.", "The house is red."),
        ("The house\x1b]0;pwned\x07 is red.", "The house is red."),
        ("The house\x1b]8;;http://x\x1b\\ is red.", "The house is red."),
        ("The\x0chouse\x0bis red.", "The house is red."),
        ("It is \u009b31m10\u009b0m metres long.", "It is 10 metres long."),
    ],
    ids=["csi-colour", "csi-bold", "osc-title-bel", "osc-link-st", "ff-vt", "c1-csi"],
)
def test_escape_sequences_are_cleaned_as_the_cli_cleans_them(
    served: Server, dirty: str, clean: str
) -> None:
    got = translate(served, dirty)
    assert got == translate(served, clean)
    assert "[" not in got and "pwned" not in got and "\x1b" not in got


def test_detect_cleans_the_same_way(served: Server) -> None:
    dirty = {"q": "\x1b[31mThe house is red and the sky is blue.\x1b[0m", "api_key": API_KEY}
    clean = {**dirty, "q": "The house is red and the sky is blue."}
    assert served.post_json("detect", dirty) == served.post_json("detect", clean)


def test_v1_translate_cleans_the_same_way(served: Server) -> None:
    def units(text: str) -> list[tuple[str, str, str]]:
        status, answer = served.post_json(
            "v1/translate", {"text": text, "source": "en", "target": "es", "api_key": API_KEY}
        )
        assert status == 200, answer
        (translation,) = answer["translations"]
        return [(u["id"], u["source"], u["target"]) for s in translation["sections"]
                for p in s["paragraphs"] for u in p["sentences"]]  # fmt: skip

    dirty = "The house\x1b]0;t\x07 is \x1b[1mred\x1b[0m.\x0cIt is big.\n\nOne\x0btwo."
    assert units(dirty) == units("The house is red. It is big.\n\nOne two.")


def test_a_deeply_nested_package_metadata_is_skipped_by_the_server(
    server_factory: Callable[..., Server], tmp_path: Path, argos_package: Path
) -> None:
    packages = tmp_path / "packages"
    argos_kit.install_package(argos_package, packages)
    (packages / "translate-en_de-1_0" / "model").mkdir(parents=True)
    (packages / "translate-en_de-1_0" / "metadata.json").write_text("[" * 1500 + "]" * 1500)
    server = server_factory("--models-dir", str(packages), "--no-cache", "--engine", "argos")
    status, health = server.request("health")
    assert status == 200, health
    assert translate(server, "Sales rose 10.2% in 2023.", target="zh").startswith("Sales rose")
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=BOUND) == -signal.SIGTERM
    quiet_log(server)
