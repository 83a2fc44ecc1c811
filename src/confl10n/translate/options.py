"""``TranslateOptions``: how to translate, as one value made once by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslateOptions:
    """How to translate: which engine, its model and decoding settings, number protection.

    ``engine`` is ``auto`` (Argos where a package can do the pair, else
    Apertium) or a registered engine name; None means ``auto`` (in a build: the
    config file's engine, else ``auto``). ``models_dir``, ``device``,
    ``threads`` (0: CTranslate2 chooses), ``compute_type`` and ``beam_size``
    go to the engines that take them (Argos). ``protect_numbers`` keeps figures
    from the engine and writes them in the target locale's style, with the
    editorial style files of ``style_dir`` (default: the shipped ones).
    Values are checked where they are used: an unknown engine or device is an
    :class:`~confl10n.errors.InvalidOptionError` then.
    """

    engine: str | None = None
    models_dir: str | Path | None = None
    device: str = "cpu"
    threads: int = 0
    compute_type: str = "default"
    beam_size: int = 4
    protect_numbers: bool = True
    style_dir: Path | None = None

    @property
    def engine_choice(self) -> str:
        """The engine name, ``auto`` when none was chosen."""
        return self.engine or "auto"

    def engine_settings(self) -> dict[str, Any]:
        """The run settings engines are created with (each takes the ones it knows)."""
        return {
            "models_dir": self.models_dir,
            "device": self.device,
            "threads": self.threads,
            "compute_type": self.compute_type,
            "beam_size": self.beam_size,
        }
