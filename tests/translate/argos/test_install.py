"""Installing and removing packages: validated first, atomic, and never breaking the others."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from confl10n.errors import InvalidOptionError, ModelPackageError
from confl10n.translate.argos.install import install_package, package_size, remove_package
from confl10n.translate.argos.packages import installed_packages
from tests import argos_kit
from tests.helpers import snapshot

Mutation = Callable[[Path], object]
"""A change to a package folder (what it returns is ignored)."""


def variant(tmp_path: Path, package: Path, change: Mutation, *, name: str = "") -> Path:
    """A copy of ``package`` changed by ``change``, packed as an .argosmodel."""
    folder = tmp_path / "variants" / (name or package.name)
    shutil.copytree(package, folder)
    change(folder)
    return argos_kit.pack_argosmodel(folder, tmp_path / "files" / f"{folder.name}.argosmodel")


def edit_metadata(**changes: object) -> Mutation:
    def change(folder: Path) -> None:
        path = folder / "metadata.json"
        metadata = json.loads(path.read_text(encoding="utf-8"))
        metadata.update(changes)
        path.write_text(json.dumps({k: v for k, v in metadata.items() if v is not None}))

    return change


def test_installs_a_valid_package(tmp_path: Path, argos_model_file: Path) -> None:
    packages = tmp_path / "packages"
    info = install_package(argos_model_file, models_dir=packages)
    assert (info.pair, info.package_version, info.path) == (
        ("en", "zh"),
        "1.0",
        packages / "translate-en_zh-1_0",
    )
    assert sorted(p.name for p in packages.iterdir()) == ["translate-en_zh-1_0"]
    assert (info.path / "model" / "model.bin").is_file()
    assert installed_packages(packages) == ([info], [])


def test_follows_the_environment(
    tmp_path: Path, argos_model_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFL10N_MODELS_DIR", str(tmp_path / "env"))
    assert install_package(argos_model_file).path.parent == tmp_path / "env"


def test_package_size_counts_the_files(argos_package: Path) -> None:
    files = [p for p in argos_package.rglob("*") if p.is_file()]
    assert package_size(argos_package) == sum(p.stat().st_size for p in files) > 100_000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: (f / "metadata.json").unlink(), "no metadata.json"),
        (lambda f: (f / "metadata.json").write_text("{not json"), "malformed metadata.json"),
        (lambda f: (f / "metadata.json").write_text("[1, 2]"), "not a JSON object"),
        (edit_metadata(argos_version=None), "lacks argos_version"),
        (edit_metadata(from_name=None, to_name=""), "lacks from_name, to_name"),
        (edit_metadata(package_version=1.0), "package_version must be a string .found float"),
        (edit_metadata(target_prefix=["x"]), "target_prefix is not a string"),
        (edit_metadata(to_code="xx"), "to_code: unknown language code 'xx'"),
        (edit_metadata(from_code="EN!"), "from_code: malformed language code"),
        (lambda f: (f / "sentencepiece.model").unlink(), "no sentencepiece.model or bpe.model"),
        (lambda f: shutil.rmtree(f / "model"), "no model/ folder"),
        (lambda f: (f / "model/model.bin").write_bytes(b"garbage"), "CTranslate2 cannot load"),
        (lambda f: (f / "model/config.json").write_text("{"), "CTranslate2 cannot load"),
    ],
    ids=[
        "no-metadata",
        "bad-json",
        "not-object",
        "missing-field",
        "missing-fields",
        "non-string",
        "bad-prefix",
        "unknown-code",
        "malformed-code",
        "no-tokenizer",
        "no-model",
        "garbage-model",
        "bad-model-config",
    ],
)
def test_invalid_package_is_refused_and_leaves_nothing(
    tmp_path: Path,
    argos_packages_dir: Path,
    argos_package: Path,
    change: Mutation,
    message: str,
) -> None:
    bad = variant(tmp_path, argos_package, change, name="translate-en_fr-1_0")
    before = snapshot(argos_packages_dir)
    with pytest.raises(ModelPackageError, match=message):
        install_package(bad, models_dir=argos_packages_dir)
    assert snapshot(argos_packages_dir) == before


def test_refuses_a_file_that_is_not_a_zip(tmp_path: Path, argos_packages_dir: Path) -> None:
    text = tmp_path / "model.argosmodel"
    text.write_text("hello")
    before = snapshot(argos_packages_dir)
    with pytest.raises(ModelPackageError, match=r"model\.argosmodel: not a zip archive"):
        install_package(text, models_dir=argos_packages_dir)
    assert snapshot(argos_packages_dir) == before


def test_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelPackageError, match="no such file"):
        install_package(tmp_path / "absent.argosmodel", models_dir=tmp_path / "packages")
    assert not (tmp_path / "packages").exists()


def test_failed_install_does_not_create_the_folder(tmp_path: Path, argos_package: Path) -> None:
    bad = variant(tmp_path, argos_package, lambda f: (f / "model/model.bin").write_bytes(b"x"))
    with pytest.raises(ModelPackageError):
        install_package(bad, models_dir=tmp_path / "new" / "packages")
    assert not (tmp_path / "new" / "packages").exists()


def test_reinstall_replaces_the_same_package(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    newer = variant(tmp_path, argos_package, edit_metadata(package_version="1.0.1"))
    info = install_package(newer, models_dir=argos_packages_dir)
    assert info.package_version == "1.0.1"
    assert [p.name for p in argos_packages_dir.iterdir()] == ["translate-en_zh-1_0"]


def test_new_version_replaces_the_same_pair(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    newer = variant(
        tmp_path, argos_package, edit_metadata(package_version="1.1"), name="translate-en_zh-1_1"
    )
    install_package(newer, models_dir=argos_packages_dir)
    packages, problems = installed_packages(argos_packages_dir)
    assert [(p.name, p.package_version) for p in packages] == [("translate-en_zh-1_1", "1.1")]
    assert problems == []
    assert [p.name for p in argos_packages_dir.iterdir()] == ["translate-en_zh-1_1"]


def test_another_pair_is_added_beside(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    other = variant(tmp_path, argos_package, edit_metadata(to_code="ja"), name="translate-en_ja")
    install_package(other, models_dir=argos_packages_dir)
    packages, _ = installed_packages(argos_packages_dir)
    assert [p.pair for p in packages] == [("en", "ja"), ("en", "zh")]


def test_broken_folder_neither_blocks_installs_nor_listing(
    tmp_path: Path, argos_package: Path, argos_model_file: Path
) -> None:
    packages = tmp_path / "packages"
    (packages / "half-copied").mkdir(parents=True)
    (packages / "half-copied" / "model").mkdir()
    install_package(argos_model_file, models_dir=packages)
    found, problems = installed_packages(packages)
    assert [p.name for p in found] == ["translate-en_zh-1_0"]
    assert problems == ["half-copied: no metadata.json"]


def test_partial_temp_folder_of_another_install_is_ignored(
    argos_packages_dir: Path, argos_model_file: Path
) -> None:
    partial = argos_packages_dir / ".install-k2j4"
    (partial / "translate-en_de-1_0" / "model").mkdir(parents=True)
    (partial / "translate-en_de-1_0" / "metadata.json").write_text("{")
    with _held(partial):  # the other install is alive: it holds its workspace's lock
        install_package(argos_model_file, models_dir=argos_packages_dir)
    assert installed_packages(argos_packages_dir)[1] == []
    assert (partial / "translate-en_de-1_0" / "metadata.json").read_text() == "{"


@contextlib.contextmanager
def _held(folder: Path) -> Iterator[None]:
    """``folder`` locked the way a running install locks its workspace."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def test_remove_by_pair(argos_packages_dir: Path) -> None:
    removed = remove_package("en-zh", models_dir=argos_packages_dir)
    assert removed == argos_packages_dir / "translate-en_zh-1_0"
    assert list(argos_packages_dir.iterdir()) == []


def test_remove_a_broken_folder_by_name(argos_packages_dir: Path) -> None:
    (argos_packages_dir / "broken").mkdir()
    remove_package("broken", models_dir=argos_packages_dir)
    assert [p.name for p in argos_packages_dir.iterdir()] == ["translate-en_zh-1_0"]


def test_remove_what_is_not_installed(argos_packages_dir: Path) -> None:
    before = snapshot(argos_packages_dir)
    with pytest.raises(InvalidOptionError, match=r"en-fr is not installed .*\(installed: en-zh\)"):
        remove_package("en-fr", models_dir=argos_packages_dir)
    assert snapshot(argos_packages_dir) == before


@pytest.mark.parametrize("spec", ["enzh", "en-zh-tw", "-zh", "../packages", ".hidden"])
def test_remove_refuses_what_is_neither_pair_nor_folder(
    argos_packages_dir: Path, spec: str
) -> None:
    with pytest.raises(InvalidOptionError, match="neither a pair like en-zh"):
        remove_package(spec, models_dir=argos_packages_dir)
    assert (argos_packages_dir / "translate-en_zh-1_0").is_dir()


def test_remove_an_ambiguous_pair(argos_packages_dir: Path) -> None:
    shutil.copytree(argos_packages_dir / "translate-en_zh-1_0", argos_packages_dir / "copy")
    with pytest.raises(InvalidOptionError, match=r"ambiguous \(copy, translate-en_zh-1_0\)"):
        remove_package("en-zh", models_dir=argos_packages_dir)
    assert len(list(argos_packages_dir.iterdir())) == 2
