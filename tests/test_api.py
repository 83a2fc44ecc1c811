"""The public API: what ``import confl10n`` offers, and that it stays light."""

from __future__ import annotations

import subprocess
import sys

import confl10n


def test_all_is_sorted_and_importable() -> None:
    assert confl10n.__all__ == sorted(confl10n.__all__)
    for name in confl10n.__all__:
        assert hasattr(confl10n, name), name


def test_every_error_has_an_exit_code() -> None:
    errors = [getattr(confl10n, n) for n in confl10n.__all__ if n.endswith("Error")]
    for error in errors:
        assert issubclass(error, confl10n.Confl10nError)
        assert 1 <= error.exit_code <= 125


def test_import_is_light() -> None:
    code = "import sys, confl10n; print(sorted(m.split('.')[0] for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(eval(result.stdout))
    assert not loaded & {
        "numpy",
        "ctranslate2",
        "sumy",
        "babel",
        "jieba",
        "typer",
        "argostranslate",
    }
