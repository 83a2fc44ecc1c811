"""``TranslateOptions``: how to translate, as one value made once by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from confl10n.errors import InvalidOptionError

if TYPE_CHECKING:
    from confl10n.translate.engine import EngineSettings


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslateOptions:
    """How to translate: which engine, each engine's own settings, number protection.

    ``engine`` is ``auto`` (Argos where a package can do the pair, else
    Apertium) or a registered engine name; None means ``auto`` (in a build: the
    config file's engine, else ``auto``). ``settings`` are engine settings values,
    each defined by its engine's module (e.g.
    ``ArgosSettings(models_dir=…, threads=1)`` from
    :mod:`confl10n.translate.argos.settings`); an engine without one runs with its
    defaults. ``protect_numbers`` keeps figures from the engine and writes them in
    the target locale's style, with the editorial style files of ``style_dir``
    (default: the shipped ones). Values are checked where they are used: an
    unknown engine or device is an :class:`~confl10n.errors.InvalidOptionError` then.
    """

    engine: str | None = None
    settings: tuple[EngineSettings, ...] = ()
    protect_numbers: bool = True
    style_dir: Path | None = None

    @property
    def engine_choice(self) -> str:
        """The engine name, ``auto`` when none was chosen."""
        return self.engine or "auto"

    def as_json(self) -> dict[str, Any]:
        """These options as JSON values (settings by engine name), for :meth:`from_json`."""
        return {
            "engine": self.engine,
            "settings": {s.ENGINE: _plain(s.arguments()) for s in self.settings},
            "protect_numbers": self.protect_numbers,
            "style_dir": None if self.style_dir is None else str(self.style_dir),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TranslateOptions:
        """The options :meth:`as_json` gave.

        Raises :class:`~confl10n.errors.InvalidOptionError` for an unknown engine or setting.
        """
        from confl10n.translate.registry import settings_type

        settings = []
        for name, values in dict(data.get("settings") or {}).items():
            kind = settings_type(name)
            if kind is None:
                raise InvalidOptionError(f"engine {name!r} takes no settings")
            try:
                settings.append(kind(**values))
            except TypeError as exc:
                raise InvalidOptionError(f"engine {name!r}: {exc}") from exc
        style = data.get("style_dir")
        return cls(
            engine=data.get("engine"),
            settings=tuple(settings),
            protect_numbers=bool(data.get("protect_numbers", True)),
            style_dir=Path(style) if style is not None else None,
        )


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Paths as strings, so the settings are JSON."""
    return {k: str(v) if isinstance(v, Path) else v for k, v in values.items()}
