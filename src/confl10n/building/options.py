"""``BuildOptions``: what to build and how, as one value made once by the caller."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.text.reader import DEFAULT_MAX_INPUT
from confl10n.translate.options import TranslateOptions

if TYPE_CHECKING:
    from confl10n.summarize.options import SummaryOptions


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """A build's options; what is left as None comes from ``confl10n.toml``, then defaults.

    ``locales``: the target locales (``[]`` builds only the source-language
    bulletin); ``out``: the output folder; ``config``: the project config
    (default: ``./confl10n.toml`` if there is one); ``summary``: how to summarize
    (:class:`~confl10n.summarize.options.SummaryOptions`; its ``algorithm`` and
    ``lede_mode`` left as None come from the config's ``algorithm`` and ``lede``);
    ``strict``: fail before writing anything if a locale has no
    engine; ``translation``: every translation option ``translate_article``
    takes (engine, each engine's settings, number protection, style folder).
    ``scheduler`` (a Dask address, ``tcp://HOST:8786``) or
    ``workers`` (a local Dask cluster of that many processes) runs the build on a
    cluster (:mod:`confl10n.building.cluster`); None for both: the config's, else here.
    ``worker_timeout``: seconds a cluster build waits with no worker (at the start, or
    after losing them all) before it stops with a ``ClusterError``. ``max_input_size``:
    the largest article file read, in bytes (a bigger one is an ``InputError``).
    ``keep_boilerplate`` keeps each article's trailing site furniture
    (:mod:`confl10n.text.boilerplate`).
    An article's folder keeps the locale folders this build does not write (and any
    file a reviewer put there); ``clean`` removes those locale folders instead.
    """

    locales: Sequence[str] | None = None
    out: str | Path | None = None
    config: str | Path | None = None
    summary: SummaryOptions = field(default_factory=lambda: _default_summary())
    strict: bool = False
    translation: TranslateOptions = field(default_factory=TranslateOptions)
    scheduler: str | None = None
    workers: int | None = None
    worker_timeout: float = 60.0
    max_input_size: int = DEFAULT_MAX_INPUT
    keep_boilerplate: bool = False
    clean: bool = False


def _default_summary() -> SummaryOptions:
    """Summary defaults, imported on first use: options stay light to import."""
    from confl10n.summarize.options import SummaryOptions

    return SummaryOptions()
