"""IATI activity XML into efforts: roles, DAC sectors, places, dates, budgets; bad files named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.service import open_dalil
from ingest.iati import import_iati
from ingest.loaders import LoadError
from ingest.resolve import Resolver

DATA = Path(__file__).parent / "data"


def test_iati_activities_become_efforts() -> None:
    facts = import_iati(DATA / "iati-nineveh-small.xml", Resolver())
    assert len(facts.efforts) == 2
    bad = [p for p in facts.report.problems if p.skipped]
    assert len(bad) == 1 and bad[0].field == "iati-identifier" and "activity 3" in bad[0].reason
    assert any(p.field == "budget" and not p.skipped for p in facts.report.problems)
    e = next(x for x in facts.efforts if x.id and "Sinjar" in x.title)
    assert e.budget == 400000 and e.date_start == "2024-02-01" and e.date_end == "2025-12-31"
    assert e.status == "implementation"
    roles = {(ed.src, ed.props["role"]) for ed in facts.edges if ed.rel == "ROLE" and ed.dst == e.id}
    assert ("actor:european-union", "funding") in roles
    assert ("actor:united-nations-development-programme", "accountable") in roles
    about = {ed.dst for ed in facts.edges if ed.rel == "EFFORT_ABOUT" and ed.dst and ed.src == e.id}
    assert "theme:social_cohesion" in about
    assert {ed.dst for ed in facts.edges if ed.rel == "EFFORT_IN"} == {"place:IQG15Q07"}


@pytest.mark.parametrize("name,needle", [("not-iati.xml", "not an IATI activity file"),
                                         ("broken-iati.xml", "not well-formed XML")])
def test_bad_iati_files(name: str, needle: str) -> None:
    with pytest.raises(LoadError, match=needle):
        import_iati(DATA / name, Resolver())


def test_iati_through_the_pipeline_answers_questions(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in ("iati-nineveh-small.xml", "not-iati.xml"):
        shutil.copy(DATA / n, folder / n)
    with open_dalil(home=tmp_path / "h") as d:
        reps = {Path(r.path).name: r for r in d.ingest([folder])}
        assert reps["iati-nineveh-small.xml"].status == "ingested" and reps["iati-nineveh-small.xml"].efforts == 2
        assert reps["not-iati.xml"].status == "failed" and "<rss>" in reps["not-iati.xml"].reason
        ans = d.ask("Who funds UNDP?")
        assert ans["intent"] == "funding"
        eu = next(r for r in ans["actors"] if r["name"] == "European Union")
        assert eu["why"][0]["document"] == "iati-nineveh-small.xml" and eu["why"][0]["page"] == 1
        who = d.ask("Who works in Sinjar?")
        assert {"Bayt Al-Salam Organization for Peacebuilding", "International Organization for Migration"} <= {r["name"] for r in who["actors"]}
