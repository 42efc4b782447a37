"""Identity: one node per real body or person, across documents, spellings and acronyms.

A mention resolves to an existing node when a normalised name, alias or acronym matches
(graph.names.normalize_name folds case, British/American spelling and Arabic letter forms).
Curator decisions (merge, alias, split) are replayed after every resolution, so they survive
re-ingest. Words alone never merge two bodies: "Ministry of Labour" and "Ministry of
Interior" have different keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache

from graph.bilingual import gazetteer_place, signature, skeleton
from graph.model import Actor, Decision
from graph.names import is_arabic, normalize_name
from ingest.extract import ActorRef


def _keys(name: str, aliases: Iterable[str], kind: str = "", is_class: bool = False) -> set[str]:
    """Identity keys: normalised names, plus the language-neutral signature of bodies
    (graph/bilingual.py), which is how an Arabic name meets its English name."""
    body = kind != "person" and not is_class
    out: set[str] = set()
    for n in [name, *aliases]:
        out.update(_name_keys(n, body))
    return out


@lru_cache(maxsize=65536)
def _name_keys(name: str, body: bool) -> tuple[str, ...]:
    """Cached: every ingest rebuilds the index of all the graph's names, and the signature
    walks a glossary and the gazetteer for each of them."""
    keys = [k] if (k := normalize_name(name)) else []
    if body:
        sig = signature(name, gazetteer_place)
        if sig:
            keys.append("sig:" + "|".join(sorted(sig)))
    return tuple(keys)


class Resolver:
    """Resolves extracted ActorRefs against the actors already in the graph."""

    def __init__(self, existing: Iterable[Actor] = (), decisions: Iterable[Decision] = ()) -> None:
        self.by_key: dict[str, str] = {}
        self.actors: dict[str, Actor] = {}
        self.redirect: dict[str, str] = {}  # merged id -> surviving id
        self.split_keys: dict[str, str] = {}  # alias key forced onto an id
        self.extra_aliases: dict[str, set[str]] = {}
        # merge log of the last resolve_refs: (name, node id, reason)
        self.log: list[tuple[str, str, str]] = []
        for a in existing:
            self._index(a)
        for d in decisions:
            self.apply(d)

    def _index(self, a: Actor) -> None:
        self.actors[a.id] = a
        for k in _keys(a.name, a.aliases, a.kind, a.is_class):
            self.by_key.setdefault(k, a.id)

    def apply(self, d: Decision) -> None:
        args = json.loads(d.args)
        if d.op == "merge":
            self.redirect[args["drop"]] = args["keep"]
        elif d.op == "alias":
            self.extra_aliases.setdefault(args["id"], set()).add(args["name"])
            self.split_keys[normalize_name(args["name"])] = args["id"]
        elif d.op == "split":
            # the alias is taken off its node and given a node of its own
            self.split_keys[normalize_name(args["name"])] = args.get("new_id") or ""
            self.redirect.pop(args.get("new_id", ""), None)

    def final(self, actor_id: str) -> str:
        seen = set()
        while actor_id in self.redirect and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.redirect[actor_id]
        return actor_id

    def resolve_refs(self, refs: dict[str, ActorRef]) -> dict[str, str]:
        """Map each ref key to a node id; refs of one document that share a key are one body."""
        # union refs of this document that share a normalised name or alias
        parent: dict[str, str] = {k: k for k in refs}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        owner: dict[str, str] = {}
        why: dict[str, str] = {}
        for key, ref in sorted(refs.items(), key=lambda kv: (not kv[1].registry_id, kv[0])):
            keys = _keys(ref.name, ref.aliases, ref.kind, ref.is_class)
            if ref.kind == "person" and len(skeleton(ref.name)) >= 5:
                keys.add("skel:" + skeleton(ref.name))  # one person in two scripts, this document only
            if ref.kind == "person" and len(words := normalize_name(ref.name).split()) >= 2 and not is_arabic(ref.name):
                # "Thomas Lothar Weiss" and then "Thomas Weiss": first and last name, this document only
                keys.add(f"fl:{words[0]} {words[-1]}")
            for k in sorted(keys):
                if k in self.split_keys:
                    continue
                if k in owner and find(owner[k]) != find(key):
                    other = refs[find(owner[k])]
                    if (other.kind == "person") != (ref.kind == "person"):
                        continue
                    why[find(key)] = (
                        f"same institutional signature as {other.name!r} ({k[4:]})" if k.startswith("sig:")
                        else f"same consonant skeleton as {other.name!r}" if k.startswith("skel:")
                        else f"same first and last name as {other.name!r}" if k.startswith("fl:")
                        else f"same name key {k!r} as {other.name!r} in this document")
                    parent[find(key)] = find(owner[k])
                else:
                    owner.setdefault(k, key)
        out: dict[str, str] = {}
        self.log = []
        for key, ref in refs.items():
            root = refs[find(key)]
            node_id, reason = root.key, why.get(key, "")
            for k in sorted(_keys(root.name, root.aliases, root.kind, root.is_class)):
                forced = self.split_keys.get(k)
                if forced:
                    node_id, reason = forced, f"curator decision on {k!r}"
                    break
                if k in self.by_key:
                    node_id = self.by_key[k]
                    if node_id != root.key:
                        reason = f"name key {k!r} of the existing node"
                    break
            if normalize_name(ref.name) in self.split_keys and self.split_keys[normalize_name(ref.name)]:
                node_id = self.split_keys[normalize_name(ref.name)]
                reason = "curator decision"
            final = self.final(node_id)
            if final != node_id:
                reason = "curator merge"
            out[key] = final
            if final != ref.key:
                self.log.append((ref.name, final, reason or "unit or alias of the same body"))
        return out

    def aliases_for(self, node_id: str) -> set[str]:
        return set(self.extra_aliases.get(node_id, set()))
