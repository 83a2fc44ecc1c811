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
import shlex
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from confl10n import _fs
from confl10n.bundle.bulletin import LocaleBulletin
from confl10n.bundle.html import render_article_html, render_html
from confl10n.bundle.jsonout import render_json
from confl10n.bundle.md import render_article, render_bulletin
from confl10n.bundle.slug import check_slug, slugify, unique_slugs
from confl10n.bundle.xliff import ApprovedUnit, label_units, read_xliff_approved, render_xliff
from confl10n.errors import InputError, InvalidOptionError
from confl10n.languages import language_of
from confl10n.localize.labels import Labels, load_labels

_LOCALE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True, slots=True)
class BundleResult:
    """Where an article's output went, which files it has, and any warnings."""

    path: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...]
    kept: tuple[str, ...] = ()  # entries of the previous folder kept beside the locales written
    removed: tuple[str, ...] = ()  # locale folders of the previous folder dropped (``clean``)


def write_article_bundle(
    out_dir: Path | str,
    slug: str,
    bulletins_by_locale: Mapping[str, LocaleBulletin],
    *,
    clean: bool = False,
    asked: Collection[str] = (),
    pages: Mapping[str, str] | None = None,
) -> BundleResult:
    """Write every locale's files for one article, replacing ``out_dir/slug`` atomically.

    Only the files written are replaced: everything else of the previous
    ``out_dir/slug`` (other locales' folders, files a reviewer put anywhere in
    it) is carried over byte for byte into the new folder before the swap
    (the result's ``kept`` names the entries beside the locales written). A
    replaced ``article.xlf`` holding approved targets the new bulletin lacks is
    kept beside it as ``article.reviewed-<time>.xlf``, with a warning. With
    ``clean``, the previous locale folders not written now are dropped instead
    (the result's ``removed``), except the ``asked`` locales this build could
    not write (no engine now): their previous folders stay; other files still stay.
    ``pages`` gives a locale's ``article.html`` as written (an HTML source's page,
    translated in place); the locales it lacks get the rendered page.

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
        rendered = render_locale(bulletin, slug, labels, page=(pages or {}).get(locale))
        files |= {Path(locale) / name: data for name, data in rendered}
    carried = _Carry(Path(out_dir) / slug, bulletins_by_locale, frozenset(files), clean)
    carried.asked = frozenset(asked)  # asked for, maybe not written: never cleaned
    write = partial(_write_all, files=files)
    path = _fs.replace_folder(Path(out_dir), slug, write, carry=carried)
    return BundleResult(
        path,
        tuple(sorted(files)),
        (*warnings, *carried.warnings),
        tuple(carried.kept),
        tuple(carried.removed),
    )


class _Carry:
    """What of an article's previous folder goes into the new one, and where.

    Everything but the files written now: other locales' folders, and files a
    reviewer added anywhere, byte for byte. With ``clean``, the locale folders
    not written now are left out. A written ``article.xlf`` whose previous
    version holds approved targets this build does not carry is kept beside it
    as ``article.reviewed-<its time>.xlf``, with a warning.
    """

    def __init__(
        self,
        folder: Path,
        bulletins: Mapping[str, LocaleBulletin],
        written: frozenset[Path],
        clean: bool,
    ) -> None:
        self.folder, self.bulletins, self.written, self.clean = folder, bulletins, written, clean
        self.kept: dict[str, None] = {}
        self.removed: dict[str, None] = {}
        self.warnings: list[str] = []
        self.asked: frozenset[str] = frozenset()

    def __call__(self, relative: str) -> str | None:
        """Where the previous ``relative`` file goes in the new folder, or None."""
        top = relative.split("/", 1)[0]
        if Path(relative) in self.written:
            return self._reviewed(relative)
        if top not in self.bulletins:
            if self.clean and top not in self.asked and _built_locale_folder(self.folder / top):
                self.removed[top] = None
                return None
            self.kept[top] = None
        return relative

    def _reviewed(self, relative: str) -> str | None:
        """A new name for a replaced XLIFF holding approved work this build lacks, else None."""
        locale, name = relative.split("/", 1)
        if name != "article.xlf":
            return None
        missing = _unbuilt_approvals(self.folder / relative, self.bulletins[locale])
        if not missing:
            return None
        stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(self._mtime(relative)))
        kept = f"{locale}/article.reviewed-{stamp}.xlf"
        # The command names the file as the build was given its output folder, so it runs
        # from where the build ran (not from inside the article's folder).
        command = f"confl10n import-xliff {shlex.quote(str(self.folder / kept))}"
        self.warnings.append(
            f"{self.folder.name}/{relative} held {missing} approved unit(s) this build does "
            f"not have; kept as {kept} (store them with `{command}`)"
        )
        return kept

    def _mtime(self, relative: str) -> float:
        return (self.folder / relative).lstat().st_mtime


def _built_locale_folder(path: Path) -> bool:
    """True for a locale folder a build wrote (a locale's name, holding ``bundle.json``):
    a reviewer's folder named like a code (``img``, ``old``) is no locale and stays."""
    return (
        _LOCALE.fullmatch(path.name) is not None
        and path.is_dir()
        and not path.is_symlink()
        and (path / "bundle.json").is_file()
    )


def _unbuilt_approvals(xliff: Path, bulletin: LocaleBulletin) -> int:
    """How many approved targets of ``xliff`` (sentences and key-figure labels) the new
    bulletin does not hold as approved
    (an XLIFF that cannot be read counts as one: it is kept rather than lost)."""
    try:
        approved = read_xliff_approved(xliff)
    except InputError:
        return 1
    units = [*bulletin.units, *(unit for unit, _ in label_units(bulletin))]
    built = {(u.id, u.target) for u in units if u.state == "approved"}
    return sum((unit.id, unit.target) not in built for unit in approved)


def render_locale(
    bulletin: LocaleBulletin, slug: str, labels: Labels, *, page: str | None = None
) -> list[tuple[str, str | bytes]]:
    """One locale's files as ``(name, content)``, in memory; ``page`` (if given) is its
    ``article.html`` as is, else the article is rendered as a page like the bulletin's."""
    article_html = page if page is not None else render_article_html(bulletin, labels)
    rendered: list[tuple[str, str | bytes]] = [
        ("article.md", render_article(bulletin, labels)),
        ("bulletin.md", render_bulletin(bulletin, labels)),
        ("bulletin.html", render_html(bulletin, labels)),
        ("article.html", article_html),
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
