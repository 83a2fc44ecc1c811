"""``confl10n translate``: formats, several languages, --output, cache, errors, a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confl10n.cli import app
from confl10n.cli import progress as progress_line
from confl10n.text.reader import read_article
from confl10n.translate.cache import TranslationCache
from tests import argos_kit

runner = CliRunner()


def translate(packages: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    options = ["--models-dir", str(packages), "--threads", "1"]
    result = runner.invoke(app, ["translate", *args, *options], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_text_lists_every_unit_with_its_id(sample_path: Path, argos_packages_dir: Path) -> None:
    code, out, err = translate(
        argos_packages_dir, str(sample_path), "--to", "zh", "--no-cache", "--no-protect-numbers"
    )
    assert code == 0
    assert err.startswith(
        "confl10n: qa zh (zh_CN): 13 numeric findings (9 missing, 3 wrong scale, 1 wrong value)"
        " in 79 units\n"
    )
    units = list(read_article(sample_path).units())
    lines = out.splitlines()
    assert lines[0] == f"title  {units[0].text}"
    for unit in units:
        assert f"{unit.id}  {unit.text}" in out
    assert "  s2.p1" in lines


def test_json_has_structure_units_and_provenance(
    sample_path: Path, argos_packages_dir: Path
) -> None:
    code, out, _ = translate(
        argos_packages_dir, str(sample_path), "--to", "zh", "--format", "json", "--no-cache"
    )
    assert code == 0
    document = json.loads(out)
    (result,) = document["translations"]
    assert (result["source"], result["target"]) == ("en", "zh")
    assert result["provenance"]["path"] == ["en", "zh"]
    assert result["provenance"]["engines"][0]["model"] == "translate-en_zh-1_0"
    heading = result["sections"][1]["heading"]
    assert heading["id"] == "s2.h"
    assert heading["target"] == "Developing New Quality Productive Forces"
    sentence = result["sections"][0]["paragraphs"][0]["sentences"][0]
    assert (sentence["id"], sentence["origin"], sentence["flags"]) == ("s1.p1.t1", "engine", [])


def test_markdown_keeps_title_headings_and_paragraphs(
    sample_path: Path, argos_packages_dir: Path
) -> None:
    code, out, _ = translate(
        argos_packages_dir, str(sample_path), "--to", "zh", "--format", "md", "--no-cache"
    )
    article = read_article(sample_path)
    assert code == 0
    assert out.startswith(f"# {article.title.text}\n\n" if article.title else "")
    assert "\n## Developing New Quality Productive Forces\n" in out
    assert "\n> “Whether to take up AI" in out


def test_several_languages_one_after_the_other(
    tmp_path: Path, argos_tokenizer: Path, argos_packages_dir: Path
) -> None:
    argos_kit.write_package(
        argos_packages_dir, argos_tokenizer, to_code="ja", target_prefix="__ja__"
    )
    article = tmp_path / "a.md"
    article.write_text("# Shanghai\n\nMedia gathered.\n", encoding="utf-8")
    code, out, _ = translate(
        argos_packages_dir, str(article), "--to", "zh", "--to", "ja", "--no-cache"
    )
    assert code == 0
    assert out.split("\n\n") == [
        "== zh_CN (en->zh) ==\ntitle  Shanghai\ns1  (untitled)\n  s1.p1\n    s1.p1.t1  Media gathered.",
        "== ja_JP (en->ja) ==\ntitle  Shanghai\ns1  (untitled)\n  s1.p1\n    s1.p1.t1  Media gathered.\n",
    ]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_two_locales_of_one_language_are_told_apart_by_their_locale(
    tmp_path: Path, apertium_bin: str, fmt: str
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Shanghai\n\nIt cost 1,500.5 yuan.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["translate", str(article), "--to", "es", "--to", "es_MX", "--format", fmt,
              "--no-cache"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert headers == ["== es_ES (en->es) ==", "== es_MX (en->es) =="]
    (status,) = [line for line in result.stderr.splitlines() if "es_MX" in line]
    assert status.startswith("confl10n: qa es (es_MX)")


def test_json_tells_two_locales_of_one_language_apart_by_qa_locale(
    tmp_path: Path, apertium_bin: str
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Shanghai\n\nIt cost 1,500.5 yuan.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["translate", str(article), "--to", "es", "--to", "es_MX", "--format", "json",
              "--no-cache"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    translations = json.loads(result.stdout)["translations"]
    assert [(t["target"], t["qa"]["locale"]) for t in translations] == [
        ("es", "es_ES"), ("es", "es_MX")
    ]  # fmt: skip


def test_output_is_written_whole_and_nothing_printed(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    target = tmp_path / "out" / "article.zh.md"
    target.parent.mkdir()
    code, out, _ = translate(
        argos_packages_dir,
        str(sample_path),
        "--to",
        "zh",
        "--format",
        "md",
        "--output",
        str(target),
    )
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# Newspaper Leaders")
    assert [p.name for p in target.parent.iterdir()] == ["article.zh.md"]


def test_output_with_lang_field_writes_one_file_per_language(
    tmp_path: Path, argos_tokenizer: Path, argos_packages_dir: Path
) -> None:
    argos_kit.write_package(
        argos_packages_dir, argos_tokenizer, to_code="ja", target_prefix="__ja__"
    )
    article = tmp_path / "a.txt"
    article.write_text("Shanghai\n\nMedia gathered.\n", encoding="utf-8")
    pattern = tmp_path / "bulletin.{lang}.json"
    code, _, _ = translate(
        argos_packages_dir, str(article), "--to", "zh", "--to", "ja", "--format", "json",
        "--output", str(pattern),
    )  # fmt: skip
    assert code == 0
    for language in ("zh", "ja"):
        document = json.loads((tmp_path / f"bulletin.{language}.json").read_text(encoding="utf-8"))
        assert [t["target"] for t in document["translations"]] == [language]


def test_missing_pair_fails_in_one_line_and_writes_nothing(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    target = tmp_path / "out.txt"
    code, out, err = translate(
        argos_packages_dir,
        str(sample_path),
        "--to",
        "fr",
        "--engine",
        "argos",
        "--output",
        str(target),
    )
    assert code == 69
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(
        "confl10n: error: no installed model translates en->fr (Argos models: en->zh)"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["packages"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--to", "klingon"], 64, "unknown locale 'klingon'; write a language (es)"),
        (["--to", "zh", "--from", "xx"], 64, "unknown locale 'xx'; write a language (es)"),
        (["--to", "zh", "--cache", "c.db", "--no-cache"], 64, "--cache and --no-cache"),
        (["--to", "zh", "--device", "tpu"], 64, "unknown device 'tpu'"),
        (["--to", "zh", "--beam-size", "0"], 64, "beam size must be at least 1"),
        (["--to", "zh", "--engine", "marian"], 64, "unknown engine 'marian'"),
        (["--to", "zh", "--output", "no/such/dir/out.txt"], 73, "does not exist"),
    ],
)
def test_bad_options_fail_in_one_line(
    args: list[str], code: int, message: str, sample_path: Path, argos_packages_dir: Path,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    exit_code, out, err = translate(argos_packages_dir, str(sample_path), *args)
    assert (exit_code, out) == (code, "")
    assert message in err
    assert err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["packages"]


def test_unloadable_model_is_a_package_error(sample_path: Path, argos_packages_dir: Path) -> None:
    (argos_packages_dir / "translate-en_zh-1_0" / "model" / "model.bin").write_bytes(b"junk")
    code, _, err = translate(argos_packages_dir, str(sample_path), "--to", "zh", "--no-cache")
    assert code == 65
    assert "translate-en_zh-1_0: CTranslate2 cannot load model/" in err


def test_cache_file_makes_the_rerun_a_lookup(tmp_path: Path, argos_packages_dir: Path) -> None:
    article, cache = tmp_path / "a.txt", tmp_path / "cache.sqlite3"
    article.write_text("Shanghai\n\nMedia gathered. They talked.\n", encoding="utf-8")
    args = [str(article), "--to", "zh", "--format", "json", "--cache", str(cache)]
    translate(argos_packages_dir, *args)
    code, out, _ = translate(argos_packages_dir, *args)
    sentences = json.loads(out)["translations"][0]["sections"][0]["paragraphs"][0]["sentences"]
    assert code == 0
    assert [s["origin"] for s in sentences] == ["cache", "cache"]


def test_stdin_and_from(argos_tokenizer: Path, argos_packages_dir: Path) -> None:
    argos_kit.write_package(argos_packages_dir, argos_tokenizer, from_code="de", to_code="en")
    code, out, _ = translate(
        argos_packages_dir, "-", "--from", "de", "--to", "zh", "--format", "json", "--no-cache",
        stdin="Shanghai\n\nMedia gathered.\n",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["translations"][0]["provenance"]["path"] == ["de", "en", "zh"]


def test_flagged_sentences_are_warned_about(tmp_path: Path, argos_tokenizer: Path) -> None:
    shape = argos_kit.ModelShape(output_bias=argos_kit.RUNAWAY)
    argos_kit.write_package(tmp_path / "packages", argos_tokenizer, shape=shape)
    article = tmp_path / "a.txt"
    article.write_text("Shanghai opened a conference.\n", encoding="utf-8")
    code, _, err = translate(tmp_path / "packages", str(article), "--to", "zh", "--no-cache")
    assert code == 0
    assert "confl10n: warning: zh s1.p1.t1: retried, degenerate" in err


def test_progress_line_counts_sentences(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert progress_line.sentence_progress() is None  # not a terminal: no progress at all
    monkeypatch.setattr(progress_line, "_on_terminal", lambda: True)
    progress = progress_line.sentence_progress()
    assert progress is not None
    progress("en->zh", 32, 79)
    progress("en->zh", 79, 79)
    assert capsys.readouterr().err == (
        "\rtranslating en->zh: 32/79 sentences\rtranslating en->zh: 79/79 sentences\n"
    )


def test_a_real_process_offline_without_progress_on_a_pipe(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    closed = "http://127.0.0.1:9"  # discard port: any attempt to connect fails at once
    proxies = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
    env = {
        **os.environ,
        **dict.fromkeys(proxies, closed),
        "CONFL10N_MODELS_DIR": str(argos_packages_dir),
    }
    result = subprocess.run(
        [sys.executable, "-m", "confl10n", "translate", str(sample_path), "--to", "zh",
         "--format", "md", "--threads", "1", "--cache", str(tmp_path / "c.db")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    # One summary line per language by default (issue 13 case 11), each finding with --verbose.
    assert (result.returncode, result.stderr.splitlines()) == (
        0,
        ["confl10n: qa zh (zh_CN): 5 numeric findings (4 missing, 1 wrong value) in 79 units"],
    )
    assert result.stdout.startswith("# Newspaper Leaders From Across China")


def test_importing_the_translation_code_loads_no_engine_library() -> None:
    code = (
        "import sys, confl10n.cli.translate, confl10n.translate.article, confl10n.translate.argos.engine;"
        "print(sorted(m.split('.')[0] for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout.replace("'", '"')))
    assert not loaded & {"ctranslate2", "sentencepiece", "argostranslate", "numpy", "sacremoses"}


def test_figures_are_protected_and_qa_is_summed_up_with_each_finding(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2024-12-20\n---\n# Shanghai\n\nIt grew to 380 billion yuan. It rose 10.2%.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache.sqlite3"
    with TranslationCache(cache) as store:
        store.put_approved("en", "zh", "It rose 10.2%.", "它增长了10%。")
    code, out, err = translate(
        argos_packages_dir, str(article), "--to", "zh", "--cache", str(cache)
    )
    assert code == 0
    assert "s1.p1.t1  It grew to 3800亿元." in out
    summary = "confl10n: qa zh (zh_CN): 1 numeric finding (1 wrong value) in 3 units"
    assert err.splitlines() == [summary]
    code, _, err = translate(
        argos_packages_dir, str(article), "--to", "zh", "--cache", str(cache), "--verbose"
    )
    assert err.splitlines() == [
        summary,
        "confl10n: warning: zh s1.p1.t2: wrong value: '10.2%' -> '10'; expected '10.2%'",
    ]


def test_json_carries_the_qa_locale_and_findings(tmp_path: Path, argos_packages_dir: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Shanghai\n\nIt grew to 380 billion yuan.\n", encoding="utf-8")
    code, out, _ = translate(
        argos_packages_dir, str(article), "--to", "zh", "--format", "json", "--no-cache",
        "--no-protect-numbers",
    )  # fmt: skip
    (result,) = json.loads(out)["translations"]
    assert code == 0
    assert result["qa"]["locale"] == "zh_CN"
    (finding,) = result["qa"]["findings"]
    assert finding | {"message": ""} == {
        "problem": "wrong_scale", "source": "380 billion yuan", "start": 11, "end": 27,
        "target": "380", "expected": "3800亿元", "sentence_id": "s1.p1.t1", "message": "",
    }  # fmt: skip
    assert "wrapper" not in result["provenance"]["options"]


def test_locale_chooses_the_style_of_figures(tmp_path: Path, argos_packages_dir: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Shanghai\n\nIt grew to 380 billion yuan.\n", encoding="utf-8")
    code, out, err = translate(
        argos_packages_dir, str(article), "--to", "zh", "--locale", "zh_TW", "--no-cache"
    )
    assert code == 0
    assert "It grew to 3800億元人民幣." in out
    assert err == "confl10n: qa zh (zh_TW): no numeric findings in 2 units\n"


@pytest.mark.parametrize(
    ("locale", "message"),
    [("de_DE", "--locale de_DE is for none of the --to languages"),
     ("zh_XX", "unknown locale 'zh_XX'; did you mean zh_CN")],
)  # fmt: skip
def test_a_locale_that_fits_no_target_is_refused(
    locale: str, message: str, sample_path: Path, argos_packages_dir: Path
) -> None:
    code, out, err = translate(
        argos_packages_dir, str(sample_path), "--to", "zh", "--locale", locale
    )
    assert (code, out) == (64, "")
    assert err.startswith(f"confl10n: error: {message}")
    assert err.count("\n") == 1


def test_units_translated_without_protection_are_counted_and_flagged(
    tmp_path: Path, argos_tokenizer: Path
) -> None:
    shape = argos_kit.ModelShape(output_bias={"⟦": -1000.0})  # the model cannot write ⟦
    argos_kit.write_package(tmp_path / "packages", argos_tokenizer, shape=shape)
    article = tmp_path / "a.txt"
    article.write_text("Shanghai\n\nIt grew to 380 billion yuan. It rained.\n", encoding="utf-8")
    code, out, err = translate(tmp_path / "packages", str(article), "--to", "zh", "--no-cache")
    assert code == 0
    assert "s1.p1.t1  It grew to 3800亿元. [numbers-unprotected]" in out
    assert err.splitlines() == [
        "confl10n: warning: zh s1.p1.t1: numbers-unprotected",
        "confl10n: qa zh (zh_CN): no numeric findings in 3 units, "
        "1 translated without number protection",
    ]


def test_a_sentence_translated_to_nothing_keeps_its_source_as_in_build(
    tmp_path: Path, argos_tokenizer: Path, news_page_path: Path
) -> None:
    """A model that often ends at once: "Trams run every 6 minutes during the day." comes
    back empty, its neighbour as "A"."""
    from tests.helpers import kit_build

    shape = argos_kit.ModelShape(output_bias={"</s>": 1000.0})
    argos_kit.write_package(tmp_path / "packages", argos_tokenizer, shape=shape)
    out, md = tmp_path / "out.html", tmp_path / "out.md"
    for output in (out, md):
        code, _, err = translate(tmp_path / "packages", str(news_page_path), "--to", "zh",
                                 "--no-cache", "--format", "md", "--output", str(output))  # fmt: skip
        assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "<li>Trams run every 6 minutes during the day.</li>\n          <li>A</li>" in page
    assert "- Trams run every 6 minutes during the day.\n- A\n" in md.read_text(encoding="utf-8")
    report = kit_build(tmp_path, [news_page_path], models_dir=tmp_path / "packages")
    built = (report.articles[0].path / "zh_CN" / "article.html").read_text(encoding="utf-8")
    assert built.replace('lang="zh-CN"', 'lang="zh"', 1) == page  # the same page, root aside
