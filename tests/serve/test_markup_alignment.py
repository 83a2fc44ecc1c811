"""Issue 28 on the service: ``/translate`` with ``format=html`` puts each inline tag on the
words the model's attention aligns it with (a real ``confl10n serve`` over the kit model that
writes "new" for "great")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.serve.conftest import Server


def test_html_tags_come_back_on_the_aligned_words(
    server_factory: Callable[..., Server], aligned_packages: Path
) -> None:
    server = server_factory("--models-dir", str(aligned_packages), "--threads", "1", "--no-cache")
    q = [
        "<p>The <b>great</b> house is <i>very</i> red.</p>",
        '<p>The great house is <b>great</b>. A <a href="https://example.org/">great</a> day.</p>',
    ]
    body = {"q": q, "source": "en", "target": "fr", "format": "html"}
    status, answer = server.post_json("translate", body)
    assert status == 200, answer
    assert answer["translatedText"] == [
        "<p>The <b>new</b> house is <i>very</i> red.</p>",
        '<p>The new house is <b>new</b>. A <a href="https://example.org/">new</a> day.</p>',
    ]
