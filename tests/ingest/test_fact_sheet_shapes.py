"""Shapes of project fact sheets: a record of "Label: value" lines with no full stop ("Title:",
"Status:", "Partners:", "Funded by:"), a page's section headings ("Programme Summary") and a
document named after its body ("the X Fund Annual Report"). Sentences of our own, no store."""

from __future__ import annotations

from ingest.chunking import split_sentences
from ingest.extract import Extractor
from tests.ingest.shapes import names, rels

_SHEET = """Lantern Bridges Project

Title: Lantern Bridges Project
Status: Ongoing
Duration: 2019-2022
Partners: The Governments of Japan and Norway
Donors: Government of Sweden, European Union
Implementing Agency: United Nations Development Programme
Funded by: The Government of Denmark and the Federal Republic of Germany

The Lantern Bridges Project supports local youth councils in Anbar.
"""


def test_field_lines_are_sentences_of_their_own() -> None:
    spans = [_SHEET[s:e] for s, e in split_sentences(_SHEET)]
    assert "Partners: The Governments of Japan and Norway" in spans
    assert "Status: Ongoing" in spans
    prose = "The council met on Monday: it agreed a plan.\nIts members signed it in Hit."
    assert len(split_sentences(prose)) == 2  # one label-like line alone is no record


def test_a_record_that_opens_with_its_title_keeps_its_fields() -> None:
    ex = Extractor().extract([(1, _SHEET)], title="Lantern Bridges Project")
    assert {("Government of Sweden", "Lantern Bridges Project"), ("European Union", "Lantern Bridges Project"),
            ("Denmark", "Lantern Bridges Project"), ("Government of Germany", "Lantern Bridges Project")} \
        <= rels(ex, "funding")
    assert {("Lantern Bridges Project", "Government of Japan"), ("Lantern Bridges Project", "Norway")} \
        <= rels(ex, "partnership")
    assert ("United Nations Development Programme", "Lantern Bridges Project") in rels(ex, "implementation")
    quotes = {st.quote for st in ex.statements if st.rule.startswith("field.")}
    assert "Donors: Government of Sweden, European Union" in quotes  # the field's own line
    assert "Implementing Agency" not in names(ex).values()  # a field's label is no body


def test_a_title_line_then_a_value_line_is_read() -> None:
    text = "Delta Centre\n\nTitle: Delta Centre\nThe Delta Centre trains teachers in Hit with the Ministry of Education."
    ex = Extractor().extract([(1, text)], title="Delta Centre")
    assert "Ministry of Education" in names(ex).values()


def test_a_section_heading_or_a_document_is_no_body() -> None:
    text = ("Programme Summary\n\nThe Orchard Resilience Programme supports youth centres in Hit.\n\n"
            "Project Overview\n\nThe Orchard Fund Annual Report describes its grants to the Delta Network.")
    got = set(names(Extractor().extract([(1, text)])).values())
    assert "Orchard Fund" in got and "Orchard Resilience Programme" in got
    assert not any(n.endswith(("Summary", "Overview", "Report")) for n in got)


def test_a_project_titled_without_quotes_owns_its_fields() -> None:
    text = ("Lantern Future: Safer Returns for the Plains\n\n"
            "  • Implementing Partners: Delta Relief Services with sub-awardees Orchard Aid and the Rami Association\n\n"
            "  • Duration: June 2019 - May 2022\n\n"
            "The Orchard Fund's Lantern Future project supports families who go back to Hit.")
    ex = Extractor().extract([(1, text)], title="Lantern Future: Safer Returns for the Plains")
    assert names(ex).get("actor:lantern-future") == "Lantern Future"
    assert {("Delta Relief Services", "Lantern Future"), ("Rami Association", "Lantern Future")} <= rels(ex, "implementation")
    plain = Extractor().extract([(1, "The Mosul project, the Dutch project and the Delta Council project help families.")])
    assert "programme" not in {a.kind for a in plain.actors.values()}  # a place, a state, a body: whose, not a title


def test_a_label_or_a_snapshot_is_no_body() -> None:
    text = "Grant/Project Number (4000004694)\n\nProject Snapshot\n\nThe Delta Council trains youth in Hit."
    assert set(names(Extractor().extract([(1, text)])).values()) == {"Delta Council"}


def test_a_fact_sheet_whose_title_names_no_body_is_about_the_project_it_titles() -> None:
    title = "Helping Families Back to the Western Plains"
    text = (f"{title}\n\n  • Implementing Partner: Delta Relief Services with sub-awardees the Rami Association\n"
            "  • Duration: June 2019 - May 2022\n\nThe families went back to their villages.")
    ex = Extractor().extract([(1, text)], title=title)
    assert ("Delta Relief Services", title) in rels(ex, "implementation")
    assert next(a for a in ex.actors.values() if a.name == title).kind == "programme"
    plain = Extractor().extract([(1, "Helping Families\n\nThe families went back to their villages in Hit.")],
                               title="Helping Families")
    assert not plain.actors  # no field lines: the title is no project of its own
