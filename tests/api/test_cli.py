"""The `dalil` command line: the --json contracts other tools rely on, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from tests.conftest import DEMO

runner = CliRunner()


def _json(args: list[str]) -> object:
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_cli_contracts(tmp_path: Path) -> None:
    home = ["--home", str(tmp_path)]
    out = _json(["ingest", str(DEMO), "--json", *home])
    assert out["failed"] == 0
    ask = _json(["ask", "Which bodies cover youth in Nineveh?", "--json", *home])
    assert set(ask) >= {"question", "intent", "answer", "actors"}
    row = ask["actors"][0]
    assert set(row) >= {"id", "name", "aliases", "kind", "level", "score", "why"}
    assert set(row["why"][0]) >= {"statement", "status", "place_match", "document", "page", "quote"}
    res = _json(["resolve", "NCCVE", "--json", *home])
    assert res["query"] == "NCCVE" and {"id", "type", "name", "score"} <= set(res["matches"][0])
    actors = _json(["actors", "--json", *home])
    assert any(a["kind"] == "person" for a in actors)
    assert all(set(a) == {"id", "name", "aliases", "kind", "level"} for a in actors)
    who = _json(["who", "--theme", "youth", "--place", "Nineveh", "--json", *home])
    assert who["actors"]


def test_ingest_exit_code_on_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"garbage")
    res = runner.invoke(app, ["ingest", str(bad), str(DEMO), "--home", str(tmp_path / "h"), "--json"])
    assert res.exit_code == 1
    out = json.loads(res.stdout)
    assert out["failed"] == 1 and any(f["status"] == "ingested" for f in out["files"])


def test_unknown_place_is_a_clear_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["who", "--theme", "youth", "--place", "Atlantis", "--home", str(tmp_path)])
    assert res.exit_code == 2
    assert "unknown place" in res.output
