"""``translate_article``: the public entry, where translation meets the figures.

The pipeline (:mod:`confl10n.translate.pipeline`) knows only the
:class:`~confl10n.translate.pipeline.SentenceWrapper` protocol; this is the
one place the default wrapper, number protection
(:class:`~confl10n.figures.wrapper.QuantityWrapper`), is composed with it, and
where the numeric QA of the final texts is run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.figures.wrapper import Figures
from confl10n.languages import argos_language, language_code
from confl10n.localize.target import LocaleTarget, locale_target
from confl10n.text.html import page_texts
from confl10n.text.inline import needs_alignment, prose_only, span_words_missing, words_article
from confl10n.translate.engine import AligningEngine
from confl10n.translate.engines import Engines
from confl10n.translate.options import TranslateOptions
from confl10n.translate.pipeline import translate_units
from confl10n.translate.verbatim import prose_targets, protect_verbatim

if TYPE_CHECKING:
    from confl10n.document import Article
    from confl10n.translate.cache import TranslationCache
    from confl10n.translate.engine import Engine
    from confl10n.translate.pipeline import Progress, SentenceWrapper
    from confl10n.translate.results import ArticleTranslation


def translate_article(
    article: Article,
    *,
    to: str | LocaleTarget,
    source: str | None = None,
    locale: str | None = None,
    options: TranslateOptions | None = None,
    engine: Engine | None = None,
    engines: Engines | None = None,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
    wrapper: SentenceWrapper | None = None,
) -> ArticleTranslation:
    """Translate every unit of ``article`` from ``source`` (default: its language) to ``to``.

    ``to`` is a :class:`~confl10n.localize.target.LocaleTarget`, or a language or
    locale in any spelling (``es``, ``es_ES``, ``zh-Hant``, ``pt-BR``), resolved once
    with :func:`~confl10n.localize.target.locale_target`.

    ``options`` say how (:class:`~confl10n.translate.options.TranslateOptions`;
    default: ``auto``, figures protected). ``engine`` is an engine object to
    use instead (e.g. from :func:`~confl10n.translate.registry.get_engine`, to
    reuse its loaded models); ``engines`` are a run's engines to reuse across
    calls. ``cache`` is ``True`` (the user cache), ``False``, a path or an
    open cache. Figures are written in ``locale``'s style (default: the
    target's CLDR locale, zh -> zh_CN); a ``wrapper`` replaces number
    protection. The result holds the numeric QA findings of the final texts.

    Raises :class:`~confl10n.errors.UnsupportedLanguageError` for a code that is
    no language, :class:`~confl10n.errors.InvalidOptionError` for a bad locale or
    option, :class:`~confl10n.errors.EngineUnavailableError` when no installed
    model can do the pair, :class:`~confl10n.errors.TranslationError` when the
    engine fails, :class:`~confl10n.errors.OutputError` when the cache cannot be opened.
    """
    options = options or TranslateOptions()
    chosen = _target(to, locale, options)
    run = _Run(
        article, language_code(source or article.lang), chosen,
        Figures(prose_only(article), chosen.language, chosen.locale, options.style_dir),
        _engines(options, engine, engines),
        engine.name if engine is not None else options.engine_choice, cache, options,
    )  # fmt: skip
    checked = _checked(_translated(run, progress, wrapper), run.figures, chosen)
    return _with_words_alone(run, _aligned(checked, run.engines, run.choice))


@dataclass(frozen=True, slots=True)
class _Run:
    """What one :func:`translate_article` call resolved: the article, the languages, the
    figures, the engines (and the one chosen), the cache and the options."""

    article: Article
    source: str
    chosen: LocaleTarget
    figures: Figures
    engines: Engines
    choice: str
    cache: TranslationCache | str | Path | bool
    options: TranslateOptions


def _translated(
    run: _Run, progress: Progress | None, wrapper: SentenceWrapper | None
) -> ArticleTranslation:
    """Every unit through the engine: code and URLs never reach it, and figures are
    protected inside that (``wrapper`` instead of number protection, if given)."""
    protect = wrapper or (run.figures.wrapper() if run.options.protect_numbers else None)
    return translate_units(
        run.article, source=run.source, target=run.chosen.language, engine=run.choice,
        engines=run.engines, cache=run.cache, progress=progress,
        wrapper=protect_verbatim(run.article, protect),
    )  # fmt: skip


def _with_words_alone(run: _Run, checked: ArticleTranslation) -> ArticleTranslation:
    """``checked`` with the texts it needs translated one by one (:func:`_to_translate_alone`)."""
    texts = _to_translate_alone(run.article, checked)
    if not texts or checked.source == checked.target:
        return checked
    alone = words_article(texts, run.article.lang)
    figures = Figures(alone, run.chosen.language, run.figures.locale, run.options.style_dir)
    done = translate_units(
        alone, source=run.source, target=run.chosen.language, engines=run.engines,
        cache=run.cache, engine=run.choice,
        wrapper=figures.wrapper() if run.options.protect_numbers else None,
    )  # fmt: skip
    pairs = zip(texts, done.units, strict=True)  # words translated to nothing help nobody
    return replace(
        checked, translated_alone=tuple((t, u.target) for t, u in pairs if not u.missing)
    )


def _aligned(translation: ArticleTranslation, engines: Engines, choice: str) -> ArticleTranslation:
    """The translation with the word alignments of the units :func:`needs_alignment` names,
    when the pair's engine translates it directly and can align."""
    targets = {u.id: u.target for u in translation.units}
    units = [
        u for u in translation.article.units()
        if u.id in targets and needs_alignment(u.text, targets[u.id], u.spans)
    ]  # fmt: skip
    if not units or translation.source == translation.target:
        return translation
    chosen, path = engines.pick(choice, translation.source, translation.target)
    if len(path) != 2 or not isinstance(chosen, AligningEngine):
        return translation
    pairs = [(u.text, targets[u.id]) for u in units]
    found = chosen.align_batch(pairs, translation.source, translation.target)
    aligned = tuple((u.id, words) for u, words in zip(units, found, strict=True) if words)
    return replace(translation, alignments=aligned)


def _to_translate_alone(article: Article, translation: ArticleTranslation) -> list[str]:
    """Link and emphasis words the translated sentences lack, and an HTML page's texts
    outside its units (head title and descriptions, ``alt`` and ``title`` attributes:
    :func:`~confl10n.text.html.page_texts`): texts translated one by one."""
    texts = span_words_missing(article, {u.id: u.target for u in translation.units})
    if article.source_format == "html":
        texts += [value for _, _, value in page_texts(article)]
    return list(dict.fromkeys(texts))


def _target(to: str | LocaleTarget, locale: str | None, options: TranslateOptions) -> LocaleTarget:
    """``to`` resolved once; a ``locale`` asking engines for the same language is the target
    itself (a build's ``zh_Hans`` with ``to="zh"``), else it chooses the figures' locale."""
    if isinstance(to, LocaleTarget) and locale is None:
        return to
    typed = to.tag if isinstance(to, LocaleTarget) else to
    language = language_code(typed)  # not even a language: UnsupportedLanguageError
    if locale is not None and argos_language(locale) == language:
        return locale_target(locale, style_dir=options.style_dir)
    return locale_target(typed, locale=locale, style_dir=options.style_dir)


def _engines(options: TranslateOptions, engine: Engine | None, engines: Engines | None) -> Engines:
    if engine is not None:
        return Engines(options.settings, given=[engine])
    return engines if engines is not None else Engines(options.settings)


def _checked(
    translation: ArticleTranslation, figures: Figures, chosen: LocaleTarget
) -> ArticleTranslation:
    """The translation with its numeric QA findings in the figures' locale, and the
    provenance saying how the target was resolved (``es -> es_ES …``)."""
    provenance = translation.provenance
    provenance = replace(provenance, options=(*provenance.options, ("locale", chosen.how)))
    translation = replace(translation, locale=figures.locale, provenance=provenance)
    if translation.source == translation.target:
        return translation
    targets = {u.id: u.target for u in translation.units if u.origin != "identity"}
    findings, seconds = figures.check(prose_targets(translation.article, targets))
    timings = (*provenance.timings, ("qa", seconds))
    return replace(translation, findings=findings, provenance=replace(provenance, timings=timings))
