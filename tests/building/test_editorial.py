"""Bulletins an editor would publish (issue 14): the news lede once, short titles, page details."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confl10n import BuildOptions, TranslateOptions, build
from confl10n.building.assemble import HEADLINE_CHARS
from tests.helpers import SLUG, invoke

OPENING = "Media professionals from all over the country converged on Shanghai on December 19"


def _bulletin(out: Path, slug: str = SLUG, locale: str = "en") -> str:
    return (out / slug / locale / "bulletin.md").read_text(encoding="utf-8")


def _summary_part(md: str) -> str:
    return md.split("## Summary", 1)[1].split("## Key figures", 1)[0]


def test_the_sample_bulletin_leads_with_the_news_and_never_repeats_it(
    tmp_path: Path, sample_path: Path
) -> None:
    build([sample_path], options=BuildOptions(locales=[], out=tmp_path), cache=False)
    md = _bulletin(tmp_path)
    lede = next(line for line in md.splitlines() if line.startswith("**"))
    assert lede.startswith(f"**{OPENING}") and "High on their agenda" in lede
    assert OPENING not in _summary_part(md) and "High on their agenda" not in _summary_part(md)
    assert "People’s City: Shanghai Practice" not in _summary_part(md)
    assert "“Shanghai is a city that sets trends." not in md


@pytest.mark.parametrize("mode", ["lead", "central"])
def test_build_lede_option_and_config_key(tmp_path: Path, sample_path: Path, mode: str) -> None:
    config = tmp_path / "confl10n.toml"
    config.write_text(f'[build]\nsources = ["{sample_path}"]\nlocales = []\nlede = "{mode}"\n')
    report = build(options=BuildOptions(config=config, out=tmp_path / "a"), cache=False)
    data = json.loads((report.articles[0].path / "en" / "bundle.json").read_text())
    assert data["provenance"]["summary"]["lede"] == mode
    assert (data["lede"][0] == "s1.p1.t1") is (mode == "lead")
    other = "central" if mode == "lead" else "lead"
    code, _, err = invoke(
        "build", sample_path, "--to", "en", "--out", tmp_path / "b", "--no-cache", "--lede", other
    )
    assert code == 0, err
    data = json.loads((tmp_path / "b" / SLUG / "en" / "bundle.json").read_text())
    assert data["provenance"]["summary"]["lede"] == other


def test_build_refuses_an_unknown_lede_mode(tmp_path: Path, sample_path: Path) -> None:
    code, _, err = invoke("build", sample_path, "--out", tmp_path, "--lede", "x")
    assert code == 64 and list(tmp_path.iterdir()) == []
    assert "unknown lede mode 'x'; choose one of: lead, central" in err


def _long_article(path: Path, *, stops: bool) -> Path:
    topics = ["budget", "schools", "roads", "harbor", "parks", "trams", "libraries", "clinics"]
    if stops:
        text = (
            " ".join(
                f"Council members debated the {topics[i % 8]} plan number {i} for {i % 7 + 2} hours."
                for i in range(900)
            )[:50_000].rsplit(". ", 1)[0]
            + "."
        )
    else:
        text = " ".join(["the council approved a budget for schools and roads"] * 1000)[:50_000]
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stops", [True, False])
def test_a_50000_character_paragraph_is_printed_once_and_is_not_the_title(
    tmp_path: Path, stops: bool
) -> None:
    source = _long_article(tmp_path / "long.txt", stops=stops)
    report = build([source], options=BuildOptions(locales=[], out=tmp_path / "out"), cache=False)
    folder = report.articles[0].path / "en"
    md = (folder / "bulletin.md").read_text(encoding="utf-8")
    title = md.splitlines()[0]
    assert len(title) <= len("# ") + HEADLINE_CHARS
    assert title.endswith("…") is not stops  # the first sentence, or the cut run-on paragraph
    lines = [line for line in md.splitlines() if line]
    sentences = [s for line in lines[1:] for s in line.strip("*").split(". ") if len(s) > 20]
    assert len(sentences) == len(set(sentences))
    assert len(md) < 2_000  # neither the lede nor a summary is the whole paragraph
    html = (folder / "bulletin.html").read_text(encoding="utf-8")
    assert len(html.split("<title>", 1)[1].split("</title>", 1)[0]) <= HEADLINE_CHARS + 10


def test_no_lock_file_is_left_in_the_output_folder(tmp_path: Path, sample_path: Path) -> None:
    build([sample_path], options=BuildOptions(locales=[], out=tmp_path), cache=False)
    build([sample_path], options=BuildOptions(locales=[], out=tmp_path), cache=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [SLUG]


def test_the_html_bulletin_links_the_full_article_page(tmp_path: Path, sample_path: Path) -> None:
    build([sample_path], options=BuildOptions(locales=[], out=tmp_path), cache=False)
    folder = tmp_path / SLUG / "en"
    html = (folder / "bulletin.html").read_text(encoding="utf-8")
    assert '<p class="more"><a href="article.html">Full article</a></p>' in html
    article = (folder / "article.html").read_text(encoding="utf-8")
    assert article.startswith("<!DOCTYPE html>") and '<a href="bulletin.html">' in article
    assert "<h2>" in article and "People’s City: Shanghai Practice" in article
    assert article.count("<p>") == 35  # 34 paragraphs and the link


def test_figure_labels_are_translated_with_the_article(
    tmp_path: Path, sample_path: Path, apertium_bin: str
) -> None:
    """Real Apertium en->es: each label is translated as a unit, the source label is kept."""
    report = build(
        [sample_path],
        options=BuildOptions(
            locales=["es_ES"], out=tmp_path, translation=TranslateOptions(engine="apertium")
        ),
        cache=False,
    )
    folder = report.articles[0].path
    data = json.loads((folder / "es_ES" / "bundle.json").read_text(encoding="utf-8"))
    rent = next(f for f in data["figures"] if f["source"] == "500 to 1,000 yuan")
    assert (rent["source_label"], rent["label"]) == (
        "Rent for a bed, a month",
        "Alquiler para una cama, un mes",
    )
    assert (rent["label_source"], rent["label_state"]) == ("subject", "mt")
    assert all(f["label"] and f["label"] != f["source_label"] for f in data["figures"][:3])
    ids = {u["id"] for u in data["units"]}
    assert len(ids) == 79 and not any(f["sentence_id"] not in ids for f in data["findings"])
    md = (folder / "es_ES" / "bulletin.md").read_text(encoding="utf-8")
    assert "Alquiler para una cama, un mes | Rent for a bed, a month: 500 to 1,000 yuan |" in md
    english = json.loads((folder / "en" / "bundle.json").read_text(encoding="utf-8"))
    assert all(f["label"] == f["source_label"] for f in english["figures"])
