"""Hostile and broken files through the real ingest path (issue 17): each fails alone with one
clear line, the good files of the same batch go in, and the store stays consistent.

Real stores in temporary folders; vectors off (the graph is what these tests check).
"""

from __future__ import annotations

import json
import math
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from api.service import Dalil, open_dalil
from graph import rdf
from graph.curation import CurationError, alias
from graph.hxl import export_hxl
from graph.model import Effort
from graph.settings import get_settings
from graph.store import node_ops
from ingest.chunking import max_sentence_chars
from ingest.limits import check_file, pdf_active_content
from tests.ingest.hostile import (
    DOCX_BOMB,
    DOCX_MANY_PARTS,
    GOOD_CSV,
    GOOD_TEXT,
    PDF_ACTIVE,
    XLSX_BOMB,
    pdf_bytes,
)


@pytest.fixture
def dalil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dalil]:
    monkeypatch.setattr(get_settings(), "index_on_ingest", False)
    with open_dalil(tmp_path / "home") as d:
        yield d


def _one(d: Dalil, path: Path) -> Any:
    (rep,) = d.ingest([path])
    assert "Traceback" not in rep.reason and "\n" not in rep.reason
    return rep


def _failed(d: Dalil, path: Path, *words: str) -> str:
    rep = _one(d, path)
    assert rep.status == "failed", rep
    for w in words:
        assert w.lower() in rep.reason.lower(), rep.reason
    assert not d.graph.run("documents")  # nothing of it was written
    return str(rep.reason)


# --- only regular files are opened -------------------------------------------------------------

def test_fifo_is_refused_by_type_without_blocking(dalil: Dalil, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    _failed(dalil, fifo, "FIFO", "not a regular file")


def test_symlink_to_a_fifo_is_refused(dalil: Dalil, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.txt"
    link.symlink_to(fifo)
    _failed(dalil, link, "FIFO")


def test_character_device_is_refused(dalil: Dalil) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert "character device" in check_file(Path("/dev/zero"))
    _failed(dalil, Path("/dev/zero"), "character device")


def test_socket_is_refused(dalil: Dalil, tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        _failed(dalil, path, "socket")


def test_a_folder_with_a_fifo_ingests_its_regular_files(dalil: Dalil, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "note.md").write_text(GOOD_TEXT, encoding="utf-8")
    reps = dalil.ingest([folder])
    assert [(Path(r.path).name, r.status) for r in reps] == [("note.md", "ingested")]


# --- size, inflation, active content ----------------------------------------------------------

def test_file_over_the_size_limit(dalil: Dalil, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "max_file_mb", 1)
    big = tmp_path / "big.md"
    big.write_text("# big\n\n" + "word " * 300_000, encoding="utf-8")
    _failed(dalil, big, "over the limit of 1 MB", "DALIL_MAX_FILE_MB")


@pytest.mark.parametrize(("name", "data", "words"), [
    ("bomb.docx", DOCX_BOMB, ("zip bomb", "DALIL_MAX_INFLATE_RATIO")),
    ("bomb.xlsx", XLSX_BOMB, ("zip bomb",)),
    ("parts.docx", DOCX_MANY_PARTS, ("more than 2000 parts",)),
    ("notzip.docx", b"PK\x03\x04 truncated", ("not a DOCX",)),
])
def test_zip_containers_are_screened_on_the_cli_path(dalil: Dalil, tmp_path: Path, name: str, data: bytes,
                                                     words: tuple[str, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _failed(dalil, path, *words)


def test_total_inflation_limit(dalil: Dalil, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "max_inflated_mb", 5)
    path = tmp_path / "big.docx"
    path.write_bytes(DOCX_BOMB)
    _failed(dalil, path, "over the limit of 5 MB")


@pytest.mark.parametrize("kind", sorted(PDF_ACTIVE))
def test_pdf_active_content_found_by_the_parser(dalil: Dalil, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(PDF_ACTIVE[kind])
    reason = _failed(dalil, path, "PDF contains")
    assert "JavaScript" in reason or "Launch" in reason


def test_a_plain_pdf_is_not_active_content(dalil: Dalil, tmp_path: Path) -> None:
    assert pdf_active_content(pdf_bytes()) == ""
    # the words in the text are not PDF keys
    assert pdf_active_content(pdf_bytes(text=b"/JavaScript /Launch /JS")) == ""


def test_time_limit_per_file(dalil: Dalil, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "file_timeout_s", 0.0)
    path = tmp_path / "slow.md"
    path.write_text(GOOD_TEXT * 200, encoding="utf-8")
    _failed(dalil, path, "longer than the limit", "DALIL_FILE_TIMEOUT_S")


# --- tables --------------------------------------------------------------------------------

def test_csv_cell_over_the_field_limit_fails_its_file_alone(dalil: Dalil, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text('Organisation,District P-code,Sector\n"Unclosed,IQG15Q09,Water\n' + "x" * 1_200_000 + "\n",
                   encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    note = tmp_path / "note.md"
    note.write_text(GOOD_TEXT, encoding="utf-8")
    reps = {Path(r.path).name: r for r in dalil.ingest([bad, good, note])}
    assert reps["bad.csv"].status == "failed"
    assert "malformed CSV in the row starting at line 2" in reps["bad.csv"].reason
    assert "DALIL_CSV_MAX_FIELD_KB" in reps["bad.csv"].reason
    assert reps["good.csv"].status == reps["note.md"].status == "ingested"
    assert len(dalil.graph.run("documents")) == 2


def test_nul_in_a_csv_cell_never_reaches_the_graph(dalil: Dalil, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    rows = "".join(f"River Valley Trust,IQG15Q09,Water {i}\n" for i in range(40))
    path.write_text("Organisation,District P-code,Sector\nHope\x00 Aid Network,IQG15Q09,Water\n" + rows, encoding="utf-8")
    assert _one(dalil, path).status == "ingested"
    names = [a["name"] for a in dalil.graph.run("actors")]
    assert "Hope Aid Network" in names and not any("\x00" in n for n in names)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_single_byte_tables_are_decoded(dalil: Dalil, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    name = "Caf\xe9 Solidarit\xe9 du Nord"
    path.write_bytes(f"Organisation,District P-code,Sector\n{name},IQG15Q09,Water\n".encode(encoding))
    assert _one(dalil, path).status == "ingested"
    assert name in [a["name"] for a in dalil.graph.run("actors")]


@pytest.mark.parametrize(("content", "words"), [
    ("   \n", ("empty",)),
    ("Organisation,District P-code,Sector\n", ("no usable rows",)),
    ("Colour,Size\nred,3\n", ("not a 3W table",)),
])
def test_unusable_tables(dalil: Dalil, tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    _failed(dalil, path, *words)


def test_iati_budget_nan_is_reported_not_stored(dalil: Dalil, tmp_path: Path) -> None:
    path = tmp_path / "nan.xml"
    path.write_text(
        '<iati-activities version="2.03"><iati-activity><iati-identifier>XX-1</iati-identifier>'
        "<title><narrative>Canal works</narrative></title>"
        '<participating-org role="4"><narrative>Hope Aid Network</narrative></participating-org>'
        '<recipient-country code="IQ"/><budget><value>NaN</value></budget></iati-activity></iati-activities>',
        encoding="utf-8")
    rep = _one(dalil, path)
    assert rep.status == "ingested", rep
    assert any("budget" in p for p in rep.problems)
    assert all(math.isfinite(e["budget"]) for e in dalil.graph.run("efforts"))


# --- text of any shape -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "text"), [
    ("unpunctuated.txt", "the council meets the partners " * 8_000),
    ("nospace.txt", "x" * 250_000),
    ("oneline.md", ("The Ministry of Water Resources shall repair canals in Maysan. " * 4_000)),
    ("few-controls.txt", ("one stray control \x01 then " + "ordinary words follow here " * 12) * 30),
])
def test_chunks_and_quotes_are_bounded_for_any_shape(dalil: Dalil, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rep = _one(dalil, path)
    assert rep.status == "ingested", rep.reason
    limit = get_settings().chunk_chars
    doc = dalil.graph.run("documents")[0]["id"]
    chunks = dalil.graph.run("chunks_of_doc", doc_id=doc)
    assert chunks and max(len(c["text"]) for c in chunks) <= limit
    assert all(len(s["quote"] or "") <= max_sentence_chars() for s in dalil.graph.run("statements"))


@pytest.mark.parametrize(("name", "data", "words"), [
    ("garbage.txt", bytes(range(256)) * 40, ("cannot decode",)),
    ("empty.md", b"  \n\n ", ("empty",)),
    ("tool.xyz", b"text", ("unsupported file type",)),
    ("fake.pdf", b"%PDF-1.4 not really", ()),
    ("missing.md", None, ("not found",)),
])
def test_broken_documents(dalil: Dalil, tmp_path: Path, name: str, data: bytes | None, words: tuple[str, ...]) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    _failed(dalil, path, *words)


def test_batch_of_bad_and_good_files_keeps_the_store_consistent(dalil: Dalil, tmp_path: Path) -> None:
    files = []
    for name, data in [("a.md", GOOD_TEXT.encode()), ("bomb.docx", DOCX_BOMB), ("js.pdf", PDF_ACTIVE["js-name-escaped"]),
                       ("b.csv", GOOD_CSV.encode()), ("z.txt", bytes(range(256)) * 10)]:
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    os.mkfifo(tmp_path / "p.md")
    files.append(tmp_path / "p.md")
    reps = {Path(r.path).name: r.status for r in dalil.ingest(files)}
    assert reps == {"a.md": "ingested", "b.csv": "ingested", "bomb.docx": "failed", "js.pdf": "failed",
                    "z.txt": "failed", "p.md": "failed"}
    docs = {d["id"] for d in dalil.graph.run("documents")}
    assert len(docs) == 2
    assert {s["doc_id"] for s in dalil.graph.run("statements")} <= docs  # no fact of a refused file
    assert sum(len(dalil.graph.run("chunks_of_doc", doc_id=d)) for d in docs) > 0
    again = {Path(r.path).name: r.status for r in dalil.ingest(files)}
    assert again["a.md"] == again["b.csv"] == "unchanged"


def test_data_folder_is_private(dalil: Dalil, tmp_path: Path) -> None:
    (tmp_path / "n.md").write_text(GOOD_TEXT, encoding="utf-8")
    dalil.ingest([tmp_path / "n.md"])
    home = dalil.settings.home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


# --- exports: safe and valid, parsed back -------------------------------------------------------

HOSTILE_NAMES = ["=HYPERLINK(\"http://example.org\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
                 "\tTabbed Org", "Nul\x00 Org"]


@pytest.fixture
def hostile_graph(dalil: Dalil, tmp_path: Path) -> Dalil:
    rows = "".join(f"\"{n.replace(chr(34), chr(34) * 2)}\",IQG15Q09,Water\n" for n in HOSTILE_NAMES)
    (tmp_path / "3w.csv").write_text("Organisation,District P-code,Sector\n" + rows, encoding="utf-8")
    assert _one(dalil, tmp_path / "3w.csv").status == "ingested"
    # a NaN budget written past ingest (an older store, another tool): exports must still be valid
    eff = Effort(id="effort:nan", title="Budget unknown", doc_id="doc:3w", budget=float("nan"))
    dalil.graph.write(node_ops([eff]))
    return dalil


def _cells(path: Path) -> list[str]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return [c for row in csv.reader(f) for c in row]


def test_hxl_export_neutralises_formulas(hostile_graph: Dalil, tmp_path: Path) -> None:
    out = tmp_path / "x.hxl.csv"
    export_hxl(hostile_graph.graph, out)
    cells = _cells(out)
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=HYPERLINK(\"http://example.org\",\"x\")" in cells or any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any("\x00" in c for c in cells)


def test_csv_export_neutralises_formulas(hostile_graph: Dalil, tmp_path: Path) -> None:
    rep = rdf.export(hostile_graph.graph, "csv", tmp_path / "g.csv")
    for f in rep["files"]:
        cells = _cells(Path(f))
        assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
        assert not any(c.startswith("-") and not _number(c) for c in cells)


def _number(c: str) -> bool:
    try:
        float(c)
    except ValueError:
        return False
    return True


def test_graphml_is_valid_xml_with_hostile_values(hostile_graph: Dalil, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    rdf.export(hostile_graph.graph, "graphml", out)
    g = nx.read_graphml(out)
    assert g.number_of_nodes() > 0
    assert "\x00" not in out.read_text(encoding="utf-8")


def test_jsonld_never_has_a_bare_nan_and_parses_back(hostile_graph: Dalil, tmp_path: Path) -> None:
    out = tmp_path / "g.jsonld"
    rdf.export(hostile_graph.graph, "jsonld", out)
    text = out.read_text(encoding="utf-8")
    json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c} in JSON-LD"))
    assert isinstance(json.loads(text)["@context"], dict)  # embedded: parses offline
    assert len(rdf.parse(out)) > 0


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_rdf_exports_parse_back(hostile_graph: Dalil, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    rdf.export(hostile_graph.graph, fmt, out)
    assert len(Graph().parse(out, format={"turtle": "turtle", "ntriples": "nt"}[fmt])) > 0


# --- curation names ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "ok"), [
    ("Hope\x07Aid", False), ("Hope\x00", False), ("Hope \u0378 Aid", False), ("Hope\u200bAid", False),
    ("Hope \ue000 Aid", False), ("منظمة\u200cالأمل", True), ("Hope Aid (HAN)", True),
])
def test_alias_is_screened(hostile_graph: Dalil, name: str, ok: bool) -> None:
    aid = next(a["id"] for a in hostile_graph.graph.run("actors"))
    if ok:
        assert name in alias(hostile_graph.graph, aid, name)["alias"]
    else:
        with pytest.raises(CurationError, match="alias refused"):
            alias(hostile_graph.graph, aid, name)
