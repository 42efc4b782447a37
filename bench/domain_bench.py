"""Domain questions benchmark: each question reads only its slice of the graph (graph.domain.scoped).

    .venv/bin/python -m bench.domain_bench            # synthetic 10k bodies / 100k statements
    .venv/bin/python -m bench.domain_bench --quick    # synthetic 2k / 20k

1. The synthetic graph of bench.graph_bench (same generator, same seed) is written to an embedded
   store and to Neo4j (DALIL_BENCH_NEO4J_URI or DALIL_TEST_NEO4J_URI; else a private server).
2. A fresh process per store (no whole-graph Snapshot is ever built there) opens the store, reads
   its Directory once, then asks who covers THEME in PLACE, the mandate brief of a body, the gaps
   of a place and the overlaps of two named bodies, each question with parameters it has not
   been asked before (warm process, cold question); p50/p95 per question. The baseline measured
   in the same run is the whole-graph Snapshot every answer used to build.
3. Memory: RSS of a `dalil serve` process over the synthetic graph against one over the demo
   corpus, each after answering the same kinds of questions over HTTP, on the embedded store and
   on Neo4j (the demo graph copied there with graph.sync).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import psutil

from bench._report import percentile, write_section
from bench.graph_bench import DEMO, Neo4jServer, wipe, write_batches
from graph.store import GraphStore, open_store

REPO = Path(__file__).resolve().parent.parent
COMMAND = ".venv/bin/python -m bench.domain_bench"
GOAL_MS = {"ladybug": {"who covers": 50, "mandate brief": 50, "gaps": 50, "overlaps of two bodies": 200},
           "neo4j": {"who covers": 100, "mandate brief": 100, "gaps": 100, "overlaps of two bodies": 200}}


# --- the child: a fresh process asking questions ---------------------------------------------


def child(uri: str, password: str, runs: int, snapshot: bool = True) -> dict[str, Any]:
    from graph import domain
    from graph.domain import Snapshot, scoped

    kw = {"user": "neo4j", "password": password} if "://" in uri else {}
    store = open_store(uri, uri, **kw)
    t0 = time.perf_counter()
    dc = scoped.DirectoryCache(max_age=3600)
    d = dc.get(store)
    dir_s = time.perf_counter() - t0
    rnd = random.Random(11)
    districts = sorted(p for p, x in d.places.items() if x["level"] == "district")
    themes = sorted(c for c, x in d.concepts.items() if x["scheme"] == "theme")
    bodies = sorted(a for a, x in d.actors.items() if not x["is_class"])
    out: dict[str, Any] = {"directory_s": dir_s, "questions": {}, "slice_statements": {}}

    def who(i: int) -> int:
        p, t = districts[i % len(districts)], themes[i % len(themes)]
        s = scoped.scoped(store, d, scoped.scope_who_covers(p, t))
        domain.who_covers(s, t, p)
        return len(s.statements)

    def brief(i: int) -> int:
        a = bodies[rnd.randrange(len(bodies))]
        names = scoped.bare(d)
        aid, home, holders = domain.brief_holders(names, a, None)
        s = scoped.scoped(store, d, scoped.scope_brief(d, holders, home))
        domain.mandate_brief(s, aid, None)
        return len(s.statements)

    def gaps(i: int) -> int:
        p = districts[(i * 7) % len(districts)]
        s = scoped.scoped(store, d, scoped.scope_gaps(p))
        domain.gaps(s, p)
        return len(s.statements)

    def pair(i: int) -> int:
        a, b = bodies[rnd.randrange(len(bodies))], bodies[rnd.randrange(len(bodies))]
        s = scoped.scoped(store, d, scoped.scope_overlaps(a, b, None))
        domain.overlaps(s, a, b)
        return len(s.statements)

    for name, fn in (("who covers", who), ("mandate brief", brief), ("gaps", gaps), ("overlaps of two bodies", pair)):
        fn(10_000)  # the first question of its kind (imports, query plans)
        fn(10_001)
        times, cpus, sizes = [], [], []
        for i in range(runs):
            t, c = time.perf_counter(), time.process_time()
            assert dc.get(store) is d  # as the service does: a server store's fingerprint per question
            sizes.append(fn(i))
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
        out["questions"][name] = {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "n": runs,
                                  "cpu_p50_ms": percentile(cpus, 50), "cpu_p95_ms": percentile(cpus, 95)}
        out["slice_statements"][name] = round(sum(sizes) / len(sizes))
    out["rss_mb"] = psutil.Process().memory_info().rss / 2**20
    if snapshot:
        t = time.perf_counter()
        Snapshot(store)
        out["snapshot_s"] = time.perf_counter() - t
    store.close()
    return out


def ask_child(uri: str, password: str, runs: int, tree: Path = REPO) -> dict[str, Any]:
    """This file's child in a fresh process, over the code of ``tree`` (a baseline: a copy of
    the tree before a change, run with the same questions), with the load around it."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", uri, "--password", password, "--runs", str(runs)]
    if tree != REPO:
        cmd.append("--no-snapshot")
    load = os.getloadavg()[0]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600, check=False, cwd=str(tree))
    if r.returncode:
        raise SystemExit(f"child failed: {r.stderr[-2000:]}")
    return dict(json.loads(r.stdout.strip().splitlines()[-1])) | {"load": (load, os.getloadavg()[0])}


# --- memory of `dalil serve` --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_rss(home: Path, questions: list[str], uri: str = "", password: str = "") -> float:
    """RSS (MB) of a `dalil serve` over ``home`` after it answered ``questions`` (GET paths); with
    ``uri``, over that Neo4j (the production layout: the store's pages live in the server)."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO), DALIL_API_OPEN_READS="true", DALIL_HOME=str(home),
               DALIL_ACCESS_LOG="-")
    if uri:
        env |= {"DALIL_GRAPH_URI": uri, "DALIL_GRAPH_PASSWORD": password}
    proc = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=60).read()
                break
            except OSError:
                time.sleep(0.5)
        for q in questions:
            try:
                urllib.request.urlopen(base + q, timeout=600).read()
            except OSError as e:
                print(f"  {q}: {e}", flush=True)
        return float(psutil.Process(proc.pid).memory_info().rss / 2**20)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def http_questions(store: GraphStore) -> list[str]:
    """Who covers, mandate brief, gaps and overlaps, by names the graph holds."""
    from graph.domain import scoped

    d = scoped.Directory(store)
    district = next(p for p, x in sorted(d.places.items()) if x["level"] == "district" and p != "place:IQ")
    theme = next(c for c, x in sorted(d.concepts.items()) if x["scheme"] == "theme")
    bodies = sorted(a for a, x in d.actors.items() if not x["is_class"] and x["kind"] != "person")
    q = urllib.parse.quote
    place, label = d.places[district]["name"], d.concepts[theme]["label_en"]
    return [f"/api/who?theme={q(label)}&place={q(place)}", f"/api/mandate?body={q(bodies[0])}",
            f"/api/gaps?place={q(place)}", f"/api/overlaps?actor={q(bodies[0])}&actor={q(bodies[-1])}"]


# --- main ---------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--child", default="")
    ap.add_argument("--password", default="")
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--work", default="", help="folder for the stores (kept; reused when it holds them)")
    ap.add_argument("--baseline", default="", help="a copy of the tree before a change: its code answers too, "
                    "each store's children alternating baseline and this tree")
    ap.add_argument("--no-snapshot", action="store_true")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child, a.password, a.runs, snapshot=not a.no_snapshot)))
        return
    n_actors, n_facts = (2_000, 20_000) if a.quick else (10_000, 100_000)
    work = Path(a.work or tempfile.mkdtemp(prefix="dalil-domain-bench-"))
    syn_home, demo_home = work / "synthetic", work / "demo"
    syn_home.mkdir(parents=True, exist_ok=True)
    demo_home.mkdir(parents=True, exist_ok=True)
    load = write_batches(n_actors, n_facts)
    syn_path = syn_home / "graph.lbug"
    if not syn_path.exists():
        print(f"writing {n_actors:,} bodies / {n_facts:,} statements to the embedded store ...", flush=True)
        with open_store(path=str(syn_path)) as s:
            load(s)
    if not (demo_home / "graph.lbug").exists():
        env = dict(os.environ, PYTHONPATH=str(REPO), DALIL_HOME=str(demo_home), DALIL_INDEX_ON_INGEST="false")
        subprocess.run([sys.executable, "-c", "from api.cli import main; main()", "ingest", str(DEMO)], env=env, check=True,
                       capture_output=True)
    with open_store(path=str(syn_path)) as s:
        syn_q = http_questions(s)
    with open_store(path=str(demo_home / "graph.lbug")) as s:
        demo_q = http_questions(s)
    rss: dict[str, float] = {}
    neo = Neo4jServer()
    try:
        with open_store(neo.uri, user="neo4j", password=neo.password) as s:
            print("writing the same graph to Neo4j ...", flush=True)
            wipe(s)
            load(s)
        res, base = {}, {}
        for name, uri, pw in (("ladybug", str(syn_path), ""), ("neo4j", neo.uri, neo.password)):
            if a.baseline:
                print(f"{name}: baseline ...", flush=True)
                base[name] = ask_child(uri, pw, a.runs, Path(a.baseline))
            print(f"{name}: this tree ...", flush=True)
            res[name] = ask_child(uri, pw, a.runs)
        print("measuring dalil serve memory on Neo4j ...", flush=True)
        rss["neo4j synthetic"] = serve_rss(syn_home, syn_q, neo.uri, neo.password)
        from graph.sync import sync

        with open_store(path=str(demo_home / "graph.lbug")) as src, \
                open_store(neo.uri, user="neo4j", password=neo.password) as dst:
            sync(src, dst, replace=True)
        rss["neo4j demo"] = serve_rss(demo_home, demo_q, neo.uri, neo.password)
    finally:
        neo.stop()
    print("measuring dalil serve memory ...", flush=True)
    rss |= {"demo": serve_rss(demo_home, demo_q), "synthetic": serve_rss(syn_home, syn_q)}
    report(res, rss, n_actors, n_facts, base)


def report(res: dict[str, Any], rss: dict[str, float], n_actors: int, n_facts: int,
           base: dict[str, Any] | None = None) -> None:
    lines = [
        f"Synthetic graph of `bench.graph_bench` ({n_actors:,} bodies, {n_facts:,} statements). A fresh process "
        "per store reads the Directory (bodies, documents, gazetteer, vocabularies) once, then asks each "
        "question with parameters not asked before; each answer fetches only its slice of statements and "
        "efforts (graph.domain.scoped). Baseline: the whole-graph Snapshot every answer used to build, in "
        "the same process.",
        "",
        "| question | embedded p50 / p95 ms | Neo4j p50 / p95 ms | goal p95 (embedded / Neo4j) | met | statements read (mean) |",
        "| --- | ---: | ---: | ---: | :---: | ---: |",
    ]
    for q in GOAL_MS["ladybug"]:
        lb, nj = res["ladybug"]["questions"][q], res["neo4j"]["questions"][q]
        ok = lb["p95_ms"] <= GOAL_MS["ladybug"][q] and nj["p95_ms"] <= GOAL_MS["neo4j"][q]
        lines.append(f"| {q} | {lb['p50_ms']:.1f} / {lb['p95_ms']:.1f} | {nj['p50_ms']:.1f} / {nj['p95_ms']:.1f} | "
                     f"{GOAL_MS['ladybug'][q]} / {GOAL_MS['neo4j'][q]} | {'yes' if ok else 'no'} | "
                     f"{res['ladybug']['slice_statements'][q]:,} |")
    lb, nj = res["ladybug"], res["neo4j"]
    lines += [
        "",
        f"Directory read once per process: embedded {lb['directory_s']:.2f} s, Neo4j {nj['directory_s']:.2f} s. "
        f"Whole-graph Snapshot (the baseline): embedded {lb['snapshot_s']:.2f} s, Neo4j {nj['snapshot_s']:.2f} s. "
        "Against it (p50): " + "; ".join(
            f"{q} x{lb['snapshot_s'] * 1000 / max(lb['questions'][q]['p50_ms'], 1e-6):.0f} embedded, "
            f"x{nj['snapshot_s'] * 1000 / max(nj['questions'][q]['p50_ms'], 1e-6):.0f} Neo4j" for q in GOAL_MS["ladybug"]) + ".",
        "",
        f"`dalil serve` RSS after answering who covers, mandate brief, gaps and overlaps over HTTP (goal: synthetic "
        f"within 1.2x of the demo corpus): embedded demo {rss['demo']:.0f} MB, synthetic {rss['synthetic']:.0f} MB "
        f"(x{rss['synthetic'] / rss['demo']:.2f}); on Neo4j (the store's pages in the server) demo "
        f"{rss['neo4j demo']:.0f} MB, synthetic {rss['neo4j synthetic']:.0f} MB "
        f"(x{rss['neo4j synthetic'] / rss['neo4j demo']:.2f}).",
        "",
        "CPU of the asking process per question, p50 / p95 ms (on Neo4j the server's work is not in it): " + "; ".join(
            f"{q} {lb['questions'][q]['cpu_p50_ms']:.0f} / {lb['questions'][q]['cpu_p95_ms']:.0f} embedded, "
            f"{nj['questions'][q]['cpu_p50_ms']:.0f} / {nj['questions'][q]['cpu_p95_ms']:.0f} Neo4j" for q in GOAL_MS["ladybug"])
        + f". 1-minute load before / after each child: embedded {lb['load'][0]:.1f} / {lb['load'][1]:.1f}, "
        f"Neo4j {nj['load'][0]:.1f} / {nj['load'][1]:.1f}.",
    ]
    if base:
        lines += ["", "Baseline (`--baseline`: the code before this change, same stores, same questions, its child run "
                  "just before this tree's on each store), wall and CPU p50 / p95 ms, baseline → this tree:", "",
                  "| question | embedded wall | embedded CPU | Neo4j wall | Neo4j client CPU |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for q in GOAL_MS["ladybug"]:
            cells = []
            for st in ("ladybug", "neo4j"):
                o, n = base[st]["questions"][q], res[st]["questions"][q]
                cells.append(f"{o['p50_ms']:.0f} / {o['p95_ms']:.0f} → {n['p50_ms']:.0f} / {n['p95_ms']:.0f}")
                cells.append(f"{o['cpu_p50_ms']:.0f} / {o['cpu_p95_ms']:.0f} → {n['cpu_p50_ms']:.0f} / {n['cpu_p95_ms']:.0f}")
            lines.append(f"| {q} | " + " | ".join(cells) + " |")
        lines += ["", "Baseline load before / after: " + ", ".join(
            f"{st} {base[st]['load'][0]:.1f} / {base[st]['load'][1]:.1f}" for st in ("ladybug", "neo4j")) + "."]
    body = "\n".join(lines)
    print(json.dumps({"this": res, "baseline": base, "rss": rss}))  # the raw numbers, for notes on the run
    print(body)
    write_section("Domain questions", COMMAND, body)


if __name__ == "__main__":
    main()
