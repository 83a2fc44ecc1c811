"""What the code needs to know about languages, in one table.

One :class:`Language` per language that differs from the usual case (spaced,
cased, left to right, no summary support): writing direction, whether words
and sentences are separated by spaces, whether sentences end in CJK
punctuation, whether the script has letter case (and a dotted capital İ), sumy's
name for its stop-word list, and the locales Argos names with a code of its own (``zt`` for
traditional Chinese, ``pb`` for Brazilian Portuguese). Locale codes are
parsed here and nowhere else (:func:`language_of`, :func:`posix_locale`).

The right-to-left set agrees with CLDR's character order (a test checks it
against babel); babel itself is not imported here, so this module stays light.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from confl10n.errors import UnsupportedLanguageError

Direction: TypeAlias = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True)
class Language:
    """The facts about one language code (ISO 639-1, or one of Argos's own codes)."""

    code: str
    direction: Direction = "ltr"
    spaced: bool = True  # False: no spaces between words or sentences
    cjk: bool = False  # sentences end in 。！？ (segmentation rules)
    cased: bool = True
    dotted_i: bool = False  # i and ı are two letters: i → İ, ı → I (Turkish, Azerbaijani)
    sumy: str | None = None  # sumy's stop-word list: summaries support the language
    argos_locales: tuple[str, ...] = ()  # locales Argos names by ``code``; the first is usual


def _rtl(code: str, sumy: str | None = None) -> Language:
    return Language(code, "rtl", cased=False, sumy=sumy)


_TABLE = (
    _rtl("ar", "arabic"),
    _rtl("arc"),
    _rtl("ckb"),
    _rtl("dv"),
    _rtl("fa"),
    _rtl("he", "hebrew"),
    _rtl("ps"),
    _rtl("sd"),
    _rtl("ug"),
    _rtl("ur"),
    _rtl("yi"),
    Language("zh", spaced=False, cjk=True, cased=False, sumy="chinese"),
    Language("zt", spaced=False, cjk=True, cased=False, argos_locales=("zh_TW", "zh_Hant")),
    Language("ja", spaced=False, cjk=True, cased=False, sumy="japanese"),
    Language("th", spaced=False, cased=False, sumy="thai"),
    Language("km", spaced=False, cased=False),
    Language("lo", spaced=False, cased=False),
    Language("my", spaced=False, cased=False),
    Language("ko", cased=False, sumy="korean"),
    Language("hi", cased=False),
    Language("pb", argos_locales=("pt_BR",)),
    Language("cs", sumy="czech"),
    Language("de", sumy="german"),
    Language("el", sumy="greek"),
    Language("en", sumy="english"),
    Language("es", sumy="spanish"),
    Language("fr", sumy="french"),
    Language("it", sumy="italian"),
    Language("pl", sumy="polish"),
    Language("pt", sumy="portuguese"),
    Language("sk", sumy="slovak"),
    Language("sv", sumy="swedish"),
    Language("tr", dotted_i=True),
    Language("az", dotted_i=True),
    Language("uk", sumy="ukrainian"),
)
LANGUAGES: dict[str, Language] = {language.code: language for language in _TABLE}

SUMY_NAMES: dict[str, str] = {
    code: facts.sumy for code, facts in sorted(LANGUAGES.items()) if facts.sumy
}
"""Language codes summaries support -> the name of sumy's bundled stop-word list."""

_ARGOS_CODES = {
    locale.lower(): code
    for locale, code in {
        **{locale: f.code for f in _TABLE for locale in f.argos_locales},
        "zh_HK": "zt",
        "zh_MO": "zt",
    }.items()
}  # lower-case "language_subtag" -> Argos code

_ISO_639_1_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
ARGOS_EXTRA = frozenset(f.code for f in _TABLE if f.argos_locales)
"""Argos's own language codes: ``zt`` (traditional Chinese), ``pb`` (Brazilian Portuguese)."""

_CODE = re.compile(r"([a-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*")


def facts(code: str) -> Language:
    """The facts about the language of ``code`` (a language code or a locale)."""
    language = language_of(code)
    return LANGUAGES.get(language) or Language(language)


def posix_locale(locale: str) -> str:
    """``locale`` in POSIX form, as the output folders name it: ``zh-CN`` -> ``zh_CN``."""
    return locale.strip().replace("-", "_")


def language_of(locale: str) -> str:
    """The lower-case language subtag of a POSIX or BCP 47 code: ``zh-Hant-TW`` -> ``zh``."""
    return posix_locale(locale).split("_", 1)[0].lower()


def bcp47(locale: str) -> str:
    """The locale as an HTML/XML language tag: ``zh_CN`` -> ``zh-CN``."""
    return locale.replace("_", "-")


def direction(locale: str) -> Direction:
    """``rtl`` for languages written right to left (Arabic, Hebrew, …), else ``ltr``."""
    return facts(locale).direction


def sentence_separator(locale: str) -> str:
    """What goes between two sentences: nothing in zh/ja/th/…, else a space."""
    return " " if facts(locale).spaced else ""


def sentence_start(text: str, locale: str) -> str:
    """``text`` as it reads opening a sentence in ``locale``'s language: its first letter in
    upper case (``un tercio`` -> ``Un tercio``; ``iki`` -> ``İki`` in Turkish), unchanged in
    scripts without letter case."""
    language = facts(locale)
    if not language.cased or not text[:1].islower():
        return text
    first = "İ" if language.dotted_i and text[0] == "i" else text[0].title()
    return first + text[1:]


def join_sentences(sentences: Sequence[str], locale: str) -> str:
    """Sentences of one paragraph as running text in ``locale``'s language."""
    return sentence_separator(locale).join(sentences)


def argos_language(locale: str) -> str:
    """The language code a translation into ``locale`` asks the engines for.

    Usually the locale's language (``de_DE`` -> ``de``); Argos's own codes
    where the locale needs them: traditional Chinese (``zh_TW``, ``zh-Hant``,
    ``zh_Hant_HK`` -> ``zt``) and Brazilian Portuguese (``pt-BR`` -> ``pb``), in
    any letter case. A script subtag decides over a region (``zh_Hans_TW`` -> ``zh``).
    """
    language, *subtags = posix_locale(locale).lower().split("_")
    scripts = [s for s in subtags if len(s) == 4 and s.isalpha()]
    for subtag in scripts or subtags:
        code = _ARGOS_CODES.get(f"{language}_{subtag}")
        if code is not None:
            return code
    return language


def argos_locale(code: str) -> str | None:
    """The usual locale of one of Argos's own codes (``zt`` -> ``zh_TW``), else None."""
    known = LANGUAGES.get(code)
    return known.argos_locales[0] if known and known.argos_locales else None


def code_label(code: str) -> str:
    """An engine language code as messages show it: Argos's own codes with their locale
    (``pb`` -> ``pb (pt_BR)``), others as they are.

    >>> code_label("pb"), code_label("es")
    ('pb (pt_BR)', 'es')
    """
    locale = argos_locale(code)
    return f"{code} ({locale})" if locale else code


def language_problem(code: str) -> str | None:
    """Why ``code`` is not a usable language code, or None when it is.

    ISO 639-1 codes and Argos's ``zt`` and ``pb`` are; a region or script
    subtag (``pt-BR``, ``zh_Hant``) is accepted after a known code.
    """
    match = _CODE.fullmatch(code)
    if match is None:
        return f"malformed language code {code!r}"
    if match.group(1) not in ISO_639_1 | ARGOS_EXTRA:
        return f"unknown language code {code!r}"
    return None


def language_code(code: str) -> str:
    """The language engines are asked for, from a language or a locale in any spelling:
    ``ES`` -> ``es``, ``es_ES`` -> ``es``, ``zh-Hant`` -> ``zt``, ``pt-BR`` -> ``pb``
    (:func:`argos_language`).

    Raises :class:`~confl10n.errors.UnsupportedLanguageError` if it is no language code.
    """
    normal = code.strip()
    problem = language_problem(normal.lower())
    if problem is not None:
        raise UnsupportedLanguageError(f"{problem}; use an ISO 639-1 code such as en, zh, ja")
    return argos_language(normal)
