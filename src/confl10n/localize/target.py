"""``LocaleTarget``: what the user typed as a target, resolved once.

Babel's habit (``Locale.parse`` once, then a ``support.Format`` bound to it):
a target is parsed once, where it enters (a command, the build plan, a
service request), into one value that the rest of the work is given:

* ``typed``: the spelling as typed (``es-419``, ``ZH_cn``, ``zh-Hant``);
* ``tag``: that spelling in canonical POSIX form, the output folder's name
  (``es_419``, ``zh_CN``, ``zh_Hant``);
* ``locale``: the CLDR locale figures are written in, with its territory (a bare
  language by CLDR's likely subtags: ``es`` -> ``es_ES``, ``zh`` -> ``zh_CN``);
* ``language``: the language engines are asked for, in Argos's codes
  (``zh_TW`` -> ``zt``, ``pt-BR`` -> ``pb``; :func:`confl10n.languages.argos_language`);
* ``style``: the newsroom style data (``locales/<locale>/style.toml``) and
  ``style_from``, the style file's locale, or None when CLDR's own forms are used;
* ``how``: one line for provenance on where the locale and style came from.

Case does not matter, ``-`` and ``_`` are the same, and Argos's own codes
(``zt``, ``pb``) are accepted too. :func:`locale_target` makes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from confl10n.errors import InvalidOptionError
from confl10n.languages import argos_language, argos_locale, posix_locale
from confl10n.localize.formatting import (
    cldr_locale,
    language_by_name,
    load_style,
    resolved_locale,
    style_names,
)
from confl10n.localize.styles import style_file

__all__ = ["LocaleTarget", "article_language", "locale_target"]

_ENCODING = re.compile(r"\.(?i:utf[-_]?8)$")
_SPELLING = re.compile(r"[A-Za-z]{2,3}(?:_(?:[A-Za-z]{4}|[A-Za-z]{2}|[0-9]{3}))*")


@dataclass(frozen=True, slots=True)
class LocaleTarget:
    """One target as typed and as resolved: folder tag, CLDR locale, engine language, style.

    See the module's docstring for each field; make one with :func:`locale_target`.
    """

    typed: str
    tag: str
    locale: str
    language: str
    style_from: str | None = None
    style_dir: Path | None = None
    how: str = ""  # for provenance: "es -> es_ES (CLDR likely subtags): newsroom style es_ES"
    style: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def locale_target(
    typed: str, *, locale: str | None = None, style_dir: Path | None = None
) -> LocaleTarget:
    """``typed`` (a language, locale or script/region tag in any case) resolved once.

    ``locale`` chooses another locale of the same language for the figures
    (``typed="zh"``, ``locale="zh_TW"``: engines asked for ``zh``, figures in
    zh_TW). ``style_dir`` holds the style files (default: the shipped ones).

    Raises :class:`~confl10n.errors.InvalidOptionError` (one line, with close
    matches) for an unknown code, a ``locale`` of another language or a missing
    ``style_dir``.
    """
    tag = _tag(typed)
    figures = resolved_locale(tag if locale is None else _tag(locale))
    if cldr_locale(figures).language != cldr_locale(tag).language:
        raise InvalidOptionError(f"locale {locale!r} is not one of language {typed.strip()!r}")
    found = style_file(style_names(figures), style_dir=style_dir)
    style_from = found.parent.name if found else None
    return LocaleTarget(
        typed=typed.strip(),
        tag=tag,
        locale=figures,
        language=argos_language(tag),
        style_from=style_from,
        style_dir=style_dir,
        how=_how(tag, figures, style_from, chosen=locale is not None),
        style=load_style(figures, style_dir=style_dir),
    )


def article_language(lang: str | None) -> str | None:
    """An article's language as given (None: the article's own), once it is known to be a
    language or locale in a spelling a target takes (``en``, ``EN``, ``en_US``, ``pt-BR``):
    for ``--lang``, ``--from`` and the service's ``source``.

    Raises :class:`~confl10n.errors.InvalidOptionError` as :func:`locale_target` does:
    ``unknown locale 'es_XX'; did you mean es_ES, …?``, ``unknown locale 'english'; did
    you mean en?``.
    """
    if lang is not None:
        _tag(lang)
    return lang


def _how(tag: str, locale: str, style_from: str | None, *, chosen: bool) -> str:
    """Where the locale and its style came from, by the tag (the same for every spelling
    of a target): ``es -> es_ES (CLDR likely subtags): newsroom style es_ES``."""
    style = (
        f"newsroom style {style_from}" if style_from else "no newsroom style file: CLDR's own forms"
    )
    if locale == tag:
        return f"{tag}: {style}"
    if chosen:
        why = "locale chosen"
    else:
        why = "CLDR likely subtags" if cldr_locale(tag).territory is None else "CLDR"
    return f"{tag} -> {locale} ({why}): {style}"


def _tag(typed: str) -> str:
    """``typed`` in canonical POSIX spelling (``ZH-hant`` -> ``zh_Hant``, ``es_ES.UTF-8``
    -> ``es_ES``), checked against CLDR; Argos's own codes as their usual locale (``zt`` ->
    ``zh_TW``)."""
    spelled = _ENCODING.sub("", posix_locale(typed))  # as in $LANG: es_ES.UTF-8
    if not _SPELLING.fullmatch(spelled):
        named = language_by_name(typed)
        raise InvalidOptionError(
            f"unknown locale {typed!r}; did you mean {named}?"
            if named
            else f"unknown locale {typed!r}; write a language (es), a locale (es_ES, es-419) "
            "or a script tag (zh-Hant)"
        )
    language, *subtags = spelled.split("_")
    if not subtags and argos_locale(language.lower()):
        return argos_locale(language.lower()) or language
    tag = "_".join([language.lower(), *(_subtag(s) for s in subtags)])
    cldr_locale(tag)  # unknown: one line with close matches
    return tag


def _subtag(subtag: str) -> str:
    """A script in title case (``Hant``), a region in upper case (``TW``, ``419``)."""
    return subtag.title() if len(subtag) == 4 else subtag.upper()
