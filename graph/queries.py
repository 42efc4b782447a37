"""Every Cypher text Dalil runs, in one place, with the dialect table.

A query is a name mapped to ``{"*": text}`` when both engines accept the same text, or to
``{"neo4j": ..., "ladybug": ...}`` where the dialects differ (see DIALECT_NOTES). Domain code
asks for a query by name and never branches on the backend. Read queries return flat rows;
ranking and grouping happen in Python so that both stores give identical answers.
"""

from __future__ import annotations

from enum import StrEnum

from graph.model import NODE_TYPES, REL_TYPES
from graph.schema import node_fields

# Why each override exists (measured, ../shared/research/graph-engines.md §8).
DIALECT_NOTES: dict[str, str] = {
    "shortest_path": "Neo4j spells shortestPath(); LadybugDB uses `* SHORTEST 1..n` and "
    "list_transform() instead of list comprehensions.",
    "labels": "LadybugDB's labels(n) is a STRING; Neo4j's is a list. Use label(n) / labels(n)[0].",
    "schema": "LadybugDB needs typed CREATE NODE/REL TABLE; Neo4j needs uniqueness constraints.",
    "with_order": "LadybugDB rejects WITH ... ORDER BY without SKIP/LIMIT: order in Python.",
    "params_in_lambda": "LadybugDB cannot read a $param inside any(x IN l WHERE ...): use $p IN l.",
}


def _node_upsert(label: str, fields: list[str]) -> str:
    sets = ", ".join(f"n.{f} = r.{f}" for f in fields if f != "id")
    return f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET {sets}"


def _rel_upsert(name: str, src: str, dst: str, props: list[str]) -> str:
    text = (
        f"UNWIND $rows AS r MATCH (a:{src} {{id: r.src}}) MATCH (b:{dst} {{id: r.dst}}) "
        f"MERGE (a)-[e:{name}]->(b)"
    )
    if props:
        text += " SET " + ", ".join(f"e.{p} = r.{p}" for p in props)
    return text


Q: dict[str, dict[str, str]] = {}

for _m in NODE_TYPES:
    Q[f"upsert_{_m.label}"] = {"*": _node_upsert(_m.label, list(node_fields(_m)))}
for _r in REL_TYPES:
    Q[f"link_{_r.name}"] = {"*": _rel_upsert(_r.name, _r.src, _r.dst, list(_r.props))}
    Q[f"unlink_{_r.name}"] = {
        "*": f"UNWIND $rows AS r MATCH (a:{_r.src} {{id: r.src}})-[e:{_r.name}]->(b:{_r.dst} {{id: r.dst}}) DELETE e"
    }

# --- curation (graph/curation.py): every edge touching one body, per relationship type ---
for _r in REL_TYPES:
    _props = "".join(f", e.{p} AS {p}" for p in _r.props)
    if _r.src == "Actor":
        Q[f"curate_out_{_r.name}"] = {"*": f"MATCH (a:Actor {{id: $id}})-[e:{_r.name}]->(b:{_r.dst}) RETURN a.id AS src, b.id AS dst{_props} ORDER BY dst"}
    if _r.dst == "Actor":
        Q[f"curate_in_{_r.name}"] = {"*": f"MATCH (a:{_r.src})-[e:{_r.name}]->(b:Actor {{id: $id}}) RETURN a.id AS src, b.id AS dst{_props} ORDER BY src"}
Q["statements_of_actor"] = {"*": "MATCH (a:Actor {id: $id})-[:SUBJECT]->(s:Statement) RETURN s.id AS id, s.quote AS quote, 'subject' AS role UNION ALL MATCH (s:Statement)-[:OBJECT]->(a:Actor {id: $id}) RETURN s.id AS id, s.quote AS quote, 'object' AS role"}
Q["statement_by_id"] = {"*": "MATCH (s:Statement {id: $id}) RETURN s.id AS id, s.review AS review, s.kind AS kind, s.quote AS quote, s.doc_id AS doc_id"}
Q["statement_subjects"] = {"*": "MATCH (a:Actor)-[:SUBJECT]->(s:Statement {id: $id}) RETURN a.id AS id ORDER BY id"}
Q["set_statement_review"] = {"*": "MATCH (s:Statement {id: $id}) SET s.review = $review"}

Q.update(
    {
        # --- maintenance -------------------------------------------------------------
        "count_nodes": {"*": "MATCH (n) RETURN count(n) AS n"},
        "count_label": {"neo4j": "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n",
                        "ladybug": "MATCH (n) RETURN label(n) AS label, count(n) AS n"},
        "count_rels": {"neo4j": "MATCH ()-[e]->() RETURN type(e) AS rel, count(e) AS n",
                       "ladybug": "MATCH ()-[e]->() RETURN label(e) AS rel, count(e) AS n"},
        "delete_doc_statements": {"*": "MATCH (s:Statement) WHERE s.doc_id = $doc_id DETACH DELETE s"},
        "delete_doc_chunks": {"*": "MATCH (c:Chunk) WHERE c.doc_id = $doc_id DETACH DELETE c"},
        "delete_doc_efforts": {"*": "MATCH (e:Effort) WHERE e.doc_id = $doc_id DETACH DELETE e"},
        "delete_document": {"*": "MATCH (d:Document {id: $doc_id}) DETACH DELETE d"},
        "set_document_path": {"*": "MATCH (d:Document {id: $doc_id}) SET d.path = $path"},
        "delete_orphan_text_actors": {
            "*": "MATCH (a:Actor) WHERE a.source = 'text' AND NOT (a)-[:SUBJECT]->(:Statement) "
            "AND NOT (:Statement)-[:OBJECT]->(a) AND NOT (a)-[:ROLE]->(:Effort) AND NOT (:Actor)-[:UNIT_OF]->(a) "
            "DETACH DELETE a"
        },
        "delete_actor": {"*": "MATCH (a:Actor {id: $id}) DETACH DELETE a"},
        "document_by_id": {"*": "MATCH (d:Document {id: $doc_id}) RETURN d.id AS id, d.content_hash AS content_hash, d.title AS title"},
        "documents": {"*": "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.path AS path, d.kind AS kind, d.pages AS pages, d.language AS language ORDER BY d.id"},
        # identity (a source key is a document's path) and the graph/vector consistency check
        "document_sources": {"*": "MATCH (d:Document) RETURN d.id AS id, d.path AS path, d.content_hash AS content_hash ORDER BY d.id"},
        "chunk_counts": {"*": "MATCH (c:Chunk) RETURN c.doc_id AS doc_id, count(c) AS n ORDER BY doc_id"},
        # --- lookups ----------------------------------------------------------------
        "actors": {"*": "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.kind AS kind, a.level AS level, a.is_class AS is_class, a.name_ar AS name_ar, a.place AS place, a.source AS source, a.merges AS merges ORDER BY a.id"},
        "actor_by_id": {"*": "MATCH (a:Actor {id: $id}) RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.kind AS kind, a.level AS level, a.is_class AS is_class, a.name_ar AS name_ar, a.place AS place, a.source AS source, a.merges AS merges"},
        "places": {"*": "MATCH (p:Place) RETURN p.id AS id, p.name AS name, p.name_ar AS name_ar, p.alt_names AS alt_names, p.level AS level, p.parent AS parent ORDER BY p.id"},
        "concepts": {"*": "MATCH (c:Concept) RETURN c.id AS id, c.scheme AS scheme, c.label_en AS label_en, c.label_ar AS label_ar, c.alt_labels AS alt_labels ORDER BY c.id"},
        "decisions": {"*": "MATCH (d:Decision) RETURN d.id AS id, d.op AS op, d.args AS args, d.created AS created ORDER BY d.created, d.id"},
        "chunk_by_id": {"*": "MATCH (c:Chunk {id: $id}) RETURN c.id AS id, c.doc_id AS doc_id, c.page AS page, c.char_start AS char_start, c.char_end AS char_end, c.text AS text"},
        "chunks_of_doc": {"*": "MATCH (c:Chunk) WHERE c.doc_id = $doc_id RETURN c.id AS id, c.page AS page, c.char_start AS char_start, c.char_end AS char_end, c.text AS text, c.language AS language ORDER BY c.seq"},
        # --- statements with their evidence -------------------------------------------
        # One row per (statement, subject); objects, concepts and places come from the
        # following three queries and are joined in Python (no nested collects: congruent).
        "statements": {"*": "MATCH (a:Actor)-[:SUBJECT]->(s:Statement) RETURN s.id AS id, a.id AS subject, s.kind AS kind, s.status AS status, s.summary AS summary, s.quote AS quote, s.doc_id AS doc_id, s.page AS page, s.char_start AS char_start, s.char_end AS char_end, s.level AS level, s.nationwide AS nationwide, s.instrument AS instrument, s.post AS post, s.review AS review ORDER BY s.id, a.id"},
        "claims": {"*": "MATCH (s:Statement) WHERE s.kind IN ['driver', 'need'] RETURN s.id AS id, s.kind AS kind, s.status AS status, s.summary AS summary, s.quote AS quote, s.doc_id AS doc_id, s.page AS page, s.char_start AS char_start, s.char_end AS char_end, s.level AS level, s.nationwide AS nationwide, s.instrument AS instrument, s.post AS post, s.review AS review ORDER BY s.id"},
        "statement_objects": {"*": "MATCH (s:Statement)-[:OBJECT]->(b:Actor) RETURN s.id AS id, b.id AS object ORDER BY s.id, b.id"},
        "statement_concepts": {"*": "MATCH (s:Statement)-[:ABOUT]->(c:Concept) RETURN s.id AS id, c.id AS concept ORDER BY s.id, c.id"},
        "statement_places": {"*": "MATCH (s:Statement)-[:SCOPE]->(p:Place) RETURN s.id AS id, p.id AS place ORDER BY s.id, p.id"},
        "actor_concepts": {"*": "MATCH (a:Actor)-[:WORKS_ON]->(c:Concept) RETURN a.id AS actor, c.id AS concept ORDER BY a.id, c.id"},
        "actor_places": {"*": "MATCH (a:Actor)-[:AT]->(p:Place) RETURN a.id AS actor, p.id AS place ORDER BY a.id, p.id"},
        "actor_classes": {"*": "MATCH (a:Actor)-[:INSTANCE_OF]->(k:Actor) RETURN a.id AS actor, k.id AS class ORDER BY a.id, k.id"},
        "actor_units": {"*": "MATCH (a:Actor)-[:UNIT_OF]->(k:Actor) RETURN a.id AS unit, k.id AS parent ORDER BY a.id, k.id"},
        "place_parents": {"*": "MATCH (p:Place)-[:PART_OF]->(q:Place) RETURN p.id AS id, q.id AS parent ORDER BY p.id"},
        "concept_broader": {"*": "MATCH (c:Concept)-[:BROADER]->(b:Concept) RETURN c.id AS id, b.id AS broader ORDER BY c.id, b.id"},
        "concept_related": {"*": "MATCH (c:Concept)-[:RELATED]->(b:Concept) RETURN c.id AS id, b.id AS related ORDER BY c.id, b.id"},
        # --- domain queries ---------------------------------------------------------
        # Statements whose scope lies at or inside a place (roll-up through PART_OF).
        "statements_in_place": {"*": "MATCH (target:Place {id: $place}) MATCH (p:Place)-[:PART_OF*0..3]->(target) MATCH (a:Actor)-[:SUBJECT]->(s:Statement)-[:SCOPE]->(p) RETURN DISTINCT s.id AS id, a.id AS subject, p.id AS place ORDER BY s.id, a.id, p.id"},
        "efforts_in_place": {"*": "MATCH (target:Place {id: $place}) MATCH (p:Place)-[:PART_OF*0..3]->(target) MATCH (a:Actor)-[r:ROLE]->(e:Effort)-[:EFFORT_IN]->(p) RETURN e.id AS id, a.id AS actor, r.role AS role, p.id AS place ORDER BY e.id, a.id, r.role, p.id"},
        "efforts": {"*": "MATCH (e:Effort) RETURN e.id AS id, e.title AS title, e.sector AS sector, e.activity AS activity, e.status AS status, e.date_start AS date_start, e.date_end AS date_end, e.budget AS budget, e.doc_id AS doc_id, e.quote AS quote, e.page AS page ORDER BY e.id"},
        "effort_roles": {"*": "MATCH (a:Actor)-[r:ROLE]->(e:Effort) RETURN e.id AS id, a.id AS actor, r.role AS role ORDER BY e.id, a.id, r.role"},
        "effort_places": {"*": "MATCH (e:Effort)-[:EFFORT_IN]->(p:Place) RETURN e.id AS id, p.id AS place ORDER BY e.id, p.id"},
        "effort_concepts": {"*": "MATCH (e:Effort)-[:EFFORT_ABOUT]->(c:Concept) RETURN e.id AS id, c.id AS concept ORDER BY e.id, c.id"},
        "neighbourhood": {"*": "MATCH (a:Actor {id: $id})-[:SUBJECT]->(s:Statement)-[:OBJECT]->(b:Actor) RETURN s.id AS statement, s.kind AS kind, a.id AS src, b.id AS dst UNION MATCH (b:Actor)-[:SUBJECT]->(s:Statement)-[:OBJECT]->(a:Actor {id: $id}) RETURN s.id AS statement, s.kind AS kind, b.id AS src, a.id AS dst"},
        "actor_links": {"*": "MATCH (a:Actor)-[:SUBJECT]->(s:Statement)-[:OBJECT]->(b:Actor) RETURN a.id AS src, b.id AS dst, s.kind AS kind, s.id AS statement ORDER BY a.id, b.id, s.id"},
        "shortest_path": {
            "neo4j": "MATCH (a:Actor {id: $src}), (b:Actor {id: $dst}) WHERE a <> b MATCH p = shortestPath((a)-[:SUBJECT|OBJECT*..12]-(b)) RETURN [n IN nodes(p) | n.id] AS ids",
            "ladybug": "MATCH p = (a:Actor)-[:SUBJECT|OBJECT* SHORTEST 1..12]-(b:Actor) WHERE a.id = $src AND b.id = $dst RETURN list_transform(nodes(p), n -> n.id) AS ids",
        },
    }
)

# --- issue 8 (open standards: RDF, GraphML, CSV) ---------------------------------------------
# Whole-graph dumps generated from the model, so a new field is exported without touching
# this file: one query per node label (every field) and per relationship type (ends + props).
for _m in NODE_TYPES:
    Q[f"dump_{_m.label}"] = {
        "*": f"MATCH (n:{_m.label}) RETURN "
        + ", ".join(f"n.{f} AS {f}" for f in node_fields(_m))
        + " ORDER BY n.id"
    }
for _r in REL_TYPES:
    Q[f"dump_{_r.name}"] = {
        "*": f"MATCH (a:{_r.src})-[e:{_r.name}]->(b:{_r.dst}) RETURN a.id AS src, b.id AS dst"
        + "".join(f", e.{p} AS {p}" for p in _r.props)
        + " ORDER BY a.id, b.id"
    }
# --- end issue 8 -----------------------------------------------------------------------------

# --- issue 6 (sync between stores: graph/sync.py) --------------------------------------------
# The same dumps, one page at a time, so a sync of any size reads in bounded memory. Keyset
# pages (WHERE id > $after ... LIMIT $limit), not SKIP: each page is an index seek on both engines.
# delete_nodes_<Label> removes nodes by id in batches (sync --replace), DETACH so no edge dangles.
for _m in NODE_TYPES:
    Q[f"sync_page_{_m.label}"] = {
        "*": f"MATCH (n:{_m.label}) WHERE n.id > $after RETURN "
        + ", ".join(f"n.{f} AS {f}" for f in node_fields(_m))
        + " ORDER BY n.id LIMIT $limit"
    }
    Q[f"delete_nodes_{_m.label}"] = {
        "*": f"UNWIND $rows AS r MATCH (n:{_m.label} {{id: r.id}}) DETACH DELETE n"
    }
for _r in REL_TYPES:
    Q[f"sync_page_{_r.name}"] = {
        "*": f"MATCH (a:{_r.src})-[e:{_r.name}]->(b:{_r.dst}) "
        "WHERE a.id > $after OR (a.id = $after AND b.id > $after_dst) RETURN a.id AS src, b.id AS dst"
        + "".join(f", e.{p} AS {p}" for p in _r.props)
        + " ORDER BY a.id, b.id LIMIT $limit"
    }
# --- end issue 6 -----------------------------------------------------------------------------


# --- search (issue 4): chunk payloads and graph expansion of hits ---------------------------
# Flat rows, joined in search/index.py and search/engine.py; the same text on both engines.
Q.update(
    {
        "search_doc_chunk_subjects": {"*": "MATCH (a:Actor)-[:SUBJECT]->(s:Statement) WHERE s.doc_id = $doc_id AND s.chunk_id <> '' RETURN s.chunk_id AS chunk, a.id AS id ORDER BY chunk, id"},
        "search_doc_chunk_objects": {"*": "MATCH (s:Statement)-[:OBJECT]->(b:Actor) WHERE s.doc_id = $doc_id AND s.chunk_id <> '' RETURN s.chunk_id AS chunk, b.id AS id ORDER BY chunk, id"},
        "search_doc_chunk_concepts": {"*": "MATCH (s:Statement)-[:ABOUT]->(c:Concept) WHERE s.doc_id = $doc_id AND s.chunk_id <> '' RETURN s.chunk_id AS chunk, c.id AS id ORDER BY chunk, id"},
        "search_doc_chunk_places": {"*": "MATCH (s:Statement)-[:SCOPE]->(p:Place) WHERE s.doc_id = $doc_id AND s.chunk_id <> '' RETURN s.chunk_id AS chunk, p.id AS id ORDER BY chunk, id"},
        "search_statements_in_chunks": {"*": "MATCH (a:Actor)-[:SUBJECT]->(s:Statement) WHERE s.chunk_id IN $ids RETURN s.id AS id, a.id AS subject, s.kind AS kind, s.status AS status, s.quote AS quote, s.doc_id AS doc_id, s.page AS page, s.chunk_id AS chunk_id, s.review AS review ORDER BY s.id, a.id"},
        "search_actors_by_ids": {"*": "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, a.name AS name, a.name_ar AS name_ar, a.aliases AS aliases, a.kind AS kind, a.level AS level ORDER BY a.id"},
        "search_chunk_count": {"*": "MATCH (c:Chunk) RETURN count(c) AS n"},
    }
)
# --- end search (issue 4) ------------------------------------------------------------------

# --- issue 5 (3W / IATI efforts, overlaps, gaps) ---------------------------------------------
Q.update(
    {
        # organisations that came only from a 3W table or IATI file and lost their last effort
        "delete_orphan_data_actors": {
            "*": "MATCH (a:Actor) WHERE a.source IN ['3w', 'iati'] AND NOT (a)-[:SUBJECT]->(:Statement) "
            "AND NOT (:Statement)-[:OBJECT]->(a) AND NOT (a)-[:ROLE]->(:Effort) AND NOT (:Actor)-[:UNIT_OF]->(a) "
            "DETACH DELETE a"
        },
        "efforts_of_doc": {"*": "MATCH (e:Effort) WHERE e.doc_id = $doc_id RETURN e.id AS id ORDER BY e.id"},
    }
)
# --- end issue 5 -----------------------------------------------------------------------------


def text_for(name: str, dialect: str) -> str:
    q = Q[name]
    return q.get(dialect) or q["*"]


# --- issue 19 (domain questions read only the rows their answer needs: graph/domain/scoped.py) --
# The place roll-up passes the closure of the place asked about ($places: it, what lies inside
# it and above it), computed from the gazetteer the process already holds (graph.domain.scoped).
# with the stored mentions (graph.mentions; NULL: not computed yet), which coverage._may_carry
# reads instead of looking up every quote
_ST_FIELDS = ("s.id AS id, s.kind AS kind, s.status AS status, s.summary AS summary, s.quote AS quote, "
              "s.doc_id AS doc_id, s.page AS page, s.mentions AS mentions, s.places_named AS places_named, "
              "s.level AS level, s.nationwide AS nationwide, s.instrument AS instrument, s.post AS post, "
              "s.review AS review")
_EF_FIELDS = ("e.id AS id, e.title AS title, e.sector AS sector, e.activity AS activity, e.status AS status, "
              "e.date_start AS date_start, e.date_end AS date_end, e.budget AS budget, e.doc_id AS doc_id, "
              "e.quote AS quote, e.page AS page")
# Anchors: the efforts (statements: _ST_WITH below) reached from the places or bodies asked about. Each query
# starts at the anchor nodes (a filter on a few Place or Actor nodes) and walks out, which both
# engines plan as index look-ups; fetching rows by a list of statement ids ("WHERE s.id IN $ids")
# was planned as a scan of every statement on LadybugDB (700 ms at 100,000 statements).
_EF_ANCHORS = {
    "place": ["MATCH (e:Effort)-[:EFFORT_IN]->(anc:Place) WHERE anc.id IN $places"],
    "actor": ["MATCH (anc:Actor)-[:ROLE]->(e:Effort) WHERE anc.id IN $ids"],
    "id": ["UNWIND $ids AS eid MATCH (e:Effort {id: eid})"],
}
# a place's and some bodies' at once (a mandate brief: one round trip, not two)
_EF_ANCHORS["place_actor"] = _EF_ANCHORS["place"] + _EF_ANCHORS["actor"]
_EF_LINKS = {
    "role": ("MATCH (x:Actor)-[r:ROLE]->(e)", "r.role"),
    "place": ("MATCH (e)-[:EFFORT_IN]->(x:Place)", "''"),
    "concept": ("MATCH (e)-[:EFFORT_ABOUT]->(x:Concept)", "''"),
}
for _a, _heads in _EF_ANCHORS.items():
    Q[f"dq_efforts_by_{_a}"] = {"*": " UNION ".join(f"{h} RETURN DISTINCT {_EF_FIELDS}" for h in _heads)}
    # the caller keeps the links as a set: "RETURN DISTINCT ... UNION" cost LadybugDB twice the CPU
    Q[f"dq_effort_links_by_{_a}"] = {"*": " UNION ALL ".join(
        f"{h} {m} RETURN e.id AS id, '{rel}' AS rel, x.id AS other, {role} AS role"
        for h in _heads for rel, (m, role) in _EF_LINKS.items())}
# ... or, from anchors each of whose efforts has an edge there (its EFFORT_IN to a place asked
# about, its ROLE of a body asked about), an effort's fields and its links in one query, a row per
# link (the caller keeps one row per effort and the links as a set; EFFORT_LINK_KINDS names
# them): a brief's two queries were 8 ms of LadybugDB, this one 3.
EFFORT_LINK_KINDS = {"ROLE": "role", "EFFORT_IN": "place", "EFFORT_ABOUT": "concept"}
_EF_WITH_LINKS = {d: f"MATCH (e)-[r:ROLE|EFFORT_IN|EFFORT_ABOUT]-(x) RETURN {_EF_FIELDS}, {t} AS rel, x.id AS other, "
                     "r.role AS role" for d, t in (("neo4j", "type(r)"), ("ladybug", "label(r)"))}
for _a in ("place", "actor", "place_actor"):
    Q[f"dq_efforts_linked_by_{_a}"] = {d: " UNION ALL ".join(f"{h} {w}" for h in _EF_ANCHORS[_a])
                                       for d, w in _EF_WITH_LINKS.items()}
# A statement with its subjects, objects, concepts and places, one row each (the slice of an
# answer in one round trip, a quarter of the rows of the links query above).
_ST_WITH = {
    # LadybugDB fails on a collect() after UNWIND ... MATCH (s {id: sid}) ("Cannot evaluate
    # expression with type VARIABLE") unless s is first grouped; still an index look-up per id
    "id": "UNWIND $ids AS sid MATCH (s:Statement) WHERE s.id = sid WITH s, count(*) AS n",
}
# What a mandate brief reads of its place (graph.domain.scoped.brief_ids): drivers and needs, what
# a committee at a high level ($levels) says, and of the partner statements (bodies of $kinds as
# subjects or, in a partnership or support, as objects; a governorate holds thousands, the
# brief shows 15 partners) first only those of a
# status in $statuses that may put a partner at $home itself (coverage.line_bound: a line there
# scores above any line inside it): scoped at $home, naming it in the quote (places_named; NULL
# or of another gazetteer: unknown, so maybe; branch "named", whose partners the caller checks),
# or with the partner seated there ($seated). graph.domain.scoped.PartnerFacts reads the others
# if need be. The ids, by branches that each start at their anchors, then the rows by id: one
# pass joining every statement of the closure to its subjects and objects was 115 ms of
# LadybugDB CPU for a governorate (about 10,000), the branches 35 ms and the rows by id 24 ms;
# of a subdistrict (about 1,000; 580 rows) 44 ms, the branches and the rows by id 25 ms.
_CLOSURE = "MATCH (s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $places"
_P_OBJ = "s.kind IN ['partnership', 'support'] AND o.kind IN $kinds"
_BRIEF_FIRST = [
    # drivers and needs, and (one pass over the closure) the partner statements that may name
    # $home ("named": the caller keeps such a statement only if a partner says it); a CASE, not
    # an OR: LadybugDB evaluated the OR at a sixth of the speed
    _CLOSURE + " WITH s WHERE CASE WHEN s.kind IN ['driver', 'need'] THEN true WHEN NOT s.status IN $statuses "
    "THEN false WHEN s.places_named IS NULL THEN true WHEN {home_named} THEN true ELSE NOT {gaz} END "
    "-- named: NOT s.kind IN ['driver', 'need']",
    # a committee's statement places it above the place (graph.domain.brief) only where it is
    # scoped at the place or above it ($up), or its quote may name such a place (or its seat is
    # there: the caller reads every statement of a high committee seated in the closure); one
    # pass over the closure for both (two passes were 9 ms of LadybugDB, one 4.4)
    "MATCH (a:Actor)-[:SUBJECT]->(s:Statement)-[:SCOPE]->(anc:Place) WHERE a.kind = 'committee' "
    "AND a.level IN $levels AND anc.id IN $places WITH s, anc WHERE CASE WHEN {anc_up} THEN true "
    "WHEN s.places_named IS NULL THEN true WHEN {up_named} THEN true ELSE NOT {gaz} END",
    "MATCH (a:Actor)-[:SUBJECT]->(s:Statement)-[:SCOPE]->(h:Place) WHERE h.id = $home AND a.kind IN $kinds "
    "AND s.status IN $statuses",
    "MATCH (h:Place)<-[:SCOPE]-(s:Statement)-[:OBJECT]->(o:Actor) WHERE h.id = $home AND " + _P_OBJ
    + " AND s.status IN $statuses",
    # and every statement of the brief's holders and committees ($ids; in the same round trip)
    "MATCH (anc:Actor)-[:SUBJECT|OBJECT]-(s:Statement) WHERE anc.id IN $ids",
]
# partners seated at $home (dq_brief_ids_first_seated; with no body seated there, as in most
# places, these branches are left out: each cost LadybugDB 2.5 ms for no row)
_BRIEF_SEATED = [
    "MATCH (a:Actor) WHERE a.id IN $seated MATCH (a)-[:SUBJECT]->(s:Statement)-[:SCOPE]->(anc:Place) "
    "WHERE a.kind IN $kinds AND s.status IN $statuses AND anc.id IN $places",
    "MATCH (o:Actor) WHERE o.id IN $seated MATCH (o)<-[:OBJECT]-(s:Statement)-[:SCOPE]->(anc:Place) "
    "WHERE " + _P_OBJ + " AND s.status IN $statuses AND anc.id IN $places",
]
_IN_LIST = {"neo4j": "{x} IN {l}", "ladybug": "list_contains({l}, {x})"}
_ANY_IN = {"neo4j": "any(m IN {l} WHERE m IN {x})", "ladybug": "list_has_any({l}, {x})"}
DIALECT_NOTES["in_list"] = ("Whether a list holds a value: Neo4j's x IN l, LadybugDB's list_contains(l, x).")


def _brief_ids(branches: list[str], dialect: str) -> str:
    def has(lst: str, x: str) -> str:
        return _IN_LIST[dialect].format(l=lst, x=x)

    out = []
    for b in branches:
        text, _, named = b.partition(" -- named: ")
        text = text.format(gaz=has("s.places_named", "$gazetteer"), home_named=has("s.places_named", "$home"),
                           anc_up=has("$up", "anc.id"),
                           up_named=_ANY_IN[dialect].format(l="s.places_named", x="$up"))
        out.append(f"{text} RETURN s.id AS id, {named or 'false'} AS named")
    return " UNION ".join(out)


Q["dq_brief_ids_first"] = {d: _brief_ids(_BRIEF_FIRST, d) for d in ("neo4j", "ladybug")}
Q["dq_brief_ids_first_seated"] = {d: _brief_ids(_BRIEF_FIRST + _BRIEF_SEATED, d) for d in ("neo4j", "ladybug")}
# ... and the partner statements not read first, when those do not hold 15 partners
_ST_WITH["place_partners_but"] = ("MATCH (s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $places "
                                  "AND NOT s.status IN $statuses WITH DISTINCT s "
                                  "OPTIONAL MATCH (a:Actor)-[:SUBJECT]->(s) WHERE a.kind IN $kinds WITH s, count(a) AS na "
                                  "OPTIONAL MATCH (s)-[:OBJECT]->(o:Actor) WHERE o.kind IN $kinds "
                                  "AND s.kind IN ['partnership', 'support'] WITH s, na, count(o) AS no WHERE na > 0 OR no > 0 WITH s")
# who covers THEME (graph.domain.coverage) reads of a place only the statements that may carry
# one of $themes (a theme's narrower closure; coverage._may_carry): tagged with one, with a
# subject or object working on one or that is a class ($classes), or naming one in words (the
# stored mentions, graph.mentions; NULL: not yet computed, so possibly); and its funding
# sentences, of which the caller keeps those with the document and quote of one of the others
# (a funder's sentence is no remit there: coverage._funded). About a tenth of the place's
# statements. Each branch starts at its anchors (concepts, classes, places): one OR of all the
# conditions over the place's statements was as slow as reading them all. Then the rows by id
# (dq_statement_rows_by_id).
_PLACE_ST = "MATCH (s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $places"
_THEME_BRANCHES = [
    "MATCH (tc:Concept)<-[:ABOUT]-(s:Statement)-[:SCOPE]->(anc:Place) WHERE tc.id IN $themes AND anc.id IN $places",
    "MATCH (tc:Concept)<-[:WORKS_ON]-(:Actor)-[:SUBJECT|OBJECT]-(s:Statement)-[:SCOPE]->(anc:Place) "
    "WHERE tc.id IN $themes AND anc.id IN $places",
    # a CASE, not an OR of the three: LadybugDB evaluated the OR at half the speed
    _PLACE_ST + " WITH s WHERE CASE WHEN s.kind = 'funding' THEN true WHEN s.mentions IS NULL THEN true "
    "ELSE {mentioned} END"]
# the classes' branch only where the directory has classes (dq_theme_ids_by_place_classes): with
# an empty $classes it cost LadybugDB 10 ms of the query's 16 for no row
_THEME_CLASSES = ("MATCH (tb:Actor)-[:SUBJECT|OBJECT]-(s:Statement)-[:SCOPE]->(anc:Place) WHERE tb.id IN $classes "
                  "AND anc.id IN $places")
_MENTIONED = {"neo4j": "any(m IN s.mentions WHERE m IN $themes)", "ladybug": "list_has_any(s.mentions, $themes)"}
for _name, _branches in (("dq_theme_ids_by_place", _THEME_BRANCHES),
                         ("dq_theme_ids_by_place_classes", _THEME_BRANCHES[:2] + [_THEME_CLASSES] + _THEME_BRANCHES[2:])):
    Q[_name] = {d: " UNION ".join(f"{b} RETURN s.id AS id, s.kind AS kind, s.doc_id AS doc_id, s.quote AS quote"
                                  for b in _branches).replace("{mentioned}", m) for d, m in _MENTIONED.items()}
# what gaps reads of the statements scoped above its place (graph.domain.scoped.placing_inside):
# claims and funding sentences, those whose quote may name a place inside it ($down; stored
# places_named, NULL or of another gazetteer: unknown), and those of bodies seated inside it (the
# UNION drops the repeats; "WITH DISTINCT s" before the test cost LadybugDB a quarter more CPU)
_PLACING = ("MATCH (s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $above WITH s WHERE CASE "
            "WHEN s.kind IN ['driver', 'need', 'funding'] THEN true WHEN s.places_named IS NULL THEN true "
            "WHEN {named} THEN true ELSE NOT {gaz} END RETURN s.id AS id UNION "
            "MATCH (a:Actor) WHERE a.id IN $seated MATCH (a)-[:SUBJECT|OBJECT]-(s:Statement)-[:SCOPE]->(anc:Place) "
            "WHERE anc.id IN $above RETURN s.id AS id")
Q["dq_ids_placing_inside"] = {
    "neo4j": _PLACING.format(named="any(m IN s.places_named WHERE m IN $down)", gaz="$gazetteer IN s.places_named"),
    "ladybug": _PLACING.format(named="list_has_any(s.places_named, $down)", gaz="list_contains(s.places_named, $gazetteer)"),
}
# gaps reads first only what says which themes it asks about and which bodies may show them
# covered (graph.domain.gaps_read): the themes tagged on what is placed at or inside the place
# ($down) as a mandate, responsibility, need or recommendation, and any driver reported in its
# closure ($places: then gaps reads the whole slice); then, per concept tagged on what may give
# a remit there and is no recommendation ($skip: the kinds that give none), its bodies (sorted:
# sorted_collect)
Q["dq_gaps_asked"] = {"*": "MATCH (c)<-[:ABOUT]-(s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $down "
                           "AND (s.kind IN ['mandate', 'responsibility', 'need'] OR s.status = 'recommended') "
                           "RETURN 'theme' AS what, c.id AS id UNION "
                           "MATCH (s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $places AND s.kind = 'driver' "
                           "RETURN 'driver' AS what, s.id AS id"}
_TAGGED = ("MATCH (c)<-[:ABOUT]-(s:Statement)-[:SCOPE]->(anc:Place) WHERE anc.id IN $down "
           "AND s.status <> 'recommended' AND NOT s.kind IN $skip MATCH (s)-[:SUBJECT|OBJECT]-(b:Actor) "
           "WITH DISTINCT c.id AS concept, b.id AS body ")
Q["dq_gaps_tagged_bodies"] = {
    "neo4j": _TAGGED + "ORDER BY body WITH concept, collect(body) AS bodies RETURN concept, bodies",
    "ladybug": _TAGGED + "WITH concept, list_sort(collect(body)) AS bodies RETURN concept, bodies",
}
DIALECT_NOTES["list_overlap"] = ("Whether two lists share an element: LadybugDB's list_has_any(); Neo4j's any(x IN l "
                                 "WHERE x IN $p) (LadybugDB cannot read a $param in a lambda).")
# A statement's subjects, objects, concepts and places in one pass over its edges, each as
# "REL id" (graph.domain.scoped.statement_rows sorts and splits them), instead of four OPTIONAL
# MATCH ... collect() passes: a district's 1,510 statements on LadybugDB 47-52 -> 40-46 ms CPU.
# Sorted by the caller, not in the query: LadybugDB's list_sort (Neo4j's ORDER BY) cost a brief's
# reads by id about 1 ms each of 5
_LINK = ("OPTIONAL MATCH (s)-[r:SUBJECT|OBJECT|ABOUT|SCOPE]-(x) "
         "WITH s, CASE WHEN x IS NULL THEN NULL ELSE {rel} + ' ' + x.id END AS link WITH s, collect(link) AS links")
_SORTED_LINKS = {"neo4j": _LINK.format(rel="type(r)"), "ladybug": _LINK.format(rel="label(r)")}
DIALECT_NOTES["rel_type"] = ("A relationship's type: Neo4j's type(r), LadybugDB's label(r) (of no relationship: '', "
                             "and '' + ' ' + NULL is ' ', not NULL: test for the missing end first).")
DIALECT_NOTES["sorted_collect"] = ("A collected list in a set order: LadybugDB sorts it with list_sort(collect(..)); "
                                   "Neo4j has no list sort without APOC, so the rows are ordered (WITH ... ORDER BY) "
                                   "before collect().")


def _with_lists(dialect: str) -> str:
    return f"{_SORTED_LINKS[dialect]} RETURN {_ST_FIELDS}, links"


for _a, _head in _ST_WITH.items():
    Q[f"dq_statement_rows_by_{_a}"] = {d: f"{_head} {_with_lists(d)}" for d in ("neo4j", "ladybug")}
# The statements scoped at some places (gaps, overlaps in a place), one row per statement and
# anchor place, its links collected (sorted: sorted_collect) per that pair (a statement scoped at
# two of the places comes twice; graph.domain.scoped.statement_rows keeps one). Not grouped first by
# "WITH DISTINCT s" (LadybugDB then planned the pass over the edges as a scan) and no OPTIONAL
# MATCH with its CASE (each such statement has an edge: its SCOPE to the anchor): a district's
# 964 statements took 72 ms of CPU, 26 so. How the rows come differs by store (PLACE_ROWS).
_PLACE_LINKS = {"neo4j": "WITH s, anc, type(r) + ' ' + x.id AS link ORDER BY link WITH s, anc, collect(link) AS links",
                "ladybug": "WITH s, anc, list_sort(collect(label(r) + ' ' + x.id)) AS links"}
_PLACE_ROWS_HEAD = {d: f"{_PLACE_ST} MATCH (s)-[r:SUBJECT|OBJECT|ABOUT|SCOPE]-(x) {links}" for d, links in _PLACE_LINKS.items()}


class RowsRead(StrEnum):
    """How a store reads many statements with their links (dq_statement_rows_by_place)."""

    ONE = "one"  # one query, a row per statement with its links
    TWO = "two"  # their fields, then their links (dq_statement_fields_by_place, dq_statement_links_by_place)


# Each query gives the same rows on every store (tests/graph/test_store_congruence.py), so Neo4j's
# cheaper shape, one record of lists (its client spends about 40 us per record: a district's 958
# statements 36 -> 18 ms of client CPU), is not used: LadybugDB's lists hold one type only.
PLACE_ROWS = {"ladybug": RowsRead.TWO, "neo4j": RowsRead.ONE}
DIALECT_NOTES["place_rows"] = (
    "Many statements with their links: LadybugDB reads the fields and the grouped links cheaper in two "
    "queries (a district's 958 statements: 30-36 ms of CPU with the fields carried through the grouping, "
    "20-24 in two); Neo4j in one (each round trip and record costs its client more).")
Q["dq_statement_rows_by_place"] = {d: f"{h} RETURN anc.id AS via, {_ST_FIELDS}, links" for d, h in _PLACE_ROWS_HEAD.items()}
Q["dq_statement_fields_by_place"] = {"*": f"{_PLACE_ST} RETURN anc.id AS via, {_ST_FIELDS}"}
Q["dq_statement_links_by_place"] = {d: f"{h} RETURN anc.id AS via, s.id AS id, links" for d, h in _PLACE_ROWS_HEAD.items()}
# the statements of some bodies are read by id after their ids (dq_statement_rows_by_id): after a
# walk from the bodies, LadybugDB plans the pass over the statements' edges as a scan of them all
# (two bodies: 27-31 ms CPU in one query, 5 ms in two)
Q["dq_statement_ids_by_actor"] = {"*": "MATCH (anc:Actor)-[:SUBJECT|OBJECT]-(s:Statement) WHERE anc.id IN $ids "
                                       "RETURN DISTINCT s.id AS id"}
# ... of those, the ones scoped in a place's closure ($places) (a brief's partners made whole,
# graph.domain.scoped.PartnerFacts: 15 bodies have about 200 statements, of which a handful in
# the place's slice; reading all their rows was a quarter of a brief). The unscoped ones are
# known apart (dq_ids_unscoped): a NOT (s)-[:SCOPE]->() branch here cost LadybugDB 20 ms. The
# closure is tested after the walk from the bodies (in_list), not matched as an anchor: with a
# governorate's closure (some hundred places, 7,000 statements) LadybugDB walked from the places,
# 10 ms a brief; from the bodies 2.5 (a subdistrict's: the same 2)
Q["dq_statement_ids_by_actor_in"] = {d: "MATCH (anc:Actor)-[:SUBJECT|OBJECT]-(s:Statement)-[:SCOPE]->(p:Place) "
                                        f"WHERE anc.id IN $ids WITH s, p WHERE {has.format(l='$places', x='p.id')} "
                                        "RETURN DISTINCT s.id AS id" for d, has in _IN_LIST.items()}

# the stored mentions of statements (graph.mentions): written with every statement, recomputed
# page by page (keyset pages) when the vocabulary changes or for statements that lack them
# with the places its quote names (places_named: first the gazetteer's key, graph.mentions),
# computed again on open for a statement tagged under another gazetteer
Q["set_statement_mentions"] = {"*": "UNWIND $rows AS r MATCH (s:Statement {id: r.id}) "
                                    "SET s.mentions = r.mentions, s.places_named = r.places_named"}
Q["mention_page_all"] = {"*": "MATCH (s:Statement) WHERE s.id > $after RETURN s.id AS id, s.quote AS quote "
                              "ORDER BY s.id LIMIT $limit"}
Q["mention_page_untagged"] = {d: "MATCH (s:Statement) WHERE (s.mentions IS NULL OR s.places_named IS NULL "
                                  f"OR NOT {has}) AND s.id > $after "
                                  "RETURN s.id AS id, s.quote AS quote ORDER BY s.id LIMIT $limit"
                              for d, has in (("neo4j", "$gazetteer IN s.places_named"),
                                             ("ladybug", "list_contains(s.places_named, $gazetteer)"))}

Q.update(
    {
        # no scope (read as nationwide) or said to be nationwide: part of every place's answer
        "dq_ids_unscoped": {"*": "MATCH (s:Statement) WHERE s.nationwide = true OR NOT (s)-[:SCOPE]->(:Place) "
                            "RETURN s.id AS id, 'statement' AS what UNION "
                            "MATCH (e:Effort) WHERE NOT (e)-[:EFFORT_IN]->(:Place) RETURN e.id AS id, 'effort' AS what"},
        "dq_claim_ids": {"*": "MATCH (s:Statement) WHERE s.kind IN ['driver', 'need'] RETURN s.id AS id"},
    }
)
# A cheap fingerprint of what a process caches of a server store (the directory: bodies,
# documents, curation, vocabularies; and the ids of unscoped statements and unplaced efforts):
# it is re-read when another process changed one of these counts (graph.domain.scoped). Neo4j
# answers each count from its count store in a CALL subquery (a chain of OPTIONAL MATCH counts
# scans the statements: 20-45 ms at 100,000); LadybugDB has no CALL subquery.
_FP = (("actors", "Actor"), ("docs", "Document"), ("decisions", "Decision"), ("concepts", "Concept"),
       ("statements", "Statement"), ("efforts", "Effort"))
Q["dq_directory_fingerprint"] = {
    "neo4j": " ".join(f"CALL {{ MATCH (x:{lab}) RETURN count(x) AS {n} }}" for n, lab in _FP)
    + " RETURN " + ", ".join(n for n, _ in _FP),
    "ladybug": " ".join(f"OPTIONAL MATCH (x{i}:{lab}) WITH " + ", ".join([*(m for m, _ in _FP[:i]), f"count(x{i}) AS {n}"])
                        for i, (n, lab) in enumerate(_FP)) + " RETURN " + ", ".join(n for n, _ in _FP),
}
DIALECT_NOTES["count_subquery"] = ("Neo4j counts a label from its count store inside CALL { ... }; LadybugDB "
                                   "has no CALL subquery: a chain of OPTIONAL MATCH ... WITH count().")
# --- end issue 19 ----------------------------------------------------------------------------
