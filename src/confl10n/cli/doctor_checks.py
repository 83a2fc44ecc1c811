"""What is installed and whether any step would need the network (``confl10n doctor``).

Every probe is cheap and offline: package versions come from metadata, not
imports, so the doctor runs in a fraction of a second.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from confl10n.extras import EXTRAS, install_hint, missing
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

# Release series the suite has been run on (from the first tested release to the first
# untested one): babel's CLDR data *is* our output, and
# sumy, CTranslate2 and typer shape summaries, translations and the CLI. The lock
# (requirements/lock.txt) pins versions inside these; a test keeps the two in step.
TESTED: dict[str, tuple[str, str]] = {
    "babel": ("2.18", "2.20"),
    "ctranslate2": ("4.8", "4.9"),
    "sumy": ("0.13", "0.14"),
    "typer": ("0.29", "0.30"),
}


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
        *_extras(),
        Check("segmentation", "rules", True, f"built in, offline: {', '.join(SUPPORTED)}"),
        *_engines(models),
        *_locales(),
        Check("network", "needed by", True, "only `models available` and `models download`"),
    ]


def _dependencies() -> list[Check]:
    checks = []
    for name in DEPENDENCIES:
        try:
            checks.append(version_check(name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            checks.append(Check("packages", name, False, "not installed"))
    return checks


def _extras() -> list[Check]:
    """One line per optional extra: installed, or how to install it."""
    checks = []
    for extra in EXTRAS:
        absent = missing(extra)
        detail = f"not installed: {install_hint(extra)}" if absent else "installed"
        checks.append(Check("extras", extra, not absent, detail))
    return checks


def version_check(name: str, version: str) -> Check:
    """``name`` at ``version``, flagged when outside the release series in :data:`TESTED`."""
    detail = version
    if name == "babel":
        from confl10n.localize.formatting import cldr_version

        detail += f" (CLDR {cldr_version()})"
    if name in TESTED and not is_tested(name, version):
        low, high = TESTED[name]
        return Check("packages", name, False, f"{detail}: untested, outputs may differ "
                     f"(tested >={low},<{high}; see README, Dependencies)")  # fmt: skip
    return Check("packages", name, True, detail)


def is_tested(name: str, version: str) -> bool:
    """Whether ``version`` of ``name`` lies in its tested range (True for untracked names)."""
    if name not in TESTED:
        return True
    low, high = (_release(bound) for bound in TESTED[name])
    return low <= _release(version) < high


def _release(version: str) -> tuple[int, ...]:
    """The numeric release of a version string: "2.19.0rc1" -> (2, 19, 0)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]) or (0,)


def _engines(models: str | Path | None) -> list[Check]:
    from confl10n.translate.argos.settings import ArgosSettings
    from confl10n.translate.registry import describe

    found = describe([ArgosSettings(models_dir=models)])
    return [Check("engines", s.engine, s.ok, s.detail) for s in found]


def _locales() -> list[Check]:
    from confl10n.localize.labels import available_catalogs
    from confl10n.localize.styles import available_styles

    return [
        Check("locales", "formatting", True, "babel/CLDR: any locale, offline"),
        Check("locales", "editorial style", True, ", ".join(available_styles())),
        Check("locales", "label catalogs", True, ", ".join(available_catalogs())),
    ]
