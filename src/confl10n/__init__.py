"""confl10n: one English news article in, a multilingual bulletin out, fully offline.

The public API, loaded lazily (PEP 562): ``import confl10n`` imports none of
its modules; each name is imported from its home on first use (``confl10n.build``
imports the build stage, and only then). ``__all__`` is sorted and guarded by a test.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES: dict[str, str] = {
    "ApprovedUnit": "confl10n.bundle.xliff",
    "ArgosSettings": "confl10n.translate.argos.settings",
    "Article": "confl10n.document",
    "ArticleSummary": "confl10n.summarize",
    "ArticleTranslation": "confl10n.translate.results",
    "BuildOptions": "confl10n.building.options",
    "BuildReport": "confl10n.building.report",
    "BulletinFigure": "confl10n.bundle.bulletin",
    "BulletinFinding": "confl10n.bundle.bulletin",
    "BulletinSection": "confl10n.bundle.bulletin",
    "BulletinUnit": "confl10n.bundle.bulletin",
    "BundleResult": "confl10n.bundle",
    "Confl10nError": "confl10n.errors",
    "EngineUnavailableError": "confl10n.errors",
    "Finding": "confl10n.figures.qa",
    "InputError": "confl10n.errors",
    "InvalidOptionError": "confl10n.errors",
    "LocaleBulletin": "confl10n.bundle.bulletin",
    "LocaleTarget": "confl10n.localize.target",
    "ModelPackageError": "confl10n.errors",
    "NetworkError": "confl10n.errors",
    "OutputError": "confl10n.errors",
    "Paragraph": "confl10n.document",
    "Provenance": "confl10n.translate.results",
    "Quantity": "confl10n.document",
    "ScoredSentence": "confl10n.summarize",
    "Section": "confl10n.document",
    "SectionSummary": "confl10n.summarize",
    "SummaryOptions": "confl10n.summarize.options",
    "Sentence": "confl10n.document",
    "Slot": "confl10n.figures.protect",
    "TextSummary": "confl10n.summarize",
    "TranslateOptions": "confl10n.translate.options",
    "TranslationError": "confl10n.errors",
    "UnitTranslation": "confl10n.translate.results",
    "UnsupportedLanguageError": "confl10n.errors",
    "__version__": "confl10n._version",
    "article_quantities": "confl10n.quantities.find",
    "build": "confl10n.building.build",
    "check_article": "confl10n.figures.qa",
    "check_translation": "confl10n.figures.qa",
    "download_and_install": "confl10n.translate.argos.index",
    "fetch_index": "confl10n.translate.argos.index",
    "find_quantities": "confl10n.quantities.find",
    "format_quantity": "confl10n.localize.formatting",
    "get_engine": "confl10n.translate.registry",
    "install_package": "confl10n.translate.argos.install",
    "locale_target": "confl10n.localize.target",
    "parse_bytes": "confl10n.text.reader",
    "parse_text": "confl10n.text.reader",
    "protect": "confl10n.figures.protect",
    "read_article": "confl10n.text.reader",
    "read_xliff_approved": "confl10n.bundle.xliff",
    "remove_package": "confl10n.translate.argos.install",
    "restore": "confl10n.figures.protect",
    "slugify": "confl10n.bundle.slug",
    "split_sentences": "confl10n.text.segmentation",
    "summarize_sections": "confl10n.summarize",
    "summarize_text": "confl10n.summarize",
    "translate_article": "confl10n.translate.article",
    "write_article_bundle": "confl10n.bundle",
}
"""Each public name and the module it lives in."""

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    """Import a public name from its home on first use (and keep it here)."""
    try:
        home = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module 'confl10n' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and editors see
    from confl10n._version import __version__ as __version__
    from confl10n.building.build import build as build
    from confl10n.building.options import BuildOptions as BuildOptions
    from confl10n.building.report import BuildReport as BuildReport
    from confl10n.bundle import (
        BundleResult as BundleResult,
    )
    from confl10n.bundle import (
        write_article_bundle as write_article_bundle,
    )
    from confl10n.bundle.bulletin import (
        BulletinFigure as BulletinFigure,
    )
    from confl10n.bundle.bulletin import (
        BulletinFinding as BulletinFinding,
    )
    from confl10n.bundle.bulletin import (
        BulletinSection as BulletinSection,
    )
    from confl10n.bundle.bulletin import (
        BulletinUnit as BulletinUnit,
    )
    from confl10n.bundle.bulletin import (
        LocaleBulletin as LocaleBulletin,
    )
    from confl10n.bundle.slug import slugify as slugify
    from confl10n.bundle.xliff import (
        ApprovedUnit as ApprovedUnit,
    )
    from confl10n.bundle.xliff import (
        read_xliff_approved as read_xliff_approved,
    )
    from confl10n.document import (
        Article as Article,
    )
    from confl10n.document import (
        Paragraph as Paragraph,
    )
    from confl10n.document import (
        Quantity as Quantity,
    )
    from confl10n.document import (
        Section as Section,
    )
    from confl10n.document import (
        Sentence as Sentence,
    )
    from confl10n.errors import (
        Confl10nError as Confl10nError,
    )
    from confl10n.errors import (
        EngineUnavailableError as EngineUnavailableError,
    )
    from confl10n.errors import (
        InputError as InputError,
    )
    from confl10n.errors import (
        InvalidOptionError as InvalidOptionError,
    )
    from confl10n.errors import (
        ModelPackageError as ModelPackageError,
    )
    from confl10n.errors import (
        NetworkError as NetworkError,
    )
    from confl10n.errors import (
        OutputError as OutputError,
    )
    from confl10n.errors import (
        TranslationError as TranslationError,
    )
    from confl10n.errors import (
        UnsupportedLanguageError as UnsupportedLanguageError,
    )
    from confl10n.figures.protect import Slot as Slot
    from confl10n.figures.protect import protect as protect
    from confl10n.figures.protect import restore as restore
    from confl10n.figures.qa import (
        Finding as Finding,
    )
    from confl10n.figures.qa import (
        check_article as check_article,
    )
    from confl10n.figures.qa import (
        check_translation as check_translation,
    )
    from confl10n.localize.formatting import format_quantity as format_quantity
    from confl10n.localize.target import LocaleTarget as LocaleTarget
    from confl10n.localize.target import locale_target as locale_target
    from confl10n.quantities.find import (
        article_quantities as article_quantities,
    )
    from confl10n.quantities.find import (
        find_quantities as find_quantities,
    )
    from confl10n.summarize import (
        ArticleSummary as ArticleSummary,
    )
    from confl10n.summarize import (
        ScoredSentence as ScoredSentence,
    )
    from confl10n.summarize import (
        SectionSummary as SectionSummary,
    )
    from confl10n.summarize import (
        TextSummary as TextSummary,
    )
    from confl10n.summarize import (
        summarize_sections as summarize_sections,
    )
    from confl10n.summarize import (
        summarize_text as summarize_text,
    )
    from confl10n.summarize.options import SummaryOptions as SummaryOptions
    from confl10n.text.reader import (
        parse_bytes as parse_bytes,
    )
    from confl10n.text.reader import (
        parse_text as parse_text,
    )
    from confl10n.text.reader import (
        read_article as read_article,
    )
    from confl10n.text.segmentation import split_sentences as split_sentences
    from confl10n.translate.argos.index import (
        download_and_install as download_and_install,
    )
    from confl10n.translate.argos.index import (
        fetch_index as fetch_index,
    )
    from confl10n.translate.argos.install import (
        install_package as install_package,
    )
    from confl10n.translate.argos.install import (
        remove_package as remove_package,
    )
    from confl10n.translate.argos.settings import ArgosSettings as ArgosSettings
    from confl10n.translate.article import translate_article as translate_article
    from confl10n.translate.options import TranslateOptions as TranslateOptions
    from confl10n.translate.registry import get_engine as get_engine
    from confl10n.translate.results import (
        ArticleTranslation as ArticleTranslation,
    )
    from confl10n.translate.results import (
        Provenance as Provenance,
    )
    from confl10n.translate.results import (
        UnitTranslation as UnitTranslation,
    )
