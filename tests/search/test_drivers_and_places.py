""""What drives extremism in X?" lists the drivers reported there, with their sentences; a question
that names a place is answered first by statements placed there ("who funds work in X?"). Texts
of our own, in a real store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.search.test_statements import _store_of

TEXT = (
    "# Basra districts update\n\n"
    "Youth unemployment and hate speech drive recruitment into extremist groups in Zubair district. "
    "In Abu al-Khasib district, land disputes between tribes fuel violence.\n\n"
    "تدفع البطالة الشباب إلى الانضمام إلى الجماعات المتطرفة في قضاء الزبير.\n\n"
    "The Tigris Trust Fund funds the Zubair Youth Forum in Zubair district. "
    "The Euphrates Fund funds the Khasib Farmers Union in Abu al-Khasib district.\n\n"
    "The Basra Provincial Council established the Zubair Youth Forum in 2019.\n"
)


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from _store_of(tmp_path_factory, "basra-drivers", TEXT)


@pytest.mark.parametrize("question", [
    "What are the drivers of extremism in Zubair?",
    "What drives extremism in Zubair?",
    "ما أسباب التطرف في الزبير؟",
])
def test_the_drivers_reported_in_a_place(dalil: Any, question: str) -> None:
    ans = dalil.ask(question, evidence=False)
    assert ans["intent"] == "drivers"
    ids = [d["id"] for d in ans["drivers"]]
    assert "driver:unemployment" in ids and "driver:hate_speech" in ids
    assert "driver:land_property_disputes" not in ids  # reported in another district
    first = ans["drivers"][0]["reported"][0]
    assert ("Zubair" in first["quote"] or "الزبير" in first["quote"]) and first["page"] == 1 and first["document"]
    assert str(len(ids)) in ans["answer"]


def test_a_driver_is_quoted_first_in_the_question_s_language(dalil: Any) -> None:
    def first(question: str) -> str:
        rows = dalil.ask(question, evidence=False)["drivers"]
        return str(next(r for r in rows if r["id"] == "driver:unemployment")["reported"][0]["quote"])

    assert first("What drives extremism in Zubair?").startswith("Youth unemployment")
    assert first("ما أسباب التطرف في الزبير؟").startswith("تدفع البطالة")


def test_every_driver_without_a_place(dalil: Any) -> None:
    ans = dalil.ask("What are the root causes of violent extremism?", evidence=False)
    assert ans["intent"] == "drivers"
    assert "driver:land_property_disputes" in [d["id"] for d in ans["drivers"]]


def test_who_addresses_drivers_asks_for_bodies(dalil: Any) -> None:
    assert dalil.ask("Who addresses the drivers of extremism in Zubair?", evidence=False)["intent"] != "drivers"


@pytest.mark.parametrize(("question", "funder", "other"), [
    ("Who funds work in Zubair?", "Tigris Trust Fund", "Euphrates Fund"),
    ("Who pays for the work in Abu al-Khasib?", "Euphrates Fund", "Tigris Trust Fund"),
])
def test_funders_of_the_place_asked(dalil: Any, question: str, funder: str, other: str) -> None:
    names = [r["name"] for r in dalil.ask(question, evidence=False)["actors"]]
    assert names[:1] == [funder] and other not in names


def test_a_name_runs_through_a_place_s_particle(dalil: Any) -> None:
    names = {a["name"] for a in dalil.snapshot().actors.values()}
    assert "Khasib Farmers Union" in names
    assert not any(n.endswith(" in Abu") for n in names)


@pytest.mark.parametrize(("question", "intent", "want", "not_want"), [
    ("Who funds the Zubair Youth Forum?", "funding", ["Tigris Trust Fund"], ["Euphrates Fund"]),
    ("Which donors fund the Khasib Farmers Union?", "funding", ["Euphrates Fund"], ["Tigris Trust Fund"]),
    ("Which bodies does the Tigris Trust Fund fund?", "funds_given", ["Zubair Youth Forum"], ["Tigris Trust Fund"]),
    ("Who is funded by the Euphrates Fund?", "funds_given", ["Khasib Farmers Union"], ["Euphrates Fund"]),
    ("Who funds the Tigris Trust Fund?", "funding", [], ["Tigris Trust Fund", "Zubair Youth Forum"]),
    ("Who established the Zubair Youth Forum?", "statements", ["Basra Provincial Council"], ["Tigris Trust Fund"]),
])
def test_who_funds_and_whom_a_body_funds(dalil: Any, question: str, intent: str, want: list[str],
                                         not_want: list[str]) -> None:
    ans = dalil.ask(question, evidence=False)
    names = [r["name"] for r in ans["actors"]]
    assert ans["intent"] == intent
    assert names[: len(want)] == want and not set(not_want) & set(names), names


def test_where_a_funder_works_is_where_it_funds(dalil: Any) -> None:
    ans = dalil.ask("Where does the Euphrates Fund work?", evidence=False)
    assert ans["intent"] == "places"
    assert [p["id"] for p in ans["places"]] == ["place:IQG02Q01"]


PLAN = (
    "# Zubair youth plan\n\n"
    "The Zubair Youth Plan was drafted by the Zubair Elders Council in 2024. "
    "UNICEF runs youth clubs in Zubair district. "
    "The Ministry of Youth and Sports runs sports centres for youth in Zubair district.\n"
)


@pytest.fixture(scope="module")
def dalil_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from _store_of(tmp_path_factory, "zubair-plan", PLAN)


def test_who_drafted_a_plan_is_not_who_covers_its_theme(dalil_plan: Any) -> None:
    ans = dalil_plan.ask("Who drafted the youth plan for Zubair?", evidence=False)
    assert [r["name"] for r in ans["actors"]][:1] == ["Zubair Elders Council"]
    covers = dalil_plan.ask("Who works on youth in Zubair?", evidence=False)
    assert "United Nations Children's Fund" in [r["name"] for r in covers["actors"]]
