"""The Apertium data Debian ships, by language pair (offline: no apt query).

The pairs Debian ships Apertium data for are data (``data/apertium_debian.toml``),
so a hint names the exact apt package without asking apt, offline.
"""

from __future__ import annotations

from functools import cache


def debian_package(source: str, target: str) -> str | None:
    """The Debian package with Apertium data between ``source`` and ``target``, or None.

    Either direction matches: most packages hold both (``apertium -l`` tells).
    """
    wanted = {source, target}
    for package, languages in _debian_pairs().items():
        if set(languages) == wanted and source != target:
            return package
    return None


@cache
def _debian_pairs() -> dict[str, list[str]]:
    import tomllib
    from importlib import resources

    data = resources.files("confl10n.translate.apertium") / "data" / "apertium_debian.toml"
    text = data.read_text("utf-8")
    return {package: list(languages) for package, languages in tomllib.loads(text).items()}
