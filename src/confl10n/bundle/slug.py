"""Output folder names: ASCII slugs from article titles, and collision checks."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping

from confl10n.errors import InvalidOptionError, OutputError

MAX_LENGTH = 60
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*")


def slugify(title: str, *, max_length: int = MAX_LENGTH) -> str:
    """A stable ASCII folder name for ``title``: ``national-newspaper-industry-…``.

    Accents are stripped, apostrophes dropped, every other run of non-letters
    becomes one hyphen; the result is cut at a word boundary. A title with no
    ASCII letters or digits (all Chinese, say) gets ``article-`` plus a hash of
    the title, so it is still stable and distinct.
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words: list[str] = re.findall(r"[a-z0-9]+", folded.lower().replace("'", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if slug:
        return slug
    if words:  # a single word longer than the limit
        return words[0][:max_length]
    return "article-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:10]


def check_slug(slug: str) -> str:
    """Return ``slug`` if it is a safe single folder name, else raise.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an empty, hidden or path-like
    slug.
    """
    if not _SAFE.fullmatch(slug):
        raise InvalidOptionError(f"not a usable output folder name: {slug!r}")
    return slug


def unique_slugs(titles: Mapping[str, str]) -> dict[str, str]:
    """Map each article (keyed by its source, e.g. a path) to its title's slug.

    Two different articles whose titles give the same slug are an error, not
    renamed with a suffix: a suffix would depend on which articles are built
    together and in what order, so an article's folder could move between
    builds or overwrite the other's output from an earlier build.

    Raises :class:`~confl10n.errors.OutputError` when two articles would share a folder.
    """
    owners: dict[str, str] = {}
    for source, title in titles.items():
        slug = slugify(title)
        if slug in owners:
            raise OutputError(
                f"{owners[slug]} and {source} would both be written to {slug!r}; "
                "give one a different title or build them separately"
            )
        owners[slug] = source
    return {source: slug for slug, source in owners.items()}
