"""LibreTranslate's request fields and answers, without the web framework.

LibreTranslate reads ``q``, ``source``, ``target``, ``format``, ``api_key`` and
``alternatives`` from a JSON body, a form body or the query string alike;
:func:`translate_request` checks them the way it does and says what is wrong
in its words ("Invalid request: missing q parameter"), as a :class:`RequestError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from confl10n.serve.detect import Guess
from confl10n.serve.files import SUFFIXES
from confl10n.serve.limits import RequestError, check_chars
from confl10n.serve.settings import ServeSettings
from confl10n.serve.work import AUTO, Translated

FORMATS = ("text", "html")
LIBRE_CODES = {"zh": "zh-Hans", "zt": "zh-Hant", "pb": "pt-BR"}
"""How LibreTranslate 1.9 lists the languages Argos codes ``zh``, ``zt`` and ``pb``."""
FRONTEND_TIMEOUT_MS = 500
"""LibreTranslate's default pause (ms) before its page translates what is typed."""


@dataclass(frozen=True, slots=True)
class TranslateRequest:
    """A checked ``/translate`` request; ``texts`` has one item unless ``q`` was a list."""

    texts: tuple[str, ...]
    batch: bool
    source: str
    target: str
    html: bool
    alternatives: int
    locale: str | None


def translate_request(
    fields: Mapping[str, Any], char_limit: int, *, alternatives_limit: int = 3
) -> TranslateRequest:
    """The request in ``fields``, or RequestError 400: a missing or bad field, a text
    over ``char_limit`` characters (each text counts alone, as in LibreTranslate), or
    more than ``alternatives_limit`` alternatives."""
    texts, batch = _texts(fields.get("q"))
    source, target = _required(fields, "source"), _required(fields, "target")
    fmt = str(fields.get("format") or "text")
    if fmt not in FORMATS:
        raise RequestError(400, f"Invalid request: format must be text or html, not {fmt!r}")
    for text in texts:
        check_chars(len(text), char_limit)
    locale = fields.get("locale")
    return TranslateRequest(
        texts, batch, as_typed(source), as_typed(target), fmt == "html",
        alternatives_count(fields.get("alternatives"), alternatives_limit),
        str(locale) if locale else None,
    )  # fmt: skip


def as_typed(code: str) -> str:
    """A ``source`` or ``target`` field as the user spelled it (so messages quote it as
    typed: ``es_XX``), only ``auto`` in any case read as ``auto``."""
    stripped = code.strip()
    return AUTO if stripped.lower() == AUTO else stripped


def suggestion(fields: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """``(q, s, source, target)`` of a ``/suggest`` request; RequestError 400 for a
    missing one (LibreTranslate's fields: ``s`` is the suggested translation of ``q``)."""
    q, s = _required(fields, "q"), _required(fields, "s")
    return q, s, _required(fields, "source").strip(), _required(fields, "target").strip()


def detect_text(fields: Mapping[str, Any], char_limit: int) -> str:
    """The text of a ``/detect`` request (a list is read as its lines joined);
    RequestError 400 when it is missing or over ``char_limit`` characters."""
    texts, _ = _texts(fields.get("q"))
    text = "\n".join(texts)
    check_chars(len(text), char_limit)
    return text


def translate_answer(request: TranslateRequest, done: Translated) -> dict[str, Any]:
    """``{"translatedText": …}`` (a list for a list), ``detectedLanguage`` for ``auto``,
    ``alternatives`` when asked for (the engine's other hypotheses; none from an
    engine without them), and our ``qa``."""

    def pick(values: list[Any]) -> Any:
        return values if request.batch else values[0]

    answer: dict[str, Any] = {"translatedText": pick(done.texts)}
    if request.source == AUTO:
        answer["detectedLanguage"] = pick([guess_json(g) for g in done.detected if g])
    if request.alternatives:
        answer["alternatives"] = pick(done.alternatives)
    answer["qa"] = {"locale": done.locale, "findings": pick(done.findings)}
    return answer


def libre_code(code: str) -> str:
    """A language code as LibreTranslate 1.9 writes it: ``zh`` -> ``zh-Hans``, ``zt`` ->
    ``zh-Hant``, ``pb`` -> ``pt-BR``; others as they are."""
    return LIBRE_CODES.get(code, code)


def guess_json(guess: Guess) -> dict[str, Any]:
    """``{"confidence", "language"}`` of a detected language, LibreTranslate's shape."""
    return {"confidence": guess.confidence, "language": libre_code(guess.language)}


def libre_languages(reach: Mapping[str, list[str]]) -> list[dict[str, Any]]:
    """``/languages``: ``[{"code", "name", "targets"}]`` for every installed language
    (source or target), codes as :func:`libre_code` writes them, sorted by code."""
    from confl10n.localize.formatting import language_name

    codes = sorted({*reach, *(t for targets in reach.values() for t in targets)})
    return sorted(
        (
            {"code": libre_code(c), "name": language_name(c),
             "targets": sorted(libre_code(t) for t in reach.get(c, []))}
            for c in codes
        ),
        key=lambda entry: entry["code"],
    )  # fmt: skip


def frontend_settings(
    settings: ServeSettings, languages: list[dict[str, Any]], *, key_required: bool
) -> dict[str, Any]:
    """``/frontend/settings`` with LibreTranslate's fields; the page's default pair is
    ``auto`` into the first language some installed language translates into."""
    target = next((t for entry in languages for t in entry["targets"]), languages[0]["code"])
    names = {entry["code"]: entry["name"] for entry in languages}
    return {
        "charLimit": settings.char_limit, "frontendTimeout": FRONTEND_TIMEOUT_MS,
        "apiKeys": key_required, "keyRequired": key_required,
        "suggestions": settings.suggestions, "filesTranslation": True,
        "supportedFilesFormat": list(SUFFIXES),
        "language": {
            "source": {"code": AUTO, "name": "Auto Detect"},
            "target": {"code": target, "name": names.get(target, target)},
        },
    }  # fmt: skip


def _texts(q: Any) -> tuple[tuple[str, ...], bool]:
    if isinstance(q, list):
        if not q or not all(isinstance(item, str) for item in q):
            raise RequestError(400, "Invalid request: q must be a string or a list of strings")
        return tuple(q), True
    if not isinstance(q, str) or not q.strip():
        raise RequestError(400, "Invalid request: missing q parameter")
    return (q,), False


def _required(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if not isinstance(value, str) or not value.strip():
        raise RequestError(400, f"Invalid request: missing {name} parameter")
    return value


def alternatives_count(value: Any, limit: int) -> int:
    """How many alternatives a request asks for: below 0 counts as 0, as in
    LibreTranslate; RequestError 400 for no whole number or more than ``limit``."""
    try:
        count = max(0, int(value or 0))
    except (TypeError, ValueError):
        message = "Invalid request: alternatives parameter is not a number"
        raise RequestError(400, message) from None
    if count > limit:
        message = f"Invalid request: alternatives parameter must be <= {limit}"
        raise RequestError(400, message)
    return count
