"""The Argos package index: list what can be downloaded, download and install it.

These are the only steps in confl10n that need the network. They fail fast
(short timeouts, no retries) with one line saying so and how to install from
a file instead. The index is argostranslate's own; ``CONFL10N_ARGOS_INDEX``
(a full URL) or ``ARGOS_PACKAGE_INDEX`` (argostranslate's base URL) override it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from confl10n.errors import EngineUnavailableError, ModelPackageError, NetworkError, OutputError
from confl10n.translate.argos.archive import ArchiveLimits
from confl10n.translate.argos.install import DEFAULT_LIMITS, install_package

if TYPE_CHECKING:
    from http.client import HTTPResponse

    from confl10n.translate.argos.packages import PackageInfo

# argostranslate.settings: package_index (default) + "index.json"; a test keeps them equal.
DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
CONNECT_TIMEOUT = 5.0
MAX_INDEX_BYTES = 16 * 1024 * 1024
OFFLINE_HINT = (
    "without it, get the .argosmodel file another way and run: "
    "confl10n models install FILE.argosmodel"
)

Progress = Callable[[int, int | None], None]
_ENTRY_FIELDS = ("from_code", "from_name", "to_code", "to_name", "package_version")
_SHA256 = re.compile(r"(?:sha256:)?([0-9a-fA-F]{64})")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One downloadable package as the index describes it."""

    code: str
    from_code: str
    from_name: str
    to_code: str
    to_name: str
    package_version: str
    links: tuple[str, ...]
    sha256: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        """The (source, target) language codes."""
        return (self.from_code, self.to_code)


def index_url(override: str | None = None) -> str:
    """The index URL: ``override``, ``CONFL10N_ARGOS_INDEX``, ``ARGOS_PACKAGE_INDEX``, default."""
    if override:
        return override
    if os.environ.get("CONFL10N_ARGOS_INDEX"):
        return os.environ["CONFL10N_ARGOS_INDEX"]
    if os.environ.get("ARGOS_PACKAGE_INDEX"):
        return os.environ["ARGOS_PACKAGE_INDEX"].rstrip("/") + "/index.json"
    return DEFAULT_INDEX_URL


def fetch_index(*, url: str | None = None, timeout: float = CONNECT_TIMEOUT) -> list[IndexEntry]:
    """Download and parse the package index; translation packages only, sorted by pair.

    Raises :class:`~confl10n.errors.NetworkError` when the index cannot be downloaded or
    read.
    """
    address = index_url(url)
    with _open(address, timeout=timeout) as response:
        body = response.read(MAX_INDEX_BYTES + 1)
    if len(body) > MAX_INDEX_BYTES:
        raise NetworkError(f"the package index at {address} is over {MAX_INDEX_BYTES} bytes")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise NetworkError(f"the package index at {address} is not valid JSON") from exc
    if not isinstance(data, list):
        raise NetworkError(f"the package index at {address} is not a JSON list")
    return sorted((e for e in map(parse_entry, data) if e), key=lambda e: e.pair)


def parse_entry(item: object) -> IndexEntry | None:
    """One index item as an :class:`IndexEntry`; None if not a usable translation package."""
    if not isinstance(item, dict) or item.get("type", "translate") != "translate":
        return None
    fields = {k: v for k in _ENTRY_FIELDS if isinstance(v := item.get(k), str) and v}
    if len(fields) < len(_ENTRY_FIELDS):
        return None
    code = item.get("code")
    if not isinstance(code, str):
        code = f"translate-{fields['from_code']}_{fields['to_code']}"
    links = tuple(link for link in item.get("links") or () if _is_http(link))
    return IndexEntry(code=code, links=links, sha256=_checksum(item), **fields)


def find_entry(entries: list[IndexEntry], source: str, target: str) -> IndexEntry:
    """The index entry for ``source`` -> ``target``; raise if the index has none.

    Raises :class:`~confl10n.errors.EngineUnavailableError` when the index has no package
    for the pair.
    """
    for entry in entries:
        if entry.pair == (source, target):
            return entry
    pairs = ", ".join(f"{e.from_code}-{e.to_code}" for e in entries) or "none"
    raise EngineUnavailableError(f"the package index has no {source}-{target} package ({pairs})")


def download_entry(
    entry: IndexEntry,
    folder: Path,
    *,
    timeout: float = 30.0,
    progress: Progress | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> Path:
    """Download ``entry`` into ``folder`` and check its checksum; returns the file.

    Raises :class:`~confl10n.errors.NetworkError` when every link fails,
    :class:`~confl10n.errors.ModelPackageError` for a file over the size limit or with the
    wrong checksum, :class:`~confl10n.errors.OutputError` when ``folder`` cannot be written.
    """
    if not entry.links:
        raise NetworkError(f"the package index gives no http(s) link for {entry.code}")
    target = folder / (re.sub(r"[^A-Za-z0-9_.-]", "_", entry.code).lstrip(".") + ".argosmodel")
    failures: list[NetworkError] = []
    for link in entry.links:
        try:
            digest = _download(link, target, timeout, progress, limits.max_total_bytes)
        except NetworkError as exc:
            failures.append(exc)
            continue
        _verify(entry, target, digest)
        return target
    raise failures[-1]


def download_and_install(
    source: str,
    target: str,
    *,
    models_dir: str | Path | None = None,
    url: str | None = None,
    progress: Progress | None = None,
    on_replace: Callable[[PackageInfo], None] | None = None,
) -> PackageInfo:
    """Find ``source`` -> ``target`` in the index, download it and install it (validated;
    ``on_replace`` as in :func:`~confl10n.translate.argos.install.install_package`).

    Raises :class:`~confl10n.errors.NetworkError`,
    :class:`~confl10n.errors.EngineUnavailableError` (no package for the pair),
    :class:`~confl10n.errors.ModelPackageError` (the package fails validation) and
    :class:`~confl10n.errors.OutputError`.
    """
    import tempfile

    entry = find_entry(fetch_index(url=url), source, target)
    with tempfile.TemporaryDirectory(prefix="confl10n-download-") as scratch:
        path = download_entry(entry, Path(scratch), progress=progress)
        return install_package(path, models_dir=models_dir, on_replace=on_replace)


def _is_http(link: object) -> bool:
    return isinstance(link, str) and link.startswith(("http://", "https://"))


def _checksum(item: dict[str, object]) -> str | None:
    for key in ("sha256", "checksum"):
        value = item.get(key)
        match = _SHA256.fullmatch(value) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None


def _open(url: str, *, timeout: float) -> HTTPResponse:
    import http.client
    import urllib.error
    import urllib.request

    if not _is_http(url):
        raise NetworkError(f"{url}: only http and https URLs are supported")
    request = urllib.request.Request(url, headers={"User-Agent": "confl10n"})
    try:
        response: HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the open connection
        raise NetworkError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise NetworkError(
            f"this needs the network, and {url} cannot be reached ({reason}); {OFFLINE_HINT}"
        ) from exc
    return response


def _download(url: str, target: Path, timeout: float, progress: Progress | None, cap: int) -> str:
    """Stream ``url`` into ``target``; returns the SHA-256 of what arrived."""
    try:
        with _open(url, timeout=timeout) as response, target.open("wb") as sink:
            total = _declared_length(response, cap)
            digest, done = _stream(response, sink, cap, lambda n: progress and progress(n, total))
        if total is not None and done != total:
            raise NetworkError(f"{url}: download incomplete ({done} of {total} bytes)")
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return digest


def _declared_length(response: HTTPResponse, cap: int) -> int | None:
    length = response.headers.get("Content-Length", "")
    total = int(length) if length.isdigit() else None
    if total is not None and total > cap:
        raise ModelPackageError(f"{response.url}: {total} bytes, over the {cap}-byte limit")
    return total


def _stream(
    source: HTTPResponse, sink: IO[bytes], cap: int, report: Callable[[int], object]
) -> tuple[str, int]:
    digest = hashlib.sha256()
    done = 0
    while chunk := _read(source):
        done += len(chunk)
        if done > cap:
            raise ModelPackageError(f"{source.url}: more than the {cap}-byte limit")
        digest.update(chunk)
        sink.write(chunk)
        report(done)
    return digest.hexdigest(), done


def _read(source: HTTPResponse) -> bytes:
    import http.client

    try:
        return source.read(1 << 16)
    except (OSError, http.client.HTTPException) as exc:
        raise NetworkError(f"{source.url}: download interrupted ({exc}); {OFFLINE_HINT}") from exc


def _verify(entry: IndexEntry, path: Path, digest: str) -> None:
    if entry.sha256 and entry.sha256 != digest:
        path.unlink(missing_ok=True)
        raise ModelPackageError(
            f"{entry.code}: checksum mismatch (index sha256 {entry.sha256}, downloaded {digest})"
        )
