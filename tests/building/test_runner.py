"""One runner per build, chosen once from the options and the config; summary options
resolved from both; the source bulletin's provenance says how the summary was made."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from confl10n import BuildOptions, build
from confl10n.building.build import LocalRunner, open_runner
from confl10n.building.plan import plan_build
from confl10n.errors import InputError, InvalidOptionError
from confl10n.summarize import SummaryOptions


def config_file(tmp_path: Path, sample_path: Path, extra: str = "") -> Path:
    config = tmp_path / "site.toml"
    config.write_text(f'[build]\nsources = ["{sample_path}"]\nlocales = []\n{extra}')
    return config


@pytest.mark.parametrize(
    ("extra", "summary", "expected"),
    [
        ("", SummaryOptions(), ("lexrank", "lead")),
        ('lede = "central"\n', SummaryOptions(), ("lexrank", "central")),
        ('lede = "central"\n', SummaryOptions(algorithm="textrank"), ("textrank", "central")),
        ('algorithm = "lsa"\n', SummaryOptions(lede_mode="central"), ("lsa", "central")),
        ('algorithm = "lsa"\nlede = "central"\n', SummaryOptions(algorithm="Luhn", lede_mode="lead"),
         ("luhn", "lead")),
    ],
)  # fmt: skip
def test_summary_options_left_open_come_from_the_config(
    tmp_path: Path,
    sample_path: Path,
    extra: str,
    summary: SummaryOptions,
    expected: tuple[str, str],
) -> None:
    options = BuildOptions(config=config_file(tmp_path, sample_path, extra), summary=summary)
    plan = plan_build(None, options)
    assert (plan.summary.algorithm, plan.summary.lede_mode) == expected
    report = build(options=replace(options, out=tmp_path / "out"), cache=False)
    written = json.loads((report.articles[0].path / "en" / "bundle.json").read_text())
    assert written["provenance"]["summary"] == {
        "algorithm": expected[0], "lang": "en", "lede": expected[1],
    }  # fmt: skip


def test_a_bad_summary_option_fails_before_anything_is_written(
    tmp_path: Path, sample_path: Path
) -> None:
    options = BuildOptions(
        locales=[], out=tmp_path / "out", summary=SummaryOptions(algorithm="bert")
    )
    with pytest.raises(InvalidOptionError, match="unknown algorithm 'bert'"):
        build([sample_path], options=options, cache=False)
    assert not (tmp_path / "out").exists()


def test_the_runner_reads_the_config_once(tmp_path: Path, sample_path: Path) -> None:
    config = config_file(tmp_path, sample_path, f'out = "{tmp_path / "out"}"\n')
    with open_runner(BuildOptions(config=config)) as runner:
        assert isinstance(runner, LocalRunner)
        config.write_text("not toml at all [")  # a second read would fail
        plan = runner.plan(None)
        report = runner.run(plan, cache=False)
    assert [a.locales for a in report.articles] == [("en",)]
    with (
        pytest.raises(InputError, match="not valid TOML"),
        open_runner(BuildOptions(config=config)),
    ):
        pass


def test_scheduler_and_workers_together_are_refused_before_any_cluster(tmp_path: Path) -> None:
    options = BuildOptions(scheduler="tcp://127.0.0.1:9", workers=2, out=tmp_path / "out")
    with pytest.raises(InvalidOptionError), open_runner(options):
        pass
    assert not (tmp_path / "out").exists()
