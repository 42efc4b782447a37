"""A theme named as an aim or an act, not only by the gerund or noun the vocabulary is written
in: verb forms of gerund labels and SKOS hiddenLabels (graph/vocab/concepts.py). Sentences of
our own, no store."""

from __future__ import annotations

import pytest

from graph.terms import TermIndex
from graph.vocab.concepts import load_concepts, verb_forms


@pytest.fixture(scope="module")
def index() -> TermIndex[str]:
    ix: TermIndex[str] = TermIndex()
    for c in load_concepts():
        for lab in [c.label_en, c.label_ar, *c.alt_labels]:
            ix.add(lab, c.id)
    return ix


def test_verb_forms_of_a_gerund_phrase() -> None:
    forms = verb_forms("calming tensions")
    assert {"calm tensions", "calms tensions", "calmed tensions"} <= set(forms)
    assert verb_forms("combatting fraud")[0].startswith("combat ")  # a doubled consonant undone
    assert verb_forms("training") == []  # a lone -ing word is as often a noun
    assert verb_forms("income-generating work") == [] and verb_forms("Ongoing work") == []


@pytest.mark.parametrize(("text", "concept"), [
    ("The Orchard Forum works to prevent violent extremism in secondary schools.", "theme:pcve"),
    ("Its volunteers counter violent extremism through sport.", "theme:pcve"),
    ("a plan to prevent and counter violent extremism in the district", "theme:pcve"),
    ("projects combating violent extremism", "theme:pcve"),
    ("clubs that prevent radicalisation of teenagers", "theme:pcve"),
    ("برنامج للوقاية من التطرف في المدارس", "theme:pcve"),
    ("The police combat terrorism in the desert.", "theme:counter_terrorism"),
    ("the fight against terrorism in the west", "theme:counter_terrorism"),
    ("The unit helps reintegrate former members of armed groups.", "theme:reintegration"),
    ("families repatriated from the camp last year", "theme:repatriation"),
    ("mine action teams cleared the fields", "theme:stabilisation"),
    ("volunteers rebuilt houses in the old city", "theme:stabilisation"),
    ("grants for small businesses run by widows", "theme:employment"),
    ("to strengthen the capacities of municipal staff", "theme:capacity_building"),
    ("free legal assistance for returnees", "theme:justice"),
    ("the national plan for UNSCR 1325", "theme:women"),
    ("intercommunal dialogue sessions", "theme:social_cohesion"),
    ("moderators remove hateful content", "theme:hate_speech"),
    ("cultural events in the park", "theme:culture_sport"),
    ("a committee monitoring the implementation of the plan", "theme:monitoring_evaluation"),
    ("to fight corruption in procurement", "theme:good_governance"),
])
def test_a_theme_in_the_words_of_a_report(index: TermIndex[str], text: str, concept: str) -> None:
    assert concept in {h.payload for h in index.find(text)}


def test_an_extracted_statement_carries_the_theme_of_its_aim() -> None:
    from ingest.extract import Extractor

    ex = Extractor().extract([(1, "The Ministry of Rivers runs a programme to prevent violent extremism among "
                                  "young people in Basra.")])
    assert any("theme:pcve" in s.concepts for s in ex.statements)
