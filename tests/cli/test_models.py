"""``confl10n models ...``: listing, installing, removing, and the network commands."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confl10n.cli import app
from confl10n.cli.progress import DownloadProgress
from confl10n.translate.argos.install import package_size
from tests.conftest import LocalWeb

runner = CliRunner()


def models(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["models", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_apertium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No apertium command on PATH, so listings show the Argos packages only."""
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))


def test_list_when_nothing_is_installed(tmp_path: Path, no_apertium: None) -> None:
    (tmp_path / "none").mkdir()  # a folder that does not exist is an error (#25)
    code, out, _ = models("list", "--models-dir", str(tmp_path / "none"))
    assert (code, out) == (
        0,
        f"no packages installed in {tmp_path / 'none'} and no Apertium pairs\n",
    )


def test_list_shows_apertium_pairs_with_an_engine_column(
    apertium_bin: str, argos_packages_dir: Path
) -> None:
    code, out, _ = models("list", "--models-dir", str(argos_packages_dir))
    lines = [line.split() for line in out.splitlines()]
    assert code == 0
    assert lines[0][:2] == ["argos", "en-zh"]
    mode = Path(apertium_bin).parent.parent / "share" / "apertium" / "modes" / "eng-spa.mode"
    assert lines[1][:2] == ["apertium", "en-es"]
    assert lines[1][3:] == ["-", str(mode)]
    code, out, _ = models("list", "--models-dir", str(argos_packages_dir), "--format", "json")
    (english_spanish,) = [p for p in json.loads(out)["apertium"] if p["pair"] == "en-es"]
    assert english_spanish["mode"] == "eng-spa"
    assert english_spanish["package"] == "apertium-eng-spa"


def test_install_then_list(tmp_path: Path, argos_model_file: Path, no_apertium: None) -> None:
    packages = tmp_path / "packages"
    code, out, _ = models("install", str(argos_model_file), "--models-dir", str(packages))
    folder = packages / "translate-en_zh-1_0"
    assert (code, out) == (0, f"installed en-zh 1.0 in {folder}\n")
    code, out, _ = models("list", "--models-dir", str(packages))
    size = f"{package_size(folder) / 1e6:.1f} MB"
    assert (code, out.split()) == (0, ["argos", "en-zh", "1.0", *size.split(), str(folder)])


def test_list_json_reports_broken_folders_without_failing(
    argos_packages_dir: Path, monkeypatch: pytest.MonkeyPatch, no_apertium: None
) -> None:
    (argos_packages_dir / "broken").mkdir()
    monkeypatch.setenv("CONFL10N_MODELS_DIR", str(argos_packages_dir))
    code, out, _ = models("list", "--format", "json")
    folder = argos_packages_dir / "translate-en_zh-1_0"
    assert code == 0
    assert json.loads(out) == {
        "models_dir": str(argos_packages_dir),
        "packages": [
            {"pair": "en-zh", "version": "1.0", "size": package_size(folder), "path": str(folder)}
        ],
        "problems": ["broken: no metadata.json"],
        "apertium": [],
    }


def test_list_text_warns_about_broken_folders(argos_packages_dir: Path) -> None:
    (argos_packages_dir / "broken").mkdir()
    code, out, err = models("list", "--models-dir", str(argos_packages_dir))
    assert code == 0
    assert out.split()[:2] == ["argos", "en-zh"]
    assert (
        err
        == f"confl10n: warning: broken package in {argos_packages_dir}: broken: no metadata.json\n"
    )


def test_install_refuses_a_bad_file_in_one_line(tmp_path: Path, argos_packages_dir: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK not really")
    code, out, err = models("install", str(bad), "--models-dir", str(argos_packages_dir))
    assert (code, out) == (65, "")
    assert err == "confl10n: error: bad.argosmodel: not a zip archive (.argosmodel)\n"
    assert [p.name for p in argos_packages_dir.iterdir()] == ["translate-en_zh-1_0"]


def test_remove(argos_packages_dir: Path) -> None:
    code, out, _ = models("remove", "en-zh", "--models-dir", str(argos_packages_dir))
    assert (code, out) == (0, f"removed {argos_packages_dir / 'translate-en_zh-1_0'}\n")
    assert list(argos_packages_dir.iterdir()) == []


def test_remove_what_is_not_installed(argos_packages_dir: Path) -> None:
    code, _, err = models("remove", "en-ja", "--models-dir", str(argos_packages_dir))
    assert code == 64
    assert err.startswith("confl10n: error: en-ja is not installed")


@pytest.mark.parametrize("command", [["available"], ["download", "en", "zh"]])
def test_network_commands_fail_fast_offline(
    tmp_path: Path, closed_url: str, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # As the test setup: proxies point at a closed port, and so does the index.
    for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(variable, closed_url.removesuffix("/index.json"))
    monkeypatch.setenv("CONFL10N_ARGOS_INDEX", closed_url)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "confl10n", "models", *command, "--models-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert time.monotonic() - started < 5
    assert (result.returncode, result.stdout) == (69, "")
    [line] = result.stderr.splitlines()
    assert line.startswith("confl10n: error: this needs the network")
    assert line.endswith("confl10n models install FILE.argosmodel")
    assert list(tmp_path.iterdir()) == []


def serve(web: LocalWeb, package: bytes) -> str:
    web.files["/p.argosmodel"] = package
    index = [
        {
            "package_version": "1.0",
            "argos_version": "1.9.0",
            "from_code": "en",
            "from_name": "English",
            "to_code": "zh",
            "to_name": "Chinese",
            "links": [f"{web.url}/p.argosmodel"],
            "code": "translate-en_zh",
        }
    ]
    web.files["/index.json"] = json.dumps(index).encode()
    return f"{web.url}/index.json"


def test_available_lists_the_index(web: LocalWeb, tmp_path: Path) -> None:
    url = serve(web, b"")
    code, out, _ = models("available", "--index", url, "--models-dir", str(tmp_path))
    assert (code, out.split()) == (0, ["en-zh", "1.0", "-", "English", "->", "Chinese"])


def test_available_marks_installed_pairs(web: LocalWeb, argos_packages_dir: Path) -> None:
    url = serve(web, b"")
    args = ("--index", url, "--models-dir", str(argos_packages_dir), "--format", "json")
    code, out, _ = models("available", *args)
    assert code == 0
    assert json.loads(out) == [
        {"pair": "en-zh", "version": "1.0", "installed": "1.0", "languages": "English -> Chinese"}
    ]


def test_download_installs_without_a_progress_bar_off_a_tty(
    tmp_path: Path, web: LocalWeb, argos_model_file: Path
) -> None:
    url = serve(web, argos_model_file.read_bytes())
    code, out, err = models("download", "en", "zh", "--index", url, "--models-dir", str(tmp_path))
    assert (code, err) == (0, "")
    assert out == f"installed en-zh 1.0 in {tmp_path / 'translate-en_zh-1_0'}\n"
    assert web.requests == ["/index.json", "/p.argosmodel"]


def test_progress_bar_shows_bytes_percent_and_eta(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter([100.0, 102.0, 102.05, 112.0])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    bar = DownloadProgress()
    bar(2_000_000, 10_000_000)
    bar(2_100_000, 10_000_000)  # within a tenth of a second: not redrawn
    bar(10_000_000, 10_000_000)
    bar.finish()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (  # off a terminal, echo drops the line-clearing escape code
        "\rdownloading 2.0 MB / 10.0 MB  20%  ETA 0:08"
        "\rdownloading 10.0 MB / 10.0 MB  100%  ETA 0:00\n"
    )
