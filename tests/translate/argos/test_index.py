"""The package index: the offline failure, and the real download path against a local server."""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import time
from pathlib import Path

import pytest

from confl10n.errors import EngineUnavailableError, ModelPackageError, NetworkError
from confl10n.translate.argos.archive import ArchiveLimits
from confl10n.translate.argos.index import (
    DEFAULT_INDEX_URL,
    IndexEntry,
    download_and_install,
    download_entry,
    fetch_index,
    find_entry,
    index_url,
    parse_entry,
)
from confl10n.translate.argos.packages import installed_packages
from tests.conftest import LocalWeb


def item(source: str = "en", target: str = "zh", /, **extra: object) -> dict[str, object]:
    """An index item shaped like argospm-index's."""
    return {
        "package_version": "1.0",
        "argos_version": "1.9.0",
        "from_code": source,
        "from_name": source.upper(),
        "to_code": target,
        "to_name": target.upper(),
        "code": f"translate-{source}_{target}",
        **extra,
    }


def serve_index(web: LocalWeb, package: bytes, **extra: object) -> str:
    """Serve ``package`` and an index pointing at it; returns the index URL."""
    web.files["/pkg/en_zh.argosmodel"] = package
    links = [f"{web.url}/pkg/en_zh.argosmodel"]
    web.files["/index.json"] = json.dumps([item(links=links, **extra)]).encode()
    return f"{web.url}/index.json"


def _argostranslate_default_index() -> str:
    """argostranslate.settings' default ``package_index``, read from its source (not imported:
    importing it creates folders in the home directory)."""
    spec = importlib.util.find_spec("argostranslate")
    assert spec is not None and spec.origin is not None
    tree = ast.parse((Path(spec.origin).parent / "settings.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "package_index":
            call = node.value
            assert isinstance(call, ast.Call)
            default = next(k.value for k in call.keywords if k.arg == "default")
            return str(ast.literal_eval(default))
    raise AssertionError("package_index not found in argostranslate.settings")


def test_default_index_is_argostranslates() -> None:
    assert _argostranslate_default_index() + "index.json" == DEFAULT_INDEX_URL


def test_index_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    assert index_url() == DEFAULT_INDEX_URL
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://mirror.test/argos/")
    assert index_url() == "http://mirror.test/argos/index.json"
    monkeypatch.setenv("CONFL10N_ARGOS_INDEX", "http://other.test/i.json")
    assert index_url() == "http://other.test/i.json"
    assert index_url("http://option.test/x.json") == "http://option.test/x.json"


def test_offline_fails_fast_with_the_file_hint(closed_url: str) -> None:
    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        fetch_index(url=closed_url)
    assert time.monotonic() - started < 3
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"this needs the network, and {closed_url} cannot be reached")
    assert message.endswith("confl10n models install FILE.argosmodel")


def test_offline_download_fails_before_touching_the_models_dir(
    tmp_path: Path, closed_url: str
) -> None:
    with pytest.raises(NetworkError, match="needs the network"):
        download_and_install("en", "zh", models_dir=tmp_path / "packages", url=closed_url)
    assert not (tmp_path / "packages").exists()


def test_parse_entry_keeps_translation_packages_only() -> None:
    assert parse_entry(item(type="sbd")) is None
    assert parse_entry(item(from_code="")) is None
    assert parse_entry(["not", "a", "dict"]) is None
    entry = parse_entry(item(links=["ipfs://Qm", "https://a.test/p.argosmodel", 7]))
    assert entry == IndexEntry(
        code="translate-en_zh",
        from_code="en",
        from_name="EN",
        to_code="zh",
        to_name="ZH",
        package_version="1.0",
        links=("https://a.test/p.argosmodel",),
    )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"sha256": "AB" * 32}, "ab" * 32),
        ({"checksum": "sha256:" + "cd" * 32}, "cd" * 32),
        ({"checksum": "md5:" + "ab" * 16}, None),
        ({"sha256": "short"}, None),
    ],
)
def test_parse_entry_reads_a_sha256(extra: dict[str, object], expected: str | None) -> None:
    entry = parse_entry(item(**extra))
    assert entry is not None and entry.sha256 == expected


def test_fetch_index_lists_pairs_sorted(web: LocalWeb) -> None:
    items = [item("zh", "en"), item("en", "zh"), item("en", "ja", type="sbd"), {"junk": 1}]
    web.files["/index.json"] = json.dumps(items).encode()
    entries = fetch_index(url=f"{web.url}/index.json")
    assert [e.pair for e in entries] == [("en", "zh"), ("zh", "en")]
    assert web.requests == ["/index.json"]


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"<html>", "not valid JSON"), (b'{"a": 1}', "not a JSON list"), (None, "HTTP 404")],
)
def test_fetch_index_rejects_a_bad_index(web: LocalWeb, body: bytes | None, message: str) -> None:
    if body is not None:
        web.files["/index.json"] = body
    with pytest.raises(NetworkError, match=message):
        fetch_index(url=f"{web.url}/index.json")


def test_find_entry_names_the_available_pairs() -> None:
    entries = [e for e in map(parse_entry, [item("en", "zh"), item("zh", "en")]) if e]
    assert find_entry(entries, "zh", "en").pair == ("zh", "en")
    with pytest.raises(EngineUnavailableError, match=r"no en-fr package \(en-zh, zh-en\)"):
        find_entry(entries, "en", "fr")


def test_download_installs_with_a_matching_checksum(
    tmp_path: Path, web: LocalWeb, argos_model_file: Path
) -> None:
    package = argos_model_file.read_bytes()
    url = serve_index(web, package, sha256=hashlib.sha256(package).hexdigest())
    seen: list[tuple[int, int | None]] = []
    info = download_and_install(
        "en", "zh", models_dir=tmp_path / "packages", url=url, progress=lambda *a: seen.append(a)
    )
    assert info.path == tmp_path / "packages" / "translate-en_zh-1_0"
    assert installed_packages(tmp_path / "packages") == ([info], [])
    assert seen[-1] == (len(package), len(package))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_download_refuses_a_checksum_mismatch(
    tmp_path: Path, web: LocalWeb, argos_model_file: Path
) -> None:
    url = serve_index(web, argos_model_file.read_bytes(), sha256="0" * 64)
    with pytest.raises(ModelPackageError, match="checksum mismatch"):
        download_and_install("en", "zh", models_dir=tmp_path / "packages", url=url)
    assert not (tmp_path / "packages").exists()


def test_download_validates_like_install(tmp_path: Path, web: LocalWeb) -> None:
    url = serve_index(web, b"not a zip at all")
    with pytest.raises(ModelPackageError, match="not a zip archive"):
        download_and_install("en", "zh", models_dir=tmp_path / "packages", url=url)
    assert not (tmp_path / "packages").exists()


def test_download_tries_the_next_link(
    tmp_path: Path, web: LocalWeb, argos_model_file: Path
) -> None:
    web.files["/mirror/p.argosmodel"] = argos_model_file.read_bytes()
    entry = parse_entry(
        item(links=[f"{web.url}/gone.argosmodel", f"{web.url}/mirror/p.argosmodel"])
    )
    assert entry is not None
    path = download_entry(entry, tmp_path)
    assert path.read_bytes() == argos_model_file.read_bytes()
    assert web.requests == ["/gone.argosmodel", "/mirror/p.argosmodel"]


def test_download_stops_at_the_size_limit(tmp_path: Path, web: LocalWeb) -> None:
    web.files["/big.argosmodel"] = bytes(5000)
    entry = parse_entry(item(links=[f"{web.url}/big.argosmodel"]))
    assert entry is not None
    with pytest.raises(ModelPackageError, match="5000 bytes, over the 1000-byte limit"):
        download_entry(entry, tmp_path, limits=ArchiveLimits(max_total_bytes=1000))
    assert list(tmp_path.iterdir()) == []


def test_download_needs_an_http_link(tmp_path: Path) -> None:
    entry = parse_entry(item(links=["ipfs://Qm"]))
    assert entry is not None
    with pytest.raises(NetworkError, match="no http"):
        download_entry(entry, tmp_path)
