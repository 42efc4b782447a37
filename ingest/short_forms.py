"""Short names a document gives its bodies, and names that stand for another body of the text.

A text names a body in full once, then by less: "(hereafter “the Subcommittee”)", the name's first
word used alone ("Amal" of "Amal for Dialogue"), the name without its head noun ("Safe Towns"),
the owner's name run into a unit's ("X Regional Hub"), a name without its place ("the Governorate
CVE Subcommittee"), a name cut short, "the Governorate Office" of a governorate's own plan. Each is
a term of this document only, or merges into the body it stands for (NamesStage reads them last).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.model import ActorKind
from graph.names import normalize_name
from ingest.cues import HEREAFTER, ORG_HEADS, POST_HEADS, _has_org_head
from ingest.extraction import Extraction

if TYPE_CHECKING:
    from ingest.extraction import ActorRef, Knowledge


class ShortFormsMixin:
    """The part of the names stage that reads short forms (ingest/stage_names.py)."""

    kb: Knowledge
    doc_short: dict[str, str]

    def _registry_lookup(self, name: str) -> str:  # pragma: no cover - NamesStage's
        raise NotImplementedError

    def _strip_place_suffix(self, name: str, min_words: int = 2) -> str:  # pragma: no cover - NamesStage's
        raise NotImplementedError

    def _ref(self, ex: Extraction, name: str, registry_id: str) -> ActorRef:  # pragma: no cover - NamesStage's
        raise NotImplementedError

    def _short_forms(self, pages: Sequence[tuple[int, str]], ex: Extraction,
                     terms: list[tuple[str, str, str]]) -> dict[str, str]:
        """Adds this document's short names to ``terms``; returns the bodies merged into another
        (their key -> the other's), whose terms the stage re-points."""
        # "(hereafter “the Subcommittee”)": a short name for the body just named, in this text only
        for _, text in pages:
            for m in HEREAFTER.finditer(text):
                named_before = [k for k, r in ex.actors.items() if not r.is_class and any(
                    text.rfind(n, 0, m.start()) >= max(0, m.start() - 160) for n in [r.name, *r.aliases] if n)]
                if len(named_before) >= 1:
                    def last_end(k: str, at: int = m.start(), text: str = text) -> tuple[int, int]:
                        r = ex.actors[k]
                        ends = [(text.rfind(n, 0, at) + len(n), len(n)) for n in [r.name, *r.aliases]
                                if n and text.rfind(n, 0, at) >= 0]
                        return max(ends) if ends else (-1, 0)
                    best = max(named_before, key=last_end)  # the longest name closing right before it
                    short = m.group(1).strip()
                    self.doc_short[normalize_name(short)] = best
                    terms.append((short, best, "title"))
        # A name's own first word, where the text uses it alone ("Amal" of "Amal for Dialogue"):
        # a capitalised word that is no head, place or common word, followed by "for" / "of"
        # ... or an all-capital word before the head ("SAFIR" of "SAFIR Foundation"): a brand, no word
        for ref in list(ex.actors.values()):
            first = re.match(r"^([A-Z][a-z][\w\-]+)\s+(?:for|of)\s+[A-Z]", ref.name) or \
                re.match(r"^([A-Z]{3,}[A-Z\-]*)\s+(?=\w+$)", ref.name)
            if ref.is_class or ref.registry_id or not first or first.group(1).lower() in ORG_HEADS | POST_HEADS or \
                    self.kb.place_index.find(first.group(1)) or self._registry_lookup(first.group(1)) or any(
                        first.group(1) in (r.name, *r.aliases) for r in ex.actors.values() if r is not ref) or \
                    not any(re.search(rf"\b{first.group(1)}\b(?!\s+(?:for|of)\b)", text) for _, text in pages):
                continue
            ref.note(first.group(1), "short form: the name's first word, used alone in the text")
            terms.append((first.group(1), ref.key, "title"))
        # Short forms: "Safe Towns" for "Safe Towns Network" (the name without its head),
        # unless two bodies of the text share it ("X Development Agency", "X Development Cooperation")
        stems: dict[str, list[ActorRef]] = {}
        for ref in list(ex.actors.values()):
            if ref.is_class or ref.registry_id:
                continue
            words = ref.name.split()
            if len(words) >= 3 and words[-1].lower() in ORG_HEADS and all(w[:1].isupper() for w in words[:-1]):
                stems.setdefault(" ".join(words[:-1]), []).append(ref)
        for stem, refs in stems.items():
            if len(refs) == 1 and not self._registry_lookup(stem) and not self.kb.place_index.find(stem):
                refs[0].note(stem, "short form: the name without its head noun")
                terms.append((stem, refs[0].key, "title"))
        # "Safe Towns Gulf Regional Hub" = the owner's name + a unit's name: the unit itself.
        names = {normalize_name(n): r.key for r in ex.actors.values() for n in [r.name, *r.aliases]}
        remap: dict[str, str] = {}
        for key, ref in list(ex.actors.items()):
            if ref.registry_id:
                continue
            words = ref.name.split()
            for i in range(1, len(words)):
                owner_key = names.get(normalize_name(" ".join(words[:i])))
                unit_key = names.get(normalize_name(" ".join(words[i:])))
                if owner_key and unit_key and len({owner_key, unit_key, key}) == 3:
                    ex.actors[unit_key].note(ref.name, f"the owner's name + the unit's name {ex.actors[unit_key].name!r}")
                    ex.actors[unit_key].parent = ex.actors[unit_key].parent or owner_key
                    remap[key] = unit_key
                    del ex.actors[key]
                    break
        # "the Governorate CVE Subcommittee" in a text that names one "Nineveh Governorate CVE
        # Subcommittee" is that body; the place-less name stays a term of this document only.
        full_names = {normalize_name(r.name): k for k, r in ex.actors.items() if not r.is_class}
        for key, ref in list(ex.actors.items()):
            if ref.registry_id or ref.is_class or ref.kind == ActorKind.person.value:
                continue
            core = self._strip_place_suffix(ref.name, min_words=1)  # "the Subcommittee in Nineveh"
            own = normalize_name(ref.name)
            target = self.doc_short.get(normalize_name(core)) or self.doc_short.get(own)
            if not target and len(ref.name.split()) >= 2 and _has_org_head(ref.name):
                # "the Steering Committee" in a text that names one "Programme Steering Committee"
                short = " " + own
                # "the Review Team" for "the UN Review Team to Support ...": the
                # longer name's head phrase (before its "to" / "for" / "on" complement) ends with it
                # (not "the X Board" in "the Office of the X Board": that is its owner)
                longer = [k for n, k in full_names.items() if k != key and k in ex.actors and (
                    n.endswith(short) and not n.endswith(" of" + short) and not n.endswith(" of the" + short)
                    or (" " + re.split(r" (?:to|for|on|of) ", n)[0]).endswith(short))
                          and ex.actors[k].parent != key]  # not "the Board of X"
                target = longer[0] if len(set(longer)) == 1 else ""
            # a name cut short ("... for Crimes Committed" of "... Committed by X") is that name
            cut = [k for n, k in full_names.items() if k != key and k in ex.actors and n.startswith(own + " ")]
            if not target and len(cut) == 1 and ref.name.split()[-1].lower() not in ORG_HEADS and \
                    ex.actors[cut[0]].parent != key:
                target = cut[0]
            if target and target != key and target in ex.actors:
                remap[key] = target
                del ex.actors[key]
        # an acronym the text never defines but uses for a body it named in full ("the DFR" of
        # "the KRG Department of Foreign Relations"): the initials of its words, with or without
        # the owner before them
        for key, ref in list(ex.actors.items()):
            if ref.registry_id or ref.is_class or not re.fullmatch(r"[A-Z]{3,6}", ref.name):
                continue
            owners = [k for k, r in ex.actors.items() if k != key and not r.is_class and r.kind != ActorKind.person.value
                      and ref.name in _initials(r.name)]
            if len(owners) == 1:
                ex.actors[owners[0]].note(ref.name, "short form: the initials of the name, used alone in the text")
                remap[key] = owners[0]
                del ex.actors[key]
        # "the Governorate Office" in a governorate's own plan is that governorate's administration
        home = self.kb.gazetteer.get(ex.default_place) if ex.default_place != "place:IQ" else None
        for key, ref in list(ex.actors.items()):
            office = re.fullmatch(r"(Governorate|District)\s+(?:Office|Administration|Headquarters)", ref.name)
            if home is None or not office or home.level != office.group(1).lower() or ref.registry_id:
                continue
            # named as the text names the place ("Nineveh", not the gazetteer's "Ninewa")
            said = next((h.text for _, t in pages for h in self.kb.place_index.find(t) if h.payload == home.id), home.name)
            gov = self._ref(ex, f"{said} {office.group(1)}", "")
            gov.kind, gov.place, gov.level = ActorKind.local_government.value, home.id, home.level
            for alias in [ref.name, *ref.aliases]:
                gov.note(alias, "the local government's own office, in its own plan")
            remap[key] = gov.key
            del ex.actors[key]
        return remap


_MINOR = frozenset({"of", "the", "for", "and", "on", "in", "to", "a", "an"})


def _initials(name: str) -> set[str]:
    """The acronyms a name's words make: all of them, and without an owner's acronym before them
    ("KRG Department of Foreign Relations": "KDFR", "DFR")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", name) if w.lower() not in _MINOR]
    if len(words) < 2:
        return set()
    out = {"".join(w[0] for w in words).upper()}
    if re.fullmatch(r"[A-Z]{2,6}", words[0]) and len(words) >= 3:
        out.add("".join(w[0] for w in words[1:]).upper())
    return out

