"""Schema DDL generated from graph.model, for each dialect.

LadybugDB needs typed tables before any write; Neo4j needs uniqueness constraints so that
MERGE on ``id`` is both safe and fast. Both come from the same model classes, so a new field
in the model is a new column / property everywhere at once.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from graph.model import NODE_TYPES, REL_TYPES, Node

_LADYBUG_TYPES = {str: "STRING", int: "INT64", float: "DOUBLE", bool: "BOOLEAN"}


def _field_type(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin in (list, typing.List):  # noqa: UP006 - runtime check
        (inner,) = typing.get_args(annotation)
        return _LADYBUG_TYPES[inner] + "[]"
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _field_type(args[0])
    return _LADYBUG_TYPES[annotation]


def node_fields(model: type[Node]) -> dict[str, str]:
    """Field name -> LadybugDB column type, ``id`` first."""
    hints = typing.get_type_hints(model)
    out = {"id": "STRING"}
    for name in model.model_fields:
        if name != "id":
            out[name] = _field_type(hints[name])
    return out


# Columns the store derives and keeps itself, outside the model (not exported, not synced:
# every store computes them from what it holds): a statement's concept mentions and the places
# its quote names (graph.mentions).
DERIVED_COLUMNS: dict[str, dict[str, str]] = {"Statement": {"mentions": "STRING[]", "places_named": "STRING[]"}}


def ladybug_ddl() -> list[str]:
    stmts = []
    for m in NODE_TYPES:
        cols = ", ".join(
            f"{n} {t} PRIMARY KEY" if n == "id" else f"{n} {t}" for n, t in node_fields(m).items()
        )
        stmts.append(f"CREATE NODE TABLE IF NOT EXISTS {m.label}({cols})")
    for r in REL_TYPES:
        props = "".join(f", {k} {_LADYBUG_TYPES[{'str': str, 'int': int, 'float': float}[v]]}"
                        for k, v in r.props.items())
        stmts.append(f"CREATE REL TABLE IF NOT EXISTS {r.name}(FROM {r.src} TO {r.dst}{props})")
    return stmts


def neo4j_ddl() -> list[str]:
    stmts = [
        f"CREATE CONSTRAINT {m.label.lower()}_id IF NOT EXISTS FOR (n:{m.label}) REQUIRE n.id IS UNIQUE"
        for m in NODE_TYPES
    ]
    stmts += [
        "CREATE INDEX statement_doc IF NOT EXISTS FOR (s:Statement) ON (s.doc_id)",
        "CREATE INDEX chunk_doc IF NOT EXISTS FOR (c:Chunk) ON (c.doc_id)",
        "CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)",
        "CREATE INDEX effort_doc IF NOT EXISTS FOR (e:Effort) ON (e.doc_id)",
    ]
    return stmts
