"""Every case of the issue 13 corpus: the figure is read as written and each locale
renders it as its newsroom would (tests/data/figures/cases.tsv)."""

from __future__ import annotations

import pytest

from tests.figures.corpus import found, is_trap_kept, load_cases, rendered

LOCALES, CASES = load_cases()


def test_the_corpus_is_big_enough_and_covers_seven_locales() -> None:
    assert len(CASES) >= 200
    assert LOCALES == ["zh_CN", "zh_TW", "ja_JP", "de_DE", "fr_FR", "es_ES", "ar_EG"]


def test_every_case() -> None:
    wrong = []
    for case in CASES:
        if case.kind == "none":
            if not is_trap_kept(case):
                wrong.append(f"{case.snippet!r}: a trap was read as a figure")
            continue
        q = found(case)
        if q is None:
            wrong.append(f"{case.snippet!r}: {case.figure!r} not read as {case.kind} {case.value}")
            continue
        wrong += [f"{case.snippet!r} {locale}: {rendered(q, locale)!r} != {want!r}"
                  for locale, want in case.renderings.items() if rendered(q, locale) != want]  # fmt: skip
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("kind", ["money", "percent", "date:y", "date:md", "time", "measure"])
def test_each_kind_has_cases(kind: str) -> None:
    assert sum(case.kind == kind for case in CASES) >= 3
