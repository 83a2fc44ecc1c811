"""The blocking jobs behind the endpoints, built on the library's public functions.

:class:`Service` holds what one server process shares: the engines (loaded once),
the language detector and one translation cache connection per worker thread
(SQLite connections stay in their thread; every connection opens the same file,
so the cache is shared by all threads and worker processes). Every method
runs in a worker thread and raises :class:`~confl10n.errors.Confl10nError` on bad input.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from confl10n.building.files import translated_text
from confl10n.document import Article
from confl10n.errors import InputError, InvalidOptionError, UnsupportedLanguageError
from confl10n.languages import language_code
from confl10n.serve.batching import BatchingEngine
from confl10n.serve.detect import Detector, Guess
from confl10n.serve.engines import EngineHolder
from confl10n.serve.settings import ServeSettings
from confl10n.serve.texts import Batch, plain_batch
from confl10n.summarize.options import SummaryOptions
from confl10n.text.decoding import clean_text
from confl10n.translate.cache import TranslationCache
from confl10n.translate.engine import Engine, HypothesesEngine
from confl10n.translate.results import ArticleTranslation

if TYPE_CHECKING:
    from confl10n.localize.target import LocaleTarget

JSON = dict[str, Any]
AUTO = "auto"
LIBRE_FINDING = ("problem", "source", "target", "expected", "message")
"""What ``/translate`` tells of a QA finding (its spans and unit IDs are the server's own)."""


@dataclass(frozen=True, slots=True)
class Translated:
    """Each request text translated, with what was detected and the QA findings per text."""

    texts: list[str]
    detected: list[Guess | None]
    findings: list[list[JSON]]
    locale: str | None
    alternatives: list[list[str]]


class Service:
    """One process's engines, detector and cache; see the module docstring."""

    def __init__(self, settings: ServeSettings, holder: EngineHolder | None = None) -> None:
        self.settings = settings
        self.options = settings.translation
        self.engines = holder or EngineHolder(
            self.options, max_batch_tokens=settings.max_batch_tokens, batch_wait=settings.batch_wait
        )
        self.languages = self.engines.languages()
        self.detector = Detector(settings.detection)
        self._local = threading.local()
        if settings.cache_choice is not False:
            self._open_cache().close()  # a bad --cache fails now, not on the first request

    def cache(self) -> TranslationCache | bool:
        """This thread's connection to the shared cache (False: no cache)."""
        if self.settings.cache_choice is False:
            return False
        if getattr(self._local, "cache", None) is None:
            self._local.cache = self._open_cache()
        cache: TranslationCache = self._local.cache
        return cache

    def _open_cache(self) -> TranslationCache:
        choice = self.settings.cache_choice
        return TranslationCache.open_default() if choice is True else TranslationCache(str(choice))

    def translate_texts(
        self, texts: Sequence[str], source: str, target: str, *, html: bool = False,
        locale: str | None = None, alternatives: int = 0,
    ) -> Translated:  # fmt: skip
        """LibreTranslate's ``/translate``: each text (plain or HTML) from ``source``
        (a code or ``auto``) to ``target`` (a language or locale in any spelling: ``zh-Hant``,
        ``pt-BR``), figures protected and checked, with up to ``alternatives`` other
        translations of each plain text where the engine has them.

        Raises UnsupportedLanguageError ``xx is not supported`` for a language no
        installed engine translates from or to (also one ``auto`` detected),
        EngineUnavailableError for a pair no engine reaches."""
        target, locale = self._target(target, locale, source)
        source = source if source == AUTO else self._source(source, target)
        cleaned = [clean_text(t) for t in texts]
        detected = [self._detected(t, source, target) for t in cleaned]
        if html:
            return self._translate_html(cleaned, source, target, locale, detected)
        runs = [[t] for t in cleaned]
        out: list[list[str]] = [[] for _ in texts]
        findings: list[list[JSON]] = [[] for _ in texts]
        others: list[list[str]] = [[] for _ in texts]
        found_locale = None
        for lang, indexes in self._by_source(source, detected).items():
            flat = [run for i in indexes for run in runs[i]]
            done, by_run, found_locale = self._translate_runs(flat, lang, target, locale)
            _spread(indexes, runs, done, by_run, out, findings)
            if alternatives:
                self._alternatives(indexes, flat, (lang, target), locale, alternatives, others)
        joined = [o[0] for o in out]
        others = [[a for a in alts if a != text] for alts, text in zip(others, joined, strict=True)]
        _mark_unchanged(detected, findings, target)
        return Translated(joined, detected, findings, found_locale, others)

    def _translate_html(
        self, texts: list[str], source: str, target: str, locale: str | None,
        detected: list[Guess | None],
    ) -> Translated:  # fmt: skip
        """Each HTML text read as HTML (:mod:`confl10n.text.html`), so a sentence is
        translated whole whatever tags are inside it, and written back in place with its
        inline tags on the words they covered (:mod:`confl10n.building.files`)."""
        out, found_locale = list(texts), None
        findings: list[list[JSON]] = [[] for _ in texts]
        for index, text in enumerate(texts):
            guess = detected[index]
            article = _html_article(text, guess.language if guess else language_code(source))
            if article is not None:
                result = self.translate(article, target, locale=locale)
                out[index] = translated_text(result, markup=True, set_lang=False)
                findings[index] = [_finding_json(f) for f in result.findings]
                found_locale = result.locale
        _mark_unchanged(detected, findings, target)
        return Translated(out, detected, findings, found_locale, [[] for _ in texts])

    @property
    def targets(self) -> frozenset[str]:
        """Every language some installed engine translates into."""
        return frozenset(t for targets in self.languages.values() for t in targets)

    def _target(self, typed: str, locale: str | None, source: str) -> tuple[str, str]:
        """The engine language and the locale a target spelled any way asks for (``zh-Hant``
        -> zt, zh_TW; ``es-419`` -> es, es_419). Unless an installed engine translates into
        it: ``xx is not supported``, naming the pair in the engine's codes after a colon
        (``zh-Hant is not supported: no installed model translates en->zt``)."""
        chosen = self._locale_target(typed)
        if chosen.language not in self.targets:
            raise UnsupportedLanguageError(f"{typed} is not supported{self._why(source, chosen)}")
        return chosen.language, locale or chosen.locale

    def _why(self, source: str, chosen: LocaleTarget) -> str:
        """``: no installed model translates en->xx`` for a known source, else nothing."""
        if source == AUTO:
            return ""
        pair = f"{self._locale_target(source).language}->{chosen.language}"
        return f": no installed model translates {pair}"

    def _source(self, typed: str, target: str) -> str:
        """The engine language of a source spelled any way (text already in the target
        language passes through even when no engine translates from it)."""
        language = self._locale_target(typed).language
        return language if language == target else self.check_language(language, self.languages)

    def _locale_target(self, typed: str) -> LocaleTarget:
        from confl10n.localize.target import locale_target

        try:
            return locale_target(typed, style_dir=self.options.style_dir)
        except InvalidOptionError as exc:
            # LibreTranslate's words first, then the CLI's reason and close matches
            raise UnsupportedLanguageError(f"{typed} is not supported: {exc}") from exc

    @staticmethod
    def check_language(code: str, known: frozenset[str] | dict[str, list[str]]) -> str:
        """``code`` as a language code; UnsupportedLanguageError ``xx is not supported``
        unless it is one of ``known``."""
        normal = code.strip().lower()
        if normal not in known:
            raise UnsupportedLanguageError(f"{code} is not supported")
        return language_code(normal)

    def _detected(self, text: str, source: str, target: str) -> Guess | None:
        if source != AUTO:
            if source.strip().lower() != target:
                self.check_language(source, self.languages)
            return None
        return self.auto_source(text, target)

    def auto_source(self, text: str, target: str) -> Guess:
        """What ``source=auto`` takes ``text`` to be written in, to translate it into
        ``target`` (an engine language): the detector's pick among the languages an
        installed engine translates into ``target`` (:meth:`Detector.source`), for
        ``/translate`` and ``/translate_file`` alike. Raises UnsupportedLanguageError
        ``xx is not supported`` when the text is in a language none translates."""
        return self.detector.source(
            text, target, lambda s: self.engines.path(s, target) is not None
        )

    def translate_file(self, data: bytes, fmt: str, suffix: str, source: str, target: str) -> bytes:
        """LibreTranslate's ``/translate_file``: ``data`` read as ``fmt``, translated from
        ``source`` (a code, or ``auto``: :meth:`auto_source` of its first sentences) into
        ``target`` (any spelling), written back in ``suffix``'s format.

        Raises InputError for a file that cannot be read, and as :meth:`translate` and
        :func:`~confl10n.building.files.translated_file` do."""
        from confl10n.building.files import translated_file
        from confl10n.text.reader import parse_bytes

        language, locale = self._target(target, None, source)
        article = parse_bytes(data, source_name="file", input_format=fmt)
        if source == AUTO:
            source = self._file_source(article, language)
        else:
            source = self._source(source, language)
        result = self.translate(replace(article, lang=source), target, locale=locale)
        return translated_file(result, data, suffix=suffix)

    def _file_source(self, article: Article, language: str) -> str:
        """``source=auto``'s language of an uploaded file: of its first 20 sentences."""
        text = clean_text(" ".join(s.text for s in article.sentences[:20]))
        return self.auto_source(text, language).language

    def _alternatives(
        self, indexes: list[int], texts: list[str], pair: tuple[str, str], locale: str | None,
        count: int, others: list[list[str]],
    ) -> None:  # fmt: skip
        """Each text's next ``count`` translations (none from an engine without n-best lists
        or for text already in the target language)."""
        from confl10n.translate.alternatives import NBest, RankedEngine

        engine = self.engines.engines.get(self.engines.pick(*pair)) if pair[0] != pair[1] else None
        if isinstance(engine, BatchingEngine):  # n-best lists come from the engine itself
            engine = engine.inner
        if not isinstance(engine, HypothesesEngine):
            return
        nbest, batch = NBest(engine, count + 1), plain_batch(texts, pair[0])
        for rank in range(1, count + 1 if batch.places else 1):
            ranked_engine = RankedEngine(nbest, rank)
            result = self.translate(batch.article, pair[1], locale=locale, engine=ranked_engine)
            ranked = batch.reassemble({u.id: u.target for u in result.units}, target=pair[1])
            for index, text in zip(indexes, ranked, strict=True):
                if text not in others[index]:
                    others[index].append(text)

    def _translate_runs(
        self, runs: list[str], source: str, target: str, locale: str | None
    ) -> tuple[list[str], list[list[JSON]], str | None]:
        batch = plain_batch(runs, source)
        if not batch.places:
            return list(runs), [[] for _ in runs], None
        result = self.translate(batch.article, target, locale=locale)
        texts = batch.reassemble({u.id: u.target for u in result.units}, target=result.target)
        return texts, _findings_by_text(batch, result), result.locale

    def translate(
        self, article: Article, target: str, *, locale: str | None = None, quantities: bool = True,
        engine: Engine | None = None,
    ) -> ArticleTranslation:  # fmt: skip
        """The article translated with this process's engines and cache (library pipeline);
        ``target`` is a language or locale in any spelling, resolved once; with ``engine``,
        by that engine and without the cache (it is not the engine's best)."""
        from confl10n.localize.target import locale_target
        from confl10n.translate.article import translate_article

        language_code(target)  # not even a language: the error it always was
        chosen = locale_target(target, locale=locale, style_dir=self.options.style_dir)
        source = language_code(article.lang)
        name = self.engines.pick(source, chosen.language) if source != chosen.language else None
        options = replace(self.options, engine=name, protect_numbers=quantities)
        return translate_article(
            article, to=chosen, options=options, engines=self.engines.engines,
            engine=engine, cache=self.cache() if engine is None else False,
        )  # fmt: skip

    def detect(self, text: str) -> list[Guess]:
        """LibreTranslate's ``/detect``: every language lingua knows that ``text`` may be in,
        most likely first."""
        return self.detector.detect(clean_text(text))

    def suggest(self, text: str, suggestion: str, source: str, target: str) -> None:
        """Store ``suggestion`` as the approved translation of ``text`` (a sentence, a
        heading or a title) from ``source`` into ``target``: every later translation
        of that text, by this server or by ``build`` with the same cache, uses it.

        Raises UnsupportedLanguageError for a bad code, InvalidOptionError without a cache,
        OutputError when the cache cannot be written."""
        cache = self.cache()
        if not isinstance(cache, TranslationCache):
            raise InvalidOptionError("suggestions need the translation cache (no --no-cache)")
        pair = (self._locale_target(source).language, self._locale_target(target).language)
        cache.put_approved(
            *pair, clean_text(text).strip(), clean_text(suggestion).strip(), origin="suggest"
        )

    def _by_source(self, source: str, detected: list[Guess | None]) -> dict[str, list[int]]:
        """The indexes of the texts by source language (each its own with ``auto``)."""
        groups: dict[str, list[int]] = defaultdict(list)
        for index, guess in enumerate(detected):
            groups[guess.language if guess else language_code(source)].append(index)
        return groups

    def summarize(self, article: Article, options: SummaryOptions) -> JSON:
        """The article's section summaries and lede, as the CLI's JSON (``summarize_sections``)."""
        from confl10n.summarize import summarize_sections

        summary: JSON = asdict(summarize_sections(article, options))
        return summary

    def figures(
        self, article: Article, locales: Sequence[str], *, reference_date: date | None = None
    ) -> JSON:
        """``confl10n figures --format json``'s document for the article: every figure of
        its prose (not its code or URLs) and how each of ``locales`` writes it."""
        from confl10n.figures.rows import figure_rows, figures_document

        style_dir = self.options.style_dir
        rows = figure_rows(article, locales, style_dir=style_dir, reference_date=reference_date)
        return figures_document(rows, locales)

    def translation_json(self, translation: ArticleTranslation) -> JSON:
        """The CLI's ``translate --format json`` document for one translation."""
        from confl10n.translate.render import render_json  # translate --format json, as is

        document: JSON = json.loads(render_json([translation]))
        return document

    def bulletin(self, article: Article, locales: Sequence[str], *, slug: str | None) -> JSON:
        """Each locale's ``bundle.json`` (the source language's too), as ``build`` writes it."""
        from confl10n.serve.bulletin import bundles, server_translation

        made: JSON = bundles(server_translation(self.translate), article, locales, slug=slug)
        return made


def _spread(
    indexes: list[int], runs: list[list[str]], done: list[str], by_run: list[list[JSON]],
    out: list[list[str]], findings: list[list[JSON]],
) -> None:  # fmt: skip
    """Hand a group's translated runs (and their findings) back to the texts they came from."""
    position = 0
    for index in indexes:
        count = len(runs[index])
        out[index] = done[position : position + count]
        findings[index] = [f for found in by_run[position : position + count] for f in found]
        position += count


def _mark_unchanged(detected: list[Guess | None], findings: list[list[JSON]], target: str) -> None:
    """Add the finding that says a text came back as sent (detected in the target language)."""
    for guess, found in zip(detected, findings, strict=True):
        if guess is not None and guess.language == target:
            message = f"detected as {target} ({guess.confidence:g}%), the target: returned as sent"
            found.append({"problem": "unchanged", "source": None, "target": target,
                          "expected": None, "message": message})  # fmt: skip


def _findings_by_text(batch: Batch, result: ArticleTranslation) -> list[list[JSON]]:
    owner = {place.id: place.text for place in batch.places}
    found: list[list[JSON]] = [[] for _ in batch.texts]
    for finding in result.findings:
        if finding.sentence_id in owner:
            found[owner[finding.sentence_id]].append(_finding_json(finding))
    return found


def _finding_json(finding: Any) -> JSON:
    return {key: getattr(finding, key) for key in LIBRE_FINDING}


def _html_article(text: str, lang: str) -> Article | None:
    """An HTML text as an article; None when it has no text to translate."""
    from confl10n.text.reader import parse_text

    try:
        return parse_text(text, lang=lang, input_format="html", source_name="<request>")
    except InputError:
        return None
