"""``ServeSettings`` hold one ``TranslateOptions`` and travel to the workers as JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.errors import InvalidOptionError
from confl10n.serve.settings import ENVIRONMENT, ServeSettings, from_environment
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.options import TranslateOptions


@pytest.mark.parametrize(
    "translation",
    [
        TranslateOptions(),
        TranslateOptions(engine="apertium"),
        TranslateOptions(engine="auto", settings=(ArgosSettings(models_dir="/m", threads=1),)),
    ],
)
def test_settings_come_back_from_the_environment_as_they_went(
    monkeypatch: pytest.MonkeyPatch, translation: TranslateOptions
) -> None:
    settings = ServeSettings(port=5123, queue=3, cache=None, translation=translation)
    monkeypatch.setenv(ENVIRONMENT, settings.to_environment())
    assert from_environment() == settings


def test_a_path_in_the_settings_comes_back_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    argos = ArgosSettings(models_dir=Path("/models"), threads=2)
    settings = ServeSettings(translation=TranslateOptions(settings=(argos,)))
    monkeypatch.setenv(ENVIRONMENT, settings.to_environment())
    (back,) = from_environment().translation.settings
    assert back == ArgosSettings(models_dir="/models", threads=2)


def test_without_the_variable_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert from_environment() == ServeSettings()
    assert from_environment().translation == TranslateOptions()


def test_a_misspelt_engine_setting_in_the_environment_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENVIRONMENT, '{"translation": {"settings": {"argos": {"thread": 1}}}}')
    with pytest.raises(InvalidOptionError, match="thread"):
        from_environment()
