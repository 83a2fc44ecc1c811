"""confl10n.building.plan: everything a build checks before any work, and that it writes nothing then.

Engines are real (the kit's Argos en->zh package; Apertium as installed);
every file goes under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n import BuildOptions, TranslateOptions, build
from confl10n.building.plan import plan_build
from confl10n.errors import EngineUnavailableError, InputError, InvalidOptionError, OutputError
from confl10n.translate.argos.settings import ArgosSettings


def article_file(folder: Path, title: str) -> Path:
    path = folder / f"article-{len(list(folder.iterdir()))}.md"
    path.write_text(f"# {title}\n\nThe city opened 12 new parks.\n", encoding="utf-8")
    return path


def test_a_skipped_locale_names_apertium_s_pairs_as_apertium_s_not_as_models(
    tmp_path: Path, sample_path: Path, apertium_bin: str
) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    plan = plan_build(
        [sample_path],
        BuildOptions(
            locales=["de_DE", "es_ES"],
            out=tmp_path / "out",
            translation=TranslateOptions(settings=(ArgosSettings(models_dir=empty),)),
        ),
    )
    (skipped,) = plan.skipped()
    assert skipped.locale == "de_DE"
    assert "en->de (Argos models: none; Apertium pairs: " in skipped.reason


def test_missing_engine_is_reported_before_work_and_the_others_proceed(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    plan = plan_build(
        [sample_path],
        BuildOptions(
            locales=["de_DE", "zh_CN"],
            out=tmp_path / "out",
            translation=TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir),)),
        ),
    )
    (skipped,) = plan.skipped()
    assert skipped.locale == "de_DE"
    assert "en->de" in skipped.reason and "confl10n models install" in skipped.reason
    assert not (tmp_path / "out").exists()
    report = build(
        [sample_path],
        options=BuildOptions(
            locales=["de_DE", "zh_CN"],
            out=tmp_path / "out",
            translation=TranslateOptions(
                settings=(ArgosSettings(models_dir=argos_packages_dir, threads=1),)
            ),
        ),
        cache=False,
    )
    assert report.articles[0].locales == ("en", "zh_CN")
    assert report.skipped == report.articles[0].skipped == (skipped,)


def test_strict_fails_with_nothing_written(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    with pytest.raises(EngineUnavailableError, match=r"strict build .* de_DE: no installed"):
        build(
            [sample_path],
            options=BuildOptions(
                locales=["zh_CN", "de_DE"],
                out=tmp_path / "out",
                strict=True,
                translation=TranslateOptions(
                    settings=(ArgosSettings(models_dir=argos_packages_dir),)
                ),
            ),
            cache=tmp_path / "cache.sqlite3",
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packages"]


def test_unknown_locale_is_refused_before_anything(tmp_path: Path, sample_path: Path) -> None:
    with pytest.raises(InvalidOptionError, match=r"unknown locale 'zh_XX'; did you mean zh_CN"):
        build(
            [sample_path],
            options=BuildOptions(locales=["zh_XX"], out=tmp_path / "out"),
            cache=False,
        )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["file", "below-a-file"])
def test_unwritable_out_is_an_output_error_before_work(
    tmp_path: Path, sample_path: Path, where: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    out = blocker if where == "file" else blocker / "out"
    with pytest.raises(OutputError, match=f"cannot write {out}: .*blocker is not a folder"):
        build(
            [sample_path],
            options=BuildOptions(locales=[], out=out),
            cache=tmp_path / "cache.sqlite3",
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_slug_collision_is_an_error_before_writing(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    one = article_file(sources, "Shanghai Hosts a Conference")
    two = article_file(sources, "Shanghai hosts a conference!")
    with pytest.raises(OutputError, match=r"would both be written to 'shanghai-hosts-a-"):
        build([one, two], options=BuildOptions(locales=[], out=tmp_path / "out"), cache=False)
    assert not (tmp_path / "out").exists()


def test_article_without_sections_writes_nothing_at_all(tmp_path: Path, sample_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("# A title and nothing else\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.md: the article has only headings, no body text"):
        build(
            [sample_path, empty],
            options=BuildOptions(locales=[], out=tmp_path / "out"),
            cache=False,
        )
    assert not (tmp_path / "out").exists()


def test_config_supplies_sources_locales_and_out(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "confl10n.toml").write_text(
        f'[build]\nsources = ["{sample_path}"]\nlocales = ["en_GB"]\nout = "site"\n'
    )
    monkeypatch.chdir(tmp_path)
    report = build(cache=False)
    assert report.out == tmp_path / "site"
    assert report.articles[0].locales == ("en", "en_GB")


def test_no_files_and_no_config_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidOptionError, match=r"no article to build: no confl10n.toml here"):
        build(cache=False)


def test_a_missing_apertium_pair_names_its_debian_package(
    tmp_path: Path, sample_path: Path
) -> None:
    from confl10n.translate.apertium.engine import apertium_pairs

    if ("en", "ca") in apertium_pairs():
        pytest.skip("apertium-eng-cat is installed here")
    plan = plan_build(
        [sample_path],
        BuildOptions(
            locales=["ca_ES"],
            out=tmp_path / "out",
            translation=TranslateOptions(settings=(ArgosSettings(models_dir=tmp_path / "none"),)),
        ),
    )
    (skipped,) = plan.skipped()
    assert "apt-get install apertium apertium-eng-cat" in skipped.reason


def test_unknown_engine_is_refused_even_with_nothing_to_translate(
    tmp_path: Path, sample_path: Path
) -> None:
    with pytest.raises(InvalidOptionError, match=r"unknown engine 'deepl'; choose one of: auto, "):
        build(
            [sample_path],
            options=BuildOptions(
                locales=[], out=tmp_path / "out", translation=TranslateOptions(engine="deepl")
            ),
            cache=False,
        )
    assert not (tmp_path / "out").exists()


def test_an_empty_locale_list_in_the_config_builds_only_the_source(
    tmp_path: Path, sample_path: Path
) -> None:
    config = tmp_path / "site.toml"
    config.write_text(f'[build]\nsources = ["{sample_path}"]\nlocales = []\n')
    plan = plan_build(None, BuildOptions(config=config, out=tmp_path / "out"))
    assert plan.locales == () and plan.skipped() == ()


def test_traditional_chinese_asks_for_argos_zt_not_the_simplified_model(
    tmp_path: Path, sample_path: Path, argos_packages_dir: Path
) -> None:
    plan = plan_build(
        [sample_path],
        BuildOptions(
            locales=["zh_TW", "zh_CN"],
            out=tmp_path / "out",
            translation=TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir),)),
        ),
    )
    (skipped,) = plan.skipped()
    assert skipped.locale == "zh_TW"
    assert "en->zt" in skipped.reason
