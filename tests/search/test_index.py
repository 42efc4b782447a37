"""Indexing the graph's chunks into Qdrant (local mode): embedding cache, removals, model guard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from api.cli import app
from ingest.pipeline import remove_document
from search.embed import HashEmbedder, get_embedder
from search.vectors import FILTER_FIELDS, VectorStore, VectorStoreError
from tests.search.conftest import open_hash_dalil, write_mini

runner = CliRunner()


def test_reindex_of_unchanged_text_embeds_nothing(tmp_path: Path) -> None:
    corpus = write_mini(tmp_path / "mini")
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        emb = get_embedder("hash")
        before = emb.calls
        d.ingest([corpus])
        first = emb.calls - before
        assert first == d.vectors().count() > 0
        # same files again: the graph skips them, and a full re-index embeds nothing
        d.ingest([corpus])
        rep = d.index()
        assert rep["embedded"] == 0 and rep["reused"] == rep["chunks"] == first
        assert emb.calls - before == first
        # one file changed by one paragraph: only the new text is embedded
        f = corpus / "tel-kaif-youth.md"
        f.write_text(f.read_text(encoding="utf-8") + "\nA new sewing workshop opened for widows in Tel Kaif.\n",
                     encoding="utf-8")
        calls = emb.calls
        d.ingest([corpus])
        assert 0 < emb.calls - calls <= 2
        texts = [p["text"] for p in d.vectors().mirror().payloads]
        assert any("sewing workshop" in t for t in texts)
        assert d.vectors().count() == len(d.graph.run("chunks_of_doc", doc_id="doc:tel-kaif-youth")) + sum(
            len(d.graph.run("chunks_of_doc", doc_id=x)) for x in ("doc:basra-water", "doc:arabic-training"))
        # a removed document loses its vectors at the next sync
        remove_document(d.graph, "doc:basra-water")
        rep = d.index()
        assert rep["removed_documents"] == 1
        assert "doc:basra-water" not in d.vectors().doc_ids()
        assert not any("Basra" in h["text"] for h in d.search("salinity water farmers", limit=10)["hits"])
    finally:
        cm.__exit__(None, None, None)


def test_model_mismatch_is_detected_and_rebuilt(tmp_path: Path) -> None:
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        d.ingest([write_mini(tmp_path / "mini")])
    finally:
        cm.__exit__(None, None, None)
    vs = VectorStore(tmp_path / "home" / "qdrant")
    try:
        with pytest.raises(VectorStoreError) as e:
            vs.ensure("sentence-transformers/all-MiniLM-L6-v2", 384)
        msg = str(e.value)
        assert HashEmbedder.model in msg and "all-MiniLM-L6-v2" in msg and "--reindex" in msg
        vs.ensure(HashEmbedder.model, HashEmbedder.dim)  # the right model still opens
        n = vs.count()
        assert n > 0
    finally:
        vs.close()
    # through the CLI (the default embedder over a hash-built index): every chunk is re-embedded
    # with the default model first, and the search answers
    default = get_embedder()
    assert default.model != HashEmbedder.model
    res = runner.invoke(app, ["search", "young returnees learn a trade", "--home", str(tmp_path / "home"), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["hits"]
    vs = VectorStore(tmp_path / "home" / "qdrant")
    try:
        assert vs.info() == {"model": default.model, "dim": default.dim}
        assert vs.count() == n
    finally:
        vs.close()


def test_ingest_that_finds_another_models_vectors_rebuilds_them(tmp_path: Path) -> None:
    corpus = write_mini(tmp_path / "mini")
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        d.ingest([corpus])
        n = d.vectors().count()
        # a new file ingested under another embedder: every chunk ends up with the new model's vectors
        (corpus / "extra.md").write_text("# Extra\n\nA literacy class for mothers opened in Basra.\n", encoding="utf-8")
        d.settings.embedder = "use"
        seen: list[tuple[int, int]] = []
        d.ingest([corpus], on_embed=lambda done, total: seen.append((done, total)))
        assert d.vectors().info() == {"model": get_embedder("use").model, "dim": get_embedder("use").dim}
        assert d.vectors().count() == n + 1
        assert seen and seen[-1][0] == seen[-1][1] > 0
    finally:
        cm.__exit__(None, None, None)


def test_qdrant_search_agrees_with_the_exact_mirror(hash_dalil: Any) -> None:
    """The same filters through Qdrant's own query (the server code path) and the in-memory mirror."""
    from search.engine import Filters, to_search_filter

    vs = hash_dalil.vectors()
    q = get_embedder("hash").embed_query("youth training in the district")
    flt = to_search_filter(Filters(place="place:IQG15"))
    exact = vs.search(q, flt, 10)
    vs.exact = False
    try:
        qdrant = vs.search(q, flt, 10)
    finally:
        vs.exact = True
    assert [c for c, _ in exact] == [c for c, _ in qdrant]
    assert np.allclose([s for _, s in exact], [s for _, s in qdrant], atol=1e-4)


def test_cli_search_json_contract(tmp_path: Path) -> None:
    home = ["--home", str(tmp_path / "home")]
    res = runner.invoke(app, ["ingest", str(write_mini(tmp_path / "mini")), "--json", *home])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["search", "vocational training for young returnees", "--json", "--limit", "3", *home])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) >= {"query", "mode", "filters", "hits", "actors"} and out["mode"] == "hybrid"
    assert 0 < len(out["hits"]) <= 3
    assert set(out["hits"][0]) >= {"chunk", "document", "doc_id", "page", "char_start", "char_end", "text", "score",
                                   "actors", "places", "concepts"}
    res = runner.invoke(app, ["search", "youth", "--place", "Tel Kaif", "--mode", "lexical", "--json", *home])
    assert res.exit_code == 0 and all("place:IQG15Q09" in h["places"] for h in json.loads(res.stdout)["hits"])
    bad = runner.invoke(app, ["search", "youth", "--place", "Ninevex", *home])
    msg = " ".join(bad.output.split())
    assert bad.exit_code == 2 and "unknown place" in msg and "did you mean" in msg
    assert runner.invoke(app, ["search", "  ", *home]).exit_code == 2
    assert runner.invoke(app, ["search", "x", "--mode", "fuzzy", *home]).exit_code == 2


@pytest.mark.slow
def test_default_model_finds_paraphrases_in_the_demo(demo_dalil: Any) -> None:
    """The real default model (loaded once per session) on the demo corpus."""
    res = demo_dalil.search("local officials do not know what the national strategy expects of them", limit=5,
                            mode="dense")
    assert any("unaware of their responsibilities" in h["text"] for h in res["hits"]), [h["text"][:80] for h in res["hits"]]
    for q in ("", "x" * 10_000, "Привет 🙂"):
        assert isinstance(demo_dalil.search(q, limit=3)["hits"], list)


@pytest.mark.slow
def test_multilingual_embedder_crosses_languages_in_hybrid(tmp_path: Path) -> None:
    """USE puts an English query next to its Arabic answer, and fusion does not bury it under
    English passages that only BM25 can see."""
    cm, d = open_hash_dalil(tmp_path / "home")
    d.settings.embedder = "use"
    try:
        d.ingest([write_mini(tmp_path / "mini")])
        q = "the youth directorate's vocational training for young people coming back from the camps"
        for mode in ("dense", "hybrid"):
            assert d.search(q, limit=3, mode=mode)["hits"][0]["doc_id"] == "doc:arabic-training", mode
    finally:
        cm.__exit__(None, None, None)


def test_a_new_process_answers_from_the_saved_mirror_until_the_store_changes(tmp_path: Path) -> None:
    """The first search saves the mirror and BM25; the next store object loads them without
    opening Qdrant, answers the same, and a write makes the saved copy stale."""
    from search.engine import SearchEngine

    corpus = write_mini(tmp_path / "mini")
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        d.ingest([corpus])
        first = d.search("young returnees learn a trade", limit=5)
        graph = d.graph
        vs = VectorStore(tmp_path / "home" / "qdrant-copy-check")  # an empty folder: nothing cached
        assert vs._mirror is None
        vs.close()
        again = VectorStore(tmp_path / "home" / "qdrant")
        try:
            assert again._mirror is not None and again._mirror.lexical is not None  # loaded, not rebuilt
            built, loaded = d.vectors().mirror(), again._mirror
            for f in FILTER_FIELDS:  # the packed inverted indexes hold every value's rows
                assert sorted(loaded.values(f)) == sorted(built.values(f))
                for v in built.values(f):
                    assert loaded.rows(f, v).tolist() == built.rows(f, v).tolist(), (f, v)
            assert loaded.rows("places", "place:nowhere").tolist() == []
            eng = SearchEngine(graph, again, get_embedder("hash"))
            res = eng.search("young returnees learn a trade", limit=5)
            assert again._client is None, "a search answered from the saved mirror opens no Qdrant"
            assert [h["chunk"] for h in res["hits"]] == [h["chunk"] for h in first["hits"]]
        finally:
            again.close()
    finally:
        cm.__exit__(None, None, None)
    # a write (here: a new document) leaves the saved mirror stale; the next store reads Qdrant
    cm, d = open_hash_dalil(tmp_path / "home")
    try:
        (corpus / "extra.md").write_text("# Extra\n\nA sewing cooperative for widows opened in Hit.\n", encoding="utf-8")
        d.ingest([corpus])
    finally:
        cm.__exit__(None, None, None)
    fresh = VectorStore(tmp_path / "home" / "qdrant")
    try:
        assert fresh._mirror is None
        assert any("sewing cooperative" in p["text"] for p in fresh.mirror().payloads)
    finally:
        fresh.close()
