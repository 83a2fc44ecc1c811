"""``POST /v1/bulletin``: an article in, each locale's ``bundle.json`` out.

The same steps as ``confl10n build`` for one article (summary and figures once,
then per locale: translate, check, assemble), from the building blocks the
build uses, with the server's loaded engines and shared cache; nothing is
written to disk.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from confl10n.document import Article
from confl10n.languages import argos_language, language_of

if TYPE_CHECKING:
    from confl10n.building.assemble import Prepared
    from confl10n.bundle.bulletin import LocaleBulletin
    from confl10n.serve.work import Service


def bundles(service: Service, article: Article, locales: Sequence[str], *, slug: str | None) -> Any:
    """``{"slug", "warnings", "bundles": {locale: bundle.json}}`` for the source language
    and every one of ``locales`` (targets equal to the source language are skipped)."""
    from confl10n.building.assemble import rounded, source_bulletin
    from confl10n.bundle.jsonout import bundle_dict
    from confl10n.bundle.slug import check_slug, slugify
    from confl10n.localize.labels import load_labels
    from confl10n.localize.target import locale_target

    prepared = _prepare(article, check_slug(slug) if slug else slugify(_title(article)))
    common = _common(prepared)
    made = {article.lang: source_bulletin(prepared, {**common, "timings": rounded({})})}
    for locale in dict.fromkeys(locale_target(typed).tag for typed in locales):  # as build's
        if language_of(locale) != article.lang:
            made[locale] = _locale(service, prepared, locale, common)
    slug = prepared.slug
    out = {loc: bundle_dict(b, slug=slug, labels=load_labels(loc)) for loc, b in made.items()}
    return {"slug": slug, "warnings": list(prepared.warnings), "bundles": out}


def _title(article: Article) -> str:
    return (article.title or article.sentences[0]).text


def _prepare(article: Article, slug: str) -> Prepared:
    from confl10n.building.assemble import Prepared
    from confl10n.quantities.find import article_quantities
    from confl10n.summarize import summarize_sections
    from confl10n.text.inline import prose_only

    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = summarize_sections(article)
    notes = (*article.warnings, *(str(w.message) for w in caught))
    quantities = tuple(article_quantities(prose_only(article)))  # no URL or code, as build
    timings = (("summarize", time.perf_counter() - started),)
    return Prepared("<request>", slug, article, summary, quantities, notes, timings)


def _common(prepared: Prepared) -> dict[str, Any]:
    from confl10n.building.assemble import tool_versions

    summary = prepared.summary
    return {
        "versions": tool_versions(),
        "summary": {"algorithm": summary.algorithm, "lang": summary.lang},
    }


def _locale(
    service: Service, prepared: Prepared, locale: str, common: dict[str, Any]
) -> LocaleBulletin:
    from confl10n.building.assemble import locale_bulletin, translation_provenance

    translation = service.translate(prepared.article, argos_language(locale), locale=locale)
    provenance = translation_provenance(translation, common, {})
    return locale_bulletin(prepared, locale, translation, translation.findings, provenance)
