"""The optional extras of ``pyproject.toml``: which modules each brings, whether they are
installed here, and the one line that says how to install a missing one.

>>> sorted(EXTRAS)
['cluster', 'serve']
>>> extra_of("uvicorn.config"), extra_of("numpy")
('serve', None)
>>> print(install_hint("serve"))  # doctest: +NORMALIZE_WHITESPACE
pip install 'confl10n[serve]' (from a checkout: .venv/bin/pip install --no-build-isolation
-r requirements/serve.txt)
"""

from __future__ import annotations

import importlib.util

from confl10n.errors import EngineUnavailableError

EXTRAS: dict[str, tuple[str, ...]] = {
    "serve": ("fastapi", "starlette", "uvicorn", "lingua", "python_multipart"),
    "cluster": ("dask", "distributed"),
}
"""Extra -> the top-level modules it installs that confl10n imports (pyproject.toml's
``[project.optional-dependencies]``; the lock pins each in ``requirements/<extra>.txt``)."""


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here; empty when it is installed.

    Raises KeyError for a name that is not in :data:`EXTRAS`.
    """
    return [name for name in EXTRAS[extra] if importlib.util.find_spec(name) is None]


def extra_of(module: str) -> str | None:
    """The extra that brings ``module`` (a dotted name), or None for any other module."""
    root = module.split(".")[0]
    return next((extra for extra, names in EXTRAS.items() if root in names), None)


def install_hint(extra: str) -> str:
    """How to install ``extra``: from the package index, or pinned from a checkout's lock."""
    return (
        f"pip install 'confl10n[{extra}]' "
        f"(from a checkout: .venv/bin/pip install --no-build-isolation -r requirements/{extra}.txt)"
    )


def missing_extra_error(extra: str, purpose: str, absent: list[str]) -> EngineUnavailableError:
    """The one-line error (exit 69) for ``purpose`` without the modules ``absent``."""
    return EngineUnavailableError(
        f"{purpose} needs the optional extra '{extra}', which is not installed "
        f"(no module {', '.join(absent)}): {install_hint(extra)}"
    )


def require(extra: str, purpose: str) -> None:
    """Return when ``extra`` is installed; else raise :class:`EngineUnavailableError` (exit 69)
    naming the extra and how to install it. ``purpose`` opens the message (``confl10n serve``)."""
    absent = missing(extra)
    if absent:
        raise missing_extra_error(extra, purpose, absent)
