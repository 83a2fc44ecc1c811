"""A build replaces only the locale folders it builds; targets are typed as people type them."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confl10n.cli import app
from tests.cli.test_locale_spellings import ARTICLE

runner = CliRunner()
SLUG = "china-bets-on-chips"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "chips.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def build(article: Path, out: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["build", str(article), "--out", str(out), "--engine",
                                 "apertium", "--no-cache", *args])  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def approve_first_target(xliff: Path) -> None:
    """What a reviewer does: edit a target and mark the unit approved."""
    text = xliff.read_text(encoding="utf-8")
    start = text.index("<target")
    end = text.index("</target>", start)
    edited = text[:start] + '<target state="final">Revisado a mano' + text[end:]
    xliff.write_text(edited.replace("<trans-unit ", '<trans-unit approved="yes" ', 1), "utf-8")


def test_a_second_build_keeps_the_first_ones_locales_byte_for_byte(
    article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    out = tmp_path / "out"
    code, said, err = build(article, out, "--to", "es_ES")
    assert code == 0, err
    folder = out / SLUG
    approve_first_target(folder / "es_ES" / "article.xlf")
    (folder / "es_ES" / "review-notes.txt").write_text("checked 2024-03-04\n", encoding="utf-8")
    (folder / "desk.txt").write_text("ask the desk\n", encoding="utf-8")
    kept = {k: v for k, v in snapshot(folder).items() if not k.startswith("en/")}
    code, said, err = build(article, out, "--to", "es-MX")
    assert code == 0, err
    assert said == f"{folder}  (en, es_MX; kept desk.txt, es_ES)\n"
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k in kept} == kept  # byte for byte
    assert sorted(p.name for p in folder.iterdir()) == ["desk.txt", "en", "es_ES", "es_MX"]
    assert b"Revisado a mano" in after["es_ES/article.xlf"]
    assert sorted(p.name for p in out.iterdir()) == [SLUG]  # no temp folder, no lock


def test_clean_removes_the_locales_not_built_and_says_which(
    article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    out = tmp_path / "out"
    assert build(article, out, "--to", "es_ES", "--to", "es_MX")[0] == 0
    (out / SLUG / "desk.txt").write_text("ask the desk\n", encoding="utf-8")
    code, said, err = build(article, out, "--to", "es-MX", "--clean")
    assert (code, said) == (0, f"{out / SLUG}  (en, es_MX; kept desk.txt)\n"), err
    assert f"confl10n: removed {out / SLUG / 'es_ES'} (not in this build; --clean)" in err
    assert sorted(p.name for p in (out / SLUG).iterdir()) == ["desk.txt", "en", "es_MX"]


def test_a_failed_build_leaves_the_previous_folder_as_it_was(
    article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    out = tmp_path / "out"
    assert build(article, out, "--to", "es_ES")[0] == 0
    before = snapshot(out / SLUG)
    code, said, err = build(article, out, "--to", "es_XX", "--clean")
    assert (code, said) == (64, "") and "did you mean es_ES" in err
    assert snapshot(out / SLUG) == before


@pytest.mark.parametrize(
    ("typed", "folder"),
    [("es", "es"), ("ES", "es"), ("es-ES", "es_ES"), ("es-es", "es_ES"), ("es-419", "es_419")],
)
def test_build_takes_every_spelling_and_a_bare_language_takes_its_default_style(
    typed: str, folder: str, article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    out = tmp_path / "out"
    code, said, err = build(article, out, "--to", typed, "--to", folder)  # one folder for both
    assert code == 0, err
    assert said == f"{out / SLUG}  (en, {folder})\n"
    bundle = json.loads((out / SLUG / folder / "bundle.json").read_text(encoding="utf-8"))
    written = (out / SLUG / folder / "article.md").read_text(encoding="utf-8")
    how = bundle["provenance"]["options"]["locale"]
    if folder in ("es", "es_ES"):
        assert "380.000 millones de yuanes" in written and "mil M" not in written
        assert how.endswith("newsroom style es_ES")
    if folder == "es":
        assert how == "es -> es_ES (CLDR likely subtags): newsroom style es_ES"  # the folder's tag


def test_build_with_the_kit_takes_a_script_tag(
    article: Path, tmp_path: Path, argos_packages_dir: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(article), "--out", str(out), "--to", "zh-Hans",
                                 "--to", "zh-Hant", "--models-dir", str(argos_packages_dir),
                                 "--threads", "1", "--no-cache"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "skipping zh_Hant: no installed model translates en->zt" in result.stderr
    bundle = json.loads((out / SLUG / "zh_Hans" / "bundle.json").read_text(encoding="utf-8"))
    assert bundle["provenance"]["options"]["locale"] == (
        "zh_Hans -> zh_CN (CLDR likely subtags): newsroom style zh_CN"
    )


def test_rebuilding_a_reviewed_locale_keeps_the_review_until_it_is_imported(
    article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite3"
    args = ["build", str(article), "--out", str(out), "--to", "es_ES", "--engine", "apertium",
            "--cache", str(cache)]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    xliff = out / SLUG / "es_ES" / "article.xlf"
    approve_first_target(xliff)
    edited = xliff.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    (reviewed,) = (out / SLUG / "es_ES").glob("article.reviewed-*.xlf")
    assert reviewed.read_bytes() == edited
    assert "held 1 approved unit(s) this build does not have; kept as" in result.stderr
    # The warning's command, run as written from where the build ran, stores the review.
    command = re.search(r"`confl10n (import-xliff [^`]+)`", result.stderr)
    assert command is not None, result.stderr
    imported = runner.invoke(app, [*shlex.split(command.group(1)), "--cache", str(cache)])
    assert imported.exit_code == 0, imported.stderr
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "approved unit(s)" not in result.stderr, result.stderr
    assert b"Revisado a mano" in xliff.read_bytes()  # the approval is in the build now
    assert list((out / SLUG / "es_ES").glob("article.reviewed-*.xlf")) == [reviewed]


def test_an_imported_label_approval_raises_no_warning_on_the_next_build(
    article: Path, tmp_path: Path, apertium_bin: str
) -> None:
    """A reviewer's approved key-figure label, once imported, is in the build: the
    replaced article.xlf is no review to keep and no warning is given."""
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite3"
    args = ["build", str(article), "--out", str(out), "--to", "es_ES", "--engine", "apertium",
            "--cache", str(cache)]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    xliff = out / SLUG / "es_ES" / "article.xlf"
    text = xliff.read_text(encoding="utf-8")
    unit = text.index('restype="x-key-figure-label"')
    start = text.index("<target", unit)
    end = text.index("</target>", start)
    xliff.write_text(text[:start] + '<target state="final">Etiqueta revisada' + text[end:], "utf-8")
    imported = runner.invoke(app, ["import-xliff", str(xliff), "--cache", str(cache)])
    assert imported.exit_code == 0, imported.stderr
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "approved unit(s)" not in result.stderr, result.stderr
    assert not list((out / SLUG / "es_ES").glob("article.reviewed-*.xlf"))
    assert "Etiqueta revisada" in xliff.read_text(encoding="utf-8")


def test_clean_keeps_a_locale_asked_for_that_has_no_engine_now(
    article: Path, tmp_path: Path, argos_packages_dir: Path, apertium_bin: str
) -> None:
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(article), "--out", str(out), "--to", "zh_CN",
                                "--models-dir", str(argos_packages_dir), "--threads", "1",
                                "--no-cache"])  # fmt: skip
    assert first.exit_code == 0, first.stderr
    built = snapshot(out / SLUG / "zh_CN")
    # Apertium has no en->zh: zh_CN is asked for but skipped, so --clean must not remove it.
    code, said, err = build(article, out, "--to", "es_ES", "--to", "zh_CN", "--clean")
    assert code == 0 and "zh_CN" in said, err
    assert "skipping zh_CN" in err and "removed" not in err
    assert snapshot(out / SLUG / "zh_CN") == built
    assert sorted(p.name for p in (out / SLUG).iterdir()) == ["en", "es_ES", "zh_CN"]
