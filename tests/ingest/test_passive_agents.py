"""The agent of a passive holds what its verb says, also with a phrasal verb ("carried out by"),
and bodies apposed to that agent hold it with it; sentences of our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _holders(ex: Extraction, kind: str) -> list[set[str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return [{name[s] for s in st.subjects} for st in ex.statements if st.kind == kind]


SENTENCE = ("Last year both water surveys were carried out by the Iraqi authorities — the **Dohar Archive "
            "Directorate** of the **Veterans' Foundation**, led by Ali Hasan, and the **Water Records Directorate** "
            "of the **Ministry of Water Resources**, led by Dr. Omar Saleh — with advice from the Basra Youth Forum.")


def test_a_phrasal_passive_names_its_agents(x: Extractor) -> None:
    ex = x.extract([(1, SENTENCE)])
    held = _holders(ex, "mandate")
    assert any({"Government of Iraq", "Dohar Archive Directorate", "Water Records Directorate"} <= h for h in held)
    # no statement is left holding nobody, and no directorate is the object of its own passive
    assert all(h for h in held)
    assert not any(st.kind == "implementation" for st in ex.statements)


def test_a_passive_drawn_up_by_a_body(x: Extractor) -> None:
    ex = x.extract([(1, "The new youth plan for Zubair was drawn up by the Basra Youth Forum in 2019.")])
    assert {"Basra Youth Forum"} in _holders(ex, "mandate")
