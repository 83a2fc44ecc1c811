"""``confl10n build`` on a Dask cluster: the same build, its work spread over workers.

The client (this process) plans the build as a local build does, asking a worker
which locales have an engine (models live on the workers). It then sends one task
per article (summary and figures) and one per article × locale (translation), each
with the client's cached rows for its sentences; workers run them with engines they
load once per process (:mod:`confl10n.building.worker`); the last neural
translations, those too few to keep every worker busy to the end, are each shared by
several tasks (:func:`split_parts`, :mod:`confl10n.building.share`). As each article's tasks
finish, the client stores the new translations in its cache and assembles and
writes the article's folder atomically, exactly as a local build does, so the
output is the same byte for byte (timings aside).

Faults: a task whose worker dies is run again on another worker by the scheduler
(the client sees its result once); an article whose task fails is reported in
:attr:`BuildReport.failures` and the others are written; a scheduler that cannot be
reached, or no Dask, is a :class:`~confl10n.errors.ClusterError` before any work.
Losing the scheduler mid-build, or every worker for ``worker_timeout`` seconds, is a
:class:`~confl10n.errors.ClusterError` too: the articles written before stay, the
others are not started on disk (each folder is swapped in whole). Dask's own log
lines are silenced while a cluster build runs: its faults come back as ours.

The one module that imports Dask, and only when a cluster build runs.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from confl10n.building import worker
from confl10n.building.article import ArticleRun, Translate
from confl10n.building.plan import plan_build
from confl10n.building.report import (
    ArticleFailure,
    ArticleReport,
    BuildReport,
    Meter,
    Progress,
    build_steps,
    write_article,
)
from confl10n.errors import ClusterError, Confl10nError, InvalidOptionError, TranslationError
from confl10n.extras import require

if TYPE_CHECKING:
    from collections.abc import Sequence

    from distributed import Client, Future

    from confl10n.building.assemble import Prepared
    from confl10n.building.config import BuildConfig
    from confl10n.building.options import BuildOptions
    from confl10n.building.plan import BuildPlan, EngineProbe, PlannedArticle
    from confl10n.translate.cache import CacheRows, TranslationCache
    from confl10n.translate.options import TranslateOptions

CONNECT_SECONDS = 5.0
"""How long to try reaching a scheduler before giving up."""

WORKER_SECONDS = 60.0
"""How long to wait with no worker, by default (``BuildOptions.worker_timeout``)."""

POLL_SECONDS = 0.1
"""How often a cluster build looks at its tasks, scheduler and workers while it waits."""

UNTRIMMED = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
"""Dask starts worker processes with ``MALLOC_TRIM_THRESHOLD_=65536``, which halves
CTranslate2's speed (measured here: 17-20 s -> 35-49 s for the sample with a
Transformer-base model); None leaves glibc's own, adaptive, threshold."""

QUIET: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings of a ``--workers N`` cluster (its scheduler, nannies and workers get them).
Dask's defaults serve its dashboard: a sampling profiler in each worker, every event loop
woken 50 times a second to check its health, system and memory sampled 2 and 10 times a
second. An idle cluster of 2 workers used 7% of a core with them, 1% with these: CPU
that a build's workers need (two of them fill a 2-core machine)."""

FORKSERVER = "distributed.worker.multiprocessing-method"
"""Dask's setting for how a nanny starts its worker process: ``spawn`` by default, a new
interpreter importing Dask each time. A ``--workers N`` cluster forks its workers from
one server process that imported Dask once instead, where the platform can; measured
here: 0.8 s of CPU against 1.2 s to start 2 workers, and a worker leaves at once rather
than unwinding its interpreter (0.1 s against 0.3-0.9 s to close the cluster)."""


class ClusterRunner:
    """Builds on the Dask cluster of ``client``: plans with the workers' engines, runs
    there, writes here (see :func:`run_on_cluster`)."""

    def __init__(
        self, client: Client, options: BuildOptions, project: BuildConfig | None = None
    ) -> None:
        self.client, self.options, self.project = client, options, project

    def plan(self, files: Sequence[str | Path] | None) -> BuildPlan:
        """The checked plan, asking a worker which locales have an engine."""
        probe = remote_probe(self.client)
        return plan_build(files, self.options, probe=probe, project=self.project)

    def run(
        self,
        plan: BuildPlan,
        *,
        cache: TranslationCache | str | Path | bool = True,
        progress: Progress | None = None,
    ) -> BuildReport:
        """:func:`run_on_cluster` with this runner's client."""
        return run_on_cluster(plan, self.client, cache=cache, progress=progress)


@contextmanager
def connect(where: str | int, *, worker_timeout: float = WORKER_SECONDS) -> Iterator[Client]:
    """A Dask client of the scheduler at ``where`` (``tcp://HOST:8786``), or of a new local
    cluster of ``where`` worker processes (one thread each), closed on exit.

    Raises :class:`EngineUnavailableError` without the cluster extra, and
    :class:`ClusterError` when the scheduler cannot be reached within
    :data:`CONNECT_SECONDS` or has no worker within ``worker_timeout`` seconds;
    :class:`~confl10n.errors.InvalidOptionError` for a ``worker_timeout`` not above 0.
    """
    if not worker_timeout > 0:
        raise InvalidOptionError(f"--worker-timeout must be above 0, got {worker_timeout:g}")
    require("cluster", "a cluster build (--workers, --scheduler)")
    import dask
    import distributed

    with _quiet_dask():
        yield from _connected(dask, distributed, where, worker_timeout)


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's loggers silenced for the block: a lost scheduler or worker is reported by the
    build in one line, not by Dask's reconnection errors and tracebacks."""
    loggers = [logging.getLogger(name) for name in _dask_logger_names()]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _dask_logger_names() -> list[str]:
    """Every logger of Dask and the libraries it runs on (each may have its own level)."""
    prefixes = ("distributed", "dask", "tornado", "asyncio")
    known = list(logging.Logger.manager.loggerDict)
    return [name for name in [*prefixes, *known] if name.split(".")[0] in prefixes]


def _connected(dask: Any, distributed: Any, where: str | int, wait: float) -> Iterator[Client]:
    if isinstance(where, int):
        with _local(dask, distributed, where) as client:
            yield client
        return
    with _remote(distributed, where, wait) as client:
        yield client


@contextmanager
def _local(dask: Any, distributed: Any, workers: int) -> Iterator[Client]:
    """A client of a new cluster of ``workers`` processes here, one thread each."""
    # No dashboard; the scheduler's own HTTP server on any free loopback port (its
    # default, 8787, is often taken, and then Dask warns).
    quiet = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
    # A forked worker starts with the environment the server started with (the client's at
    # its first cluster): the client's present variables go along, as a spawned worker
    # would inherit them (one the client removed since is not removed there).
    environment = dict(os.environ)
    with (
        dask.config.set(local_config()),
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs=quiet,
            env=environment,
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


def local_config() -> dict[str, object]:
    """The Dask settings of a ``--workers N`` cluster: :data:`UNTRIMMED` unset,
    :data:`QUIET`, and workers forked (:data:`FORKSERVER`) where the platform can."""
    import multiprocessing

    forked = "forkserver" in multiprocessing.get_all_start_methods()
    return {UNTRIMMED: None, **QUIET, **({FORKSERVER: "forkserver"} if forked else {})}


@contextmanager
def _remote(distributed: Any, address: str, wait: float) -> Iterator[Client]:
    check_address(address)
    _check_scheduler(address)
    client = _client(address)
    with client:
        try:
            client.wait_for_workers(1, timeout=wait)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"the Dask scheduler at {address} has no worker after {wait:g} s"
            ) from exc
        yield client


_ADDRESS_HINT = "give tcp://HOST:8786"


def check_address(address: str) -> None:
    """Nothing if ``address`` is a Dask address this process can connect to.

    Raises :class:`~confl10n.errors.InvalidOptionError` (before any connection) for an
    unknown or unusable scheme (``nonsense://x``, ``ucx://``), a malformed location (no
    port, a port out of range) or an ``inproc://`` address of another process.
    """
    from distributed.comm.addressing import parse_address
    from distributed.comm.registry import get_backend

    scheme, location = parse_address(address, strict=False)
    unsupported = InvalidOptionError(
        f"unsupported scheme {scheme}:// in the Dask scheduler address {address!r}; "
        + _ADDRESS_HINT
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the removed ucx backend warns, then raises that
        try:
            backend = get_backend(scheme)
        except Exception as exc:  # Dask's ValueError, or the removed backend's own
            raise unsupported from exc
        try:
            backend.get_address_host(location)  # inproc: also that it is this process's
            port = _port(backend, location)
        except ValueError as exc:
            raise InvalidOptionError(
                f"malformed Dask scheduler address {address!r} ({exc}); {_ADDRESS_HINT}"
            ) from exc
        except Exception as exc:  # a backend that cannot be used at all (ucx)
            raise unsupported from exc
    if port is not None and not 0 < port < 2**16:
        raise InvalidOptionError(
            f"malformed Dask scheduler address {address!r} (port {port}); {_ADDRESS_HINT}"
        )


def _port(backend: Any, location: str) -> int | None:
    try:
        port: int = backend.get_address_host_port(location)[1]
    except NotImplementedError:  # inproc addresses have no port
        return None
    return port


def _check_scheduler(address: str) -> None:
    """Nothing if a Dask scheduler answers at ``address`` within :data:`CONNECT_SECONDS`.

    Asked before a Client is made: a Client whose start fails is left open by Dask (its
    ``__del__`` then waits 10 s and prints a traceback), and one talking to a server that
    answers in another protocol may wait for ever or read the bytes as a frame size.
    Raises :class:`~confl10n.errors.ClusterError` for no answer, or not a scheduler's.
    """
    import asyncio

    try:
        answer = asyncio.run(asyncio.wait_for(_identity(address), CONNECT_SECONDS))
    except TimeoutError as exc:  # before OSError, which it is
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: no answer within {CONNECT_SECONDS:g} s"
        ) from exc
    except OSError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from exc
    except Exception as exc:  # what the bytes of another protocol decode to (MemoryError, …)
        raise ClusterError(
            f"{address} is no Dask scheduler: what answers there does not speak Dask's protocol"
        ) from exc
    kind = answer.get("type") if isinstance(answer, dict) else None
    if kind != "Scheduler":
        what = f"a Dask {kind}" if isinstance(kind, str) else "something else"
        raise ClusterError(f"{address} is no Dask scheduler: {what} answers there")


async def _identity(address: str) -> object:
    """What the Dask server at ``address`` says it is (``{"type": "Scheduler", …}``)."""
    from distributed.comm import connect as open_comm

    comm = await open_comm(address, timeout=CONNECT_SECONDS)
    try:
        await comm.write({"op": "identity", "reply": True})
        answer: object = await comm.read()
    finally:
        comm.abort()
    return answer


def _client(address: str) -> Client:
    """A Client of the scheduler at ``address``, closed at once if it fails to start (Dask
    leaves such a client open; its ``__del__`` would wait 10 s and print a traceback).

    Raises :class:`~confl10n.errors.ClusterError` when it cannot connect.
    """
    from distributed import Client

    class ClosingClient(Client):  # type: ignore[misc]  # Dask is Any to mypy (pyproject)
        def start(self, **kwargs: Any) -> None:
            try:
                super().start(**kwargs)
            except BaseException:
                with suppress(Exception):
                    self.close(timeout=CONNECT_SECONDS)
                raise

    try:
        return ClosingClient(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, or Dask reading a bad answer
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from exc


def remote_probe(client: Client) -> EngineProbe:
    """Ask a worker whether an engine there translates a pair (for :func:`plan_build`)."""

    def probe(source: str, target: str, options: BuildOptions) -> str | None:
        translation = options.translation
        future = client.submit(worker.engine_problem, source, target, translation, pure=False)
        try:
            answer: str | None = future.result()
        except Exception as exc:  # a cancelled future, a closed connection: Dask's own types
            raise ClusterError(f"the Dask cluster failed while planning: {exc!r}") from exc
        return answer

    return probe


def run_on_cluster(
    plan: BuildPlan,
    client: Client,
    *,
    cache: TranslationCache | str | Path | bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Run ``plan`` on ``client``'s workers and write every article as a local build does."""
    from confl10n.translate.cache import open_cache

    started = time.perf_counter()
    meter = Meter(progress, build_steps(plan))
    done: dict[str, ArticleReport | ArticleFailure] = {}
    with open_cache(cache) as store:
        parts = split_parts(client, plan)
        submit = Submit(client)
        jobs = [_Job(entry, plan, submit, store, parts) for entry in plan.articles]
        owner = {future.key: job for job in jobs for future in job.futures()}
        futures = [f for job in jobs for f in job.futures()]
        watch = _Watch(client, plan.options.worker_timeout, done, len(jobs))
        for future in watch.completed(futures):
            job = owner[future.key]
            if job.is_step(future):
                meter.end()
            meter.start(job.label(future))
            if job.finished():
                done[job.entry.slug] = watch.finish(job, store, meter)
    meter.finish(f"built {len(done)} article(s) into {plan.out}")
    results = [done[entry.slug] for entry in plan.articles]
    return BuildReport(
        plan.out,
        tuple(r for r in results if isinstance(r, ArticleReport)),
        plan.skipped(),
        time.perf_counter() - started,
        tuple(r for r in results if isinstance(r, ArticleFailure)),
    )


def split_parts(client: Client, plan: BuildPlan) -> dict[tuple[str, str], int]:
    """How many tasks share each translation, by (article slug, locale).

    Of the translations whose engine splits its work (a neural one), the last ones, those
    left over once every worker thread has had as many whole ones (their count modulo the
    threads), are each shared by as many tasks as spread them evenly over the threads;
    every other translation is one task. 3 articles on 2 workers: the first two are
    translated whole side by side, the third in two halves; were all three halved, every
    article's last task would wait for a thread until the end, and its writing too.
    """
    wanted = [
        (e.slug, e.article.lang, loc) for e in plan.articles for loc in plan.targets(e.article.lang)
    ]
    pairs = list(dict.fromkeys((lang, loc) for _, lang, loc in wanted))
    splitting = _splitting(client, pairs, plan.options.translation)
    neural = [(slug, loc) for slug, lang, loc in wanted if (lang, loc) in splitting]
    threads = max(sum(client.nthreads().values()), 1)
    left = len(neural) % threads
    shared = set(neural[len(neural) - left :])
    parts = threads // math.gcd(left, threads)
    return {(slug, loc): parts if (slug, loc) in shared else 1 for slug, _, loc in wanted}


def _splitting(
    client: Client, pairs: Sequence[tuple[str, str]], options: TranslateOptions
) -> set[tuple[str, str]]:
    """The (source language, locale) pairs whose engine splits its work, asked of a worker."""
    from confl10n.languages import argos_language

    asked = [(lang, argos_language(locale), options) for lang, locale in pairs]
    futures = [client.submit(worker.splits, *args, pure=False) for args in asked]
    try:
        answers: list[bool] = client.gather(futures)
    except Exception as exc:  # a cancelled future, a closed connection: Dask's own types
        raise ClusterError(f"the Dask cluster failed while planning: {exc!r}") from exc
    return {pair for pair, splits in zip(pairs, answers, strict=True) if splits}


class Submit:
    """``client.submit`` in the build's order: each call's tasks come after the earlier
    calls' on a worker (Dask gives calls less than 100 ms apart the same priority, and
    then a worker may run an article's last translation after the next articles' tasks,
    and the article is written at the end)."""

    def __init__(self, client: Client) -> None:
        self.client, self.order = client, itertools.count(0, -1)
        slots = [address for address, n in sorted(client.nthreads().items()) for _ in range(n)]
        self.slots = itertools.cycle(slots or [None])

    def __call__(self, function: Callable[..., Any], *args: Any) -> Future:
        """``function(*args)`` on a worker, after every task submitted before."""
        return self.client.submit(function, *args, pure=False, priority=next(self.order))

    def spread(self, function: Callable[..., Any], *args: Any) -> Future:
        """``function(*args)`` as :meth:`__call__`, meant for the next worker thread in turn:
        a translation's parts go to different workers, where Dask would queue them all on
        the worker holding the article (its other workers then wait for Dask to move one,
        a second or more); a busy or lost worker's part may still move."""
        slot = next(self.slots)
        where = {} if slot is None else {"workers": [slot], "allow_other_workers": True}
        return self.client.submit(function, *args, pure=False, priority=next(self.order), **where)


class _Watch:
    """Futures as they finish, while watching that the cluster can still finish them."""

    def __init__(
        self, client: Client, worker_timeout: float, done: dict[str, Any], articles: int
    ) -> None:
        self.client, self.worker_timeout = client, worker_timeout
        self.address = str(client.scheduler.address)
        self.done, self.articles = done, articles
        self.no_worker_since: float | None = None

    def completed(self, futures: Iterable[Future]) -> Iterator[Future]:
        """Each of ``futures`` once it is finished, failed or (lost with the scheduler)
        cancelled; raises :class:`ClusterError` when the scheduler or every worker is lost."""
        pending = list(futures)
        while pending:
            finished = [f for f in pending if f.done()]
            pending = [f for f in pending if f not in finished]
            if any(f.status == "cancelled" for f in finished) or self.client.status != "running":
                raise self._lost(f"lost the Dask scheduler at {self.address}")
            yield from finished
            self._check_workers()
            if pending and not finished:
                time.sleep(POLL_SECONDS)

    def finish(
        self, job: _Job, store: TranslationCache | None, meter: Meter
    ) -> ArticleReport | ArticleFailure:
        """``job.finish``; a Dask error on fetching its results is a lost cluster (the
        client may not know yet that its scheduler is gone)."""
        try:
            return job.finish(store, meter)
        except Exception as exc:
            from_dask = type(exc).__module__.partition(".")[0] == "distributed"
            if isinstance(exc, Confl10nError) or not (from_dask or self.client.status != "running"):
                raise
            raise self._lost(f"lost the Dask scheduler at {self.address}") from exc

    def _check_workers(self) -> None:
        if self.client.scheduler_info().get("workers"):
            self.no_worker_since = None
            return
        now = time.monotonic()
        self.no_worker_since = self.no_worker_since or now
        if now - self.no_worker_since >= self.worker_timeout:
            raise self._lost(f"no Dask worker left for {self.worker_timeout:g} s")

    def _lost(self, what: str) -> ClusterError:
        written = sum(isinstance(r, ArticleReport) for r in self.done.values())
        return ClusterError(
            f"{what}: {written} of {self.articles} article(s) written, the others not;"
            " run the build again for them"
        )


class _Job:
    """One article's tasks on the cluster, then its assembly and writing on the client."""

    def __init__(
        self,
        entry: PlannedArticle,
        plan: BuildPlan,
        submit: Submit,
        store: TranslationCache | None,
        parts: Mapping[tuple[str, str], int],
    ) -> None:
        self.entry, self.plan, self.submit = entry, plan, submit
        self.rows = cached_rows(store, entry)
        options = plan.options.translation
        self.prepare = submit(worker.prepare, entry, plan.summary, options.style_dir)
        targets = plan.targets(entry.article.lang)
        self.parts = {loc: self._parts(loc, parts[(entry.slug, loc)]) for loc in targets}
        self.translations = {
            locale: submit(worker.translate, self.prepare, locale, options, self.rows, shares)
            for locale, shares in self.parts.items()
        }

    def _parts(self, locale: str, count: int) -> list[Future]:
        """The tasks sharing the translation to ``locale`` (none for a count of 1)."""
        args = (self.prepare, locale, self.plan.options.translation, self.rows)
        if count == 1:
            return []
        return [self.submit.spread(worker.translate_part, *args, n, count) for n in range(count)]

    def futures(self) -> list[Future]:
        shares = (f for futures in self.parts.values() for f in futures)
        return [self.prepare, *shares, *self.translations.values()]

    def is_step(self, future: Future) -> bool:
        """Whether ``future`` is a step of the progress line (a part task is not)."""
        return all(f.key != future.key for futures in self.parts.values() for f in futures)

    def label(self, future: Future) -> str:
        """What a finished task did, for the progress line."""
        slug = self.entry.slug
        if future.key == self.prepare.key:
            return f"{slug}: summarized"
        for locale, futures in self.parts.items():
            keys = [f.key for f in futures]
            if future.key in keys:
                part = f"part {keys.index(future.key) + 1} of {len(keys)}"
                return f"{slug}: translated {part} to {locale}"
        locale = next(loc for loc, f in self.translations.items() if f.key == future.key)
        return f"{slug}: translated to {locale}"

    def finished(self) -> bool:
        return all(future.done() for future in self.futures())

    def finish(
        self, store: TranslationCache | None, meter: Meter
    ) -> ArticleReport | ArticleFailure:
        """Cache what the workers translated, then assemble and write the article's folder."""
        failed = next((f for f in self.futures() if f.status != "finished"), None)
        if failed is not None:
            return self._failure(failed)
        prepared: Prepared = self.prepare.result()
        results: dict[str, worker.Translated] = {
            locale: future.result() for locale, future in self.translations.items()
        }
        for context, items in (s for r in results.values() for s in r.stored):
            if store is not None:
                store.store(context, items)
        targets = self.plan.targets(prepared.article.lang)
        made = ArticleRun(prepared, _made_by(results)).bulletins(targets)
        report = write_article(prepared, made, self.plan, meter)
        seconds = {f"translate {loc}": r.seconds for loc, r in results.items()}
        return replace(report, timings=tuple((s, seconds.get(s, t)) for s, t in report.timings))

    def _failure(self, future: Future) -> ArticleFailure:
        error = future.exception() if future.status == "error" else None
        message = str(error) if error is not None else f"task {future.status}"
        code = getattr(error, "exit_code", TranslationError.exit_code)
        slug = self.entry.slug
        return ArticleFailure(self.entry.source, slug, f"{slug}: {message}", code)


def _made_by(results: dict[str, worker.Translated]) -> Translate:
    """The translation function of an article whose translations the workers made."""
    return lambda _article, locale: results[locale].translation


def cached_rows(store: TranslationCache | None, entry: PlannedArticle) -> CacheRows:
    """The client's cached rows for the article's sentences, and for their cached
    translations (the second step of a translation through a pivot language)."""
    from confl10n.translate.cache import CacheRows

    if store is None:
        return CacheRows({}, {})
    first = store.rows_for([unit.text for unit in entry.article.units()])
    targets = [r.target for r in first.machine.values()] + list(first.approved.values())
    return first.merged(store.rows_for(targets))
