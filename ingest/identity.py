"""Stable identities: which document a file is, and which statement a sentence states.

A document is known by its *source key*: the file's absolute path for `dalil ingest`, and
``upload://NAME`` for a file uploaded through the API. The key is stored as the Document's
``path``. Re-ingesting the same key replaces that document (same id); a different key never
shares an id, even when the file stems agree (``a/plan.md`` and ``b/plan.md``, ``Plan.md`` and
``plan.txt``, ``3w.csv`` and ``3w.xlsx``): the first one keeps the readable ``doc:<stem>`` id
and any later one gets ``doc:<stem>-<hash of its key>``. A file moved with unchanged content
(its old path gone) keeps its id, so moving a corpus folder duplicates nothing.

A statement's id comes from what it says — document, kind, holder(s), the normalised quote —
never from where it sits, so an edit elsewhere in the document (a word added to the foreword)
keeps every other statement's id, and the curator decisions keyed to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from graph.model import normalise_quote, short_hash, slug
from graph.store import GraphStore

UPLOAD_SCHEME = "upload://"


def source_key(path: Path) -> str:
    """A file's source key: its absolute path, however it was named on the command line."""
    return Path(path).resolve().as_posix()


def upload_source(name: str) -> str:
    return UPLOAD_SCHEME + name


def display_name(source: str) -> str:
    """The file name a reader sees for a source key (``upload://plan.md`` -> ``plan.md``)."""
    return PurePath(source.removeprefix(UPLOAD_SCHEME)).name


def _same_source(stored: str, source: str) -> bool:
    """True when a stored path names this source. Documents ingested before source keys were
    stored kept the path as typed (relative): it still counts when it resolves to the same file."""
    if stored == source:
        return True
    if not stored or "://" in stored or "://" in source or Path(stored).is_absolute():
        return False
    return Path(stored).resolve().as_posix() == source


@dataclass(frozen=True)
class DocIdentity:
    doc_id: str
    prev_hash: str | None  # content hash of the version this source had, None for a new one
    prev_path: str = ""  # the stored path of that version (differs after a move or for legacy paths)


def find_source(docs: list[dict[str, str]], source: str) -> dict[str, str] | None:
    return next((d for d in docs if _same_source(d["path"] or "", source)), None)


def assign_document(store: GraphStore, source: str, stem: str, content_hash: str) -> DocIdentity:
    """The id of the document at ``source`` (see the module docstring for the rules)."""
    docs = store.run("document_sources")
    prev = find_source(docs, source)
    if prev:
        return DocIdentity(prev["id"], prev["content_hash"], prev["path"] or "")
    if "://" not in source:  # a moved file (or one stored before source keys): same content, old path gone
        for d in docs:
            p = d["path"] or ""
            if d["content_hash"] == content_hash and p and "://" not in p and not Path(p).exists():
                return DocIdentity(d["id"], d["content_hash"], p)
    base = "doc:" + slug(stem)
    taken = {d["id"] for d in docs}
    return DocIdentity(base if base not in taken else f"{base}-{short_hash(source, n=8)}", None)


def statement_id(doc_id: str, kind: str, subjects: list[str], objects: list[str], quote: str, nth: int = 0) -> str:
    """``nth`` tells apart the same statement made twice in one document (0 for the first)."""
    return "st:" + short_hash(doc_id, kind, subjects, objects, normalise_quote(quote), *([nth] if nth else []))


def identify(store: GraphStore, source: str, content_hash: str) -> tuple[str, bool]:
    """The document id for ``source``, and whether the graph already holds this very content
    (then nothing is re-ingested; a moved file's new path is recorded)."""
    ident = assign_document(store, source, PurePath(display_name(source)).stem, content_hash)
    same = ident.prev_hash == content_hash
    if same and ident.prev_path != source:
        store.write([("set_document_path", [{"doc_id": ident.doc_id, "path": source}])])
    return ident.doc_id, same
