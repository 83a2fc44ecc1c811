"""translate_article on kit packages: structure, cache, pivot, identity, guard, errors.

The kit model copies its input, so "target == source" per unit proves that
every translation landed on its own ID.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from confl10n import TranslateOptions
from confl10n.errors import EngineUnavailableError, InvalidOptionError, UnsupportedLanguageError
from confl10n.text.reader import parse_text, read_article
from confl10n.translate import pipeline, registry
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.article import translate_article
from confl10n.translate.cache import TranslationCache
from confl10n.translate.results import ArticleTranslation
from tests import argos_kit

ARTICLE = """# Shanghai hosts a media conference

Media professionals gathered in Shanghai. They discussed artificial intelligence.

## What they saw

Mainstream media in China must embrace AI. The choice of Shanghai is understandable.
"""


class Spy:
    """Records what reaches the real engine's translate_batch, then calls it."""

    def __init__(self, engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[list[str]] = []
        self._original = engine.translate_batch
        monkeypatch.setattr(engine, "translate_batch", self)

    def __call__(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(sentences))
        return self._original(sentences, source, target)

    @property
    def sentences(self) -> list[str]:
        return [s for call in self.calls for s in call]


def _translate(article_text: str, engine: ArgosEngine, cache: Path | bool) -> ArticleTranslation:
    return translate_article(parse_text(article_text), to="zh", engine=engine, cache=cache)


def test_one_translation_per_unit_with_aligned_ids(
    sample_path: Path, argos_engine: ArgosEngine
) -> None:
    article = read_article(sample_path)
    result = translate_article(
        article,
        options=TranslateOptions(protect_numbers=False),
        to="zh",
        engine=argos_engine,
        cache=False,
    )
    assert [u.id for u in result.units] == [u.id for u in article.units()]
    assert all(u.target == u.source for u in result.units)
    assert {u.origin for u in result.units} == {"engine"}
    assert result.unit("s2.h").source == "Developing New Quality Productive Forces"
    assert (result.source, result.target, result.flagged) == ("en", "zh", ())


def test_provenance_names_model_options_and_timings(argos_engine: ArgosEngine) -> None:
    provenance = _translate(ARTICLE, argos_engine, cache=False).provenance
    assert provenance.path == ("en", "zh")
    assert provenance.pivot is None
    assert [e.model for e in provenance.engines] == ["translate-en_zh-1_0"]
    assert ("beam_size", "4") in provenance.options
    assert [name for name, _ in provenance.timings] == ["engine", "en->zh", "qa"]


def test_all_units_go_to_the_engine_in_one_sorted_call(
    argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    _translate(ARTICLE, argos_engine, cache=False)
    assert len(spy.calls) == 1
    assert spy.calls[0] == sorted(spy.calls[0], key=len)
    assert "What they saw" in spy.calls[0]  # headings and title go too
    assert len(spy.calls[0]) == 6


def test_without_progress_a_long_article_is_still_one_call(
    sample_path: Path, argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    translate_article(read_article(sample_path), to="zh", engine=argos_engine, cache=False)
    assert [len(call) for call in spy.calls] == [79]


def test_rerun_translates_nothing_and_a_change_only_its_sentence(
    tmp_path: Path, argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache.sqlite3"
    _translate(ARTICLE, argos_engine, cache)
    spy = Spy(argos_engine, monkeypatch)
    again = _translate(ARTICLE, argos_engine, cache)
    assert spy.calls == []
    assert {u.origin for u in again.units} == {"cache"}
    changed = ARTICLE.replace("They discussed", "They debated")
    result = _translate(changed, argos_engine, cache)
    assert spy.sentences == ["They debated artificial intelligence."]
    assert result.unit("s1.p1.t2").origin == "engine"
    assert result.unit("s1.p1.t2").target == "They debated artificial intelligence."


def test_approved_translation_wins_and_skips_the_engine(
    tmp_path: Path, argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        cache.put_approved(
            "en", "zh", "Mainstream media in China must embrace AI.", "主流媒体必须拥抱AI。"
        )
        spy = Spy(argos_engine, monkeypatch)
        result = translate_article(parse_text(ARTICLE), to="zh", engine=argos_engine, cache=cache)
    unit = result.unit("s2.p1.t1")
    assert (unit.target, unit.origin) == ("主流媒体必须拥抱AI。", "approved")
    assert "Mainstream media in China must embrace AI." not in spy.sentences


def test_default_cache_lives_in_the_user_cache_folder(argos_engine: ArgosEngine) -> None:
    _translate(ARTICLE, argos_engine, cache=True)
    second = _translate(ARTICLE, argos_engine, cache=True)
    assert {u.origin for u in second.units} == {"cache"}


def test_no_cache_translates_again(
    argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _translate(ARTICLE, argos_engine, cache=False)
    spy = Spy(argos_engine, monkeypatch)
    _translate(ARTICLE, argos_engine, cache=False)
    assert len(spy.sentences) == 6


def test_pivot_through_english_is_recorded(
    tmp_path: Path, argos_tokenizer: Path, argos_packages_dir: Path
) -> None:
    argos_kit.write_package(argos_packages_dir, argos_tokenizer, from_code="de", to_code="en")
    article = parse_text(ARTICLE, lang="de")
    result = translate_article(
        article,
        options=TranslateOptions(
            settings=(ArgosSettings(models_dir=argos_packages_dir, threads=1),)
        ),
        to="zh",
        cache=tmp_path / "c.db",
    )
    assert result.provenance.path == ("de", "en", "zh")
    assert result.provenance.pivot == "en"
    assert [e.model for e in result.provenance.engines] == [
        "translate-de_en-1_0",
        "translate-en_zh-1_0",
    ]
    assert all(u.target == u.source for u in result.units)


def test_same_language_is_the_identity_without_any_engine(tmp_path: Path) -> None:
    result = translate_article(
        parse_text(ARTICLE),
        options=TranslateOptions(
            engine="no-such-engine", settings=(ArgosSettings(models_dir=tmp_path),)
        ),
        to="EN",
    )
    assert all((u.target, u.origin) == (u.source, "identity") for u in result.units)
    assert result.provenance.path == ("en",)


def test_missing_pair_names_pair_installed_pairs_and_the_install_command(
    argos_packages_dir: Path,
) -> None:
    with pytest.raises(EngineUnavailableError) as error:
        translate_article(
            parse_text(ARTICLE),
            options=TranslateOptions(
                engine="argos", settings=(ArgosSettings(models_dir=argos_packages_dir),)
            ),
            to="fr",
        )
    message = str(error.value)
    assert "en->fr" in message
    assert "(Argos models: en->zh)" in message
    assert "confl10n models install" in message
    assert "\n" not in message


def test_nothing_installed_says_none(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailableError, match=r"\(Argos models: none\)"):
        translate_article(
            parse_text(ARTICLE),
            options=TranslateOptions(
                engine="argos", settings=(ArgosSettings(models_dir=tmp_path / "empty"),)
            ),
            to="zh",
        )


def test_auto_skips_an_engine_that_is_not_installed(
    tmp_path: Path, argos_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no apertium command to be found
    with pytest.raises(EngineUnavailableError, match=r"\(Argos models: en->zh\);"):
        translate_article(
            parse_text(ARTICLE),
            options=TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir),)),
            to="fr",
        )


def test_auto_falls_back_to_apertium_for_a_pair_argos_lacks(
    apertium_bin: str, argos_packages_dir: Path
) -> None:
    article = parse_text("# The conference\n\nThe conference opened in Shanghai.\n")
    result = translate_article(
        article,
        options=TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir),)),
        to="es",
        cache=False,
    )
    assert [e.engine for e in result.provenance.engines] == ["apertium"]
    assert ("format", "none") in result.provenance.options
    assert result.unit("s1.p1.t1").target.startswith("La conferencia")
    assert result.unit("s1.p1.t1").origin == "engine"


def test_auto_prefers_argos_where_both_can(
    apertium_bin: str, argos_tokenizer: Path, argos_packages_dir: Path
) -> None:
    argos_kit.write_package(argos_packages_dir, argos_tokenizer, to_code="es")
    result = translate_article(
        parse_text(ARTICLE),
        options=TranslateOptions(
            settings=(ArgosSettings(models_dir=argos_packages_dir, threads=1),)
        ),
        to="es",
        cache=False,
    )
    assert [e.engine for e in result.provenance.engines] == ["argos"]


@pytest.mark.parametrize("code", ["", "klingon", "z", "zh/../../etc", "xx"])
def test_unknown_language_code_is_refused(code: str, argos_packages_dir: Path) -> None:
    with pytest.raises(UnsupportedLanguageError, match="language code"):
        translate_article(
            parse_text(ARTICLE),
            options=TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir),)),
            to=code,
        )


def test_unknown_engine_is_refused(argos_packages_dir: Path) -> None:
    with pytest.raises(InvalidOptionError, match="unknown engine 'marian'"):
        translate_article(parse_text(ARTICLE), options=TranslateOptions(engine="marian"), to="zh")


def test_engine_whose_module_is_missing_is_unavailable(
    argos_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ghost = registry.EngineEntry("ghost", "confl10n.translate.ghost", "GhostEngine", "Ghost pairs")
    monkeypatch.setattr(registry, "ENGINES", (*registry.ENGINES, ghost))
    with pytest.raises(EngineUnavailableError, match="engine 'ghost' is not available"):
        translate_article(parse_text(ARTICLE), options=TranslateOptions(engine="ghost"), to="zh")


def test_looping_output_is_retried(tmp_path: Path, argos_tokenizer: Path) -> None:
    shape = argos_kit.ModelShape(output_bias=argos_kit.LOOPING)
    argos_kit.write_package(tmp_path, argos_tokenizer, shape=shape)
    article = parse_text("Shanghai opened a conference.\n")
    result = translate_article(
        article,
        options=TranslateOptions(settings=(ArgosSettings(models_dir=tmp_path, threads=1),)),
        to="zh",
        cache=False,
    )
    (unit,) = result.units
    # The retry stops the loop, but this kit model still writes "the the the": a word
    # three times in a row that the source does not repeat is degenerate (issue 13 case 12).
    assert unit.flags == ("retried", "degenerate")
    assert unit.target.count("the") < 20


def test_runaway_output_is_flagged_after_the_retry(tmp_path: Path, argos_tokenizer: Path) -> None:
    shape = argos_kit.ModelShape(output_bias=argos_kit.RUNAWAY)
    argos_kit.write_package(tmp_path, argos_tokenizer, shape=shape)
    article = parse_text("Shanghai opened a conference.\n")
    result = translate_article(
        article,
        options=TranslateOptions(settings=(ArgosSettings(models_dir=tmp_path, threads=1),)),
        to="zh",
        cache=False,
    )
    assert result.flagged == result.units
    assert result.units[0].flags == ("retried", "degenerate")


def test_progress_reports_each_chunk(
    argos_engine: ArgosEngine, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    seen: list[tuple[str, int, int]] = []
    translate_article(
        read_article(sample_path),
        to="zh",
        engine=argos_engine,
        cache=False,
        progress=lambda label, done, total: seen.append((label, done, total)),
    )
    sizes = [len(call) for call in spy.calls]
    assert len(sizes) > 1
    assert all(sum(map(len, call)) <= pipeline.CHUNK_CHARS for call in spy.calls)
    assert [done for _, done, _ in seen] == [sum(sizes[: i + 1]) for i in range(len(sizes))]
    assert {(label, total) for label, _, total in seen} == {("en->zh", 79)}


class Brackets:
    """A stand-in for the quantities module: hides "Shanghai" from the engine."""

    name = "brackets"

    def before(self, text: str, *, source: str, target: str) -> str:
        return text.replace("Shanghai", "Beijing")

    def after(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]] | None:
        flags = ("restored",) if "Beijing" in translated else ()
        return translated.replace("Beijing", "Shanghai"), flags

    def unwrapped(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]]:
        return translated, ("unwrapped",)


def test_wrapper_sees_every_sentence_before_and_after(
    argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    result = translate_article(
        parse_text(ARTICLE), to="zh", engine=argos_engine, cache=False, wrapper=Brackets()
    )
    assert not any("Shanghai" in s for s in spy.sentences)
    assert all(u.target == u.source for u in result.units)
    assert result.unit("s1.p1.t1").flags == ("restored",)
    assert ("wrapper", "brackets") in result.provenance.options


class GivesUpOnMedia(Brackets):
    """A wrapper that gives up on every sentence about media, as if its placeholder broke."""

    name = "gives-up-on-media"

    def after(
        self, text: str, translated: str, *, source: str, target: str
    ) -> tuple[str, tuple[str, ...]] | None:
        return (
            None
            if "edia" in text
            else super().after(text, translated, source=source, target=target)
        )


def test_what_the_wrapper_gives_up_on_is_translated_again_as_it_is(
    tmp_path: Path, argos_engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(argos_engine, monkeypatch)
    cache = tmp_path / "cache.sqlite3"
    result = translate_article(
        parse_text(ARTICLE), to="zh", engine=argos_engine, cache=cache, wrapper=GivesUpOnMedia()
    )
    media = [u.text for u in parse_text(ARTICLE).units() if "edia" in u.text]
    assert len(spy.calls) == 2
    assert spy.calls[1] == sorted(media, key=len)  # once more, unwrapped, in one call
    assert "Beijing hosts a media conference" in spy.calls[0]
    assert all(u.target == u.source for u in result.units)
    assert result.unit("s1.p1.t1").flags == ("unwrapped",)
    assert result.unit("s1.p1.t2").flags == ()
    spy.calls.clear()
    again = translate_article(
        parse_text(ARTICLE), to="zh", engine=argos_engine, cache=cache, wrapper=GivesUpOnMedia()
    )
    assert spy.calls == []
    assert again.unit("s1.p1.t1").flags == ("unwrapped",)


def test_missing_apertium_pair_names_the_debian_package(apertium_bin: str) -> None:
    with pytest.raises(EngineUnavailableError) as error:
        translate_article(parse_text(ARTICLE), options=TranslateOptions(engine="apertium"), to="ca")
    message = str(error.value)
    assert "`apt-get install apertium apertium-eng-cat` (Apertium)" in message
    assert "confl10n models" not in message


def test_auto_names_the_debian_package_and_the_argos_commands(
    tmp_path: Path, argos_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no apertium command
    with pytest.raises(EngineUnavailableError) as error:
        translate_article(
            parse_text(ARTICLE),
            options=TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir),)),
            to="gl",
        )
    message = str(error.value)
    assert "install one with `apt-get install apertium apertium-en-gl` (Apertium)" in message
    assert "or `confl10n models install FILE.argosmodel`" in message


def test_apertium_without_debian_data_for_the_pair_says_so(apertium_bin: str) -> None:
    with pytest.raises(EngineUnavailableError, match=r"Debian ships no Apertium data for en-zh"):
        translate_article(parse_text(ARTICLE), options=TranslateOptions(engine="apertium"), to="zh")
