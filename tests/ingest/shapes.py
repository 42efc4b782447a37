"""What the shape tests read off an extraction: names by key, relations of a kind between names,
and persons' posts. One place for the helpers the test modules each wrote for themselves."""

from __future__ import annotations

from ingest.extraction import Extraction


def names(ex: Extraction) -> dict[str, str]:
    return {k: a.name for k, a in ex.actors.items()}


def rels(ex: Extraction, kind: str) -> set[tuple[str, str]]:
    """(subject name, object name) of every statement of ``kind``."""
    n = names(ex)
    return {(n[s], n[o]) for st in ex.statements if st.kind == kind for s in st.subjects for o in st.objects}


def posts(ex: Extraction) -> set[tuple[str, str, str]]:
    """(person, post, body) of every post statement."""
    n = names(ex)
    return {(n[s], st.post, n[o]) for st in ex.statements if st.kind == "post" for s in st.subjects for o in st.objects}


def holders(ex: Extraction, kind: str = "mandate") -> set[str]:
    """The names of the bodies holding statements of ``kind``."""
    n = names(ex)
    return {n[s] for st in ex.statements if st.kind == kind for s in st.subjects}
