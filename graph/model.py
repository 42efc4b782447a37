"""The domain model: pydantic mirrors of ontologies/dalil.ttl.

The graph stores are typed (LadybugDB needs a schema before any write), so every node and
relationship here declares its properties; `graph.schema` turns these classes into DDL.
Persons are stored as Actors with ``kind == "person"``: one table means one identity layer
and one query shape for "who", whether the answer is a body or a person.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    """How firmly a text states a fact; it decides the rank of an answer row."""

    established = "established"
    option = "option"
    recommended = "recommended"


STATUS_RANK = {Status.established: 0, Status.option: 1, Status.recommended: 2}


class ActorKind(StrEnum):
    ministry = "ministry"
    national_body = "national_body"
    committee = "committee"
    local_government = "local_government"
    un_agency = "un_agency"
    ngo = "ngo"
    donor = "donor"
    network = "network"
    religious_body = "religious_body"
    private_sector = "private_sector"
    international_org = "international_org"
    programme = "programme"
    unit = "unit"
    person = "person"
    security_force = "security_force"  # police, army, intelligence: bodies of a state that use force
    armed_group = "armed_group"  # non-state armed groups: named in P/CVE texts, never a partner with a remit
    other = "other"


class Level(StrEnum):
    international = "international"
    regional = "regional"
    national = "national"
    governorate = "governorate"
    district = "district"
    city = "city"
    subdistrict = "subdistrict"
    unknown = ""


class StatementKind(StrEnum):
    """What a statement asserts. Mandate-like kinds have a subject only; relations have an object."""

    mandate = "mandate"
    responsibility = "responsibility"
    presence = "presence"
    partnership = "partnership"
    support = "support"
    funding = "funding"
    supervision = "supervision"
    membership = "membership"
    post = "post"
    part_of = "part_of"
    leadership = "leadership"  # chairs, heads, leads a body
    implementation = "implementation"  # implements a programme or project (for or with a body)
    location = "location"
    driver = "driver"
    need = "need"
    mention = "mention"  # the text names the body here and says nothing the rules read of it: no remit


RELATION_KINDS = frozenset(
    {
        StatementKind.partnership,
        StatementKind.support,
        StatementKind.funding,
        StatementKind.supervision,
        StatementKind.membership,
        StatementKind.post,
        StatementKind.part_of,
        StatementKind.leadership,
        StatementKind.implementation,
    }
)


class Node(BaseModel):
    """A graph node; ``id`` is stable across re-ingests (derived from content, never random)."""

    model_config = ConfigDict(extra="forbid")
    label: ClassVar[str] = ""
    id: str


class Actor(Node):
    label: ClassVar[str] = "Actor"
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str = ActorKind.other.value
    level: str = Level.unknown.value
    is_class: bool = False
    name_ar: str = ""
    # Where the body sits (a P-code), for local governments and governorate committees.
    place: str = ""
    source: str = ""  # registry | text | 3w | iati | curator
    # The merge log: how each other name came to this node, with the reason ("IOM Iraq: same
    # name key as ..."). A curator reverses one with `dalil actors split`.
    merges: list[str] = Field(default_factory=list)


class Place(Node):
    label: ClassVar[str] = "Place"
    name: str
    name_ar: str = ""
    alt_names: list[str] = Field(default_factory=list)
    level: str = ""  # country | governorate | district | subdistrict
    parent: str = ""


class Concept(Node):
    label: ClassVar[str] = "Concept"
    scheme: str  # theme | driver | target_group
    label_en: str
    label_ar: str = ""
    alt_labels: list[str] = Field(default_factory=list)


class Document(Node):
    label: ClassVar[str] = "Document"
    title: str
    path: str = ""
    content_hash: str = ""
    language: str = "en"
    pages: int = 0
    kind: str = "text"  # text | pdf | 3w | iati | ...


class Chunk(Node):
    label: ClassVar[str] = "Chunk"
    doc_id: str
    page: int
    char_start: int
    char_end: int
    text: str
    language: str = "en"
    seq: int = 0


class Statement(Node):
    """A reified fact (mandate, relation, driver report) with its evidence.

    Every answer row cites one of these: the quote, page and offsets are the span of the
    source text that states it.
    """

    label: ClassVar[str] = "Statement"
    kind: str
    status: str = Status.established.value
    summary: str = ""
    quote: str = ""
    doc_id: str = ""
    chunk_id: str = ""
    page: int = 0
    char_start: int = 0
    char_end: int = 0
    level: str = ""
    nationwide: bool = False
    instrument: str = ""
    post: str = ""
    review: str = ""  # "" | accepted | rejected (curator)
    rule: str = ""  # id of the extraction rule that produced it (ingest/rules), shown by `why`
    # "ocr" when the quote was read by OCR from a scanned page (a reader should check the scan),
    # with Tesseract's mean word confidence on that page (0-100); "" and 0: a text layer
    text_source: str = ""
    ocr_confidence: float = 0.0


class Effort(Node):
    """A project, programme or activity (3W row, IATI activity, or one named in text)."""

    label: ClassVar[str] = "Effort"
    title: str
    sector: str = ""
    activity: str = ""
    status: str = ""
    date_start: str = ""
    date_end: str = ""
    budget: float = 0.0
    doc_id: str = ""
    quote: str = ""
    page: int = 0


class Decision(Node):
    """A curator's decision (merge, split, alias, accept, reject); replayed on every ingest."""

    label: ClassVar[str] = "Decision"
    op: str
    args: str  # JSON
    created: str = ""


NODE_TYPES: tuple[type[Node], ...] = (
    Actor,
    Place,
    Concept,
    Document,
    Chunk,
    Statement,
    Effort,
    Decision,
)


class RelSpec(BaseModel):
    """A relationship type between two node labels, with its typed properties."""

    name: str
    src: str
    dst: str
    props: dict[str, str] = Field(default_factory=dict)  # name -> python type name


REL_TYPES: tuple[RelSpec, ...] = (
    RelSpec(name="SUBJECT", src="Actor", dst="Statement"),
    RelSpec(name="OBJECT", src="Statement", dst="Actor"),
    RelSpec(name="ABOUT", src="Statement", dst="Concept"),
    RelSpec(name="SCOPE", src="Statement", dst="Place"),
    RelSpec(name="WORKS_ON", src="Actor", dst="Concept"),
    RelSpec(name="AT", src="Actor", dst="Place"),
    RelSpec(name="INSTANCE_OF", src="Actor", dst="Actor"),
    RelSpec(name="UNIT_OF", src="Actor", dst="Actor"),
    RelSpec(name="PART_OF", src="Place", dst="Place"),
    RelSpec(name="BROADER", src="Concept", dst="Concept"),
    RelSpec(name="RELATED", src="Concept", dst="Concept"),
    RelSpec(name="ROLE", src="Actor", dst="Effort", props={"role": "str"}),
    RelSpec(name="EFFORT_IN", src="Effort", dst="Place"),
    RelSpec(name="EFFORT_ABOUT", src="Effort", dst="Concept"),
)

REL_BY_NAME = {r.name: r for r in REL_TYPES}


class Edge(BaseModel):
    """One relationship instance to upsert."""

    rel: str
    src: str
    dst: str
    props: dict[str, str] = Field(default_factory=dict)


# --- stable ids -------------------------------------------------------------------------

_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")


def slug(text: str) -> str:
    """An ASCII-or-Arabic slug: lower case, punctuation to dashes; Arabic letters are kept."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = _ARABIC_DIACRITICS.sub("", t)
    t = re.sub(r"[^\w\u0600-\u06ff]+", "-", t, flags=re.UNICODE).strip("-")
    return t or "x"


def short_hash(*parts: object, n: int = 12) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:n]


_NON_WORD = re.compile(r"[^\w\u0600-\u06ff]+", re.UNICODE)
_ALEF_YA_TA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def normalise_quote(quote: str) -> str:
    """What a quote says, for identity: case, spacing, punctuation, Arabic diacritics and letter
    forms aside (a statement's id and a curator's decision on it must not hinge on them)."""
    t = _ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFKC", quote).casefold()).translate(_ALEF_YA_TA)
    return _NON_WORD.sub(" ", t).strip()


def actor_id(name: str) -> str:
    return "actor:" + slug(name)


def concept_id(scheme: str, key: str) -> str:
    return f"{scheme}:{slug(key)}"


def place_id(pcode: str) -> str:
    return "place:" + pcode
