"""Options the commands share: how to translate (``build`` and ``translate`` take the same
ones) and which cache to use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from confl10n.errors import InvalidOptionError
from confl10n.translate.registry import engine_names

if TYPE_CHECKING:
    from confl10n.translate.options import TranslateOptions

_ENGINES = ", ".join(["auto", *engine_names()])

Engine = Annotated[
    str | None,
    typer.Option("--engine", help=f"{_ENGINES} (auto: Argos, else Apertium)."),
]
ModelsDir = Annotated[str | None, typer.Option("--models-dir", help="Argos packages folder.")]
Device = Annotated[str, typer.Option("--device", help="cpu, cuda or auto.")]
Threads = Annotated[int, typer.Option("--threads", help="CPU threads; 0 lets CTranslate2 choose.")]
ComputeType = Annotated[
    str, typer.Option("--compute-type", help="default, int8, float32, … (CTranslate2).")
]
BeamSize = Annotated[int, typer.Option("--beam-size", help="Beam width.")]
StyleDir = Annotated[
    Path | None,
    typer.Option("--style-dir", help="Editorial style files (<dir>/<locale>/style.toml)."),
]
NoProtectNumbers = Annotated[
    bool,
    typer.Option(
        "--no-protect-numbers", help="Let the engine translate figures (QA still checks)."
    ),
]
HTML_FORMAT = "html"
"""``--format html``: the article is HTML (the short way to say ``--input-format html``)."""


def input_format_for(input_format: str | None, output_format: str) -> str | None:
    """The article's input format: ``--input-format``, or HTML for ``--format html``.

    Raises :class:`~confl10n.errors.InvalidOptionError` when the two disagree.
    """
    if output_format != HTML_FORMAT:
        return input_format
    if input_format not in (None, HTML_FORMAT):
        raise InvalidOptionError(f"--format html reads HTML, not --input-format {input_format}")
    return HTML_FORMAT


InputFormat = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        help="text, markdown, html or docx (default: by the file's suffix, else its content).",
    ),
]
ArticleFile = Annotated[
    str,
    typer.Argument(help="Article file (.txt, .md, .html, .docx), or - for stdin."),
]
KeepBoilerplate = Annotated[
    bool,
    typer.Option(
        "--keep-boilerplate",
        help="Keep trailing site furniture (share buttons, link lists) in the article.",
    ),
]
Cache = Annotated[Path | None, typer.Option("--cache", help="Translation cache file (SQLite).")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Use no cache at all.")]
MaxInputSize = Annotated[
    str,
    typer.Option(
        "--max-input-size",
        help="Largest article accepted, in bytes or with KiB/MiB/GiB (bigger: exit 65).",
    ),
]
DEFAULT_MAX_INPUT_SIZE = "5MiB"
_SIZE = re.compile(r"(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)", re.I)
_SCALE = {"": 1, "b": 1, "k": 2**10, "m": 2**20, "g": 2**30}


def translate_options(
    *,
    engine: str | None,
    models_dir: str | None,
    device: str,
    threads: int,
    compute_type: str,
    beam_size: int,
    style_dir: Path | None,
    no_protect_numbers: bool,
) -> TranslateOptions:
    """The translation options of a command line, as one value (the model options are
    the Argos engine's settings)."""
    from confl10n.translate.argos.settings import ArgosSettings
    from confl10n.translate.options import TranslateOptions

    argos = ArgosSettings(
        models_dir=existing_models_dir(models_dir),
        device=device,
        threads=threads,
        compute_type=compute_type,
        beam_size=beam_size,
    )
    return TranslateOptions(
        engine=engine,
        settings=(argos,),
        protect_numbers=not no_protect_numbers,
        style_dir=style_dir,
    )


def input_size(text: str) -> int:
    """``--max-input-size``'s value in bytes: ``5242880``, ``5MiB``, ``500k``, ``1 GiB``.

    Raises :class:`~confl10n.errors.InvalidOptionError` for anything else, or 0.
    """
    match = _SIZE.fullmatch(text.strip())
    size = int(match.group(1)) * _SCALE[match.group(2)[:1].lower()] if match else 0
    if size < 1:
        raise InvalidOptionError(
            f"--max-input-size {text!r}: give a size such as 5MiB, 500KiB or 1048576 (bytes)"
        )
    return size


def existing_models_dir(models_dir: str | None) -> str | None:
    """``--models-dir`` when it names a folder (or is not given).

    Raises :class:`~confl10n.errors.InvalidOptionError` when it names nothing or a file:
    a mistyped folder is said, not read as "no models installed".
    """
    if models_dir is not None and not Path(models_dir).is_dir():
        what = "is not a folder" if Path(models_dir).exists() else "does not exist"
        raise InvalidOptionError(f"--models-dir {models_dir!r} {what}")
    return models_dir


def cache_choice(cache: Path | None, no_cache: bool) -> Path | bool:
    """``--cache PATH``, ``--no-cache`` (False) or neither (True: the user cache).

    Raises :class:`~confl10n.errors.InvalidOptionError` when both are given.
    """
    if cache is not None and no_cache:
        raise InvalidOptionError("--cache and --no-cache exclude each other")
    return cache if cache is not None else not no_cache
