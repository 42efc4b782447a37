"""The question router: intents and slots in English and Arabic, over the demo corpus."""

from __future__ import annotations

from typing import Any

import pytest

from graph.domain import Snapshot
from search.router import parse


@pytest.fixture(scope="module")
def snap(demo_dalil: Any) -> Snapshot:
    s: Snapshot = demo_dalil.snapshot()
    return s


@pytest.mark.parametrize("q,intent,slots", [
    ("Which bodies cover youth in Nineveh?", "who_covers", {"place": "place:IQG15"}),
    ("من يغطي الشباب في نينوى؟", "who_covers", {"place": "place:IQG15"}),
    ("What is the mandate of the Tel Kaif district government?", "mandate", {}),
    ("ما هي ولاية قضاء تلكيف؟", "mandate", {"place": "place:IQG15Q09", "theme": None}),
    ("Where do UNDP and IOM efforts overlap?", "overlaps", {}),
    ("أين تتداخل جهود UNDP و IOM؟", "overlaps", {}),
    ("What is nobody covering in Nineveh?", "gaps", {"place": "place:IQG15"}),
    ("ما الذي لا يغطيه أحد في نينوى؟", "gaps", {"place": "place:IQG15"}),
    ("Who works in Sinjar?", "works_in", {"place": "place:IQG15Q07"}),
    ("Who works in Tel Kaif?", "works_in", {"place": "place:IQG15Q09", "actors": []}),  # a body too: the place wins
    ("من يعمل في سنجار؟", "works_in", {"place": "place:IQG15Q07"}),
    ("Who funds IOM?", "funding", {}),
    ("Who pays IOM?", "funding", {}),
    # who carries out a project; who "runs" a body asks for its head
    ("Who implements the Joint Programme?", "implementers", {"actors": ["actor:joint-programme"]}),
    ("Who runs the Joint Programme?", "implementers", {"actors": ["actor:joint-programme"]}),
    ("Who runs IOM?", "post_holder", {}),
    ("Where does IOM work?", "places", {"place": None}),
    ("أين تعمل المنظمة الدولية للهجرة؟", "places", {}),
    # a body's place in a hierarchy: above it, or below it, by where the body is named
    ("Who does the Nineveh Governorate CVE Subcommittee report to?", "parents", {}),
    ("Which bodies report to the NCCVE?", "units", {}),
    ("Who supervises the ministerial subcommittees?", "supervision", {}),
    ("Who partners with the NCCVE?", "partners", {}),
    ("Which bodies are members of the NCCVE?", "members", {}),
    ("من يموّل المنظمة الدولية للهجرة؟", "funding", {}),
    ("ما الذي لا تغطيه أي جهة في سنجار؟", "gaps", {"place": "place:IQG15Q07"}),
    ("Tell me about the weather in spring", "search", {}),
    # Arabic plural of partner; a class of bodies after the question word is the kind asked for
    ("من هم شركاء المنظمة الدولية للهجرة في نينوى؟", "partners", {"actors": ["actor:international-organization-for-migration"]}),
    ("ما هي المنظمات الدولية الشريكة في برنامج الإغاثة؟", "search", {"actors": []}),
    # what a text asks of a body is that body's mandate (its recommendations)
    ("ماذا تطلب الخطة من المنظمة الدولية للهجرة في نينوى؟", "mandate",
     {"actors": ["actor:international-organization-for-migration"]}),
    # "responsible for" is no post; "who runs" an activity is not who heads a body
    ("Who is responsible for policing inside Sinjar district?", "who_covers", {"place": "place:IQG15Q07"}),
    ("Who runs vocational courses for returnees in Sinjar?", "who_covers", {"place": "place:IQG15Q07"}),
    ("Who is the governor of Nineveh?", "post_holder", {"place": "place:IQG15"}),
    # the topic asked about, not the group it is for
    ("Who helps returnees in Nineveh obtain civil documentation?", "who_covers", {"theme": "theme:protection"}),
    # a theme word qualifying the body asked for is its kind; the topic comes after the verb
    ("Which coordination platform covers youth in Nineveh?", "who_covers", {"theme": "theme:youth"}),
    # the same questions asked in other words
    ("What are the tasks of the NCCVE?", "mandate", {}),
    ("What is the NCCVE responsible for?", "mandate", {}),
    ("What are religious endowments allowed to do in Nineveh?", "mandate", {}),
    ("Who is part of the NCCVE?", "members", {}),
    ("Which ministries are members of the NCCVE?", "members", {"kind": "ministry", "of_kind": True}),
    ("ما الجهات التي تدعم المنظمة الدولية للهجرة في نينوى؟", "partners", {}),
    ("Which bodies does IOM fund?", "funds_given", {}),
    ("Who is funded by IOM?", "funds_given", {}),
    ("Who funds IOM's work in Nineveh?", "funding", {}),
    ("What drives extremism in Nineveh?", "drivers", {"place": "place:IQG15"}),
    ("ما أسباب التطرف في نينوى؟", "drivers", {"place": "place:IQG15"}),
    ("Who addresses the root causes of extremism in Nineveh?", "works_in", {}),  # bodies, not drivers
])
def test_intents(snap: Snapshot, q: str, intent: str, slots: dict[str, Any]) -> None:
    p = parse(q, snap)
    assert p.intent == intent, (q, p)
    for k, v in slots.items():
        assert getattr(p, k) == v, (q, k, p)


def test_slots_resolve_names(snap: Snapshot) -> None:
    p = parse("Where do UNDP and IOM efforts overlap?", snap)
    assert p.actors[:2] == ["actor:united-nations-development-programme", "actor:international-organization-for-migration"]
    assert parse("أين تتداخل جهود UNDP و IOM؟", snap).actors == p.actors
    youth = parse("Which bodies cover youth in Ninewa?", snap)
    assert youth.theme and youth.theme.endswith("youth") and youth.place == "place:IQG15"
    assert parse("Who funds IOM?", snap).actors == ["actor:international-organization-for-migration"]


def test_answers_carry_citations(demo_dalil: Any) -> None:
    for q in ("Which bodies cover youth in Nineveh?", "ما هي ولاية قضاء تلكيف؟", "Where do UNDP and IOM efforts overlap?"):
        ans = demo_dalil.ask(q)
        assert ans["actors"], q
        for r in ans["actors"]:
            for w in r["why"]:
                assert w["quote"] and w["document"], (q, r["name"])


def test_mandate_of_a_kind_of_body_in_a_place(demo_dalil: Any) -> None:
    """"What may religious endowments do in Nineveh?": each body of that kind, its lines there."""
    ans = demo_dalil.ask("What may religious endowments do in Nineveh?")
    assert ans["intent"] == "mandate" and ans["actors"]
    snap = demo_dalil.snapshot()
    assert all(snap.actors[r["id"]]["kind"] == "religious_body" for r in ans["actors"])
    assert any(w["status"] == "option" for r in ans["actors"] for w in r["why"])
    for r in ans["actors"]:
        assert all(w["place_match"] and w["quote"] for w in r["why"])


def test_a_body_s_name_inside_a_theme_label_leaves_the_label_whole() -> None:
    from graph.terms import Hit, TermIndex
    from search.router import _concepts_around

    idx: TermIndex[str] = TermIndex()
    idx.add("accountability", "theme:governance")
    idx.add("accountability for crimes", "theme:justice")
    q = "Which bodies in Basra deal with accountability for Dohar Front crimes?"
    body = Hit(q.index("Dohar"), q.index("Dohar") + len("Dohar Front"), "Dohar Front", "actor:dohar-front")
    hits = _concepts_around(q, idx, [body])
    assert [h.payload for h in hits] == ["theme:justice"]
    assert q[hits[0].start : hits[0].end] == "accountability for Dohar Front crimes"
    assert [h.payload for h in _concepts_around(q, idx, [])] == ["theme:governance"]



def test_implementers_of_a_project_cite_the_sentence_that_says_so(demo_dalil: Any) -> None:
    ans = demo_dalil.ask("Who implements the Joint Programme?")
    assert ans["intent"] == "implementers"
    rows = {r["id"]: r for r in ans["actors"]}
    assert "actor:united-nations-development-programme" in rows
    why = rows["actor:united-nations-development-programme"]["why"]
    assert any(w["kind"] == "implementation" and "Joint Programme" in w["quote"] for w in why)


def test_a_body_s_parents_and_units_cite_their_sentences(demo_dalil: Any) -> None:
    up = demo_dalil.ask("Who does the Nineveh Governorate CVE Subcommittee report to?")
    assert "actor:national-committee-for-countering-violent-extremism" in {r["id"] for r in up["actors"]}
    down = demo_dalil.ask("Which bodies report to the NCCVE?")
    ids = {r["id"] for r in down["actors"]}
    assert "actor:nineveh-governorate-cve-subcommittee" in ids
    assert "actor:national-security-advisory" not in ids  # what the NCCVE sits within is above it


def test_a_body_named_without_its_last_words(snap: Snapshot) -> None:
    # a name cut short ("the X Working Group" for "the X Working Group in Iraq"): the one body whose
    # name begins with it, where it is most of that name
    p = parse("Which bodies report to the National Committee for Countering Violent?", snap)
    assert p.actors == ["actor:national-committee-for-countering-violent-extremism"]


def test_where_a_body_works_lists_the_places_its_sentences_put_it(demo_dalil: Any) -> None:
    ans = demo_dalil.ask("Where does IOM work?")
    assert ans["intent"] == "places"
    places = ans["places"]
    assert places and all(p["id"] != "place:IQ" for p in places)  # nationwide wording places nothing
    depth = [len(p["id"]) for p in places]
    assert depth == sorted(depth, reverse=True)  # the narrowest first
    row = ans["actors"][0]
    assert row["id"] == "actor:international-organization-for-migration"
    a = demo_dalil.snapshot().actors[row["id"]]
    names = [n for n in (a["name"], a.get("name_ar") or "", *a["aliases"]) if n]
    assert all(any(n in w["quote"] for n in names) for w in row["why"])  # each line names the body
    assert places[0]["name"] in ans["answer"]
