"""Hostile packages: broken tokenizers, unsafe names and versions, killed installs, bad types."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from confl10n.errors import ModelPackageError
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.argos.install import install_package, remove_package
from confl10n.translate.argos.packages import installed_packages
from tests.helpers import snapshot
from tests.translate.argos.test_install import Mutation, edit_metadata, variant


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _bpe_instead(codes: bytes) -> Mutation:
    def change(folder: Path) -> None:
        (folder / "sentencepiece.model").unlink()
        (folder / "bpe.model").write_bytes(codes)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: _truncate(f / "sentencepiece.model"), "unreadable SentencePiece model"),
        (lambda f: (f / "sentencepiece.model").write_bytes(b"not a model"), "unreadable Sent"),
        (lambda f: (f / "sentencepiece.model").write_bytes(b""), "unreadable SentencePiece"),
        (_bpe_instead(b"\xff\xfe\x00 not utf-8"), "bpe.model: unreadable BPE codes"),
    ],
    ids=["truncated", "garbage", "empty", "bpe-not-text"],
)
def test_a_broken_tokenizer_is_refused_and_the_old_package_stays(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path, change: Mutation, message: str
) -> None:
    newer = variant(
        tmp_path,
        argos_package,
        lambda f: (edit_metadata(package_version="1.1")(f), change(f)),
        name="translate-en_zh-1_1",
    )
    before = snapshot(argos_packages_dir)
    with pytest.raises(ModelPackageError, match=message) as caught:
        install_package(newer, models_dir=argos_packages_dir)
    assert str(caught.value).startswith("translate-en_zh-1_1.argosmodel: translate-en_zh-1_1")
    assert ".install-" not in str(caught.value)  # the work folder is nobody's business
    assert snapshot(argos_packages_dir) == before
    engine = ArgosEngine(models_dir=argos_packages_dir, threads=1)
    assert engine.translate_batch(["Hello."], "en", "zh") == ["Hello."]  # the copy model


@pytest.mark.parametrize(
    "name",
    ["translate-en_zh\u202e1_1", "translate\x1b]0;pwned\x07", "translate-en\nzh", "a b", "-rf"],
    ids=["bidi-override", "osc-title", "newline", "space", "leading-dash"],
)
def test_unsafe_folder_names_are_refused_before_anything_is_written(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path, name: str
) -> None:
    bad = variant(tmp_path, argos_package, lambda f: None, name=name)
    bad = bad.rename(bad.with_name("plain.argosmodel"))
    before = snapshot(argos_packages_dir)
    refused = "is not a plain name|control or bidi character in path"
    with pytest.raises(ModelPackageError, match=refused) as caught:
        install_package(bad, models_dir=argos_packages_dir)
    assert str(caught.value).isprintable()
    assert snapshot(argos_packages_dir) == before


def test_control_or_bidi_characters_inside_a_package_are_refused(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    bad = variant(tmp_path, argos_package, lambda f: (f / "README\u202etxt.md").write_text("hi"))
    before = snapshot(argos_packages_dir)
    with pytest.raises(ModelPackageError, match="control or bidi character in path"):
        install_package(bad, models_dir=argos_packages_dir)
    assert snapshot(argos_packages_dir) == before


@pytest.mark.parametrize("version", ["1.0\x1b]0;pwned\x07", "1.0\n2", "1 0", "../1", "\u202e1.0"])
def test_unsafe_versions_are_refused(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path, version: str
) -> None:
    bad = variant(tmp_path, argos_package, edit_metadata(package_version=version))
    before = snapshot(argos_packages_dir)
    with pytest.raises(ModelPackageError, match="is not a plain version") as caught:
        install_package(bad, models_dir=argos_packages_dir)
    assert str(caught.value).isprintable()
    assert snapshot(argos_packages_dir) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"from_name": 5}, "metadata.json from_name must be a string .found int."),
        ({"to_code": ["zh"]}, "metadata.json to_code must be a string .found list."),
        ({"package_version": None}, "metadata.json lacks package_version"),
    ],
    ids=["int", "list", "missing"],
)
def test_metadata_errors_name_the_file_given_and_say_what_is_wrong(
    tmp_path: Path, argos_package: Path, changes: dict[str, object], message: str
) -> None:
    bad = variant(tmp_path, argos_package, edit_metadata(**changes), name="translate-en_fr-1_0")
    given = bad.rename(bad.with_name("my-download.argosmodel"))
    with pytest.raises(ModelPackageError) as caught:
        install_package(given, models_dir=tmp_path / "packages")
    assert str(caught.value).startswith("my-download.argosmodel: translate-en_fr-1_0: ")
    assert caught.match(message)


KILLABLE = """
import sys, time
import confl10n.translate.argos.install as install

real = install.validate_package

def paused(folder):
    print("extracted", flush=True)
    time.sleep(120)
    return real(folder)

install.validate_package = paused
install.install_package(sys.argv[1], models_dir=sys.argv[2])
"""


def _paused_install(model_file: Path, packages: Path) -> subprocess.Popen[str]:
    """A real ``install_package`` in another process, stopped right after extracting."""
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(model_file), str(packages)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "extracted\n"
    return child


def _close(child: subprocess.Popen[str]) -> None:
    if child.stdout is not None:
        child.stdout.close()


def test_an_install_killed_mid_way_is_cleaned_by_the_next(
    tmp_path: Path, argos_model_file: Path
) -> None:
    packages = tmp_path / "packages"
    child = _paused_install(argos_model_file, packages)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    _close(child)
    leftovers = sorted(p.name for p in packages.iterdir())
    assert len(leftovers) == 1 and leftovers[0].startswith(".install-")
    assert (packages / leftovers[0] / "translate-en_zh-1_0" / "model" / "model.bin").is_file()
    install_package(argos_model_file, models_dir=packages)
    assert sorted(p.name for p in packages.iterdir()) == ["translate-en_zh-1_0"]


def test_a_running_install_keeps_its_workspace_while_another_installs(
    tmp_path: Path, argos_model_file: Path, argos_packages_dir: Path
) -> None:
    child = _paused_install(argos_model_file, argos_packages_dir)
    try:
        remove_package("en-zh", models_dir=argos_packages_dir)
        hidden = [p.name for p in argos_packages_dir.iterdir()]
        assert len(hidden) == 1 and hidden[0].startswith(".install-")
    finally:
        child.kill()
        child.wait()
        _close(child)


@pytest.mark.parametrize("prefix", [".install-", ".remove-"])
def test_stale_work_folders_of_older_runs_are_removed(
    argos_packages_dir: Path, argos_model_file: Path, prefix: str
) -> None:
    stale = argos_packages_dir / f"{prefix}old1"
    shutil.copytree(argos_packages_dir / "translate-en_zh-1_0", stale / "translate-en_zh-1_0")
    install_package(argos_model_file, models_dir=argos_packages_dir)
    assert sorted(p.name for p in argos_packages_dir.iterdir()) == ["translate-en_zh-1_0"]


def test_a_truncated_model_is_listed_as_broken_and_not_used(argos_packages_dir: Path) -> None:
    _truncate(argos_packages_dir / "translate-en_zh-1_0" / "model" / "model.bin")
    packages, problems = installed_packages(argos_packages_dir)
    assert packages == []
    assert len(problems) == 1 and problems[0].startswith(
        "translate-en_zh-1_0: model/model.bin is truncated ("
    )
    assert ArgosEngine(models_dir=argos_packages_dir).pairs() == []


def test_a_wrong_typed_field_of_an_installed_package_is_named(argos_packages_dir: Path) -> None:
    path = argos_packages_dir / "translate-en_zh-1_0" / "metadata.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "to_code": 7}))
    assert installed_packages(argos_packages_dir)[1] == [
        "translate-en_zh-1_0: metadata.json to_code must be a string (found int)"
    ]
