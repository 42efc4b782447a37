"""Fixtures the API test modules share: a home with the demo corpus ingested, keys of every role.

Module-scoped: each test module writes (uploads, curation, imports) into its own home.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.auth import KeyStore
from api.service import open_dalil
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    h = tmp_path_factory.mktemp("api-home")
    with open_dalil(home=h) as d:
        assert all(r.status != "failed" for r in d.ingest([DEMO]))
    return h


@pytest.fixture(scope="module")
def keys(home: Path) -> dict[str, str]:
    ks = KeyStore(home)
    out = {role: ks.create(role, f"test {role}")[1] for role in ("reader", "editor", "admin")}  # type: ignore[arg-type]
    rec, out["revoked"] = ks.create("admin", "gone")
    ks.revoke(rec.id)
    return out


def H(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def ok_json(resp: Any, status: int = 200) -> Any:
    assert resp.status_code == status, resp.text
    return resp.json()


def clear_error(resp: Any, status: int, *words: str) -> dict[str, Any]:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["error"] and body["message"], body
    assert "Traceback" not in resp.text
    for w in words:
        assert w.lower() in body["message"].lower(), body["message"]
    return dict(body)
