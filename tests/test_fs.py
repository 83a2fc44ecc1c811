"""confl10n._fs: whole files or the old ones, whole folders swapped in or the old ones, and
recovery after a kill; the user folders."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from confl10n import _fs
from confl10n._fs import replace_folder, swap_in, user_dir, write_text_atomic
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


def _fill(files: dict[str, str]):  # type: ignore[no-untyped-def]
    def fill(folder: Path) -> None:
        for name, text in files.items():
            _fs.write_synced(folder / name, text.encode())

    return fill


def _tree(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


def _hidden(out: Path) -> list[str]:
    return sorted(
        p.name for p in out.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")
    )


def test_replaces_the_whole_folder(tmp_path: Path) -> None:
    replace_folder(tmp_path, "a", _fill({"one": "1", "old": "x"}))
    final = replace_folder(tmp_path, "a", _fill({"one": "2"}))
    assert final == tmp_path / "a"
    assert _tree(final) == {"one": "2"}
    assert _hidden(tmp_path) == []
    assert final.stat().st_mode & 0o777 == 0o777 & ~_umask()


def test_failure_leaves_previous_output_and_no_temp_folder(tmp_path: Path) -> None:
    replace_folder(tmp_path, "a", _fill({"one": "1"}))

    def broken(folder: Path) -> None:
        _fs.write_synced(folder / "one", b"half")
        raise RuntimeError("writer bug")

    with pytest.raises(RuntimeError):
        replace_folder(tmp_path, "a", broken)
    assert _tree(tmp_path / "a") == {"one": "1"}
    assert _hidden(tmp_path) == []


def test_two_rename_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fs, "_exchange", lambda a, b: False)
    replace_folder(tmp_path, "a", _fill({"one": "1"}))
    replace_folder(tmp_path, "a", _fill({"two": "2"}))
    assert _tree(tmp_path / "a") == {"two": "2"}
    assert _hidden(tmp_path) == []


def test_leftovers_of_a_killed_run_are_recovered(tmp_path: Path) -> None:
    moved_aside = tmp_path / ".a.old-123"  # killed between the two fallback renames
    moved_aside.mkdir()
    (moved_aside / "one").write_text("1")
    (tmp_path / ".a.tmp-dead").mkdir()
    (tmp_path / ".b.tmp-other").mkdir()

    def check(folder: Path) -> None:
        assert _tree(tmp_path / "a") == {"one": "1"}  # restored before the new write
        _fs.write_synced(folder / "one", b"2")

    replace_folder(tmp_path, "a", check)
    assert _tree(tmp_path / "a") == {"one": "2"}
    assert _hidden(tmp_path) == [".b.tmp-other"]  # another article's folder is not ours to clean


def test_concurrent_build_of_the_same_slug_is_refused(tmp_path: Path) -> None:
    fd = os.open(tmp_path / ".a.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputError, match="another confl10n build is writing"):
            replace_folder(tmp_path, "a", _fill({"one": "1"}))
    finally:
        os.close(fd)


@pytest.mark.parametrize("kind", ["file", "below-a-file"])
def test_unwritable_output_is_one_line_output_error(tmp_path: Path, kind: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    out = blocker if kind == "file" else blocker / "out"
    with pytest.raises(OutputError) as info:
        replace_folder(out, "a", _fill({"one": "1"}))
    assert str(info.value).startswith(f"cannot write {out / 'a'}: ")
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 73


def test_write_error_inside_the_folder_is_output_error(tmp_path: Path) -> None:
    def full_disk(folder: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        replace_folder(tmp_path, "a", full_disk)
    assert not (tmp_path / "a").exists() and _hidden(tmp_path) == []


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_user_dirs_follow_xdg_and_fall_back_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_dir("cache") == tmp_path / "c"
    assert user_dir("data") == tmp_path / "home" / ".local" / "share"


def test_swap_in_replaces_a_folder_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "two").write_text("2")
    (tmp_path / "final").mkdir()
    (tmp_path / "final" / "one").write_text("1")
    swap_in(tmp_path / "new", tmp_path / "final")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["final"]
    assert [p.name for p in (tmp_path / "final").iterdir()] == ["two"]


# --- the lock file is not left behind (issue 14) ----------------------------------------


def _one(folder: Path) -> None:
    _fs.write_synced(folder / "one", b"1")


def test_no_lock_file_is_left_after_a_swap_or_a_failure(tmp_path: Path) -> None:
    replace_folder(tmp_path, "a", _one)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]

    def broken(folder: Path) -> None:
        raise RuntimeError("writer bug")

    with pytest.raises(RuntimeError):
        replace_folder(tmp_path, "a", broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_a_lock_file_left_by_a_killed_run_is_reused_and_removed(tmp_path: Path) -> None:
    (tmp_path / ".a.lock").write_bytes(b"")
    replace_folder(tmp_path, "a", _one)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_a_run_that_locked_a_deleted_lock_file_takes_the_new_one(tmp_path: Path) -> None:
    """The race that deleting lock files opens: B opened the file, A deleted it, B locks it."""
    lock = tmp_path / ".a.lock"
    stale = os.open(lock, os.O_RDWR | os.O_CREAT)  # B's descriptor of A's file
    lock.unlink()  # A finished and deleted it
    holder = os.open(lock, os.O_RDWR | os.O_CREAT)  # C created a new one and holds it
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputError, match="another confl10n build is writing"):
            replace_folder(tmp_path, "a", _one)
    finally:
        os.close(holder)
        os.close(stale)
    assert not (tmp_path / "a").exists()


def test_concurrent_writers_of_one_name_never_overlap(tmp_path: Path) -> None:
    """Threads race for one folder: each swap completes alone or is refused, no lock is left."""
    import threading

    inside, overlaps, done, refused = [0], [], [], []
    guard = threading.Lock()

    def fill(folder: Path) -> None:
        with guard:
            inside[0] += 1
            overlaps.append(inside[0] > 1)
        _fs.write_synced(folder / "one", b"1")
        with guard:
            inside[0] -= 1

    def run() -> None:
        for _ in range(30):
            try:
                replace_folder(tmp_path, "a", fill)
                done.append(1)
            except OutputError:
                refused.append(1)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not any(overlaps) and len(done) + len(refused) == 120 and done
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]
