"""Search fixtures: a small corpus of our own (places and scripts we control) plus the demo corpus,
ingested into real stores (LadybugDB + Qdrant local mode) in temporary folders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO

MINI = {
    "tel-kaif-youth.md": (
        "# Youth centre in Tel Kaif\n\nThe Tel Kaif district youth centre trains young people in carpentry "
        "and welding so that returnees find work.\n\nA football league meets every Friday in the district.\n"
    ),
    "basra-water.md": (
        "# Water in Basra\n\nSalinity of the Shatt al-Arab threatens farmers in Basra, and the water directorate "
        "plans new desalination units.\n"
    ),
    "arabic-training.md": (
        "# التدريب المهني\n\nتعمل مديرية الشباب في قضاء تلكيف على برامج التدريب المهني للشباب العائدين من المخيمات.\n"
    ),
}


def write_mini(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in MINI.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def open_hash_dalil(home: Path) -> Any:
    """A Dalil whose embedder is the instant hash embedder (tests where model quality does not matter)."""
    from api.service import open_dalil

    cm = open_dalil(home=home)
    d = cm.__enter__()
    d.settings.embedder = "hash"
    return cm, d


@pytest.fixture(scope="session")
def hash_dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Demo corpus + the mini corpus, indexed with the hash embedder."""
    root = tmp_path_factory.mktemp("search-hash")
    cm, d = open_hash_dalil(root / "home")
    reports = d.ingest([DEMO, write_mini(root / "mini")])
    assert all(r.status != "failed" for r in reports), reports
    yield d
    cm.__exit__(None, None, None)


@contextmanager
def one_document(root: Path, name: str, text: str) -> Iterator[Any]:
    """A real store holding one document of our own (the shape most router tests start from)."""
    from api.service import open_dalil

    doc = root / name
    doc.write_text(text, encoding="utf-8")
    with open_dalil(home=root / "home") as d:
        reports = d.ingest([doc])
        assert all(r.status != "failed" for r in reports), reports
        yield d
