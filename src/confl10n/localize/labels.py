"""Bulletin labels ("Summary", "Key figures", …) in the reader's language.

The catalogs are gettext ``.po`` files shipped inside the package at
``confl10n/locales/<locale>/LC_MESSAGES/confl10n.po``. They are compiled to
``.mo`` in memory on first use (babel.messages) rather than committed as
binaries: the ``.po`` stays the one reviewable source, a stale ``.mo`` can never
shadow an edited ``.po``, and nothing is written at run time, so a fresh clone,
an editable install and a read-only installed wheel behave the same.

A locale without a catalog gets English labels and a warning on
:attr:`Labels.warning` (returned, never printed).
"""

from __future__ import annotations

import functools
import gettext
import io
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from confl10n.languages import language_of, posix_locale

DOMAIN = "confl10n"


def N_(message: str) -> str:
    """Mark ``message`` for extraction by pybabel; translation happens later."""
    return message


SUMMARY = N_("Summary")
KEY_FIGURES = N_("Key figures")
PUBLISHED = N_("Published: %(date)s")
FULL_ARTICLE = N_("Full article")
VALUE = N_("Value")
ORIGINAL = N_("Original text")
SECTION = N_("Section")
INTRODUCTION = N_("Introduction")
MT_NOTICE = N_("Machine translation — needs review")
GENERATED = N_("Generated offline by confl10n")


@dataclass(frozen=True, slots=True)
class Labels:
    """Translated labels for one locale; call it with an English label."""

    catalog: str | None
    translations: gettext.NullTranslations
    warning: str | None = None

    def __call__(self, message: str, **values: str) -> str:
        """The label in the catalog's language, with ``%(name)s`` filled in."""
        text = self.translations.gettext(message)
        return text % values if values else text


def load_labels(locale: str) -> Labels:
    """Labels for ``locale`` (``zh_CN``, ``zh-CN`` or ``zh``), English if none."""
    if language_of(locale) == "en":
        return Labels(None, gettext.NullTranslations())
    name = find_catalog(locale)
    if name is None:
        warning = f"no label catalog for locale {locale!r}; bulletin labels are in English"
        return Labels(None, gettext.NullTranslations(), warning)
    return Labels(name, _compiled(name))


def available_catalogs() -> tuple[str, ...]:
    """Locale names that have a ``.po`` catalog, sorted."""
    root = _locales_dir()
    return tuple(sorted(p.name for p in root.iterdir() if _po_file(p.name).is_file()))


def find_catalog(locale: str) -> str | None:
    """The catalog for ``locale``: an exact match, else the first of its language."""
    wanted = posix_locale(locale)
    names = available_catalogs()
    if wanted in names:
        return wanted
    same_language = [n for n in names if language_of(n) == language_of(wanted)]
    return same_language[0] if same_language else None


@functools.cache
def _compiled(name: str) -> gettext.GNUTranslations:
    from confl10n.localize.formatting import compile_po

    mo = compile_po(_po_file(name).read_bytes(), locale=name, domain=DOMAIN)
    return gettext.GNUTranslations(io.BytesIO(mo))


def _locales_dir() -> Traversable:
    return resources.files("confl10n") / "locales"


def _po_file(name: str) -> Traversable:
    return _locales_dir() / name / "LC_MESSAGES" / f"{DOMAIN}.po"
