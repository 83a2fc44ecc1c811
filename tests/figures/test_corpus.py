"""Every case of the issue 13 corpus: the figure is read as written and each locale
renders it as its newsroom would (tests/data/figures/cases.tsv)."""

from __future__ import annotations

import re

import pytest

from confl10n.figures.protect import protect, restore
from confl10n.figures.qa import check_translation
from confl10n.localize.formatting import range_frames
from confl10n.quantities.find import find_quantities
from tests.figures.corpus import REFERENCE, found, is_trap_kept, load_cases, rendered

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
        wrong += [f"{case.snippet!r} {locale}: {rendered(q, locale, case.frame)!r} != {want!r}"
                  for locale, want in case.renderings.items()
                  if rendered(q, locale, case.frame) != want]  # fmt: skip
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("kind", ["money", "percent", "date:y", "date:md", "time", "measure"])
def test_each_kind_has_cases(kind: str) -> None:
    assert sum(case.kind == kind for case in CASES) >= 3


def test_qa_accepts_every_expected_rendering() -> None:
    """The figure replaced by its newsroom rendering is never a QA finding (no false
    findings on right translations: 0,0 for 0.0, 20 Uhr for 8 p.m., 1億130万ドル …)."""
    wrong = []
    for case in (c for c in CASES if c.kind != "none"):
        for locale, want in case.renderings.items():
            translation = case.snippet.replace(case.figure, want, 1)
            findings = check_translation(
                case.snippet, translation, locale, reference_date=REFERENCE
            )
            wrong += [f"{locale} {translation!r}: {f.message}" for f in findings
                      if f.source == case.written]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_qa_flags_every_amount_that_lost_its_scale() -> None:
    """ "4 dólares" for "$4 to $5 billion": each scaled amount of the corpus, written
    with its first digits only, is a finding in every locale."""
    scaled = [c for c in CASES if c.kind in ("money", "count") and re.search(
        r"million|billion|trillion|bn|m\b", c.figure)]  # fmt: skip
    assert len(scaled) >= 40
    missed = []
    for case in scaled:
        digits = re.search(r"[0-9]+(?:\.[0-9]+)?", case.figure)
        assert digits is not None
        translation = case.snippet.replace(case.figure, digits[0], 1)
        for locale in case.renderings:
            found = check_translation(case.snippet, translation, locale, reference_date=REFERENCE)
            if not any(f.source == case.written for f in found):
                missed.append(f"{locale} {translation!r}")
    assert not missed, "\n".join(missed)


def test_qa_raises_no_false_alarm_on_right_translations() -> None:
    """Every snippet with all its figures put back in each locale's style (range words
    and all) passes QA without a single finding: no alarm on a right translation."""
    alarms = []
    for snippet in sorted({c.snippet for c in CASES if c.kind != "none"}):
        found = find_quantities(snippet, reference_date=REFERENCE)
        for locale in LOCALES:
            masked, slots = protect(snippet, found, frames=range_frames(locale))
            right = restore(masked, slots, locale)
            findings = check_translation(snippet, right, locale, reference_date=REFERENCE)
            alarms += [f"{locale} {right!r}: {f.message}" for f in findings]
    assert not alarms, "\n".join(alarms)
