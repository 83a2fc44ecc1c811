"""A build creates each engine once and loads each model once, whatever the number of
articles and locales; a model's checksum is computed once per process.

The models are the kit's real CTranslate2 packages (en->zh and en->ja); loads
are counted by wrapping ``ctranslate2.Translator``, which still loads them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from confl10n import BuildOptions, TranslateOptions, build
from confl10n.translate.argos import engine as argos
from confl10n.translate.argos.settings import ArgosSettings
from tests import argos_kit

ARTICLES = {
    "harbour.md": "# Harbour Traffic Rises Again\n\nThe port handled 4,200 ships in May. "
    "Officials expect more next year.\n",
    "rail.md": "# New Rail Line Opens in the North\n\nThe line is 120 km long. "
    "It cost 3.5 billion yuan.\n",
}


@pytest.fixture
def two_models(tmp_path: Path, argos_package: Path, argos_tokenizer: Path) -> Path:
    """A packages folder with the kit's en->zh and en->ja models."""
    packages = tmp_path / "packages"
    argos_kit.install_package(argos_package, packages)
    argos_kit.write_package(packages, argos_tokenizer, to_code="ja", target_prefix="__ja__")
    return packages


def _counting(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, counter: Counter[str]
) -> None:
    """Wrap ``owner.name`` so each call is counted (by its first argument) and then made."""
    real = getattr(owner, name)

    def counted(first: Any, *args: Any, **kwargs: Any) -> Any:
        counter[str(first)] += 1
        return real(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


def test_three_articles_in_two_locales_load_each_model_once(
    tmp_path: Path, sample_path: Path, two_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    loads: Counter[str] = Counter()
    hashed: Counter[str] = Counter()
    engines: Counter[str] = Counter()
    _counting(monkeypatch, ctranslate2, "Translator", loads)
    _counting(monkeypatch, argos, "_hash_files", hashed)
    monkeypatch.setattr(argos.ArgosEngine, "__init__", _counted_init(engines))
    files = [sample_path]
    for name, text in ARTICLES.items():
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")

    report = build(
        files,
        options=BuildOptions(
            locales=["zh_CN", "ja_JP"],
            out=tmp_path / "out",
            translation=TranslateOptions(
                settings=(ArgosSettings(models_dir=two_models, threads=1),)
            ),
        ),
        cache=False,
    )

    assert [a.locales for a in report.articles] == [("en", "zh_CN", "ja_JP")] * 3
    models = {str(two_models / p / "model") for p in ("translate-en_zh-1_0", "translate-en_ja-1_0")}
    assert loads == Counter(dict.fromkeys(models, 1))
    assert sorted(hashed.values()) == [1, 1]
    assert sum(engines.values()) == 1


def _counted_init(counter: Counter[str]) -> Any:
    real = argos.ArgosEngine.__init__

    def init(self: argos.ArgosEngine, **settings: Any) -> None:
        counter["argos"] += 1
        real(self, **settings)

    return init
