"""Finding quantities in English: what counts, what does not, and what gets flagged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from confl10n.document import Quantity
from confl10n.quantities.find import article_quantities, find_quantities
from confl10n.text.reader import read_article

REF = date(2024, 12, 20)
D = Decimal

# (sentence id, text as written, kind, value, upper, unit) for every figure of the sample.
SAMPLE = [
    ("s1.p1.t1", "December 19", "date", date(2024, 12, 19), None, None),
    ("s1.p3.t2", "10.2%", "percent", D("10.2"), None, None),
    ("s1.p3.t2", "41%", "percent", D(41), None, None),
    ("s1.p7.t1", "19th", "date", date(2024, 12, 19), None, None),
    ("s1.p7.t2", "three", "count", D(3), None, "perspectives"),
    ("s2.p1.t1", "380 billion yuan", "money", D(380_000_000_000), None, "CNY"),
    ("s2.p3.t2", "two", "count", D(2), None, "fields"),
    ("s2.p8.t1", "2018", "date", date(2018, 1, 1), None, None),
    ("s2.p8.t1", "seven", "count", D(7), None, "years"),
    ("s2.p8.t2", "348", "count", D(348), None, "companies"),
    ("s2.p8.t2", "2023", "date", date(2023, 1, 1), None, None),
    ("s2.p8.t2", "183", "number", D(183), None, None),
    ("s2.p8.t2", "2018", "date", date(2018, 1, 1), None, None),
    ("s2.p8.t2", "380 billion yuan", "money", D(380_000_000_000), None, "CNY"),
    ("s2.p8.t2", "134 billion yuan", "money", D(134_000_000_000), None, "CNY"),
    ("s2.p8.t3", "September 2023", "date", date(2023, 9, 1), None, None),
    ("s2.p8.t5", "1.92 square kilometers", "measure", D("1.92"), None, "area-square-kilometer"),
    ("s3.p1.t2", "November 2, 2019", "date", date(2019, 11, 2), None, None),
    ("s3.p4.t1", "twenty-five", "count", D(25), None, "exhibits"),
    ("s3.p4.t1", "five", "count", D(5), None, "areas"),
    ("s3.p10.t2", "2023", "date", date(2023, 1, 1), None, None),
    ("s3.p10.t2", "1,926", "count", D(1926), None, "locations"),
    ("s3.p10.t2", "346", "number", D(346), None, None),
    ("s3.p10.t3", "2024", "date", date(2024, 1, 1), None, None),
    ("s3.p10.t3", "40", "count", D(40), None, "centers"),
    ("s3.p10.t3", "30", "count", D(30), None, "halls"),
    ("s3.p10.t3", "200", "count", D(200), None, "stations"),
    ("s3.p10.t3", "6,000", "count", D(6000), None, "households"),
    ("s3.p11.t2", "2023", "date", date(2023, 1, 1), None, None),
    ("s3.p11.t2", "11,000", "count", D(11000), None, "beds"),
    ("s3.p11.t2", "30,000", "number", D(30000), None, None),
    ("s3.p11.t2", "2024", "date", date(2024, 1, 1), None, None),
    ("s3.p11.t3", "500 to 1,000 yuan", "money", D(500), D(1000), "CNY"),
    ("s4.p4.t1", "January 2023", "date", date(2023, 1, 1), None, None),
]


def _one(text: str, **kwargs: date) -> Quantity:
    found = find_quantities(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_every_figure_of_the_sample_article(sample_path: Path) -> None:
    article = read_article(sample_path)
    found = article_quantities(article)
    got = [(q.sentence_id, q.text, q.kind, q.value, q.upper, q.unit) for q in found]
    assert got == SAMPLE
    assert all(article.text[q.start : q.end] == q.text for q in found)


def test_seed_article_figures_have_the_right_values(seed_path: Path) -> None:
    article = read_article(seed_path)
    found = find_quantities(article.text, reference_date=REF)
    values = {(q.text, q.value, q.upper, q.unit) for q in found}
    assert ("380 billion yuan", D(380_000_000_000), None, "CNY") in values
    assert ("134 billion yuan", D(134_000_000_000), None, "CNY") in values
    assert ("10.2%", D("10.2"), None, None) in values
    assert ("1.92 square kilometers", D("1.92"), None, "area-square-kilometer") in values
    assert ("500 to 1,000 yuan", D(500), D(1000), "CNY") in values
    assert ("11,000", D(11000), None, "beds") in values
    assert ("twenty-five", D(25), None, "exhibits") in values
    assert ("November 2, 2019", date(2019, 11, 2), None, None) in values
    assert ("December 19", date(2024, 12, 19), None, None) in values
    assert ("September 2023", date(2023, 9, 1), None, None) in values


@pytest.mark.parametrize("text", ["630 Anpu Road", "the 2024 China Newspaper Media Industry"])
def test_seed_non_quantities_are_left_alone(seed_path: Path, text: str) -> None:
    article = read_article(seed_path)
    assert text in article.text
    start = article.text.index(text)
    found = find_quantities(article.text, reference_date=REF)
    assert not [q for q in found if start <= q.start < start + len(text)]


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "decimals", "written"),
    [
        ("worth $4.5 million now", "money", D(4_500_000), "USD", 1, "$4.5 million"),
        ("a €12bn fund", "money", D(12_000_000_000), "EUR", 0, "€12bn"),
        ("paid US$3m for it", "money", D(3_000_000), "USD", 0, "US$3m"),
        ("raised RMB 5 billion today", "money", D(5_000_000_000), "CNY", 0, "RMB 5 billion"),
        ("it rose 41 percent", "percent", D(41), None, 0, "41 percent"),
        ("up 3.50 per cent", "percent", D("3.50"), None, 2, "3.50 per cent"),
        ("a 20 km walk", "measure", D(20), "length-kilometer", 0, "20 km"),
        ("about 20km away", "measure", D(20), "length-kilometer", 0, "20km"),
        ("carrying 5 kg of rice", "measure", D(5), "mass-kilogram", 0, "5 kg"),
        ("a 1.90 m fence", "measure", D("1.90"), "length-meter", 2, "1.90 m"),
        ("for 3 hours", "measure", D(3), "duration-hour", 0, "3 hours"),
        ("two million people", "count", D(2_000_000), "people", 0, "two million"),
        ("the fifth consecutive year", "ordinal", D(5), "year", 0, "fifth"),
        ("the 19th century", "ordinal", D(19), "century", 0, "19th"),
    ],
)
def test_kinds_values_units_and_precision(
    text: str, kind: str, value: Decimal, unit: str | None, decimals: int, written: str
) -> None:
    q = _one(text)
    assert (q.kind, q.value, q.unit, q.decimals, q.text) == (kind, value, unit, decimals, written)
    assert str(q.value) == str(value)  # 1.90 keeps its zero; 4.5 million is 4500000


def test_a_range_keeps_both_ends_and_the_unit() -> None:
    q = _one("beds cost from 500 to 1,000 yuan a month")
    assert (q.kind, q.value, q.upper, q.unit, q.text) == (
        "money", D(500), D(1000), "CNY", "500 to 1,000 yuan"
    )  # fmt: skip
    between = _one("between 20 and 30 people came")
    assert (between.value, between.upper, between.unit) == (D(20), D(30), "people")


def test_a_change_is_not_a_range() -> None:
    found = find_quantities("It rose from 5 to 7 percent.")
    assert [(q.kind, q.value) for q in found] == [("percent", D(5)), ("percent", D(7))]


@pytest.mark.parametrize(
    ("text", "value", "parts"),
    [
        ("On December 19, they met.", date(2024, 12, 19), "md"),
        ("on Dec. 19 they met", date(2024, 12, 19), "md"),
        ("On November 2, 2019, he came.", date(2019, 11, 2), "ymd"),
        ("on 3 May 2021 it opened", date(2021, 5, 3), "ymd"),
        ("on the 2nd of May 2020 it opened", date(2020, 5, 2), "ymd"),
        ("In September 2023, it opened.", date(2023, 9, 1), "ym"),
        ("On the afternoon of the 19th, a tour began.", date(2024, 12, 19), "d"),
        ("It opens on January 5.", date(2025, 1, 5), "md"),  # nearest the reference date
        ("It ends on the 25th.", date(2024, 12, 25), "d"),
        ("Since 2018, it has grown.", date(2018, 1, 1), "y"),
        ("In 2023 Shanghai made beds.", date(2023, 1, 1), "y"),
        ("due 2024-12-19 in Shanghai", date(2024, 12, 19), "ymd"),
        ("due 25/03/2024 in Shanghai", date(2024, 3, 25), "ymd"),
    ],
)
def test_dates_full_partial_and_resolved(text: str, value: date, parts: str) -> None:
    q = _one(text, reference_date=REF)
    assert (q.kind, q.value, q.parts) == ("date", value, parts)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("On 02/03/2024 they met.", "ambiguous date"),
        ("On 02/03/24 they met.", "two-digit year"),
        ("It was 1e400 times bigger.", "scientific notation"),
        ("It had 12345678901234567890123456789012345678901234567890 parts.", "too large"),
    ],
)
def test_what_cannot_be_read_safely_is_flagged_not_guessed(text: str, note: str) -> None:
    q = _one(text)
    assert q.kind == "flagged" and q.value is None
    assert q.note is not None and note in q.note


@pytest.mark.parametrize(
    ("text", "parts", "month", "day"),
    [
        ("On December 19, they met.", "md", 12, 19),
        ("It ends on the 25th.", "d", 1, 25),
        ("It opens in October.", "m", 10, 1),
    ],
)
def test_a_date_without_year_or_reference_is_kept_with_a_note(
    text: str, parts: str, month: int, day: int
) -> None:
    # Issue 13 case 4: it used to be flagged and left in English. Nothing renders the
    # year it lacks, so it is a date; the note says no year could be placed.
    q = _one(text)
    assert q.kind == "date" and q.parts == parts and isinstance(q.value, date)
    assert (q.value.month, q.value.day) == (month, day)
    assert q.note is not None and "no reference date" in q.note


def test_an_impossible_date_is_flagged() -> None:
    q = _one("On February 30 it rained.", reference_date=REF)
    assert q.kind == "flagged" and q.note is not None and "not a calendar date" in q.note


@pytest.mark.parametrize("text", ["Profits fell -5% this year.", "It was −3.2 percent."])
def test_negative_values_keep_their_sign_and_are_flagged(text: str) -> None:
    q = _one(text)
    assert q.kind == "percent" and isinstance(q.value, Decimal) and q.value < 0
    assert q.note is not None and "negative" in q.note


@pytest.mark.parametrize(
    "text",
    [
        "It moved to 630 Anpu Road, Yangpu District.",
        "The 2024 China Newspaper Media Conference opened.",
        "He attended the 2024 Summer Olympics.",
        "COVID-19 spread over 5G networks.",
        "It runs Windows 11 and follows ISO 4217.",
        "Room No. 7 lists 10:30 and 192.168.0.1.",
        "The two will keep working; one route was new.",
        "It is a two-dimensional culture.",
        "AI is not perfect yet.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text, reference_date=REF) == []


def test_spelled_numbers_need_a_noun() -> None:
    found = find_quantities("seven consecutive years and twenty-one days")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("seven", D(7), "years"),
        ("twenty-one", D(21), "days"),
    ]


def test_counts_find_the_counted_noun_past_modifiers() -> None:
    found = find_quantities("It made 11,000 beds available and 40 more service centers.")
    assert [(q.value, q.unit) for q in found] == [(D(11000), "beds"), (D(40), "centers")]


def test_a_text_without_figures_gives_nothing() -> None:
    assert find_quantities("Embracing AI is not an optional question.") == []
    assert find_quantities("") == []


@pytest.mark.parametrize(
    ("text", "figure", "kind", "value"),
    [
        ("due 2024-12-19 at noon", "noon", "time", "12:00:00"),
        ("Room No. 7 opens at 10:30.", "10:30", "time", "10:30:00"),
        ("A 200-square-meter flat was sold.", "200-square-meter", "measure", "200"),
        ("A 5-metric-ton load fell.", "5-metric-ton", "measure", "5"),
        ("It is 1.5 times larger.", "1.5 times", "multiplier", "1.5"),
        ("Half of the staff left.", "Half", "fraction", "0.500000"),
        ("In FY24 sales rose.", "FY24", "date", "2024-01-01"),
    ],
)
def test_figures_2_smaller_misses(text: str, figure: str, kind: str, value: str) -> None:
    found = [(q.text, q.kind, str(q.value)) for q in find_quantities(text, reference_date=REF)]
    assert (figure, kind, value) in found


@pytest.mark.parametrize(
    "text",
    [
        "We meet 5 times per week.",
        "Apple launched the iPhone 15 Pro.",
        "Samsung unveiled the Galaxy 24 Ultra.",
        "It took an hour and a half.",
    ],
)
def test_figures_2_not_multipliers_or_figures(text: str) -> None:
    kinds = {q.kind for q in find_quantities(text, reference_date=REF)}
    assert not kinds & {"multiplier", "fraction", "number"}


# --- US and imperial units, in every form the metric ones have -------------------------


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        # unit adjectives
        ("A 6-foot wall.", "6-foot", "6", "length-foot"),
        ("a 3-inch gap", "3-inch", "3", "length-inch"),
        ("a 12-inch pizza", "12-inch", "12", "length-inch"),
        ("a 20-pound turkey", "20-pound", "20", "mass-pound"),
        ("It dropped a 2,000-pound bomb.", "2,000-pound", "2000", "mass-pound"),
        ("a 10-gallon hat", "10-gallon", "10", "volume-gallon"),
        ("a 4-ft wall", "4-ft", "4", "length-foot"),
        ("an 8-ounce cup", "8-ounce", "8", "mass-ounce"),
        ("a 5-in. screen", "5-in.", "5", "length-inch"),
        ("a 2-in pipe", "2-in", "2", "length-inch"),
        ("a 100-yard dash", "100-yard", "100", "length-yard"),
        ("a 5-ton truck", "5-ton", "5", "mass-ton"),
        ("a 2,000 square-foot home", "2,000 square-foot", "2000", "area-square-foot"),
        ("a 20-lb turkey", "20-lb", "20", "mass-pound"),
        # abbreviations, spaced, attached, with their dot inside a sentence
        ("It is 6 ft tall.", "6 ft", "6", "length-foot"),
        ("A 6 ft wall.", "6 ft", "6", "length-foot"),
        ("a 6ft wall", "6ft", "6", "length-foot"),
        ("a 5 ft. wall", "5 ft.", "5", "length-foot"),
        ("20 lb of rice", "20 lb", "20", "mass-pound"),
        ("20 lbs of rice", "20 lbs", "20", "mass-pound"),
        ("a 20lb turkey", "20lb", "20", "mass-pound"),
        ("a 20 lb. turkey", "20 lb.", "20", "mass-pound"),
        ("8 oz of coffee", "8 oz", "8", "mass-ounce"),
        ("3 gal of water", "3 gal", "3", "volume-gallon"),
        ("100 yd away", "100 yd", "100", "length-yard"),
        ("5 mi away", "5 mi", "5", "length-mile"),
        ("2,000 sq ft of space", "2,000 sq ft", "2000", "area-square-foot"),
        ("2,000 sq. ft. of space", "2,000 sq. ft.", "2000", "area-square-foot"),
        ("5 cu ft of storage", "5 cu ft", "5", "volume-cubic-foot"),
        ("50 ft2 of floor", "50 ft2", "50", "area-square-foot"),
        ("40 ft² of floor", "40 ft²", "40", "area-square-foot"),
        ("5 ft3 of gas", "5 ft3", "5", "volume-cubic-foot"),
        ("6 ft³ of gas", "6 ft³", "6", "volume-cubic-foot"),
        ("It is 5 in² wide.", "5 in²", "5", "area-square-inch"),
        ("a 7 in³ engine", "7 in³", "7", "volume-cubic-inch"),
        ("at 35 psi", "35 psi", "35", "pressure-pound-force-per-square-inch"),
        ("200 nmi offshore", "200 nmi", "200", "length-nautical-mile"),
        ("at 60 mph", "60 mph", "60", "speed-mile-per-hour"),
        ("it hit 100°F", "100°F", "100", "temperature-fahrenheit"),
        ("it hit 100 °F", "100 °F", "100", "temperature-fahrenheit"),
        # words
        ("5 cubic feet of storage", "5 cubic feet", "5", "volume-cubic-foot"),
        ("3 gallons of milk", "3 gallons", "3", "volume-gallon"),
        ("8 ounces of gold", "8 ounces", "8", "mass-ounce"),
        (
            "1.2 million troy ounces of gold",
            "1.2 million troy ounces",
            "1200000",
            "mass-ounce-troy",
        ),
        ("8 fluid ounces of milk", "8 fluid ounces", "8", "volume-fluid-ounce"),
        ("6 feet tall", "6 feet", "6", "length-foot"),
        ("He is 6 foot tall.", "6 foot", "6", "length-foot"),
        ("5 miles away", "5 miles", "5", "length-mile"),
        ("100 yards away", "100 yards", "100", "length-yard"),
        ("3 inches of rain", "3 inches", "3", "length-inch"),
        ("5 square inches", "5 square inches", "5", "area-square-inch"),
        ("30 square yards", "30 square yards", "30", "area-square-yard"),
        ("9 cubic yards of soil", "9 cubic yards", "9", "volume-cubic-yard"),
        ("at 60 miles per hour", "60 miles per hour", "60", "speed-mile-per-hour"),
        ("at 60 miles an hour", "60 miles an hour", "60", "speed-mile-per-hour"),
        ("at 60 kilometres an hour", "60 kilometres an hour", "60", "speed-kilometer-per-hour"),
        (
            "it hit 100 degrees Fahrenheit",
            "100 degrees Fahrenheit",
            "100",
            "temperature-fahrenheit",
        ),
        ("it rose 1 degree Celsius", "1 degree Celsius", "1", "temperature-celsius"),
        ("at 20 knots", "20 knots", "20", "speed-knot"),
        ("200 nautical miles offshore", "200 nautical miles", "200", "length-nautical-mile"),
        (
            "a tyre at 35 pounds per square inch",
            "35 pounds per square inch",
            "35",
            "pressure-pound-force-per-square-inch",
        ),
        ("he weighs 15 stone", "15 stone", "15", "mass-stone"),
        ("5 cubic metres of water", "5 cubic metres", "5", "volume-cubic-meter"),
        ("3 m³ of water", "3 m³", "3", "volume-cubic-meter"),
        # tons are CLDR's short ton, tonnes and metric tons its metric tonne
        ("5 tons of steel", "5 tons", "5", "mass-ton"),
        ("5 short tons of steel", "5 short tons", "5", "mass-ton"),
        ("5 tonnes of steel", "5 tonnes", "5", "mass-tonne"),
        ("5 metric tons of steel", "5 metric tons", "5", "mass-tonne"),
        # with a scale word
        ("1.2 million square feet", "1.2 million square feet", "1200000", "area-square-foot"),
        ("2 billion gallons", "2 billion gallons", "2000000000", "volume-gallon"),
        ("The rocket weighs 1.2 million pounds.", "1.2 million pounds", "1200000", "mass-pound"),
        # pounds after a word of weighing
        ("it weighs 20 pounds", "20 pounds", "20", "mass-pound"),
        ("weighing 20 pounds, it fell", "20 pounds", "20", "mass-pound"),
        ("It weighed about 2 pounds.", "2 pounds", "2", "mass-pound"),
        # inches only where "in" is no preposition
        ("12 in x 8 in", "12 in", "12", "length-inch"),
        ("12 in x 8 in", "8 in", "8", "length-inch"),
        ("a 12 in. x 8 in. photo", "12 in.", "12", "length-inch"),
        ("a 4 in. gap", "4 in.", "4", "length-inch"),
        ("He is 6 ft 2 in tall.", "2 in", "2", "length-inch"),
        ("He is 6 ft 2 in.", "2 in", "2", "length-inch"),
        ("He is 6ft 2in tall.", "2in", "2", "length-inch"),
    ],
)
def test_us_and_imperial_units_are_measures(text: str, figure: str, value: str, unit: str) -> None:
    found = [(q.kind, q.text, str(q.value), q.unit) for q in find_quantities(text)]
    assert ("measure", figure, value, unit) in found, found


@pytest.mark.parametrize(
    ("text", "figure", "value", "upper", "unit"),
    [
        ("5 to 6 feet", "5 to 6 feet", "5", "6", "length-foot"),
        ("between 10 and 12 inches", "10 and 12 inches", "10", "12", "length-inch"),
        ("The baby weighs 5 to 6 pounds.", "5 to 6 pounds", "5", "6", "mass-pound"),
        ("It weighed between 5 and 6 pounds.", "5 and 6 pounds", "5", "6", "mass-pound"),
        (
            "4 to 5 million square feet",
            "4 to 5 million square feet",
            "4000000",
            "5000000",
            "area-square-foot",
        ),
        ("at 20-25 knots", "20-25 knots", "20", "25", "speed-knot"),
    ],
)
def test_imperial_ranges_share_their_unit(
    text: str, figure: str, value: str, upper: str, unit: str
) -> None:
    q = _one(text)
    assert (q.kind, q.text, str(q.value), str(q.upper), q.unit) == (
        "measure", figure, value, upper, unit
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("It rose by 2 inches to 40 inches.", [("2 inches", "2"), ("40 inches", "40")]),
        ("His weight rose by 2 pounds to 40 pounds.", [("2 pounds", "2"), ("40 pounds", "40")]),
        ("It rose from 5 to 6 feet.", [("5", "5"), ("6 feet", "6")]),
        (
            "It grew by 2 to 9 million square feet.",
            [("2", "2000000"), ("9 million square feet", "9000000")],
        ),
    ],
)
def test_an_imperial_change_and_level_are_two_measures_in_one_unit(
    text: str, figures: list[tuple[str, str]]
) -> None:
    found = find_quantities(text)
    assert [(q.text, str(q.value)) for q in found] == figures
    assert {q.kind for q in found} == {"measure"} and len({q.unit for q in found}) == 1


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # "in" as a preposition, or where it may be one: no inch is invented
        ("It rose 5 in May.", [("number", "5"), ("date", "May")]),
        ("It grew 5 in.", [("number", "5")]),
        ("The screen is 4 in.", [("number", "4")]),
        ("5 in 10 people agree.", [("number", "5"), ("count", "10")]),
        ("It won 3 in a row.", [("number", "3")]),
        ("He is 6 feet 2 in the north.", [("measure", "6 feet"), ("number", "2")]),
        ("a 3-in-1 printer", [("number", "3")]),
        # pounds as money, or not said to be a weight: as before
        ("He paid 20 pounds for it.", [("count", "20")]),
        ("The deal is worth 500 million pounds.", [("count", "500 million")]),
        ("It cost £20.", [("money", "£20")]),
        ("They paid 20 pounds sterling.", [("money", "20 pounds sterling")]),
        ("a 20-pound note", [("number", "20")]),
        ("It cost £5 and a 20-pound turkey.", [("money", "£5"), ("number", "20")]),
        # a singular unit before a plural noun modifies the noun
        ("10 foot soldiers marched.", [("count", "10")]),
        ("3 stone walls stood.", [("count", "3")]),
        ("3 yard sales opened.", [("count", "3")]),
        ("55 gallon drums leaked.", [("count", "55")]),
        # "foot" without a number is no unit
        ("They went on foot.", []),
        ("It stands at the foot of the hill.", []),
        # a year before a unit word stays a year
        ("Since 2018 inches of rain fell.", [("date", "2018")]),
    ],
)
def test_ambiguous_unit_words_keep_their_other_reading(
    text: str, kinds: list[tuple[str, str]]
) -> None:
    assert [(q.kind, q.text) for q in find_quantities(text)] == kinds
