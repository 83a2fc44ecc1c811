"""Numeric QA: correct translations pass clean, every deliberate corruption is caught."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from confl10n.errors import InvalidOptionError
from confl10n.figures.qa import Finding, check_translation
from confl10n.quantities.find import find_quantities
from confl10n.text.reader import read_article

REF = date(2024, 12, 20)

# Hand-made translations of sample sentences (by sentence ID), written the way each
# locale's press would write the figures.
GOOD = {
    "s2.p1.t1": {
        "zh_CN": "上海人工智能产业规模已超过3800亿元，正努力建设具有全球影响力的科技创新中心。",
        "ja_JP": "AI産業の規模がすでに3800億元を超える上海は、世界的な科学技術イノベーションセンターを目指している。",
        "de_DE": "Mit einer KI-Branche, die schon mehr als 380 Milliarden Yuan wert ist, will Shanghai ein Innovationszentrum von Weltrang werden.",
        "es_ES": "Con una industria de IA que ya supera los 380.000 millones de yuanes, Shanghái aspira a ser un centro de innovación de alcance mundial.",
        "fr_FR": "Avec une industrie de l’IA qui pèse déjà plus de 380 milliards de yuans, Shanghai veut devenir un centre d’innovation de portée mondiale.",
        "ar_EG": "مع صناعة ذكاء اصطناعي تتجاوز قيمتها ٣٨٠ مليار يوان، تسعى شنغهاي لتصبح مركزًا عالميًا للابتكار.",
    },
    "s3.p1.t2": {
        "zh_CN": "2019年11月2日，习近平总书记考察上海，首次提出“人民城市人民建，人民城市为人民”的重要理念。",
        "ja_JP": "習近平総書記は2019年11月2日に上海を視察し、「人民の都市」という理念を初めて打ち出した。",
        "de_DE": "Generalsekretär Xi Jinping besuchte Shanghai am 2. November 2019 und formulierte erstmals die Idee der Volksstadt.",
        "fr_FR": "Le secrétaire général Xi Jinping s’est rendu à Shanghai le 2 novembre 2019 et a avancé pour la première fois l’idée de ville du peuple.",
        "es_ES": "El secretario general Xi Jinping visitó Shanghái el 2 de noviembre de 2019 y planteó por primera vez la idea de la ciudad del pueblo.",
        "ar_EG": "زار الأمين العام شي جين بينغ شنغهاي في ٢ نوفمبر ٢٠١٩، وطرح لأول مرة فكرة مدينة الشعب.",
    },
    "s3.p11.t2": {
        "zh_CN": "2023年，上海在“新时代城市建设者之家”提供了1.1万张床位，2024年计划再筹集3万张以上。",
        "ja_JP": "2023年、上海は「新時代都市建設者の家」で1.1万床を提供し、2024年にはさらに3万床以上の確保を目指す。",
        "de_DE": "2023 stellte Shanghai in den „Heimen der Stadtbauer“ 11.000 Betten bereit und will 2024 weitere 30.000 sichern.",
        "fr_FR": "En 2023, Shanghai a mis à disposition 11\u202f000 lits et vise plus de 30\u202f000 lits supplémentaires en 2024.",
        "es_ES": "En 2023 Shanghái ofreció 11.000 camas y en 2024 aspira a conseguir más de 30.000.",
        "ar_EG": "في عام ٢٠٢٣ وفرت شنغهاي ١١٬٠٠٠ سرير، وتسعى لتأمين أكثر من ٣٠٬٠٠٠ سرير إضافي في عام ٢٠٢٤.",
    },
    "s1.p3.t2": {
        "zh_CN": "报告显示，全球10.2%的媒体机构已建立将AI融入内容生产的正式机制，另有41%正在积极探索。",
        "de_DE": "Demnach verfügen weltweit 10,2\u00a0% der Medienhäuser über feste Verfahren für KI, weitere 41\u00a0% experimentieren aktiv damit.",
        "ar_EG": "ويفيد بأن ١٠٫٢٪ من المؤسسات الإعلامية لديها آليات رسمية، بينما تجرب ٤١٪ أخرى هذه التقنية بنشاط.",
    },
    "s3.p11.t3": {
        "zh_CN": "床位月租金一般在500至1000元之间。",
        "es_ES": "El alquiler de una cama suele costar entre 500 y 1000 yuanes al mes.",
        "de_DE": "Die Miete für ein Bett liegt meist zwischen 500 und 1.000 Yuan im Monat.",
    },
    "s2.p8.t1": {
        "zh_CN": "自2018年以来，上海每年举办世界人工智能大会，已连续举办七年。",
        "ja_JP": "上海は2018年以来、毎年世界人工知能大会を開催しており、7年連続となる。",
        "de_DE": "Seit 2018 richtet Shanghai jedes Jahr die Weltkonferenz für künstliche Intelligenz aus, sieben Jahre in Folge.",
        "fr_FR": "Depuis 2018, Shanghai accueille chaque année la Conférence mondiale sur l’intelligence artificielle, soit sept années consécutives.",
        "es_ES": "Desde 2018, Shanghái acoge cada año la Conferencia Mundial de Inteligencia Artificial, siete años consecutivos.",
        "ar_EG": "منذ عام ٢٠١٨ تستضيف شنغهاي المؤتمر العالمي للذكاء الاصطناعي كل عام، أي سبع سنوات متتالية.",
    },
    "s1.p1.t1": {
        "zh_CN": "12月19日，2024中国报业媒体产业人工智能应用大会在上海开幕，全国各地的媒体人齐聚上海。",
        "de_DE": "Am 19. Dezember begann in Shanghai die Konferenz 2024 China Newspaper Media Industry, und Medienleute aus dem ganzen Land reisten an.",
    },
    "s1.p7.t1": {
        "zh_CN": "19日下午，与大会同期举办的“党报看上海高质量发展”活动启动。",
        "de_DE": "Am Nachmittag des 19. lief parallel zur Konferenz die „Tour der Parteizeitungen“.",
    },
}  # fmt: skip

CASES = [(sid, loc, text) for sid, by_locale in GOOD.items() for loc, text in by_locale.items()]


@pytest.fixture(scope="module")
def sentences(sample_path: Path) -> dict[str, str]:
    article = read_article(sample_path)
    return {s.id: s.text for s in article.units()}


@pytest.mark.parametrize(("sid", "locale", "translation"), CASES)
def test_correct_translations_raise_nothing(
    sentences: dict[str, str], sid: str, locale: str, translation: str
) -> None:
    assert check_translation(sentences[sid], translation, locale, reference_date=REF) == []


# (sentence, locale, corruption (old -> new), problem it must raise)
CORRUPTIONS = [
    ("s2.p1.t1", "zh_CN", ("3800亿元", ""), "missing"),
    ("s2.p1.t1", "zh_CN", ("3800亿元", "380亿元"), "wrong_scale"),
    ("s2.p1.t1", "zh_CN", ("3800亿元", "38亿元"), "wrong_value"),
    ("s2.p1.t1", "zh_CN", ("3800亿元", "3800万元"), "wrong_scale"),
    ("s2.p1.t1", "ja_JP", ("3800億元", "3800万元"), "wrong_scale"),
    ("s2.p1.t1", "de_DE", ("380 Milliarden", "38 Milliarden"), "wrong_value"),
    ("s2.p1.t1", "de_DE", ("380 Milliarden", "380 Millionen"), "wrong_scale"),
    ("s2.p1.t1", "es_ES", ("380.000 millones", "380 millones"), "wrong_scale"),
    ("s2.p1.t1", "fr_FR", ("380 milliards", "380 millions"), "wrong_scale"),
    ("s2.p1.t1", "ar_EG", ("٣٨٠ مليار", "٣٨ مليار"), "wrong_value"),
    ("s3.p1.t2", "zh_CN", ("11月2日", "11月3日"), "wrong_date"),
    ("s3.p1.t2", "ja_JP", ("2019年", "2018年"), "wrong_date"),
    ("s3.p1.t2", "de_DE", ("2. November", "2. Dezember"), "wrong_date"),
    ("s3.p1.t2", "fr_FR", ("2 novembre 2019", "2 novembre 2020"), "wrong_date"),
    ("s3.p1.t2", "es_ES", ("2 de noviembre", "12 de noviembre"), "wrong_date"),
    ("s3.p1.t2", "ar_EG", ("٢ نوفمبر", "٣ نوفمبر"), "wrong_date"),
    ("s3.p11.t2", "zh_CN", ("1.1万", "1万"), "wrong_value"),
    ("s3.p11.t2", "zh_CN", ("3万张", "张"), "missing"),
    ("s3.p11.t2", "de_DE", ("11.000", "11,000"), "english_style"),
    ("s3.p11.t2", "fr_FR", ("11\u202f000", "1\u202f100"), "wrong_value"),
    ("s3.p11.t2", "es_ES", ("2024", "2025"), "wrong_date"),
    ("s1.p3.t2", "zh_CN", ("10.2%", "10%"), "wrong_value"),
    ("s1.p3.t2", "de_DE", ("10,2", "10.2"), "english_style"),
    ("s1.p3.t2", "ar_EG", ("٤١٪", "٤٪"), "wrong_value"),
    ("s3.p11.t3", "zh_CN", ("1000元", "100元"), "wrong_value"),
    ("s2.p8.t1", "zh_CN", ("七年", "六年"), "wrong_value"),
    ("s2.p8.t1", "de_DE", ("sieben Jahre", "Jahre"), "missing"),
    ("s2.p8.t1", "fr_FR", ("Depuis 2018", "Depuis 2019"), "wrong_date"),
    ("s1.p1.t1", "zh_CN", ("12月19日", "12月18日"), "wrong_date"),
    ("s1.p1.t1", "de_DE", ("19. Dezember", "Dezember"), "missing"),
    ("s1.p7.t1", "zh_CN", ("19日", "20日"), "wrong_date"),
]


@pytest.mark.parametrize(("sid", "locale", "change", "problem"), CORRUPTIONS)
def test_every_corruption_is_flagged(
    sentences: dict[str, str], sid: str, locale: str, change: tuple[str, str], problem: str
) -> None:
    good = GOOD[sid][locale]
    assert change[0] in good
    bad = good.replace(change[0], change[1], 1)
    findings = check_translation(sentences[sid], bad, locale, reference_date=REF, sentence_id=sid)
    assert [f.problem for f in findings] == [problem], findings
    finding = findings[0]
    assert finding.sentence_id == sid
    source = sentences[sid]
    assert source[finding.start : finding.end] == finding.source
    assert finding.target in bad and finding.expected
    assert "\n" not in finding.message


def test_a_finding_says_where_and_what() -> None:
    source = "Its industry is worth 380 billion yuan."
    (finding,) = check_translation(source, "其产业规模为380亿元。", "zh_CN", sentence_id="s9.p1.t1")
    assert finding == Finding(
        "wrong_scale", "380 billion yuan", 22, 38, "380亿", "3800亿元", "s9.p1.t1",
        "wrong scale: '380 billion yuan' -> '380亿'",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("source", "translation", "locale"),
    [
        ("It covers 1.92 square kilometers.", "面积为１．９２平方公里。", "zh_CN"),
        ("It covers 1.92 square kilometers.", "تبلغ مساحتها ١٫٩٢ كيلومتر مربع.", "ar_EG"),
        ("It had 11,000 beds.", "床位共1万1000张。", "zh_CN"),
        ("It had 11,000 beds.", "病床は1万1千床だった。", "ja_JP"),
        ("It had 11,000 beds.", "Il y avait 11 000 lits.", "fr_FR"),
        ("A fund of €12bn opened.", "Ein Fonds über 12 Mrd. Euro startete.", "de_DE"),
        ("It is worth 380 billion yuan.", "其規模達3800億元人民幣。", "zh_TW"),
        ("The 2024 China Conference opened.", "2024中国大会开幕。", "zh_CN"),
        (
            "It grew from 2.1 to 3.4 million people.",
            "Creció de 2,1 a 3,4 millones de personas.",
            "es_ES",
        ),
        (
            "It grew from 2.1 to 3.4 million people.",
            "Es wuchs von 2,1 auf 3,4 Millionen Menschen.",
            "de_DE",
        ),
        ("Revenue rose from $4 to $5 billion.", "收入从40亿美元增至50亿美元。", "zh_CN"),
        (
            "Stocks grew by 2 to 9 million tonnes.",
            "Las existencias crecieron en 2 hasta 9 millones de toneladas.",
            "es_ES",
        ),
    ],
)
def test_target_forms_are_read_back(source: str, translation: str, locale: str) -> None:
    assert check_translation(source, translation, locale) == []


@pytest.mark.parametrize(
    ("translation", "locale", "problems"),
    [
        ("Es kostet 5 bis 7 Milliarden Yuan.", "de_DE", []),
        ("花费50至70亿元。", "zh_CN", []),
        ("花费50亿至70亿元。", "zh_CN", []),
        ("Es kostet 6 bis 7 Milliarden Yuan.", "de_DE", ["wrong_value"]),
        ("Es kostet 5 bis 8 Milliarden Yuan.", "de_DE", ["wrong_value"]),
    ],
)
def test_a_range_may_share_its_scale(translation: str, locale: str, problems: list[str]) -> None:
    findings = check_translation("It costs 5 to 7 billion yuan.", translation, locale)
    assert [f.problem for f in findings] == problems


def test_numbers_the_source_does_not_have_are_reported() -> None:
    findings = check_translation(
        "It had 11,000 beds.", "Es hatte 11.000 Betten in 12 Häusern.", "de_DE"
    )
    assert [(f.problem, f.target) for f in findings] == [("unexpected", "12")]


def test_flagged_source_figures_are_reported_not_guessed() -> None:
    findings = check_translation("They met on 02/03/2024.", "他们在02/03/2024见面。", "zh_CN")
    assert [f.problem for f in findings] == ["flagged"]
    assert "ambiguous date" in findings[0].message


def test_quantities_may_be_passed_instead_of_the_sentence() -> None:
    quantities = find_quantities("It is worth 380 billion yuan.")
    assert check_translation(quantities, "3800亿元", "zh_CN") == []
    assert [f.problem for f in check_translation(quantities, "380亿元", "zh_CN")] == ["wrong_scale"]


def test_bad_locale_is_an_option_error() -> None:
    with pytest.raises(InvalidOptionError, match="unknown locale"):
        check_translation("10.2%", "10.2%", "zz_ZZ")


def test_check_article_reports_in_reading_order_with_ids() -> None:
    from confl10n.figures.qa import check_article
    from confl10n.text.reader import parse_text

    article = parse_text(
        "---\ndate: 2024-12-20\n---\n# Title\n\nIt rose 10.2% to 380 billion yuan. On December 19, it opened.\n"
    )
    good = {"s1.p1.t1": "它增长了10.2%，达到3800亿元。", "s1.p1.t2": "12月19日开幕。"}
    assert check_article(article, good, "zh_CN") == []
    bad = {"s1.p1.t1": "它增长了10.2%，达到380亿元。", "s1.p1.t2": "12月18日开幕。"}
    findings = check_article(article, bad, "zh_CN")
    assert [(f.sentence_id, f.problem) for f in findings] == [
        ("s1.p1.t1", "wrong_scale"),
        ("s1.p1.t2", "wrong_date"),
    ]


def test_an_old_level_that_loses_its_scale_is_flagged() -> None:
    """ "de 4 a 5.000 millones" says 4 million: "from $4 to $5 billion" meant $4 billion."""
    findings = check_translation(
        "Revenue rose from $4 to $5 billion.",
        "Los ingresos pasaron de 4 a 5.000 millones de dólares.",
        "es_ES",
    )
    assert [(f.problem, f.source) for f in findings] == [("wrong_scale", "$4")]


# Right translations of US and imperial measures, written as each press writes them.
IMPERIAL_GOOD = [
    ("A 6-foot wall.", "Un muro de 6 pies.", "es_ES"),
    ("A 6-foot wall.", "Eine 6 Fuß hohe Mauer.", "de_DE"),
    ("A 6-foot wall.", "Un mur de 6 pieds.", "fr_FR"),
    ("A 6-foot wall.", "一道6英尺高的墙。", "zh_CN"),
    ("A 6-foot wall.", "一道6呎高的牆。", "zh_TW"),
    ("A 6-foot wall.", "高さ6フィートの壁。", "ja_JP"),
    ("A 6-foot wall.", "جدار بارتفاع ٦ أقدام.", "ar_EG"),
    ("a 12-inch pizza", "una pizza de 12 pulgadas", "es_ES"),
    ("a 12-inch pizza", "eine 12-Zoll-Pizza", "de_DE"),
    ("a 12-inch pizza", "12吋披薩", "zh_TW"),
    ("a 20-pound turkey", "un pavo de 20 libras", "es_ES"),
    ("a 20-pound turkey", "ein 20-Pfund-Truthahn", "de_DE"),
    ("a 20-pound turkey", "une dinde de 20 livres", "fr_FR"),
    ("a 20-pound turkey", "一只20磅的火鸡", "zh_CN"),
    ("a 20-pound turkey", "20ポンドの七面鳥", "ja_JP"),
    ("The baby weighs 5 pounds.", "يزن الطفل ٥ أرطال.", "ar_EG"),
    ("It got 3 inches of rain.", "هطلت ٣ بوصات من الأمطار.", "ar_EG"),
    ("The home has 2,000 sq ft of space.", "La casa tiene 2000 pies cuadrados.", "es_ES"),
    ("The home has 2,000 sq ft of space.", "Das Haus hat 2000 Quadratfuß.", "de_DE"),
    ("The home has 2,000 sq ft of space.", "La maison fait 2 000 pieds carrés.", "fr_FR"),
    ("The home has 2,000 sq ft of space.", "房屋面積2,000平方呎。", "zh_TW"),
    ("Winds reached 60 mph.", "Los vientos alcanzaron 60 millas por hora.", "es_ES"),
    ("Winds reached 60 mph.", "Der Wind erreichte 60 mph.", "de_DE"),
    ("Winds reached 60 mph.", "风速达到60英里/小时。", "zh_CN"),
    ("It was 100 degrees Fahrenheit.", "Es war 100 °F heiß.", "de_DE"),
    ("It was 100 degrees Fahrenheit.", "气温达到华氏100度。", "zh_CN"),
    ("It sailed at 20 knots.", "Navegó a 20 nudos.", "es_ES"),
    ("He weighs 15 stone.", "Er wiegt 15 Stone.", "de_DE"),
    ("It moved 5 tons of steel.", "Movió 5 toneladas de acero.", "es_ES"),
    ("It moved 5 tons of steel.", "Es bewegte 5 Tonnen Stahl.", "de_DE"),
    ("It moved 5 tons of steel.", "運送了5噸鋼材。", "zh_TW"),
    ("It moved 5 tons of steel.", "鋼材5トンを運んだ。", "ja_JP"),
    ("The print is 12 in x 8 in.", "Der Druck misst 12 x 8 Zoll.", "de_DE"),
    ("He is 6 ft 2 in tall.", "Mide 6 pies 2 pulgadas.", "es_ES"),
    ("The tyre is at 35 psi.", "Der Reifen hat 35 psi.", "de_DE"),
    ("The warehouse covers 1.2 million square feet.",
     "El almacén ocupa 1,2 millones de pies cuadrados.", "es_ES"),
    ("The warehouse covers 1.2 million square feet.", "仓库占地120万平方英尺。", "zh_CN"),
    ("The river rose by 2 inches to 40 inches.",
     "El río subió 2 pulgadas hasta 40 pulgadas.", "es_ES"),
    ("The baby weighs 5 to 6 pounds.", "Das Baby wiegt 5 bis 6 Pfund.", "de_DE"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "translation", "locale"), IMPERIAL_GOOD)
def test_right_translations_of_imperial_measures_raise_nothing(
    source: str, translation: str, locale: str
) -> None:
    assert check_translation(source, translation, locale) == []


@pytest.mark.parametrize(
    ("source", "translation", "locale", "problem"),
    [
        ("A 6-foot wall.", "Un muro de 6 metros.", "es_ES", "lost_unit"),
        ("A 6-foot wall.", "一道6米高的牆。", "zh_TW", "lost_unit"),
        ("A 6-foot wall.", "Un muro de 7 pies.", "es_ES", "wrong_value"),
        ("a 20-pound turkey", "ein 20-Kilo-Truthahn", "de_DE", "lost_unit"),
        ("It moved 5 tons of steel.", "Movió 5 kilos de acero.", "es_ES", "lost_unit"),
        ("The warehouse covers 1.2 million square feet.",
         "El almacén ocupa 1,2 pies cuadrados.", "es_ES", "wrong_scale"),
    ],
)  # fmt: skip
def test_wrong_imperial_measures_are_caught(
    source: str, translation: str, locale: str, problem: str
) -> None:
    assert [f.problem for f in check_translation(source, translation, locale)] == [problem]


# --- compound durations: one figure, each of its terms checked -------------------------------

DELAYS = "Average delays rose by 35 minutes to 1 hour 20 minutes."
TRIP = "The trip took 2 hours, 5 minutes and 30 seconds."


@pytest.mark.parametrize(
    ("source", "translation", "locale"),
    [
        (DELAYS, "Los retrasos medios aumentaron 35 minutos hasta 1 hora y 20 minutos.", "es_ES"),
        (DELAYS, "Los retrasos medios aumentaron 35 minutos hasta 1 hora 20 minutos.", "es_ES"),
        (DELAYS, "Los retrasos medios aumentaron 35 minutos hasta 80 minutos.", "es_ES"),
        (DELAYS, "Die Verspätungen stiegen um 35 Minuten auf 1 Stunde, 20 Minuten.", "de_DE"),
        (DELAYS, "Die Verspätungen stiegen um 35 Minuten auf 1 Stunde und 20 Minuten.", "de_DE"),
        (DELAYS, "平均延误增加35分钟，达到1小时20分钟。", "zh_CN"),
        (DELAYS, "平均延误增加35分钟，达到1小时20分。", "zh_CN"),
        (TRIP, "El viaje duró 2 horas, 5 minutos y 30 segundos.", "es_ES"),
        (TRIP, "Die Reise dauerte 2 Stunden, 5 Minuten und 30 Sekunden.", "de_DE"),
        ("She waited 1 hr 15 min.", "Esperó 1 hora y 15 minutos.", "es_ES"),
        ("He ran it in 2h 5m.", "他用了2小时5分钟跑完。", "zh_CN"),
        ("She finished in 2:01:09.", "Terminó en 2:01:09.", "es_ES"),
        ("She finished in 2:01:09.", "Terminó en 2 horas, 1 minuto y 9 segundos.", "es_ES"),
        ("He ran the mile in 3:45.2.", "Er lief die Meile in 3:45,2.", "de_DE"),
        ("It took 30 seconds.", "Tardó 30 segundos.", "es_ES"),
        ("Bolt won in 9.58s.", "Bolt gewann in 9,58 Sekunden.", "de_DE"),
    ],
)  # fmt: skip
def test_right_translations_of_durations_raise_nothing(
    source: str, translation: str, locale: str
) -> None:
    assert check_translation(source, translation, locale) == []


@pytest.mark.parametrize(
    ("source", "translation", "locale", "problems"),
    [
        (DELAYS, "Los retrasos medios aumentaron 35 minutos hasta 1 hora.", "es_ES",
         [("missing", "20 minutes")]),  # a lost term
        (DELAYS, "Los retrasos medios aumentaron 35 minutos hasta 1 hora y 25 minutos.", "es_ES",
         [("wrong_value", "20 minutes")]),
        (DELAYS, "Los retrasos medios aumentaron 35 minutos hasta 2 horas y 20 minutos.", "es_ES",
         [("wrong_value", "1 hour")]),
        (DELAYS, "平均延误增加35分钟，达到1小时。", "zh_CN", [("missing", "20 minutes")]),
        (DELAYS, "平均延误增加35分钟，达到1小时2分钟。", "zh_CN", [("wrong_value", "20 minutes")]),
        (TRIP, "El viaje duró 2 horas y 5 minutos.", "es_ES", [("missing", "30 seconds")]),
        ("She finished in 2:01:09.", "Terminó en 2:01:19.", "es_ES", [("wrong_value", "09")]),
        ("He ran the mile in 3:45.2.", "Er lief die Meile in 3:46,2.", "de_DE",
         [("wrong_value", "45.2")]),
        ("He ran the mile in 3:45.2.", "Er lief die Meile in 3:45.2.", "de_DE",
         [("english_style", "45.2")]),
        ("It took 30 seconds.", "Tardó 30.", "es_ES", [("lost_unit", "30 seconds")]),
    ],
)  # fmt: skip
def test_wrong_translations_of_durations_are_caught(
    source: str, translation: str, locale: str, problems: list[tuple[str, str]]
) -> None:
    found = check_translation(source, translation, locale)
    assert [(f.problem, f.source) for f in found] == problems


def test_a_term_of_a_compound_duration_is_reported_where_the_source_writes_it() -> None:
    (finding,) = check_translation(
        DELAYS, "Los retrasos aumentaron 35 minutos hasta 1 hora.", "es_ES"
    )
    assert DELAYS[finding.start : finding.end] == "20 minutes"
    assert finding.expected == "20 minutos"
