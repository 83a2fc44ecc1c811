"""confl10n: one English news article in, a multilingual bulletin out, fully offline.

The public API is re-exported here; ``__all__`` is sorted and guarded by a test.
"""

from __future__ import annotations

from confl10n._version import __version__
from confl10n.building.build import BuildReport, build
from confl10n.building.options import BuildOptions
from confl10n.bundle import (
    ApprovedUnit,
    BundleResult,
    read_xliff_approved,
    slugify,
    write_article_bundle,
)
from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinFinding,
    BulletinSection,
    BulletinUnit,
    LocaleBulletin,
)
from confl10n.document import Article, Paragraph, Quantity, Section, Sentence
from confl10n.errors import (
    Confl10nError,
    EngineUnavailableError,
    InputError,
    InvalidOptionError,
    ModelPackageError,
    NetworkError,
    OutputError,
    TranslationError,
    UnsupportedLanguageError,
)
from confl10n.figures.protect import Slot, protect, restore
from confl10n.figures.qa import Finding, check_article, check_translation
from confl10n.localize.formatting import format_quantity
from confl10n.quantities.find import article_quantities, find_quantities
from confl10n.summarize import (
    ArticleSummary,
    ScoredSentence,
    SectionSummary,
    TextSummary,
    summarize_sections,
    summarize_text,
)
from confl10n.text.reader import parse_bytes, parse_text, read_article
from confl10n.text.segmentation import split_sentences
from confl10n.translate.argos.index import download_and_install, fetch_index
from confl10n.translate.argos.install import install_package, remove_package
from confl10n.translate.article import translate_article
from confl10n.translate.options import TranslateOptions
from confl10n.translate.registry import get_engine
from confl10n.translate.results import ArticleTranslation, Provenance, UnitTranslation

__all__ = [
    "ApprovedUnit",
    "Article",
    "ArticleSummary",
    "ArticleTranslation",
    "BuildOptions",
    "BuildReport",
    "BulletinFigure",
    "BulletinFinding",
    "BulletinSection",
    "BulletinUnit",
    "BundleResult",
    "Confl10nError",
    "EngineUnavailableError",
    "Finding",
    "InputError",
    "InvalidOptionError",
    "LocaleBulletin",
    "ModelPackageError",
    "NetworkError",
    "OutputError",
    "Paragraph",
    "Provenance",
    "Quantity",
    "ScoredSentence",
    "Section",
    "SectionSummary",
    "Sentence",
    "Slot",
    "TextSummary",
    "TranslateOptions",
    "TranslationError",
    "UnitTranslation",
    "UnsupportedLanguageError",
    "__version__",
    "article_quantities",
    "build",
    "check_article",
    "check_translation",
    "download_and_install",
    "fetch_index",
    "find_quantities",
    "format_quantity",
    "get_engine",
    "install_package",
    "parse_bytes",
    "parse_text",
    "protect",
    "read_article",
    "read_xliff_approved",
    "remove_package",
    "restore",
    "slugify",
    "split_sentences",
    "summarize_sections",
    "summarize_text",
    "translate_article",
    "write_article_bundle",
]
