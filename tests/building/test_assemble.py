"""assemble: results of the steps mapped into LocaleBulletin (states, shared units, figures).

The translation here is the kit's real en->zh engine; where a test needs an
approved or an empty unit, it edits that engine's result (a plain record).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from confl10n.building.assemble import (
    Prepared,
    locale_bulletin,
    source_bulletin,
    tool_versions,
    translation_provenance,
)
from confl10n.figures.keyfigures import key_figures
from confl10n.figures.qa import check_article
from confl10n.quantities.find import article_quantities
from confl10n.summarize import summarize_sections
from confl10n.text.reader import parse_text
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.article import translate_article
from confl10n.translate.results import ArticleTranslation

TEXT = """---
date: 2024-12-20
---
# Shanghai opens parks

The city opened 12 parks worth 3 billion yuan. Crowds came on December 19.
Officials were pleased.

## Next year

Five more parks follow. The budget grows by 10.2% to 1,926 million yuan.
"""


def prepared() -> Prepared:
    article = parse_text(TEXT, markdown=True)
    summary = summarize_sections(article, sentences=1)
    return Prepared(
        "parks.md", "shanghai-opens-parks", article, summary, tuple(article_quantities(article))
    )


def translated(engine: ArgosEngine, entry: Prepared) -> ArticleTranslation:
    return translate_article(entry.article, to="zh", engine=engine, cache=False)


def test_source_bulletin_is_every_unit_as_written() -> None:
    entry = prepared()
    bulletin = source_bulletin(entry, {})
    assert bulletin.locale == "en" and bulletin.title.text == "Shanghai opens parks"
    assert {u.state for u in bulletin.units} == {"source"}
    assert [u.id for u in bulletin.units] == [u.id for u in entry.article.units()]
    assert bulletin.published == "December 20, 2024"
    assert bulletin.published_on == date(2024, 12, 20)


def test_units_summaries_and_lede_share_the_translated_unit_objects(
    argos_engine: ArgosEngine,
) -> None:
    entry = prepared()
    bulletin = locale_bulletin(entry, "zh_CN", translated(argos_engine, entry), [], {})
    by_id = {u.id: u for u in bulletin.units}
    for section, summary in zip(bulletin.sections, entry.summary.sections, strict=True):
        assert [u.id for u in section.summary] == [s.id for s in summary.sentences]
        assert all(u is by_id[u.id] for u in section.summary)
    assert all(u is by_id[u.id] for u in bulletin.lede)
    assert bulletin.sections[1].heading is by_id["s2.h"]
    assert bulletin.published == "2024年12月20日" and bulletin.direction == "ltr"


def test_origins_become_states(argos_engine: ArgosEngine) -> None:
    entry = prepared()
    result = translated(argos_engine, entry)
    units = list(result.units)
    units[1] = dataclasses.replace(units[1], target="  ")  # the engine gave nothing
    units[2] = dataclasses.replace(units[2], target="审校过的译文", origin="approved")
    units[3] = dataclasses.replace(units[3], origin="cache")
    edited = dataclasses.replace(result, units=tuple(units))
    states = [u.state for u in locale_bulletin(entry, "ar_EG", edited, [], {}).units]
    assert states[:4] == ["mt", "missing", "approved", "mt"]


def test_findings_keep_sentence_kind_and_message(argos_engine: ArgosEngine) -> None:
    entry = prepared()
    result = translated(argos_engine, entry)
    findings = check_article(entry.article, {u.id: u.target for u in result.units}, "zh_CN")
    bulletin = locale_bulletin(entry, "zh_CN", result, findings, {})
    assert [(f.sentence_id, f.kind, f.message) for f in bulletin.findings] == [
        (f.sentence_id, f.problem, f.message) for f in findings
    ]
    assert bulletin.findings  # English copied by the kit model is not zh_CN style


def test_key_figures_are_written_in_digits_each_wording_once() -> None:
    article = parse_text("Five parks, 12 parks, 12 parks, 10.2% and 3 billion yuan in 2024.")
    found = key_figures(article, article_quantities(article))
    assert [f.quantity.text for f in found] == ["3 billion yuan", "10.2%", "12"]


def test_article_without_a_title_line_is_titled_by_its_first_sentence() -> None:
    article = parse_text("Parks opened today. Crowds came.\n", markdown=True)
    entry = Prepared("x.md", "parks-opened-today", article, summarize_sections(article), ())
    bulletin = source_bulletin(entry, {})
    assert bulletin.title.id == "s1.p1.t1" and bulletin.published is None


def test_provenance_is_plain_json_with_models_versions_and_timings(
    argos_engine: ArgosEngine,
) -> None:
    result = translated(argos_engine, prepared())
    record = translation_provenance(result, {"versions": tool_versions()}, {"qa": 0.12345})
    assert record["engine"] == "argos" and record["path"] == ["en", "zh"]
    assert record["models"] == [dataclasses.asdict(result.provenance.engines[0])]
    assert isinstance(record["timings"], dict) and record["timings"]["qa"] == 0.1235
    assert isinstance(record["versions"], dict) and record["versions"]["babel"]


def test_same_language_locale_has_source_states() -> None:
    entry = prepared()
    result = translate_article(entry.article, to="en", cache=False)
    bulletin = locale_bulletin(entry, "en_GB", result, [], {})
    assert {u.state for u in bulletin.units} == {"source"}
