"""Issue 28 in a build: the bulletin's ``article.md`` and ``article.html`` put a sentence's
link where the model's alignment puts its words, through the real kit model that writes
"new" for "great" (tests/conftest.py ``aligned_packages``); a reviewer's approved text is
placed by its own alignment, never by the one of the machine translation it replaced."""

from __future__ import annotations

import re
from pathlib import Path

from confl10n.building.approved import import_xliff
from tests.helpers import kit_build

STORY = (
    "# The great house\n\n"
    "The great house is [great](https://example.org/).\n\n"
    "The house is *very* red. It is a great house.\n"
)
REVIEWED = "It is a new, very new house."
"""A reviewer's text for the linked sentence: its "new"s are not where the machine
translation's ("The new house is new.") are, so the old alignment would put the link on
the second "new", where the attention over this text does not point."""


def built(tmp_path: Path, models: Path) -> Path:
    """``tmp_path/story.md`` built to fr_FR with ``models`` (its cache ``tmp_path/out.sqlite3``,
    kept between builds): the fr_FR folder."""
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    report = kit_build(tmp_path, [story], models_dir=models, locales=("fr_FR",))
    return report.articles[0].path / "fr_FR"


def approve(xliff: Path, unit_id: str, target: str) -> None:
    """What a reviewer does in ``article.xlf``: write unit ``unit_id``'s target, approve it."""
    text = xliff.read_text(encoding="utf-8")
    unit = text.index(f'<trans-unit id="{unit_id}"')
    start, end = text.index("<target", unit), text.index("</target>", unit)
    edited = f'{text[:unit]}<trans-unit approved="yes"{text[unit + len("<trans-unit") : start]}'
    xliff.write_text(f'{edited}<target state="final">{target}{text[end:]}', encoding="utf-8")


def sentence_html(folder: Path, unit_id: str) -> str:
    page = (folder / "article.html").read_text(encoding="utf-8")
    found = re.search(rf'<span data-unit="{re.escape(unit_id)}">(.*?)</span>', page)
    assert found is not None, page
    return found.group(1)


def test_a_changed_link_word_is_linked_where_the_model_aligns_it(
    tmp_path: Path, aligned_packages: Path
) -> None:
    folder = built(tmp_path, aligned_packages)
    # By words alone the link would go on the first "new": the attention of "great" is on
    # the second.
    article_md = (folder / "article.md").read_text(encoding="utf-8")
    assert "\nThe new house is [new](https://example.org/).\n" in article_md
    linked = 'The new house is <a href="https://example.org/">new</a>.'
    assert sentence_html(folder, "s1.p1.t1") == linked


def test_an_approved_text_is_never_placed_by_the_machine_translations_alignment(
    tmp_path: Path, aligned_packages: Path
) -> None:
    folder = built(tmp_path, aligned_packages)
    approve(folder / "article.xlf", "s1.p1.t1", REVIEWED)
    assert import_xliff(folder / "article.xlf", cache=tmp_path / "out.sqlite3") == 1
    folder = built(tmp_path, aligned_packages)
    article_md = (folder / "article.md").read_text(encoding="utf-8")
    assert "\nIt is a [new](https://example.org/), very new house.\n" in article_md
    assert "very [new](https://example.org/) house" not in article_md  # the stale place
    linked = 'It is a <a href="https://example.org/">new</a>, very new house.'
    assert sentence_html(folder, "s1.p1.t1") == linked
