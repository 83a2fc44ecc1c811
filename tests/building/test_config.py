"""confl10n.toml: found, read, paths resolved against the file, mistakes refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.building.config import (
    CONFIG_NAME,
    BuildConfig,
    cluster_choice,
    find_config,
    load_config,
)
from confl10n.errors import InputError, InvalidOptionError

REPO = Path(__file__).resolve().parents[2]


def write(folder: Path, text: str, name: str = CONFIG_NAME) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_config_builds_the_sample_for_five_locales() -> None:
    config = load_config(REPO / CONFIG_NAME)
    assert config.sources == (REPO / "source" / "article.md",)
    assert config.locales == ("zh_CN", "es_ES", "de_DE", "ja_JP", "ar_EG")
    assert config.out == REPO / "output"
    assert config.algorithm == "lexrank"


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[build]\nsources = ["a.md", "sub/b.txt"]\nout = "built"\n')
    config = load_config(path)
    assert config.sources == (tmp_path / "a.md", tmp_path / "sub" / "b.txt")
    assert config.out == tmp_path / "built"
    assert (config.locales, config.algorithm, config.engine) == (None, None, None)


def test_found_in_the_given_folder_or_not_at_all(tmp_path: Path) -> None:
    assert find_config(None, cwd=tmp_path) is None
    write(tmp_path, "[build]\nengine = 'apertium'\n")
    found = find_config(None, cwd=tmp_path)
    assert isinstance(found, BuildConfig) and found.engine == "apertium"


def test_an_explicit_config_that_is_missing_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^config .*nope\.toml: no such file$"):
        find_config(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[build]\nlocale = ['zh_CN']\n", r"unknown key build\.locale; known keys: algorithm, "),
        ("[build]\nlocales = 'zh_CN'\n", r"build\.locales must be a list of strings"),
        ("[build]\nout = 3\n", r"build\.out must be a string"),
        ("[build]\nlocales = ['zh_CN', '']\n", r"build\.locales must be a list of non-empty"),
        ("build = 1\n", r"\[build\] must be a table"),
    ],
)
def test_mistakes_are_one_line_option_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidOptionError, match=message) as info:
        load_config(write(tmp_path, text))
    assert "\n" not in str(info.value)


def test_broken_toml_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(write(tmp_path, "[build\n"))


def test_scheduler_and_workers_keys_are_read_and_checked(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "[build]\nscheduler = 'tcp://scheduler.example:8786'\n"))
    assert (config.scheduler, config.workers) == ("tcp://scheduler.example:8786", None)
    assert load_config(write(tmp_path, "[build]\nworkers = 3\n")).workers == 3
    for text, wanted in (("workers = true", "a whole number"), ("workers = '2'", "a whole number")):
        with pytest.raises(InvalidOptionError, match=rf"build\.workers must be {wanted}"):
            load_config(write(tmp_path, f"[build]\n{text}\n"))
    with pytest.raises(InvalidOptionError, match=r"build\.scheduler must be a string"):
        load_config(write(tmp_path, "[build]\nscheduler = 8786\n"))


def test_the_command_line_choice_of_cluster_wins_over_the_file_as_a_pair(tmp_path: Path) -> None:
    project = load_config(write(tmp_path, "[build]\nscheduler = 'tcp://scheduler.example:8786'\n"))
    assert cluster_choice(project, None, None) == "tcp://scheduler.example:8786"
    assert cluster_choice(project, None, 2) == 2  # not "both": the file's scheduler yields
    assert cluster_choice(project, "tcp://h:1", None) == "tcp://h:1"
    assert cluster_choice(None, None, None) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "scheduler = 'tcp://h:1'\nworkers = 2",
            "give a scheduler or a number of workers, not both",
        ),
        ("workers = 0", "workers must be at least 1, got 0"),
        ("workers = -3", "workers must be at least 1, got -3"),
        ("scheduler = ''", "the scheduler address is empty"),
    ],
)
def test_contradictory_or_empty_cluster_settings_are_option_errors(
    tmp_path: Path, text: str, message: str
) -> None:
    project = load_config(write(tmp_path, f"[build]\n{text}\n"))
    with pytest.raises(InvalidOptionError, match=message):
        cluster_choice(project, None, None)
