"""``confl10n figures``: one row per figure, one column per locale, in three formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from confl10n.cli import app

runner = CliRunner()


def test_table_has_a_row_per_figure_and_a_column_per_locale(sample_path: Path) -> None:
    result = runner.invoke(
        app, ["figures", str(sample_path), "--locale", "zh_CN", "--locale", "de_DE"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "source", "kind", "value", "zh_CN", "de_DE"]
    assert len(lines) == 1 + 34
    money = next(line for line in lines if line.startswith("s2.p1.t1"))
    assert "380000000000 CNY" in money and "3800亿元" in money
    assert money.rstrip().endswith("380 Milliarden Yuan")


def test_a_locale_given_twice_is_one_column_and_listed_once(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Chips\n\nIt was worth 380 billion yuan.\n", encoding="utf-8")
    asked = ["--locale", "es", "--locale", "es_MX", "--locale", "es"]
    table = runner.invoke(app, ["figures", str(article), *asked])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["id", "source", "kind", "value", "es", "es_MX"]
    document = runner.invoke(app, ["figures", str(article), *asked, "--format", "json"])
    assert json.loads(document.stdout)["locales"] == ["es", "es_MX"]


def test_json_carries_spans_values_and_renderings(sample_path: Path) -> None:
    result = runner.invoke(
        app, ["figures", str(sample_path), "--locale", "es_ES", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["locales"] == ["es_ES"]
    text = sample_path.read_text(encoding="utf-8")
    first = data["figures"][0]
    assert first["source"] == "December 19" and first["value"] == "2024-12-19"
    assert first["parts"] == "md" and first["renderings"] == {"es_ES": "19 de diciembre"}
    rent = next(f for f in data["figures"] if f["upper"] is not None)
    assert (rent["value"], rent["upper"], rent["unit"]) == ("500", "1000", "CNY")
    assert rent["renderings"]["es_ES"] == "500–1000 yuanes"
    assert "500 to 1,000 yuan" in text


def test_markdown_table(sample_path: Path) -> None:
    result = runner.invoke(
        app, ["figures", str(sample_path), "--locale", "ja_JP", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["| id | source | kind | value | ja_JP |", "|---|---|---|---|---|"]
    assert "| s2.p8.t5 | 1.92 square kilometers | measure | 1.92 square kilometers |" in (
        result.stdout
    )
    assert "| 1.92平方キロメートル |" in result.stdout


def test_dates_without_a_year_need_a_reference_date(seed_path: Path) -> None:
    flagged = runner.invoke(app, ["figures", str(seed_path), "--locale", "fr_FR"])
    assert flagged.exit_code == 0
    assert "no year written and no reference date" not in flagged.stdout  # said once, below
    assert flagged.stderr.count("without a year and no reference date") == 1
    assert "--12-19" in flagged.stdout and "2000" not in flagged.stdout
    resolved = runner.invoke(
        app, ["figures", str(seed_path), "--locale", "fr_FR", "--reference-date", "2024-12-20"]
    )
    assert resolved.exit_code == 0
    assert "no reference date" not in resolved.stdout
    assert "2024-12-19" in resolved.stdout and "19 décembre" in resolved.stdout


def test_an_article_without_figures_gives_an_empty_table(tmp_path: Path) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("A title\n\nNothing here is a figure at all.\n", encoding="utf-8")
    result = runner.invoke(app, ["figures", str(article), "--locale", "fr_FR"])
    assert result.exit_code == 0
    assert result.stdout.split() == ["id", "source", "kind", "value", "fr_FR"]
    as_json = runner.invoke(app, ["figures", str(article), "--locale", "fr_FR", "--format", "json"])
    assert json.loads(as_json.stdout) == {"locales": ["fr_FR"], "figures": []}


def test_unknown_locale_is_one_line_and_exit_64(sample_path: Path) -> None:
    result = runner.invoke(app, ["figures", str(sample_path), "--locale", "zh_XX"])
    assert result.exit_code == 64
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "confl10n: error: unknown locale 'zh_XX'; did you mean zh_CN, zh_TW, zh_SG?"
    ]


def test_bad_reference_date_and_missing_locale(sample_path: Path) -> None:
    bad_date = runner.invoke(
        app, ["figures", str(sample_path), "--locale", "de_DE", "--reference-date", "20/12/2024"]
    )
    assert bad_date.exit_code == 64
    assert "YYYY-MM-DD" in bad_date.stderr
    no_locale = runner.invoke(app, ["figures", str(sample_path)])
    assert no_locale.exit_code == 64  # a usage error: the documented code, not Click's 2
    assert "--locale" in no_locale.stderr


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["figures", str(tmp_path / "nope.txt"), "--locale", "de_DE"])
    assert result.exit_code == 65
    assert "no such file" in result.stderr


def test_json_shows_new_kinds_with_only_the_parts_written(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2024-12-20\n---\n# Budget\n\nFY 2024 sales grew 2.5x in 2022-2023. "
        "Polls close at 8 p.m. in October, and again on May 5.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["figures", str(article), "--locale", "de_DE", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [(f["source"], f["kind"], f["value"], f["upper"], f["renderings"]["de_DE"], f["note"])
            for f in json.loads(result.stdout)["figures"]]  # fmt: skip
    assert rows[:5] == [
        ("FY 2024", "date", "2024", None, "Haushaltsjahr 2024", None),
        ("2.5x", "multiplier", "2.5", None, "2,5-fach", None),
        ("2022-2023", "date", "2022", "2023", "2022–2023", None),
        ("8 p.m.", "time", "20:00", None, "20 Uhr", None),
        ("October", "date", "2024-10", None, "Oktober", None),
    ]
    source, _, value, _, rendering, note = rows[5]
    assert (source, value, rendering) == ("May 5", "2025-05-05", "5. Mai")
    assert note is not None and "2025" in note and "2024" in note


def test_a_measures_value_names_its_unit_once_in_plain_english(tmp_path: Path) -> None:
    path = tmp_path / "units.txt"
    text = "The probe flew 4.5bn km. Output rose from 2 to 9 million tonnes."
    path.write_text(f"T\n\n{text} Between 5 and 6 feet of snow fell.\n", encoding="utf-8")
    table = runner.invoke(app, ["figures", str(path), "--locale", "es_ES"]).stdout
    values = [re.split(r"\s{2,}", line)[3] for line in table.splitlines()[1:]]
    # The value is already scaled: no scale word after it, and no range word either.
    assert values == [
        "4500000000 kilometers", "2000000 metric tons", "9000000 metric tons", "5–6 feet",
    ]  # fmt: skip


def test_a_compound_duration_is_one_row_in_its_smallest_unit(tmp_path: Path) -> None:
    article = tmp_path / "delays.md"
    article.write_text("# Delays\n\nAverage delays rose by 35 minutes to 1 hour 20 minutes.\n")
    args = ["figures", str(article), "--locale", "es_ES", "--locale", "de_DE", "--locale", "zh_CN"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["figures"]
    assert [(r["source"], r["value"], r["unit"]) for r in rows] == [
        ("35 minutes", "35", "duration-minute"),
        ("1 hour 20 minutes", "80", "duration-hour-and-minute"),
    ]
    assert rows[1]["renderings"] == {
        "es_ES": "1 hora y 20 minutos", "de_DE": "1 Stunde, 20 Minuten", "zh_CN": "1小时20分钟",
    }  # fmt: skip
    table = runner.invoke(app, args)
    assert "80 minutes" in table.stdout
