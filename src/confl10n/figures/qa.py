"""Numeric QA: does a translation say the same numbers, dates and amounts as its source?

:func:`check_translation` reads the figures back out of the translation (see
:mod:`confl10n.figures.readback`) and pairs them with the source quantities. Each source
quantity must be found with the same value; what is not becomes a
:class:`Finding`:

* ``missing`` — no figure in the translation is left to pair it with;
* ``wrong_value`` — 380 became 38, 10.2% became 10%;
* ``wrong_scale`` — the digits are right but the scale is off (380亿 for 380 billion);
* ``wrong_date`` — a different day, month or year;
* ``english_style`` — right value only if read the English way ("1,926" in German);
* ``lost_sign`` — the value without its minus (-1.4% became 1,4 %);
* ``lost_unit`` — the right number without its unit, currency or % (36 km became "36",
  "$5 million" became "5 millones");
* ``wrong_currency`` — the amount in another currency ("$5 million" became "5 millones de
  euros", "€5 million" became "500万美元"): the currency nearest the number decides;
* ``unexpected`` — a number in the translation that is nowhere in the source;
* ``flagged`` — the source figure itself needs a human (an ambiguous date).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, time
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from confl10n.document import duration_terms
from confl10n.figures.readback import (
    Reading,
    currency_marks,
    currency_names,
    normalize_digits,
    read_figures,
    unit_marks,
)
from confl10n.localize.formatting import check_locale, format_quantity, range_frames
from confl10n.quantities.find import find_quantities
from confl10n.quantities.words import currency_codes, currency_word, scale_power

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from confl10n.document import Article, Quantity

__all__ = ["Finding", "check_article", "check_translation"]

_Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """One numeric mismatch between a source sentence and its translation.

    ``start``/``end`` index the source text (-1 for an unexpected number);
    ``target`` is the translated text at fault, or the whole translation when
    the figure is missing; ``expected`` is the source figure in target style.
    """

    problem: str
    source: str
    start: int
    end: int
    target: str
    expected: str
    sentence_id: str | None
    message: str


@dataclass
class _Check:
    """One check in progress: the readings still unclaimed and the findings so far."""

    locale: str
    translation: str
    readings: list[Reading]
    sentence_id: str | None
    style_dir: Path | None
    findings: list[Finding]

    def take(self, reading: Reading) -> None:
        self.readings.remove(reading)

    def report(self, problem: str, q: Quantity, target: str, why: str) -> None:
        expected = format_quantity(q, self.locale, style_dir=self.style_dir)
        message = f"{problem.replace('_', ' ')}: {q.text!r} -> {why}"
        self.findings.append(Finding(problem, q.text, q.start, q.end, target, expected,
                                     self.sentence_id, message))  # fmt: skip


def check_translation(
    source: str | Sequence[Quantity],
    translation: str,
    locale: str,
    *,
    sentence_id: str | None = None,
    reference_date: date | None = None,
    style_dir: Path | None = None,
) -> list[Finding]:
    """Every numeric mismatch between ``source`` and its ``translation`` into ``locale``.

    ``source`` is the English sentence (its quantities are found here) or the
    quantities already found in it; only with the sentence can numbers the
    translation added be told from numbers the source also has.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown locale.
    """
    readings = read_figures(translation, check_locale(locale), style_dir=style_dir)
    check = _Check(locale, translation, readings, sentence_id, style_dir, [])
    if isinstance(source, str):
        quantities = find_quantities(source, reference_date=reference_date)
    else:
        quantities = list(source)
    pending = [part for q in quantities for part in _unmatched(check, q)]
    for q in pending:
        _mismatch(check, q)
    if isinstance(source, str):
        _unexpected(check, source, quantities)
    return sorted(check.findings, key=lambda f: (f.start < 0, f.start))


def check_article(
    article: Article,
    targets: Mapping[str, str],
    locale: str,
    *,
    style_dir: Path | None = None,
) -> list[Finding]:
    """The numeric QA report of a translated article, in reading order.

    ``targets`` maps unit IDs (title, headings, sentences) to their
    translations; units without one are not checked.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown locale.
    """
    findings: list[Finding] = []
    for unit in article.units():
        if unit.id in targets:
            findings += check_translation(
                unit.text, targets[unit.id], locale, sentence_id=unit.id,
                reference_date=article.published, style_dir=style_dir,
            )  # fmt: skip
    return findings


def _unmatched(check: _Check, q: Quantity) -> list[Quantity]:
    """What of ``q`` the translation does not say: [] when it is matched (or flagged), else
    ``q``, or the terms of a compound duration that are not there."""
    terms = _duration_parts(q)
    if not terms:
        return [] if _flag_or_match(check, q) else [q]
    whole = replace(q, unit=terms[-1].unit)  # "80 minutos" for 1 hour 20 minutes is right
    if _literal(check, q) or _flag_or_match(check, whole):
        return []
    return [term for term in terms if not _flag_or_match(check, term)]


def _duration_parts(q: Quantity) -> list[Quantity]:
    """A compound duration's terms as figures of their own ("1 hour", "20 minutes"); a race
    time's as plain numbers, as a clock writes them without units ("3:45,2"). [] for any
    other quantity."""
    terms = duration_terms(q)
    kind = "number" if ":" in q.text else "measure"
    spans = _term_spans(q.text, len(terms))
    last = len(terms) - 1
    return [
        replace(q, kind=kind, value=value, unit=unit, text=q.text[a:b], start=q.start + a,
                end=q.start + b, decimals=q.decimals if i == last else 0)
        for i, ((value, unit), (a, b)) in enumerate(zip(terms, spans, strict=True))
    ]  # fmt: skip


_TERM = re.compile(r"[0-9]+(?:\.[0-9]+)?[\s-]*[^\W\d_]*")


def _term_spans(text: str, count: int) -> list[_Span]:
    """Where each of a compound duration's ``count`` terms is written in ``text`` ("1
    hour", "20 minutes"); the whole text for each when a term's number is a word."""
    found = [m.span() for m in _TERM.finditer(text)]
    return found if len(found) == count else [(0, len(text))] * count


def _flag_or_match(check: _Check, q: Quantity) -> bool:
    """Claim the reading equal to ``q``; True when done (matched or flagged)."""
    if q.value is None:
        check.report("flagged", q, q.text, q.note or "needs a human look")
        return True
    if _literal(check, q):
        return True
    if isinstance(q.upper, date):
        return _match_dates(check, q)
    if q.upper is not None and _match_range(check, q):
        return True
    for reading in list(check.readings):
        verdict = _compare(q, reading)
        if verdict in ("same", "english_style"):
            check.take(reading)
            if verdict == "english_style":
                check.report(verdict, q, reading.text, f"{reading.text!r} is written English-style")
            _unit_kept(check, q, reading)
            return _claim_range(check, q)
    return False


def _literal(check: _Check, q: Quantity) -> bool:
    """The figure written exactly as the locale's style writes it (a range also with its
    "between"/"from" words, a fraction also as "1/3"): the readings inside it are claimed
    (times, fiscal years, "1億130万", "三分之一", month names)."""
    expected = format_quantity(q, check.locale, style_dir=check.style_dir)
    forms = [expected, q.unit or ""] if q.kind == "fraction" else [expected]
    if q.upper is not None:  # "entre 22.920 y 70.044 euros", "de enero a marzo"
        frames = range_frames(check.locale, style_dir=check.style_dir)
        forms += [format_quantity(q, check.locale, style_dir=check.style_dir, frame=frame)
                  for frame in sorted(frames)]  # fmt: skip
    text = normalize_digits(check.translation.casefold())
    for form in filter(None, forms):
        written = re.escape(normalize_digits(form.casefold()))
        signless = _MINUS if written[:1].isdigit() else ""  # 0,4 is not inside -0,4
        found = re.search(rf"(?<![\d.,{signless}]){written}(?![\d]|[.,]\d)", text)
        if found is not None:
            _claim_literal(check, q, found.span())
            return True
    return False


def _claim_literal(check: _Check, q: Quantity, span: _Span) -> None:
    """Claim the readings inside the literal figure at ``span``; an amount's currency is
    still checked, as the words after it may name another ("dólares australianos")."""
    claimed = [r for r in check.readings if r.start < span[1] and span[0] < r.end]
    for reading in claimed:
        check.take(reading)
    if q.kind == "money" and q.unit and claimed:
        _currency_kept(check, q, claimed[0])


def _match_dates(check: _Check, q: Quantity) -> bool:
    """A date range ("2022-2023", "September and October 2024"): either end found written
    any way claims what it finds; neither found is a finding left to :func:`_mismatch`."""
    ends = [q, replace(q, value=q.upper, upper=None)]
    found = [r for r in check.readings if any(_date_matches(end, r) for end in ends)]
    for reading in found:
        check.take(reading)
    return bool(found)


def _unit_kept(check: _Check, q: Quantity, reading: Reading) -> None:
    """Report a money amount, percentage or measure whose number came back without its
    unit ("36 de largo" for 36 kilometers, "5" for 5%)."""
    if q.kind == "money" and q.unit:
        _currency_kept(check, q, reading)
        return
    if q.kind not in ("percent", "measure") or reading.scaled:
        return
    marks = unit_marks(q, check.locale, style_dir=check.style_dir)
    text = check.translation.casefold()
    if marks and not any(mark in text for mark in marks):
        check.report("lost_unit", q, reading.text, f"{reading.text!r} has no unit")


_BEFORE, _AFTER = 15, 40  # how far from its number a currency may be written, in characters
# What stands between a currency word several currencies share and the word that names
# which one, as their names write it: "dólares australianos", "dollars de Hong Kong" after
# it, "australische Dollar", "Hongkong-Dollar" before it.
_NAMED_AFTER = re.compile(r"[^\W\d_]*[\s\-‐]*(?:(?:de|du|des|of|d['’])\s*)?")
_NAMED_BEFORE = re.compile(r"[^\W\d_]*[\s\-‐]*")


@dataclass(frozen=True, slots=True)
class _Currencies:
    """What shows each currency in one locale: its marks, and the marks that name it next
    to a word it shares with others (before that word, after it)."""

    marks: Mapping[str, frozenset[str]]
    sides: Mapping[str, tuple[frozenset[str], frozenset[str]]]


def _currency_kept(check: _Check, q: Quantity, reading: Reading) -> None:
    """Report an amount whose nearest currency (name or symbol, per CLDR and the locale's
    style) is another one (``wrong_currency``) or that shows none (``lost_unit``)."""
    near = _currencies_near(check, q, reading)
    own = near.pop(str(q.unit), _FAR)
    others = sorted((distance, code not in _USUAL, code) for code, distance in near.items())
    distance, _, code = others[0] if others else (_FAR, False, "")
    if own <= distance and own < _FAR:
        return
    if distance < _FAR:
        check.report("wrong_currency", q, reading.text, f"{reading.text!r} is in {code}")
    else:
        check.report("lost_unit", q, reading.text, f"{reading.text!r} has no currency")


def _written(q: Quantity) -> frozenset[str]:
    """The source's own currency word or sign with its letters ("yuan", "EUR", "$", "A$"),
    lower-cased: an engine may copy it as written."""
    signs = re.findall(r"[^\W\d_]*[^\w\s.,\-–]+", q.text)
    named = [w for w in re.findall(r"[^\W\d_]+", q.text) if currency_word(w) == q.unit]
    return frozenset(w.casefold() for w in [*signs, *named])


_MINUS = "\\-\u2212\u2011"  # minus signs, escaped for a character class
_USUAL = ("USD", "EUR")  # what a mark several currencies share ("dollar", "$") means alone
_FAR = 10**6


def _currencies_near(check: _Check, q: Quantity, reading: Reading) -> dict[str, int]:
    """Each currency shown near ``reading`` -> its distance (see :func:`_gap`). A mark inside
    a longer one ("$" in "US$", "元" in "美元") does not count; a mark several currencies
    share ("dólares", "ドル") counts for the one a word next to it names ("dólares
    australianos"), else for the usual one (the US dollar)."""
    table = _currency_table(check.locale, check.style_dir)
    code = str(q.unit)
    marks = {**table.marks, code: table.marks.get(code, frozenset()) | _written(q)}
    text = check.translation.casefold()
    found = _outermost(_mark_spans(text, marks, reading))
    near: dict[str, int] = {}
    for span, codes in found.items():
        for meant in _meant(text, span, codes, found, table):
            near[meant] = min(near.get(meant, _FAR), _gap(text, span, reading))
    return near


@cache
def _currency_table(locale: str, style_dir: Path | None) -> _Currencies:
    marks = {code: currency_marks(code, locale, style_dir) for code in currency_codes()}
    counts = Counter(mark for found in marks.values() for mark in found)
    shared = {mark for mark, count in counts.items() if count > 1}
    sides = {code: _sides(currency_names(code, locale, style_dir), shared) for code in marks}
    return _Currencies(marks, sides)


def _sides(
    names: Sequence[Sequence[str]], shared: set[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The marks of ``names`` that stand before a shared one, and those after it."""
    before: set[str] = set()
    after: set[str] = set()
    for name in names:
        for i, mark in enumerate(name):
            if mark in shared:
                before |= set(name[:i]) - shared
                after |= set(name[i + 1 :]) - shared
    return frozenset(before), frozenset(after)


def _mark_spans(
    text: str, marks: Mapping[str, frozenset[str]], reading: Reading
) -> dict[_Span, set[str]]:
    """Where each currency's marks occur near ``reading``. Letters must start a word, so
    "ين" (yen) is not read inside "ملايين"."""
    low, high = max(0, reading.start - _BEFORE), min(len(text), reading.end + _AFTER)
    spans: dict[_Span, set[str]] = {}
    for code, found in marks.items():
        for mark in found:
            edge = r"(?<![^\W\d_])" if mark[:1].isalpha() and not _is_cjk_text(mark) else ""
            for m in re.finditer(edge + re.escape(mark), text[:high]):
                if m.start() >= low:
                    spans.setdefault(m.span(), set()).add(code)
    return spans


def _outermost(spans: dict[_Span, set[str]]) -> dict[_Span, set[str]]:
    """``spans`` without those inside a longer one."""
    return {
        (a, b): codes
        for (a, b), codes in spans.items()
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)
    }


def _meant(
    text: str, span: _Span, codes: set[str], found: dict[_Span, set[str]], table: _Currencies
) -> set[str]:
    """The currencies the mark at ``span`` shows: one of those sharing it that a word next
    to it names, else the usual one, else all of them."""
    if len(codes) == 1:
        return codes
    named = {code for code in codes if _named(text, span, code, found, table)}
    usual = [code for code in _USUAL if code in codes]
    return named or ({usual[0]} if usual else codes)


def _named(
    text: str, span: _Span, code: str, found: dict[_Span, set[str]], table: _Currencies
) -> bool:
    """Whether a mark of ``code`` alone stands right before or after the shared one at
    ``span``, where the currency's names put it ("dólares australianos")."""
    before, after = table.sides[code]
    for (a, b), codes in found.items():
        mark = text[a:b]
        if codes != {code}:
            continue
        if a >= span[1] and mark in after and _NAMED_AFTER.fullmatch(text, span[1], a):
            return True
        if b <= span[0] and mark in before and _NAMED_BEFORE.fullmatch(text, b, span[0]):
            return True
    return False


def _gap(text: str, span: _Span, reading: Reading) -> int:
    """How far the mark at ``span`` is from ``reading``: a word before the number counts
    only when none follows it (words follow their number, symbols come before it)."""
    if span[0] >= reading.end:
        return span[0] - reading.end
    return max(reading.start - span[1] + _AFTER * text[span[0]].isalpha(), 0)


def _is_cjk_text(word: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" for ch in word)


def _match_range(check: _Check, q: Quantity) -> bool:
    """Two neighbouring readings giving both ends; the low end may leave its scale
    to the high end, as "5 bis 7 Milliarden" and "50至70亿" do."""
    pairs = zip(check.readings, check.readings[1:], strict=False)
    for low, high in pairs:
        if q.upper is None or not _value_matches(q.upper, high) or low.value is None:
            continue
        shared = high.value / high.mantissa if high.value and high.mantissa else 1
        if q.value in (low.value, low.value * shared if not low.scaled else None):
            check.take(low)
            check.take(high)
            if q.kind == "money" and q.unit:
                _currency_kept(check, q, low)
            return True
    return False


def _claim_range(check: _Check, q: Quantity) -> bool:
    """A range also needs its upper bound ("500至1000元")."""
    if q.upper is None:
        return True
    for reading in list(check.readings):
        if _value_matches(q.upper, reading):
            check.take(reading)
            return True
    wrong = next((r for r in check.readings if r.digits and r.ymd is None), None)
    if wrong is None:
        check.report("missing", q, check.translation, f"upper bound {q.upper} not found")
    else:
        check.take(wrong)
        check.report("wrong_value", q, wrong.text, f"upper bound {wrong.text!r}")
    return True


def _compare(q: Quantity, r: Reading) -> str | None:
    """ "same", "english_style" or None for one source quantity and one reading."""
    if isinstance(q.value, date):
        return "same" if _date_matches(q, r) else None
    if isinstance(q.value, time):  # 20 (Uhr, 时, h) is 8 p.m.; a bare 8 is the English clock
        hour = q.value.hour
        return "same" if r.value == hour else "english_style" if r.value == hour % 12 else None

    if q.value is None or (not r.digits and q.text[:1].isdigit()):
        return None
    if r.value == q.value:
        return "same"
    return "english_style" if r.english == q.value else None


def _value_matches(value: object, r: Reading) -> bool:
    return r.value == value or r.english == value


def _date_matches(q: Quantity, r: Reading) -> bool:
    """Every part the source wrote must be there; parts the target adds must agree."""
    value, parts = q.value, q.parts or "ymd"
    if not isinstance(value, date):
        return False
    want = (value.year, value.month, value.day)
    if r.ymd is None:
        single = {"y": value.year, "d": value.day}.get(parts)
        return single is not None and r.value == single
    for part, got, wanted in zip("ymd", r.ymd, want, strict=True):
        if (got is None and part in parts) or (got is not None and got != wanted):
            return False
    return True


def _mismatch(check: _Check, q: Quantity) -> None:
    """Pair an unmatched quantity with the next unclaimed figure of its kind."""
    dated = isinstance(q.value, date)
    loose = dated and q.parts in ("y", "d")  # a year or a day may come back as a plain number
    spelled = not q.text[:1].isdigit() and q.text[:1] not in "$€£-−"
    for reading in check.readings:
        kind_fits = loose or (reading.ymd is not None) == dated
        if kind_fits and (reading.digits or spelled):
            check.take(reading)
            problem = "wrong_date" if dated else _value_problem(check, q, reading)
            if isinstance(q.value, Decimal) and q.value < 0 and reading.value == -q.value:
                problem = "lost_sign"
            check.report(problem, q, reading.text, f"{reading.text!r}")
            return
    check.report("missing", q, check.translation, "not found in the translation")


def _value_problem(check: _Check, q: Quantity, r: Reading) -> str:
    """wrong_scale when the digits are the source's (or the expected ones) but the
    scale word is off (380亿 or 3800万 for 380 billion); anything else is wrong_value."""
    if r.mantissa is None or not isinstance(q.value, Decimal):
        return "wrong_value"
    written = q.value.scaleb(-scale_power(q.scale))
    rendered = format_quantity(q, check.locale, style_dir=check.style_dir)
    expected = read_figures(rendered, check_locale(check.locale), style_dir=check.style_dir)
    digits = {written, *(e.mantissa for e in expected[:1])}
    return "wrong_scale" if r.mantissa in digits else "wrong_value"


def _unexpected(check: _Check, source: str, quantities: Sequence[Quantity]) -> None:
    """Figures in the translation that the source has nowhere: neither a source figure's
    value (with its sign: 0,4 is the source's 0.4 even when -0.4 is there too) nor the
    digits of anything else the source writes (labels, names)."""
    values = {v for q in quantities for v in (q.value, q.upper) if isinstance(v, Decimal)}
    values |= {value for q in quantities for value, _ in duration_terms(q)}
    known = _digit_runs(source)
    for r in check.readings:
        if r.value in values or r.english in values:
            continue
        if r.digits and r.ymd is None and not _digit_runs(r.text) <= known:
            message = f"unexpected: {r.text!r} is not in the source"
            finding = Finding("unexpected", "", -1, -1, r.text, "", check.sentence_id, message)
            check.findings.append(finding)


def _digit_runs(text: str) -> set[str]:
    return set(re.findall(r"\d+", normalize_digits(text).replace(",", "")))
