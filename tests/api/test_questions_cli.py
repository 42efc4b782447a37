"""`dalil mandate`, `dalil overlaps`, `dalil gaps`: text, --json, Markdown and HTML; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.conftest import DEMO

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    h = tmp_path_factory.mktemp("q-home")
    res = runner.invoke(app, ["ingest", str(DEMO), "--json", "--home", str(h)])
    assert res.exit_code == 0, res.output
    return ["--home", str(h)]


def test_mandate_formats(home: list[str], tmp_path: Path) -> None:
    res = runner.invoke(app, ["mandate", "Tel Kaif", "--json", *home])
    assert res.exit_code == 0, res.output
    b = json.loads(res.stdout)
    assert b["place"] == "place:IQG15Q09" and b["may"] and b["must"]
    assert {"statement", "status", "document", "page", "quote", "instrument"} <= set(b["may"][0])
    md = runner.invoke(app, ["mandate", "--place", "Tel Kaif", "--format", "md", *home])
    assert md.exit_code == 0 and "## May do (option)" in md.stdout and "## Bodies above" in md.stdout
    out = tmp_path / "brief.html"
    h = runner.invoke(app, ["mandate", "Tilkaef", "--format", "html", "--out", str(out), *home])
    assert h.exit_code == 0, h.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<h2>May do (option)</h2>" in text and "<script" not in text
    body = runner.invoke(app, ["mandate", "--body", "Governorate CVE subcommittee", "--place", "Nineveh", "--json", *home])
    assert body.exit_code == 0, body.output
    assert json.loads(body.stdout)["actor"]["kind"] == "committee"


def test_overlaps_and_gaps(home: list[str]) -> None:
    res = runner.invoke(app, ["overlaps", "--actor", "UNDP", "--actor", "IOM", "--json", *home])
    assert res.exit_code == 0, res.output
    pairs = json.loads(res.stdout)["pairs"]
    assert len(pairs) == 1 and "Levels:" in pairs[0]["explanation"]
    row = pairs[0]["actors"][0]
    assert {"id", "name", "aliases", "kind", "level", "score", "why"} <= set(row)
    txt = runner.invoke(app, ["overlaps", "--actor", "UNDP", "--actor", "IOM", *home])
    assert txt.exit_code == 0 and "overlapping pair" in txt.stdout and "Programme" in txt.stdout
    g = runner.invoke(app, ["gaps", "--place", "Nineveh", "--json", *home])
    assert g.exit_code == 0, g.output
    assert json.loads(g.stdout)["place"] == "place:IQG15"


def test_usage_errors(home: list[str]) -> None:
    assert runner.invoke(app, ["mandate", *home]).exit_code == 2
    bad = runner.invoke(app, ["gaps", "--place", "Atlantis", *home])
    assert bad.exit_code == 2 and "unknown place" in bad.output
    assert runner.invoke(app, ["overlaps", "--actor", "Nobody At All Org", *home]).exit_code == 2
    assert runner.invoke(app, ["mandate", "Tel Kaif", "--format", "pdf", *home]).exit_code == 2
