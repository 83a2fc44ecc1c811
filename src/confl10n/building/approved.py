"""``import-xliff``: a translator's approved XLIFF targets into the translation cache.

They win over machine translation on the next build of the same sentences.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.bundle.xliff import MAX_XLIFF_BYTES
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.bundle.xliff import ApprovedUnit
    from confl10n.translate.cache import TranslationCache


def import_xliff(
    path: str | Path,
    *,
    cache: TranslationCache | str | Path | bool = True,
    max_bytes: int = MAX_XLIFF_BYTES,
) -> int:
    """Store the approved targets of an XLIFF file as approved translations; return how many.

    They win over machine translation on the next build of the same sentences,
    key figures' labels (units ``s2.p3.t1.f1``, ``restype="x-key-figure-label"``)
    included. The file is read as a stream and stored in one transaction (all or
    nothing). Units whose ID is in no article are stored too (by their source text),
    counted in one :class:`UnknownUnitWarning` that names the first three: an ID that
    is no document ID, or, when the file sits beside the ``bundle.json`` it was
    exported with, one that the bundle does not hold. Without a readable
    ``bundle.json`` beside the file, one more warning counts the units that could not
    be checked.

    Raises :class:`~confl10n.errors.InputError` for an unreadable XLIFF file (over
    ``max_bytes``, malformed, unknown language codes), stores nothing then;
    :class:`~confl10n.errors.InvalidOptionError` without a cache,
    :class:`~confl10n.errors.OutputError` when the cache cannot be written.
    """
    from confl10n.bundle.xliff import iter_xliff_approved
    from confl10n.translate.cache import open_cache

    source = Path(path)
    check = _UnitCheck(_bundle_unit_ids(source.with_name("bundle.json")))
    with open_cache(cache) as store:
        if store is None:
            raise InvalidOptionError("importing approved translations needs a cache")
        units = iter_xliff_approved(source, max_bytes=max_bytes)
        store.put_approved_many(check.rows(units, origin=f"xliff:{source.name}"))
    for message in check.warnings(source):
        warnings.warn(UnknownUnitWarning(message), stacklevel=2)
    return check.count


class _UnitCheck:
    """Counts the units stored and those in no article (keeping the first few IDs)."""

    SHOWN = 3

    def __init__(self, known: frozenset[str] | None) -> None:
        self.known, self.count, self.unchecked = known, 0, 0
        self.unknown: list[tuple[str, str]] = []
        self.unknown_count = 0

    def rows(
        self, units: Iterable[ApprovedUnit], *, origin: str
    ) -> Iterator[tuple[str, str, str, str, str]]:
        """Each unit as an approved cache row, checked and counted on the way; its languages
        are those the engines are asked for (``zh-TW`` -> ``zt``, ``pt-BR`` -> ``pb``), which
        the build of that locale looks them up by."""
        from confl10n.languages import argos_language

        for unit in units:
            self._check(unit.id)
            pair = (argos_language(unit.source_lang), argos_language(unit.target_lang))
            yield (*pair, unit.source, unit.target, f"{origin}#{unit.id}")

    def _check(self, unit_id: str) -> None:
        self.count += 1
        reason = _unknown_unit(unit_id, self.known)
        if reason:
            self.unknown_count += 1
            if len(self.unknown) < self.SHOWN:
                self.unknown.append((unit_id, reason))
        self.unchecked += self.known is None and _DOCUMENT_ID.fullmatch(unit_id) is not None

    def warnings(self, path: Path) -> list[str]:
        """At most two lines: the units in no article, the units not checked."""
        return [line for line in (self._unknown_line(path), self._unchecked_line(path)) if line]

    def _unknown_line(self, path: Path) -> str:
        if not self.unknown_count:
            return ""
        named = ", ".join(f"{unit_id!r} ({why})" for unit_id, why in self.unknown)
        more = self.unknown_count - len(self.unknown)
        tail = f" and {more} more" if more else ""
        return f"{path}: {self.unknown_count} unit(s) in no article, stored anyway: {named}{tail}"

    def _unchecked_line(self, path: Path) -> str:
        if not self.unchecked:
            return ""
        exists = path.with_name("bundle.json").exists()
        why = "the bundle.json beside it is unreadable" if exists else "no bundle.json beside it"
        return (
            f"{path}: {self.unchecked} unit(s) could not be checked against an article "
            f"({why}); stored anyway"
        )


class UnknownUnitWarning(UserWarning):
    """An approved XLIFF unit whose ID is in no article."""


# Document IDs (README, "IDs"): the title, a section, its heading, a paragraph, a sentence.
_DOCUMENT_ID = re.compile(
    r"(?:title|s[1-9][0-9]*\.p[1-9][0-9]*\.t[1-9][0-9]*)\.f[1-9][0-9]*"  # a key figure's label
    r"|title|s[1-9][0-9]*(?:\.h|\.p[1-9][0-9]*(?:\.t[1-9][0-9]*)?)?"
)


def _unknown_unit(unit_id: str, known: frozenset[str] | None) -> str | None:
    """Why ``unit_id`` is in no article, or None."""
    if not _DOCUMENT_ID.fullmatch(unit_id):
        return "not a document ID"
    if known is not None and unit_id not in known:
        return "not in the bundle.json beside the file"
    return None


def _bundle_unit_ids(bundle: Path) -> frozenset[str] | None:
    """The unit IDs of a build's ``bundle.json``, or None if there is no readable one."""
    import json

    try:
        data = json.loads(bundle.read_text(encoding="utf-8"))
        labels = [str(f["label_id"]) for f in data.get("figures", ()) if f.get("label_id")]
        return frozenset([*(str(unit["id"]) for unit in data["units"]), *labels])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
