"""``confl10n build`` and ``confl10n import-xliff`` from the command line.

Real engines only (the kit's Argos en->zh package, a Transformer-base-sized
kit package where slowness is the point); every file goes under ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from translate.storage import xliff

from confl10n import BuildOptions, build
from tests import argos_kit
from tests.helpers import SLUG, invoke, snapshot

APPROVED = "发展新质生产力（人工审校）"
ZH_FILES = {
    f"zh_CN/{name}"
    for name in (
        "article.html",
        "article.md",
        "article.xlf",
        "bulletin.html",
        "bulletin.md",
        "bundle.json",
    )
}


def kit_args(tmp_path: Path, packages: Path) -> list[str | Path]:
    return [
        "--out",
        tmp_path / "out",
        "--models-dir",
        packages,
        "--cache",
        tmp_path / "cache.sqlite3",
        "--threads",
        "1",
    ]


def unit(bundle_path: Path, unit_id: str) -> dict[str, Any]:
    units = json.loads(bundle_path.read_text(encoding="utf-8"))["units"]
    found: dict[str, Any] = next(u for u in units if u["id"] == unit_id)
    return found


def test_help_lists_the_build_commands() -> None:
    code, out, _ = invoke("--help")
    assert code == 0 and "build" in out and "import-xliff" in out


@pytest.mark.parametrize("command", ["build", "translate", "summarize", "figures", "segment"])
def test_help_names_every_article_format_the_command_reads(command: str) -> None:
    """`build` reads HTML and Word files as the others do; its help said ".txt or .md"."""
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert all(suffix in out for suffix in (".txt", ".md", ".html", ".docx")), out


def test_build_prints_where_output_went_and_warns_about_missing_engines(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    code, out, err = invoke(
        "build",
        sample_path,
        "--to",
        "zh_CN",
        "--to",
        "de_DE",
        *kit_args(tmp_path, argos_packages_dir),
    )
    assert code == 0, err
    assert out == f"{tmp_path / 'out' / SLUG}  (en, zh_CN)\n"
    lines = err.splitlines()
    assert lines[0].startswith("confl10n: warning: skipping de_DE: no installed model translates")
    assert "`confl10n models install FILE.argosmodel`" in lines[0]
    assert "\r" not in err  # progress is drawn only on a terminal


def test_build_prints_the_article_folder_absolute_for_a_relative_out(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--out out` printed `out/<slug>`; the manual promises the folder, absolute."""
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("build", sample_path, "--to", "en", "--out", "out", "--no-cache")
    assert code == 0, err
    assert out == f"{tmp_path / 'out' / SLUG}  (en)\n"


def test_strict_exits_69_and_writes_nothing(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    code, out, err = invoke(
        "build",
        sample_path,
        "--to",
        "zh_CN",
        "--to",
        "de_DE",
        "--strict",
        *kit_args(tmp_path, argos_packages_dir),
    )
    assert (code, out) == (69, "")
    assert err.startswith("confl10n: error: strict build stopped before writing anything: de_DE")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache.sqlite3").exists()


def test_unwritable_out_exits_73(tmp_path: Path, sample_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    code, _, err = invoke("build", sample_path, "--out", blocker / "out", "--no-cache")
    assert code == 73
    assert err == f"confl10n: error: cannot write {blocker / 'out'}: {blocker} is not a folder\n"


def test_slug_collision_exits_73_and_writes_nothing(tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# The Same Title\n\nA body sentence here.\n")
    code, _, err = invoke(
        "build", tmp_path / "a.md", tmp_path / "b.md", "--out", tmp_path / "out", "--no-cache"
    )
    assert code == 73 and "would both be written to 'the-same-title'" in err
    assert not (tmp_path / "out").exists()


def test_article_without_sections_exits_65_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bare.md").write_text("# Only a headline\n")
    code, out, err = invoke("build", tmp_path / "bare.md", "--out", tmp_path / "out", "--no-cache")
    assert (code, out) == (65, "")
    assert (
        err
        == f"confl10n: error: {tmp_path / 'bare.md'}: the article has only headings, no body text\n"
    )
    assert not (tmp_path / "out").exists()


def test_no_files_and_no_config_exits_64(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("build")
    assert code == 64 and "no article to build: no confl10n.toml here" in err


def test_cache_and_no_cache_exclude_each_other(tmp_path: Path, sample_path: Path) -> None:
    code, _, err = invoke("build", sample_path, "--cache", tmp_path / "c", "--no-cache")
    assert code == 64 and "--cache and --no-cache exclude each other" in err


def test_locale_without_label_catalog_warns_and_builds(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path, argos_tokenizer: Path
) -> None:
    argos_kit.write_package(argos_packages_dir, argos_tokenizer, to_code="ko")
    code, out, err = invoke(
        "build", sample_path, "--to", "ko_KR", *kit_args(tmp_path, argos_packages_dir)
    )
    assert code == 0 and out.endswith("(en, ko_KR)\n")
    assert (
        "confl10n: warning: no label catalog for locale 'ko_KR'; bulletin labels are in English"
        in err
    )


def test_xliff_round_trip_makes_an_approved_unit_win(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    args = ["build", sample_path, "--to", "zh_CN", *kit_args(tmp_path, argos_packages_dir)]
    assert invoke(*args)[0] == 0
    xlf = tmp_path / "out" / SLUG / "zh_CN" / "article.xlf"
    edited = tmp_path / "reviewed.xlf"
    with xlf.open("rb") as handle:
        store = xliff.xlifffile.parsefile(handle)
    heading = next(u for u in store.getunits() if u.xmlelement.get("id") == "s2.h")
    heading.target = APPROVED
    heading.markapproved(True)
    store.savefile(str(edited))

    code, out, _ = invoke("import-xliff", edited, "--cache", tmp_path / "cache.sqlite3")
    assert (code, out) == (
        0,
        f"imported 1 approved translation(s) into {tmp_path / 'cache.sqlite3'}\n",
    )
    assert invoke(*args)[0] == 0
    folder = tmp_path / "out" / SLUG / "zh_CN"
    assert unit(folder / "bundle.json", "s2.h") | {"flags": []} == {
        "id": "s2.h",
        "source": "Developing New Quality Productive Forces",
        "target": APPROVED,
        "state": "approved",
        "flags": [],
    }
    assert f"## {APPROVED}" in (folder / "bulletin.md").read_text(encoding="utf-8")
    with xlf.open("rb") as handle:
        rebuilt = xliff.xlifffile.parsefile(handle)
    approved = [u.xmlelement.get("id") for u in rebuilt.getunits() if u.isapproved()]
    assert approved == ["s2.h"]


def test_import_xliff_without_approved_units_warns(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    assert (
        invoke("build", sample_path, "--to", "zh_CN", *kit_args(tmp_path, argos_packages_dir))[0]
        == 0
    )
    xlf = tmp_path / "out" / SLUG / "zh_CN" / "article.xlf"
    code, out, err = invoke("import-xliff", xlf, "--cache", tmp_path / "cache.sqlite3")
    assert code == 0 and out.startswith("imported 0 approved translation(s)")
    assert "no approved translations" in err


def test_import_xliff_of_a_missing_file_says_so_as_the_other_commands_do(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xlf"
    code, out, err = invoke("import-xliff", missing, "--cache", tmp_path / "cache.sqlite3")
    assert (code, out, err) == (65, "", f"confl10n: error: {missing}: no such file\n")
    code, _, err = invoke("segment", tmp_path / "nope.md")
    assert (code, err) == (65, f"confl10n: error: {tmp_path / 'nope.md'}: no such file\n")


def test_import_xliff_of_a_non_xliff_file_exits_65(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlf"
    bad.write_text("<html/>")
    code, _, err = invoke("import-xliff", bad, "--cache", tmp_path / "cache.sqlite3")
    assert code == 65 and "not an XLIFF 1.x file" in err


def test_progress_is_one_line_redrawn_on_a_terminal(tmp_path: Path, sample_path: Path) -> None:
    (tmp_path / "confl10n.toml").write_text(f'[build]\nsources = ["{sample_path}"]\nlocales = []\n')
    leader, follower = os.openpty()
    command: list[str | Path] = [sys.executable, "-m", "confl10n", "build", "--no-cache"]
    command += ["--out", tmp_path / "out"]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower) as run:
        os.close(follower)
        shown = _read_all(leader)
        assert run.wait() == 0
    redraws = shown.split("\r\x1b[2K")  # return to the line start, clear it, redraw
    assert [line[:5] for line in redraws] == ["", "[0/2]", "[1/2]", "[2/2]"]
    assert redraws[1].endswith(f"{SLUG}: summarizing")
    assert redraws[3].startswith("[2/2] built 1 article(s) into ") and shown.endswith("\r\n")


def _read_all(fd: int) -> str:
    data = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        data += chunk
    os.close(fd)
    return data.decode()


# --- a build killed mid-way ------------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_packages(tmp_path_factory: pytest.TempPathFactory, argos_tokenizer: Path) -> Path:
    """A Transformer-base-sized kit en->zh package: the sample takes many seconds per locale."""
    packages = tmp_path_factory.mktemp("slow-packages")
    argos_kit.write_package(packages, argos_tokenizer, shape=argos_kit.BASE)
    return packages


@pytest.mark.slow
def test_sigkill_mid_build_leaves_previous_output_intact(
    tmp_path: Path, sample_path: Path, slow_packages: Path
) -> None:
    """A small article is built first; the kill lands while the sample, second, is being
    translated (many seconds with this model), so its previous output must be untouched."""
    small = tmp_path / "small.md"
    small.write_text("# Parks Open in Shanghai\n\nThe city opened 12 parks. Crowds came.\n")
    out, small_slug = tmp_path / "out", "parks-open-in-shanghai"
    build(
        [small, sample_path], options=BuildOptions(locales=[], out=out), cache=False
    )  # the previous output
    before_small, before_sample = snapshot(out / small_slug), snapshot(out / SLUG)

    command: list[str | Path] = [
        sys.executable,
        "-m",
        "confl10n",
        "build",
        small,
        sample_path,
        "--to",
        "zh_CN",
        "--out",
        out,
        "--models-dir",
        slow_packages,
        "--no-cache",
        "--threads",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(out / small_slug / "zh_CN" / "bundle.json", process)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(out / SLUG) == before_sample
    assert set(snapshot(out / small_slug)) == {*before_small, "zh_CN", *ZH_FILES}
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        [small_slug, SLUG]
    )
    build(
        [small, sample_path], options=BuildOptions(locales=[], out=out), cache=False
    )  # the next build cleans up
    assert not [p for p in out.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


def _wait_for(path: Path, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the build ended before the kill: {process.communicate()[1].decode()}")
        if time.monotonic() > deadline:
            pytest.fail(f"{path} did not appear within {timeout} s")
        time.sleep(0.005)


def test_build_command_takes_translate_s_decoding_options(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    code, _, err = invoke(
        "build",
        sample_path,
        "--to",
        "zh_CN",
        *kit_args(tmp_path, argos_packages_dir),
        "--device",
        "cpu",
        "--compute-type",
        "float32",
        "--beam-size",
        "2",
        "--no-protect-numbers",
    )
    assert code == 0, err
    provenance = json.loads((tmp_path / "out" / SLUG / "zh_CN" / "bundle.json").read_text())
    options = provenance["provenance"]["options"]
    assert (options["compute_type"], options["beam_size"]) == ("float32", "2")
    assert "wrapper" not in options  # numbers left to the engine
    code, _, err = invoke(
        "build", sample_path, *kit_args(tmp_path, argos_packages_dir), "--device", "tpu"
    )
    assert code == 64 and "unknown device 'tpu'" in err


def test_key_figure_labels_are_units_a_reviewer_approves_and_the_next_build_uses(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    args = ["build", sample_path, "--to", "zh_CN", *kit_args(tmp_path, argos_packages_dir)]
    assert invoke(*args)[0] == 0
    folder = tmp_path / "out" / SLUG / "zh_CN"
    figures = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))["figures"]
    rent = next(f for f in figures if f["source"] == "500 to 1,000 yuan")
    assert (rent["label_source"], rent["label_state"]) == ("subject", "mt")
    with (folder / "article.xlf").open("rb") as handle:
        store = xliff.xlifffile.parsefile(handle)
    labels = [u for u in store.getunits() if u.xmlelement.get("restype") == "x-key-figure-label"]
    assert {u.xmlelement.get("id") for u in labels} == {f["label_id"] for f in figures}
    label = next(u for u in labels if u.xmlelement.get("id") == rent["label_id"])
    assert label.source == "Rent for a bed, a month"
    label.target = "每张床位月租（人工审校）"
    label.markapproved(True)
    edited = tmp_path / "reviewed.xlf"
    store.savefile(str(edited))
    beside = tmp_path / "bundle.json"  # the import checks the label IDs against it
    beside.write_bytes((folder / "bundle.json").read_bytes())

    code, out, err = invoke("import-xliff", edited, "--cache", tmp_path / "cache.sqlite3")
    assert (code, err) == (0, "") and "imported 1 approved" in out
    assert invoke(*args)[0] == 0
    figures = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))["figures"]
    rent = next(f for f in figures if f["source"] == "500 to 1,000 yuan")
    assert (rent["label"], rent["label_state"]) == ("每张床位月租（人工审校）", "approved")
    assert "每张床位月租（人工审校）" in (folder / "bulletin.md").read_text(encoding="utf-8")
