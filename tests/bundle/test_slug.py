"""Output folder names from titles, and collisions between articles."""

from __future__ import annotations

import pytest

from confl10n.bundle.slug import MAX_LENGTH, check_slug, slugify, unique_slugs
from confl10n.errors import InvalidOptionError, OutputError

SEED_TITLE = "National newspaper industry peers gathered in Shanghai to observe “AI + Media.” What are they observing?"


def test_seed_title() -> None:
    assert slugify(SEED_TITLE) == "national-newspaper-industry-peers-gathered-in-shanghai-to"
    assert len(slugify(SEED_TITLE)) <= MAX_LENGTH


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Shanghai’s Café Économie", "shanghais-cafe-economie"),
        ("It's 10.2% — really!", "its-10-2-really"),
        ("  A  B  ", "a-b"),
        ("x" * 80, "x" * MAX_LENGTH),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_title_without_ascii_gets_a_stable_hash() -> None:
    first, second = slugify("人民城市"), slugify("人民城市")
    assert first == second and first.startswith("article-") and first.isascii()
    assert slugify("文化传承") != first


@pytest.mark.parametrize("bad", ["", "../etc", ".hidden", "a/b", "a b", "..", "-x"])
def test_check_slug_rejects_unsafe_names(bad: str) -> None:
    with pytest.raises(InvalidOptionError):
        check_slug(bad)


def test_unique_slugs_maps_sources_to_slugs() -> None:
    assert unique_slugs({"a.md": "City News", "b.md": "Culture"}) == {
        "a.md": "city-news",
        "b.md": "culture",
    }


def test_two_articles_with_one_slug_are_an_error() -> None:
    with pytest.raises(
        OutputError, match=r"^a\.md and b\.txt would both be written to 'city-news'; "
    ) as info:
        unique_slugs({"a.md": "City News", "b.txt": "City news!"})
    assert "\n" not in str(info.value)
