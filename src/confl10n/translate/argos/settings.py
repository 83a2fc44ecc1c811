"""``ArgosSettings``: the Argos engine's run settings, typed and owned here.

The core (:class:`~confl10n.translate.options.TranslateOptions`, the registry, the
build) carries them as an opaque :class:`~confl10n.translate.engine.EngineSettings`
and never names a field: a misspelt setting is a type error where it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True, kw_only=True)
class ArgosSettings:
    """How the Argos engine runs: ``models_dir`` (the packages folder; default:
    ``CONFL10N_MODELS_DIR``, ``ARGOS_PACKAGES_DIR``, else the user's data folder),
    ``device`` (``cpu``, ``cuda``, ``auto``), ``threads`` (0: CTranslate2 chooses),
    ``compute_type``, ``beam_size`` and ``batch_tokens`` (the most tokens CTranslate2
    decodes at once: its memory grows with them). Checked when the engine is made
    (:class:`~confl10n.errors.InvalidOptionError`)."""

    ENGINE: ClassVar[str] = "argos"

    models_dir: str | Path | None = None
    device: str = "cpu"
    threads: int = 0
    compute_type: str = "default"
    beam_size: int = 4
    batch_tokens: int = 1024

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of :class:`~confl10n.translate.argos.engine.ArgosEngine`."""
        return {
            "models_dir": self.models_dir,
            "device": self.device,
            "threads": self.threads,
            "compute_type": self.compute_type,
            "beam_size": self.beam_size,
            "batch_tokens": self.batch_tokens,
        }

    def fingerprint(self) -> list[tuple[str, int, int]]:
        """Name, size and change time of every installed package's metadata and model
        file in the packages folder (cheap: stat), to tell when it changed."""
        from confl10n.translate.argos.packages import models_dir

        folder = models_dir(self.models_dir)
        if not folder.is_dir():
            return []
        files = [*folder.glob("*/metadata.json"), *folder.glob("*/model/model.bin")]
        return [(str(f.relative_to(folder)), *_stat(f)) for f in sorted(files)]


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns
