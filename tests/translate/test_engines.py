"""The choice of engine for a pair, and what is said when no installed engine can do it."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.errors import EngineUnavailableError
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.engines import Engines, installed_pairs, unavailable


def test_each_engine_s_pairs_are_named_as_that_engine_calls_them() -> None:
    offered = {"argos": [], "apertium": [("es", "en"), ("en", "es")]}
    assert installed_pairs(offered) == "Argos models: none; Apertium pairs: en->es, es->en"


def test_nothing_offered_says_no_engine_is_installed() -> None:
    assert installed_pairs({}) == "no engine is installed"


def test_an_engine_the_registry_does_not_know_is_named_by_its_own_name() -> None:
    assert installed_pairs({"fake": [("en", "fr")]}) == "fake pairs: en->fr"


def test_the_error_never_lists_apertium_pairs_as_installed_models() -> None:
    error = unavailable("en", "de", {"argos": [], "apertium": [("en", "es")]}, engines=("argos",))
    message = str(error)
    assert message.startswith(
        "no installed model translates en->de (Argos models: none; Apertium pairs: en->es); "
    )
    assert "installed: en->es" not in message


def test_auto_without_argos_models_says_which_engine_has_which_pairs(
    tmp_path: Path, apertium_bin: str
) -> None:
    engines = Engines((ArgosSettings(models_dir=tmp_path),))
    with pytest.raises(EngineUnavailableError) as error:
        engines.pick("auto", "en", "de")
    message = str(error.value)
    assert "(Argos models: none; Apertium pairs: " in message
    assert "en->es" in message.split("Apertium pairs: ")[1]
    assert "\n" not in message
