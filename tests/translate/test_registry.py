"""The engine registry: names, auto order, get_engine, install hints and descriptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confl10n.errors import EngineUnavailableError, InvalidOptionError
from confl10n.translate import registry
from confl10n.translate.apertium.debian import debian_package
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.engines import Engines
from confl10n.translate.options import TranslateOptions
from confl10n.translate.registry import install_hint


@pytest.mark.parametrize(
    ("source", "target", "package"),
    [("en", "es", "apertium-eng-spa"), ("es", "en", "apertium-eng-spa"),
     ("en", "ca", "apertium-eng-cat"), ("en", "gl", "apertium-en-gl"),
     ("nn", "nb", "apertium-nno-nob"), ("en", "zh", None), ("en", "en", None)],
)  # fmt: skip
def test_debian_package_for_either_direction(source: str, target: str, package: str | None) -> None:
    assert debian_package(source, target) == package


def test_argos_alone_names_the_argos_commands() -> None:
    assert install_hint(["argos"], "en", "es") == (
        "install one with `confl10n models install FILE.argosmodel` "
        "or, online, `confl10n models download en es`"
    )


def test_apertium_alone_names_the_apt_packages_only() -> None:
    hint = install_hint(["apertium"], "en", "ca")
    assert hint == "install one with `apt-get install apertium apertium-eng-cat` (Apertium)"


def test_both_engines_name_apt_first_then_argos() -> None:
    hint = install_hint(["argos", "apertium"], "en", "gl")
    assert hint.startswith(
        "install one with `apt-get install apertium apertium-en-gl` (Apertium) or "
    )
    assert hint.endswith("`confl10n models download en gl`")
    assert install_hint(["argos", "apertium"], "en", "zh") == install_hint(["argos"], "en", "zh")


def test_apertium_for_a_pair_debian_does_not_ship_says_so() -> None:
    assert install_hint(["apertium"], "en", "zh") == (
        "Debian ships no Apertium data for en-zh (`apt-cache search apertium` lists the pairs it has)"
    )


def test_auto_tries_every_registered_engine_in_table_order() -> None:
    assert registry.auto_order() == ("argos", "apertium")
    assert registry.engine_names() == ["apertium", "argos"]


def test_get_engine_refuses_unknown_engines_and_settings() -> None:
    with pytest.raises(InvalidOptionError, match="unknown engine 'marian'"):
        registry.get_engine("marian")
    with pytest.raises(InvalidOptionError, match=r"engine 'apertium': .*device"):
        registry.get_engine("apertium", device="cuda")


def test_a_registered_engine_whose_module_is_missing_is_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ghost = registry.EngineEntry("ghost", "confl10n.translate.ghost", "GhostEngine", "Ghost pairs")
    monkeypatch.setattr(registry, "ENGINES", (*registry.ENGINES, ghost))
    with pytest.raises(EngineUnavailableError, match="engine 'ghost' is not available"):
        registry.get_engine("ghost")
    assert ("ghost" in registry.auto_order()) and registry.describe()[-1].engine == "ghost"


def test_settings_go_only_to_the_engine_they_are_for() -> None:
    argos = ArgosSettings(models_dir="/x", threads=1)
    assert registry.settings_for("argos", [argos]) is argos
    assert registry.settings_for("argos", []) == ArgosSettings()
    assert registry.settings_for("apertium", [argos]) is None
    assert registry.settings_type("argos") is ArgosSettings
    assert registry.settings_type("apertium") is None


def test_a_misspelt_engine_setting_is_a_type_error_where_it_is_made() -> None:
    with pytest.raises(TypeError, match="thread"):
        ArgosSettings(thread=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        TranslateOptions(models_dir="/x")  # type: ignore[call-arg]


def test_engines_are_made_with_their_own_settings(tmp_path: Path) -> None:
    engines = Engines([ArgosSettings(models_dir=tmp_path / "none", device="gpu")])
    with pytest.raises(InvalidOptionError, match="device"):
        engines.get("argos")
    assert isinstance(Engines([ArgosSettings(device="gpu")]).get("apertium"), ApertiumEngine)


@pytest.mark.parametrize(
    "options",
    [
        TranslateOptions(),
        TranslateOptions(engine="argos", settings=(ArgosSettings(models_dir="/m", threads=2),)),
        TranslateOptions(protect_numbers=False, style_dir=Path("/styles")),
        TranslateOptions(settings=(ArgosSettings(models_dir=Path("/p"), beam_size=2),)),
    ],
)
def test_translate_options_travel_as_json(options: TranslateOptions) -> None:
    data = json.loads(json.dumps(options.as_json()))
    back = TranslateOptions.from_json(data)
    assert back.as_json() == options.as_json()
    assert (back.engine, back.protect_numbers, back.style_dir) == (
        options.engine, options.protect_numbers, options.style_dir,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("settings", "message"),
    [({"apertium": {}}, "engine 'apertium' takes no settings"),
     ({"argos": {"thread": 1}}, "engine 'argos': .*thread"),
     ({"marian": {}}, "unknown engine 'marian'")],
)  # fmt: skip
def test_bad_settings_in_json_are_clear_errors(settings: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        TranslateOptions.from_json({"settings": settings})
