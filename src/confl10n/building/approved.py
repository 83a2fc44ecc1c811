"""``import-xliff``: a translator's approved XLIFF targets into the translation cache.

They win over machine translation on the next build of the same sentences.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.translate.cache import TranslationCache


def import_xliff(path: str | Path, *, cache: TranslationCache | str | Path | bool = True) -> int:
    """Store the approved targets of an XLIFF file as approved translations; return how many.

    They win over machine translation on the next build of the same sentences.
    Units whose ID is in no article are stored too (by their source text), each
    with an :class:`UnknownUnitWarning`: an ID that is no document ID, or, when
    the file sits beside the ``bundle.json`` it was exported with, one that the
    bundle does not hold. Without a readable ``bundle.json`` beside the file, one
    more warning counts the units that could not be checked against an article.

    Raises :class:`~confl10n.errors.InputError` for an unreadable XLIFF file,
    :class:`~confl10n.errors.InvalidOptionError` without a cache,
    :class:`~confl10n.errors.OutputError` when the cache cannot be written.
    """
    from confl10n.bundle import read_xliff_approved
    from confl10n.languages import language_of
    from confl10n.translate.cache import open_cache

    approved = read_xliff_approved(Path(path))
    bundle = Path(path).with_name("bundle.json")
    known = _bundle_unit_ids(bundle)
    for unit in approved:
        reason = _unknown_unit(unit.id, known)
        if reason:
            message = f"{path}: unit {unit.id!r} is in no article ({reason}); stored anyway"
            warnings.warn(UnknownUnitWarning(message), stacklevel=2)
    unchecked = sum(known is None and _DOCUMENT_ID.fullmatch(u.id) is not None for u in approved)
    if unchecked:
        why = (
            "the bundle.json beside it is unreadable"
            if bundle.exists()
            else "no bundle.json beside it"
        )
        message = (
            f"{path}: {unchecked} unit(s) could not be checked against an article ({why}); "
            "stored anyway"
        )
        warnings.warn(UnknownUnitWarning(message), stacklevel=2)
    with open_cache(cache) as store:
        if store is None:
            raise InvalidOptionError("importing approved translations needs a cache")
        for unit in approved:
            pair = (language_of(unit.source_lang), language_of(unit.target_lang))
            origin = f"xliff:{Path(path).name}#{unit.id}"
            store.put_approved(*pair, unit.source, unit.target, origin=origin)
    return len(approved)


class UnknownUnitWarning(UserWarning):
    """An approved XLIFF unit whose ID is in no article."""


# Document IDs (README, "IDs"): the title, a section, its heading, a paragraph, a sentence.
_DOCUMENT_ID = re.compile(r"title|s[1-9][0-9]*(?:\.h|\.p[1-9][0-9]*(?:\.t[1-9][0-9]*)?)?")


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
        units = json.loads(bundle.read_text(encoding="utf-8"))["units"]
        return frozenset(str(unit["id"]) for unit in units)
    except (OSError, ValueError, KeyError, TypeError):
        return None
