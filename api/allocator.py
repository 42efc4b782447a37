"""The C allocator's thresholds in a `dalil serve` process (issue 19: its resident memory).

glibc's malloc gives a block of at least ``M_MMAP_THRESHOLD`` bytes (128 KB at start) a map of
its own, unmapped when freed. The threshold is dynamic: when such a block is freed, it rises to
that block's size (up to 32 MB), and the trim threshold (the free memory a heap's top keeps
before it is given back) to twice that. The imports alone free a few such blocks (160-420 KB,
traced with strace in the memory check's steps), so the thresholds have risen before the first
question, and rise again with the first bigger block a question frees; what the engine and
Python then free inside the heaps (the request threads' arenas) mostly stays resident, more of
it the larger the graph.

Fixing both (``mallopt`` turns the dynamic rise off) keeps blocks of 4 MB and more in maps of
their own and lets a heap give its free top back from 128 KB. bench.domain_bench's serve memory
check (docs/benchmarks.md, h19ac), 19 pairs: the demo corpus's process 197.7 -> 195.9 MB, the
synthetic graph's 237.4 -> 233.2 (its anonymous maps 80.3 -> 76.4 MB), the ratio x1.201 ->
x1.191; the questions' CPU the same. Thresholds from 128 KB to 4 MB, or the trim threshold alone, gave
about the same; 16 or 32 MB less reliably; one arena (``MALLOC_ARENA_MAX=1``) on top of it less
memory on both graphs but not a lower ratio.

Only glibc on Linux: elsewhere (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD = -1  # glibc's malloc.h
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 4 << 20
TRIM_THRESHOLD = 128 << 10


def _glibc() -> ctypes.CDLL | None:
    """This process's C library if it is glibc (``mallopt``'s options are glibc's), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the C library this process already runs on
        libc.gnu_get_libc_version  # noqa: B018 -- only glibc has it (musl's mallopt does nothing)
    except (OSError, AttributeError):
        return None
    return libc


def fix_thresholds(mmap_threshold: int = MMAP_THRESHOLD, trim_threshold: int = TRIM_THRESHOLD) -> bool:
    """Fix glibc's mmap and trim thresholds for the rest of this process; whether it did (glibc
    only). Called as `dalil serve` starts, before the store is opened; a later call changes them
    again."""
    libc = _glibc()
    if libc is None:
        return False
    mallopt = libc.mallopt
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, mmap_threshold)) and bool(mallopt(M_TRIM_THRESHOLD, trim_threshold))
