"""Result values: lookup by ID, flagged units, the pivot, immutability."""

from __future__ import annotations

import dataclasses

import pytest

from confl10n.text.reader import parse_text
from confl10n.translate.engine import EngineIdentity
from confl10n.translate.results import ArticleTranslation, Provenance, UnitTranslation

IDENTITY = EngineIdentity("argos", "translate-de_en-1_0", "1.0", "0" * 64)


def _result(path: tuple[str, ...]) -> ArticleTranslation:
    article = parse_text("# Titel\n\nEin Satz. Noch einer.\n", lang="de")
    units = tuple(
        UnitTranslation(
            u.id, u.text, u.text.upper(), "engine", ("degenerate",) if "Noch" in u.text else ()
        )
        for u in article.units()
    )
    provenance = Provenance(path, (IDENTITY,) * (len(path) - 1), (), ())
    return ArticleTranslation(article, path[0], path[-1], units, provenance)


def test_unit_by_id_and_flagged() -> None:
    result = _result(("de", "zh"))
    assert result.unit("s1.p1.t1").target == "EIN SATZ."
    assert [u.id for u in result.flagged] == ["s1.p1.t2"]
    with pytest.raises(KeyError):
        result.unit("s9.p9.t9")


def test_pivot_is_the_middle_of_a_three_language_path() -> None:
    assert _result(("de", "en", "zh")).provenance.pivot == "en"
    assert _result(("de", "zh")).provenance.pivot is None


def test_results_are_immutable() -> None:
    result = _result(("de", "zh"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.units[0].target = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.provenance.path = ()  # type: ignore[misc]


def test_a_blank_target_is_missing_and_shows_the_source() -> None:
    for blank in ("", " \n"):
        unit = UnitTranslation("s1.p1.t1", "Ein Satz.", blank, "engine")
        assert unit.missing and unit.shown == "Ein Satz."
    unit = UnitTranslation("s1.p1.t1", "Ein Satz.", "A sentence.", "engine")
    assert not unit.missing and unit.shown == "A sentence."
