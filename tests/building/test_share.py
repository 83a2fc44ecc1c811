"""A translation shared among cluster tasks (building/share.py, worker.translate_part).

The worker's functions are plain functions: run here, without Dask, with the kit's tiny
Argos en->zh model. Shared by 2 or 3 part tasks, a translation equals one task's
(timings aside), each sentence reaches the engine once, and the model is loaded once; the
neural translations left over once each worker thread has its whole ones are shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest

from confl10n import BuildOptions, TranslateOptions
from confl10n.building import worker
from confl10n.building.assemble import Prepared
from confl10n.building.cluster import Submit, split_parts
from confl10n.building.plan import BuildPlan, plan_build
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.cache import CacheRows
from confl10n.translate.results import ArticleTranslation
from tests.helpers import Spy

NO_ROWS = CacheRows({}, {})


def kit_plan(tmp_path: Path, files: Sequence[Path], packages: Path) -> BuildPlan:
    translation = TranslateOptions(settings=(ArgosSettings(models_dir=packages, threads=1),))
    options = BuildOptions(
        locales=["zh_CN", "es_ES"], out=tmp_path / "out", translation=translation
    )
    return plan_build(files, options)


@pytest.fixture
def plan(tmp_path: Path, sample_path: Path, argos_packages_dir: Path) -> BuildPlan:
    return kit_plan(tmp_path, [sample_path], argos_packages_dir)


@pytest.fixture
def prepared(plan: BuildPlan) -> Prepared:
    return worker.prepare(plan.articles[0], plan.summary, None)


def untimed(translation: ArticleTranslation) -> ArticleTranslation:
    return replace(translation, provenance=replace(translation.provenance, timings=()))


@pytest.mark.parametrize("count", [2, 3])
def test_a_shared_translation_equals_one_tasks(
    plan: BuildPlan,
    prepared: Prepared,
    count: int,
    argos_packages_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = plan.options.translation
    whole = worker.translate(prepared, "zh_CN", options, NO_ROWS)
    spy = Spy(worker.engines_for(options).get("argos"), monkeypatch)
    parts = [
        worker.translate_part(prepared, "zh_CN", options, NO_ROWS, n, count) for n in range(count)
    ]
    shared = worker.translate(prepared, "zh_CN", options, NO_ROWS, parts)
    assert untimed(shared.translation) == untimed(whole.translation)
    assert shared.stored == whole.stored  # what the client caches
    assert dict(shared.translation.provenance.timings)["parts"] > 0
    # Shares alike and apart, every sentence through the engine once, by a part task.
    sizes = [len(part.outputs) for part in parts]
    assert max(sizes) - min(sizes) <= 1 and min(sizes) > 10
    keys = {key for part in parts for key in part.outputs}
    assert len(keys) == sum(sizes)
    assert sorted(spy.sent) == sorted(sentence for _, _, sentence in keys)
    assert worker.model_loads()[str(argos_packages_dir / "translate-en_zh-1_0")] == 1


def test_only_a_neural_engines_translation_is_shared(plan: BuildPlan, apertium_bin: str) -> None:
    options = plan.options.translation
    assert worker.splits("en", "zh", options) is True
    assert worker.splits("en", "es", options) is False  # Apertium: one quick process a call
    assert worker.splits("en", "fr", options) is False  # no engine: the translation says so


class _HereClient:
    """Runs a cluster build's questions in this process, for ``threads`` worker threads."""

    def __init__(self, threads: int) -> None:
        self.threads = threads

    def submit(self, function: Any, *args: Any, pure: bool) -> Any:
        return function(*args)

    def gather(self, answers: list[Any]) -> list[Any]:
        return answers

    def nthreads(self) -> dict[str, int]:
        return {f"worker-{n}": 1 for n in range(self.threads)}


@pytest.mark.parametrize(
    ("articles", "threads", "parts"),
    [
        (3, 2, [1, 1, 2]),  # two whole side by side, the third in halves
        (1, 3, [3]),
        (7, 2, [1, 1, 1, 1, 1, 1, 2]),
        (8, 2, [1] * 8),
        (3, 1, [1, 1, 1]),
        (2, 4, [2, 2]),  # 4 halves for 4 threads
        (3, 4, [4, 4, 4]),  # 12 quarters, 3 a thread
        (5, 4, [1, 1, 1, 1, 4]),
    ],
)
def test_the_translations_left_over_for_the_threads_are_shared(
    tmp_path: Path,
    sample_path: Path,
    argos_packages_dir: Path,
    articles: int,
    threads: int,
    parts: list[int],
) -> None:
    text = sample_path.read_text(encoding="utf-8")
    files = []
    for number in range(articles):
        files.append(tmp_path / f"variant-{number}.md")
        files[-1].write_text(text.replace("# Newspaper Leaders", f"# Variant {number}: Leaders"))
    plan = kit_plan(tmp_path, files, argos_packages_dir)
    found = split_parts(cast(Any, _HereClient(threads)), plan)
    assert [found[(entry.slug, "zh_CN")] for entry in plan.articles] == parts
    assert {found.get((entry.slug, "es_ES"), 1) for entry in plan.articles} == {1}  # Apertium


class _Recorder:
    """Records what a cluster build submits, for workers ``a`` (2 threads) and ``b`` (1)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def submit(self, function: Any, *args: Any, **options: Any) -> Any:
        self.calls.append(options)
        return len(self.calls)

    def nthreads(self) -> dict[str, int]:
        return {"tcp://b": 1, "tcp://a": 2}


def test_tasks_are_ranked_in_the_order_sent_and_parts_spread_over_the_threads() -> None:
    client = _Recorder()
    submit = Submit(cast(Any, client))
    submit(print, "prepare")
    parts = [submit.spread(print, "part", n) for n in range(4)]
    submit(print, "finish")
    priorities = [call["priority"] for call in client.calls]
    assert priorities == sorted(priorities, reverse=True) and len(set(priorities)) == 6
    assert parts == [2, 3, 4, 5]
    places = [call.get("workers") for call in client.calls]
    assert places == [None, ["tcp://a"], ["tcp://a"], ["tcp://b"], ["tcp://a"], None]
    assert all(call["allow_other_workers"] for call in client.calls[1:5])  # may still move
    assert all(call["pure"] is False for call in client.calls)


def test_a_shared_translation_keeps_the_alignments_markup_is_placed_by(
    tmp_path: Path, aligned_packages: Path
) -> None:
    story = tmp_path / "story.md"
    story.write_text(
        "# The great house\n\nThe great house is [great](https://example.org/).\n\n"
        "The house is *very* red. It is a great house.\n",
        encoding="utf-8",
    )
    translation = TranslateOptions(
        settings=(ArgosSettings(models_dir=aligned_packages, threads=1),)
    )
    options = BuildOptions(locales=["fr_FR"], out=tmp_path / "out", translation=translation)
    plan = plan_build([story], options)
    prepared = worker.prepare(plan.articles[0], plan.summary, None)
    whole = worker.translate(prepared, "fr_FR", translation, NO_ROWS)
    parts = [worker.translate_part(prepared, "fr_FR", translation, NO_ROWS, n, 2) for n in range(2)]
    shared = worker.translate(prepared, "fr_FR", translation, NO_ROWS, parts)
    assert whole.translation.alignments  # the linked sentence needs one
    assert shared.translation.alignments == whole.translation.alignments
