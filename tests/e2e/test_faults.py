"""Nothing lost (issue 18): kill -9 at five moments of an ingest, then a plain re-run, gives the same
graph, vectors and answers as a clean ingest; the same after a changed document's graph commit;
backup -> wipe -> restore answers identically; a full disk leaves the folder usable.

Every run is a real `dalil` process on the real stores (LadybugDB, Qdrant local mode) with the
hash embedder; kills are real SIGKILLs (tests/e2e/kill_ingest.py picks the moment).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from api.service import open_dalil
from tests.conftest import DEMO, REPO
from tests.e2e.kill_ingest import MOMENTS

QUESTIONS = ("Which bodies cover youth in Nineveh?", "Who funds the Dijla Peace Network?",
             "reintegration of families returning from camps")
EXTRA = "# Field note\n\nUNDP funds the Dijla Peace Network in Sinjar.\n\nThe Dijla Peace Network trains teachers in Sinjar.\n"
ENV = {**os.environ, "DALIL_EMBEDDER": "hash", "PYTHONPATH": str(REPO)}
DALIL = [sys.executable, "-c", "from api.cli import main; main()"]


def corpus(root: Path) -> Path:
    """Three demo documents and a note of our own: several graph writes and vector batches."""
    c = root / "corpus"
    c.mkdir(parents=True)
    for f in sorted(DEMO.glob("*.md"))[:3]:
        shutil.copy(f, c / f.name)
    (c / "zz-note.md").write_text(EXTRA, encoding="utf-8")
    return c


def run(*args: Any, check: bool = True) -> subprocess.CompletedProcess[str]:
    res = subprocess.run([*DALIL, *map(str, args)], env=ENV, capture_output=True, text=True, timeout=600)
    if check:
        assert res.returncode == 0, res.stderr[-2000:]
        assert "Traceback" not in res.stderr
    return res


def kill_at(moment: str, home: Path, docs: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "tests.e2e.kill_ingest", moment, str(home), str(docs)],
                         env=ENV, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert res.returncode == -9, (moment, res.returncode, res.stderr[-2000:])


def state(home: Path) -> dict[str, Any]:
    """Graph (ids and reviews of everything ingest writes), vectors, and answers."""
    os.environ["DALIL_EMBEDDER"] = "hash"
    try:
        with open_dalil(home=home) as d:
            d.settings.embedder = "hash"
            g = d.graph
            graph = {
                "counts": d.stats()["nodes"], "rels": d.stats()["relationships"],
                "documents": g.run("document_sources"),
                "statements": sorted((r["id"], r["subject"], r["quote"], r["review"] or "") for r in g.run("statements")),
                "actors": sorted(r["id"] for r in g.run("actors")),
                "chunks": sorted((doc["id"], c["id"], c["text"]) for doc in g.run("documents")
                                 for c in g.run("chunks_of_doc", doc_id=doc["id"])),
            }
            m = d.vectors().mirror()
            assert m.matrix is not None
            vectors = {cid: (p["doc_id"], p["doc_hash"], p["text_hash"], tuple(np.round(m.matrix[i], 5)))
                       for i, (cid, p) in enumerate(zip(m.ids, m.payloads, strict=True))}
            answers = [json.dumps(d.ask(q), sort_keys=True, ensure_ascii=False) for q in QUESTIONS]
            drift = d.check_index()
    finally:
        os.environ.pop("DALIL_EMBEDDER", None)
    assert not drift, drift.describe()
    return {"graph": graph, "vectors": vectors, "answers": answers}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("clean")
    docs = corpus(root)
    run("ingest", docs, "--home", root / "home", "--json")
    return docs, state(root / "home")


@pytest.mark.parametrize("moment", MOMENTS)
def test_kill_then_rerun_equals_a_clean_ingest(moment: str, clean: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    docs, want = clean
    home = tmp_path / "home"
    kill_at(moment, home, docs)
    run("ingest", docs, "--home", home, "--json")
    got = state(home)
    assert got["graph"] == want["graph"]
    assert got["vectors"] == want["vectors"]
    assert got["answers"] == want["answers"]


def test_kill_after_a_changed_documents_graph_commit(tmp_path: Path) -> None:
    """The graph holds the new version, the vectors the old: the re-run (the file is "unchanged"
    to the graph) still brings the vectors in step, as a clean ingest of the new text would."""
    docs = corpus(tmp_path)
    home = tmp_path / "home"
    run("ingest", docs, "--home", home)
    note = docs / "zz-note.md"
    note.write_text(EXTRA + "\nThe network also mediates land disputes in Sinjar.\n", encoding="utf-8")
    for f in sorted(docs.glob("*"))[:-1]:
        f.rename(f.with_suffix(".keep"))  # only the note is ingested: its graph write is the third
    (docs / "000.md").write_text("# A\n\nUNICEF works in Basra.\n", encoding="utf-8")
    kill_at("after-graph-commit", home, docs)
    for f in docs.glob("*.keep"):
        f.rename(f.with_suffix(".md"))
    run("ingest", docs, "--home", home)
    ref = tmp_path / "ref"
    run("ingest", docs, "--home", ref)
    assert state(home) == state(ref)


def test_backup_wipe_restore_answers_identically(tmp_path: Path) -> None:
    docs = corpus(tmp_path)
    home = tmp_path / "home"
    run("ingest", docs, "--home", home)
    st = next(r["id"] for r in open_dalil_rows(home, "statements"))
    run("actors", "reject", st, "--home", home)
    run("keys", "create", "--role", "reader", "--home", home)
    before = state(home)
    archive = tmp_path / "backup.tar.gz"
    run("backup", archive, "--home", home)
    shutil.rmtree(home)
    assert "not a readable Dalil backup" in " ".join(run("restore", docs / "zz-note.md", "--home", home, check=False).stderr.split())
    out = json.loads(run("restore", archive, "--home", home, "--json").stdout)
    assert out["in_step"] and out["documents"] == len(before["graph"]["documents"])
    assert state(home) == before
    assert (home / "keys.json").exists()
    refused = run("restore", archive, "--home", home, check=False)
    assert refused.returncode == 2 and "not empty" in " ".join(refused.stderr.split())


def open_dalil_rows(home: Path, query: str) -> list[dict[str, Any]]:
    with open_dalil(home=home) as d:
        return d.graph.run(query)


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 MB tmpfs (needs root and mount); skipped where it cannot be mounted."""
    fs = tmp_path / "fs"
    fs.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(fs)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (not root?); the simulated write error test covers the code path")
    try:
        yield fs
    finally:
        subprocess.run(["umount", "-l", str(fs)], check=False)


def _fill(fs: Path, leave_kb: int) -> Path:
    free = shutil.disk_usage(fs).free // 1024
    ballast = fs / "ballast"
    with ballast.open("wb") as f:
        f.truncate(0)
        chunk = b"\0" * 1024 * 64
        for _ in range(max(0, (free - leave_kb) // 64)):
            f.write(chunk)
    return ballast


def test_a_full_disk_leaves_the_folder_usable(small_disk: Path, tmp_path: Path) -> None:
    docs = corpus(tmp_path)
    home = small_disk / "home"
    env = {"DALIL_MIN_FREE_MB": "0"}
    assert run_env(env, "ingest", docs / "zz-note.md", "--home", home).returncode == 0
    # 1. too little room to start: refused before the stores are touched
    before = state(home)
    ballast = _fill(small_disk, 300)
    res = run_env(env, "ingest", docs, "--home", home)
    assert res.returncode == 2 and "Nothing was written" in " ".join(res.stderr.split()), res.stderr
    ballast.unlink()
    assert state(home) == before
    # 2. room to start (just what the free-space check asks for), not to finish: the disk fills mid-write
    from api.maintenance import GROWTH

    ballast = _fill(small_disk, GROWTH * sum(f.stat().st_size for f in docs.iterdir()) // 1024 + 64)
    res = run_env(env, "ingest", docs, "--home", home)
    # where the disk fills decides how the store fails: a write error Dalil reports ("filled up",
    # exit 2), or LadybugDB aborting inside its log write (SIGABRT; its own C++ message). Either
    # way the run fails loudly, with no Python traceback, and the folder stays usable (below).
    aborted = res.returncode == -6 and "IO exception" in res.stderr
    assert aborted or res.returncode == 2 and "filled up" in " ".join(res.stderr.split()), res.stderr
    assert "Traceback" not in res.stderr
    # space freed: every command works (a log the failed write cut short is set aside, kept, and
    # said so), and a plain re-run completes the ingest
    ballast.unlink()
    stats = run("stats", "--home", home)
    if list(home.glob("graph.lbug.wal*.broken-*")):
        assert "last checkpointed state" in " ".join(stats.stderr.split()), stats.stderr
    doctor = json.loads(run_env(env, "doctor", "--home", home, "--json").stdout)
    assert {f["state"] for f in doctor["findings"]} <= {"ok", "repaired", "warning"}, doctor
    assert all(f["state"] == "ok" for f in doctor["findings"] if f["check"] in ("graph", "disk")), doctor
    res = run_env(env, "ingest", docs, "--home", home)
    assert res.returncode == 0, res.stderr
    ref = tmp_path / "ref"
    run("ingest", docs / "zz-note.md", "--home", ref)
    run("ingest", docs, "--home", ref)
    assert state(home) == state(ref)


def run_env(env: dict[str, str], *args: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DALIL, *map(str, args)], env={**ENV, **env}, capture_output=True, text=True, timeout=600)
