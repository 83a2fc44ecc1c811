"""Shared fixtures: the two real articles and a clean environment for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test's user folders (models, caches, config) under a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    for variable in ("ARGOS_PACKAGES_DIR", "CONFL10N_MODELS_DIR"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real article the project was started for (``../shared/seed/article.txt``)."""
    path = REPO.parent / "shared" / "seed" / "article.txt"
    if not path.is_file():
        pytest.fail(f"the seed article is missing: {path} (clone the repo beside shared/)")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The project's own sample article, processed by default."""
    return REPO / "source" / "article.md"
