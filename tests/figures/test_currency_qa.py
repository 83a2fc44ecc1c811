"""Numeric QA checks the currency of every amount, reading the locale's currency names and
symbols from CLDR and the newsroom style (figures 2, item 2)."""

from __future__ import annotations

import pytest

from confl10n.figures.qa import check_translation


@pytest.mark.parametrize(
    ("source", "translation", "locale", "problems"),
    [
        # the tester's cases
        ("It cost $5 million.", "Costó 5 millones de euros.", "es_ES", ["wrong_currency"]),
        ("It cost $5 million.", "Costó 5 millones.", "es_ES", ["lost_unit"]),
        ("It cost €5 million.", "花费500万美元。", "zh_CN", ["wrong_currency"]),
        ("It cost €5 million.", "花费500万。", "zh_CN", ["lost_unit"]),
        ("It cost £2 billion.", "Costó 2000 millones de dólares.", "es_ES", ["wrong_currency"]),
        # variants: a range, Arabic, yen read as yuan, a small amount, a symbol before
        ("It cost $3-7 million.", "بلغت التكلفة ٣–٧ ملايين يورو.", "ar_EG", ["wrong_currency"]),
        ("It cost ¥500 million.", "花费5亿元。", "zh_CN", ["wrong_currency"]),
        ("It cost $5.", "Es kostete 5 Euro.", "de_DE", ["wrong_currency"]),
        ("Rent runs from 500 to 1,000 yuan.", "租金500至1000美元。", "zh_CN", ["wrong_currency"]),
        ("It cost €5 million.", "Cela a coûté 5 millions de dollars.", "fr_FR", ["wrong_currency"]),
        ("It cost €5 million.", "5 Millionen kostete es.", "de_DE", ["lost_unit"]),
        ("It cost $5 million and €3 million.",
         "Costó 5 millones de euros y 3 millones de dólares.", "es_ES",
         ["wrong_currency", "wrong_currency"]),
    ],
)  # fmt: skip
def test_another_currency_or_none_is_a_finding(
    source: str, translation: str, locale: str, problems: list[str]
) -> None:
    findings = check_translation(source, translation, locale)
    assert [f.problem for f in findings] == problems, findings


@pytest.mark.parametrize(
    ("source", "translation", "locale"),
    [
        ("It cost $5 million.", "Costó 5 millones de dólares.", "es_ES"),
        ("It cost $5 million.", "Costó US$5 millones.", "es_ES"),
        ("It cost €5 million.", "花费500万欧元。", "zh_CN"),
        ("It cost €5 million.", "500万ユーロかかった。", "ja_JP"),
        ("It cost £2 billion.", "Costó 2000 millones de libras.", "es_ES"),
        ("It cost $3-7 million.", "بلغت التكلفة ٣–٧ ملايين دولار.", "ar_EG"),
        ("It cost ¥500 million.", "花费5亿日元。", "zh_CN"),
        ("It cost ¥500 million.", "5億円かかった。", "ja_JP"),
        ("It cost 2 billion yuan.", "花费20亿元人民币。", "zh_CN"),
        ("It cost $5.", "Es kostete 5 US-Dollar.", "de_DE"),
        ("It cost $5 million and €3 million.",
         "Costó 5 millones de dólares y 3 millones de euros.", "es_ES"),
        ("Fees of EUR 2-3 million were paid.", "Se pagaron 2–3 millones de euros.", "es_ES"),
        ("It cost Rs 20-30 crore.", "Es kostete 200–300 Millionen indische Rupien.", "de_DE"),
        # the source's currency word or sign copied as written by an engine
        ("Rent runs from 500 to 1,000 yuan.", "租金从500至1000 yuan。", "zh_CN"),
        ("Fees of EUR 2-3 million were paid.", "Se pagaron EUR 2–3 millones.", "es_ES"),
    ],
)  # fmt: skip
def test_the_right_currency_is_no_finding(source: str, translation: str, locale: str) -> None:
    assert check_translation(source, translation, locale) == []


@pytest.mark.parametrize(
    ("source", "translation", "locale", "named"),
    [
        # a currency sharing its sign or word with others: the letters of A$, HK$, US$ count
        ("A$3 billion was spent.", "Se gastaron $3 mil millones.", "es_ES", "USD"),
        ("A$3 billion was spent.", "Se gastaron US$3 mil millones.", "es_ES", "USD"),
        ("HK$3 billion was spent.", "Se gastaron 3000 millones de dólares.", "es_ES", "USD"),
        ("C$3 billion was spent.", "Se gastaron 3000 millones de dólares.", "es_ES", "USD"),
        ("R$3 billion was spent.", "Se gastaron 3000 millones de dólares.", "es_ES", "USD"),
        ("HK$3 billion was spent.", "Es wurden 3 Milliarden Dollar ausgegeben.", "de_DE", "USD"),
        ("HK$3 billion was spent.", "3 milliards de dollars ont été dépensés.", "fr_FR", "USD"),
        ("A$3 billion was spent.", "30億ドルが使われた。", "ja_JP", "USD"),
        ("A$3 billion was spent.", "花费了30亿美元。", "zh_CN", "USD"),
        # a word next to the shared one names another currency
        ("$3 billion was spent.", "Se gastaron 3000 millones de dólares australianos.", "es_ES",
         "AUD"),
        ("$3 billion was spent.", "Es wurden 3 Milliarden australische Dollar ausgegeben.",
         "de_DE", "AUD"),
        ("$3 billion was spent.", "3 milliards de dollars de Hong Kong ont été dépensés.",
         "fr_FR", "HKD"),
        ("$3 billion was spent.", "30億豪ドルが使われた。", "ja_JP", "AUD"),
        # a shorter mark inside a longer one ("元" in "美元") is not the currency
        ("3 billion yuan was spent.", "花费了30亿美元。", "zh_CN", "USD"),
    ],
)  # fmt: skip
def test_a_currency_that_shares_its_sign_or_word_is_told_apart(
    source: str, translation: str, locale: str, named: str
) -> None:
    findings = check_translation(source, translation, locale)
    assert [f.problem for f in findings] == ["wrong_currency"], findings
    assert findings[0].message.endswith(f"is in {named}")


@pytest.mark.parametrize(
    ("source", "translation", "locale"),
    [
        ("$3 billion was spent.", "Se gastaron 3000 millones de dólares.", "es_ES"),
        ("$3 billion was spent.", "Se gastaron 3000 millones de dólares estadounidenses.", "es_ES"),
        ("$3 billion was spent.", "Se gastaron US$3 mil millones.", "es_ES"),
        ("$3 billion was spent.", "Se gastaron $3 mil millones.", "es_ES"),
        ("A$3 billion was spent.", "Se gastaron 3000 millones de dólares australianos.", "es_ES"),
        ("A$3 billion was spent.", "Se gastaron A$3 mil millones.", "es_ES"),
        ("HK$3 billion was spent.", "Se gastaron 3000 millones de dólares hongkoneses.", "es_ES"),
        ("NT$3 billion was spent.", "Se gastaron 3000 millones de nuevos dólares taiwaneses.",
         "es_ES"),
        ("C$3 billion was spent.", "Se gastaron 3000 millones de dólares canadienses.", "es_ES"),
        ("HK$3 billion was spent.", "Es wurden 3 Milliarden Hongkong-Dollar ausgegeben.", "de_DE"),
        ("A$3 billion was spent.", "Es wurden 3 Milliarden australische Dollar ausgegeben.",
         "de_DE"),
        ("$3 billion was spent.", "Es wurden 3 Milliarden US-Dollar ausgegeben.", "de_DE"),
        ("$3 billion was spent.", "Es wurden 3 Milliarden Dollar neue Schulden gemacht.", "de_DE"),
        ("HK$3 billion was spent.", "3 milliards de dollars de Hong Kong ont été dépensés.",
         "fr_FR"),
        ("$3 billion was spent.", "3 milliards de dollars ont été dépensés.", "fr_FR"),
        ("$3 billion was spent.", "30億ドルが使われた。", "ja_JP"),
        ("A$3 billion was spent.", "30億豪ドルが使われた。", "ja_JP"),
        ("A$3 billion was spent.", "花费了30亿澳大利亚元。", "zh_CN"),
        ("3 billion yuan was spent.", "花费了30亿元。", "zh_CN"),
        ("$3 billion was spent, officials in Singapore said.",
         "Se gastaron 3000 millones de dólares en Singapur, dijeron.", "es_ES"),
    ],
)  # fmt: skip
def test_each_dollar_in_its_own_words_is_no_finding(
    source: str, translation: str, locale: str
) -> None:
    assert check_translation(source, translation, locale) == []
