"""Graph stores benchmark: the embedded store against Neo4j, same corpus, same queries.

    .venv/bin/python -m bench.graph_bench            # demo corpus + synthetic 10k bodies / 100k facts
    .venv/bin/python -m bench.graph_bench --quick    # synthetic 2k / 20k, fewer repeats

Neo4j: DALIL_BENCH_NEO4J_URI (or DALIL_TEST_NEO4J_URI) with DALIL_TEST_NEO4J_PASSWORD; if unset,
a private server is started with scripts/neo4j/start.sh on a free port and stopped at the end.

1. Load: the demo corpus through the Ingestor (extraction included, the same on both), and a
   synthetic graph built from model objects and written with GraphStore.write in transactions
   of 1,000 statements with their edges (the size of a large document).
2. Queries: p50/p95 of warm runs of the read queries the domain uses (in-process for the
   embedded store, over Bolt on loopback for Neo4j), and of a whole Snapshot (all of them), with
   the ratio Neo4j / embedded of the p50s; the goal is within 2x.
3. Memory: RSS of the Neo4j java process after the loads (psutil).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

from bench._report import percentile, write_section
from graph.domain import Snapshot
from graph.ladybug_store import LadybugStore
from graph.model import (
    Actor,
    Chunk,
    Document,
    Edge,
    Effort,
    Node,
    Statement,
    StatementKind,
)
from graph.store import GraphStore, WriteOp, edge_ops, node_ops
from ingest.pipeline import Ingestor, seed_ops

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data" / "demo"
COMMAND = ".venv/bin/python -m bench.graph_bench"
LAUNCHER = REPO / "scripts" / "neo4j"
KINDS = ["ministry", "national_body", "committee", "local_government", "un_agency", "ngo", "donor", "network"]
LEVELS = ["national", "governorate", "district", "international"]
STATUSES = ["established", "option", "recommended"]
REL_KINDS = [StatementKind.partnership, StatementKind.support, StatementKind.funding, StatementKind.supervision]
MANDATE_KINDS = [StatementKind.mandate, StatementKind.responsibility, StatementKind.presence]


# --- Neo4j ------------------------------------------------------------------------------------


def wipe(store: GraphStore) -> None:
    """Empty a Neo4j database in batches: deleting 100k facts in one transaction passes
    Neo4j's transaction memory limit (dbms.memory.transaction.total.max)."""
    with store.driver.session(database=store.database) as session:  # type: ignore[attr-defined]
        session.run("MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 5000 ROWS").consume()
        session.run("MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


class Neo4jServer:
    """The Neo4j to measure: one named by the environment, or a private one started here."""

    def __init__(self) -> None:
        self.uri = os.environ.get("DALIL_BENCH_NEO4J_URI") or os.environ.get("DALIL_TEST_NEO4J_URI", "")
        self.password = os.environ.get("DALIL_TEST_NEO4J_PASSWORD", "dalil-test-pw")
        self.env: dict[str, str] | None = None
        if not self.uri:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            run = Path(tempfile.mkdtemp(prefix="dalil-bench-neo4j-"))
            self.env = os.environ | {"DALIL_NEO4J_PORT": str(port), "DALIL_NEO4J_RUN": str(run),
                                     "DALIL_NEO4J_PASSWORD": self.password}
            print(f"starting a private Neo4j on port {port} ...", flush=True)
            out = subprocess.run(["bash", str(LAUNCHER / "start.sh")], env=self.env, capture_output=True,
                                 text=True, check=True, timeout=300)
            self.uri = out.stdout.strip().splitlines()[-1]

    def store(self) -> GraphStore:
        from graph.neo4j_store import Neo4jStore

        s = Neo4jStore(self.uri, password=self.password)
        wipe(s)
        return s

    def pid(self) -> int | None:
        port = self.uri.rsplit(":", 1)[-1]
        for p in psutil.process_iter(["cmdline"]):
            cmd = p.info["cmdline"] or []
            if any("Neo4jServe" in c for c in cmd) and port in cmd:
                return int(p.pid)
        return None

    def rss_mb(self) -> float | None:
        pid = self.pid()
        return psutil.Process(pid).memory_info().rss / 2**20 if pid else None

    def version(self, store: GraphStore) -> str:
        rows = store.cypher("CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition")
        return ", ".join(f"{r['name']} {r['versions'][0]} {r['edition']}" for r in rows)

    def stop(self) -> None:
        if self.env is not None:
            subprocess.run(["bash", str(LAUNCHER / "stop.sh")], env=self.env, capture_output=True, timeout=120)


# --- synthetic graph --------------------------------------------------------------------------


def synthetic(n_actors: int, n_facts: int, seed: int = 7) -> Iterator[list[WriteOp]]:
    """Write batches: the backbone, the bodies, then statements with their edges, 1,000 at a time.

    Each statement has a subject, a theme, a place and evidence (document, chunk, quote); a third
    are relations with an object. Efforts (one per 50 facts) have roles, places and themes.
    """
    rnd = random.Random(seed)
    seed_batch = seed_ops()
    places = [str(r["id"]) for name, rows in seed_batch if name == "upsert_Place" for r in rows]
    themes = [str(r["id"]) for name, rows in seed_batch if name == "upsert_Concept" for r in rows
              if r["scheme"] == "theme"]
    yield [(name, list(rows)) for name, rows in seed_batch]
    actors = [Actor(id=f"actor:syn-{i:05d}", name=f"Synthetic Body {i}", aliases=[f"SB{i}"],
                    kind=rnd.choice(KINDS), level=rnd.choice(LEVELS), place=rnd.choice(places)[6:],
                    source="text") for i in range(n_actors)]
    for i in range(0, n_actors, 2000):
        part = actors[i : i + 2000]
        edges = [Edge(rel="WORKS_ON", src=a.id, dst=rnd.choice(themes)) for a in part]
        edges += [Edge(rel="AT", src=a.id, dst="place:" + a.place) for a in part]
        yield node_ops(part) + edge_ops(edges)
    n_docs = max(1, n_facts // 1000)
    for d in range(n_docs):
        doc = Document(id=f"doc:syn-{d:04d}", title=f"Synthetic report {d}", path=f"syn/{d}.md",
                       content_hash=f"h{d}", pages=20)
        chunks = [Chunk(id=f"chunk:{doc.id}:{c}", doc_id=doc.id, page=c + 1, char_start=c * 900,
                        char_end=c * 900 + 900, text=f"Synthetic passage {c} of report {d}.", seq=c)
                  for c in range(20)]
        nodes: list[Node] = [*chunks]
        edges = []
        for k in range(1000):
            ch = chunks[k % 20]
            rel = k % 3 == 0
            st = Statement(id=f"st:syn-{d:04d}-{k:04d}", kind=str(rnd.choice(REL_KINDS if rel else MANDATE_KINDS)),
                           status=rnd.choice(STATUSES), summary="synthetic", quote=f"Body {k} does {d}.",
                           doc_id=doc.id, chunk_id=ch.id, page=ch.page, char_start=ch.char_start,
                           char_end=ch.char_start + 40, level=rnd.choice(LEVELS))
            nodes.append(st)
            edges.append(Edge(rel="SUBJECT", src=rnd.choice(actors).id, dst=st.id))
            if rel:
                edges.append(Edge(rel="OBJECT", src=st.id, dst=rnd.choice(actors).id))
            edges.append(Edge(rel="ABOUT", src=st.id, dst=rnd.choice(themes)))
            edges.append(Edge(rel="SCOPE", src=st.id, dst=rnd.choice(places)))
            if k % 50 == 0:
                ef = Effort(id=f"effort:syn-{d:04d}-{k:04d}", title="Synthetic project", doc_id=doc.id,
                            budget=float(rnd.randint(1, 100)) * 1000)
                nodes.append(ef)
                edges.append(Edge(rel="ROLE", src=rnd.choice(actors).id, dst=ef.id, props={"role": "implementer"}))
                edges.append(Edge(rel="EFFORT_IN", src=ef.id, dst=rnd.choice(places)))
                edges.append(Edge(rel="EFFORT_ABOUT", src=ef.id, dst=rnd.choice(themes)))
        yield [*node_ops(nodes), *edge_ops(edges), *node_ops([doc])]


# --- measuring --------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def latency(fn: Callable[[], Any], repeats: int, budget_s: float) -> tuple[float, float, int]:
    """p50/p95 in ms of warm runs (two warm-up runs first), stopping early past the time budget."""
    fn()
    fn()
    runs: list[float] = []
    start = time.perf_counter()
    while len(runs) < repeats and (len(runs) < 5 or time.perf_counter() - start < budget_s):
        runs.append(timed(fn) * 1000)
    return percentile(runs, 50), percentile(runs, 95), len(runs)


def neo4j_server_ms(store: GraphStore, name: str, params: dict[str, Any]) -> float:
    """The server's own time for a query (planning, execution, streaming: the result summary's
    available_after + consumed_after), best of three; the rest of the wall time is the client."""
    import neo4j

    from graph.queries import text_for

    driver = store.driver  # type: ignore[attr-defined]
    best = float("inf")
    for _ in range(3):
        with driver.session(database=store.database, default_access_mode=neo4j.READ_ACCESS) as s:  # type: ignore[attr-defined]
            res = s.run(text_for(name, "neo4j"), params)
            res.values()
            summ = res.consume()
        best = min(best, float((summ.result_available_after or 0) + (summ.result_consumed_after or 0)))
    return best


def query_params(store: GraphStore) -> dict[str, tuple[str, dict[str, Any]]]:
    """The domain's read queries, with parameters that exist in this graph."""
    links = store.run("actor_links")
    actors = [r["id"] for r in store.run("actors")]
    a = links[0]["src"] if links else actors[0]
    b = links[len(links) // 2]["dst"] if links else actors[-1]
    docs = [r["id"] for r in store.run("documents")]
    return {
        "actor_by_id": ("actor_by_id", {"id": a}),
        "document_by_id": ("document_by_id", {"doc_id": docs[0]}),
        "chunks_of_doc": ("chunks_of_doc", {"doc_id": docs[0]}),
        "neighbourhood": ("neighbourhood", {"id": a}),
        "shortest_path": ("shortest_path", {"src": a, "dst": b}),
        "statements_in_place (Ninewa)": ("statements_in_place", {"place": "place:IQG15"}),
        "efforts_in_place (Iraq)": ("efforts_in_place", {"place": "place:IQ"}),
        "count_label": ("count_label", {}),
        "actors (all)": ("actors", {}),
        "statements (all)": ("statements", {}),
        "statement_concepts (all)": ("statement_concepts", {}),
    }


SNAPSHOT = "Snapshot (every query the domain reads)"


def _runner(store: GraphStore, name: str, params: dict[str, Any]) -> Callable[[], Any]:
    return lambda: store.run(name, **params)


def workload(store: GraphStore) -> dict[str, Callable[[], Any]]:
    out = {q: _runner(store, name, p) for q, (name, p) in query_params(store).items()}
    out[SNAPSHOT] = lambda: Snapshot(store)
    return out


def measure(name: str, stores: dict[str, GraphStore], load: Callable[[GraphStore], Any], repeats: int,
            budget_s: float) -> dict[str, Any]:
    out: dict[str, Any] = {"corpus": name, "load_s": {}, "queries": {}}
    for dialect, store in stores.items():
        print(f"[{name}] loading into {dialect} ...", flush=True)
        t0 = time.perf_counter()
        load(store)
        out["load_s"][dialect] = time.perf_counter() - t0
        print(f"[{name}] {dialect}: loaded in {out['load_s'][dialect]:.1f} s", flush=True)
    out["counts"] = {r["label"]: r["n"] for r in stores["ladybug"].run("count_label")}
    loads = {d: workload(s) for d, s in stores.items()}
    for q in loads["ladybug"]:
        row: dict[str, Any] = {}
        for dialect in stores:
            p50, p95, n = latency(loads[dialect][q], repeats, budget_s)
            row[dialect] = {"p50_ms": p50, "p95_ms": p95, "runs": n}
        row["ratio"] = row["neo4j"]["p50_ms"] / max(row["ladybug"]["p50_ms"], 1e-6)
        params = query_params(stores["neo4j"])
        if q in params:
            row["neo4j"]["server_ms"] = neo4j_server_ms(stores["neo4j"], *params[q])
        out["queries"][q] = row
        print(f"[{name}] {q}: embedded {row['ladybug']['p50_ms']:.1f} ms, neo4j {row['neo4j']['p50_ms']:.1f} ms "
              f"(x{row['ratio']:.2f})", flush=True)
    return out


def ingest_demo(store: GraphStore) -> None:
    reports = Ingestor(store).ingest_paths([DEMO])
    assert all(r.status == "ingested" for r in reports), reports


def write_batches(n_actors: int, n_facts: int) -> Callable[[GraphStore], None]:
    def load(store: GraphStore) -> None:
        for ops in synthetic(n_actors, n_facts):
            store.write(ops)

    return load


def table(res: dict[str, Any]) -> str:
    c = res["counts"]
    lines = [
        f"**{res['corpus']}**: {c.get('Actor', 0):,} bodies, {c.get('Statement', 0):,} statements, "
        f"{c.get('Chunk', 0):,} chunks, {c.get('Place', 0):,} places. Load: embedded "
        f"{res['load_s']['ladybug']:.1f} s, Neo4j {res['load_s']['neo4j']:.1f} s "
        f"(x{res['load_s']['neo4j'] / max(res['load_s']['ladybug'], 1e-6):.2f}).",
        "",
        "| query | embedded p50 / p95 ms | Neo4j p50 / p95 ms | of which Neo4j server ms | Neo4j / embedded | within 2x |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for q, r in res["queries"].items():
        lb, nj = r["ladybug"], r["neo4j"]
        server = f"{nj['server_ms']:.0f}" if "server_ms" in nj else "-"
        lines.append(f"| {q} | {lb['p50_ms']:.2f} / {lb['p95_ms']:.2f} | {nj['p50_ms']:.2f} / {nj['p95_ms']:.2f} "
                     f"| {server} | {r['ratio']:.2f} | {'yes' if r['ratio'] <= 2 else 'no'} |")
    return "\n".join(lines)


def where_time_goes(res: dict[str, Any]) -> str:
    """The queries that miss 2x, split into the server's time and the client's (driver) time."""
    missed = {q: r for q, r in res["queries"].items() if r["ratio"] > 2 and "server_ms" in r["neo4j"]}
    if not missed:
        return f"{res['corpus']}: every query within 2x."
    server_ok = [q for q, r in missed.items() if r["neo4j"]["server_ms"] <= 2 * max(r["ladybug"]["p50_ms"], 1.0)]
    share = [1 - r["neo4j"]["server_ms"] / r["neo4j"]["p50_ms"] for r in missed.values() if r["neo4j"]["p50_ms"]]
    return (
        f"{res['corpus']}: {len(missed)} queries miss 2x; for {len(server_ok)} of them the server's own time "
        f"is within 2x of the embedded total (or under 2 ms). On average {100 * sum(share) / len(share):.0f}% "
        "of their Neo4j wall time is spent outside the server."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a smaller synthetic graph, fewer repeats")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    ap.add_argument("--actors", type=int, default=0, help="synthetic bodies (default 10,000; quick 2,000)")
    ap.add_argument("--facts", type=int, default=0, help="synthetic statements (default 100,000; quick 20,000)")
    args = ap.parse_args()
    n_actors, n_facts = (2000, 20000) if args.quick else (10000, 100000)
    n_actors, n_facts = args.actors or n_actors, args.facts or n_facts
    repeats, budget = (20, 5.0) if args.quick else (50, 15.0)

    server = Neo4jServer()
    results: list[dict[str, Any]] = []
    rss: dict[str, float | None] = {}
    version = ""
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, load in (("demo corpus", ingest_demo),
                               (f"synthetic {n_actors:,} bodies / {n_facts:,} facts", write_batches(n_actors, n_facts))):
                neo = server.store()
                lb = LadybugStore(Path(tmp) / f"{len(results)}.lbug")
                try:
                    version = server.version(neo)
                    results.append(measure(name, {"ladybug": lb, "neo4j": neo}, load, repeats, budget))
                    rss[name] = server.rss_mb()
                finally:
                    lb.close()
                    neo.close()
            with server.store():  # leave a shared server empty (its tests wipe in one transaction)
                pass
    finally:
        server.stop()

    body = [
        f"Neo4j: {version}, over Bolt on 127.0.0.1 (launcher heap -Xmx1g, page cache 192 MB); embedded: "
        "LadybugDB in-process. Warm runs; p50 of each query on each store and their ratio (goal: within 2x).",
        "",
    ]
    for res in results:
        body += [table(res), ""]
    body += [
        "**Where the time goes.** \"Of which server\" is Neo4j's own time from the result summary "
        "(planning, execution, streaming). The rest of its wall time is in the client:",
        "",
        *[f"- {where_time_goes(res)}" for res in results],
        "- A point query costs one Bolt round trip: a session, BEGIN, RUN+PULL and COMMIT, plus "
        "the driver's Python code. That is about 1 ms against about 0.05 ms in-process. No "
        "server-side change can close that gap; only batching or caching reads can.",
        "- Queries with many rows spend most of their time decoding Bolt records (packstream) in the "
        "driver (cProfile: `_unpack` and `fetch_message`). The driver's compiled codec "
        "`neo4j-rust-ext` is pinned with the driver; with it `statements (all)` at 100k facts went "
        "from 4.6 s (x5.0) to 3.0 s (x3.3). What remains is the driver building Python records.",
        "- `count_label` groups `labels(n)[0]` over every node, which is a full scan on Neo4j. "
        "Per-label `MATCH (n:Label) RETURN count(n)` would read Neo4j's count store instead.",
        "- Loading is faster on Neo4j at 100k facts (UNWIND + MERGE on unique constraints). "
        "`shortest_path` is faster on Neo4j (bidirectional BFS) than LadybugDB's recursive join.",
        "",
    ]
    body.append("Neo4j java process RSS after each load: "
                + ", ".join(f"{k}: {v:.0f} MB" if v else f"{k}: n/a" for k, v in rss.items()) + ".")
    text = "\n".join(body)
    print(text)
    print(json.dumps({"results": results, "rss_mb": rss, "neo4j": version}, indent=1)[:2000])
    if not args.no_write:
        write_section("Graph stores", COMMAND + (" --quick" if args.quick else ""), text)


if __name__ == "__main__":
    main()
