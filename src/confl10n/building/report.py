"""What a build did, how it tells its progress, and its last step for an article: the folder.

Shared by the local and the cluster build (:mod:`confl10n.building.build`,
:mod:`confl10n.building.cluster`), so neither imports the other.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.building.plan import SkippedLocale

if TYPE_CHECKING:
    from confl10n.building.article import Bulletins
    from confl10n.building.assemble import Prepared
    from confl10n.building.plan import BuildPlan

Progress = Callable[[str, int, int], None]
"""Called as ``progress(message, done, total)``: ``done`` of ``total`` steps are finished and
``message`` says what runs now (``"national-newspaper-…: translating to zh_CN"``)."""


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """One article's outcome: where it went, which locales were built or skipped."""

    source: str
    slug: str
    path: Path
    locales: tuple[str, ...]
    skipped: tuple[SkippedLocale, ...]
    warnings: tuple[str, ...]
    timings: tuple[tuple[str, float], ...]
    kept: tuple[str, ...] = ()  # the previous folder's other locales (and files), unchanged
    removed: tuple[str, ...] = ()  # locale folders not in this build, removed (``clean``)


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """An article a cluster build could not build (nothing of it was written), and why.

    ``exit_code`` is the error's (:mod:`confl10n.errors`).
    """

    source: str
    slug: str
    message: str
    exit_code: int


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: the output folder, one report per article, the total time.

    ``failures`` lists the articles a cluster build could not build; the others were
    written (a local build raises at the first failure instead).
    """

    out: Path
    articles: tuple[ArticleReport, ...]
    skipped: tuple[SkippedLocale, ...]
    seconds: float
    failures: tuple[ArticleFailure, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every article's warnings, in build order."""
        return tuple(w for article in self.articles for w in article.warnings)


class Meter:
    """Counts a build's finished steps and forwards them to its one progress callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def start(self, message: str) -> None:
        """A step begins (the previous one, if any, is finished)."""
        if self.progress is not None:
            self.progress(message, self.done, self.total)

    def end(self) -> None:
        """A step is finished."""
        self.done += 1

    def detail(self, prefix: str) -> Callable[[str, int, int], None] | None:
        """A translation progress callback that reports within the current step."""
        if self.progress is None:
            return None
        return lambda label, done, total: self.start(f"{prefix} ({label}: {done}/{total})")

    def finish(self, message: str) -> None:
        """Every step is finished."""
        if self.progress is not None:
            self.progress(message, self.total, self.total)


def build_steps(plan: BuildPlan) -> int:
    """How many steps a build of ``plan`` reports: per article, its preparation, each
    locale's translation and the writing of its folder."""
    return sum(2 + len(plan.targets(entry.article.lang)) for entry in plan.articles)


def write_article(
    prepared: Prepared, made: Bulletins, plan: BuildPlan, meter: Meter
) -> ArticleReport:
    """Write the article's bulletins into ``plan.out``/slug in one swap, and report it; the
    locale folders it does not write stay, unless ``plan.options.clean`` (the locales
    asked for but skipped stay even then).

    Raises :class:`~confl10n.errors.OutputError` when the folder cannot be written.
    """
    from confl10n.bundle import write_article_bundle

    out, slug = plan.out, prepared.slug
    meter.start(f"{slug}: writing {out / slug}")
    started = time.perf_counter()
    # A locale asked for but not built now (no engine) keeps its folder, even with clean.
    result = write_article_bundle(
        out, slug, made.bulletins, clean=plan.options.clean, asked=plan.locales, pages=made.pages
    )
    seconds = time.perf_counter() - started
    meter.end()
    return ArticleReport(
        source=prepared.source,
        slug=slug,
        path=result.path,
        locales=tuple(made.bulletins),
        skipped=plan.skipped(prepared.article.lang),
        warnings=tuple(dict.fromkeys((*made.warnings, *result.warnings))),
        timings=(*made.timings, ("write", seconds)),
        kept=result.kept,
        removed=result.removed,
    )
