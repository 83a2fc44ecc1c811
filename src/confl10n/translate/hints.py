"""What to install when no engine can translate a pair: an Argos package or Debian's Apertium data.

The pairs Debian ships Apertium data for are data (``data/apertium_debian.toml``),
so a hint names the exact apt package without asking apt, offline.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def install_hint(engines: Sequence[str], source: str, target: str) -> str:
    """How to get a model for ``source``->``target`` with the engines that were tried.

    Apertium's apt packages come first where Debian ships the pair; Argos's
    commands whenever Argos was tried.
    """
    package = debian_package(source, target) if "apertium" in engines else None
    hints = [f"`apt-get install apertium {package}` (Apertium)"] if package else []
    if "argos" in engines:
        argos = "`confl10n models install FILE.argosmodel` or, online, "
        hints.append(argos + f"`confl10n models download {source} {target}`")
    if not hints:
        return (
            f"Debian ships no Apertium data for {source}-{target} "
            "(`apt-cache search apertium` lists the pairs it has)"
        )
    return "install one with " + " or ".join(hints)


@cache
def _debian_pairs() -> dict[str, list[str]]:
    import tomllib
    from importlib import resources

    data = resources.files("confl10n.translate.apertium") / "data" / "apertium_debian.toml"
    text = data.read_text("utf-8")
    return {package: list(languages) for package, languages in tomllib.loads(text).items()}
