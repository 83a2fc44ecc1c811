"""Issue 28: a sentence's inline markup placed back by the model's alignment, through the
real kit model that writes "new" for "great" (tests/conftest.py ``aligned_packages``), in
Markdown and HTML files out of ``confl10n translate``; what cannot be placed stays on its
sentence. The same through the real Apertium eng-spa, whose word-bound blanks align."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from confl10n.building.files import translated_text
from confl10n.text.reader import parse_bytes, parse_text
from confl10n.translate.apertium.engine import ApertiumEngine
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.article import translate_article
from confl10n.translate.render import render_markdown
from tests.helpers import invoke


def markdown_lines(tmp_path: Path, story: str, *args: str | Path) -> list[str]:
    """``story`` translated by ``confl10n translate … --format md`` with ``args``: its lines."""
    path = tmp_path / "story.md"
    path.write_text(story, encoding="utf-8")
    code, out, err = invoke("translate", path, *args, "--no-cache", "--format", "md")
    assert code == 0, err
    return out.splitlines()


MARKDOWN = (
    "# The great house\n\n"
    "The **great** house is *very* red. The great house is **great**.\n\n"
    "*The great house is red.* A [great](https://example.org/) house is red.\n"
)
PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>The great house</title></head><body>'
    "<article><h1>The great house</h1>"
    "<p>The <b>great</b> house is <i>very</i> red. The great house is <b>great</b>.</p>"
    '<p>A <a href="https://example.org/">great</a> house is red.</p>'
    "</article></body></html>"
)


def test_markdown_out_has_the_markup_on_the_words_the_model_wrote(
    tmp_path: Path, aligned_packages: Path
) -> None:
    lines = markdown_lines(tmp_path, MARKDOWN, "--to", "fr", "--models-dir", aligned_packages,
                           "--threads", "1")  # fmt: skip
    assert lines[2] == (
        "The **new** house is *very* red. The new house is **new**."
    )  # the second "new" is where the attention of "great" is, not the first
    assert lines[4] == "*The new house is red.* A [new](https://example.org/) house is red."


def test_an_html_file_out_has_its_tags_on_the_aligned_words(
    tmp_path: Path, aligned_packages: Path
) -> None:
    page, out = tmp_path / "page.html", tmp_path / "out.html"
    page.write_text(PAGE, encoding="utf-8")
    args: list[str | Path] = ["--to", "fr", "--models-dir", aligned_packages, "--threads", "1"]
    args.append("--no-cache")
    code, _, err = invoke("translate", page, *args, "--output", out)
    assert code == 0, err
    written = out.read_text(encoding="utf-8")
    assert "<p>The <b>new</b> house is <i>very</i> red. The new house is <b>new</b>.</p>" in written
    assert '<p>A <a href="https://example.org/">new</a> house is red.</p>' in written


def test_the_alignment_places_what_no_words_find(aligned_packages: Path) -> None:
    article = parse_text(MARKDOWN, markdown=True, lang="en")
    engine = ArgosEngine(models_dir=aligned_packages, threads=1)
    done = translate_article(article, to="fr", engine=engine, cache=False)
    assert done.alignments and ("great", "new") in done.translated_alone
    alone = replace(done, translated_alone=())  # no words translated alone: the attention
    assert "The **new** house is *very* red. The new house is **new**." in render_markdown([alone])


def test_a_link_that_cannot_be_placed_wraps_its_whole_sentence(flat_packages: Path) -> None:
    article = parse_text(MARKDOWN, markdown=True, lang="en")
    engine = ArgosEngine(models_dir=flat_packages, threads=1)
    done = translate_article(article, to="fr", engine=engine, cache=False)
    assert done.alignments == ()  # flat attention: the engine aligns nothing
    lost = replace(done, translated_alone=())  # and the words alone are not known
    lines = render_markdown([lost]).splitlines()
    assert lines[2] == "The new house is *very* red. The new house is new."  # dropped
    assert lines[4] == "*The new house is red.* [A new house is red](https://example.org/)."
    page = parse_bytes(PAGE.encode(), lang="en", source_name="page.html", input_format="html")
    done = translate_article(page, to="fr", engine=engine, cache=False)
    written = translated_text(replace(done, translated_alone=()), markup=True)
    assert '<p><a href="https://example.org/">A new house is red</a>.</p>' in written


APERTIUM_MARKDOWN = (
    "# The big house\n\n"
    "The **big** house is *very* red. They **left** the city early.\n\n"
    "The new plan and the *new* report were read. He [runs](https://example.org/) the company.\n"
)


def test_markdown_through_apertium_has_the_markup_on_the_words_apertium_wrote(
    tmp_path: Path, apertium_bin: str
) -> None:
    lines = markdown_lines(tmp_path, APERTIUM_MARKDOWN, "--to", "es", "--engine", "apertium")
    assert lines[2] == "La casa **grande** es *muy* roja. **Dejaron** la ciudad temprano."
    assert lines[4] == (
        "El plan nuevo y el informe *nuevo* estuvieron leídos. [Corre](https://example.org/) la empresa."
    )  # "nuevo" twice: the second is the one "new" went to; "runs" is "Corre" only here


def test_without_apertium_alignment_those_spans_fall_back(apertium_bin: str) -> None:
    article = parse_text(APERTIUM_MARKDOWN, markdown=True, lang="en")
    engine = ApertiumEngine(apertium_bin=apertium_bin)
    done = translate_article(article, to="es", engine=engine, cache=False)
    assert {unit for unit, _ in done.alignments} == {"s1.p1.t1", "s1.p1.t2", "s1.p2.t1", "s1.p2.t2"}
    unaligned = render_markdown([replace(done, alignments=())]).splitlines()
    assert unaligned[2] == "La casa **grande** es *muy* roja. Dejaron la ciudad temprano."
    assert unaligned[4] == (
        "El plan *nuevo* y el informe nuevo estuvieron leídos. [Corre la empresa](https://example.org/)."
    )
