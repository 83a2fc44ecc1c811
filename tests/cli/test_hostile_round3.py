"""Hostile files of our own kinds through the real command line: a deeply nested
``metadata.json`` in the packages folder is one broken package, never a crash."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.test_hostile import one_clean_line, run

NESTED = "[" * 1500 + "]" * 1500  # 3 KB, 1,500 deep
DEEP_OBJECT = '{"a":' * 1500 + "1" + "}" * 1500


@pytest.fixture(params=[NESTED, DEEP_OBJECT], ids=["list", "object"])
def nested_packages(request: pytest.FixtureRequest, argos_packages_dir: Path) -> Path:
    """The kit's en->zh package plus a folder whose metadata.json is nested 1,500 deep."""
    bad = argos_packages_dir / "translate-en_de-1_0"
    (bad / "model").mkdir(parents=True)
    (bad / "metadata.json").write_text(request.param)
    return argos_packages_dir


def test_models_list_shows_the_nested_folder_as_broken(nested_packages: Path) -> None:
    code, out, err = run("models", "list", "--models-dir", nested_packages)
    assert code == 0 and "en-zh" in out
    assert one_clean_line(err) == (
        f"confl10n: warning: broken package in {nested_packages}: "
        "translate-en_de-1_0: malformed metadata.json (nested too deeply)"
    )


@pytest.mark.slow
def test_translate_and_build_use_the_good_package(
    nested_packages: Path, sample_path: Path, tmp_path: Path
) -> None:
    models = ("--models-dir", nested_packages, "--no-cache")
    code, out, err = run("translate", sample_path, "--to", "zh", *models)
    assert code == 0 and "Traceback" not in err and out.startswith("title  ")
    code, _, err = run("build", sample_path, "--to", "zh_CN", "--out", tmp_path / "out", *models)
    assert code == 0 and "Traceback" not in err, err
    assert sorted(p.parent.name for p in (tmp_path / "out").glob("*/*/bulletin.md")) == [
        "en",
        "zh_CN",
    ]


def test_doctor_reports_and_carries_on(nested_packages: Path) -> None:
    code, out, err = run("doctor", env={"CONFL10N_MODELS_DIR": str(nested_packages)})
    assert (code, err) == (0, "")
    assert "translate-en_de-1_0: malformed metadata.json (nested too deeply)" in out
    assert "Traceback" not in out


@pytest.mark.slow
@pytest.mark.parametrize(
    "statement",
    ["UPDATE machine SET flags = 'not json'", "UPDATE machine SET target = CAST(target AS BLOB)"],
    ids=["flags-not-json", "target-blob"],
)
def test_bad_cache_rows_are_retranslated_and_replaced(
    argos_packages_dir: Path, sample_path: Path, tmp_path: Path, statement: str
) -> None:
    cache = tmp_path / "cache.sqlite3"
    args = ("translate", sample_path, "--to", "zh", "--models-dir", argos_packages_dir)
    code, first, _ = run(*args, "--cache", cache)
    assert code == 0
    with closing(sqlite3.connect(cache)) as db:
        db.execute(statement)
        db.commit()
    code, again, err = run(*args, "--cache", cache)
    assert (code, again) == (0, first), err
    assert "Traceback" not in err
    with closing(sqlite3.connect(cache)) as db:
        kinds = db.execute("SELECT DISTINCT typeof(target), json_valid(flags) FROM machine")
        assert kinds.fetchall() == [("text", 1)]


def test_a_damaged_cache_file_is_one_line_naming_it(
    argos_packages_dir: Path, sample_path: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache.sqlite3"
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = cache.read_bytes()
    out_dir = tmp_path / "out"
    for command in (("translate", "--to", "zh"), ("build", "--to", "zh_CN", "--out", out_dir)):
        code, out, err = run(
            *command, sample_path, "--models-dir", argos_packages_dir, "--cache", cache
        )
        assert (code, out) == (73, "")
        assert one_clean_line(err).startswith(
            f"confl10n: error: translation cache {cache} is damaged or not a confl10n cache ("
        )
        assert err.endswith("move or delete that file, or run with --no-cache\n")
    assert cache.read_bytes() == before
    assert not out_dir.exists()


ARTICLE = "# Title\n\nRevenue rose 5% in 2024. Costs fell.\n\n"


@pytest.fixture
def too_big(tmp_path: Path) -> Path:
    """An article one byte over the default limit of 5 MiB."""
    path = tmp_path / "big.md"
    body = ARTICLE.encode() * (5 * 2**20 // len(ARTICLE) + 1)
    path.write_bytes(body[: 5 * 2**20 + 1])
    return path


LIMITED = {
    "segment": ("segment",),
    "summarize": ("summarize",),
    "figures": ("figures", "--locale", "de_DE"),
    "translate": ("translate", "--to", "es", "--engine", "apertium", "--no-cache"),
}


@pytest.mark.parametrize("command", LIMITED.values(), ids=LIMITED.keys())
def test_an_article_over_the_input_limit_is_refused_in_one_line(
    too_big: Path, command: tuple[str, ...]
) -> None:
    code, out, err = run(*command, too_big)
    assert (code, out) == (65, "")
    assert one_clean_line(err) == (
        f"confl10n: error: {too_big}: larger than the input limit of 5 MiB;"
        " split the article, or raise the limit with --max-input-size"
    )


@pytest.mark.parametrize("command", LIMITED.values(), ids=LIMITED.keys())
def test_standard_input_over_the_limit_is_refused_too(command: tuple[str, ...]) -> None:
    code, out, err = run(*command, "-", "--max-input-size", "1KiB", stdin=ARTICLE * 30)
    assert (code, out) == (65, "")
    assert one_clean_line(err) == (
        "confl10n: error: <stdin>: larger than the input limit of 1 KiB;"
        " split the article, or raise the limit with --max-input-size"
    )


@pytest.mark.parametrize(("size", "code"), [("2k", 65), ("3000", 65), ("4KiB", 0), ("1 MB", 0)])
def test_the_limit_can_be_set(tmp_path: Path, size: str, code: int) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE * 70)  # 3,290 bytes
    assert run("segment", path, "--max-input-size", size)[0] == code


@pytest.mark.parametrize("size", ["0", "-5", "five", "5 parsecs", ""])
def test_a_bad_limit_is_an_option_error(tmp_path: Path, size: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE)
    code, out, err = run("segment", path, "--max-input-size", size)
    assert (code, out) == (64, "")
    assert one_clean_line(err).startswith(f"confl10n: error: --max-input-size {size!r}: give ")


def test_build_refuses_before_writing_anything(
    too_big: Path, sample_path: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run("build", sample_path, too_big, "--to", "es_ES", "--out", out_dir,
                         "--engine", "apertium", "--no-cache")  # fmt: skip
    assert (code, out) == (65, "")
    assert one_clean_line(err).startswith(f"confl10n: error: {too_big}: larger than the input")
    assert not out_dir.exists()


def xliff_file(path: Path, ids: list[str], *, source: str = "en", target: str = "de") -> Path:
    units = "".join(
        f'<trans-unit id="{i}"><source>{i} source</source>'
        f'<target state="final">{i} Ziel</target></trans-unit>'
        for i in ids
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file '
        f'source-language="{source}" target-language="{target}" original="x" '
        f'datatype="plaintext"><body>{units}</body></file></xliff>',
        encoding="utf-8",
    )
    return path


def approved_rows(cache: Path) -> list[tuple[str, ...]]:
    if not cache.exists():
        return []
    with closing(sqlite3.connect(cache)) as db:
        return db.execute("SELECT source_lang, target_lang, source FROM approved").fetchall()


def test_many_unknown_units_are_counted_in_one_line(tmp_path: Path) -> None:
    ids = [f"unit-{n}" for n in range(20_000)]
    path = xliff_file(tmp_path / "big.xlf", ids)
    cache = tmp_path / "cache.sqlite3"
    code, out, err = run("import-xliff", path, "--cache", cache)
    assert (code, out) == (0, f"imported 20000 approved translation(s) into {cache}\n")
    assert one_clean_line(err) == (
        f"confl10n: warning: {path}: 20000 unit(s) in no article, stored anyway: "
        "'unit-0' (not a document ID), 'unit-1' (not a document ID), "
        "'unit-2' (not a document ID) and 19997 more"
    )
    assert len(approved_rows(cache)) == 20_000


def test_an_xliff_over_the_size_limit_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    path = xliff_file(tmp_path / "big.xlf", [f"s1.p{n}" for n in range(1, 200)])
    cache = tmp_path / "cache.sqlite3"
    code, out, err = run("import-xliff", path, "--cache", cache, "--max-input-size", "4KiB")
    assert (code, out) == (65, "")
    assert one_clean_line(err) == (
        f"confl10n: error: {path}: larger than the XLIFF size limit of 4 KiB;"
        " raise it with --max-input-size"
    )
    assert approved_rows(cache) == []


BAD_LANGUAGES = {
    "path-source": ({"source": "../../etc"}, "source-language: unknown locale '../../etc'"),
    "unknown-source": ({"source": "xx-YY"}, "source-language: unknown locale 'xx-YY'"),
    "unknown-target": ({"target": "xx-YY"}, "target-language: unknown locale 'xx-YY'"),
    "control-target": ({"target": "de\u202e"}, "target-language: unknown locale"),
    "no-source": ({"source": ""}, "no source-language"),
}


@pytest.mark.parametrize(("languages", "message"), BAD_LANGUAGES.values(), ids=BAD_LANGUAGES.keys())
def test_xliff_language_codes_are_checked_as_locales(
    tmp_path: Path, languages: dict[str, str], message: str
) -> None:
    path = xliff_file(tmp_path / "article.xlf", ["title", "s1.p1.t1"], **languages)
    cache = tmp_path / "cache.sqlite3"
    code, out, err = run("import-xliff", path, "--cache", cache)
    assert (code, out) == (65, "")
    assert one_clean_line(err).startswith(f"confl10n: error: {path}: {message}")
    assert approved_rows(cache) == []


def test_a_bad_unit_language_late_in_the_file_stores_nothing(tmp_path: Path) -> None:
    path = xliff_file(tmp_path / "article.xlf", [f"s1.p{n}" for n in range(1, 500)])
    text = path.read_text(encoding="utf-8").replace(
        '<target state="final">s1.p499 Ziel', '<target state="final" xml:lang="../x">s1.p499 Ziel'
    )
    path.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache.sqlite3"
    code, out, err = run("import-xliff", path, "--cache", cache)
    assert (code, out) == (65, "")
    assert one_clean_line(err).startswith(
        f"confl10n: error: {path}: unit 's1.p499' target language: unknown locale '../x'"
    )
    assert approved_rows(cache) == []


@pytest.mark.parametrize(
    ("source", "target", "stored"),
    [("en", "de", "de"), ("en-US", "zh-CN", "zh"), ("en", "pt_BR", "pb"), ("en", "zh-TW", "zt")],
)
def test_good_xliff_languages_are_stored_as_languages(
    tmp_path: Path, source: str, target: str, stored: str
) -> None:
    """As the engines' languages, which the build of that locale asks for (pt_BR: pb)."""
    path = xliff_file(tmp_path / "article.xlf", ["title"], source=source, target=target)
    cache = tmp_path / "cache.sqlite3"
    assert run("import-xliff", path, "--cache", cache)[0] == 0
    assert approved_rows(cache) == [(source[:2], stored, "title source")]
