"""Archive checks and extraction: every unsafe shape is refused before anything is written."""

from __future__ import annotations

import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from confl10n.errors import ModelPackageError
from confl10n.translate.argos.archive import ArchiveLimits, check_archive, extract_safely

LIMITS = ArchiveLimits()


def make_zip(path: Path, entries: dict[str | zipfile.ZipInfo, bytes]) -> Path:
    """Write ``entries`` (names or ZipInfo objects -> data) deflated into ``path``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns on duplicate names
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
    return path


def check(path: Path, limits: ArchiveLimits = LIMITS) -> tuple[str, list[zipfile.ZipInfo]]:
    with zipfile.ZipFile(path) as archive:
        return check_archive(archive, limits=limits)


def entry(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


def test_accepts_one_folder_and_returns_it(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "ok.zip", {"pkg/": b"", "pkg/a.txt": b"a", "pkg/m/b": b"b"})
    top, entries = check(path)
    assert top == "pkg"
    assert [e.filename for e in entries] == ["pkg/", "pkg/a.txt", "pkg/m/b"]


@pytest.mark.parametrize(
    ("names", "found"),
    [
        (["a/x", "b/y"], "found 2 top-level entries ('a', 'b')"),
        (["pkg/x", "README.md"], "found 2 top-level entries ('README.md', 'pkg')"),
        (["metadata.json"], "found only the file 'metadata.json'"),
        ([], "but the archive is empty"),
    ],
    ids=["two-folders", "folder-and-file", "only-a-file", "empty"],
)
def test_refuses_anything_but_one_top_folder(tmp_path: Path, names: list[str], found: str) -> None:
    """The line says what the top level holds instead ("found 1 top-level entries" for a
    lone file read as if one were fine)."""
    path = make_zip(tmp_path / "bad.zip", dict.fromkeys(names, b"x"))
    with pytest.raises(ModelPackageError, match="exactly one top-level folder") as caught:
        check(path)
    assert str(caught.value).endswith(found)


def test_refuses_a_hidden_top_folder(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bad.zip", {".pkg/x": b"x"})
    with pytest.raises(ModelPackageError, match="hidden"):
        check(path)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pkg/../../evil", "escapes"),
        ("../evil", "escapes"),
        ("/etc/evil", "absolute"),
        ("C:/evil", "drive letter"),
        ("c:evil", "drive letter"),
        ("pkg\\..\\evil", "backslash"),
        ("pkg/./x", "'.' path component"),
        ("pkg//x", "empty"),
    ],
)
def test_refuses_zip_slip_names(tmp_path: Path, name: str, reason: str) -> None:
    path = make_zip(tmp_path / "slip.zip", {"pkg/ok": b"x", zipfile.ZipInfo(name): b"x"})
    with pytest.raises(ModelPackageError, match=f"unsafe entry.*{reason}"):
        check(path)


def test_refuses_symlink_entries(tmp_path: Path) -> None:
    link = entry("pkg/model", stat.S_IFLNK | 0o777)
    path = make_zip(tmp_path / "link.zip", {"pkg/ok": b"x", link: b"/etc"})
    with pytest.raises(ModelPackageError, match="symbolic link"):
        check(path)


def test_refuses_special_files(tmp_path: Path) -> None:
    fifo = entry("pkg/fifo", stat.S_IFIFO | 0o644)
    path = make_zip(tmp_path / "fifo.zip", {"pkg/ok": b"x", fifo: b""})
    with pytest.raises(ModelPackageError, match="special file"):
        check(path)


def test_accepts_regular_unix_modes(tmp_path: Path) -> None:
    regular = entry("pkg/file", stat.S_IFREG | 0o644)
    folder = entry("pkg/sub/", stat.S_IFDIR | 0o755)
    assert check(make_zip(tmp_path / "ok.zip", {regular: b"x", folder: b""}))[0] == "pkg"


def test_refuses_duplicate_entries(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("pkg/a", b"first")
            archive.writestr("pkg/a", b"second")
    with pytest.raises(ModelPackageError, match="duplicate entry"):
        check(path)


def test_refuses_a_highly_compressed_entry(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bomb.zip", {"pkg/zeros": bytes(3 * 1024 * 1024)})
    with pytest.raises(ModelPackageError, match=r"compression ratio \d+:1 is over 100:1"):
        check(path)


def test_refuses_a_highly_compressed_whole(tmp_path: Path) -> None:
    # Each entry stays under the per-entry floor; together they are a bomb.
    files: dict[str | zipfile.ZipInfo, bytes] = {f"pkg/z{i}": bytes(1024 * 1024) for i in range(3)}
    path = make_zip(tmp_path / "bomb.zip", files)
    with pytest.raises(ModelPackageError, match="over 20:1"):
        check(path)


def test_refuses_too_many_bytes(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "big.zip", {"pkg/a": b"x" * 600, "pkg/b": b"y" * 600})
    with pytest.raises(ModelPackageError, match="1200 bytes uncompressed, over 1000"):
        check(path, ArchiveLimits(max_total_bytes=1000))


def test_refuses_too_many_files(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "many.zip", {f"pkg/{i}": b"x" for i in range(4)})
    with pytest.raises(ModelPackageError, match="4 entries, over 3"):
        check(path, ArchiveLimits(max_files=3))


def test_extracts_checked_entries(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "ok.zip", {"pkg/": b"", "pkg/a": b"alpha", "pkg/m/b": b"beta"})
    with zipfile.ZipFile(path) as archive:
        _, entries = check_archive(archive, limits=LIMITS)
        extract_safely(archive, entries, tmp_path / "out", limits=LIMITS)
    assert (tmp_path / "out/pkg/a").read_bytes() == b"alpha"
    assert (tmp_path / "out/pkg/m/b").read_bytes() == b"beta"


def test_extraction_enforces_the_total_limit_itself(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "ok.zip", {"pkg/a": b"a" * 800, "pkg/b": b"b" * 800})
    with zipfile.ZipFile(path) as archive, pytest.raises(ModelPackageError, match="zip bomb"):
        extract_safely(
            archive,
            archive.infolist(),
            tmp_path / "out",
            limits=ArchiveLimits(max_total_bytes=1000),
        )


def test_lying_sizes_fail_while_extracting(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "liar.zip", {"pkg/data": b"a" * 200_000})
    _declare_size(path, 1000)
    with zipfile.ZipFile(path) as archive:
        _, entries = check_archive(archive, limits=LIMITS)  # the directory looks harmless
        assert entries[0].file_size == 1000
        with pytest.raises(ModelPackageError, match="corrupt archive"):
            extract_safely(archive, entries, tmp_path / "out", limits=LIMITS)
    assert (tmp_path / "out/pkg/data").stat().st_size <= 1000


def _declare_size(path: Path, size: int) -> None:
    """Rewrite the single entry's uncompressed size in both of its headers."""
    data = bytearray(path.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 22 : local + 26] = struct.pack("<I", size)
    data[central + 24 : central + 28] = struct.pack("<I", size)
    path.write_bytes(bytes(data))
