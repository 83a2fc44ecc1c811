"""Engine registry: a name -> "module:Class" table, imported only when used.

Adding an engine is one module under ``confl10n.translate`` plus one line here.
"""

from __future__ import annotations

import importlib
from typing import Any

from confl10n.errors import InvalidOptionError
from confl10n.translate.engine import Engine

ENGINES: dict[str, str] = {
    "argos": "confl10n.translate.argos.engine:ArgosEngine",
    "apertium": "confl10n.translate.apertium.engine:ApertiumEngine",
}


def engine_names() -> list[str]:
    """The registered engine names, sorted."""
    return sorted(ENGINES)


def create_engine(name: str, **options: Any) -> Engine:
    """Instantiate engine ``name`` with its own keyword ``options``."""
    try:
        target = ENGINES[name]
    except KeyError:
        raise InvalidOptionError(
            f"unknown engine {name!r}; choose one of: {', '.join(engine_names())}"
        ) from None
    module_name, class_name = target.split(":")
    engine_class = getattr(importlib.import_module(module_name), class_name)
    engine: Engine = engine_class(**options)
    return engine
