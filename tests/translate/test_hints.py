"""Install hints for a missing pair: Argos commands, Debian's Apertium packages (offline data)."""

from __future__ import annotations

import pytest

from confl10n.translate.hints import debian_package, install_hint


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
