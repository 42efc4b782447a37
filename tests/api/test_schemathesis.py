"""Schemathesis fuzzes every operation of the OpenAPI spec against a live server: 0 server errors.

Bounded: a few examples per operation (DALIL_FUZZ_EXAMPLES raises it for a longer run).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from api.auth import KeyStore
from api.service import open_dalil
from graph.settings import Settings
from tests.conftest import DEMO

EXAMPLES = int(os.environ.get("DALIL_FUZZ_EXAMPLES", "6"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    home: Path = tmp_path_factory.mktemp("fuzz-home")
    with open_dalil(home=home) as d:
        d.ingest([DEMO])
    _, key = KeyStore(home).create("admin", "fuzz")
    port = _free_port()
    from api.cli.cmd_serve import H11_MAX_EVENT  # the same server settings as `dalil serve`

    server = uvicorn.Server(uvicorn.Config(create_app(Settings(home=home, api_max_upload_mb=1)), host="127.0.0.1",
                                           port=port, log_level="error", h11_max_incomplete_event_size=H11_MAX_EVENT))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(url + "/api/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url, key
    server.should_exit = True
    t.join(timeout=30)


schema = schemathesis.openapi.from_dict(create_app(Settings(home=Path("/nonexistent-unused"))).openapi())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors(case: schemathesis.Case, live: tuple[str, str]) -> None:
    url, key = live
    # a generous read timeout: the first coverage request computes every gap (docs/benchmarks.md)
    case.call_and_validate(base_url=url, headers={"X-API-Key": key}, checks=[not_a_server_error], timeout=120)
