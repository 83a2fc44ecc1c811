"""write_article_bundle: the per-locale layout, bad input, and a build killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from confl10n.bundle import write_article_bundle
from confl10n.errors import InvalidOptionError
from tests.bulletin_samples import make_bulletin
from tests.conftest import REPO

ALL_FILES = [
    "article.html", "article.md", "article.xlf", "bulletin.html", "bulletin.md", "bundle.json"
]  # fmt: skip

# Runs in a child process: writes zh_CN, but stalls after the first file reaches
# the temp folder (the slowness is patched in here, not built into the product).
KILLABLE_WRITER = """
import sys, time
from pathlib import Path
from confl10n import _fs
from confl10n.bundle import write_article_bundle
from tests.bulletin_samples import make_bulletin

real_write = _fs.write_synced
def stalling_write(path, data):
    real_write(path, data)
    Path(sys.argv[2]).touch()
    time.sleep(120)
_fs.write_synced = stalling_write
write_article_bundle(Path(sys.argv[1]), "sample", {"zh_CN": make_bulletin("zh_CN")})
"""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_layout_per_locale(tmp_path: Path) -> None:
    result = write_article_bundle(
        tmp_path / "output", "sample", {loc: make_bulletin(loc) for loc in ("en", "zh_CN", "ar_EG")}
    )
    assert result.path == tmp_path / "output" / "sample"
    assert sorted(p.name for p in result.path.iterdir()) == ["ar_EG", "en", "zh_CN"]
    assert sorted(p.name for p in (result.path / "zh_CN").iterdir()) == ALL_FILES
    assert sorted(p.name for p in (result.path / "en").iterdir()) == [
        f for f in ALL_FILES if f != "article.xlf"
    ]
    assert result.files == tuple(sorted(Path(p) for p in _snapshot(result.path)))
    assert result.warnings == ()
    assert "机器翻译——待审校" in (result.path / "zh_CN" / "bulletin.html").read_text(
        encoding="utf-8"
    )


def test_locale_without_catalog_warns_and_uses_english_labels(tmp_path: Path) -> None:
    result = write_article_bundle(tmp_path, "sample", {"ko_KR": make_bulletin("ko_KR")})
    assert result.warnings == (
        "no label catalog for locale 'ko_KR'; bulletin labels are in English",
    )
    assert "## Summary" in (result.path / "ko_KR" / "bulletin.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("slug", "bulletins", "message"),
    [
        ("sample", {}, "no bulletins"),
        ("../up", {"en": make_bulletin("en")}, "output folder name"),
        ("sample", {"../x": make_bulletin("en")}, "not a locale code"),
        ("sample", {"de_DE": make_bulletin("en")}, "filed under 'de_DE'"),
    ],
)
def test_bad_arguments_write_nothing(
    tmp_path: Path, slug: str, bulletins: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        write_article_bundle(tmp_path, slug, bulletins)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_build_killed_mid_write_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    previous = write_article_bundle(
        out, "sample", {"en": make_bulletin("en"), "ar_EG": make_bulletin("ar_EG")}
    )
    before = _snapshot(previous.path)
    marker = tmp_path / "first-file-written"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE_WRITER, str(out), str(marker)], cwd=REPO
    )
    try:
        _wait_for(marker, child)
        temp = [p for p in out.iterdir() if p.name.startswith(".sample.tmp-")]
        assert len(temp) == 1 and any(temp[0].rglob("*.*"))  # it really was mid-write
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert _snapshot(out / "sample") == before
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["sample"]

    write_article_bundle(out, "sample", {"zh_CN": make_bulletin("zh_CN")})  # the next run cleans up
    assert sorted(p.name for p in out.iterdir()) == ["sample"]  # no lock file left either
    assert sorted(p.name for p in (out / "sample").iterdir()) == ["ar_EG", "en", "zh_CN"]
    after = _snapshot(out / "sample")  # the locales not written again are kept as they were
    assert {k: v for k, v in after.items() if not k.startswith("zh_CN/")} == before


def _wait_for(marker: Path, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, "the writer exited before it was killed"
        assert time.monotonic() < deadline, "the writer never started writing"
        time.sleep(0.02)


def test_a_write_replaces_only_its_locale_folders(tmp_path: Path) -> None:
    out = tmp_path / "output"
    first = write_article_bundle(
        out, "sample", {loc: make_bulletin(loc) for loc in ("en", "es_ES")}
    )
    (first.path / "es_ES" / "notes.txt").write_bytes(b"reviewer \xe2\x9c\x93\n")
    (first.path / "README.reviewers").write_text("do not delete\n")
    xliff = first.path / "es_ES" / "article.xlf"
    xliff.write_bytes(xliff.read_bytes().replace(b"<target", b"<target approved='yes'", 1))
    before = _snapshot(first.path)
    second = write_article_bundle(out, "sample", {"en": make_bulletin("en"),
                                                   "zh_CN": make_bulletin("zh_CN")})  # fmt: skip
    after = _snapshot(second.path)
    assert {k: v for k, v in after.items() if not k.startswith(("en/", "zh_CN/"))} == {
        k: v for k, v in before.items() if not k.startswith("en/")
    }
    assert second.kept == ("README.reviewers", "es_ES") and second.removed == ()
    assert sorted(p.name for p in out.iterdir()) == ["sample"]  # no temp folder or lock left


def test_clean_removes_the_locales_not_written_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "output"
    first = write_article_bundle(
        out, "sample", {loc: make_bulletin(loc) for loc in ("en", "es_ES")}
    )
    (first.path / "README.reviewers").write_text("do not delete\n")
    for folder in ("img", "old"):  # a reviewer's folders, named like a language code
        (first.path / folder).mkdir()
        (first.path / folder / "kept.txt").write_text("mine\n")
    second = write_article_bundle(out, "sample", {"en": make_bulletin("en")}, clean=True)
    assert second.removed == ("es_ES",) and second.kept == ("README.reviewers", "img", "old")
    assert sorted(p.name for p in second.path.iterdir()) == ["README.reviewers", "en", "img", "old"]
    assert (second.path / "img" / "kept.txt").read_text() == "mine\n"


def _approve(xliff: Path, unit_id: str, text: str) -> None:
    """What a reviewer does in a CAT tool: a new target for ``unit_id``, marked approved."""
    import xml.etree.ElementTree as ET  # our own file, just written

    tree = ET.parse(xliff)
    unit = next(u for u in tree.iter() if u.tag.endswith("trans-unit") and u.get("id") == unit_id)
    unit.set("approved", "yes")
    next(c for c in unit if c.tag.endswith("target")).text = text
    tree.write(xliff, encoding="utf-8", xml_declaration=True)


def test_rebuilding_a_locale_keeps_a_reviewers_files_and_unimported_approvals(
    tmp_path: Path,
) -> None:
    out = tmp_path / "output"
    first = write_article_bundle(out, "sample", {"es_ES": make_bulletin("es_ES")})
    (first.path / "es_ES" / "notes.txt").write_text("checked\n", encoding="utf-8")
    again = write_article_bundle(out, "sample", {"es_ES": make_bulletin("es_ES")})
    assert sorted(p.name for p in (again.path / "es_ES").iterdir()) == sorted(
        [*(n.name for n in first.files), "notes.txt"]
    )  # the bulletin's own approvals (s2.h) are in the new XLIFF: nothing more is kept
    assert again.warnings == () and again.kept == ()
    _approve(again.path / "es_ES" / "article.xlf", "s1.p1.t1", "Revisado a mano")
    edited = (again.path / "es_ES" / "article.xlf").read_bytes()
    third = write_article_bundle(out, "sample", {"es_ES": make_bulletin("es_ES")})
    (reviewed,) = (third.path / "es_ES").glob("article.reviewed-*.xlf")
    assert reviewed.read_bytes() == edited
    assert (third.path / "es_ES" / "notes.txt").read_text(encoding="utf-8") == "checked\n"
    assert third.warnings == (
        f"sample/es_ES/article.xlf held 1 approved unit(s) this build does not have; kept as "
        f"es_ES/{reviewed.name} (store them with `confl10n import-xliff {reviewed}`)",
    )
    fourth = write_article_bundle(out, "sample", {"es_ES": make_bulletin("es_ES")})
    assert list((fourth.path / "es_ES").glob("article.reviewed-*.xlf")) == [reviewed]
    assert fourth.warnings == ()


def test_an_unreadable_xliff_is_kept_rather_than_lost(tmp_path: Path) -> None:
    out = tmp_path / "output"
    first = write_article_bundle(out, "sample", {"es_ES": make_bulletin("es_ES")})
    (first.path / "es_ES" / "article.xlf").write_bytes(b"<xliff><oops")
    second = write_article_bundle(out, "sample", {"es_ES": make_bulletin("es_ES")})
    (kept,) = (second.path / "es_ES").glob("article.reviewed-*.xlf")
    assert kept.read_bytes() == b"<xliff><oops" and len(second.warnings) == 1


def test_symlinks_are_carried_as_links_never_followed(tmp_path: Path) -> None:
    out = tmp_path / "output"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("mine\n")
    first = write_article_bundle(out, "sample", {"en": make_bulletin("en")})
    (first.path / "shared").symlink_to(elsewhere)
    (first.path / "en" / "article.md").unlink()
    (first.path / "en" / "article.md").symlink_to(elsewhere / "secret.txt")
    second = write_article_bundle(out, "sample", {"en": make_bulletin("en")})
    assert (second.path / "shared").is_symlink() and second.kept == ("shared",)
    assert not (second.path / "en" / "article.md").is_symlink()  # written, not followed
    assert (elsewhere / "secret.txt").read_text() == "mine\n"
