"""`dalil serve` fixes glibc's mmap and trim thresholds (api.allocator; issue 19, its memory)."""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api import allocator
from api.cli import app

glibc = pytest.mark.skipif(allocator._glibc() is None, reason="glibc only")


def _mapped(libc: ctypes.CDLL, size: int) -> bool:
    """Whether a block of ``size`` bytes gets a map of its own (glibc's IS_MMAPPED bit, in the
    size word before the block), freed at once."""
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
    libc.free.restype, libc.free.argtypes = None, (ctypes.c_void_p,)
    p = libc.malloc(size)
    assert p
    head = ctypes.c_size_t.from_address(p - ctypes.sizeof(ctypes.c_size_t)).value
    libc.free(p)
    return bool(head & 2)


@glibc
def test_big_blocks_keep_their_own_maps() -> None:
    """Left dynamic, glibc's threshold rises to the size of a mapped block when it is freed, and
    the next block of that size comes from a heap, where it stays resident once freed."""
    libc = allocator._glibc()
    assert libc is not None and allocator.fix_thresholds()
    size = allocator.MMAP_THRESHOLD + (1 << 20)
    assert [_mapped(libc, size) for _ in range(3)] == [True, True, True]


def test_serve_fixes_the_thresholds_before_it_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from api.cli import cmd_serve

    calls: list[str] = []
    monkeypatch.setattr(allocator, "fix_thresholds", lambda: calls.append("fix") or True)
    monkeypatch.setattr(cmd_serve, "_check_graph_free", lambda path: calls.append("graph"))
    monkeypatch.setattr(cmd_serve, "_port_free", lambda host, port: True)
    monkeypatch.setattr("api.app.create_app", lambda *a, **kw: calls.append("app"))

    def run(self: Any) -> None:
        calls.append("run")

    monkeypatch.setattr(uvicorn.Server, "run", run)
    res = CliRunner().invoke(app, ["serve", "--home", str(tmp_path / "home"), "--port", "8799"])
    assert res.exit_code == 0, res.output
    assert calls == ["fix", "graph", "app", "run"]
