"""``import_xliff``: approved targets are stored under the language the engines are asked for,
so the build of the reviewed locale finds them and no other locale of the language does."""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.building.approved import UnknownUnitWarning, import_xliff
from confl10n.translate.cache import TranslationCache

SOURCE = "The house is red."


def _xliff(folder: Path, source_lang: str, target_lang: str, target: str) -> Path:
    path = folder / "reviewed.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file original="a" source-language="{source_lang}" target-language="{target_lang}"'
        ' datatype="plaintext"><body><trans-unit id="s1.p1.t1">'
        f'<source>{SOURCE}</source><target state="final">{target}</target>'
        "</trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "stored", "other"),
    [
        ("en", "zh-TW", "zt", "zh"),
        ("en", "zh-Hant", "zt", "zh"),
        ("en-US", "zh_Hant_HK", "zt", "zh"),
        ("en", "pt-BR", "pb", "pt"),
        ("en", "zh-CN", "zh", "zt"),
        ("en", "zh-Hans", "zh", "zt"),
        ("EN", "es-ES", "es", "pb"),
    ],
)
def test_an_approved_target_is_stored_under_its_engine_language(
    tmp_path: Path, source_lang: str, target_lang: str, stored: str, other: str
) -> None:
    cache_path = tmp_path / "cache.sqlite3"
    with pytest.warns(UnknownUnitWarning, match="no bundle.json beside it"):
        count = import_xliff(_xliff(tmp_path, source_lang, target_lang, "X"), cache=cache_path)
    assert count == 1
    with TranslationCache(cache_path) as cache:
        assert cache.approved("en", stored, [SOURCE]) == {SOURCE: "X"}
        assert cache.approved("en", other, [SOURCE]) == {}
