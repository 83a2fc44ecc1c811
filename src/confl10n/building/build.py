"""``build``: every article to every locale — read, summarize, translate, localize, write.

Orchestration only; each step lives in its own module. The order is chosen so
that a build fails before it writes anything wherever it can:

1. :func:`confl10n.building.plan.plan_build` checks options, locales, articles, slugs,
   engines and the output folder (see there).
2. :func:`run_build` summarizes every article and finds its figures before the
   first one is written, then per article translates to each locale, runs the
   numeric QA, maps it all into bulletins (:mod:`confl10n.building.assemble`) and writes
   the article's folder atomically (:func:`confl10n.bundle.write_article_bundle`).

The source-language bulletin is always built. Heavy libraries load only when
a build runs. With a Dask scheduler (or a number of local workers) the same
steps run on a cluster: see :mod:`confl10n.building.cluster`.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from confl10n.building.options import BuildOptions
from confl10n.building.plan import BuildPlan, PlannedArticle, SkippedLocale, plan_build
from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.building.assemble import Prepared
    from confl10n.bundle import BundleResult
    from confl10n.bundle.bulletin import JSONValue, LocaleBulletin
    from confl10n.document import Article
    from confl10n.summarize import ArticleSummary
    from confl10n.translate.cache import TranslationCache
    from confl10n.translate.results import ArticleTranslation

_T = TypeVar("_T")

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


def build(
    files: Sequence[str | Path] | None = None,
    *,
    options: BuildOptions | None = None,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every article (default: the config's ``sources``) for every locale.

    ``options`` (:class:`~confl10n.building.options.BuildOptions`) say which
    locales, where to and how to translate; what they leave as None comes from
    ``confl10n.toml``, then from the defaults. ``cache`` is ``True`` (the user
    cache), ``False``, a path or an open cache. This is
    :func:`~confl10n.building.plan.plan_build` then :func:`run_build`, and raises
    what they raise: :class:`~confl10n.errors.InvalidOptionError`,
    :class:`~confl10n.errors.InputError`, :class:`~confl10n.errors.OutputError`,
    :class:`~confl10n.errors.EngineUnavailableError` (``strict``),
    :class:`~confl10n.errors.TranslationError`. With ``options.scheduler`` or
    ``options.workers`` (or the config's) the build runs on a Dask cluster, with the
    same output (:func:`~confl10n.building.cluster.cluster_build`; it also raises
    :class:`~confl10n.errors.ClusterError`).
    """
    from confl10n.building.config import cluster_choice, find_config

    asked = options or BuildOptions()
    where = cluster_choice(find_config(asked.config), asked.scheduler, asked.workers)
    if where is None:
        return run_build(plan_build(files, asked), cache=cache, progress=progress)
    from confl10n.building.cluster import cluster_build

    return cluster_build(where, files, asked, cache=cache, progress=progress)


def run_build(
    plan: BuildPlan,
    *,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Summarize every article, then translate, check, assemble and write them one by one.

    Raises :class:`~confl10n.errors.TranslationError` when an engine fails and
    :class:`~confl10n.errors.OutputError` when the output or the cache cannot be
    written; the articles written before stay written.
    """
    from confl10n.translate.cache import open_cache

    started = time.perf_counter()
    steps = sum(2 + len(plan.targets(a.article.lang)) for a in plan.articles)
    meter = _Meter(progress, steps)
    prepared = [_prepare(entry, plan, meter) for entry in plan.articles]
    with open_cache(cache) as store:
        reports = tuple(_ArticleRun(entry, plan, store, meter).run() for entry in prepared)
    meter.finish(f"built {len(reports)} article(s) into {plan.out}")
    return BuildReport(plan.out, reports, plan.skipped(), time.perf_counter() - started)


def import_xliff(path: str | Path, *, cache: TranslationCache | str | Path | bool = True) -> int:
    """Store the approved targets of an XLIFF file as approved translations; return how many.

    They win over machine translation on the next build of the same sentences.
    Units whose ID is in no article are stored too (by their source text), each
    with an :class:`UnknownUnitWarning`: an ID that is no document ID, or, when
    the file sits beside the ``bundle.json`` it was exported with, one that the
    bundle does not hold. Without a readable ``bundle.json`` beside the file, one
    more warning counts the units that could not be checked against an article.

    Raises :class:`~confl10n.errors.InputError` for an unreadable XLIFF file,
    :class:`~confl10n.errors.InvalidOptionError` without a cache,
    :class:`~confl10n.errors.OutputError` when the cache cannot be written.
    """
    from confl10n.bundle import read_xliff_approved
    from confl10n.languages import language_of
    from confl10n.translate.cache import open_cache

    approved = read_xliff_approved(Path(path))
    bundle = Path(path).with_name("bundle.json")
    known = _bundle_unit_ids(bundle)
    for unit in approved:
        reason = _unknown_unit(unit.id, known)
        if reason:
            message = f"{path}: unit {unit.id!r} is in no article ({reason}); stored anyway"
            warnings.warn(UnknownUnitWarning(message), stacklevel=2)
    unchecked = sum(known is None and _DOCUMENT_ID.fullmatch(u.id) is not None for u in approved)
    if unchecked:
        why = (
            "the bundle.json beside it is unreadable"
            if bundle.exists()
            else "no bundle.json beside it"
        )
        message = (
            f"{path}: {unchecked} unit(s) could not be checked against an article ({why}); "
            "stored anyway"
        )
        warnings.warn(UnknownUnitWarning(message), stacklevel=2)
    with open_cache(cache) as store:
        if store is None:
            raise InvalidOptionError("importing approved translations needs a cache")
        for unit in approved:
            pair = (language_of(unit.source_lang), language_of(unit.target_lang))
            origin = f"xliff:{Path(path).name}#{unit.id}"
            store.put_approved(*pair, unit.source, unit.target, origin=origin)
    return len(approved)


class UnknownUnitWarning(UserWarning):
    """An approved XLIFF unit whose ID is in no article."""


# Document IDs (README, "IDs"): the title, a section, its heading, a paragraph, a sentence.
_DOCUMENT_ID = re.compile(r"title|s[1-9][0-9]*(?:\.h|\.p[1-9][0-9]*(?:\.t[1-9][0-9]*)?)?")


def _unknown_unit(unit_id: str, known: frozenset[str] | None) -> str | None:
    """Why ``unit_id`` is in no article, or None."""
    if not _DOCUMENT_ID.fullmatch(unit_id):
        return "not a document ID"
    if known is not None and unit_id not in known:
        return "not in the bundle.json beside the file"
    return None


def _bundle_unit_ids(bundle: Path) -> frozenset[str] | None:
    """The unit IDs of a build's ``bundle.json``, or None if there is no readable one."""
    import json

    try:
        units = json.loads(bundle.read_text(encoding="utf-8"))["units"]
        return frozenset(str(unit["id"]) for unit in units)
    except (OSError, ValueError, KeyError, TypeError):
        return None


# --- running ------------------------------------------------------------------------------


class _Meter:
    """Counts finished steps and forwards them to the one progress callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def start(self, message: str) -> None:
        """A step begins (the previous one, if any, is finished)."""
        if self.progress is not None:
            self.progress(message, self.done, self.total)

    def end(self) -> None:
        self.done += 1

    def detail(self, prefix: str) -> Callable[[str, int, int], None] | None:
        """A translation progress callback that reports within the current step."""
        if self.progress is None:
            return None
        return lambda label, done, total: self.start(f"{prefix} ({label}: {done}/{total})")

    def finish(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message, self.total, self.total)


def _prepare(entry: PlannedArticle, plan: BuildPlan, meter: _Meter) -> Prepared:
    meter.start(f"{entry.slug}: summarizing")
    prepared = prepare_article(entry, plan.algorithm, plan.lede, plan.options.translation.style_dir)
    meter.end()
    return prepared


def prepare_article(
    entry: PlannedArticle, algorithm: str, lede: str, style_dir: Path | None
) -> Prepared:
    """Summarize (on the source text, once) and find the figures; warnings are collected."""
    from confl10n.building.assemble import Prepared
    from confl10n.quantities.find import article_quantities
    from confl10n.text.inline import prose_only

    started = time.perf_counter()
    summary, caught = _summarize(entry.article, algorithm, lede)
    summarized = time.perf_counter()
    quantities = tuple(article_quantities(prose_only(entry.article)))  # no URL or code
    timings = (
        ("summarize", summarized - started),
        ("quantities", time.perf_counter() - summarized),
    )
    notes = (*entry.article.warnings, *(f"{entry.slug}: {message}" for message in caught))
    return Prepared(
        entry.source, entry.slug, entry.article, summary, quantities, notes, timings, style_dir
    )


def _summarize(article: Article, algorithm: str, lede: str) -> tuple[ArticleSummary, list[str]]:
    """The section summaries, and sumy's warnings as text (reported, never printed)."""
    from confl10n.summarize import summarize_sections

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = summarize_sections(article, algorithm=algorithm, lede_mode=lede)
    return summary, [str(w.message) for w in caught]


class _ArticleRun:
    """One article's build in progress: its bulletins, warnings and timings so far."""

    def __init__(
        self, prepared: Prepared, plan: BuildPlan, store: TranslationCache | None, meter: _Meter
    ) -> None:
        self.prepared, self.plan, self.store, self.meter = prepared, plan, store, meter
        self.notes = list(prepared.warnings)
        self.timings = list(prepared.timings)
        self.common = _common_provenance(prepared)

    def run(self) -> ArticleReport:
        """Every locale's bulletin, then the article's folder written in one swap."""
        lang = self.prepared.article.lang
        bulletins = {lang: self._source()}
        for locale in self.plan.targets(lang):
            bulletins[locale] = self._localize(locale)
        result = self._write(bulletins)
        return ArticleReport(
            source=self.prepared.source,
            slug=self.prepared.slug,
            path=result.path,
            locales=tuple(bulletins),
            skipped=self.plan.skipped(lang),
            warnings=tuple(dict.fromkeys((*self.notes, *result.warnings))),
            timings=tuple(self.timings),
            kept=result.kept,
            removed=result.removed,
        )

    def _source(self) -> LocaleBulletin:
        from confl10n.building.assemble import rounded, source_bulletin

        provenance = {**self.common, "timings": rounded(dict(self.prepared.timings))}
        return source_bulletin(self.prepared, provenance)

    def _localize(self, locale: str) -> LocaleBulletin:
        """Translate to ``locale``, check the figures, assemble the bulletin."""
        from confl10n.building.assemble import locale_bulletin, translation_provenance

        step = f"{self.prepared.slug}: translating to {locale}"
        self.meter.start(step)
        translation = self._timed(f"translate {locale}", lambda: self._translate(locale, step))
        self.meter.end()
        findings = list(translation.findings)
        self.notes += _translation_notes(self.prepared.slug, locale, translation, len(findings))
        provenance = translation_provenance(translation, self.common, {})
        return locale_bulletin(self.prepared, locale, translation, findings, provenance)

    def _translate(self, locale: str, step: str) -> ArticleTranslation:
        from confl10n.translate.article import translate_article

        article, _ = self.prepared.translatable()  # the figures' labels go along
        return translate_article(
            article,
            to=self.plan.target(locale),  # resolved once, in the plan
            options=self.plan.options.translation,
            engines=self.plan.engines,
            cache=self.store or False,
            progress=self.meter.detail(step),
        )

    def _write(self, bulletins: dict[str, LocaleBulletin]) -> BundleResult:
        from confl10n.bundle import write_article_bundle

        out, slug = self.plan.out, self.prepared.slug
        self.meter.start(f"{slug}: writing {out / slug}")
        clean = self.plan.options.clean
        result = self._timed(
            "write", lambda: write_article_bundle(out, slug, bulletins, clean=clean)
        )
        self.meter.end()
        return result

    def _timed(self, step: str, work: Callable[[], _T]) -> _T:
        started = time.perf_counter()
        result = work()
        self.timings.append((step, time.perf_counter() - started))
        return result


def _translation_notes(
    slug: str, locale: str, translation: ArticleTranslation, findings: int
) -> list[str]:
    """A warning per flagged unit (e.g. ``degenerate``) and one for any QA findings."""
    flagged = translation.flagged
    notes = [f"{slug}/{locale} {unit.id}: {', '.join(unit.flags)}" for unit in flagged]
    if findings:
        notes.append(f"{slug}/{locale}: {findings} numeric QA finding(s), see bundle.json")
    return notes


def _common_provenance(prepared: Prepared) -> dict[str, JSONValue]:
    from confl10n.building.assemble import tool_versions

    summary = prepared.summary
    return {
        "versions": tool_versions(),
        "summary": {
            "algorithm": summary.algorithm,
            "lang": summary.lang,
            "lede": summary.lede_mode,
        },
    }
