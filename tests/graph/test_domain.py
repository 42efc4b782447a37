"""Domain questions on the real embedded store: who covers, mandate brief, overlaps, gaps."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from api.service import open_dalil
from graph import domain
from tests.conftest import DEMO

UNDP = "actor:united-nations-development-programme"
IOM = "actor:international-organization-for-migration"


def test_who_covers_youth_in_nineveh_ranks_by_directness(demo_dalil: Any) -> None:
    snap = demo_dalil.snapshot()
    rows = domain.who_covers(snap, "theme:youth", "place:IQG15")
    names = [r["name"] for r in rows]
    assert any("Ministry of Youth" in n for n in names)
    assert any("subcommittee" in n.lower() and "governorate" in n.lower() for n in names), names
    rank = domain.PLACE_MATCH_RANK
    firsts = [rank[r["why"][0]["place_match"]] for r in rows]
    # a body placed in Nineveh itself or inside it ranks above nationwide-only bodies at equal status
    assert min(firsts) <= rank["inside"]
    for r in rows:
        assert r["why"] and all(w["quote"] and w["document"] for w in r["why"])
        assert r["score"] == max(0, r["score"])
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_mandate_brief_of_tel_kaif(demo_dalil: Any) -> None:
    snap = demo_dalil.snapshot()
    b = domain.mandate_brief(snap, None, "place:IQG15Q09")
    assert b["place"] == "place:IQG15Q09"
    assert b["may"], "the option to form a subcommittee is an option, not a duty"
    assert all(w["status"] == "option" for w in b["may"])
    assert all(w["status"] == "established" for w in b["must"])
    assert all(w["status"] == "recommended" for w in b["recommended"])
    assert any("choice" in w["quote"] or "may" in w["quote"] for w in b["may"])
    above = {r["name"] for r in b["above"]}
    assert "National Committee for Countering Violent Extremism" in above
    assert any("Subcommittee" in n or "subcommittee" in n for n in above)
    assert b["drivers"] and all(d["quote"] for d in b["drivers"])
    for w in b["must"] + b["may"] + b["recommended"]:
        assert w["instrument"] and w["document"] and w["page"] >= 1


def test_undp_iom_overlap_explains_levels(demo_dalil: Any) -> None:
    snap = demo_dalil.snapshot()
    pairs = domain.overlaps(snap, UNDP, IOM)
    assert len(pairs) == 1
    p = pairs[0]
    assert {r["id"] for r in p["actors"]} == {UNDP, IOM}
    lv = p["levels"]
    assert "governorate" in lv["United Nations Development Programme"]
    assert "district" in lv["International Organization for Migration"]
    assert "Levels:" in p["explanation"]
    assert all(r["why"] and r["why"][0]["quote"] for r in p["actors"]), "both sources are quoted"
    assert p["shared"]["themes"] and p["shared"]["places"]


def test_gaps_name_their_reason(demo_dalil: Any) -> None:
    snap = demo_dalil.snapshot()
    out = domain.gaps(snap, "place:IQG15")
    for g in out:
        assert g["kind"] in ("driver", "theme") and g["reason"] and g["reported"]
        # nothing reported as a gap has a specific body or effort covering it in the place
        if g["kind"] == "theme":
            rows = domain.who_covers(snap, g["id"], "place:IQG15")
            assert not any(w["kind"] == "effort" for r in rows for w in r["why"])


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_effort_overlaps_and_gaps(tmp_path: Path) -> None:
    rows = [["#org+impl", "#sector", "#adm1+code", "#adm2+code", "#activity", "#date+start", "#date+end"],
            ["UNDP", "Education", "IQG15", "IQG15Q07", "Youth clubs", "2024-01-01", "2024-12-31"],
            ["IOM", "Education", "IQG15", "IQG15Q07", "Back to school", "2024-06-01", "2025-06-01"],
            ["IOM", "WASH", "IQG15", "IQG15Q09", "Water", "", ""],
            ["UNICEF", "Education", "IQG15", "", "Teacher training", "2023-01-01", "2023-06-01"],
            ["UNICEF", "WASH", "IQG09", "", "Water", "", ""]]
    f = _write(tmp_path / "3w.csv", rows)
    with open_dalil(home=tmp_path / "h") as d:
        d.ingest([f, DEMO / "scn-iraq-roundtable-2023.md"])
        snap = d.snapshot()
        pairs = domain.overlaps(snap, place="place:IQG15Q07", theme="theme:education")
        by = {frozenset(r["id"] for r in p["actors"]): p for p in pairs}
        p = by[frozenset({UNDP, IOM})]
        assert p["shared"]["places"] == ["place:IQG15Q07"] and p["shared"]["period"] is True
        assert any(w["kind"] == "effort" and w["page"] >= 2 for r in p["actors"] for w in r["why"])
        # UNICEF in all of Nineveh contains Sinjar: a roll-up overlap, with different periods
        pu = by[frozenset({UNDP, "actor:united-nations-children-s-fund"})]
        assert pu["shared"]["period"] is False
        # a WASH effort in Duhok does not overlap IOM's WASH in Tel Kaif
        assert not any({r["id"] for r in q["actors"]} == {IOM, "actor:united-nations-children-s-fund"}
                       and "theme:wash" in q["shared"]["themes"] for q in domain.overlaps(snap))
        cells = domain.overlap_cells(snap)
        assert any(c["place"] == "place:IQG15Q07" and c["theme"] == "theme:education" and len(c["actors"]) == 2 for c in cells)
        who = domain.who_covers(snap, "theme:wash", "place:IQG15")
        assert [r["name"] for r in who][:1] == ["International Organization for Migration"]
        assert who[0]["why"][0]["place_match"] == "inside" and who[0]["why"][0]["role"] == "implementer"
        brief = domain.mandate_brief(snap, None, "place:IQG15Q07")
        assert brief["efforts_total"] == 2
