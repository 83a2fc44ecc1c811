"""The engine registry: names, auto order, get_engine, install hints and descriptions."""

from __future__ import annotations

import pytest

from confl10n.errors import EngineUnavailableError, InvalidOptionError
from confl10n.translate import registry
from confl10n.translate.apertium.debian import debian_package
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
    ghost = registry.EngineEntry("ghost", "confl10n.translate.ghost", "GhostEngine")
    monkeypatch.setattr(registry, "ENGINES", (*registry.ENGINES, ghost))
    with pytest.raises(EngineUnavailableError, match="engine 'ghost' is not available"):
        registry.get_engine("ghost")
    assert ("ghost" in registry.auto_order()) and registry.describe()[-1].engine == "ghost"


def test_settings_go_only_to_the_engines_that_take_them() -> None:
    settings = {"models_dir": "/x", "device": "cpu", "threads": 1}
    assert registry.settings_for("argos", settings) == settings
    assert registry.settings_for("apertium", settings) == {}
