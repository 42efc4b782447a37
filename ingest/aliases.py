"""Second names a text gives a body it has just named: "the National Team, also known as the
Joint Youth Task Force" is one body with two names, not two bodies.

Read in stage 1 (names), after every name of the document is known: the body named after the
cue is folded into the body named right before it, and its name becomes an alias.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.model import ActorKind
from graph.terms import Hit, TermIndex
from ingest.extraction import Extraction

_KNOWN_AS = re.compile(
    r"[\s*_]*,?\s*\(?(?:also|otherwise|commonly|formerly|previously|better|locally|widely)?\s*(?:known|referred\s+to)\s+"
    r"(?:locally\s+|widely\s+|commonly\s+|also\s+|simply\s+)?as\s+"
    r"(?:the\s+)?|[\s*_]*,?\s*\(?(?:also\s+called|a\.?k\.?a\.?)\s+(?:the\s+)?"
    # a former or later name: "A (formerly the B)", "A, a government body formerly called B", "A, now named B"
    r"|[\s*_]*(?:,\s*(?:an?|the)\s+[\w\s\-]{0,40}?\s+|,\s*|\s*\()"
    r"(?:(?:formerly|previously)(?:\s+(?:called|named|known\s+as))?|now\s+(?:called|named|known\s+as)|(?:since\s+)?renamed)"
    r"\s*(?:the\s+)?"
    # Arabic: "أ (المعروفة سابقاً باسم ب)", "أ، التي كانت تسمى ب"
    r"|\s*[،,(]?\s*(?:(?:ال)?(?:معروف|معروفة|مسمى|مسماة)\s+(?:سابقا|سابقاً)\s+(?:باسم|ب)?|(?:التي|الذي)\s+(?:كانت|كان)\s+(?:تسمى|يسمى|تعرف\s+باسم|يعرف\s+باسم))\s*", re.I)

# the words every _KNOWN_AS match contains
_CUE_WORDS = re.compile(r"known\s+(?:\w+\s+)?as|referred\s+to\s+as|also\s+called|a\.?k\.?a|formerly|previously|"
                        r"now\s+(?:called|named)|renamed|سابقا|تسمى|يسمى|تعرف\s+باسم|يعرف\s+باسم", re.I)


def known_as(pages: Sequence[tuple[int, str]], ex: Extraction,
             index: TermIndex[str]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Fold each "A, also known as B" into A (``index``: the document's names so far): B's key ->
    A's key (B's ref removed from ``ex``); and the second names that name no body (`_names_given`),
    as terms, read from the same look-ups of the pages."""
    folded: dict[str, str] = {}
    looked: list[tuple[str, list[Hit[str]]]] = []
    for _, text in pages:
        if not _CUE_WORDS.search(text):
            continue  # no cue on the page: its names need not be looked up
        found = index.find(text)
        looked.append((text, found))
        hits = [h for h in found if h.payload in ex.actors]
        for a, b in zip(hits, hits[1:], strict=False):
            cue = _KNOWN_AS.fullmatch(text[a.end : b.start])
            first, second = folded.get(a.payload, a.payload), b.payload
            if cue is None or first == second or second in folded or first not in ex.actors or second not in ex.actors:
                continue
            kept, gone = ex.actors[first], ex.actors[second]
            if ActorKind.person.value in (kept.kind, gone.kind) or gone.registry_id or kept.is_class or gone.is_class:
                continue
            for name in (gone.name, *gone.aliases):
                kept.note(name, f"another name the text gives {kept.name}")
            del ex.actors[second]
            folded[second] = first
    return folded, _names_given(looked, ex)


# the second name itself where it is no body's the text named: capitalised words
_SECOND_NAME = re.compile(r"([A-Z][\w'’\-]+(?:\s+(?:of|for|al|el|[A-Z][\w'’\-]+)){0,4})(?=\s*[),.;:]|\s+(?:[a-z]|\())")


def _names_given(looked: list[tuple[str, list[Hit[str]]]], ex: Extraction) -> list[tuple[str, str, str]]:
    """"A, also known as the Cedar Cell, …", "A (known locally as Shabakat Delta)": a second name
    that names no body of its own is A's too (an alias, and a term of this document); ``looked``:
    the pages with a cue and the names found on each, read after the folding."""
    out: list[tuple[str, str, str]] = []
    for text, found in looked:
        hits = [h for h in found if h.payload in ex.actors]
        for a in hits:
            cue = _KNOWN_AS.match(text, a.end)
            second = _SECOND_NAME.match(text, cue.end()) if cue and _CUE_WORDS.search(cue.group(0)) else None
            ref = ex.actors[a.payload]
            if second is None or ref.kind == ActorKind.person.value or ref.is_class or \
                    any(h.start == second.start() for h in hits):
                continue
            ref.note(second.group(1), f"another name the text gives {ref.name}")
            out.append((second.group(1), a.payload, "any"))
    return out
