"""Document and statement identity (issue 18): colliding file names keep every document, a re-ingest
under the same path replaces its document, an edit keeps statement ids and curator decisions.

Real embedded store and Qdrant local mode; the hash embedder (model quality does not matter here).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from api.service import Dalil, open_dalil
from graph.model import normalise_quote

FOREWORD = "# Field note\n\nThis note was written after a visit in the spring.\n\n"
BODY = (
    "The Ministry of Education supports the Al-Noor Relief Foundation in Mosul.\n\n"
    "The Al-Noor Relief Foundation runs youth centres in Mosul.\n\n"
    "The Dijla Peace Network trains teachers in Sinjar.\n\n"
    "UNDP funds the Dijla Peace Network in Sinjar.\n"
)
ROWS = [
    ["Organisation", "Sector", "Governorate code", "District", "Activity"],
    ["#org+impl", "#sector", "#adm1+code", "#adm2+name", "#activity"],
    ["Norwegian Refugee Council", "Education", "IQG15", "Sinjar", "Back to school"],
]


@pytest.fixture()
def dalil(tmp_path: Path) -> Iterator[Dalil]:
    with open_dalil(home=tmp_path / "home") as d:
        d.settings.embedder = "hash"
        yield d


def _docs(d: Dalil) -> dict[str, str]:
    """document id -> stored path (its source key)"""
    return {r["id"]: r["path"] for r in d.graph.run("document_sources")}


def _statements(d: Dalil, doc_id: str) -> dict[str, str]:
    return {s.id: s.quote for s in d.snapshot().statements.values() if s.doc_id == doc_id}


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_colliding_names_keep_every_document(dalil: Dalil, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    files = [
        _write(root / "a" / "plan.md", FOREWORD + "The Ministry of Education supports schools in Mosul.\n"),
        _write(root / "b" / "plan.md", FOREWORD + "UNDP funds the Dijla Peace Network in Sinjar.\n"),
        _write(root / "Plan Report.md", FOREWORD + "The Dijla Peace Network trains teachers in Sinjar.\n"),
        _write(root / "plan-report.txt", "The Al-Noor Relief Foundation runs youth centres in Mosul.\n"),
        _write(root / "Nineveh.md", "The Al-Noor Relief Foundation works in Tel Kaif.\n"),
        _write(root / "nineveh.md", "UNDP supports the Al-Noor Relief Foundation in Sinjar.\n"),
        _csv(root / "nineveh.csv", ROWS),
        _csv(root / "3w.csv", ROWS),
        _xlsx(root / "3w.xlsx", [*ROWS, ["IOM", "WASH", "IQG15", "Tel Kaif", "Water"]]),
    ]
    reports = dalil.ingest([root])
    assert [r.status for r in reports] == ["ingested"] * len(files), [(r.path, r.status, r.reason) for r in reports]
    docs = _docs(dalil)
    assert len(docs) == len(files) == len({r.doc_id for r in reports})
    assert set(docs.values()) == {f.resolve().as_posix() for f in files}
    # the first file of a stem keeps the readable id; the others are told apart by their path
    assert "doc:plan" in docs and sum(i.startswith("doc:plan-") for i in docs) == 1 + 2  # b/plan, plan-report x2
    # a second run changes nothing (nothing flips back and forth), also when the files are named one by one
    again = dalil.ingest(files)
    assert {r.status for r in again} == {"unchanged"}
    assert {Path(r.path).resolve(): r.doc_id for r in again} == {Path(r.path).resolve(): r.doc_id for r in reports}
    assert _docs(dalil) == docs
    # search sees every one of them (tables have efforts, no passages)
    assert dalil.vectors().doc_ids() == {r["doc_id"] for r in dalil.graph.run("chunk_counts")} == {
        i for i, p in docs.items() if not p.endswith((".csv", ".xlsx"))}


def test_reingest_under_the_same_path_replaces_it(dalil: Dalil, tmp_path: Path) -> None:
    f = _write(tmp_path / "c" / "note.md", FOREWORD + BODY)
    first = dalil.ingest([f])[0]
    before = _statements(dalil, first.doc_id)
    _write(f, FOREWORD + "UNDP funds the Dijla Peace Network in Sinjar.\n")
    second = dalil.ingest([tmp_path / "c"])[0]  # named through its folder this time
    assert second.status == "ingested" and second.doc_id == first.doc_id
    after = _statements(dalil, first.doc_id)
    assert len(_docs(dalil)) == 1 and 0 < len(after) < len(before)
    assert all("Ministry of Education" not in q for q in after.values())
    assert dalil.vectors().doc_ids() == {first.doc_id}


def test_a_moved_folder_keeps_its_documents(dalil: Dalil, tmp_path: Path) -> None:
    _write(tmp_path / "old" / "note.md", FOREWORD + BODY)
    first = dalil.ingest([tmp_path / "old"])[0]
    shutil.move(tmp_path / "old", tmp_path / "new")
    moved = dalil.ingest([tmp_path / "new"])[0]
    assert moved.status == "unchanged" and moved.doc_id == first.doc_id
    assert _docs(dalil) == {first.doc_id: (tmp_path / "new" / "note.md").resolve().as_posix()}


def test_a_one_word_edit_keeps_statement_ids_and_decisions(dalil: Dalil, tmp_path: Path) -> None:
    f = _write(tmp_path / "note.md", FOREWORD + BODY)
    doc_id = dalil.ingest([f])[0].doc_id
    before = _statements(dalil, doc_id)
    assert len(before) >= 3
    rejected = next(i for i, q in before.items() if "Ministry of Education" in q)
    accepted = next(i for i, q in before.items() if "UNDP funds" in q)
    dalil.review_statement(rejected, accept=False)
    kind = (dalil.snapshot().statements[rejected].kind, dalil.snapshot().statements[rejected].subjects)
    dalil.review_statement(accepted, accept=True)

    # one word more in the foreword: every statement keeps its id and its review
    _write(f, FOREWORD.replace("a visit", "a short visit") + BODY)
    assert dalil.ingest([f])[0].status == "ingested"
    after = _statements(dalil, doc_id)
    assert set(after) == set(before)
    snap = dalil.snapshot()
    assert snap.statements[rejected].review == "rejected" and snap.statements[accepted].review == "accepted"

    # one word more in the rejected sentence itself: the decision follows the statement
    _write(f, FOREWORD + BODY.replace("supports the", "actively supports the"))
    dalil.ingest([f])
    snap = dalil.snapshot()
    edited = [s for s in snap.statements.values() if "actively supports" in s.quote and (s.kind, s.subjects) == kind]
    assert len(edited) == 1 and edited[0].review == "rejected" and edited[0].id != rejected
    assert snap.statements[accepted].review == "accepted"
    assert dalil.decisions(orphaned=True) == []

    # the sentence deleted: the decision is listed as orphaned, the other still applies
    _write(f, FOREWORD + BODY.split("\n\n", 1)[1])
    dalil.ingest([f])
    orphans = dalil.decisions(orphaned=True)
    assert [o["args"]["verdict"] for o in orphans] == ["rejected"]
    assert {r["orphaned"] for r in dalil.decisions()} == {True, False}


def test_a_repeated_statement_is_told_apart_by_occurrence(dalil: Dalil, tmp_path: Path) -> None:
    line = "UNDP funds the Dijla Peace Network in Sinjar.\n\n"
    f = _write(tmp_path / "twice.md", FOREWORD + line + "The weather was fine.\n\n" + line)
    doc_id = dalil.ingest([f])[0].doc_id
    same = [s for s in dalil.snapshot().statements.values() if s.doc_id == doc_id and "UNDP funds" in s.quote]
    assert len({s.id for s in same}) == len(same) >= 2


@pytest.mark.parametrize(("a", "b"), [
    ("The Ministry supports youth.", "the ministry  supports youth"),
    ("وزارة التربية تدعم الشباب", "وزارةُ التربيةِ تدعم الشباب."),
])
def test_quotes_normalise_alike(a: str, b: str) -> None:
    assert normalise_quote(a) == normalise_quote(b)


def test_a_document_stored_before_source_keys_keeps_its_id(dalil: Dalil, tmp_path: Path) -> None:
    """Stores written before this change kept the path as typed (relative to wherever the command ran)."""
    f = _write(tmp_path / "old" / "note.md", FOREWORD + BODY)
    doc_id = dalil.ingest([f])[0].doc_id
    dalil.graph.write([("set_document_path", [{"doc_id": doc_id, "path": "some/other/cwd/note.md"}])])
    again = dalil.ingest([f])[0]
    assert again.status == "unchanged" and again.doc_id == doc_id
    assert _docs(dalil) == {doc_id: f.resolve().as_posix()}
