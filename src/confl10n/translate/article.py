"""``translate_article``: the public entry, where translation meets the figures.

The pipeline (:mod:`confl10n.translate.pipeline`) knows only the
:class:`~confl10n.translate.pipeline.SentenceWrapper` protocol; this is the
one place the default wrapper, number protection
(:class:`~confl10n.figures.wrapper.QuantityWrapper`), is composed with it, and
where the numeric QA of the final texts is run.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.figures.wrapper import Figures, target_locale
from confl10n.languages import language_code
from confl10n.translate.engines import Engines
from confl10n.translate.pipeline import translate_units

if TYPE_CHECKING:
    from confl10n.document import Article
    from confl10n.translate.cache import TranslationCache
    from confl10n.translate.engine import Engine
    from confl10n.translate.pipeline import Progress, SentenceWrapper
    from confl10n.translate.results import ArticleTranslation


def translate_article(
    article: Article,
    *,
    to: str,
    source: str | None = None,
    engine: str | Engine = "auto",
    engines: Engines | None = None,
    models_dir: str | Path | None = None,
    cache: TranslationCache | str | Path | bool = True,
    device: str = "cpu",
    threads: int = 0,
    compute_type: str = "default",
    beam_size: int = 4,
    progress: Progress | None = None,
    wrapper: SentenceWrapper | None = None,
    quantities: bool = True,
    locale: str | None = None,
    style_dir: Path | None = None,
) -> ArticleTranslation:
    """Translate every unit of ``article`` from ``source`` (default: its language) to ``to``.

    ``engine`` is a registered name, ``auto``, or an engine instance to reuse;
    ``engines`` are a run's engines to reuse across calls (the model and decoding
    settings only apply to engines created here);
    ``cache`` is ``True`` (the user cache), ``False``, a path or an open cache.
    Figures are kept from the engine and written in ``locale``'s style (default:
    the language's usual locale, zh -> zh_CN; ``style_dir`` as for
    :func:`~confl10n.localize.formatting.format_quantity`) unless ``quantities`` is False;
    a ``wrapper`` replaces that protection. The result holds the numeric QA
    findings of the final texts in ``locale``.

    Raises :class:`~confl10n.errors.UnsupportedLanguageError` for a code that is
    no language, :class:`~confl10n.errors.InvalidOptionError` for a bad locale or
    setting, :class:`~confl10n.errors.EngineUnavailableError` when no installed
    model can do the pair, :class:`~confl10n.errors.TranslationError` when the
    engine fails.
    """
    source, target = language_code(source or article.lang), language_code(to)
    figures = Figures(article, target, target_locale(target, locale), style_dir)
    if engines is None or not isinstance(engine, str):
        settings = {"models_dir": models_dir, "device": device, "threads": threads}
        settings.update(compute_type=compute_type, beam_size=beam_size)
        given = [] if isinstance(engine, str) else [engine]
        engines = Engines(settings, given=given)
    translation = translate_units(
        article,
        source=source,
        target=target,
        engine=engine if isinstance(engine, str) else engine.name,
        engines=engines,
        cache=cache,
        progress=progress,
        wrapper=wrapper or (figures.wrapper() if quantities else None),
    )
    return _checked(translation, figures)


def _checked(translation: ArticleTranslation, figures: Figures) -> ArticleTranslation:
    """The translation with its numeric QA findings in the figures' locale."""
    if translation.source == translation.target:
        return replace(translation, locale=figures.locale)
    targets = {u.id: u.target for u in translation.units if u.origin != "identity"}
    findings, seconds = figures.check(targets)
    provenance = translation.provenance
    timings = (*provenance.timings, ("qa", seconds))
    return replace(
        translation,
        findings=findings,
        locale=figures.locale,
        provenance=replace(provenance, timings=timings),
    )
