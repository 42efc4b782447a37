"""Capitalised runs that hold more than one body's name, or a name with a number in it: the
body each names, with its owner. Sentences and names of our own; no store."""

from __future__ import annotations

from ingest.extract import Extractor


def _names(text: str) -> dict[str, str]:
    ex = Extractor().extract([(1, text)])
    return {a.name: a.parent for a in ex.actors.values()}


def test_an_owner_s_unit_whose_name_runs_past_and() -> None:
    names = _names("The Ruritania Relief Agency opened four centres in partnership with the Government of "
                   "Iraq's Joint Planning and Review Centre (JPRC).")
    assert names.get("Joint Planning and Review Centre") == "actor:government-of-iraq"
    assert not any(n.endswith("Joint Planning") for n in names)


def test_a_small_number_inside_a_name() -> None:
    names = _names("Residents of the Nahda 2 Transit Centre receive legal aid from the Ruritania Relief Agency.")
    assert "Nahda 2 Transit Centre" in names
    assert not any(n.startswith("Residents") for n in names)


def test_the_number_of_a_heading_is_no_part_of_the_name() -> None:
    names = _names("Section 2 Ministry of Planning will lead the review with the Ruritania Relief Agency.")
    assert "Ministry of Planning" in names
    assert not any(n.startswith("Section") for n in names)


def test_a_name_cut_inside_brackets_or_before_its_last_words_is_none() -> None:
    names = _names("The European Union, through its Instrument Contributing to Stability and Peace (IcSP), will "
                   "support the Ruritania Relief Agency in its efforts to reduce local sources of violence.")
    assert not any("(" in n or n.split()[-1] in ("to", "of", "and") for n in names)


def test_the_body_spoken_of_before_where_it_works_is_no_name() -> None:
    names = _names("التقى فريق الجمعية في نينوى مع مدير دائرة الهجرة في المحافظة.")
    assert not any(n.startswith("الجمعية") for n in names)


def test_the_chairs_of_bodies_lead_nothing() -> None:
    # "chairs" as a verb gives a leadership; "the chairs of the X" are persons, the noun
    lead = Extractor().extract([(1, "The Minister of Planning and the Head of the Ruritania Relief Agency as well as "
                                    "the chairs of the Basra Youth Forum participated in the opening session.")])
    assert not [s for s in lead.statements if s.kind == "leadership"]
    verb = Extractor().extract([(1, "The Ruritania Relief Agency co-chairs the Basra Youth Forum.")])
    assert [s for s in verb.statements if s.kind == "leadership"]
