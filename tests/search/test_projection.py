"""The projected dense pass (search/projection.py) and the row-sized BM25 path (search/lexical.py)
rank exactly as the plain computations they replace."""

from __future__ import annotations

import numpy as np
import pytest

from search import projection
from search.entities import entity_ranking
from search.lexical import BM25Index, analyzed
from search.vectors import Mirror


def _vectors(n: int, dim: int, seed: int = 3) -> np.ndarray:
    """Rows built like chunk vectors: means of a few of 300 'sentence' vectors, plus noise."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(300, dim)).astype(np.float32)
    rows = np.stack([base[rng.choice(300, size=5, replace=False)].mean(axis=0) for _ in range(n)])
    rows += rng.normal(0, 0.05, rows.shape).astype(np.float32)
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture
def big_mirror(monkeypatch: pytest.MonkeyPatch) -> Mirror:
    monkeypatch.setattr(projection, "MIN_ROWS", 1000)
    monkeypatch.setattr("search.vectors.projection_wanted", projection.projection_wanted)
    mat = _vectors(3000, 256)
    payloads = [{"places": ["place:north" if i % 3 == 0 else "place:south"]} for i in range(3000)]
    return Mirror([f"c{i}" for i in range(3000)], payloads, mat)


def test_projected_dense_pass_returns_the_exact_ranking_and_cosines(big_mirror: Mirror) -> None:
    m = big_mirror
    assert m.matrix is not None and m.estimated
    rng = np.random.default_rng(9)
    for _ in range(20):
        q = m.matrix[int(rng.integers(3000))] + rng.normal(0, 0.3, 256).astype(np.float32)
        q /= np.linalg.norm(q)
        exact = m.matrix @ q
        want = [f"c{i}" for i in np.argsort(-exact, kind="stable")[:50]]
        got = m.dense(q, None, 50)
        assert [c for c, _ in got] == want
        assert np.allclose([s for _, s in got], np.sort(exact)[::-1][:50], atol=1e-5)
        for every in (2, 5):  # a wide filter (half the rows), a narrow one (the few rows gathered)
            mask = np.array([i % every == 0 for i in range(3000)])
            got_f = [c for c, _ in m.dense(q, mask, 10)]
            assert got_f == [f"c{i}" for i in np.argsort(-np.where(mask, exact, -np.inf), kind="stable")[:10]]


def test_without_the_projection_every_cosine_is_exact(big_mirror: Mirror) -> None:
    m = big_mirror
    assert m.matrix is not None
    m.use_projection = False
    q = m.matrix[7]
    assert not m.estimated
    assert np.allclose(m.similarity(q, None), m.matrix @ q, atol=1e-6)


def test_entity_ranking_on_estimates_orders_by_exact_cosines(big_mirror: Mirror) -> None:
    m = big_mirror
    assert m.matrix is not None
    q = m.matrix[11]
    north = m.rows("places", "place:north")
    exact = m.matrix @ q
    want = entity_ranking([north], len(m), exact, None, 30)
    got = entity_ranking([north], len(m), m.similarity(q, None), None, 30, lambda r: m.exact(q, r))
    assert got == want and all(r % 3 == 0 for r in got)


def test_small_mirrors_are_not_projected() -> None:
    m = Mirror(["a", "b"], [{}, {}], _vectors(2, 256))
    assert not m.estimated and m.projection() is None


def _brute_groups(idx: BM25Index, groups: list[tuple[str, ...]]) -> np.ndarray:
    """search_groups's documented score, computed row by row from the index's own postings."""
    weight: dict[tuple[int, int], float] = {}
    for tid in range(len(idx.vocab)):
        for r, w in zip(idx._rows[idx._start[tid]:idx._start[tid + 1]], idx._weights[idx._start[tid]:idx._start[tid + 1]],
                        strict=True):
            weight[(tid, int(r))] = float(w)
    total = np.zeros(idx.n)
    for g in groups:
        best = np.zeros(idx.n)
        for rendering in {analyzed(x) for x in g}:
            tids = [idx.vocab[t] for t in dict.fromkeys(rendering) if t in idx.vocab]
            for r in range(idx.n):
                best[r] = max(best[r], sum(weight.get((t, r), 0.0) for t in tids) / len(set(rendering)))
        total += best
    return total


def test_grouped_bm25_scores_alike_on_common_and_rare_words() -> None:
    # "council" is in every second text (the row-sized path), "orchard" and "ferry" in a few
    texts = [("the river council meets" if i % 2 == 0 else "a quiet harbour town")
             + (" orchard grants for farmers" if i % 37 == 0 else "") + (" ferry repairs" if i % 53 == 0 else "")
             for i in range(400)]
    idx = BM25Index(texts)
    groups = [("river council", "council"), ("orchard grants",), ("ferry",)]
    want = _brute_groups(idx, groups)
    got = idx.search_groups(groups, 400)
    assert {r for r, _ in got} == set(np.flatnonzero(want > 0).tolist())
    assert all(abs(s - want[r]) < 1e-4 for r, s in got)
    for mask in (np.arange(400) % 2 == 0, np.arange(400) % 37 == 0):  # a wide filter, a narrow one
        kept = [(r, s) for r, s in got if mask[r]]
        masked = idx.search_groups(groups, 400, mask)
        assert [r for r, _ in masked] == [r for r, _ in kept] and np.allclose([s for _, s in masked], [s for _, s in kept])
