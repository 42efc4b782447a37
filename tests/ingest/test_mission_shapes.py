"""Shapes of texts on missions and the councils that set them up: a resolution or a date after a
body's name is no word of it; "established on <date> by X"; "at the request of X" tells why, it
calls on no one; "headed by <post> Name". Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import posts as _posts
from tests.ingest.shapes import rels as _rels


def test_a_resolution_or_a_date_after_a_name_is_no_word_of_it() -> None:
    ex = Extractor().extract([(1, "The Orchard Assistance Mission (OAM) is a mission established on 14 May 2004 by the "
                                  "Delta Regional Council Resolution 1650 at the request of the Government of Iraq.")])
    names = {a.name for a in ex.actors.values()}
    assert "Delta Regional Council" in names
    assert not any("Resolution" in n for n in names)
    assert ("Delta Regional Council", "Orchard Assistance Mission") in _rels(ex, "supervision")
    mission = [st for st in ex.statements if st.kind == "mandate"]
    assert mission and all(st.status == "established" for st in mission)
    ex = Extractor().extract([(1, "Set up by the Delta Regional Council in August, 2004, the Orchard Assistance Mission "
                                  "advises the Government of Iraq.")])
    assert "Delta Regional Council" in {a.name for a in ex.actors.values()}


def test_headed_by_a_post_and_a_name() -> None:
    ex = Extractor().extract([(1, "The Orchard Assistance Mission is headed by the Council's Special Envoy Hana Petrova "
                                  "who served in Basra.")])
    posts = _posts(ex)
    assert ("Hana Petrova", "Council's Special Envoy", "Orchard Assistance Mission") in posts


def test_the_month_of_may_is_no_modal() -> None:
    for text in ("In May, the Orchard Council opened a youth centre in Basra.",
                 "The Orchard Council opened a youth centre in Basra on 3 May 2021."):
        ex = Extractor().extract([(1, text)])
        assert [st.status for st in ex.statements if st.kind == "mandate"] == ["established"], text
    ex = Extractor().extract([(1, "The Orchard Council may open a youth centre in Basra.")])
    assert [st.status for st in ex.statements if st.kind == "mandate"] == ["option"]
