"""Arabic clauses of news prose whose holder is carried, each on the example sentence of its
rule in ingest/rules/ar/reports.yaml or one of our own (invented names, no store, no app): the aim
that closes a reported act, a sentence whose subject is a document, and the ministry an official
of its central office speaks for."""

from __future__ import annotations

import pytest

from ingest import rules
from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _example(rule: str) -> str:
    return str(next(s["example"] for s in rules.load("ar", "reports")["shapes"] if s["id"] == rule))


def _held(ex: Extraction) -> list[tuple[set[str], str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return [({name[s] for s in st.subjects}, st.quote) for st in ex.statements if st.kind == "mandate"]


def test_the_aim_of_a_reported_act_is_a_clause_of_its_own(x: Extractor) -> None:
    held = _held(x.extract([(1, _example("ar.clause.purpose"))]))
    quotes = [q for h, q in held if h == {"منظمة الواحة"}]
    assert any(q.endswith("مع مزارعي الوادي") for q in quotes), quotes
    assert any(q.startswith("هدفها تعزيز الثقة") for q in quotes), quotes


def test_what_a_plan_covers_is_said_of_its_author(x: Extractor) -> None:
    held = _held(x.extract([(1, _example("ar.subject.document_goes_on"))]))
    covers = [h for h, q in held if "تغطي الخطة" in q]
    assert covers == [{"مديرية الزراعة"}], held


def test_an_official_of_a_ministrys_central_office_speaks_for_the_ministry(x: Extractor) -> None:
    text = ("صرّح مدير عام ديوان وزارة الزراعة بحكومة الإقليم سامر يوسف بأن الخطة جاهزة. "
            "وأكد يوسف أن حماية التربة من التصحر أولى مهام الخطة.")
    held = _held(x.extract([(1, text)]))
    assert any(h == {"وزارة الزراعة في حكومة إقليم كوردستان"} and q.startswith("أن حماية التربة") for h, q in held), held
