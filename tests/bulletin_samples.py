"""Hand-made bulletins for the output tests (independent of the other pipeline steps).

The texts carry what writers must get right: markup characters, an XML-invalid
control character, a very long unbroken token, quotes, an untranslated unit.
"""

from __future__ import annotations

from datetime import date

from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinFinding,
    BulletinSection,
    BulletinUnit,
    JSONValue,
    LocaleBulletin,
    UnitState,
)
from confl10n.languages import direction

LONG_TOKEN = "https://example.invalid/" + "AnExtremelyLongPathWithoutBreaks" * 4

SOURCE = {
    "title": "National newspaper peers gathered in Shanghai to observe “AI + Media.”",
    "s1.p1.t1": "On December 19, the 2024 China Newspaper AI Application Conference opened.",
    "s1.p1.t2": "Delegates discussed AI <script>alert(1)</script> & “paradigm shifts”.",
    "s1.p2.t1": "Currently, 10.2% of media outlets worldwide integrate AI into production.",
    "s2.h": "Developing New Quality Productive Forces",
    "s2.p1.t1": "Shanghai's AI industry exceeds 380 billion yuan.",
    "s2.p1.t2": f"The zone covers about 1.92 square kilometers: see {LONG_TOKEN}.",
    "s3.h": "A City for the People",
    "s3.p1.t1": "By the end of 2023, Shanghai had 1,926 community meal locations.",
    "s3.p1.t2": "*Monthly* rent ranges from 500 to 1,000 yuan.\x0b",
}

TARGETS = {
    "zh_CN": {
        "title": "全国报业同行齐聚上海观察“AI+媒体”",
        "s1.p1.t1": "12月19日，2024中国报业人工智能应用大会在上海开幕。",
        "s1.p1.t2": "代表们讨论了人工智能 <script>alert(1)</script> & “范式转变”。",
        "s1.p2.t1": "目前，全球10.2%的媒体机构已将人工智能融入生产。",
        "s2.h": "发展新质生产力",
        "s2.p1.t1": "上海人工智能产业规模超过3800亿元。",
        "s2.p1.t2": f"该区域占地约1.92平方公里：见 {LONG_TOKEN}。",
        "s3.h": "人民城市",
        "s3.p1.t1": "截至2023年底，上海已有1926个社区助餐点。",
        "s3.p1.t2": "*每月*租金在500至1000元之间。\x0b",
    },
    "ar_EG": {
        "title": "زملاء الصحافة الوطنية يجتمعون في شنغهاي لمراقبة «الذكاء الاصطناعي + الإعلام»",
        "s1.p1.t1": "في 19 ديسمبر، افتُتح مؤتمر تطبيقات الذكاء الاصطناعي للصحف الصينية 2024.",
        "s1.p1.t2": "ناقش المندوبون الذكاء الاصطناعي <script>alert(1)</script> & «تحولات النماذج».",
        "s1.p2.t1": "حاليًا، تدمج 10.2% من المؤسسات الإعلامية في العالم الذكاء الاصطناعي في الإنتاج.",
        "s2.h": "تطوير قوى إنتاجية جديدة النوعية",
        "s2.p1.t1": "تتجاوز صناعة الذكاء الاصطناعي في شنغهاي 380 مليار يوان.",
        "s2.p1.t2": f"تغطي المنطقة نحو 1.92 كيلومتر مربع: انظر {LONG_TOKEN}.",
        "s3.h": "مدينة من أجل الشعب",
        "s3.p1.t1": "بحلول نهاية 2023، كان لدى شنغهاي 1926 موقعًا للوجبات.",
        "s3.p1.t2": "",  # the engine produced nothing: shown in English, marked missing
    },
}

PUBLISHED = {"zh_CN": "2024年12月19日", "ar_EG": "19 ديسمبر 2024", "en": "December 19, 2024"}
FIGURES = {
    "s2.p1.t1": ("380 billion yuan", {"zh_CN": "3800亿元", "ar_EG": "380 مليار يوان"}),
    "s2.p1.t2": ("1.92 square kilometers", {"zh_CN": "1.92平方公里", "ar_EG": "1.92 كم²"}),
    "s3.p1.t1": ("1,926", {"zh_CN": "1926", "ar_EG": "1926"}),
}
PROVENANCE: dict[str, JSONValue] = {
    "engine": "argos",
    "model": "translate-en_zh-1_9",
    "checksum": "sha256:" + "0" * 64,
    "options": {"beam_size": 4},
    "versions": {"ctranslate2": "4.8.5"},
    "timings": {"translate_s": 1.25},
}


def make_bulletin(locale: str = "zh_CN") -> LocaleBulletin:
    """A three-section bulletin; ``en`` is the untranslated source bulletin."""
    units = {uid: _unit(uid, locale) for uid in SOURCE}
    sections = (
        _section(units, "s1", None, ("s1.p1.t1", "s1.p2.t1"), (2, 1)),
        _section(units, "s2", "s2.h", ("s2.p1.t1", "s2.p1.t2"), (2,)),
        _section(units, "s3", "s3.h", ("s3.p1.t1",), (2,)),
    )
    return LocaleBulletin(
        locale=locale,
        direction=direction(locale),
        title=units["title"],
        units=tuple(units.values()),
        lede=(units["s1.p1.t1"],),
        sections=sections,
        figures=tuple(_figure(uid, locale) for uid in FIGURES),
        findings=_findings(locale),
        published=PUBLISHED.get(locale, PUBLISHED["en"]),
        published_on=date(2024, 12, 19),
        provenance=dict(PROVENANCE) if locale != "en" else {},
    )


def _unit(uid: str, locale: str) -> BulletinUnit:
    if locale == "en":
        return BulletinUnit(uid, SOURCE[uid], SOURCE[uid], "source")
    target = TARGETS.get(locale, {}).get(uid, f"[{locale}] {SOURCE[uid]}")
    if not target:
        return BulletinUnit(uid, SOURCE[uid], "", "missing", ("engine-empty",))
    state: UnitState = "approved" if uid == "s2.h" else "mt"
    return BulletinUnit(uid, SOURCE[uid], target, state)


def _section(
    units: dict[str, BulletinUnit],
    sid: str,
    heading: str | None,
    summary: tuple[str, ...],
    sizes: tuple[int, ...],
) -> BulletinSection:
    paragraphs = tuple(
        tuple(units[f"{sid}.p{p}.t{t}"] for t in range(1, size + 1))
        for p, size in enumerate(sizes, start=1)
    )
    head = units[heading] if heading else None
    return BulletinSection(sid, head, tuple(units[u] for u in summary), paragraphs)


def _figure(uid: str, locale: str) -> BulletinFigure:
    source, rendered = FIGURES[uid]
    shown = rendered.get(locale, source)
    return BulletinFigure(
        uid, source, shown, "quantity", label_source="clause", label_id=f"{uid}.f1"
    )


def _findings(locale: str) -> tuple[BulletinFinding, ...]:
    if locale == "en":
        return ()
    message = "figure <1,000> rewritten; check the grouping & digits"
    return (BulletinFinding("s3.p1.t2", "number-changed", "1,000", "1000", message),)
