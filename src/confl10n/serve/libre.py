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

from confl10n.serve.limits import RequestError, check_chars
from confl10n.serve.work import AUTO, Translated

FORMATS = ("text", "html")


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


def translate_request(fields: Mapping[str, Any], char_limit: int) -> TranslateRequest:
    """The request in ``fields``, or RequestError 400 (bad field) / 413 (too much text)."""
    texts, batch = _texts(fields.get("q"))
    source, target = _required(fields, "source"), _required(fields, "target")
    fmt = str(fields.get("format") or "text")
    if fmt not in FORMATS:
        raise RequestError(400, f"Invalid request: format must be text or html, not {fmt!r}")
    check_chars(sum(len(t) for t in texts), char_limit)
    locale = fields.get("locale")
    return TranslateRequest(
        texts, batch, source.strip().lower(), target.strip().lower(), fmt == "html",
        _count(fields.get("alternatives")), str(locale) if locale else None,
    )  # fmt: skip


def detect_text(fields: Mapping[str, Any], char_limit: int) -> str:
    """The text of a ``/detect`` request (a list is read as its lines joined)."""
    texts, _ = _texts(fields.get("q"))
    text = "\n".join(texts)
    check_chars(len(text), char_limit)
    return text


def translate_answer(request: TranslateRequest, done: Translated) -> dict[str, Any]:
    """``{"translatedText": …}`` (a list for a list), ``detectedLanguage`` for ``auto``,
    ``alternatives`` when asked for (none: one engine output each), and our ``qa``."""

    def pick(values: list[Any]) -> Any:
        return values if request.batch else values[0]

    answer: dict[str, Any] = {"translatedText": pick(done.texts)}
    if request.source == AUTO:
        answer["detectedLanguage"] = pick([_guess(g) for g in done.detected])
    if request.alternatives:
        answer["alternatives"] = pick([[] for _ in done.texts])
    answer["qa"] = {"locale": done.locale, "findings": pick(done.findings)}
    return answer


def _guess(guess: Any) -> dict[str, Any]:
    return {"confidence": guess.confidence, "language": guess.language}


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


def _count(value: Any) -> int:
    try:
        count = int(value or 0)
    except (TypeError, ValueError):
        raise RequestError(400, "Invalid request: alternatives must be a whole number") from None
    if not 0 <= count <= 3:
        raise RequestError(400, "Invalid request: alternatives must be between 0 and 3")
    return count
