"""Check a build before any work: options, locales, articles, slugs, engines, output folder.

:func:`plan_build` resolves the options (arguments, then ``confl10n.toml``, then
defaults), checks every locale against CLDR, reads every article, gives each a
slug (a collision is an error) and asks the translation pipeline which locales
have an engine. A locale without one is skipped with the command that installs
one — or, with ``strict``, the build stops here, before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from confl10n.building.config import CONFIG_NAME, DEFAULT_LOCALES, BuildConfig, find_config
from confl10n.building.options import BuildOptions
from confl10n.errors import EngineUnavailableError, InvalidOptionError, OutputError
from confl10n.translate.engines import Engines

if TYPE_CHECKING:
    from confl10n.document import Article
    from confl10n.summarize.options import SummaryOptions

DEFAULT_OUT = "output"

EngineProbe = Callable[[str, str, BuildOptions], "str | None"]
"""Called as ``probe(source, target, options)`` with resolved options: None if an engine
can translate the pair there, else why not and what installs one (a cluster build asks
its workers)."""


@dataclass(frozen=True, slots=True)
class SkippedLocale:
    """A requested locale that was not built, and why (with how to fix it)."""

    locale: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlannedArticle:
    """An article read and named: its source path, its document and its output slug."""

    source: str
    article: Article
    slug: str


@dataclass(frozen=True, slots=True)
class BuildPlan:
    """A checked build: articles, locales, the locales with no engine, output folder, options.

    ``options`` are resolved (engine and algorithm from the config or the
    defaults; locales and out as the fields here); ``unavailable`` maps
    (source language, locale) to why no engine can translate it; ``engines``
    are the ones planning created, for the build to reuse.
    """

    articles: tuple[PlannedArticle, ...]
    locales: tuple[str, ...]
    out: Path
    options: BuildOptions
    unavailable: Mapping[tuple[str, str], str] = field(default_factory=dict)
    engines: Engines = field(default_factory=Engines)

    @property
    def summary(self) -> SummaryOptions:
        """How every article is summarized (algorithm and lede mode resolved)."""
        return self.options.summary

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
    options: BuildOptions | None = None,
    *,
    probe: EngineProbe | None = None,
    project: BuildConfig | None = None,
) -> BuildPlan:
    """Check everything a build needs before any work: articles, slugs, locales, engines, output.

    ``files`` default to the config's ``sources``; engines are looked for here, or by
    ``probe`` when one is given. ``project`` is the config already read (by a
    runner, :func:`~confl10n.building.build.open_runner`); None reads
    ``options.config`` (or ``./confl10n.toml``) here. Raises
    :class:`~confl10n.errors.InvalidOptionError` for a bad option or locale, an
    unknown engine or no article to build; :class:`~confl10n.errors.InputError`
    for an unreadable article or config and a slug collision;
    :class:`~confl10n.errors.OutputError` for an output folder that cannot be
    written; :class:`~confl10n.errors.EngineUnavailableError` (``strict`` only)
    for any locale without an engine.
    """
    asked = options or BuildOptions()
    project = project if project is not None else find_config(asked.config)
    resolved = _resolve(asked, project)
    wanted = _check_locales(resolved.locales or (), resolved.translation.style_dir)
    articles = _read_articles(
        _sources(files, project),
        keep_boilerplate=asked.keep_boilerplate,
        max_bytes=asked.max_input_size,
    )
    engines = Engines(resolved.translation.settings)
    unavailable = _unavailable(articles, wanted, _problems(probe, resolved, engines))
    if resolved.strict and unavailable:
        reasons = "; ".join(f"{loc}: {why}" for (_, loc), why in unavailable.items())
        raise EngineUnavailableError(f"strict build stopped before writing anything: {reasons}")
    out_dir = Path(resolved.out or DEFAULT_OUT)
    check_out_dir(out_dir)
    return BuildPlan(articles, wanted, out_dir, resolved, unavailable, engines)


def check_out_dir(out: Path) -> None:
    """Raise :class:`OutputError` unless ``out`` is, or can be created as, a writable folder."""
    for folder in (out.absolute(), *out.absolute().parents):
        if folder.is_symlink() and not folder.exists():  # mkdir would say "File exists"
            target = folder.readlink()
            raise OutputError(
                f"cannot write {out}: {folder} links to {target}, which does not exist"
            )
    existing = next(p for p in (out.absolute(), *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise OutputError(f"cannot write {out}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {out}: {existing} is not writable")


def _resolve(options: BuildOptions, project: BuildConfig | None) -> BuildOptions:
    """``options`` with what they leave open taken from the config file, then the defaults."""
    from confl10n.translate.registry import check_engine_choice

    config = project or BuildConfig(Path(CONFIG_NAME))
    engine = options.translation.engine or config.engine or "auto"
    locales = options.locales if options.locales is not None else config.locales
    return replace(
        options,
        locales=locales if locales is not None else DEFAULT_LOCALES,
        out=options.out if options.out is not None else config.out,
        summary=replace(
            options.summary,
            algorithm=options.summary.algorithm or config.algorithm,
            lede_mode=options.summary.lede_mode or config.lede,
        ).checked(),
        translation=replace(options.translation, engine=check_engine_choice(engine)),
    )


def _sources(files: Sequence[str | Path] | None, project: BuildConfig | None) -> list[Path]:
    if files:
        return [Path(f) for f in files]
    if project is not None and project.sources:
        return list(project.sources)
    where = f"{project.path} has no [build] sources" if project else f"no {CONFIG_NAME} here"
    raise InvalidOptionError(
        f"no article to build: {where}; name the article files, or give a config file"
    )


def _check_locales(locales: Sequence[str], style_dir: Path | None) -> tuple[str, ...]:
    """The locales as output folders name them (``es-ES`` -> ``es_ES``, ``ZH-hant`` ->
    ``zh_Hant``), each resolved once (:func:`~confl10n.localize.target.locale_target`:
    unknown ones fail with close matches), two spellings of one locale as one."""
    from confl10n.localize.target import locale_target

    return tuple(dict.fromkeys(locale_target(typed, style_dir=style_dir).tag for typed in locales))


def _read_articles(
    paths: Sequence[Path], *, keep_boilerplate: bool, max_bytes: int
) -> tuple[PlannedArticle, ...]:
    """Every article read (all before any work, none over ``max_bytes``), each with its own
    slug."""
    from confl10n.bundle import unique_slugs
    from confl10n.text.reader import read_article

    unique = list(dict.fromkeys(path.resolve() for path in paths))
    articles = {
        str(p): read_article(p, keep_boilerplate=keep_boilerplate, max_bytes=max_bytes)
        for p in unique
    }
    slugs = unique_slugs({source: _title_text(a) for source, a in articles.items()})
    return tuple(PlannedArticle(s, a, slugs[s]) for s, a in articles.items())


def _title_text(article: Article) -> str:
    return article.title.text if article.title is not None else article.sentences[0].text


def _problems(
    probe: EngineProbe | None, resolved: BuildOptions, engines: Engines
) -> Callable[[str, str], str | None]:
    """What says why a pair cannot be translated: ``probe``, else this machine's engines."""
    if probe is not None:
        return lambda source, target: probe(source, target, resolved)
    choice = resolved.translation.engine_choice
    return lambda source, target: engine_problem(source, target, choice, engines)


def _unavailable(
    articles: Sequence[PlannedArticle],
    locales: Sequence[str],
    problem: Callable[[str, str], str | None],
) -> dict[tuple[str, str], str]:
    """Why each (source language, locale) pair that no engine can do is impossible."""
    from confl10n.languages import argos_language

    missing = {}
    for source in dict.fromkeys(entry.article.lang for entry in articles):
        for locale in locales:
            target = argos_language(locale)
            if target != argos_language(source):
                reason = problem(source, target)
                if reason is not None:
                    missing[(source, locale)] = reason
    return missing


def engine_problem(source: str, target: str, choice: str, engines: Engines) -> str | None:
    """None if an engine can translate ``source`` -> ``target``, else why not and what to do."""
    from confl10n.errors import UnsupportedLanguageError
    from confl10n.languages import language_code

    try:
        engines.pick(choice, language_code(source), language_code(target))
    except (EngineUnavailableError, UnsupportedLanguageError) as exc:
        return str(exc)  # names the pair and what installs an engine for it
    return None
