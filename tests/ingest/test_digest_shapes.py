"""Shapes of project digests: a funding table with an implementer column and no lead column, a
table's status column ("planned": not in force yet), and a body a head noun guessed a group of
that the text calls an NGO. Documents of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import names, rels

_PAGE = """# Orchard Resilience Project

## Funding

| Funder | Amount (USD) | Implementing partner | Location |
|---|---|---|---|
| Government of Japan | 2,000,000 | Cedar Foundation | Hit |
| Lantern Trust | 500,000 | Delta Youth Network | Ramadi |

## Status

| Activity | Lead | Status |
|---|---|---|
| Mediator training | Delta Youth Network | completed |
| Youth centre | Anbar Governorate | planned |

The Orchard Women Union, a local NGO, monitors the project.
"""


def _extract():  # type: ignore[no-untyped-def]
    return Extractor().extract([(1, _PAGE)], "Orchard Resilience Project")


def test_a_funder_funds_the_implementer_of_its_row_who_carries_out_the_project() -> None:
    ex = _extract()
    funding = rels(ex, "funding")
    assert ("Government of Japan", "Cedar Foundation") in funding and ("Lantern Trust", "Delta Youth Network") in funding
    assert {("Cedar Foundation", "Orchard Resilience Project"), ("Delta Youth Network", "Orchard Resilience Project")} \
        <= rels(ex, "implementation")


def test_a_planned_row_is_not_in_force() -> None:
    ex = _extract()
    n = names(ex)
    status = {n[s]: st.status for st in ex.statements if st.kind == "mandate" and "|" in st.quote for s in st.subjects}
    assert status == {"Delta Youth Network": "established", "Anbar Governorate": "recommended"}


def test_a_union_the_text_calls_an_ngo_is_an_ngo() -> None:
    kinds = {a.name: a.kind for a in _extract().actors.values()}
    assert kinds["Orchard Women Union"] == "ngo"


def test_a_second_name_that_names_no_other_body_is_an_alias() -> None:
    ex = Extractor().extract([(1, "The Orchard Coordination Cell, also known as the Cedar Cell, meets every month in "
                                  "Basra. The Cedar Cell reports to the Lantern Council.\n\nThe Delta Peace Network "
                                  "(known locally as Shabakat Delta) trains mediators in Hit. Shabakat Delta also runs "
                                  "a radio show.")])
    assert ("Orchard Coordination Cell", "Lantern Council") in rels(ex, "part_of")
    said = [st for st in ex.statements if "radio" in st.quote]
    assert said and {names(ex)[s] for st in said for s in st.subjects} == {"Delta Peace Network"}


def test_a_passive_gift_names_its_giver_and_its_receivers() -> None:
    ex = Extractor().extract([(1, "Grants were awarded by the Cedar Foundation to the Delta Youth Network and the "
                                  "Orchard Women Union.\n\nThe youth centre in Hit was handed over to the Ministry of "
                                  "Justice by the Lantern Trust in May.")])
    assert {("Cedar Foundation", "Delta Youth Network"), ("Cedar Foundation", "Orchard Women Union")} <= rels(ex, "funding")
    assert "Cedar Foundation to the Delta Youth Network" not in names(ex).values()
    assert ("Lantern Trust", "Ministry of Justice") in rels(ex, "support")
    active = Extractor().extract([(1, "The Lantern Trust handed over the rebuilt school to the Orchard Directorate of "
                                      "Education in Hit.")])
    assert ("Lantern Trust", "Orchard Directorate of Education") in rels(active, "support")


def _drivers(text: str) -> set[str]:
    ex = Extractor().extract([(1, text)])
    return {c for st in ex.statements if st.kind == "driver" for c in st.concepts if c.startswith("driver:")}


def test_drivers_said_as_missing_access_and_as_what_returnees_lack() -> None:
    assert "driver:lack_of_opportunities" in _drivers("Many young women in Hit have no access to vocational training.")
    assert {"driver:lack_of_documentation", "driver:lack_of_basic_services"} <= _drivers(
        "يفتقر العائدون في قضاء هيت إلى الوثائق الثبوتية والخدمات الأساسية.")


def test_support_and_money_said_as_assistance_capacity_training_donor_and_channel() -> None:
    ex = Extractor().extract([(1, "The Cedar Foundation provides technical assistance to the Lantern Trust on returns "
                                  "planning. The Lantern Trust built the capacity of the Orchard Women Union to monitor "
                                  "hate speech. The Delta Youth Network received training from the Cedar Foundation in "
                                  "2023. The Lantern Trust is the main donor of the Delta Youth Network. The Cedar "
                                  "Foundation channels its grants through the Orchard Women Union.")])
    assert {("Cedar Foundation", "Lantern Trust"), ("Lantern Trust", "Orchard Women Union"),
            ("Cedar Foundation", "Delta Youth Network")} <= rels(ex, "support")
    assert {("Lantern Trust", "Delta Youth Network"), ("Cedar Foundation", "Orchard Women Union")} <= rels(ex, "funding")
    far = Extractor().extract([(1, "The Cedar Foundation hopes to offer help to many of the families living near "
                                   "the Lantern Court.")])
    assert not rels(far, "support")  # the body must follow "to" at once


def test_a_fronted_partner_and_work_done_as_part_of_a_programme() -> None:
    ex = Extractor().extract([(1, "Alongside the Lantern Trust, the Delta Youth Network ran dialogue sessions in Ramadi. "
                                  "The Orchard Women Union trains mediators as part of the Lantern Trust's Safe Return "
                                  "Programme.")])
    assert ("Delta Youth Network", "Lantern Trust") in rels(ex, "partnership")
    assert ("Orchard Women Union", "Safe Return Programme") in rels(ex, "implementation")


def test_assistance_to_a_governorate_goes_to_its_government_and_a_return_to_it_goes_to_the_place() -> None:
    ex = Extractor().extract([(1, "The Cedar Foundation provides technical assistance to the Anbar Governorate on "
                                  "returns planning.")])
    assert ("Cedar Foundation", "Anbar Governorate") in rels(ex, "support")
    moved = Extractor().extract([(1, "Families of the Cedar Foundation's staff returned to the Anbar Governorate in May.")])
    assert "Anbar Governorate" not in names(moved).values()


def test_a_cleft_names_its_subject_and_a_while_clause_its_own_holder() -> None:
    ex = Extractor().extract([(1, "The Cedar Foundation trains teachers in Hit. It is the Delta Youth Network that runs "
                                  "the youth centre in Ramadi.")])
    n = names(ex)
    ran = [st for st in ex.statements if "youth centre" in st.quote and st.kind == "mandate"]
    assert ran and {n[s] for st in ran for s in st.subjects} == {"Delta Youth Network"}
    split = Extractor().extract([(1, "The Cedar Foundation will be responsible for monitoring, while the Lantern Trust "
                                     "will handle procurement.")])
    own = [st for st in split.statements if st.quote.startswith("while")]
    assert [names(split)[s] for st in own for s in st.subjects] == ["Lantern Trust"]


def test_bodies_that_co_chair_or_take_over_the_chair() -> None:
    ex = Extractor().extract([(1, "The Cedar Foundation and the Lantern Trust co-chair the Orchard Protection Working "
                                  "Group. The Delta Youth Network took over the chairmanship of the Orchard Peace Forum "
                                  "in 2024.")])
    assert {("Cedar Foundation", "Orchard Protection Working Group"), ("Lantern Trust", "Orchard Protection Working Group"),
            ("Delta Youth Network", "Orchard Peace Forum")} <= rels(ex, "leadership")


def test_the_agent_of_one_passive_is_not_what_the_next_passive_is_done_to() -> None:
    ex = Extractor().extract([(1, "The project is funded by the Cedar Trust and implemented by the Delta Youth Network.")])
    assert ("Delta Youth Network", "Cedar Trust") not in rels(ex, "implementation")


def test_money_funded_through_a_channel() -> None:
    ex = Extractor().extract([(1, "The project is funded by the Government of Japan through the Cedar Trust Fund.")])
    assert ("Government of Japan", "Cedar Trust Fund") in rels(ex, "funding")


def test_a_body_that_launches_or_works_under_a_programme_carries_it_out() -> None:
    ex = Extractor().extract([(1, "The Cedar Foundation launched the Safe Schools Initiative in Hit in March. Under the "
                                  "Orchard Resilience Programme, the Delta Youth Network trained 300 mediators.")])
    assert {("Cedar Foundation", "Safe Schools Initiative"), ("Delta Youth Network", "Orchard Resilience Programme")} \
        <= rels(ex, "implementation")


def test_a_pledge_of_a_sum_to_a_body_funds_it() -> None:
    ex = Extractor().extract([(1, "The Lantern Trust pledged USD 1 million to the Cedar Foundation for 2026.")])
    assert ("Lantern Trust", "Cedar Foundation") in rels(ex, "funding")
