"""``POST /translate_file`` and ``GET /download_file`` against a real server (Apertium en->es),
as LibreTranslate has them: multipart upload, a URL to download, the same format back."""

from __future__ import annotations

import json
import os
import secrets
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from confl10n.serve.files import Downloads
from confl10n.serve.limits import RequestError
from confl10n.text.reader import parse_bytes
from tests.serve.conftest import API_KEY, Server

PAGE_HEADINGS = 3
NOT_SUPPORTED = "is not supported: unknown locale 'es_XX'; did you mean es_ES, es_MX, sv_AX?"
NO_MODEL = "is not supported: no installed model translates"


def multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(12)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(server: Server, name: str, data: bytes, **fields: str) -> tuple[int, dict[str, str]]:
    body, kind = multipart(
        {"source": "en", "target": "es", "api_key": API_KEY, **fields}, name, data
    )
    return server.request("translate_file", body, {"Content-Type": kind})


def download(url: str) -> tuple[int, bytes, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(), error.headers["Content-Type"]


def test_an_html_page_comes_back_translated(served: Server, news_page_path: Path) -> None:
    status, answer = upload(served, "story.html", news_page_path.read_bytes())
    assert status == 200, answer
    url = answer["translatedFileUrl"]
    assert url.startswith(served.url + "download_file/") and "story" not in url
    status, data, kind = download(url)
    assert (status, kind) == (200, "text/html; charset=utf-8")
    page = data.decode()
    assert '<html lang="es" dir="ltr">' in page and "tranvía" in page
    assert 'href="https://example.org/transport-report"' in page


def test_word_markdown_and_text_files_come_back_in_their_format(
    served: Server, news_docx_path: Path
) -> None:
    status, answer = upload(served, "story.docx", news_docx_path.read_bytes())
    assert status == 200, answer
    status, data, _ = download(answer["translatedFileUrl"])
    article = parse_bytes(data, input_format="docx")
    assert article.title is not None and "tranvía" in article.title.text
    for name, text, expected in (
        ("note.md", "# The big house\n\nThe house is [red](https://x.org).\n", "](https://x.org)"),
        ("note.txt", "The big house\n\nThe house is red. It cost $2.50.\n", "2,50"),
    ):
        status, answer = upload(served, name, text.encode())
        assert status == 200, answer
        status, data, _ = download(answer["translatedFileUrl"])
        assert status == 200 and expected in data.decode() and "casa" in data.decode()


def test_auto_reads_a_file_as_translate_reads_its_text(served: Server) -> None:
    """lingua finds this English headline likelier Spanish (71% against 21%); sent into
    Spanish, /translate takes it as English, and so must /translate_file."""
    sentence = "Madrid mayor backs plaza plan."
    status, answer = served.post_json(
        "translate", {"q": sentence, "source": "auto", "target": "es", "api_key": API_KEY}
    )
    assert status == 200 and answer["detectedLanguage"]["language"] == "en", answer
    text = f"Plaza plan\n\n{sentence}\n"
    status, uploaded = upload(served, "note.txt", text.encode(), source="auto")
    assert status == 200, uploaded
    status, data, _ = download(uploaded["translatedFileUrl"])
    assert status == 200 and answer["translatedText"] in data.decode()
    assert sentence not in data.decode()  # not taken as Spanish already


@pytest.mark.parametrize(
    ("name", "data", "fields", "status", "message"),
    [
        ("story.docx", b"not a zip", {}, 400, "not a zip archive"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", {}, 400, "no article text"),
        ("story.pdf", b"%PDF-1.4", {}, 400, "file format .pdf is not one of"),
        ("story.txt", b"Some text.", {"api_key": "wrong"}, 403, "Invalid API key"),
        ("story.txt", b"Some text.", {"target": ""}, 400, "missing target parameter"),
        ("story.txt", b"x" * (3 * 2**20), {}, 413, "request body larger than"),
        ("story.txt", b"Some text.", {"target": "es_XX"}, 400, f"es_XX {NOT_SUPPORTED}"),
        ("story.txt", b"Some text.", {"source": "EN_xx"}, 400, "EN_xx is not supported: unknown"),
        ("story.txt", b"Some text.", {"target": "DE"}, 400, f"DE {NO_MODEL} en->de"),
    ],
    ids=[
        "not-a-zip",
        "no-article",
        "pdf",
        "bad-key",
        "no-target",
        "too-large",
        "bad-target",
        "bad-source",
        "no-engine",
    ],
)
def test_bad_uploads_get_their_status(
    served: Server, name: str, data: bytes, fields: dict[str, str], status: int, message: str
) -> None:
    got, answer = upload(served, name, data, **fields)
    assert got == status and message in answer["error"], answer


def test_unknown_and_forged_download_names_are_404(served: Server) -> None:
    for name in ("0" * 32 + ".html", "..%2F..%2Fetc%2Fpasswd", "story.html"):
        status, data, _ = download(served.url + "download_file/" + name)
        assert status == 404 and "error" in json.loads(data)


def test_settings_list_the_file_formats(served: Server) -> None:
    status, settings = served.request("frontend/settings")
    assert status == 200
    assert settings["filesTranslation"] is True
    assert settings["supportedFilesFormat"] == [".txt", ".md", ".html", ".docx"]


def test_downloads_expire_and_stay_bounded(tmp_path: Path) -> None:
    downloads = Downloads(tmp_path / "files", ttl=3600, max_files=3)
    names = [downloads.save(f"file {i}".encode(), ".txt") for i in range(5)]
    assert len(set(names)) == 5 and len(list((tmp_path / "files").iterdir())) == 3
    assert downloads.read(names[-1]) == b"file 4"
    with pytest.raises(RequestError):
        downloads.read(names[0])
    expired = Downloads(tmp_path / "files", ttl=0.0)
    stamp = time.time() - 10

    os.utime(tmp_path / "files" / names[-1], (stamp, stamp))
    with pytest.raises(RequestError):
        expired.read(names[-1])


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (
            "<p>The <b>big</b> house is <i>very</i> red.</p>",
            "<p>La casa <b>grande</b> es <i>muy</i> roja.</p>",
        ),
        (
            "<p>The <b>big</b> house\n  is <i>very</i> red.</p>\n<p>Hello.</p>",
            "<p>La casa <b>grande</b> es <i>muy</i> roja.</p>\n<p>Hola.</p>",
        ),
        ("<br>", "<br>"),
    ],
    ids=["issue-case", "wrapped-two-paragraphs", "no-text"],
)
def test_translate_html_keeps_sentences_whole_and_tags_on_their_words(
    served: Server, q: str, expected: str
) -> None:
    body = {"q": q, "source": "en", "target": "es", "format": "html", "api_key": API_KEY}
    status, answer = served.post_json("translate", body)
    assert status == 200, answer
    assert answer["translatedText"] == expected


MAYOR = (
    '<p>The mayor <img src="m.jpg" alt="The mayor"> spoke at noon. She<sup>1</sup> left early.'
    ' The <abbr title="World Health Organization">WHO</abbr> met the <span class="hl">big</span>'
    " crowd.</p>"
)
MAYOR_ES = (
    '<p>El alcalde <img src="m.jpg" alt="El alcalde"> habló en 12:00. Dejó temprano<sup>1</sup>.'
    ' La <abbr title="Organización Mundial de la Salud">OMS</abbr> cumplió la multitud'
    ' <span class="hl">grande</span>.</p>'
)


def test_images_footnote_marks_and_other_elements_come_back_in_html(served: Server) -> None:
    body = {"q": MAYOR, "source": "en", "target": "es", "format": "html", "api_key": API_KEY}
    status, answer = served.post_json("translate", body)
    assert (status, answer["translatedText"]) == (200, MAYOR_ES)
    status, uploaded = upload(served, "mayor.html", MAYOR.encode())
    assert status == 200, uploaded
    status, data, _ = download(uploaded["translatedFileUrl"])
    assert status == 200 and MAYOR_ES in data.decode()
