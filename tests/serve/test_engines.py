"""The engines one server process holds, and what it says for a pair none of them does."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.errors import EngineUnavailableError
from confl10n.serve.engines import EngineHolder
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.options import TranslateOptions


def test_a_missing_pair_names_each_engine_s_pairs_under_its_own_name(
    tmp_path: Path, apertium_bin: str
) -> None:
    holder = EngineHolder(TranslateOptions(settings=(ArgosSettings(models_dir=tmp_path),)))
    with pytest.raises(EngineUnavailableError) as error:
        holder.pick("en", "de")
    message = str(error.value)
    assert "(Argos models: none; Apertium pairs: " in message
    assert "confl10n models install" in message  # Argos was tried: its install hint is given
