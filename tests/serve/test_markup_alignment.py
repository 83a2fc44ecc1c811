"""Issue 28 on the service: ``/translate`` with ``format=html`` puts each inline tag on the
words the model's attention aligns it with (a real ``confl10n serve`` over the kit model that
writes "new" for "great"), or Apertium's word-bound blanks (the real eng-spa)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.serve.conftest import Server


def translated_html(server: Server, q: list[str], target: str) -> list[str]:
    """``q`` through ``/translate`` from English with ``format=html``: the translated texts."""
    body = {"q": q, "source": "en", "target": target, "format": "html"}
    status, answer = server.post_json("translate", body)
    assert status == 200, answer
    texts: list[str] = answer["translatedText"]
    return texts


def test_html_tags_come_back_on_the_aligned_words(
    server_factory: Callable[..., Server], aligned_packages: Path
) -> None:
    server = server_factory("--models-dir", str(aligned_packages), "--threads", "1", "--no-cache")
    q = [
        "<p>The <b>great</b> house is <i>very</i> red.</p>",
        '<p>The great house is <b>great</b>. A <a href="https://example.org/">great</a> day.</p>',
    ]
    assert translated_html(server, q, "fr") == [
        "<p>The <b>new</b> house is <i>very</i> red.</p>",
        '<p>The new house is <b>new</b>. A <a href="https://example.org/">new</a> day.</p>',
    ]


def test_html_tags_through_apertium_come_back_on_the_words_apertium_wrote(
    server_factory: Callable[..., Server], apertium_bin: str
) -> None:
    server = server_factory("--engine", "apertium", "--no-cache")
    q = [
        "<p>The <b>big</b> house is <i>very</i> red. They <b>left</b> the city early.</p>",
        '<p>The new plan and the <i>new</i> report were read. He <a href="https://example.org/">'
        "runs</a> the company.</p>",
    ]
    assert translated_html(server, q, "es") == [
        "<p>La casa <b>grande</b> es <i>muy</i> roja. <b>Dejaron</b> la ciudad temprano.</p>",
        "<p>El plan nuevo y el informe <i>nuevo</i> estuvieron leídos. "
        '<a href="https://example.org/">Corre</a> la empresa.</p>',
    ]


def test_other_elements_and_images_come_back_on_the_aligned_words(
    server_factory: Callable[..., Server], aligned_packages: Path
) -> None:
    server = server_factory("--models-dir", str(aligned_packages), "--threads", "1", "--no-cache")
    q = [
        '<p>The <mark class="m">great</mark> house<img src="h.png" alt="x"> is <span lang="en">'
        "very</span> red.</p>",
        "<p>The great<sup>2</sup> house is red.</p>",
    ]
    assert translated_html(server, q, "fr") == [
        '<p>The <mark class="m">new</mark> house<img src="h.png" alt="x"> is <span lang="en">'
        "very</span> red.</p>",
        "<p>The new<sup>2</sup> house is red.</p>",
    ]
