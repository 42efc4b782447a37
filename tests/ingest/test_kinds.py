"""The kind of a body the registry does not hold: from its name's words (rules/en/kinds.yaml)
and from what the text calls it ("the Dutch NGO X", "X, a local charity"). Names of our own."""

from __future__ import annotations

import pytest

from ingest import rules
from ingest.cues import _guess_kind_level
from ingest.extract import Extractor
from ingest.kinds import said_kind


@pytest.mark.parametrize(("name", "kind"), [
    ("Finnish Refugee Council", "ngo"),
    ("Atlantis Rescue Committee", "ngo"),
    ("Basra Water Council", "committee"),
    ("National Water Taskforce", "committee"),
    ("Shelter Working Group", "network"),
    ("Delta Resistance Units", "armed_group"),
    ("Coastal Security Service", "security_force"),
    ("the intelligence services", "security_force"),
    ("a UN agency", "un_agency"),
    ("Ruritanian Development Agency", "donor"),
    ("Atlantis International Cooperation Agency", "donor"),
    ("Federal Government of Ruritania", "national_body"),
    ("Zarqa Waqf", "religious_body"),
    ("Lanterns for Peacebuilding", "ngo"),
    ("Sunrise Foundation", "ngo"),
    ("Blue Lantern", "other"),
])
def test_kind_from_the_words_of_a_name(name: str, kind: str) -> None:
    assert _guess_kind_level(name)[0] == kind


def test_every_kind_rule_names_its_own_example() -> None:
    found = rules.kind_rules("en")
    assert len({r.id for r in found}) == len(found)
    for r in found:  # the first rule that takes an example is its own rule (no rule shadows another)
        assert _guess_kind_level(r.example) == (r.kind.value, r.level.value), r.id


@pytest.mark.parametrize(("text", "kind"), [
    ("The pilot is run by the Dutch NGO Blue Lantern in three schools.", "ngo"),
    ("Blue Lantern, a Ruritanian non-governmental organisation, trains teachers.", "ngo"),
    ("Blue Lantern (BL), a local charity, trains teachers.", "ngo"),
    ("Clashes with the militia Blue Lantern closed the road.", "armed_group"),
    ("Blue Lantern, a network of youth groups, met in May.", "network"),
    ("Blue Lantern trains teachers in Basra.", ""),
    ("The NGO blue lantern campaign ended.", ""),  # not the name as written
])
def test_kind_the_text_says(text: str, kind: str) -> None:
    assert said_kind(text, ["Blue Lantern"]) == kind


def test_a_body_of_unknown_kind_takes_the_kind_its_apposition_says() -> None:
    text = ("Zarqa Lanterns, a local NGO, runs youth clubs in Basra. "
            "Zarqa Lanterns works with the Basra Water Directorate on clean water.")
    ex = Extractor().extract([(1, text)], title="Test document")
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds.get("Zarqa Lanterns") == "ngo"


@pytest.mark.parametrize(("text", "found"), [
    ("The pilot is run by the Dutch NGO Blue Lantern in three schools.", [("Blue Lantern", "ngo")]),
    ("Uno Passo Per (UPP), an Italian NGO, trains teachers.", [("Uno Passo Per", "ngo")]),
    ("Clashes with the militia Kataib Zarqa in May closed the road.", [("Kataib Zarqa", "armed_group")]),
    ("The NGO Directorate registers groups.", []),  # the noun opens a body's own name
    ("Mr Karim Hadi, a local NGO worker, said the clubs reopened.", []),  # a person's job
    ("In Basra, a local NGO runs the club.", []),  # the noun is the subject, not an apposition
])
def test_names_a_kind_noun_introduces(text: str, found: list[tuple[str, str]]) -> None:
    from ingest.kinds import named_by_kind

    assert named_by_kind(text) == found
