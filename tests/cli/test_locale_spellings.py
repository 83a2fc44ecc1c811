"""Every command takes a target as people type it: a language, a locale or a script/region
tag, in any case (``es``, ``es_ES``, ``es-ES``, ``zh_CN``, ``zh-Hans``, ``zh-Hant``,
``zh_Hant_TW``, ``pt-BR``, ``es-419``), with real engines (Apertium es, the kit's zh)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confl10n.cli import app

runner = CliRunner()

ARTICLE = (
    "# China bets on chips\n\n"
    "With its AI industry already worth more than 380 billion yuan, China spent "
    "$2.5 million on 12,500 chips on 3 March 2024.\n\n"
    "Officials said the plan would take five years.\n"
)
SPANISH = ["es", "ES", "es_ES", "es-ES", "es-es", "es_MX", "es-419"]
CHINESE_KIT = ["zh", "ZH", "zh_CN", "zh-CN", "zh-Hans", "zh_hans", "zh_Hans_CN", "zh_SG"]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "chips.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("typed", SPANISH)
def test_translate_takes_every_spanish_spelling(
    typed: str, article: Path, apertium_bin: str
) -> None:
    code, out, err = run("translate", str(article), "--to", typed, "--engine", "apertium",
                         "--no-cache", "--format", "json")  # fmt: skip
    assert code == 0, err
    translation = json.loads(out)["translations"][0]
    locale = {"es_MX": "es_MX", "es-419": "es_419"}.get(typed, "es_ES")
    assert (translation["target"], translation["qa"]["locale"]) == ("es", locale)
    if locale == "es_ES":  # the newsroom style, never CLDR's raw "380 mil M CNY"
        assert "380.000 millones de yuanes" in out and "mil M" not in out
    assert translation["provenance"]["options"]["locale"].startswith(
        "es -> es_ES (CLDR likely subtags)" if typed in ("es", "ES") else ""
    )


@pytest.mark.parametrize("typed", CHINESE_KIT)
def test_translate_takes_every_simplified_chinese_spelling(
    typed: str, article: Path, argos_packages_dir: Path
) -> None:
    code, out, err = run("translate", str(article), "--to", typed, "--models-dir",
                         str(argos_packages_dir), "--threads", "1", "--no-cache",
                         "--format", "json")  # fmt: skip
    assert code == 0, err
    translation = json.loads(out)["translations"][0]
    locale = "zh_SG" if typed == "zh_SG" else "zh_CN"
    assert (translation["target"], translation["qa"]["locale"]) == ("zh", locale)
    assert f"qa zh ({locale})" in err


@pytest.mark.parametrize(
    ("typed", "pair", "locale"),
    [
        ("zh-Hant", "en->zt", "zh_TW"),
        ("zh_Hant_TW", "en->zt", "zh_TW"),
        ("pt-BR", "en->pb", "pt_BR"),
    ],
)
def test_a_missing_engine_names_the_pair_in_the_engines_codes_with_their_locale(
    typed: str, pair: str, locale: str, article: Path, argos_packages_dir: Path
) -> None:
    code, out, err = run("translate", str(article), "--to", typed, "--models-dir",
                         str(argos_packages_dir), "--no-cache")  # fmt: skip
    assert (code, out) == (69, "")
    source, target = pair.split("->")
    assert f"no installed model translates {pair} ({locale}) (Argos models: " in err
    assert f"confl10n models download {source} {target}`" in err and len(err.splitlines()) == 1


def test_translate_to_two_spellings_of_one_locale_translates_once(
    article: Path, apertium_bin: str, tmp_path: Path
) -> None:
    output = tmp_path / "out-{lang}.md"
    code, _, err = run("translate", str(article), "--to", "es-ES", "--to", "ES_es", "--to",
                       "es-419", "--engine", "apertium", "--no-cache", "--format", "md",
                       "--output", str(output))  # fmt: skip
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.glob("out-*")) == ["out-es_419.md", "out-es_ES.md"]
    assert err.count("qa es (es_ES)") == 1 and err.count("qa es (es_419)") == 1


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [("es", "es_ES"), ("ES-es", "es_ES"), ("zh", "zh_CN"), ("zh-Hans", "zh_CN"),
     ("ZH_cn", "zh_CN"), ("zh-Hant", "zh_TW"), ("zh_Hant_TW", "zh_TW"), ("ja", "ja_JP"),
     ("de", "de_DE"), ("pt-BR", "pt_BR"), ("es-419", "es_419")],
)  # fmt: skip
def test_figures_take_every_spelling_with_the_default_locales_style(
    typed: str, same_as: str, article: Path
) -> None:
    code, typed_out, err = run("figures", str(article), "--locale", typed, "--format", "json")
    assert code == 0, err
    _, canonical_out, _ = run("figures", str(article), "--locale", same_as, "--format", "json")
    typed_rows = json.loads(typed_out)["figures"]
    rows = json.loads(canonical_out)["figures"]
    assert [r["renderings"][typed] for r in typed_rows] == [r["renderings"][same_as] for r in rows]


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [("zh", "3800亿元"), ("zh-Hans", "3800亿元"), ("ja", "3800億元"), ("es", "380.000 millones de yuanes"),
     ("zh-Hant", "3800億元人民幣"), ("de", "380 Milliarden Yuan")],
)  # fmt: skip
def test_figures_of_a_bare_language_are_in_newsroom_style(
    typed: str, yuan: str, article: Path
) -> None:
    code, out, err = run("figures", str(article), "--locale", typed, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["figures"][0]["renderings"][typed] == yuan


@pytest.mark.parametrize("typed", ["en", "EN", "en_US", "en-GB", "en-us"])
def test_summarize_takes_every_spelling_of_the_language(typed: str, article: Path) -> None:
    code, out, err = run("summarize", str(article), "--lang", typed, "--format", "json")
    assert code == 0, err
    _, plain, _ = run("summarize", str(article), "--lang", "en", "--format", "json")
    assert json.loads(out) == json.loads(plain)


@pytest.mark.parametrize(
    "args",
    [["segment", "--lang"], ["summarize", "--lang"], ["translate", "--to", "es", "--from"]],
)
@pytest.mark.parametrize(
    ("typed", "message"),
    [("english", "unknown locale 'english'; did you mean en?"),
     ("es_XX", "unknown locale 'es_XX'; did you mean es_ES, es_MX, sv_AX?")],
)  # fmt: skip
def test_the_article_s_language_is_checked_as_a_target_is(
    args: list[str], typed: str, message: str, article: Path
) -> None:
    code, out, err = run(args[0], str(article), *args[1:], typed)
    assert (code, out, err) == (64, "", f"confl10n: error: {message}\n")


@pytest.mark.parametrize("command", ["segment", "summarize"])
def test_the_article_s_language_takes_every_spelling(command: str, article: Path) -> None:
    for typed in ("en", "EN", "en_US", "en-gb"):
        code, _, err = run(command, str(article), "--lang", typed)
        assert code == 0, err


def test_summaries_name_the_languages_they_have_for_a_real_one_they_lack(article: Path) -> None:
    code, _, err = run("summarize", str(article), "--lang", "fi")
    assert code == 64 and "summaries do not support language 'fi'; supported: ar, cs" in err


@pytest.mark.parametrize("command", ["translate", "figures", "build"])
def test_an_unknown_code_is_one_line_with_close_matches(
    command: str, article: Path, tmp_path: Path
) -> None:
    option = "--locale" if command == "figures" else "--to"
    extra = ["--out", str(tmp_path / "out")] if command == "build" else []
    code, out, err = run(command, str(article), option, "es_XX", *extra)
    assert (code, out) == (64, "")
    assert err == "confl10n: error: unknown locale 'es_XX'; did you mean es_ES, es_MX, sv_AX?\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [["translate", "ARTICLE", "--to", "es", "--bogus"], ["translate", "ARTICLE"],
     ["figures", "ARTICLE"], ["build", "ARTICLE", "--workers", "two"], ["no-such-command"],
     ["translate", "ARTICLE", "--to", "es", "--format", "pdf"]],
)  # fmt: skip
def test_usage_errors_exit_with_the_documented_64(args: list[str], article: Path) -> None:
    code, out, err = run(*[str(article) if a == "ARTICLE" else a for a in args])
    assert (code, out) == (64, "")
    assert "Error:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [["translate", "ARTICLE", "--to", "zh"], ["build", "ARTICLE", "--to", "zh", "--out", "OUT"],
     ["models", "list"], ["models", "remove", "en-zh"]],
)  # fmt: skip
def test_a_models_dir_that_does_not_exist_is_one_line(
    command: list[str], article: Path, tmp_path: Path
) -> None:
    given = {"ARTICLE": str(article), "OUT": str(tmp_path / "out")}
    args = [given.get(a, a) for a in command]
    missing = tmp_path / "modles"
    code, out, err = run(*args, "--models-dir", str(missing))
    assert (code, out) == (64, "")
    assert err == f"confl10n: error: --models-dir {str(missing)!r} does not exist\n"
    file = tmp_path / "file"
    file.write_text("x")
    code, _, err = run(*args, "--models-dir", str(file))
    assert code == 64 and err.endswith("is not a folder\n")
    assert not (tmp_path / "out").exists() and file.read_text() == "x"


@pytest.mark.parametrize(
    ("to", "locale", "shown"),
    [("zh", "zh-Hant", "zh_TW"), ("zh-Hans", "ZH_tw", "zh_TW"), ("zh", "zh_Hant_HK", "zh_HK")],
)
def test_translate_locale_takes_every_spelling_too(
    to: str, locale: str, shown: str, article: Path, argos_packages_dir: Path
) -> None:
    code, out, err = run("translate", str(article), "--to", to, "--locale", locale,
                         "--models-dir", str(argos_packages_dir), "--threads", "1",
                         "--no-cache", "--format", "json")  # fmt: skip
    assert code == 0, err
    translation = json.loads(out)["translations"][0]
    assert (translation["target"], translation["qa"]["locale"]) == ("zh", shown)
    code, _, err = run("translate", str(article), "--to", to, "--locale", "ja", "--models-dir",
                       str(argos_packages_dir), "--no-cache")  # fmt: skip
    assert (code, err) == (64, "confl10n: error: --locale ja is for none of the --to languages\n")


@pytest.mark.parametrize("source", ["en", "EN", "en-US", "en_GB", "en-gb"])
def test_translate_from_takes_every_spelling(source: str, article: Path, apertium_bin: str) -> None:
    code, out, err = run("translate", str(article), "--from", source, "--to", "es-ES",
                         "--engine", "apertium", "--no-cache", "--format", "json")  # fmt: skip
    assert code == 0, err
    translation = json.loads(out)["translations"][0]
    assert (translation["source"], translation["target"]) == ("en", "es")


def test_config_locales_take_every_spelling(
    article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    config = tmp_path / "confl10n.toml"
    config.write_text(f'[build]\nsources = ["{article.name}"]\nlocales = ["ES-es", "es-419"]\n'
                      'out = "built"\nengine = "apertium"\n')  # fmt: skip
    code, out, err = run("build", "--config", str(config), "--no-cache")
    assert code == 0, err
    folder = tmp_path / "built" / "china-bets-on-chips"
    assert out == f"{folder}  (en, es_ES, es_419)\n"
