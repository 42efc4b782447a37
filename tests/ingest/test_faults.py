"""One bad file never stops a batch: a crash while loading or extracting one document fails that
document with a one-line reason (traceback in the data folder's log), the others go in, the
store stays consistent and the exit code says that something failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.store import open_store
from ingest.extract import Extraction, Extractor
from ingest.failures import Step, failed_step
from ingest.loaders import LOADERS, Parsed
from ingest.pipeline import Ingestor

runner = CliRunner()

GOOD = {
    "youth.md": "# Youth work in Basra\n\nThe Basra Directorate of Youth and Sport runs two youth "
    "centres in Basra that offer vocational training to young people.\n",
    "schools.md": "# Schools in Dohuk\n\nThe Dohuk Directorate of Education shall train teachers in "
    "Dohuk to recognise early signs of radicalisation.\n",
}
TRIGGER = "This paragraph makes the extractor fail."


class FailingExtractor(Extractor):
    """The real extractor, except that a document containing TRIGGER makes it raise the way a
    lookup of a removed actor did (a KeyError deep in extraction)."""

    def extract(self, pages: list[tuple[int, str]], title: str = "") -> Extraction:
        if any(TRIGGER in text for _, text in pages):
            actors: dict[str, str] = {}
            return actors["actor:removed-earlier"]  # type: ignore[return-value]
        return super().extract(pages, title)


def _folder(tmp_path: Path, bad_name: str, bad_text: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / bad_name).write_text(bad_text, encoding="utf-8")
    return folder


def test_a_crashing_loader_fails_its_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the command line: the bad file is named with its reason, the others are ingested,
    exit code 1, no traceback on screen, the traceback in <home>/logs."""

    def broken_loader(path: Path, data: bytes) -> Parsed:
        pages = data.decode().split("\f")
        return Parsed("text", "", [pages[3]])  # a loader bug: IndexError on a one-page file

    monkeypatch.setitem(LOADERS, ".note", broken_loader)
    folder = _folder(tmp_path, "bad.note", "one page only")
    home = tmp_path / "home"
    res = runner.invoke(app, ["ingest", str(folder), "--home", str(home), "--json"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    out = json.loads(res.stdout)
    by_name = {Path(f["path"]).name: f for f in out["files"]}
    assert out["failed"] == 1
    assert {by_name[n]["status"] for n in GOOD} == {"ingested"}
    bad = by_name["bad.note"]
    assert bad["status"] == "failed" and "\n" not in bad["reason"]
    assert bad["reason"].startswith("internal error while loading: IndexError")
    log = home / "logs" / "ingest-errors.log"
    assert str(log) in bad["reason"]
    text = log.read_text(encoding="utf-8")
    assert "bad.note" in text and "Traceback" in text and "broken_loader" in text


def test_an_extractor_error_leaves_the_store_consistent(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "bad.md", f"# A report\n\n{TRIGGER}\n")
    log = tmp_path / "errors.log"
    store = open_store("", str(tmp_path / "graph.lbug"))
    try:
        ing = Ingestor(store, error_log=log)
        ing.extractor = FailingExtractor()
        reports = {Path(r.path).name: r for r in ing.ingest_paths([folder])}
        assert {reports[n].status for n in GOOD} == {"ingested"}
        bad = reports["bad.md"]
        assert bad.status == "failed" and "KeyError" in bad.reason and "actor:removed-earlier" in bad.reason
        assert "Traceback" in log.read_text(encoding="utf-8")
        # nothing of the bad file was written, so it is not taken as "unchanged" next time
        assert store.run("document_by_id", doc_id="doc:bad") == []
        again = {Path(r.path).name: r.status for r in Ingestor(store).ingest_paths([folder])}
        assert again == {"youth.md": "unchanged", "schools.md": "unchanged", "bad.md": "ingested"}
    finally:
        store.close()


def test_failed_step_names_the_module() -> None:
    from ingest.chunking import split_sentences
    from ingest.text import clean

    with pytest.raises(AttributeError) as loading:
        clean(None)  # type: ignore[arg-type]
    assert failed_step(loading.value) == Step.LOADING
    with pytest.raises(TypeError) as chunking:
        split_sentences(3)  # type: ignore[arg-type]
    assert failed_step(chunking.value) == Step.CHUNKING
