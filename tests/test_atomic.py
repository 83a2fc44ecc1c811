"""Atomic writes: the whole new file or the old one, never a temporary left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from confl10n.atomic import write_text_atomic
from confl10n.errors import OutputError


def test_writes_and_replaces_whole_files(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_text_atomic(path, "first\n")
    write_text_atomic(path, "second 二\n")
    assert path.read_text(encoding="utf-8") == "second 二\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_text_atomic(path, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_missing_folder_or_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomic(tmp_path / "no" / "out.txt", "x")
    with pytest.raises(OutputError, match="is a directory"):
        write_text_atomic(tmp_path, "x")


def test_failed_write_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")

    def refuse(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OutputError, match="No space left on device"):
        write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
