"""Check a build before any work: options, locales, articles, slugs, engines, output folder.

:func:`plan_build` resolves the options (arguments, then ``confl10n.toml``, then
defaults), checks every locale against CLDR, reads every article, gives each a
slug (a collision is an error) and asks the translation pipeline which locales
have an engine. A locale without one is skipped with the command that installs
one — or, with ``strict``, the build stops here, before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from confl10n.building.config import CONFIG_NAME, DEFAULT_LOCALES, BuildConfig, find_config
from confl10n.errors import EngineUnavailableError, InvalidOptionError, OutputError

if TYPE_CHECKING:
    from confl10n.document import Article

DEFAULT_OUT = "output"


@dataclass(frozen=True, slots=True)
class SkippedLocale:
    """A requested locale that was not built, and why (with how to fix it)."""

    locale: str
    reason: str


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to translate and summarize; the engine settings go to the translation pipeline."""

    engine: str = "auto"
    algorithm: str = "lexrank"
    lede: str = "lead"
    models_dir: str | Path | None = None
    device: str = "cpu"
    threads: int = 0
    compute_type: str = "default"
    beam_size: int = 4

    def engine_settings(self) -> dict[str, Any]:
        """The keyword settings an engine is created with."""
        return {
            "models_dir": self.models_dir,
            "device": self.device,
            "threads": self.threads,
            "compute_type": self.compute_type,
            "beam_size": self.beam_size,
        }


@dataclass(frozen=True, slots=True)
class PlannedArticle:
    """An article read and named: its source path, its document and its output slug."""

    source: str
    article: Article
    slug: str


@dataclass(frozen=True, slots=True)
class BuildPlan:
    """A checked build: articles, locales, the locales with no engine, output folder, options.

    ``unavailable`` maps (source language, locale) to why no engine can translate it.
    """

    articles: tuple[PlannedArticle, ...]
    locales: tuple[str, ...]
    out: Path
    options: BuildOptions
    unavailable: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def targets(self, source_lang: str) -> tuple[str, ...]:
        """The locales to build for an article in ``source_lang`` (its own one aside)."""
        return tuple(
            locale
            for locale in self.locales
            if locale != source_lang and (source_lang, locale) not in self.unavailable
        )

    def skipped(self, source_lang: str | None = None) -> tuple[SkippedLocale, ...]:
        """The locales skipped for articles in ``source_lang`` (default: for any article)."""
        found = {
            locale: reason
            for (lang, locale), reason in self.unavailable.items()
            if source_lang in (None, lang)
        }
        return tuple(SkippedLocale(locale, reason) for locale, reason in found.items())


def plan_build(
    files: Sequence[str | Path] | None = None,
    *,
    locales: Sequence[str] | None = None,
    out: str | Path | None = None,
    config: str | Path | None = None,
    engine: str | None = None,
    algorithm: str | None = None,
    models_dir: str | Path | None = None,
    threads: int = 0,
    strict: bool = False,
    lede: str | None = None,
) -> BuildPlan:
    """Check everything a build needs before any work: articles, slugs, locales, engines, output.

    Raises on bad options or input, a slug collision, an output folder that
    cannot be written, and (``strict``) any locale without an engine.
    """
    project = find_config(config)
    options = _options(project, engine, algorithm, lede, models_dir=models_dir, threads=threads)
    if locales is None:
        configured = project.locales if project is not None else None
        locales = configured if configured is not None else DEFAULT_LOCALES
    wanted = _check_locales(locales)
    articles = _read_articles(_sources(files, project))
    unavailable = _unavailable(articles, wanted, options)
    if strict and unavailable:
        reasons = "; ".join(f"{loc}: {why}" for (_, loc), why in unavailable.items())
        raise EngineUnavailableError(f"strict build stopped before writing anything: {reasons}")
    out_dir = Path(out) if out is not None else (project and project.out) or Path(DEFAULT_OUT)
    check_out_dir(out_dir)
    return BuildPlan(articles, wanted, out_dir, options, unavailable)


def check_out_dir(out: Path) -> None:
    """Raise :class:`OutputError` unless ``out`` is, or can be created as, a writable folder."""
    existing = next(p for p in (out.absolute(), *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise OutputError(f"cannot write {out}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {out}: {existing} is not writable")


def _options(
    project: BuildConfig | None,
    engine: str | None,
    algorithm: str | None,
    lede: str | None,
    **settings: Any,
) -> BuildOptions:
    from confl10n.summarize.options import check_algorithm, check_lede_mode

    chosen = algorithm or (project and project.algorithm) or "lexrank"
    return BuildOptions(
        engine=_check_engine(engine or (project and project.engine) or "auto"),
        algorithm=check_algorithm(chosen),
        lede=check_lede_mode(lede or (project and project.lede) or "lead"),
        **settings,
    )


def _check_engine(name: str) -> str:
    """``name`` if it is ``auto`` or a registered engine (checked even if nothing is translated)."""
    from confl10n.translate.registry import engine_names

    choices = ["auto", *engine_names()]
    if name not in choices:
        raise InvalidOptionError(f"unknown engine {name!r}; choose one of: {', '.join(choices)}")
    return name


def _sources(files: Sequence[str | Path] | None, project: BuildConfig | None) -> list[Path]:
    if files:
        return [Path(f) for f in files]
    if project is not None and project.sources:
        return list(project.sources)
    where = f"{project.path} has no [build] sources" if project else f"no {CONFIG_NAME} here"
    raise InvalidOptionError(
        f"no article to build: {where}; name the article files, or give a config file"
    )


def _check_locales(locales: Sequence[str]) -> tuple[str, ...]:
    """The locales in POSIX form (``zh_CN``), each known to CLDR, without repeats."""
    from confl10n.localize.formatting import check_locale

    normal = [locale.strip().replace("-", "_") for locale in locales]
    for locale in normal:
        check_locale(locale)
    return tuple(dict.fromkeys(normal))


def _read_articles(paths: Sequence[Path]) -> tuple[PlannedArticle, ...]:
    """Every article read (all before any work), each with its own slug."""
    from confl10n.bundle import unique_slugs
    from confl10n.text.reader import read_article

    unique = list(dict.fromkeys(path.resolve() for path in paths))
    articles = {str(path): read_article(path) for path in unique}
    slugs = unique_slugs({source: _title_text(a) for source, a in articles.items()})
    return tuple(PlannedArticle(s, a, slugs[s]) for s, a in articles.items())


def _title_text(article: Article) -> str:
    return article.title.text if article.title is not None else article.sentences[0].text


def _unavailable(
    articles: Sequence[PlannedArticle], locales: Sequence[str], options: BuildOptions
) -> dict[tuple[str, str], str]:
    """Why each (source language, locale) pair that no engine can do is impossible."""
    from confl10n.translate.langcodes import language_for_locale

    missing = {}
    for source in dict.fromkeys(entry.article.lang for entry in articles):
        for locale in locales:
            target = language_for_locale(locale)
            if target != language_for_locale(source):
                reason = _engine_problem(source, target, options)
                if reason is not None:
                    missing[(source, locale)] = reason
    return missing


def _engine_problem(source: str, target: str, options: BuildOptions) -> str | None:
    """None if an engine can translate ``source`` -> ``target``, else why not and what to do."""
    from confl10n.errors import UnsupportedLanguageError
    from confl10n.translate.pipeline import language_code, pick_engine

    try:
        pick_engine(
            options.engine, language_code(source), language_code(target), options.engine_settings()
        )
    except (EngineUnavailableError, UnsupportedLanguageError) as exc:
        return str(exc)  # names the pair and what installs an engine for it
    return None
