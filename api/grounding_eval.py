"""The grounding measure of ``dalil eval``: the share of answer rows whose quote holds up.

A row is one (body, quoted line) of an answer. It is grounded when its quote passes the three
checks of graph.grounding: it names the body (or the class the body is reached through),
carries the theme asked about (or a narrower one, or the theme is the body's own remit), and is
placed at, inside or over the place asked about. The questions are the gold file's, as asked,
plus a battery generated from the graph itself: every theme x every governorate and district
the corpus names, and the mandate brief of every place the corpus names. The failing rows are
listed so a reader can see which sentence let which body in.

``python -m api.grounding_eval FOLDER ... [--json]`` measures a whole corpus in a fresh
temporary store (the battery only), for corpora larger than one gold file's document.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph import domain
from graph.domain import Snapshot
from graph.grounding import grounder

# the intents whose rows are said to be about a theme and a place (the others: a place only)
_THEMED = {"who_covers", "works_in", "address_driver", "overlaps"}
MAX_FAILURES = 200  # failing rows listed in full; the count covers all of them


def _rows_of(ans: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    """(body id, why line) for every line an answer shows, its brief's lines included."""
    brief = ans.get("brief") or (ans if "must" in ans else None)
    if brief is not None:
        head = (brief.get("actor") or {}).get("id") or next((h["id"] for h in brief.get("holders", [])), "")
        for sec in ("must", "may", "recommended"):
            for w in brief.get(sec, []):
                yield head or str(w.get("via_id", "")), w
        for sec in ("above", "beside", "partners"):
            for r in brief.get(sec, []):
                for w in r["why"]:
                    yield r["id"], w
        return
    for r in ans.get("actors", []):
        for w in r.get("why", []):
            yield r["id"], w


def measure_answer(snap: Snapshot, label: str, ans: dict[str, Any], theme: str | None,
                   place: str | None) -> tuple[int, list[dict[str, Any]]]:
    """(rows, failing rows) of one answer."""
    g = grounder(snap)
    n, bad = 0, []
    for aid, w in _rows_of(ans):
        n += 1
        # an address-driver row is about the theme it was found through
        v = g.row(aid, w, w.get("theme") or theme, place)
        if not v.ok:
            bad.append({
                "question": label, "body": snap.actors.get(aid, {}).get("name", aid), "statement": w.get("statement", ""),
                "status": w.get("status", ""), "document": w.get("document", ""), "page": w.get("page", 0),
                "quote": w.get("quote", ""), "failures": v.failures(),
            })
    return n, bad


def battery(snap: Snapshot) -> list[tuple[str, str | None, str | None, Any]]:
    """(label, theme, place, thunk) for every theme x every governorate and district the corpus
    names, and the mandate brief of every place it names."""
    named = {p for st in snap.statements.values() for p in st.places} | {
        p for ef in snap.efforts.values() for p in ef.places}
    named = {p for p in named if p in snap.places}
    admin = sorted(p for p in named if snap.places[p]["level"] in ("governorate", "district"))
    themes = sorted(c for c, v in snap.concepts.items() if v["scheme"] == "theme")
    out: list[tuple[str, str | None, str | None, Any]] = []
    for p in admin:
        for t in themes:
            out.append((f"who covers {snap.concept_label(t)} in {snap.place_name(p)}", t, p,
                        lambda s, t=t, p=p: {"actors": domain.who_covers(s, t, p)}))
    for p in sorted(named):
        out.append((f"mandate brief of {snap.place_name(p)}", None, p,
                    lambda s, p=p: domain.mandate_brief(s, None, p)))
    return out


def measure(snap: Snapshot, asked: Iterable[tuple[str, dict[str, Any]]] = (), with_battery: bool = True) -> dict[str, Any]:
    """The grounded-rows share over the gold questions asked (question, answer) and the battery."""
    total, failing = 0, []
    questions = 0
    for q, ans in asked:
        if ans.get("intent") == "search":
            continue  # passages found by search, not answer rows that claim a body
        slots = ans.get("slots", {})
        theme = slots.get("theme") if ans.get("intent") in _THEMED else None
        place = slots.get("place") or (ans.get("brief") or {}).get("place")
        n, bad = measure_answer(snap, q, ans, theme, place)
        total, questions = total + n, questions + 1
        failing += bad
    gold_rows, gold_failing = total, len(failing)
    if with_battery:
        for label, theme, place, run in battery(snap):
            n, bad = measure_answer(snap, label, run(snap), theme, place)
            total, questions = total + n, questions + 1
            failing += bad
    share = round((total - len(failing)) / total, 4) if total else 1.0
    return {
        "grounded_rows": share,
        "rows": total,
        "failing_rows": len(failing),
        "questions": questions,
        "gold": {"rows": gold_rows, "failing_rows": gold_failing,
                 "grounded_rows": round((gold_rows - gold_failing) / gold_rows, 4) if gold_rows else 1.0},
        "failing": failing[:MAX_FAILURES],
    }


def render(res: dict[str, Any]) -> list[str]:
    """The lines ``dalil eval`` prints: the share, then each failing row with its reason."""
    out = [f"grounded rows: {res['grounded_rows']} ({res['rows'] - res['failing_rows']}/{res['rows']} rows, "
           f"{res['questions']} questions; gold questions {res['gold']['grounded_rows']})"]
    for f in res["failing"]:
        out.append(f"  not grounded: {f['question']} | {f['body']} | {f['status']} | {f['document']} p.{f['page']}: "
                   f"\"{f['quote'][:160]}\" ({'; '.join(f['failures'])})")
    if res["failing_rows"] > len(res["failing"]):
        out.append(f"  ... and {res['failing_rows'] - len(res['failing'])} more")
    return out


def main(argv: list[str]) -> int:
    """Ingest the folders given into a fresh store and print the battery's grounding measure."""
    from api.service import open_dalil

    as_json = "--json" in argv
    paths = [Path(a) for a in argv if a != "--json"]
    missing = [p for p in paths if not p.exists()]
    if not paths or missing:
        print(f"usage: python -m api.grounding_eval FOLDER ... [--json]; not found: {missing}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dalil-grounding-") as tmp, open_dalil(home=Path(tmp)) as d:
        d.settings.index_on_ingest = False  # the measure reads the graph only
        d.ingest(paths)
        res = measure(d.snapshot())
    print(json.dumps(res, ensure_ascii=False, indent=1) if as_json else "\n".join(render(res)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
