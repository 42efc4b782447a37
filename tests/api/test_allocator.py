"""`dalil serve` fixes glibc's mmap and trim thresholds (api.allocator; issue 19, its memory)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api import allocator
from api.cli import app

REPO = Path(__file__).resolve().parents[2]

glibc = pytest.mark.skipif(allocator._glibc() is None, reason="glibc only")


# In a fresh process: in one that has run other tests, a freed heap chunk that big may serve the
# block whatever the threshold (glibc maps only what neither a free chunk nor the heap's top holds).
_PROBE = """
import ctypes, sys
from api import allocator

libc = allocator._glibc()
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
libc.free.restype, libc.free.argtypes = None, (ctypes.c_void_p,)
if sys.argv[1] == "fix":
    assert allocator.fix_thresholds()
got = []
for _ in range(3):
    p = libc.malloc(allocator.MMAP_THRESHOLD + (1 << 20))
    # glibc's IS_MMAPPED bit, in the size word before the block: a map of its own
    got.append(bool(ctypes.c_size_t.from_address(p - ctypes.sizeof(ctypes.c_size_t)).value & 2))
    libc.free(p)
print(got)
"""


def _mapped(how: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-c", _PROBE, how], env=env, capture_output=True, text=True, check=True)
    return r.stdout.strip()


@glibc
def test_big_blocks_keep_their_own_maps() -> None:
    """Left dynamic, glibc's threshold rises to the size of a mapped block when it is freed, and
    the next block of that size comes from a heap, where it stays resident once freed."""
    assert _mapped("dynamic") == "[True, False, False]"  # glibc's own behaviour, which the fix turns off
    assert _mapped("fix") == "[True, True, True]"


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
