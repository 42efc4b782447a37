"""A low-dimensional copy of the chunk vectors: the dense pass reads a quarter of the memory.

At 100k chunks a query's exact cosine against every row reads the whole 100k x 512 float32
matrix (200 MB): ~20 ms on an idle core and two to four times that on this shared machine,
bound by memory (a second BLAS thread does not widen it), and it was the largest part of a
search (docs/benchmarks.md, "Search"). Float16 or bfloat16 copies do not help here: numpy has
no half-precision BLAS, and converting on the fly costs more than it saves.

So above ``MIN_ROWS`` rows the matrix is also kept projected onto its ``DIMS`` principal
directions (of the uncentred second moment: the directions that keep inner products best). A
query scores every row on that copy, and only the ``CANDIDATES`` best (and the rows the entity
list ranks first, search/entities.py) are scored again exactly from the full vectors; ranking
and the scores returned are those exact cosines. Below ``MIN_ROWS`` the exact product is cheap
and nothing changes. The projection is built once per mirror (about a second at 100k) and saved
with it (search/mirror_cache.py), so a new process does not rebuild it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_ROWS = 20_000
DIMS = 128
# Rows re-scored exactly per ranked list: the projected cosine errs by a few hundredths, far
# less than the spread between the 50th and the 1000th of 20k+ rows.
CANDIDATES = 1000
_BLOCK = 16_384


@dataclass
class Projection:
    basis: np.ndarray  # (dim, DIMS) float32, orthonormal columns
    rows: np.ndarray  # (n, DIMS) float32: each row of the matrix in that basis

    def scores(self, q: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Estimated cosines of all rows (or of ``rows``) to the normalised query ``q``."""
        qp = (q @ self.basis).astype(np.float32)
        return np.asarray((self.rows if rows is None else self.rows[rows]) @ qp, dtype=np.float32)


def projection_wanted(n_rows: int, dim: int) -> bool:
    return n_rows >= MIN_ROWS and dim > DIMS


def fit_projection(matrix: np.ndarray) -> Projection:
    """The ``DIMS`` leading eigenvectors of XᵀX and every row projected on them (blockwise, so a
    memory-mapped matrix is read once and never copied whole)."""
    n, d = matrix.shape
    moment = np.zeros((d, d), dtype=np.float64)
    for s in range(0, n, _BLOCK):
        b = np.asarray(matrix[s : s + _BLOCK], dtype=np.float32)
        moment += b.T @ b
    _, vecs = np.linalg.eigh(moment)  # ascending eigenvalues
    basis = np.ascontiguousarray(vecs[:, ::-1][:, :DIMS], dtype=np.float32)
    rows = np.empty((n, DIMS), dtype=np.float32)
    for s in range(0, n, _BLOCK):
        rows[s : s + _BLOCK] = np.asarray(matrix[s : s + _BLOCK], dtype=np.float32) @ basis
    return Projection(basis, rows)


def best_estimates(estimate: np.ndarray, n_ok: int, want: int) -> np.ndarray:
    """Rows of the ``max(CANDIDATES, 4 * want)`` best estimates (never a -inf row)."""
    c = min(n_ok, max(CANDIDATES, 4 * want))
    if c <= 0:
        return np.zeros(0, dtype=np.int64)
    cand = np.argpartition(-estimate, c - 1)[:c]
    return cand[np.isfinite(estimate[cand])]
