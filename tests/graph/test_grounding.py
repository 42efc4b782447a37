"""The three grounding checks on sentences written for these tests, against the demo graph's
bodies, concepts and places (the checks read only the snapshot's indexes and the gazetteer)."""

from __future__ import annotations

from typing import Any

import pytest

from graph.domain.overlap import period_of
from graph.grounding import Grounder, grounder

UNICEF = "actor:united-nations-children-s-fund"
POLICE = "actor:nineveh-police-command"
DISTRICTS = "actor:class-local-governments-district"
SUBCOMMITTEE = "actor:nineveh-governorate-cve-subcommittee"
YOUTH = "theme:youth"
NINEVEH, MOSUL, BASRA, COUNTRY = "place:IQG15", "place:IQG15Q05", "place:IQG02", "place:IQ"


@pytest.fixture(scope="module")
def g(demo_dalil: Any) -> Grounder:
    return grounder(demo_dalil.snapshot())


def test_who_names_aliases_and_resolved_references(g: Grounder) -> None:
    assert g.names("UNICEF opens two reading rooms in Mosul.", UNICEF)
    assert not g.names("The Ministry of Health opens two clinics in Mosul.", UNICEF)
    # a pronoun or the head noun refers back only to the subject the extractor resolved
    assert g.names("It also opens a clinic in Mosul.", UNICEF, [UNICEF])
    assert not g.names("It also opens a clinic in Mosul.", UNICEF, [])
    assert g.names("The Subcommittee meets in Mosul every week.", SUBCOMMITTEE, [SUBCOMMITTEE])


def test_what_belongs_to_the_clause_that_names_the_body(g: Grounder) -> None:
    s = ("UNICEF trains road-safety wardens with the Nineveh Police Command in Mosul, and it runs "
         "a football league for young people in Baaj.")
    youth = g.snap.narrower_closure(YOUTH)
    assert g.carries(s, UNICEF, youth, [UNICEF]), "the subject: the whole sentence is said of it"
    assert not g.carries(s, POLICE, youth, [UNICEF]), "named in a clause without youth"
    assert g.carries("The Nineveh Police Command coaches young people in Mosul.", POLICE, youth, [POLICE])
    # a theme word inside a body's name is that body's remit, not the sentence's theme
    assert not g.carries("UNICEF meets the Ministry of Youth and Sports in Baghdad.", UNICEF, youth, [UNICEF])


def test_subjects_listed_across_a_comma_and_share_the_sentence(g: Grounder) -> None:
    s = ("Football leagues for young people were organised by UNICEF, with a coach each, and the "
         "Nineveh Police Command, with two referees, in Mosul.")
    youth = g.snap.narrower_closure(YOUTH)
    assert g.carries(s, POLICE, youth, [UNICEF, POLICE]), "listed with the first subject"
    assert not g.carries(s, POLICE, youth, [UNICEF]), "not a subject: only its own clause counts"


def test_where_is_at_inside_or_over_the_place(g: Grounder) -> None:
    assert g.where("UNICEF opens reading rooms in Mosul.", [], UNICEF, NINEVEH) == "inside"
    assert g.where("UNICEF opens reading rooms in Basra.", [], UNICEF, NINEVEH) is None
    assert g.where("UNICEF opens reading rooms in all governorates.", [], UNICEF, NINEVEH) == "nationwide"
    # a sentence naming no place is placed by its statement's scope (the document's place)
    assert g.where("UNICEF opens reading rooms.", [NINEVEH], UNICEF, MOSUL) == "above"
    assert g.where("UNICEF opens reading rooms.", [BASRA], UNICEF, MOSUL) is None
    # "X in P; Y in Q": each body is placed by its own clause
    s = "UNICEF opens reading rooms in Basra; the Nineveh Police Command patrols Mosul."
    assert g.where(s, [BASRA, MOSUL], UNICEF, MOSUL) is None
    assert g.where(s, [BASRA, MOSUL], POLICE, MOSUL) == "place"


@pytest.mark.parametrize("sentence,ok", [
    ("District governments may appoint a focal point for prevention work.", True),
    ("District governments shall report to the governor every quarter.", True),
    ("The plan empowers district governments to choose their partners.", True),
    ("Donors recommended that district governments publish their budgets.", True),
    ("District governments have not been consulted on the plan.", False),
    ("The meeting gathered district governments from four provinces.", False),
    # Arabic: "calls on" (تدعو) is a recommendation; a meeting is none
    ("- تدعو الخطة حكومات الأقضية إلى نشر موازناتها.", True),
    ("اجتمعت حكومات الأقضية في البصرة أمس.", False),
])
def test_a_class_mandate_needs_the_class_as_subject_of_a_duty(g: Grounder, sentence: str, ok: bool) -> None:
    assert g.class_mandate(sentence, DISTRICTS, [DISTRICTS]) is ok


def test_periods_named_in_a_sentence() -> None:
    assert period_of("Sessions run from March 2024 to February 2026 in two towns.") == ("2024-03", "2026-02")
    assert period_of("Both agencies work there during 2024 and 2025.") == ("2024", "2025")
    assert period_of("Both agencies work there.") == ("", "")
