"""Curator decisions change the graph at once and survive re-ingest (real embedded store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.service import open_dalil
from graph.curation import CurationError

DOC = """# Field note

The Al-Noor Relief Foundation runs youth centres in Mosul. The Noor Foundation for Development
trains teachers in Sinjar. The Ministry of Education supports the Al-Noor Relief Foundation in Mosul.
"""


def _ids(d: object) -> dict[str, str]:
    return {a["name"]: a["id"] for a in d.actors()}  # type: ignore[attr-defined]


def test_merge_alias_split_reject_survive_reingest(tmp_path: Path) -> None:
    doc = tmp_path / "note.md"
    doc.write_text(DOC, encoding="utf-8")
    with open_dalil(home=tmp_path / "home") as d:
        d.ingest([doc])
        ids = _ids(d)
        a, b = ids["Al-Noor Relief Foundation"], ids["Noor Foundation for Development"]
        assert a != b  # words alone never merge two bodies
        before = {s.id for s in d.snapshot().statements.values() if b in s.subjects}
        res = d.merge(a, b)
        assert res["edges_moved"] >= 1
        snap = d.snapshot()
        assert b not in snap.actors
        assert "Noor Foundation for Development" in snap.actors[a]["aliases"]
        assert any("curator merge" in m for m in snap.actors[a]["merges"])
        assert before <= {s.id for s in snap.statements.values() if a in s.subjects}

        # a changed file is re-ingested: the merge is replayed, no second node appears
        doc.write_text(DOC + "\nThe Noor Foundation for Development also works in Tel Afar.\n", encoding="utf-8")
        d.ingest([doc])
        names = _ids(d)
        assert "Noor Foundation for Development" not in names and names["Al-Noor Relief Foundation"] == a

        # alias, then split it off again
        d.alias(a, "Dar Al-Noor")
        assert d.resolve("Dar Al-Noor")["matches"][0]["id"] == a
        out = d.split(a, "Noor Foundation for Development")
        assert out["statements_moved"] >= 1
        snap = d.snapshot()
        assert out["new_id"] in snap.actors and "Noor Foundation for Development" not in snap.actors[a]["aliases"]
        doc.write_text(DOC + "\nThe Noor Foundation for Development opened an office in Tel Afar.\n", encoding="utf-8")
        d.ingest([doc])
        names = _ids(d)
        assert names["Noor Foundation for Development"] != names["Al-Noor Relief Foundation"]

        # reject a statement: answers stop using it, also after the file changes again
        st = next(s for s in d.snapshot().statements.values() if "Ministry of Education" in s.quote)
        d.review_statement(st.id, accept=False)
        assert d.snapshot().statements[st.id].review == "rejected"
        doc.write_text(DOC + "\nA closing remark.\n", encoding="utf-8")
        d.ingest([doc])
        assert d.snapshot().statements[st.id].review == "rejected"


def test_bad_decisions_are_clear_errors(tmp_path: Path) -> None:
    doc = tmp_path / "note.md"
    doc.write_text(DOC, encoding="utf-8")
    with open_dalil(home=tmp_path / "home") as d:
        d.ingest([doc])
        a = _ids(d)["Al-Noor Relief Foundation"]
        with pytest.raises(CurationError, match="itself"):
            d.merge(a, a)
        with pytest.raises(CurationError, match="not an alias"):
            d.split(a, "Something Else")
        with pytest.raises(CurationError, match="no statement"):
            d.review_statement("st:nope", accept=True)
