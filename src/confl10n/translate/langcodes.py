"""Language codes a model package may declare.

Argos packages name languages by ISO 639-1 code, plus two codes of its own:
``zt`` (Chinese, traditional script) and ``pb`` (Portuguese, Brazil). A region
or script subtag (``pt-BR``, ``zh_Hant``) is accepted after a known code.
"""

from __future__ import annotations

import re

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
ARGOS_EXTRA = frozenset({"pb", "zt"})

_CODE = re.compile(r"([a-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*")


def language_problem(code: str) -> str | None:
    """Why ``code`` is not a usable language code, or None when it is."""
    match = _CODE.fullmatch(code)
    if match is None:
        return f"malformed language code {code!r}"
    if match.group(1) not in ISO_639_1 | ARGOS_EXTRA:
        return f"unknown language code {code!r}"
    return None


_ARGOS_FOR_LOCALE = {"zh_TW": "zt", "zh_HK": "zt", "zh_MO": "zt", "zh_Hant": "zt", "pt_BR": "pb"}


def language_for_locale(locale: str) -> str:
    """The language code a translation into ``locale`` asks the engines for.

    Usually the locale's language (``de_DE`` -> ``de``); Argos's own codes
    where the locale needs them: traditional Chinese (``zh_TW`` -> ``zt``)
    and Brazilian Portuguese (``pt_BR`` -> ``pb``).
    """
    normal = locale.replace("-", "_")
    if normal in _ARGOS_FOR_LOCALE:
        return _ARGOS_FOR_LOCALE[normal]
    return normal.split("_", 1)[0].lower()
