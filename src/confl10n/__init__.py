"""confl10n: one English news article in, a multilingual bulletin out, fully offline.

The public API is re-exported here; ``__all__`` is sorted and guarded by a test.
"""

from __future__ import annotations

from confl10n.document import Article, Paragraph, Section, Sentence
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
from confl10n.translate.index import download_and_install, fetch_index
from confl10n.translate.install import install_package, remove_package

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Confl10nError",
    "EngineUnavailableError",
    "InputError",
    "InvalidOptionError",
    "ModelPackageError",
    "NetworkError",
    "OutputError",
    "Paragraph",
    "Section",
    "Sentence",
    "TranslationError",
    "UnsupportedLanguageError",
    "__version__",
    "download_and_install",
    "fetch_index",
    "install_package",
    "remove_package",
]
