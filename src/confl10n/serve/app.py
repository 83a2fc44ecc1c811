"""The HTTP API: LibreTranslate's endpoints, ``/v1/`` for the rest of confl10n, ``/health``.

FastAPI (and Starlette under it) is imported here and nowhere else, and this
module only by ``confl10n serve``. :func:`create_app` loads the engines once,
warms every model up and answers with JSON errors ``{"error": …}`` throughout,
with LibreTranslate's statuses: 400 bad input or a missing API key, 403 a wrong
key (or suggestions disabled), 413 a body too large, 429 busy, 500 a failed or
too slow job (never 503). Every response carries LibreTranslate's CORS headers.
OpenAPI documentation is served at ``/docs`` (and ``/openapi.json``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware

from confl10n._version import __version__
from confl10n.document import Article
from confl10n.errors import Confl10nError, ModelPackageError, OutputError, TranslationError
from confl10n.serve.cors import ALLOWED_HEADERS, ALLOWED_METHODS, MAX_AGE, EveryResponse
from confl10n.serve.files import Downloads, media_type, upload_format
from confl10n.serve.libre import (
    as_typed,
    detect_text,
    frontend_settings,
    guess_json,
    libre_languages,
    suggestion,
    translate_answer,
    translate_request,
)
from confl10n.serve.limits import (
    ASGIApp,
    BodyLimit,
    Gate,
    LoopErrors,
    RequestError,
    check_chars,
)
from confl10n.serve.schemas import (
    ArticleRequest,
    BulletinBody,
    FiguresBody,
    SummarizeBody,
    TranslateBody,
)
from confl10n.serve.settings import ServeSettings, from_environment, read_api_keys
from confl10n.serve.work import Service
from confl10n.summarize.options import SummaryOptions
from confl10n.text.decoding import clean_text

_T = TypeVar("_T")
_LOG = logging.getLogger("confl10n.serve")
_SERVER_FAULTS = (ModelPackageError, OutputError, TranslationError)
_JSON_TYPES = ("application/json",)
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True, slots=True)
class _State:
    settings: ServeSettings
    service: Service
    gate: Gate
    keys: frozenset[str] | None
    languages: list[dict[str, Any]]

    def check_key(self, key: Any, request: Request) -> None:
        """Nothing when the server wants no key or ``key`` (or the X-API-Key header) is
        one; else 400 for a missing (or empty) key, 403 for a wrong one (LibreTranslate's:
        Weblate stops using a service for 30 minutes after a 403)."""
        if self.keys is None:
            return
        given = key or request.headers.get("x-api-key")
        if not given:
            raise RequestError(400, "Please contact the server operator to get an API key")
        if not isinstance(given, str) or given not in self.keys:
            raise RequestError(403, "Invalid API key")

    def check_size(self, text: str) -> None:
        check_chars(len(text), self.settings.char_limit)

    async def run(self, job: Callable[[], _T]) -> _T:
        return await self.gate.run(job)


def create_app(settings: ServeSettings | None = None, *, service: Service | None = None) -> ASGIApp:
    """The ASGI app for ``settings`` (default: from ``confl10n serve``'s environment variable).

    Loads the engines and models now; raises Confl10nError when no engine is
    installed or the settings are wrong.
    """
    settings = (settings or from_environment()).check()
    service = service or Service(settings)
    service.engines.warm_up()
    gate = Gate(
        settings.concurrency, settings.queue,
        queue_timeout=settings.queue_timeout, timeout=settings.timeout,
    )  # fmt: skip
    keys = read_api_keys(settings.api_keys) if settings.api_keys else None
    state = _State(settings, service, gate, keys, libre_languages(service.languages))
    app = FastAPI(title="confl10n", version=__version__, lifespan=_lifespan(gate), description=_DOC)
    _errors(app)
    _libre(app, state)
    _files(app, state, Downloads.for_port(settings.port))
    _v1(app, state)
    return _cross_origin(BodyLimit(app, settings.max_body), settings.origins)


def _cross_origin(app: ASGIApp, origins: tuple[str, ...]) -> ASGIApp:
    """``app`` behind Starlette's CORS middleware (preflights, ``Origin`` requests) and,
    when any origin is allowed, LibreTranslate's headers on every response."""
    allowed: ASGIApp = CORSMiddleware(
        app, allow_origins=origins, allow_methods=ALLOWED_METHODS, allow_headers=ALLOWED_HEADERS,
        max_age=MAX_AGE,
    )  # fmt: skip
    return EveryResponse(allowed) if "*" in origins else allowed


_DOC = (
    "Offline translation with figures kept and checked, summaries and bulletins. "
    "`/translate`, `/languages`, `/detect` speak LibreTranslate's API; `/v1/` is confl10n's own."
)


def _lifespan(gate: Gate) -> Callable[[FastAPI], Any]:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        asyncio.get_running_loop().set_exception_handler(LoopErrors(_LOG))
        yield
        gate.close()  # uvicorn has let the requests in flight finish; so have their jobs now

    return lifespan


# --- errors ---------------------------------------------------------------------------------


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _errors(app: FastAPI) -> None:
    async def request_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestError)
        return _error(exc.status, exc.message)

    async def library_error(_request: Request, exc: Exception) -> JSONResponse:
        status = 500 if isinstance(exc, _SERVER_FAULTS) else 400
        if status == 500:
            _LOG.error("confl10n: %s", exc)
        return _error(status, str(exc))

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return _error(400, "Invalid request: " + "; ".join(_problems(exc.errors())))

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return _error(exc.status_code, str(exc.detail))

    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        _LOG.exception("confl10n: unexpected error", exc_info=exc)
        return _error(500, f"internal error ({type(exc).__name__})")

    app.add_exception_handler(RequestError, request_error)
    app.add_exception_handler(Confl10nError, library_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)


def _problems(errors: Iterable[Any]) -> list[str]:
    found = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        found.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return found or ["invalid body"]


# --- LibreTranslate ------------------------------------------------------------------------


async def _fields(request: Request) -> dict[str, Any]:
    """The request's fields from the query string, then a JSON or form body (as LibreTranslate)."""
    fields = _grouped(request.query_params.multi_items())
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if kind in _FORM_TYPES:
        form = await request.form()
        fields.update(_grouped((k, v) for k, v in form.multi_items() if isinstance(v, str)))
    elif kind in _JSON_TYPES or (body.strip() and not kind):
        fields.update(_json_object(body))
    return fields


def _grouped(items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Fields by name: a repeated one (``q=a&q=b``) becomes a list."""
    fields: dict[str, Any] = {}
    for key, value in items:
        if key in fields:
            previous = fields[key]
            fields[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[key] = value
    return fields


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(400, f"Invalid request: the body is not valid JSON ({exc})") from None
    except RecursionError:
        raise RequestError(400, "Invalid request: the JSON body is nested too deeply") from None
    if not isinstance(data, dict):
        raise RequestError(400, "Invalid request: the JSON body must be an object")
    return data


def _libre(app: FastAPI, state: _State) -> None:
    service, settings = state.service, state.settings
    limit = settings.char_limit

    @app.post("/translate", tags=["LibreTranslate"])
    async def translate(request: Request) -> JSONResponse:
        """Translate ``q`` (a string or a list) from ``source`` (or ``auto``) to ``target``."""
        fields = await _fields(request)
        state.check_key(fields.get("api_key"), request)
        asked = translate_request(fields, limit, alternatives_limit=settings.alternatives_limit)
        done = await state.run(
            lambda: service.translate_texts(
                asked.texts, asked.source, asked.target, html=asked.html, locale=asked.locale,
                alternatives=asked.alternatives,
            )
        )  # fmt: skip
        return JSONResponse(translate_answer(asked, done))

    @app.get("/languages", tags=["LibreTranslate"])
    async def languages() -> list[dict[str, Any]]:
        """The installed languages, each with the targets it can be translated to."""
        return state.languages

    @app.post("/detect", tags=["LibreTranslate"])
    async def detect(request: Request) -> list[dict[str, Any]]:
        """The language of ``q`` among every language the detector knows, with confidences."""
        fields = await _fields(request)
        state.check_key(fields.get("api_key"), request)
        text = detect_text(fields, limit)
        return [guess_json(g) for g in await state.run(lambda: service.detect(text))]

    @app.post("/suggest", tags=["LibreTranslate"])
    async def suggest(request: Request) -> dict[str, bool]:
        """Store ``s`` as the approved translation of ``q`` (with ``--suggestions``)."""
        if not settings.suggestions:
            raise RequestError(403, "Suggestions are disabled on this server.")
        fields = await _fields(request)
        state.check_key(fields.get("api_key"), request)
        text, suggested, source, target = suggestion(fields)
        await state.run(lambda: service.suggest(text, suggested, source, target))
        return {"success": True}

    @app.get("/frontend/settings", tags=["LibreTranslate"])
    async def frontend() -> dict[str, Any]:
        """What LibreTranslate's own web page asks for (some clients read ``charLimit``)."""
        return frontend_settings(settings, state.languages, key_required=state.keys is not None)

    @app.get("/health", tags=["confl10n"])
    async def health() -> dict[str, Any]:
        """``ok``, the engines loaded, the pairs they translate and the queue right now."""
        gate, engines = state.gate, service.engines
        return {
            "status": "ok", "version": __version__,
            "engines": [h.engine.name for h in engines.held], "unavailable": engines.problems,
            "pairs": [f"{a}->{b}" for a, b in engines.pairs],
            "running": gate.running, "waiting": gate.waiting,
            "slots": gate.slots, "queue": gate.queue, "batches": engines.batches(),
        }  # fmt: skip


def _files(app: FastAPI, state: _State, downloads: Downloads) -> None:
    @app.post("/translate_file", tags=["LibreTranslate"])
    async def translate_file(request: Request) -> dict[str, str]:
        """Translate an uploaded ``file`` (.txt, .md, .html, .docx) from ``source`` to
        ``target``: ``{"translatedFileUrl"}``, the same format, to download for a while."""
        fields, upload = await _upload(request)
        state.check_key(fields.get("api_key"), request)
        source, target = _language_field(fields, "source"), _language_field(fields, "target")
        suffix, fmt = upload_format(upload.filename)
        data = await upload.read()
        translated = await state.run(
            lambda: state.service.translate_file(data, fmt, suffix, source, target)
        )
        name = downloads.save(translated, suffix)
        return {"translatedFileUrl": str(request.url_for("download_file", name=name))}

    @app.get("/download_file/{name}", tags=["LibreTranslate"], name="download_file")
    async def download_file(name: str) -> Response:
        """A file ``/translate_file`` made (until it expires)."""
        data = downloads.read(name)
        disposition = f'attachment; filename="translated{Path(name).suffix}"'
        headers = {"Content-Disposition": disposition}
        return Response(data, media_type=media_type(name), headers=headers)


async def _upload(request: Request) -> tuple[dict[str, Any], UploadFile]:
    """The form's fields (and the query string's) and its ``file``; 400 without one."""
    fields = _grouped(request.query_params.multi_items())
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise RequestError(400, "Invalid request: send the file as multipart/form-data")
    form = await request.form()
    fields.update(_grouped((k, v) for k, v in form.multi_items() if isinstance(v, str)))
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise RequestError(400, "Invalid request: missing file parameter")
    return fields, upload


def _language_field(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    if not isinstance(value, str) or not value.strip():
        raise RequestError(400, f"Invalid request: missing {name} parameter")
    return as_typed(value)


# --- /v1/ ------------------------------------------------------------------------------------


def _article(body: ArticleRequest) -> Article:
    from confl10n.localize.target import article_language
    from confl10n.text.reader import parse_text

    text = clean_text(body.text)
    return parse_text(
        text,
        lang=article_language(body.source),
        markdown=body.markdown,
        source_name="<request>",
        keep_boilerplate=body.keep_boilerplate,
    )


def _v1(app: FastAPI, state: _State) -> None:
    service = state.service

    async def accepted(body: ArticleRequest, request: Request) -> None:
        state.check_key(body.api_key, request)
        state.check_size(body.text)

    @app.post("/v1/translate", tags=["confl10n"])
    async def translate(body: TranslateBody, request: Request) -> dict[str, Any]:
        """The article's units with IDs, the numeric QA findings and the provenance."""
        await accepted(body, request)
        return await state.run(
            lambda: service.translation_json(
                service.translate(
                    _article(body), body.target, locale=body.locale,
                    quantities=body.protect_numbers,
                )
            )
        )  # fmt: skip

    @app.post("/v1/summarize", tags=["confl10n"])
    async def summarize(body: SummarizeBody, request: Request) -> dict[str, Any]:
        """Each section's summary sentences (IDs, texts, scores) and the lede."""
        await accepted(body, request)
        options = SummaryOptions(
            algorithm=body.algorithm, sentences=body.sentences, ratio=body.ratio, lede=body.lede
        )
        return await state.run(lambda: service.summarize(_article(body), options))

    @app.post("/v1/figures", tags=["confl10n"])
    async def figures(body: FiguresBody, request: Request) -> dict[str, Any]:
        """Every figure of the article, what it means, and each locale's way of writing it."""
        await accepted(body, request)

        return await state.run(
            lambda: service.figures(
                _article(body), body.locales, reference_date=body.reference_date
            )
        )

    @app.post("/v1/bulletin", tags=["confl10n"])
    async def bulletin(body: BulletinBody, request: Request) -> dict[str, Any]:
        """``{"slug", "warnings", "bundles": {locale: bundle.json}}``, as ``build`` makes them."""
        await accepted(body, request)
        result: dict[str, Any] = await state.run(
            lambda: service.bulletin(_article(body), body.locales, slug=body.slug)
        )
        return result
