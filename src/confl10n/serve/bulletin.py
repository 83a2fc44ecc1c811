"""``POST /v1/bulletin``: an article in, each locale's ``bundle.json`` out.

The third driver of one article's steps (:mod:`confl10n.building.article`), the
same steps ``confl10n build`` runs, with the server's loaded engines and shared
cache; nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from confl10n.document import Article
from confl10n.languages import language_of

if TYPE_CHECKING:
    from confl10n.building.article import Bulletins, Translate
    from confl10n.translate.results import ArticleTranslation


def bundles(
    translate: Translate, article: Article, locales: Sequence[str], *, slug: str | None
) -> Any:
    """``{"slug", "warnings", "bundles": {locale: bundle.json}}`` for the source language
    and every one of ``locales`` (targets equal to the source language are skipped), with
    ``translate`` (the server's engines and cache, :func:`server_translation`)."""
    from confl10n.bundle.jsonout import bundle_dict
    from confl10n.localize.labels import load_labels

    named, made = bulletins(translate, article, locales, slug=slug)
    out = {
        locale: bundle_dict(bulletin, slug=named, labels=load_labels(locale))
        for locale, bulletin in made.bulletins.items()
    }
    return {"slug": named, "warnings": list(made.warnings), "bundles": out}


def bulletins(
    translate: Translate, article: Article, locales: Sequence[str], *, slug: str | None
) -> tuple[str, Bulletins]:
    """The slug (``slug`` checked, else the title's) and the bulletins :func:`bundles`
    answers with, made as ``build`` makes them but without an HTML article's translated
    pages, which nobody writes here. Raises what the steps and ``translate`` raise."""
    from confl10n.building.article import ArticleRun, prepare
    from confl10n.bundle.slug import check_slug, slugify
    from confl10n.localize.target import locale_target
    from confl10n.summarize.options import SummaryOptions

    named = check_slug(slug) if slug else slugify(_title(article))
    prepared = prepare(article, slug=named, summary=SummaryOptions().checked())
    tags = dict.fromkeys(locale_target(typed).tag for typed in locales)  # build's folder names
    targets = [loc for loc in tags if language_of(loc) != article.lang]
    return named, ArticleRun(prepared, translate, pages=False).bulletins(targets)


def _title(article: Article) -> str:
    return (article.title or article.sentences[0]).text


def server_translation(
    translate: Callable[..., ArticleTranslation],
) -> Translate:
    """A build's translation function from the server's ``translate(article, target,
    locale=…)`` (:meth:`confl10n.serve.work.Service.translate`): the locale is the target,
    resolved there as a build's plan resolves it."""
    return lambda article, locale: translate(article, locale)
