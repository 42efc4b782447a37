"""Shared fixtures: real stores in temporary folders, the demo corpus, ../shared when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DALIL_SHARED", REPO.parent / "shared"))
GOLD = SHARED / "gold" / "scn-iraq-roundtable-2023.yaml"
DEMO = REPO / "data" / "demo"


def need_shared(path: Path) -> Path:
    """Tests that read ../shared skip on a user's fresh clone, where it is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (it ships with the project workspace, not with a clone)")
    return path


@pytest.fixture()
def hash_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The hash embedder (no model to load) for what reads the settings in this process, CLI
    commands included; settings are read again before and after."""
    from graph.settings import get_settings

    monkeypatch.setenv("DALIL_EMBEDDER", "hash")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def demo_dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The demo corpus ingested once into a fresh embedded store."""
    from api.service import open_dalil

    home = tmp_path_factory.mktemp("demo-home")
    with open_dalil(home=home) as d:
        reports = d.ingest([DEMO])
        assert all(r.status != "failed" for r in reports), reports
        yield d
