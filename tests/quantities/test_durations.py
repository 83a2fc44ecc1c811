"""Durations written in parts, race times and abbreviated seconds: one figure each
(confl10n.quantities.durations, through find_quantities)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from confl10n.quantities.durations import duration_at
from confl10n.quantities.find import find_quantities


def _read(text: str) -> list[tuple[str, str, D, str | None, int]]:
    return [(q.kind, q.text, q.value, q.unit, q.decimals) for q in find_quantities(text)]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("It took 1 hour 20 minutes.", "1 hour 20 minutes", D(80), "duration-hour-and-minute"),
        ("It took 2 hours, 5 minutes and 30 seconds.", "2 hours, 5 minutes and 30 seconds",
         D(7530), "duration-hour-and-minute-and-second"),
        ("The call lasted one hour and 40 minutes.", "one hour and 40 minutes", D(100),
         "duration-hour-and-minute"),
        ("It took an hour and 20 minutes.", "an hour and 20 minutes", D(80),
         "duration-hour-and-minute"),
        ("It took two hours and forty-five minutes.", "two hours and forty-five minutes", D(165),
         "duration-hour-and-minute"),
        ("He drove 3 hrs 12 mins.", "3 hrs 12 mins", D(192), "duration-hour-and-minute"),
        ("She waited 1 hr 15 min.", "1 hr 15 min", D(75), "duration-hour-and-minute"),
        ("He ran it in 2h 5m.", "2h 5m", D(125), "duration-hour-and-minute"),
        ("The record is 2h05.", "2h05", D(125), "duration-hour-and-minute"),
        ("The call lasted 1h30m.", "1h30m", D(90), "duration-hour-and-minute"),
        ("It took 1h 15min.", "1h 15min", D(75), "duration-hour-and-minute"),
        ("Rest for 1 min 30 sec.", "1 min 30 sec", D(90), "duration-minute-and-second"),
        ("He won in 3m 20s.", "3m 20s", D(200), "duration-minute-and-second"),
        ("It took 2 hours and 30 minutes.", "2 hours and 30 minutes", D(150),
         "duration-hour-and-minute"),
        ("A 2-hour 30-minute wait.", "2-hour 30-minute", D(150), "duration-hour-and-minute"),
        ("He was jailed for 3 years and 6 months.", "3 years and 6 months", D(42),
         "duration-year-and-month"),
        ("It took 1 year, 2 months.", "1 year, 2 months", D(14), "duration-year-and-month"),
        ("It lasted 3 days and 4 hours.", "3 days and 4 hours", D(76), "duration-day-and-hour"),
        ("He got 2 weeks and 3 days.", "2 weeks and 3 days", D(17), "duration-week-and-day"),
        ("It ran 1 day 2 hours 3 minutes 4 seconds.", "1 day 2 hours 3 minutes 4 seconds",
         D(93784), "duration-day-and-hour-and-minute-and-second"),
        ("She finished in 2:01:09.", "2:01:09", D(7269), "duration-hour-and-minute-and-second"),
        ("Kipchoge ran 2:01:09.5 in Berlin.", "2:01:09.5", D("7269.5"),
         "duration-hour-and-minute-and-second"),
        ("He ran the mile in 3:45.2.", "3:45.2", D("225.2"), "duration-minute-and-second"),
        ("His time of 3:59.4 stood for years.", "3:59.4", D("239.4"), "duration-minute-and-second"),
        ("Rest for 1 min 30.5 sec.", "1 min 30.5 sec", D("90.5"), "duration-minute-and-second"),
    ],
)  # fmt: skip
def test_a_compound_duration_is_one_figure(text: str, written: str, value: D, unit: str) -> None:
    found = [q for q in find_quantities(text) if q.unit and q.unit.startswith("duration-")]
    assert [(q.kind, q.text, q.value, q.unit) for q in found] == [("measure", written, value, unit)]


@pytest.mark.parametrize(
    ("text", "written", "value", "unit", "decimals"),
    [
        ("It took 30 seconds.", "30 seconds", D(30), "duration-second", 0),
        ("It took 1 second.", "1 second", D(1), "duration-second", 0),
        ("Bolt won in 9.58s.", "9.58s", D("9.58"), "duration-second", 2),
        ("Bolt won in 9.58 sec.", "9.58 sec", D("9.58"), "duration-second", 2),
        ("It took 30 secs.", "30 secs", D(30), "duration-second", 0),
        ("A lag of 250 milliseconds.", "250 milliseconds", D(250), "duration-millisecond", 0),
        ("A lag of 250 ms.", "250 ms", D(250), "duration-millisecond", 0),
        ("It lasted 5 hrs.", "5 hrs", D(5), "duration-hour", 0),
        ("A 24h strike.", "24h", D(24), "duration-hour", 0),
        ("It lasted 45 min. Then it rained.", "45 min", D(45), "duration-minute", 0),
        ("A 5 min walk.", "5 min", D(5), "duration-minute", 0),
        ("A 30-second ad ran.", "30-second", D(30), "duration-second", 0),
    ],
)  # fmt: skip
def test_seconds_and_abbreviated_units_are_durations(
    text: str, written: str, value: D, unit: str, decimals: int
) -> None:
    assert _read(text) == [("measure", written, value, unit, decimals)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 100m race.", [("measure", "100m", D(100), "length-meter", 0)]),
        ("A 5m wall fell.", [("measure", "5m", D(5), "length-meter", 0)]),
        ("It raised £5m.", [("money", "£5m", D(5000000), "GBP", 0)]),
        ("It reached 5m people.", [("count", "5m", D(5000000), "people", 0)]),
        ("Music of the 1990s.", []),
        ("He is in his 40s.", []),
        ("He won in 10s flat.", []),  # "s" after a whole number may be a decade
        ("Polls close at 20:00.", [("time", "20:00", None, None, 0)]),
        ("It was 10:30 on the clock.", []),  # a bare h:mm stays a label
        ("It stopped at 2:01:09.", []),  # a clock time of day, never a duration
        ("He served 1 year.", [("count", "1", D(1), "year", 0)]),
        ("It ran for 21 days.", [("count", "21", D(21), "days", 0)]),
        ("It took an hour and a half.",
         [("measure", "an hour and a half", D("1.5"), "duration-hour", 1)]),
        ("It took 1 hour 75 minutes.", [("measure", "1 hour", D(1), "duration-hour", 0),
                                        ("measure", "75 minutes", D(75), "duration-minute", 0)]),
        ("20 minutes 1 hour later.", [("measure", "20 minutes", D(20), "duration-minute", 0),
                                      ("measure", "1 hour", D(1), "duration-hour", 0)]),
        ("After 2 hours, 30 people left.", [("measure", "2 hours", D(2), "duration-hour", 0),
                                            ("count", "30", D(30), "people", 0)]),
        ("It took 5 hours and 2 hours.", [("measure", "5 hours", D(5), "duration-hour", 0),
                                          ("measure", "2 hours", D(2), "duration-hour", 0)]),
        ("The 5m wall fell in 3m 20s.", [("measure", "5m", D(5), "length-meter", 0),
                                         ("measure", "3m 20s", D(200),
                                          "duration-minute-and-second", 0)]),
    ],
)  # fmt: skip
def test_what_is_no_compound_duration_stays_as_it_was(text: str, expected: list[object]) -> None:
    found = [(kind, written, value if kind != "time" else None, unit, decimals)
             for kind, written, value, unit, decimals in _read(text)]  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Average delays rose by 35 minutes to 1 hour 20 minutes.",
         [("35 minutes", D(35), "duration-minute"),
          ("1 hour 20 minutes", D(80), "duration-hour-and-minute")]),
        ("The flight was cut by 1 hour 5 minutes to 3 hours.",
         [("1 hour 5 minutes", D(65), "duration-hour-and-minute"), ("3 hours", D(3), "duration-hour")]),
        ("Delays fell by 5 to 1 hour 20 minutes.",  # the change in the level's smallest unit
         [("5", D(5), "duration-minute"), ("1 hour 20 minutes", D(80), "duration-hour-and-minute")]),
        ("Delays rose from 55 to 1 hour 20 minutes.",
         [("55", D(55), "duration-minute"), ("1 hour 20 minutes", D(80), "duration-hour-and-minute")]),
        ("He cut the record by 30 seconds to 2:01:09.",
         [("30 seconds", D(30), "duration-second"),
          ("2:01:09", D(7269), "duration-hour-and-minute-and-second")]),
        ("The record fell from 2:01:39 to 2:01:09.",
         [("2:01:39", D(7299), "duration-hour-and-minute-and-second"),
          ("2:01:09", D(7269), "duration-hour-and-minute-and-second")]),
    ],
)  # fmt: skip
def test_a_change_to_a_compound_level_is_a_change_and_a_level(
    text: str, figures: list[tuple[str, D, str]]
) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == figures


def test_duration_at_reads_only_where_a_duration_starts() -> None:
    text = "It took 1 hour 20 minutes."
    found = duration_at(text, text.index("1"))
    assert found is not None
    assert (found.text, found.start, found.end) == ("1 hour 20 minutes", 8, 25)
    assert duration_at(text, text.index("20")) is None  # one part: the numerals read it
