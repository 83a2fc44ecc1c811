"""``build``: every article to every locale — read, summarize, translate, localize, write.

Orchestration only; each step lives in its own module. The order is chosen so
that a build fails before it writes anything wherever it can:

1. :func:`confl10n.building.plan.plan_build` checks options, locales, articles, slugs,
   engines and the output folder (see there).
2. :func:`run_build` prepares every article (summary and figures,
   :func:`confl10n.building.article.prepare`) before the first one is written, then
   per article makes each locale's bulletin (:class:`confl10n.building.article.ArticleRun`
   with the plan's engines) and writes the article's folder atomically
   (:func:`confl10n.building.report.write_article`).

:func:`open_runner` chooses where a build runs, once, from the options and the
config: this machine (:class:`LocalRunner`) or a Dask cluster
(:class:`confl10n.building.cluster.ClusterRunner`); :func:`build` and ``confl10n
build`` both go through it. The source-language bulletin is always built. Heavy
libraries load only when a build runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from confl10n.building.article import ArticleRun, Translate, engine_translation, prepare
from confl10n.building.options import BuildOptions
from confl10n.building.plan import BuildPlan, PlannedArticle, plan_build
from confl10n.building.report import (
    ArticleFailure,
    ArticleReport,
    BuildReport,
    Meter,
    Progress,
    build_steps,
    write_article,
)

if TYPE_CHECKING:
    from confl10n.building.assemble import Prepared
    from confl10n.building.config import BuildConfig
    from confl10n.document import Article
    from confl10n.translate.cache import TranslationCache
    from confl10n.translate.results import ArticleTranslation

__all__ = [
    "ArticleFailure",
    "ArticleReport",
    "BuildReport",
    "LocalRunner",
    "Progress",
    "Runner",
    "build",
    "open_runner",
    "run_build",
]


class Runner(Protocol):
    """Where a build runs: it plans with its engines, then runs the plan there."""

    def plan(self, files: Sequence[str | Path] | None) -> BuildPlan:
        """The checked plan (:func:`~confl10n.building.plan.plan_build`)."""
        ...

    def run(
        self,
        plan: BuildPlan,
        *,
        cache: TranslationCache | str | Path | bool = True,
        progress: Progress | None = None,
    ) -> BuildReport:
        """Build every article of ``plan`` and write it."""
        ...


def build(
    files: Sequence[str | Path] | None = None,
    *,
    options: BuildOptions | None = None,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every article (default: the config's ``sources``) for every locale.

    ``options`` (:class:`~confl10n.building.options.BuildOptions`) say which
    locales, where to and how to summarize and translate; what they leave as None
    comes from ``confl10n.toml``, then from the defaults. ``cache`` is ``True``
    (the user cache), ``False``, a path or an open cache. The runner
    (:func:`open_runner`) plans, then runs the plan, and this raises what they
    raise: :class:`~confl10n.errors.InvalidOptionError`,
    :class:`~confl10n.errors.InputError`, :class:`~confl10n.errors.OutputError`,
    :class:`~confl10n.errors.EngineUnavailableError` (``strict``),
    :class:`~confl10n.errors.TranslationError`. With ``options.scheduler`` or
    ``options.workers`` (or the config's) the build runs on a Dask cluster, with the
    same output (it also raises :class:`~confl10n.errors.ClusterError`).
    """
    with open_runner(options or BuildOptions()) as runner:
        return runner.run(runner.plan(files), cache=cache, progress=progress)


@contextmanager
def open_runner(options: BuildOptions) -> Iterator[Runner]:
    """The runner ``options`` (then the config, read here once) choose: a
    :class:`LocalRunner`, or a cluster's (connected now, closed on exit).

    Raises :class:`~confl10n.errors.InputError` for an unreadable config,
    :class:`~confl10n.errors.InvalidOptionError` for a bad scheduler/workers choice,
    :class:`~confl10n.errors.ClusterError` when the cluster cannot be reached.
    """
    from confl10n.building.config import cluster_choice, find_config

    project = find_config(options.config)
    where = cluster_choice(project, options.scheduler, options.workers)
    if where is None:
        yield LocalRunner(options, project)
        return
    from confl10n.building.cluster import ClusterRunner, connect

    with connect(where, worker_timeout=options.worker_timeout) as client:
        yield ClusterRunner(client, options, project)


class LocalRunner:
    """Builds on this machine, with the engines the plan created."""

    def __init__(self, options: BuildOptions, project: BuildConfig | None = None) -> None:
        self.options, self.project = options, project

    def plan(self, files: Sequence[str | Path] | None) -> BuildPlan:
        """The checked plan, with this machine's engines."""
        return plan_build(files, self.options, project=self.project)

    def run(
        self,
        plan: BuildPlan,
        *,
        cache: TranslationCache | str | Path | bool = True,
        progress: Progress | None = None,
    ) -> BuildReport:
        """:func:`run_build`."""
        return run_build(plan, cache=cache, progress=progress)


def run_build(
    plan: BuildPlan,
    *,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Prepare every article, then translate, check, assemble and write them one by one.

    Raises :class:`~confl10n.errors.TranslationError` when an engine fails and
    :class:`~confl10n.errors.OutputError` when the output or the cache cannot be
    written; the articles written before stay written.
    """
    from confl10n.translate.cache import open_cache

    started = time.perf_counter()
    meter = Meter(progress, build_steps(plan))
    prepared = [_prepare(entry, plan, meter) for entry in plan.articles]
    reports: list[ArticleReport] = []
    with open_cache(cache) as store:
        for entry in prepared:
            run = ArticleRun(entry, _metered(plan, store or False, meter, entry.slug))
            made = run.bulletins(plan.targets(entry.article.lang))
            reports.append(write_article(entry, made, plan, meter))
    meter.finish(f"built {len(reports)} article(s) into {plan.out}")
    return BuildReport(plan.out, tuple(reports), plan.skipped(), time.perf_counter() - started)


def _prepare(entry: PlannedArticle, plan: BuildPlan, meter: Meter) -> Prepared:
    meter.start(f"{entry.slug}: summarizing")
    style = plan.options.translation.style_dir
    made = prepare(
        entry.article, slug=entry.slug, summary=plan.summary, style=style, source=entry.source
    )
    meter.end()
    return made


def _metered(plan: BuildPlan, store: TranslationCache | bool, meter: Meter, slug: str) -> Translate:
    """The plan's engines translating, each locale one step of the build's progress."""

    def step(locale: str) -> str:
        return f"{slug}: translating to {locale}"

    options, engines = plan.options.translation, plan.engines
    translate = engine_translation(options, engines, store, lambda loc: meter.detail(step(loc)))

    def metered(article: Article, locale: str) -> ArticleTranslation:
        meter.start(step(locale))
        translation = translate(article, locale)
        meter.end()
        return translation

    return metered
