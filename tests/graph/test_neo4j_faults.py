"""Faults on a real Neo4j: a server that dies in the middle of an ingest, and hostile text.

The crash test starts its own Neo4j (scripts/neo4j/start.sh on a free port, its own run and
data folders), because it kills and restarts the server; the shared test server is never
touched. It needs java and the launcher's cached jars, else it skips. The special-character
tests run every user-supplied field through the CLI on both stores and require the same JSON.
Wrong password and an unreachable server are in test_store_congruence.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.ladybug_store import LadybugStore
from graph.settings import get_settings
from graph.store import GraphStoreError
from graph.sync import counts
from ingest.pipeline import Ingestor
from tests.conftest import DEMO, REPO
from tests.graph.conftest import NO_NEO4J, neo4j_password, neo4j_required, open_test_neo4j
from tests.graph.test_domain_congruence import assert_same_graph

LAUNCHER = REPO / "scripts" / "neo4j"
VERSION = os.environ.get("DALIL_NEO4J_VERSION", "5.26.31")
JARS = Path(os.environ.get("DALIL_NEO4J_CACHE", Path.home() / ".cache" / "dalil" / f"neo4j-{VERSION}")) / "lib"
PASSWORD = "crash-test-pw"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnNeo4j:
    """A Neo4j of this test's own, on a free port, whose data survives a crash and a restart."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.env = os.environ | {
            "DALIL_NEO4J_PORT": str(self.port),
            "DALIL_NEO4J_RUN": str(root / "run"),
            "DALIL_NEO4J_DATA": str(root / "data"),
            "DALIL_NEO4J_PASSWORD": PASSWORD,
            "DALIL_NEO4J_PAGECACHE_MB": "32",
            "DALIL_NEO4J_JAVA_OPTS": "-Xms128m -Xmx512m",
            "DALIL_NEO4J_STOP_TIMEOUT": "20",
        }
        self.pid_file = root / "run" / "neo4j.pid"

    def start(self) -> None:
        p = subprocess.run(["bash", str(LAUNCHER / "start.sh")], env=self.env, capture_output=True,
                           text=True, timeout=240)
        if p.returncode != 0:
            pytest.fail(f"could not start a dedicated Neo4j: {p.stderr[-2000:]}")

    def crash(self) -> None:
        """SIGKILL: harsher than a clean stop (no shutdown hook, no checkpoint)."""
        pid = int(self.pid_file.read_text())
        os.kill(pid, signal.SIGKILL)
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    def stop(self) -> None:
        if self.pid_file.exists():
            self.crash()  # the data is throwaway: no need to wait for a clean shutdown
        subprocess.run(["bash", str(LAUNCHER / "stop.sh")], env=self.env, capture_output=True, timeout=60)


@pytest.fixture
def own_neo4j(tmp_path: Path) -> Iterator[OwnNeo4j]:
    if not (os.environ.get("DALIL_TEST_NEO4J_URI") or neo4j_required()):
        # a Neo4j test session (make test / make test-neo4j) sets one of these; a quick local
        # run does not pay for two server starts
        pytest.skip(NO_NEO4J)
    missing = [what for what, ok in (("java", shutil.which("java")), (f"the jars in {JARS}", (JARS / ".complete").exists()))
               if not ok]
    if missing:
        msg = f"needs {' and '.join(missing)} (run scripts/neo4j/start.sh once to cache the jars)"
        if neo4j_required() and shutil.which("java"):
            pytest.fail(msg)
        pytest.skip(msg)
    server = OwnNeo4j(tmp_path / "neo4j")
    server.start()
    try:
        yield server
    finally:
        server.stop()


class _CrashHalfway(Sequence[tuple[str, dict[str, Any]]]):
    """The statements of one write transaction; the server dies after the first half ran."""

    def __init__(self, ops: Sequence[tuple[str, dict[str, Any]]], crash: Callable[[], None]) -> None:
        self.ops, self.crash, self.crashed = list(ops), crash, False

    def __len__(self) -> int:
        return len(self.ops)

    def __getitem__(self, i: Any) -> Any:
        return self.ops[i]

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for n, op in enumerate(self.ops):
            if n == len(self.ops) // 2 and not self.crashed:
                self.crashed = True
                self.crash()
            yield op


@pytest.mark.neo4j
def test_server_killed_mid_ingest_then_rerun_finishes(own_neo4j: OwnNeo4j, tmp_path: Path) -> None:
    from graph.neo4j_store import Neo4jStore

    corpus = tmp_path / "corpus"
    shutil.copytree(DEMO, corpus)
    docs = sorted(corpus.iterdir())
    assert len(docs) >= 2, "the crash test needs a corpus of several documents"

    class CrashingStore(Neo4jStore):
        writes = 0

        def _write(self, ops: Sequence[tuple[str, dict[str, Any]]]) -> None:
            self.writes += 1
            # write 1 seeds places and concepts, write 2 is the first document, 3 the second
            super()._write(_CrashHalfway(ops, own_neo4j.crash) if self.writes == 3 else ops)

    store = CrashingStore(own_neo4j.uri, password=PASSWORD, retry_seconds=2)
    try:
        with pytest.raises(GraphStoreError, match="became unreachable during a write.*run it again"):
            Ingestor(store).ingest_paths([corpus])
    finally:
        store.close()

    # the CLI says so too, and in a way a person can act on
    res = _cli(["ingest", str(corpus), "--graph", own_neo4j.uri, "--home", str(tmp_path / "home"), "--json"],
               PASSWORD)
    assert res.exit_code != 0 and "unreachable" in res.output, res.output

    own_neo4j.start()  # same data folder: Neo4j recovers from its transaction log
    with LadybugStore(tmp_path / "ref.lbug") as ref, Neo4jStore(own_neo4j.uri, password=PASSWORD) as neo:
        Ingestor(ref).ingest_paths([corpus])
        # only the first document committed; of the second, nothing at all is visible
        done = [d["id"] for d in neo.run("documents")]
        assert len(done) == 1
        ref_counts = {d["id"]: len(ref.run("chunks_of_doc", doc_id=d["id"])) for d in ref.run("documents")}
        assert len(neo.run("chunks_of_doc", doc_id=done[0])) == ref_counts[done[0]]
        for doc_id in set(ref_counts) - set(done):
            assert neo.run("chunks_of_doc", doc_id=doc_id) == []
            assert neo.cypher("MATCH (s:Statement) WHERE s.doc_id = $d RETURN count(s) AS n", d=doc_id) == [{"n": 0}]
        # a rerun finishes the job: the committed document is skipped, the rest ingested
        reports = Ingestor(neo).ingest_paths([corpus])
        assert sorted(r.status for r in reports) == ["ingested"] * (len(docs) - 1) + ["unchanged"]
        assert_same_graph(ref, neo)


# --- Cypher-special characters in every user-supplied field, through the CLI ------------------

HOSTILE = "O'Neill \"Youth\" {Forum} `Ticked` $rows \\ back"
TEXT = f"""# Report on {HOSTILE}

The Peace Builders Network (PBN) supports youth in Nineveh, with the {HOSTILE} Organisation.
The O'Brien "Unity" {{Centre}} (OUC) works with the Ministry of Youth and Sports in Tel Kaif.
A line with $rows, $1, \\n, {{id: 'x'}}, `MATCH (n) DETACH DELETE n //` and '); DROP ALL; --
"""

QUERIES: list[list[str]] = [
    ["resolve", HOSTILE],
    ["resolve", "`x` }) MATCH (n) DETACH DELETE n //"],
    ["resolve", "Peace Builders Network"],
    ["who", "--place", "Nin'eveh {x} `y` $p \\"],
    ["who", "--theme", "youth' }) MATCH (n) DETACH DELETE n //"],
    ["who", "--theme", "youth", "--place", "Nineveh"],
    ["ask", f"Who covers youth in {HOSTILE}?"],
    ["actors"],
    ["stats"],
]


def _cli(args: list[str], password: str = "") -> Any:
    from api.cli import app

    env = {"DALIL_GRAPH_PASSWORD": password, "DALIL_INDEX_ON_INGEST": "false", "DALIL_EMBEDDER": "hash"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, args)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        get_settings.cache_clear()


def _answers(graph: list[str], home: Path, password: str) -> list[tuple[int, str]]:
    out = []
    for q in QUERIES:
        res = _cli([*q, "--home", str(home), *graph, "--json"], password)
        try:  # key order inside JSON objects carries no meaning (stats counts come unordered)
            text = json.dumps(json.loads(res.output), sort_keys=True, ensure_ascii=False)
        except ValueError:
            text = res.output
        out.append((res.exit_code, text))
    return out


@pytest.fixture
def hostile_doc(tmp_path: Path) -> Path:
    f = tmp_path / "docs" / "hostile-o'neill {x} $y.txt"  # plain text: no markup is stripped
    f.parent.mkdir()
    f.write_text(TEXT, encoding="utf-8")
    return f


def _ingest_and_ask(graph: list[str], home: Path, doc: Path, password: str) -> list[tuple[int, str]]:
    res = _cli(["ingest", str(doc), "--home", str(home), *graph, "--json"], password)
    assert res.exit_code == 0, res.output
    return _answers(graph, home, password)


@pytest.mark.neo4j
def test_special_characters_through_the_cli_on_both_stores(hostile_doc: Path, tmp_path: Path) -> None:
    neo = open_test_neo4j()
    uri = os.environ["DALIL_TEST_NEO4J_URI"]
    try:
        home_l, home_n = tmp_path / "home-l", tmp_path / "home-n"
        got_l = _ingest_and_ask([], home_l, hostile_doc, "")
        got_n = _ingest_and_ask(["--graph", uri], home_n, hostile_doc, neo4j_password())
        for q, (code_l, out_l), (code_n, out_n) in zip(QUERIES, got_l, got_n, strict=True):
            assert (code_l, out_l) == (code_n, out_n), f"{q}: embedded and Neo4j differ"
            assert code_l in (0, 2), f"{q}: exit {code_l}: {out_l}"
            if code_l == 2:  # an unknown name: said plainly, never a Cypher error
                assert "unknown" in out_l and "Cypher" not in out_l and "Exception" not in out_l, out_l
        by = dict(zip((q[0] + " " + q[-1] for q in QUERIES), got_l, strict=True))
        assert by[f"who {QUERIES[3][-1]}"][0] == 2 and by[f"who {QUERIES[4][-1]}"][0] == 2
        # the text reached both stores byte for byte, and nothing was deleted by the "injections"
        with LadybugStore(home_l / "graph.lbug") as lb:
            for store in (lb, neo):
                (d,) = store.run("documents")
                assert d["path"] == str(hostile_doc)
                text = "".join(c["text"] for c in store.run("chunks_of_doc", doc_id=d["id"]))
                assert "$rows, $1, \\n, {id: 'x'}, `MATCH (n) DETACH DELETE n //`" in text
                assert counts(store)["Place"] > 100 and counts(store)["Statement"] > 0
            assert_same_graph(lb, neo)
            # every body the extractor found resolves by its own name, on both stores
            for a in lb.run("actors"):
                ids = [[m["id"] for m in json.loads(_cli(["resolve", a["name"], "--home", str(h), *g, "--json"], pw)
                                                    .output)["matches"]]
                       for h, g, pw in ((home_l, [], ""), (home_n, ["--graph", uri], neo4j_password()))]
                assert ids[0] == ids[1] and a["id"] in ids[0], (a["name"], ids)
    finally:
        neo.close()
