"""The status of a sentence as reports word a call, an offer or a service (sentences of our own)."""

from __future__ import annotations

import pytest

from ingest.status import _status


@pytest.mark.parametrize("sentence, status", [
    ("Stable local councils are urgently needed in the district, the envoy said.", "recommended"),
    ("The town needs continued support for reconciliation.", "recommended"),
    ("It is high time to listen to the returnees, she said.", "recommended"),
    ("The mission expects the Team to bring one case before the courts this year.", "recommended"),
    ("The Example Mission stands ready to support the Ministry of Health.", "option"),
    ("The Example Agency offered to train the district's focal points.", "option"),
    ("The Example Agency advises the Ministry of Planning on data.", "established"),
    ("The Example Agency advised that the ministry publish its plan.", "recommended"),
    ("The Ministry of Health runs six clinics in Basra.", "established"),
    ("This flexibility in the plan empowers towns and villages to decide which approach suits them.", "option"),
    ("The law allows the councils to choose their chairs.", "option"),
    ("The programme enables young people to find work.", "established"),  # an effect, not a choice
])
def test_status(sentence: str, status: str) -> None:
    assert _status(sentence) == status


def test_a_power_granted_is_an_option() -> None:
    for text in ("The Delta Directorate is permitted to reopen youth centres in Hit.",
                 "The Delta Council has the authority to close schools in Hit.",
                 "The Delta Council is authorised to sign agreements with donors."):
        assert _status(text) == "option", text


def test_an_arabic_power_granted_is_an_option() -> None:
    for text in ("مديرية شباب الأنبار مخولة بإغلاق المراكز في هيت.", "لمنظمة الأمل صلاحية توقيع الاتفاقات مع المانحين."):
        assert _status(text) == "option", text


def test_an_intention_not_yet_carried_out_is_recommended_and_a_sub_plan_is_no_intention() -> None:
    from ingest.status import _status

    for said in ("The Cedar Foundation plans to open a youth centre in Hit.", "The Lantern Trust is expected to fund the "
                 "second phase.", "The Delta Youth Network intends to train 500 mediators.",
                 "The Orchard Council is considering a curfew in Hit."):
        assert _status(said) == "recommended", said
    assert _status("Every office drafted its own sub-plan to carry out the strategy.") == "established"
