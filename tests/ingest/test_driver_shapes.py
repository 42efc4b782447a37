"""Drivers stated as problems in plain clauses (ingest/rules/<lang>/drivers.yaml, ingest/drivers.py).

Each rule reads its own example sentence (written for the rule, no store, no app) into a
`driver` statement carrying the rule's id and its concept; sentences that state no problem
stay without one."""

from __future__ import annotations

import pytest

from graph.model import StatementKind
from graph.vocab import load_concepts
from ingest import drivers
from ingest.extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


RULES = [(lang, r) for lang in ("en", "ar") for r in drivers.driver_rules(lang)]


def _drivers(extractor: Extractor, text: str) -> list:  # type: ignore[type-arg]
    return [s for s in extractor.extract([(1, text)]).statements if s.kind == StatementKind.driver.value]


@pytest.mark.parametrize(("lang", "rule"), RULES, ids=[r.id for _, r in RULES])
def test_rule_reads_its_example(extractor: Extractor, lang: str, rule: drivers.DriverRule) -> None:
    got = _drivers(extractor, rule.example)
    assert [s for s in got if s.rule == rule.id], f"{rule.id}: {[(s.rule, s.concepts) for s in got]}"
    assert any(rule.concept in s.concepts for s in got)
    assert all(s.status == "established" for s in got)


def test_rule_ids_unique_and_concepts_known() -> None:
    known = {c.id for c in load_concepts() if c.scheme == "driver"}
    for lang in ("en", "ar"):
        ids = [r.id for r in drivers.driver_rules(lang)]
        assert len(ids) == len(set(ids))
        for r in drivers.driver_rules(lang):
            assert r.id.startswith(f"{lang}.driver.")
            assert r.concept in known, r.id


@pytest.mark.parametrize("text", [
    "The committee met on Tuesday in the governor's office to agree its agenda for the year.",
    "The fund answered letters from the two ministries within a month of the flood.",
    "The Basra Youth Forum signed an agreement with the university on student exchanges.",
    "عقدت اللجنة اجتماعها الدوري في مبنى المحافظة لمناقشة جدول الأعمال.",
])
def test_no_problem_no_driver(extractor: Extractor, text: str) -> None:
    assert not _drivers(extractor, text)


def test_metadata_line_reports_nothing() -> None:
    assert not drivers.shapes("- **Title:** Schools were destroyed in the valley", "en")


def test_arabic_diacritics_do_not_hide_a_shape() -> None:
    fired = {r.id for r, _ in drivers.shapes("قالت الأسر إن المعارك دمّرت منازلها في القرية.", "ar")}
    assert "ar.driver.destroyed" in fired


def test_vocabulary_driver_with_a_cue_keeps_the_cue_rule(extractor: Extractor) -> None:
    got = _drivers(extractor, "Corruption is a key driver of recruitment in the southern districts.")
    assert got and got[0].rule == "en.driver.cue"
    assert "driver:corruption" in got[0].concepts


def test_one_statement_carries_every_concept_of_the_sentence(extractor: Extractor) -> None:
    got = _drivers(extractor, "Children in the camp missed two years of school, and their homes were destroyed by shelling.")
    assert len(got) == 1
    assert {"driver:school_dropout", "driver:destruction_reconstruction"} <= got[0].concepts


def test_a_denied_driver_word_is_not_reported(extractor: Extractor) -> None:
    said = "The elders told the visiting delegation that their people ask for a fair hearing in court, not for revenge."
    assert not _drivers(extractor, said)
    assert _drivers(extractor, "The elders told the visiting delegation that fear of revenge keeps many families away.")


def test_the_work_of_reconciliation_in_its_verb_forms() -> None:
    # a report says what a body did ("mediated disputes"), not the theme's noun ("mediation")
    from ingest.extract import Extractor

    for sent in ("The Orchard Elders Forum mediated disputes between tribes in Hit district in 2023.",
                 "The Orchard Elders Forum works on resolving disputes over land in Hit district."):
        ex = Extractor().extract([(1, sent)])
        assert any("theme:reconciliation" in s.concepts for s in ex.statements if s.kind == "mandate"), sent


def test_drivers_in_an_analyst_s_words() -> None:
    # "weaknesses in …" is a lack; armed non-state actors are armed groups; trust that "remains low"
    from ingest.extract import Extractor

    cases = {
        "Weaknesses in the rule of law push young people in Zubair towards armed groups.": "driver:weak_rule_of_law",
        "The militarisation of society by armed non-state actors in Tuz Khurmatu threatens peace.": "driver:armed_groups",
        "Trust in the security institutions remains low among returnees in Hit, a report found.":
            "driver:distrust_law_enforcement",
    }
    for sent, concept in cases.items():
        ex = Extractor().extract([(1, sent)])
        assert any(concept in s.concepts for s in ex.statements if s.kind == "driver"), sent
