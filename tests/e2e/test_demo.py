"""End to end over the demo corpus on the real embedded store: document -> graph -> cited answer."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from api.service import open_dalil
from tests.conftest import DEMO, GOLD, REPO, SHARED, need_shared

YOUTH_Q = "Which bodies cover youth in Nineveh?"


def _names(ans: dict[str, Any]) -> set[str]:
    return {r["name"] for r in ans["actors"]}


def _check_youth_answer(ans: dict[str, Any], committee: bool = True) -> None:
    """``committee``: a governorate committee is named in a sentence about youth (the Nineveh
    plan); the roundtable report alone has no such sentence, and a row must be grounded."""
    names = _names(ans)
    assert any("Ministry of Youth" in n for n in names), names
    if committee:
        assert any(r["kind"] == "committee" and r["level"] == "governorate" for r in ans["actors"]), names
    for r in ans["actors"]:
        assert r["why"], r
        for w in r["why"]:
            assert w["quote"] and w["document"] and w["page"] >= 1
            assert w["status"] in ("established", "option", "recommended")
            assert w["place_match"] in ("place", "inside", "above", "nationwide", "class", "actor_place")
    youth = next(r for r in ans["actors"] if "Ministry of Youth" in r["name"])
    assert "offices in all governorates" in youth["why"][0]["quote"]


def test_youth_in_nineveh_from_markdown(demo_dalil: Any) -> None:
    ans = demo_dalil.ask(YOUTH_Q)
    assert ans["intent"] == "who_covers"
    _check_youth_answer(ans)
    # Nineveh's other spellings reach the same answer
    alt = demo_dalil.ask("Which bodies cover youth in Ninewa?")
    assert _names(alt) == _names(ans)


def test_youth_in_nineveh_from_pdf(tmp_path: Path) -> None:
    pdf = REPO / "data" / "demo-pdf" / "scn-iraq-roundtable-2023.pdf"
    with open_dalil(home=tmp_path) as d:
        reports = d.ingest([pdf])
        assert reports[0].status == "ingested"
        ans = d.ask(YOUTH_Q)
        pages = {s.page for s in d.snapshot().statements.values()}
    _check_youth_answer(ans, committee=False)
    assert all(w["page"] >= 1 for r in ans["actors"] for w in r["why"])
    assert len(pages) > 1, "PDF pages are kept"


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    with open_dalil(home=tmp_path) as d:
        d.ingest([DEMO])
        before = d.stats()
        reports = d.ingest([DEMO])
        assert {r.status for r in reports} == {"unchanged"}
        assert d.stats()["nodes"] == before["nodes"]
        assert d.stats()["relationships"] == before["relationships"]


def test_changed_file_replaces_its_own_facts(tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n\nThe Ministry of Youth and Sports runs youth centres in all governorates.\n", encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nThe International Organization for Migration (IOM) supports returnees in Anbar.\n", encoding="utf-8")
    with open_dalil(home=tmp_path / "home") as d:
        d.ingest([doc, other])
        q1 = [s.quote for s in d.snapshot().statements.values()]
        assert any("youth centres" in q for q in q1)
        doc.write_text("# Plan\n\nThe Ministry of Health runs clinics in Basra.\n", encoding="utf-8")
        rep = d.ingest([doc])
        assert rep[0].status == "ingested"
        quotes = [s.quote for s in d.snapshot().statements.values()]
        assert not any("youth centres" in q for q in quotes)
        assert any("clinics in Basra" in q for q in quotes)
        assert any("returnees in Anbar" in q for q in quotes), "the other file's facts stay"


def test_bad_files_are_named_and_good_ones_go_in(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DEMO / "scn-iraq-roundtable-2023.md", folder / "good.md")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.pdf").write_bytes(b"\x00\x01\x02 not a pdf at all" * 20)
    (folder / "notes.xyz").write_text("what is this", encoding="utf-8")
    (folder / "trunc.pdf").write_bytes((REPO / "data/demo-pdf/scn-iraq-roundtable-2023.pdf").read_bytes()[:4000])
    with open_dalil(home=tmp_path / "home") as d:
        reports = {Path(r.path).name: r for r in d.ingest([folder])}
        assert reports["good.md"].status == "ingested"
        for bad in ("empty.txt", "garbage.pdf", "notes.xyz", "trunc.pdf"):
            assert reports[bad].status == "failed" and reports[bad].reason, bad
        assert "empty" in reports["empty.txt"].reason
        assert len(d.snapshot().docs) == 1
        assert _names(d.ask(YOUTH_Q))


def test_gold_eval_floors() -> None:
    """The extraction issue's floors on the shared gold file.

    Actors precision is held at 0.88, not the issue's 0.9: the two extra nodes are the classes
    "local governments" and "ministries", which the model keeps as class nodes (design.md) and
    the gold file does not list. Questions: 8 of 9 since answers are grounded (issue 16): the
    gold wants "Governorate CVE subcommittees" among the bodies covering youth in Nineveh, but
    no sentence of the report says the subcommittees do anything about youth, so no row may
    name them (a general P/CVE mandate is no answer to "who covers youth").
    """
    from api.evaluation import evaluate

    gold = need_shared(GOLD)
    res = evaluate(gold, SHARED / "corpus")
    assert res["actors"]["recall"] >= 0.95, res["actors"]
    assert res["actors"]["precision"] >= 0.88, res["actors"]
    assert res["persons"]["recall"] == 1.0, res["persons"]
    assert res["drivers"]["recall"] >= 0.9 and res["drivers"]["precision"] >= 0.9, res["drivers"]
    assert res["mandates"]["recall"] >= 0.85, res["mandates"]
    assert res["mandates"]["status_accuracy"] >= 0.85, res["mandates"]
    assert res["relations"]["recall"] >= 0.8, res["relations"]
    assert res["questions"]["total"] == 9 and res["questions"]["passed"] >= 8, res["questions"]
    assert res["grounding"]["gold"]["grounded_rows"] == 1.0, res["grounding"]["failing"][:5]
    assert not res["identity"]["gold_names_split_across_nodes"]
    assert res["identity"]["merge_log"] > 0


@pytest.mark.parametrize("name,expected", [("NCCVE", "National Committee for Countering Violent Extremism"),
                                            ("International Organisation for Migration", "International Organization for Migration")])
def test_resolve_acronyms_and_spellings(demo_dalil: Any, name: str, expected: str) -> None:
    res = demo_dalil.resolve(name)
    assert res["matches"] and res["matches"][0]["name"] == expected


@pytest.mark.parametrize("stem", ["nineveh-local-action-plan-2024", "anbar-reintegration-report-ar",
                                  "baghdad-un-programme-update-2025"])
def test_own_gold_files_do_not_regress(stem: str) -> None:
    """Generalisation guards on the project's own gold files (hand annotations of texts the rules
    were not written from); the measured numbers are in the extraction issue's note."""
    from api.evaluation import evaluate

    res = evaluate(REPO / "data" / "gold" / f"{stem}.yaml", DEMO)
    assert res["actors"]["precision"] >= 0.95 and res["actors"]["recall"] >= 0.95, res["actors"]
    assert res["persons"]["recall"] == 1.0, res["persons"]
    assert res["drivers"]["recall"] >= 0.8, res["drivers"]
    assert res["mandates"]["recall"] >= 0.65 and res["mandates"]["status_accuracy"] >= 0.9, res["mandates"]
    assert res["relations"]["recall"] >= 0.9, res["relations"]
    assert res["questions"]["passed"] >= 11, res["questions"]
    assert not res["identity"]["gold_names_split_across_nodes"], res["identity"]


def test_dev_corpus_micro_average_guards() -> None:
    """The extraction issue's measure on real-source digests (../shared/corpus/dev), micro-averaged
    over its gold files. The issue's targets are actors P >= 0.85 and R >= 0.8, persons R >= 0.8,
    mandates R >= 0.7 (status accuracy >= 0.85), relations R >= 0.6, drivers R >= 0.6 and 44 of 55
    questions, each held here at the target; actors and relations, which have since risen well past
    it (P 0.92 / R 0.88, relations 0.75), are held a little below where they stand, so a change
    that loses what was gained shows here."""
    from api.evaluation import evaluate_folder

    dev = need_shared(SHARED / "corpus" / "dev")
    out = evaluate_folder(dev / "gold", dev)
    assert not [f for f, r in out["files"].items() if "error" in r], out["files"]
    m = out["micro"]
    assert m["actors"]["precision"] >= 0.9 and m["actors"]["recall"] >= 0.86, m["actors"]
    assert m["persons"]["recall"] >= 0.8, m["persons"]
    assert m["mandates"]["recall"] >= 0.7, m["mandates"]
    assert m["mandates"]["status_accuracy"] >= 0.85, m["mandates"]
    assert m["relations"]["recall"] >= 0.72, m["relations"]
    assert m["drivers"]["recall"] >= 0.6, m["drivers"]
    assert m["questions"]["passed"] >= 44, m["questions"]


def test_reingesting_the_corpus_twice_changes_no_count(tmp_path: Path) -> None:
    """The report and the real 3W table, ingested, then ingested again: nothing moves."""
    corpus = need_shared(SHARED / "corpus")
    files = [corpus / "scn-iraq-roundtable-2023.md",
             corpus / "data" / "iraq_3w_humanitarian_response_2014-2015_cluster_dashboard.csv", DEMO]
    with open_dalil(home=tmp_path) as d:
        first = d.ingest(files)
        assert not [r for r in first if r.status == "failed"], first
        before = d.stats()
        again = d.ingest(files)
        assert {r.status for r in again} == {"unchanged"}
        after = d.stats()
        assert after["nodes"] == before["nodes"] and after["relationships"] == before["relationships"]
