"""Efforts back out as an HXL-tagged 3W table, the format humanitarian coordination tools read.

One row per (effort, place): organisations by role in #org+impl / #org+funder / #org+partner,
the sector and activity, the P-code and name of the governorate and district (COD-AB 2019),
status, dates, budget, themes, and the document and row the effort came from. The tags are
the ones ingest.tabular reads, so an export re-imports to the same efforts. A cell that a
spreadsheet would run as a formula is neutralised (graph.safe_text.csv_cell).
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.safe_text import csv_cell
from graph.store import GraphStore
from graph.vocab import load_gazetteer

COLUMNS: list[tuple[str, str]] = [
    ("Implementing organisation", "#org+impl"),
    ("Funding organisation", "#org+funder"),
    ("Partner organisation", "#org+partner"),
    ("Sector", "#sector"),
    ("Activity", "#activity"),
    ("Project", "#activity+name"),
    ("Governorate", "#adm1+name"),
    ("Governorate P-code", "#adm1+code"),
    ("District", "#adm2+name"),
    ("District P-code", "#adm2+code"),
    ("Status", "#status"),
    ("Start date", "#date+start"),
    ("End date", "#date+end"),
    ("Budget", "#value"),
    ("Themes", "#meta+themes"),
    ("Source document", "#meta+source"),
    ("Source row", "#meta+row"),
]
_ROLE_COLUMN = {"implementer": 0, "implementing": 0, "organisation": 0, "extending": 0, "accountable": 0,
                "funder": 1, "funding": 1, "partner": 2}


def export_hxl(store: GraphStore, out_path: Path | str) -> int:
    """Write every effort as HXL-tagged CSV rows; returns the number of data rows written."""
    gaz = load_gazetteer()
    actors = {a["id"]: a["name"] for a in store.run("actors")}
    docs = {d["id"]: (Path(d["path"]).name if d["path"] else d["title"]) for d in store.run("documents")}
    concepts = {c["id"]: c["label_en"] for c in store.run("concepts")}
    roles: dict[str, list[tuple[str, str]]] = {}
    for r in store.run("effort_roles"):
        roles.setdefault(r["id"], []).append((r["actor"], r["role"]))
    places: dict[str, list[str]] = {}
    for r in store.run("effort_places"):
        places.setdefault(r["id"], []).append(r["place"])
    about: dict[str, list[str]] = {}
    for r in store.run("effort_concepts"):
        about.setdefault(r["id"], []).append(r["concept"])
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c for c, _ in COLUMNS])
        w.writerow([t for _, t in COLUMNS])
        for e in store.run("efforts"):
            orgs: list[list[str]] = [[], [], []]
            for aid, role in roles.get(e["id"], []):
                orgs[_ROLE_COLUMN.get(role, 0)].append(actors.get(aid, aid))
            themes = "; ".join(concepts.get(c, c) for c in about.get(e["id"], []))
            for pid in places.get(e["id"], []) or [""]:
                p = gaz.get(pid) if pid else None
                chain = ([p] if p else []) + [gaz.get(a) for a in (gaz.ancestors(pid) if p else [])]
                gov = next((x for x in chain if x is not None and x.level == "governorate"), None)
                dist = next((x for x in chain if x is not None and x.level == "district"), None)
                w.writerow([csv_cell(v) for v in (  # formulas neutralised, controls removed
                    "; ".join(orgs[0]), "; ".join(orgs[1]), "; ".join(orgs[2]), e["sector"], e["activity"],
                    e["title"], gov.name if gov else "", gov.id.removeprefix("place:") if gov else "",
                    dist.name if dist else "", dist.id.removeprefix("place:") if dist else "",
                    e["status"], e["date_start"], e["date_end"], e["budget"] or "", themes,
                    docs.get(e["doc_id"], e["doc_id"]), e["page"],
                )])
                n += 1
    return n
