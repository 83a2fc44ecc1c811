"""What is installed and whether any step would need the network (``confl10n doctor``).

Every probe is cheap and offline: package versions come from metadata, not
imports, so the doctor runs in a fraction of a second.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from confl10n.text.segmentation import SUPPORTED

DEPENDENCIES = (
    "argos-translate-lt",
    "babel",
    "ctranslate2",
    "jieba",
    "sentencepiece",
    "sumy",
    "typer",
)


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report: ``ok`` is False for something missing or broken."""

    area: str
    name: str
    ok: bool
    detail: str


def collect(*, models: str | Path | None = None) -> list[Check]:
    """Run every probe; ``models`` overrides the Argos packages folder."""
    return [
        Check("python", "python", sys.version_info >= (3, 11), sys.version.split()[0]),
        *_dependencies(),
        Check("segmentation", "rules", True, f"built in, offline: {', '.join(SUPPORTED)}"),
        *_engines(models),
        *_locales(),
        Check("network", "needed by", True, "only `models available` and `models download`"),
    ]


def _dependencies() -> list[Check]:
    checks = []
    for name in DEPENDENCIES:
        try:
            checks.append(Check("packages", name, True, metadata.version(name)))
        except metadata.PackageNotFoundError:
            checks.append(Check("packages", name, False, "not installed"))
    return checks


def _engines(models: str | Path | None) -> list[Check]:
    from confl10n.translate.registry import describe

    return [Check("engines", s.engine, s.ok, s.detail) for s in describe(models_dir=models)]


def _locales() -> list[Check]:
    from confl10n.localize.labels import available_catalogs
    from confl10n.localize.styles import available_styles

    return [
        Check("locales", "formatting", True, "babel/CLDR: any locale, offline"),
        Check("locales", "editorial style", True, ", ".join(available_styles())),
        Check("locales", "label catalogs", True, ", ".join(available_catalogs())),
    ]
