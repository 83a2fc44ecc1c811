"""Write one article's bulletins: ``<out>/<slug>/<locale>/`` with these files.

* ``article.md`` and ``article.html`` — the translated article;
* ``bulletin.md`` and ``bulletin.html`` — title, date, lede, summaries, key figures;
* ``bundle.json`` — everything, for machines (schema: ``data/bundle.schema.json``);
* ``article.xlf`` — XLIFF 1.2 for post-editing (not for the source language).

Everything is rendered in memory first, then written into a hidden temp folder
and swapped in whole (:func:`confl10n._fs.replace_folder`); the previous folder's
other locales and any file a reviewer added are carried over into it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from confl10n import _fs
from confl10n.bundle.bulletin import LocaleBulletin
from confl10n.bundle.html import render_article_html, render_html
from confl10n.bundle.jsonout import render_json
from confl10n.bundle.md import render_article, render_bulletin
from confl10n.bundle.slug import check_slug, slugify, unique_slugs
from confl10n.bundle.xliff import ApprovedUnit, read_xliff_approved, render_xliff
from confl10n.errors import InvalidOptionError
from confl10n.languages import language_of
from confl10n.localize.labels import Labels, load_labels

_LOCALE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True, slots=True)
class BundleResult:
    """Where an article's output went, which files it has, and any warnings."""

    path: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...]
    kept: tuple[str, ...] = ()  # entries of the previous folder carried over as they were
    removed: tuple[str, ...] = ()  # locale folders of the previous folder dropped (``clean``)


def write_article_bundle(
    out_dir: Path | str,
    slug: str,
    bulletins_by_locale: Mapping[str, LocaleBulletin],
    *,
    clean: bool = False,
) -> BundleResult:
    """Write every locale's files for one article, replacing ``out_dir/slug`` atomically.

    Only the locale folders written are replaced: every other entry of the
    previous ``out_dir/slug`` (other locales' folders, files a reviewer put
    there) is carried over byte for byte into the new folder before the swap.
    With ``clean``, the previous locale folders not written now are dropped
    instead (listed in the result's ``removed``); other files still stay.

    Raises :class:`~confl10n.errors.InvalidOptionError` for an unsafe slug, no bulletins or
    a bulletin filed under another locale, :class:`~confl10n.errors.OutputError` when the
    folder cannot be written.
    """
    check_slug(slug)
    if not bulletins_by_locale:
        raise InvalidOptionError(f"no bulletins to write for {slug!r}")
    files: dict[Path, str | bytes] = {}
    warnings: list[str] = []
    for locale, bulletin in bulletins_by_locale.items():
        labels = _labels_for(locale, bulletin)
        if labels.warning:
            warnings.append(labels.warning)
        files |= {Path(locale) / name: data for name, data in render_locale(bulletin, slug, labels)}
    kept: list[str] = []
    removed: list[str] = []

    def keep(name: str) -> bool:
        """Carry ``name`` over unless it is written now or a locale folder ``clean`` drops."""
        if name in bulletins_by_locale:
            return False
        dropped = clean and _LOCALE.fullmatch(name) is not None
        (removed if dropped else kept).append(name)
        return not dropped

    write = partial(_write_all, files=files)
    path = _fs.replace_folder(Path(out_dir), slug, write, keep=keep)
    return BundleResult(path, tuple(sorted(files)), tuple(warnings), tuple(kept), tuple(removed))


def render_locale(
    bulletin: LocaleBulletin, slug: str, labels: Labels
) -> list[tuple[str, str | bytes]]:
    """One locale's files as ``(name, content)``, in memory."""
    rendered: list[tuple[str, str | bytes]] = [
        ("article.md", render_article(bulletin, labels)),
        ("bulletin.md", render_bulletin(bulletin, labels)),
        ("bulletin.html", render_html(bulletin, labels)),
        ("article.html", render_article_html(bulletin, labels)),
        ("bundle.json", render_json(bulletin, slug=slug, labels=labels)),
    ]
    if language_of(bulletin.locale) != language_of(bulletin.source_lang):
        rendered.append(("article.xlf", render_xliff(bulletin, slug=slug)))
    return rendered


def _labels_for(locale: str, bulletin: LocaleBulletin) -> Labels:
    if not _LOCALE.fullmatch(locale):
        raise InvalidOptionError(f"not a locale code: {locale!r}")
    if bulletin.locale != locale:
        raise InvalidOptionError(f"bulletin for {bulletin.locale!r} filed under {locale!r}")
    return load_labels(locale)


def _write_all(folder: Path, *, files: Mapping[Path, str | bytes]) -> None:
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        _fs.write_synced(folder / relative, data.encode() if isinstance(data, str) else data)


__all__ = [
    "ApprovedUnit",
    "BundleResult",
    "check_slug",
    "read_xliff_approved",
    "render_locale",
    "slugify",
    "unique_slugs",
    "write_article_bundle",
]
