"""An install replaces only packages of its own pair, says so, and never removes another pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confl10n.cli.app import app
from confl10n.errors import ModelPackageError
from confl10n.translate.argos.install import install_package
from confl10n.translate.argos.packages import PackageInfo, installed_packages
from tests.helpers import snapshot
from tests.translate.argos.test_install import edit_metadata, variant


def _install(path: Path, packages: Path) -> tuple[PackageInfo, list[tuple[str, str, str]]]:
    replaced: list[PackageInfo] = []
    info = install_package(path, models_dir=packages, on_replace=replaced.append)
    return info, [(p.name, *p.pair) for p in replaced]


def _pairs(packages: Path) -> list[tuple[str, tuple[str, str]]]:
    return [(p.name, p.pair) for p in installed_packages(packages)[0]]


@pytest.mark.parametrize("to_code", ["es", "ja", "de"])
def test_a_same_named_package_of_another_pair_installs_beside(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path, to_code: str
) -> None:
    clash = variant(tmp_path, argos_package, edit_metadata(to_code=to_code))
    zh_before = snapshot(argos_packages_dir / "translate-en_zh-1_0")
    info, replaced = _install(clash, argos_packages_dir)
    assert replaced == []
    assert info.name == f"translate-en_zh-1_0-en_{to_code}"
    assert sorted(_pairs(argos_packages_dir)) == sorted(
        [("translate-en_zh-1_0", ("en", "zh")), (info.name, ("en", to_code))]
    )
    assert snapshot(argos_packages_dir / "translate-en_zh-1_0") == zh_before


def test_a_second_clash_takes_the_next_free_name(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    taken = argos_packages_dir / "translate-en_zh-1_0-en_es"
    taken.mkdir()
    (taken / "metadata.json").write_text(json.dumps({"from_code": "en", "to_code": "fr"}))
    clash = variant(tmp_path, argos_package, edit_metadata(to_code="es"))
    info, _ = _install(clash, argos_packages_dir)
    assert info.name == "translate-en_zh-1_0-en_es-2"
    assert (taken / "metadata.json").is_file()
    assert ("translate-en_zh-1_0", ("en", "zh")) in _pairs(argos_packages_dir)


@pytest.mark.parametrize(
    "content", ["", "{", '{"from_code": "en"}', "[" * 1500 + "]" * 1500], ids=str.__len__
)
def test_a_same_named_folder_whose_pair_cannot_be_read_is_kept(
    tmp_path: Path, argos_model_file: Path, content: str
) -> None:
    packages = tmp_path / "packages"
    odd = packages / "translate-en_zh-1_0"
    odd.mkdir(parents=True)
    (odd / "metadata.json").write_text(content)
    info, replaced = _install(argos_model_file, packages)
    assert (info.name, replaced) == ("translate-en_zh-1_0-en_zh", [])
    assert (odd / "metadata.json").read_text() == content


def test_the_same_pair_is_replaced_and_reported(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    newer = variant(
        tmp_path, argos_package, edit_metadata(package_version="1.1"), name="translate-en_zh-1_1"
    )
    info, replaced = _install(newer, argos_packages_dir)
    assert replaced == [("translate-en_zh-1_0", "en", "zh")]
    assert _pairs(argos_packages_dir) == [(info.name, ("en", "zh"))]


def test_a_reinstall_in_place_is_reported(argos_packages_dir: Path, argos_model_file: Path) -> None:
    info, replaced = _install(argos_model_file, argos_packages_dir)
    assert replaced == [("translate-en_zh-1_0", "en", "zh")]
    assert _pairs(argos_packages_dir) == [(info.name, ("en", "zh"))]


def test_the_cli_says_what_it_replaced_and_keeps_the_other_pair(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    runner = CliRunner()
    clash = variant(tmp_path, argos_package, edit_metadata(to_code="es"))
    args = ["--models-dir", str(argos_packages_dir)]
    result = runner.invoke(app, ["models", "install", str(clash), *args])
    assert result.exit_code == 0, result.output
    assert "replaced" not in result.stdout
    listing = runner.invoke(app, ["models", "list", "--format", "json", *args])
    pairs = sorted(row["pair"] for row in json.loads(listing.stdout)["packages"])
    assert pairs == ["en-es", "en-zh"]
    again = runner.invoke(app, ["models", "install", str(clash), *args])
    assert again.stdout.splitlines()[0] == (
        f"replaced en-es 1.0 in {argos_packages_dir / 'translate-en_zh-1_0-en_es'}"
    )


def test_a_deeply_nested_metadata_is_refused_in_one_line(
    tmp_path: Path, argos_packages_dir: Path, argos_package: Path
) -> None:
    def nest(folder: Path) -> None:
        (folder / "metadata.json").write_text("[" * 1500 + "]" * 1500)

    nested = variant(tmp_path, argos_package, nest, name="translate-en_de-1_0")
    before = snapshot(argos_packages_dir)
    with pytest.raises(ModelPackageError, match=r"malformed metadata\.json \(nested too deeply\)$"):
        install_package(nested, models_dir=argos_packages_dir)
    assert snapshot(argos_packages_dir) == before
