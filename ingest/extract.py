"""Rules that turn a document's sentences into mentions and statements, offline, with no LLM.

The gazetteer, vocabularies and registry (ontologies/) find what is known; patterns discover
what is not: "Full Name (ACRONYM)", capitalised phrases with an organisational head noun,
classes of bodies ("governorate-level subcommittees"), posts ("Name, Chair of X"). Each
statement keeps the sentence it came from, its page and offsets, and a status read from the
sentence's modality (stated / may / should).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import ActorKind, Concept, Level, Place, StatementKind, Status, actor_id
from graph.names import acronym_of, is_arabic, normalize_name
from graph.terms import TermIndex, token_key
from graph.vocab import ALL_GOVERNORATES, Gazetteer, load_concepts, load_gazetteer, load_registry, place_index
from ingest import arabic, nlp, persons, relations, rules
from ingest import mentions as mentions_stage
from ingest.chunking import is_table_line, split_sentences

# --- lexicon --------------------------------------------------------------------------

ORG_HEADS = set(rules.words("en", "bodies", "org_heads"))
UNIT_HEADS = {"hub", "office", "unit", "pillar", "department", "directorate", "secretariat", "branch"}
# the word that names a place's own government, by the place's level ("Tel Kaif District")
LEVEL_WORD = {"governorate": "Governorate", "district": "District", "subdistrict": "Sub-district"}
LOCAL_GOV_HEADS = {"district", "governorate", "city", "municipality", "sub-district", "subdistrict"}
CONNECTORS = {"of", "for", "and", "the", "on", "in", "to", "against", "&"}
NOT_ORG_FIRST = {
    "in", "on", "at", "by", "for", "with", "from", "this", "these", "those", "its", "their", "his",
    "her", "our", "each", "every", "all", "both", "some", "many", "such", "following", "after",
    "during", "within", "through", "however", "although", "while", "since", "further", "furthermore",
    "additionally", "moreover", "overall", "participants", "key", "a", "an", "under", "between", "among",
    "across", "as", "if", "when", "where", "unless", "until", "because", "also", "either", "neither",
    "once", "before", "throughout", "via", "per", "against", "without", "beyond", "upon", "into",
}
# A capitalised phrase ending in one of these names a post, not a body ("Programme Manager").
POST_HEADS = {
    "manager", "coordinator", "director", "officer", "adviser", "advisor", "specialist", "chair",
    "chairperson", "chairman", "president", "head", "minister", "governor", "representative", "secretary",
    "spokesperson", "ambassador", "commissioner", "chief", "deputy", "member", "mayor", "qaimaqam",
    "rapporteur", "point", "leader", "founder",
}

STATUS_RECOMMENDED = re.compile(
    r"\b(should|recommend\w*|urg(?:e|ed|es|ing)|propos(?:e|ed|es|ing)|advis(?:e|ed|es)|suggest\w*|request\w*|"
    r"call(?:ed|s)? (?:for|on)|need to|needs to|would benefit|must be|ought to|encourag\w+ to)\b",
    re.I,
)
STATUS_OPTION = re.compile(
    r"\b(may|can|could|have the choice|has the choice|the option|options|allowed to|"
    r"alternatively|possibilit\w+|is free to|are free to|might)\b",
    re.I,
)
PRESENCE = re.compile(
    r"\b(offices?|representation|presence|present|branches|directorates|units|centres|centers|established|operat\w+|run\w*)\b"
    r"[^.]{0,60}?\b(in all (?:the |\d+ )?governorates|in each governorate|in every governorate|throughout the country|"
    r"across the country|across iraq|nationwide|in all provinces)\b",
    re.I,
)
NATIONWIDE = re.compile(
    rf"{ALL_GOVERNORATES}|\b(?:throughout the country|across the country|across iraq|national level|country-wide)\b", re.I
)
RESPONSIBILITY = re.compile(
    r"\b(mandated?|responsib\w+|tasked|charged with|in charge of|role|duty|duties|authority to|"
    r"took responsibility|lead\w*|oversee\w*|coordinat\w+)\b",
    re.I,
)
SUPPORT_VERBS = re.compile(
    r"\b(support\w*|facilitat\w+|monitor\w*|help\w*|assist\w*|build\w* (?:the )?capacit\w+|"
    r"enhanc\w+|train\w*|fund\w*|advis\w+)\b",
    re.I,
)
DRIVER_CUES = re.compile(
    r"\b(drivers?|factors?|exploit\w*|root causes?|conducive|push|pull|grievances?|vulnerab\w+|"
    # a problem as reports state one: it fuels, threatens, blocks, is faced or left behind
    r"problems?|challenges?|threats?|threaten\w*|risks?|fuel\w*|block\w*|hamper\w*|undermin\w+|"
    r"suffer\w*|fac(?:e|es|ed|ing)|hit|hitting|left|remains?|persist\w*|worsen\w*|because of|due to|"
    r"caused?|amid|despite|fragile|stigma\w*)\b|"
    r"\b(?:was|were|is|are)\s+(?:also\s+|widely\s+|often\s+)?(?:reported|cited|identified)\b|"  # "Hate speech was reported in X"
    r"دوافع|الدوافع|عوامل|العوامل|تستغل|يستغل|استغلال|أسباب|اسباب|هشاشة|المحركات|"
    r"تهديد|يهدد|تهدد|مشكلة|مشاكل|تحديات|معاناة|يعاني|تعاني|بسبب|نتيجة|خطر|مخاطر|يعرقل|تعرقل", re.I
)
NEED_CUES = re.compile(
    r"\b(needs?|lack\w*|benefit from|essential|urged?|require\w*|gaps?|capacity[- ]building|"
    r"support (?:cities|them|local)|access to|no (?:body|partner|one|provider)\w*)\b|"
    r"لا (?:توجد|يوجد|تتوفر|يتوفر)|تحتاج|يحتاج|بحاجة|تفتقر|يفتقر|نقص|غياب",  # "no provider of X here"
    re.I,
)
LEVEL_WORDS = {
    "ministerial": "national", "national": "national", "federal": "national",
    "governorate": "governorate", "provincial": "governorate", "district": "district",
    "city": "city", "municipal": "city", "local": "city", "sub-district": "subdistrict",
    "international": "international", "regional": "regional", "community": "city",
}
LEVELS_RE = re.compile(
    r"\bat (?:the )?((?:ministerial|national|federal|governorate|provincial|district|city|municipal|local|"
    r"regional|international|community)(?:(?:,| and| or|, and)\s+(?:ministerial|national|federal|governorate|"
    r"provincial|district|city|municipal|local|regional|international|community))*)[- ]levels?\b",
    re.I,
)
POSTS = (
    "Chair", "Chairman", "Chairperson", "President", "Mayor", "Governor", "Deputy Governor", "Director",
    "Director General", "Minister", "Deputy Minister", "Head", "Coordinator", "Advisor", "Adviser",
    "Manager", "Representative", "Secretary", "Secretary General", "Spokesperson", "Member", "Ambassador",
    "Commissioner", "Chief", "Vice President", "Deputy Chair", "Deputy", "Rapporteur", "Qaimaqam",
    "Focal Point", "CVE Focal Point", "P/CVE Focal Point", "Programme Manager", "Program Manager",
    "Project Manager", "Country Director", "Head of Sub-Office", "Head of Office", "Chief of Mission",
    "Team Leader", "Programme Officer", "Programme Specialist", "Resident Coordinator", "Mukhtar",
    "Country Representative", "Deputy Head", "Executive Director", "Founder", "Secretary-General",
)
POST_RE = "|".join(sorted((re.escape(p) for p in POSTS), key=len, reverse=True))
PERSON_NAME = r"((?:[A-Z][a-z’'\-]+|Al|al|Al-\w+|bin|Abu|Abdul)(?:\s+(?:[A-Z][a-z’'\-]+|Al|al|Al-\w+|bin|Abu|Abdul)){1,5})"
PERSON_POST = re.compile(
    PERSON_NAME + r",\s+(?:the\s+)?(" + POST_RE + r")(?:\s+of(?:\s+the)?\s+|,\s+)([^,\n.]{2,90})",
)
# Classes of bodies strategies speak to. A class is identified by what it reaches (its key,
# kind and level), so "local governments" and "city and district governments", which reach the
# same bodies, are one node; its display name is the first way the text names it.
CLASS_PATTERNS: list[tuple[re.Pattern[str], str, ActorKind, Level]] = [
    (re.compile(r"\b(?:ministerial|ministries'?)\s+(?:CVE\s+|P/CVE\s+)?sub-?committees?\b|\bsub-?committees?\s+(?:within|in)\s+(?:these\s+|the\s+)?ministries\b", re.I),
     "cve-subcommittees", ActorKind.committee, Level.national),
    (re.compile(r"\bgovernorate[- ]level\s+(?:CVE\s+|P/CVE\s+)?sub-?committees?\b|\bgovernorate\s+(?:CVE\s+|P/CVE\s+)?sub-?committees?\b|"
                r"\b(?:CVE\s+)?sub-?committees?\s+(?:at the governorate level|in (?:each|every|all) governorates?|established in all governorates)\b", re.I),
     "cve-subcommittees", ActorKind.committee, Level.governorate),
    (re.compile(r"\bdistrict(?:-level)?\s+(?:CVE\s+|P/CVE\s+)?(?:sub-?)?committees\b", re.I),
     "cve-subcommittees", ActorKind.committee, Level.district),
    (re.compile(r"\bsub-?district\s+(?:directors|administrations|councils|governments|authorities)\b", re.I),
     "local-governments", ActorKind.local_government, Level.subdistrict),
    (re.compile(r"\b(?<!and )district\s+(?:governments|administrations|councils|authorities|directors)\b|\bqaimaqams\b", re.I),
     "local-governments", ActorKind.local_government, Level.district),
    (re.compile(r"\bcivil[- ]society\s+organi[sz]ations\b|\bCSOs\b|\bcommunity[- ]based\s+organi[sz]ations\b|"
                r"\bnon-governmental\s+organi[sz]ations\b|\bNGOs\b|(?<!\w)[وف]?[لب]?منظمات\s+(?:ال)?مجتمع\s+(?:ال)?مدني(?!\w)", re.I),
     "civil-society", ActorKind.ngo, Level.unknown),
    (re.compile(r"\bcity and district governments\b|\bcities and districts\b|\bcity governments\b|"
                r"\bmayors(?: of cities and districts)?\b|\bmunicipalities\b|\bcities\b|"
                r"\blocal governments?\b|\blocal authorities\b|\bsub-national actors\b|"
                r"(?<!\w)[وف]?(?:لل|بال|ال)?حكومات\s+(?:ال)?محلي[ةه](?!\w)|(?<!\w)[وف]?(?:لل|بال|ال)?سلطات\s+(?:ال)?محلي[ةه](?!\w)", re.I),
     "local-governments", ActorKind.local_government, Level.city),
    (re.compile(r"\bministries\b(?! such as)|(?<!\w)[وف]?(?:لل|بال|ال)وزارات(?!\w)", re.I), "ministries", ActorKind.ministry, Level.national),
]


def class_key(key: str, level: Level) -> str:
    return f"actor:class-{key}-{level.value}"


def _class_display(surface: str) -> str:
    """"governorate-level CVE subcommittees" -> "Governorate-level CVE subcommittees"."""
    name = _clean_name(surface)
    if is_arabic(name):  # "وللحكومات المحلية" -> "الحكومات المحلية"
        name = re.sub(r"^[وف]?(?:لل|بال|ال)", "ال", name) if re.match(r"^[وف]?(?:لل|بال|ال)", name) else re.sub(r"^[وف]?[بل](?=\w{3})", "", name)
    return name[:1].upper() + name[1:]


PLACE_ACTS = re.compile(  # "Al-Qaim has no services" describes a place: "has" + a quantity is no act
    r"\s*(?:districts?|governorates?|sub-districts?)?\s*(?!(?:have|has|had)\s+(?:no|not|few|little|many|more|less|a|an|the|some|only|\d)\b)"
    r"(?:have|has|had|will|shall|may|can|could|should|must|"
    r"decided|formed|appointed|established|adopted|launched|requested|opted|chose|joined|set up|created)\b", re.I
)
HEREAFTER = re.compile(r"\((?:hereafter|hereinafter|henceforth)(?:\s+referred\s+to\s+as|\s+called)?\s*,?\s*[“\"'‘]?(?:the\s+)?([A-Z][\w\- ]{2,40}?)[”\"'’]?\)", re.I)
# "The Forum comprises:" / "Its members are:" before a list: the items are its members
MEMBERS_LEAD = re.compile(
    r"\b(?:members|membership|comprises|comprising|consists? of|is composed of|is made up of|brings together|"
    r"تضم|يضم|عضويت(?:ها|ه))\b[^:]*:[\s*_]*$", re.I
)
ITS_MEMBERS = re.compile(r"^(?:Its|Their)\s+(?:members|membership|member organi[sz]ations)\s+(?:are|include|comprise|consist)", re.I)
MEMBERS_OF = re.compile(
    r"\b(?:(?:is|are|was|were|became|become)\s+(?:(?:both|all|also|each|now|still)\s+)?(?:a\s+|the\s+)?"
    r"(?:founding\s+|full\s+)?members?\s+of|sits?\s+on|joined|"
    r"member\s+organi[sz]ations?\s+of|belongs?\s+to)\s+(?:the\s+)?"
)
# "the Working Group, of which A, B and C are members"
OF_WHICH_MEMBERS = re.compile(r"\bof which\s+(?:the\s+)?(?=[^.;]*?\b(?:are|is)\s+(?:all\s+|also\s+)?(?:the\s+)?(?:its\s+)?members\b)")
# "Five organisations take part: A, B ..." (members of the body just spoken of); "A and B take part in X"
TAKE_PART = re.compile(
    r"\b(?:take|takes|took|taking)\s+part(?:\s*:\s*(?:the\s+)?|\s+in\s+(?:the\s+)?)|"
    r"\bparticipat(?:e|es|ed)\s+in\s+(?:the\s+)?|\bthe\s+participating\s+(?:[\w\-]+\s+){0,3}(?:are|include)\s*:?\s*(?:the\s+)?",
    re.I,
)
SUPPORT_FROM = re.compile(r"\b(?:with\s+(?:the\s+)?(?:technical\s+)?support\s+(?:from|of)|supported\s+by)\s+(?:the\s+)?", re.I)
# "with X as implementing partner", "implemented by X", "a memorandum of understanding signed with X"
PARTNER_AS = re.compile(r"\bas\s+(?:an?\s+|its\s+|the\s+)?(?:implementing\s+|local\s+|main\s+)?partners?\b", re.I)
IMPLEMENTED_BY = re.compile(
    r"\b(?:co-)?implemented\s+(?:jointly\s+)?(?:by|with)\s+(?:the\s+)?|"
    r"\b(?:memorand\w+\s+of\s+understanding|mou|agreement|protocol)\s+(?:was\s+)?(?:signed\s+)?with\s+(?:the\s+)?", re.I
)
# "UNESCO works on media literacy with the Ministry", "forums run with the Police Command": a verb of
# doing, then "with" and a body right after it, in one clause
ACTS_WITH = re.compile(
    r"\b(?:works?|working|worked|runs?|running|ran|implements?|implementing|co-implement\w*|delivers?|delivered|"
    r"delivering|conducts?|conducted|carr(?:y|ies|ied)\s+out|meets?|met|meeting)\b([^,;.()]{0,60}?)\bwith\s+(?:the\s+)?",
    re.I,
)
# "has received a GCERF small grant", "X's grant to Y"
RECEIVED_GRANT = re.compile(r"\breceiv(?:e|es|ed|ing)\s+(?:a\s+|an\s+)?(?:(?:new|second|first|further)\s+)?", re.I)
GRANT_WORD = re.compile(r"\s*(?:small\s+|core\s+)?(?:grants?|funding|financing)\b", re.I)
GRANT_TO = re.compile(r"['’]s?\s+(?:\w+\s+){0,2}(?:grants?|funding|contribution)\s+to\s+(?:the\s+)?", re.I)
# "X, a Mosul-based organisation"
BASED_ADJ = re.compile(r"(?:\s*\([^()]*\))?\s*,\s*(?:an?|the)\s+((?:[A-Z][\w'’]+[ \-]){0,2}[A-Z][\w'’]+)-based\b")
CHAIRED_BY = re.compile(r"\b(?:co-)?chaired\s+by\s+(?:the\s+)?", re.I)
COMPRISES = re.compile(
    r"\b(?:comprises|comprising|includes as members|brings together|is made up of|is composed of|consists of|"
    r"whose members (?:are|include)|members (?:are|include))\s+(?:the\s+)?"
)
FUNDS_VERB = re.compile(
    r"\b(?:funds|finances|co-funds|provides?\s+(?:funding|grants?|financial support)\s+(?:to|for)|"
    r"(?:is|are)\s+(?:the\s+)?(?:donors?|funders?)\s+(?:of|to|for))\s+(?:the\s+)?"
)
FUNDING_FROM = re.compile(
    r"\b(?:with\s+)?(?:financial support|funding|grants?|a grant|contributions?)\s+(?:from|by|of)\s+(?:the\s+)?|"
    r"\bfunded (?:jointly )?(?:through|under)\s+(?:the\s+)?"
)
PART_OF_CUE = re.compile(
    r"\b(?:is|are)\s+(?:a\s+|an\s+)?(?:part|unit|branch|department|office|member body)\s+of|"
    r"\breports?\s+to|\b(?:is|are)\s+(?:attached|affiliated|subordinate)\s+to|\bfalls?\s+under\s+(?:the\s+)?"
)
PRESENCE_AT = re.compile(
    r"\b(?:offices?|sub-offices?|field offices?|branches|presence|based|headquartered|hubs?|centres?|present)\b"
    r"[^.;]{0,40}\b(?:in|at|across)\b", re.I
)
LIST_ITEM = re.compile(r"\s*(?:[-*•▪◦–]|\d{1,2}[.)])\s*(?:\*\*|__)?\s*")
LIST_ITEM_START = re.compile(r"(?:[-*•▪◦–]|\d{1,2}[.)])\s+")

# "the Nineveh branch of the Ministry of ...": a place, a unit word in lower case, "of", the ministry
BRANCH_OF = re.compile(r"\b(?:(?:The|A|Its)\s+)?((?:[A-Z][\w'’\-]+\s+){1,3})(?:branch|office|directorate|department)\s+of\s+(?:the\s+)?")
# "Community Police Directorate of the Ministry of Interior": a unit and the ministry it belongs to.
UNIT_OF_MINISTRY = re.compile(
    r"^(.+\b(?:Directorate|Department|Office|Unit|Branch|Service|Centre|Center|Command|Secretariat|Division))"
    r"\s+of\s+(?:the\s+)?((?:Ministry|Office|Council|Commission)\b.+|"
    r"(?:[A-Z][\w'’\-]*\s+){1,4}(?:Foundation|Fund|Agency|Authority|Organi[sz]ation|Government|Commission)\b.*)$"
)

# Definite descriptions that point back to a body named earlier: "the subcommittees",
# "the Committee", "the Ministry". Resolved to the latest body whose head noun agrees.
ANAPHOR = re.compile(
    r"\b[Tt]he\s+((?i:sub-?committees?|committees?|ministry|network|mission|programme|hub|agency|"
    r"organi[sz]ation|directorate|council|commission|(?:working\s+)?group|consortium|forum|fund|team|"
    r"platform|foundation|alliance|coalition|taskforce|secretariat|board|centre|center|institute))\b"
    r"(?!\s+(?:of|for|on)\b)(?!\s+[A-Z])(?!['’]s\s+[A-Z])"
)
# "provide X with the mandate for ...": X receives the mandate.
CONFER = re.compile(r"\b(?:provid|giv|grant|entrust|empower|task)\w*\b", re.I)
CONFERRED = re.compile(r"^\s+with\s+(?:the\s+|a\s+)?(?:mandate|authority|responsibility|task|power)s?\b", re.I)

ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z/&\-]{1,11})\)")
RECOMMENDS_THAT = re.compile(
    r"\s+(?:(?:also|therefore|further)\s+)?(?:proposes|proposed|recommends|recommended|suggests|suggested|urges|urged|"
    r"asks|asked|requests|requested|calls on|called on|invites|invited)\s+(?:that\s+)?(?:the\s+|all\s+)?", re.I
)
# Arabic drops a pronoun subject: "كما تتولى …" ("it also undertakes …") continues the subject
# of the sentence before; only "كما" + verb, or a verb of duty, with no body named as subject.
_AR_DUTY = "تتولى|يتولى|تلتزم|يلتزم|تقوم|يقوم"  # verbs of duty: "undertakes", "is bound to", "carries out"
AR_SAME_SUBJECT = re.compile(rf"^\s*(?:كما\s+(?:ت|ي)\S{{2,}}|و?(?:{_AR_DUTY})\s)")
# A front-matter field of a document ("**Publisher:** …", "Source: …", "المصدر: …")
METADATA_LINE = re.compile(
    r"^\s*(?:[-*]\s*)?(?:\*\*|__)?(?:title|publisher|published by|date|source(?: address(?:es|\(es\))?)?s?|"
    r"url|link|author|authors|note|language|العنوان|الناشر|التاريخ|المصدر|المصادر|الرابط|ملاحظة)(?:\*\*|__)?\s*:",
    re.I,
)
COREF_THEY = re.compile(r"^(?:[A-Z][\w ,]{0,30},\s*)?(They|they|He|She|It)\b")


# --- results ----------------------------------------------------------------------------


@dataclass
class ActorRef:
    """What the text says about one body; the resolver turns it into a node id."""

    name: str
    kind: str = ActorKind.other.value
    level: str = Level.unknown.value
    is_class: bool = False
    aliases: set[str] = field(default_factory=set)
    place: str = ""
    registry_id: str = ""
    themes: set[str] = field(default_factory=set)
    parent: str = ""  # key of the organisation a unit belongs to
    fixed_key: str = ""  # classes: keyed by what they reach, not by their name
    reasons: dict[str, str] = field(default_factory=dict)  # alias -> why it names this body

    def note(self, alias: str, reason: str) -> None:
        """An alias with the reason it was merged here: the merge log of this body."""
        if alias and alias not in self.aliases:
            self.aliases.add(alias)
            self.reasons.setdefault(alias, reason)

    @property
    def key(self) -> str:
        if self.fixed_key:
            return self.fixed_key
        return "actor:" + self.registry_id if self.registry_id else actor_id(self.name)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    ref: str  # ActorRef key


@dataclass
class StatementDraft:
    kind: str
    status: str
    subjects: list[str]
    objects: list[str]
    quote: str
    page: int
    char_start: int
    char_end: int
    concepts: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    nationwide: bool = False
    level: str = ""
    post: str = ""
    summary: str = ""
    rule: str = ""  # the id of the rule that produced it (ingest/rules)


@dataclass
class Extraction:
    actors: dict[str, ActorRef] = field(default_factory=dict)
    statements: list[StatementDraft] = field(default_factory=list)
    # per (page, sentence start): mentions, for chunk payloads
    mentions: list[tuple[int, Mention]] = field(default_factory=list)
    place_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # page, offset, place id
    concept_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    default_place: str = "place:IQ"
    recent: list[str] = field(default_factory=list)  # actor keys, latest mentioned last
    class_surfaces: dict[str, list[str]] = field(default_factory=dict)  # class key -> surface forms
    # the post statements among ``statements``, so each sentence's repeat check reads these
    # few, not every statement of the document (that was quadratic on long documents, issue 17)
    posts: list[StatementDraft] = field(default_factory=list)


# --- knowledge indexes (built once per process) ------------------------------------------


class Knowledge:
    """The registry, gazetteer and vocabularies as term indexes."""

    def __init__(self) -> None:
        self.gazetteer: Gazetteer = load_gazetteer()
        self.concepts = {c.id: c for c in load_concepts()}
        self.concept_index: TermIndex[str] = TermIndex()
        for c in self.concepts.values():
            for lab in [c.label_en, c.label_ar, *c.alt_labels]:
                if lab:
                    self.concept_index.add(lab, c.id, "upper" if _is_acronym(lab) else "any")
        self.place_index: TermIndex[str] = place_index("title")
        self.driver_bags = ConceptBags([c for c in self.concepts.values() if c.scheme == "driver"])
        self.registry = {e.id: e for e in load_registry()}
        self.actor_index: TermIndex[str] = TermIndex()
        for e in self.registry.values():
            for n in [e.name, e.name_ar, *e.aliases]:
                if n:
                    self.actor_index.add(n, e.id, "upper" if _is_acronym(n) else "any")
            for a in e.acronyms:
                self.actor_index.add(a, e.id, "upper")


# Words that say something is lacking are one word for the driver matcher ("weak basic
# services" is "lack of basic services"; "ضعف الخدمات" is "نقص الخدمات").
_DEFICIT = {
    "lack", "lacking", "weak", "poor", "missing", "absence", "absent", "limited", "insufficient", "inadequate",
    "shortage", "loss", "no", "without", "دون", "بدون", "نقص", "ضعف", "فقدان", "غياب", "انعدام", "قله", "عدم", "تردي",
}
_BAG_STOP = {"of", "the", "and", "in", "to", "a", "an", "for", "on", "with", "by", "من", "في", "على", "ب", "ل", "و"}


def _bag_tokens(text: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"[^\W_]+", text):
        k = token_key(m.group(0))
        if not k or k in _BAG_STOP:
            continue
        out.append((m.start(), "<deficit>" if k in _DEFICIT else k[:7]))
    return out


class ConceptBags:
    """Finds a concept when every content word of one of its labels occurs within a short
    window, in any order ("distrust between communities and the security forces" has the
    words of "distrust of security forces"). Labels of one content word are left to the
    exact index, so a lone common word never triggers a concept."""

    WINDOW = 10

    def __init__(self, concepts: list[Concept]) -> None:
        self.bags: list[tuple[frozenset[str], str]] = []
        for c in concepts:
            for lab in [c.label_en, c.label_ar, *c.alt_labels]:
                words = frozenset(t for _, t in _bag_tokens(lab or ""))
                if len(words) >= 2:
                    self.bags.append((words, c.id))

    def find(self, sent: str) -> list[tuple[int, str]]:
        toks = _bag_tokens(sent)
        out: dict[str, int] = {}
        matched: list[tuple[frozenset[str], str]] = []
        for i in range(len(toks)):
            window = {t for _, t in toks[i : i + self.WINDOW]}
            for words, cid in self.bags:
                if toks[i][1] in words and words <= window:
                    out.setdefault(cid, toks[i][0])
                    matched.append((words, cid))
        # the more specific concept absorbs the general one its words contain: "displaced
        # populations lacking … services" is displacement without services, not also a lack of services
        absorbed = {b for wb, b in matched for wa, a in matched if a != b and wb < wa}
        return [(pos, cid) for cid, pos in out.items() if cid not in absorbed]


_KNOWLEDGE: Knowledge | None = None


def knowledge() -> Knowledge:
    global _KNOWLEDGE
    if _KNOWLEDGE is None:
        _KNOWLEDGE = Knowledge()
    return _KNOWLEDGE


def _is_acronym(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9/&\-]{1,11}s?", s.strip()))


# --- the extractor ------------------------------------------------------------------------


class Extractor:
    """Extracts from one document at a time; ``pages`` are (page number, text) pairs."""

    def __init__(self, kb: Knowledge | None = None) -> None:
        self.kb = kb or knowledge()

    # public -----------------------------------------------------------------------------
    def extract(self, pages: Sequence[tuple[int, str]], title: str = "") -> Extraction:
        ex = Extraction()
        sentences = [split_sentences(text) for _, text in pages]  # split once, read twice
        self._docs = self._parse(pages, sentences)
        ex.default_place = self._default_place(title)
        doc_terms = self._learn_document_terms(pages, ex)
        last_subjects: list[str] = []
        last_person = ""
        header, para_place = "", ""  # header: the first line of the table being read, if any
        previous: list[str] = []
        for (page_no, text), spans in zip(pages, sentences, strict=True):
            lead: tuple[list[str], bool, str] | None = None  # a lead-in sentence ending in ":"
            for s, e in spans:
                sent = text[s:e]
                # what stands before the sentence on its line (a list marker, or nothing); looked
                # up in a bounded window, so a one-line page does not cost the square of its length
                window = max(0, s - 200)
                newline = text.rfind("\n", window, s)
                line_head = text[newline + 1 if newline >= 0 else window : s]
                is_item = bool(LIST_ITEM.fullmatch(line_head)) or bool(LIST_ITEM_START.match(sent))
                new_paragraph = not line_head.strip() and not is_item
                if new_paragraph:
                    lead = None  # a new paragraph ends the list
                if METADATA_LINE.match(sent):
                    continue  # "- **Publisher:** …": the document's record, not what it says
                mentions = self._actor_mentions(sent, doc_terms, ex)
                n_before = len(ex.statements)
                persons = self._persons(sent, ex, mentions, self._docs.get((page_no, s)))
                for st in ex.statements[n_before:]:  # posts are found within the sentence
                    st.page, st.char_start, st.char_end = page_no, st.char_start + s, st.char_end + s
                if persons:
                    last_person = persons[-1]
                places = [(h.start, h.end, h.payload) for h in self.kb.place_index.find(sent)
                          if not _word_of_a_name(sent, h.start, h.end, mentions)]
                concepts = self._concepts(sent)
                for m in mentions:
                    ex.mentions.append((page_no, Mention(m.start + s, m.end + s, m.text, m.ref)))
                    if m.ref in ex.recent:
                        ex.recent.remove(m.ref)
                    ex.recent.append(m.ref)
                for ps, _, pid in places:
                    ex.place_mentions.append((page_no, s + ps, pid))
                for cs, cid in concepts:
                    ex.concept_mentions.append((page_no, s + cs, cid))
                subjects = self._subjects(sent, mentions)
                doc = self._docs.get((page_no, s))
                parsed: list[str] = []
                if doc is not None and not is_table_line(sent) and not RECOMMENDS_THAT.search(sent):
                    # ("X proposes that Y lead …" keeps Y, the body the rules chose)
                    # the parse knows the subject where word order misleads ("Support came from X")
                    # the rules' subject stands unless the parse reads it as an object
                    parsed = mentions_stage.parsed_subjects(doc, [(m.start, m.end, m.ref) for m in mentions])
                    first = next((m for m in mentions if subjects and m.ref == subjects[0]), None)
                    if parsed and (not subjects or first is not None and mentions_stage.is_object(doc, first.start, first.end)):
                        subjects = parsed
                acting = self._places_acting(sent, places, ex, mentions, first=not subjects)
                subjects += [a for a in acting if a not in subjects]
                # "**قضاء القائم.** … ويعاني القضاء …", "**Gaps in Tarmiyah.** …": a paragraph led by
                # a place names where its sentences that name no place are
                if new_paragraph:
                    lead_place = {p for _, _, p in places}
                    para_place = lead_place.pop() if len(lead_place) == 1 and len(sent.split()) <= 5 \
                        and not mentions else ""
                elif not places and para_place:
                    places = [(0, 0, para_place)]
                if subjects:
                    subjects += [h for h in _clause_holders(sent, mentions) if h not in subjects]
                coref = COREF_THEY.match(sent)
                # "It supports the Network …": a pronoun is the subject, the body after it is not
                if coref and subjects and not parsed and all(m.start >= coref.end() for m in mentions if m.ref in subjects):
                    subjects = []
                if not subjects and coref:
                    word = coref.group(1).lower()
                    if word == "they" and last_subjects or word == "it" and len(last_subjects) == 1:
                        subjects = list(last_subjects)
                    elif word in ("he", "she") and last_person:
                        subjects = [last_person]
                if not subjects and AR_SAME_SUBJECT.match(sent) and len(last_subjects) == 1:
                    subjects = list(last_subjects)  # "كما تتولى مسك سجل …": the body just named goes on
                in_list = is_item and lead is not None
                if in_list and not subjects and lead:
                    subjects = list(lead[0])  # "the NCCVE ... involved: - Disseminating ..."
                members_of = lead[2] if in_list and lead else ""  # "Its members are: 1. ... 2. ..."
                if ITS_MEMBERS.match(sent) and len(last_subjects) == 1:
                    members_of, subjects = last_subjects[0], [last_subjects[0]]
                # a table: its first line is the header every following row is read with
                is_row = is_table_line(sent)
                row_header = header if is_row else ""
                header = (header or sent) if is_row else ""
                ctx = _Ctx(page_no, s, e, sent, mentions, subjects, places, concepts,
                           driver_list=bool(in_list and lead and lead[1]), members_of=members_of,
                           previous=list(previous), table_header=row_header)
                # relation cues in a sentence that names no body before them speak of the subject
                # of the sentence right before it ("... The project is funded by X."); a heading
                # or a sentence without a subject passes nothing on
                previous = subjects if re.search(r"[.!?؟:][\s*_\")”]*$", sent) else []
                self._statements(ctx, ex)
                if sent.rstrip(" *_").endswith(":"):
                    holder = members_of or (subjects[0] if len(subjects) == 1 and MEMBERS_LEAD.search(sent) else "")
                    lead = (subjects, bool(DRIVER_CUES.search(sent)), holder)
                if subjects:
                    last_subjects = subjects
        self._finish_actors(ex)
        return ex

    # document-level learning ---------------------------------------------------------
    @staticmethod
    def _parse(pages: Sequence[tuple[int, str]], sentences: list[list[tuple[int, int]]]) -> dict[tuple[int, int], Any]:
        """The English sentences parsed once, in a batch: spaCy is fastest over many texts."""
        keys, texts = [], []
        for (page_no, text), spans in zip(pages, sentences, strict=True):
            for s, e in spans:
                if not is_arabic(text[s:e]):
                    keys.append((page_no, s))
                    texts.append(text[s:e])
        if not nlp.available():
            return {}
        return dict(zip(keys, nlp.parse(texts), strict=True))

    def _is_place(self, text: str) -> bool:
        """The whole text is a place name of the gazetteer ("Sinjar", "Nineveh governorate")."""
        t = re.sub(r"(?i)\b(?:governorate|province|district|sub-?district|city|town|camp)\b", "", text).strip(" ,")
        hits = self.kb.place_index.find(t) if t else []
        return bool(hits) and hits[0].start == 0 and hits[-1].end >= len(t) - 1

    def _learn_ner_terms(self, pages: Sequence[tuple[int, str]], ex: Extraction, terms: list[tuple[str, str, str]]) -> None:
        """Bodies the statistical backbone finds (stage 1a, ingest/mentions.py), as terms."""
        people = {e.text for d in self._docs.values() for e in d.ents if e.label_ == "PERSON"}
        people |= {n for d in self._docs.values() for _, _, n in persons.contextual_names(d.text)}
        known = {normalize_name(t[0]) for t in terms}
        rule_terms: TermIndex[str] = TermIndex()
        for surface, key, case in terms:
            rule_terms.add(surface, key, case)
        # an acronym the text defines for something that is no body ("national-local cooperation
        # (NLC)", "Middle East and North Africa (MENA)") never names one
        not_bodies = set()
        for _, text in pages:
            for m in ACRONYM_DEF.finditer(text):
                full = _expansion(text[max(0, m.start() - 160) : m.start()].rstrip(), m.group(1))
                if full and not _has_org_head(full) and not self._registry_lookup(full) \
                        and not self._registry_lookup(m.group(1)):
                    not_bodies.add(m.group(1))
                elif not full and re.search(r"[a-z]-[a-z]|\b[a-z]+\s+[a-z]+\s*$", text[max(0, m.start() - 40) : m.start()]):
                    not_bodies.add(m.group(1))  # lower-case words before it: a term, not a name
        for d in self._docs.values():
            if d.text.lstrip().startswith(("#", "|")) or _title_like(d.text):
                continue  # a heading or a table row: names there are read with the rules only
            spans = [(h.start, h.end) for h in rule_terms.find(d.text)]

            def read(s: int, e: int, spans: list[tuple[int, int]] = spans) -> bool:
                return any(a < e and s < b for a, b in spans)

            for cand in mentions_stage.org_entities(d, self._is_place, people, read) + mentions_stage.generic_bodies(d):
                if normalize_name(cand.name) in known or any(cand.name in n for n in people) or \
                        set(cand.name.split()) & not_bodies:
                    continue  # known already, or a person's name the tagger took for a body
                if cand.name.split()[0].lower() in LOCAL_GOV_HEADS:
                    continue  # "the Governorate Office": the local government's own office, read by the rules
                paren = re.search(rf"\(\s*{re.escape(cand.name)}\s*\)", d.text)
                named = [h for h in rule_terms.find(d.text[: paren.start()].rstrip()) if paren and
                         h.end >= len(d.text[: paren.start()].rstrip()) - 1] if paren else []
                if named:  # "Office of the X (RCO)": a short name of the body right before it
                    if named[-1].payload in ex.actors:
                        ex.actors[named[-1].payload].note(cand.name, "short name in brackets after the body's name")
                    terms.append((cand.name, named[-1].payload, "any"))
                    known.add(normalize_name(cand.name))
                    continue
                name = self._strip_place_suffix(cand.name)
                rid = self._registry_lookup(name)
                unit = UNIT_OF_MINISTRY.match(name) if not rid else None
                ref = self._ref(ex, unit.group(1) if unit else name, rid)
                terms.append((name, ref.key, "any"))
                if unit:  # "Mass Graves Directorate of the X Foundation": a unit PART_OF its owner
                    owner = self._ref(ex, unit.group(2), self._registry_lookup(unit.group(2)))
                    ref.parent = ref.parent or owner.key
                    terms += [(unit.group(1), ref.key, "any"), (unit.group(2), owner.key, "any")]
                    ref.note(name, "the unit named with its owner")
                if name != cand.name:
                    ref.note(cand.name, "the same body named with its place")
                    terms.append((cand.name, ref.key, "any"))
                known.add(normalize_name(cand.name))

    def _learn_document_terms(self, pages: Sequence[tuple[int, str]], ex: Extraction) -> TermIndex[str]:
        """Acronyms defined in this text, and bodies found by head nouns, as a term index."""
        self.doc_short: dict[str, str] = {}  # short names defined by this text -> ref key
        terms: list[tuple[str, str, str]] = []  # surface, ref key, case
        continuations: dict[str, str] = {}  # "Regional Hub" after "(MENA)": the same body
        for _, text in pages:
            if is_arabic(text):
                self._learn_arabic_terms(text, ex, terms)
            # "Sanad-like Name for Peacebuilding (Sanad-like)": a short name the text defines, the
            # full name's own first word in brackets
            for m in re.finditer(r"\b(([A-Z][a-z][\w\-]+)(?:\s+(?:for|of|and|the|[A-Z][\w\-]*)){1,6}?)\s+\((\2)\)", text):
                ref = self._ref(ex, m.group(1), self._registry_lookup(m.group(1)))
                ref.note(m.group(2), f"short name defined in the text for {m.group(1)!r}")
                terms += [(m.group(1), ref.key, "any"), (m.group(2), ref.key, "title")]
            for m in ACRONYM_DEF.finditer(text):
                acr = m.group(1)
                before = text[max(0, m.start() - 160) : m.start()].rstrip()
                full = _expansion(before, acr)
                after = _org_continuation(text[m.end() : m.end() + 80])
                if not full:
                    continue
                name = f"{full} {after}".strip() if after else full
                short = f"{acr} {after}".strip() if after else acr
                rid = self._registry_lookup(name) or self._registry_lookup(acr)
                if not rid and not _has_org_head(name):
                    continue
                if after:  # "Middle East and North Africa (MENA) Regional Hub" -> "MENA Regional Hub"
                    ref = self._ref(ex, short, rid)
                    continuations[normalize_name(after)] = ref.key
                    ref.note(name, f"expansion of {short!r} defined in the text")
                    ref.note(f"{full} ({acr}) {after}", "acronym defined in the text")
                    terms += [(short, ref.key, "any"), (name, ref.key, "any")]
                else:
                    ref = self._ref(ex, name, rid)
                    ref.note(acr, f"acronym defined in the text for {name!r}")
                    terms += [(name, ref.key, "any"), (acr, ref.key, "upper")]
            for cand in _org_phrases(text):
                for name, parent in self._split_candidate(cand):
                    if normalize_name(name) in continuations:
                        terms.append((name, continuations[normalize_name(name)], "any"))
                        continue
                    m_office = re.fullmatch(r"(.+?)\s+(?:in\s+)?Iraq", name)
                    if m_office and not parent:  # a country office is its organisation (ingest/README.md)
                        base = m_office.group(1)
                        rid = self._registry_lookup(base)
                        known = self._ref(ex, base, rid) if rid else next(
                            (r for r in ex.actors.values() if base in r.aliases or base == r.name), None)
                        if known is not None:
                            known.note(name, "country office: the organisation in Iraq")
                            terms.append((name, known.key, "any"))
                            continue
                    full = name
                    name = self._strip_place_suffix(name)
                    rid = self._registry_lookup(name)
                    if rid and not parent:
                        if full != name:
                            self._ref(ex, full, rid)
                            terms.append((full, "actor:" + rid, "any"))
                        continue
                    ref = self._ref(ex, name, rid)
                    terms.append((name, ref.key, "any"))
                    if full != name:
                        ref.note(full, "the same body named with its place")
                        terms.append((full, ref.key, "any"))
                    short = UNIT_OF_MINISTRY.match(name)
                    if short:  # "Community Police Directorate": the same unit
                        ref.note(short.group(1), "the unit's name without its ministry")
                        terms.append((short.group(1), ref.key, "any"))
                    if parent:
                        owner = self._ref(ex, parent, self._registry_lookup(parent))
                        terms.append((parent, owner.key, "any"))
                        if owner.key != ref.key and not ref.parent:
                            ref.parent = owner.key
        self._learn_ner_terms(pages, ex, terms)
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
        # A name's own first word, where the text uses it alone ("Sanad" of "Sanad for Peace"):
        # a capitalised word that is no head, place or common word, followed by "for" / "of"
        for ref in list(ex.actors.values()):
            first = re.match(r"^([A-Z][a-z][\w\-]+)\s+(?:for|of)\s+[A-Z]", ref.name)
            if ref.is_class or ref.registry_id or not first or first.group(1).lower() in ORG_HEADS | POST_HEADS or \
                    self.kb.place_index.find(first.group(1)) or \
                    not any(re.search(rf"\b{first.group(1)}\b(?!\s+(?:for|of)\b)", text) for _, text in pages):
                continue
            ref.note(first.group(1), "short form: the name's first word, used alone in the text")
            terms.append((first.group(1), ref.key, "title"))
        # Short forms: "Strong Cities" for "Strong Cities Network" (the name without its head).
        for ref in list(ex.actors.values()):
            if ref.is_class or ref.registry_id:
                continue
            words = ref.name.split()
            if len(words) >= 3 and words[-1].lower() in ORG_HEADS and all(w[:1].isupper() for w in words[:-1]):
                stem = " ".join(words[:-1])
                if not self._registry_lookup(stem) and not self.kb.place_index.find(stem):
                    ref.note(stem, "short form: the name without its head noun")
                    terms.append((stem, ref.key, "title"))
        # "Strong Cities MENA Regional Hub" = the owner's name + a unit's name: the unit itself.
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
            target = self.doc_short.get(normalize_name(core)) or self.doc_short.get(normalize_name(ref.name))
            if not target and len(ref.name.split()) >= 2 and _has_org_head(ref.name):
                # "the Steering Committee" in a text that names one "Programme Steering Committee"
                longer = [k for n, k in full_names.items() if k != key and n.endswith(" " + normalize_name(ref.name))
                          and not ex.actors[k].registry_id]
                target = longer[0] if len(set(longer)) == 1 else ""
            if target and target != key and target in ex.actors:
                remap[key] = target
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
        idx: TermIndex[str] = TermIndex()
        for surface, key, case in terms:
            idx.add(surface, remap.get(key, key), case)
        return idx

    def _split_candidate(self, phrase: str) -> list[tuple[str, str]]:
        """One capitalised phrase to (body name, owner name) pairs; the rules are documented in
        ingest/README.md: "A and the B" are two bodies; "OWNER's UNIT" and "UNIT of the
        Ministry of X" are a unit PART_OF its organisation; a post ("Programme Manager") is none."""
        out: list[tuple[str, str]] = []
        parts = re.split(r"\s*(?:,\s*)?\band\s+(?:the\s+)?(?=[A-Z])", phrase)
        merged: list[str] = []

        def named(x: str) -> bool:
            return _has_org_head(x) or _is_acronym(x.strip()) or bool(self._registry_lookup(x.strip()))

        for part in parts:  # re-join "Ministry of Labour and Social Affairs": the right side has no head
            if merged and not (named(part) and named(merged[-1])):
                merged[-1] = f"{merged[-1]} and {part}"
            else:
                merged.append(part)
        for part in merged:
            part = _clean_name(part)
            words = part.split()
            while words and words[0].lower() in NOT_ORG_FIRST | CONNECTORS:
                words = words[1:]
            words = _trim_words(words)
            part = " ".join(words)
            office_of_post = words[0].lower() in ORG_HEADS and words[1:2] == ["of"]  # "Office of the Resident Coordinator"
            if len(words) < 2 or not _has_org_head(part) or words[-1].lower() in POST_HEADS and not office_of_post:
                continue
            m = re.match(r"^(.+?)['’]s?\s+(.+)$", part)
            if m:
                owner, unit = m.group(1), m.group(2)
                if _has_org_head(owner) or _is_acronym(owner) or self._registry_lookup(owner):
                    unit = " ".join(_trim_words(unit.split()))
                    if _has_org_head(unit) and len(unit.split()) >= 2:
                        out.append((unit, owner))
                    out.append((owner, ""))
                    continue
            m = UNIT_OF_MINISTRY.match(part)
            if m:
                out.append((part, m.group(2)))  # its short name is noted where the ref is made
                continue
            out.append((part, ""))
        return out

    def _learn_arabic_terms(self, text: str, ex: Extraction, terms: list[tuple[str, str, str]]) -> None:
        """Bodies named in Arabic (ingest/arabic.py), bound to their English node where the text
        gives the acronym ("... للهجرة (IOM)") or the registry knows the Arabic name. A short
        form ("اللجنة الفرعية") or the name without its place is a term of this document only:
        it never becomes a global alias, so the Anbar and Nineveh subcommittees stay apart."""
        def is_place(t: str) -> bool:
            t = re.sub(r"^(?:محافظة|محافظه|قضاء|ناحية|ناحيه|مدينة|مدينه)\s+", "", t.strip())
            hits = self.kb.place_index.find(t)
            return bool(hits) and hits[0].start == 0 and hits[-1].end >= len(t) - 1

        found = arabic.org_phrases(text, is_place)
        by_phrase: dict[str, str] = {}
        for _start, end, phrase in sorted(found, key=lambda f: -len(f[2].split())):
            key = normalize_name(phrase)
            if key in by_phrase:
                terms.append((phrase, by_phrase[key], "any"))
                continue
            acr_m = re.match(r"\s*\(([A-Z][A-Za-z/&\-]{1,11})\)", text[end : end + 16])
            rid = self._registry_lookup(phrase)
            if not rid and len(phrase.split()) == 2:  # "منظمة اليونيسيف": a head word + a known name
                rid = self._registry_lookup(phrase.split()[1])
            stripped = re.sub(r"\s+في\s+\S+(?:\s+\S+)?$", "", phrase)
            if not rid and stripped != phrase:
                rid = self._registry_lookup(stripped)
            ref: ActorRef | None = None
            if acr_m:
                acr = acr_m.group(1)
                rid = rid or self._registry_lookup(acr)
                ref = next((r for r in ex.actors.values() if acr in r.aliases), None)
                if ref is None and rid:
                    ref = self._ref(ex, phrase, rid)
                if ref is not None:
                    ref.note(phrase, f"Arabic name given with the acronym {acr}")
                    terms.append((acr, ref.key, "upper"))
            if ref is None and rid:
                ref = self._ref(ex, phrase if self._registry_lookup(phrase) else stripped, rid)
            if ref is None:
                core = normalize_name(stripped)
                longer = [k for p, k in by_phrase.items() if p.startswith(key + " ") or p.startswith(core + " ")]
                if len(set(longer)) == 1:  # "اللجنة الفرعية" in a text about one subcommittee
                    by_phrase[key] = longer[0]
                    terms.append((phrase, longer[0], "any"))
                    continue
                ref = self._ref(ex, phrase, "")
                kl = arabic.head_of(phrase.split()[0])
                if kl and ref.kind == ActorKind.other.value:
                    ref.kind = kl[0].value
                    ref.level = kl[1].value
                    if any(is_place(w) for w in phrase.split()[1:]) and kl[1] == Level.unknown:
                        ref.level = Level.governorate.value
            by_phrase[key] = ref.key
            terms.append((phrase, ref.key, "any"))
            if stripped != phrase:
                by_phrase.setdefault(normalize_name(stripped), ref.key)
                terms.append((stripped, ref.key, "any"))

    def _strip_place_suffix(self, name: str, min_words: int = 2) -> str:
        """"Ministry of Labour in Baghdad" is the Ministry of Labour; the place is where it acts."""
        m = re.match(r"^(.+?)\s+(?:in|for)\s+(.+)$", name)
        if m and _has_org_head(m.group(1)) and len(m.group(1).split()) >= min_words:
            place = m.group(2)
            hits = self.kb.place_index.find(place)
            rest = place
            for h in sorted(hits, key=lambda h: -h.start):
                rest = rest[: h.start] + rest[h.end :]
            if hits and hits[0].start == 0 and not re.sub(r"\b(?:and|the|districts?|governorates?)\b|[,\s]", "", rest, flags=re.I):
                return m.group(1)
        return name

    def _default_place(self, title: str) -> str:
        """Where a sentence that names no place applies: the one governorate or district the
        document's title names ("Nineveh Governorate Local Action Plan …"), else all of Iraq."""
        ids = {h.payload for h in self.kb.place_index.find(title)} - {"place:IQ"}
        top = min(ids, key=len, default="")  # a governorate and its district of the same name: the governorate
        return top if top and all(i.startswith(top) for i in ids) else "place:IQ"

    def _registry_lookup(self, name: str) -> str:
        hits = self.kb.actor_index.find(name)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end >= len(name.strip().rstrip(".")) - 1:
            return hits[0].payload
        return ""

    def _ref(self, ex: Extraction, name: str, registry_id: str) -> ActorRef:
        name = _clean_name(name)
        if registry_id:
            e = self.kb.registry[registry_id]
            ref = ex.actors.get("actor:" + registry_id)
            if ref is None:
                ref = ActorRef(
                    name=e.name, kind=e.kind, level=e.level, registry_id=registry_id,
                    aliases=set(e.aliases) | set(e.acronyms), themes={f"theme:{t}" for t in e.themes},
                    parent=e.parent or "",
                )
                ex.actors[ref.key] = ref
            if normalize_name(name) != normalize_name(e.name):
                ref.note(name, f"alias of {e.name!r} in the registry")
            return ref
        key = actor_id(name)
        ref = ex.actors.get(key)
        if ref is None:
            kind, level = _guess_kind_level(name)
            ref = ActorRef(name=name, kind=kind, level=level)
            place = self._local_gov_place(name)
            if place:
                ref.kind, ref.place = ActorKind.local_government.value, place
                ref.level = _place_level(self.kb.gazetteer, place)
            elif ref.kind in (ActorKind.committee.value, ActorKind.unit.value, ActorKind.other.value) and \
                    ref.level in (Level.unknown.value, ""):
                # "Nineveh Governorate CVE Subcommittee", "Anbar Police Command": the place sets the level
                hits = [h for h in self.kb.place_index.find(name) if h.payload != "place:IQ"]
                if hits:
                    ref.place = hits[0].payload
                    ref.level = _place_level(self.kb.gazetteer, hits[0].payload) or ref.level
            ex.actors[key] = ref
        return ref

    def _local_gov_place(self, name: str) -> str:
        words = name.split()
        if len(words) >= 2 and words[-1].lower() in LOCAL_GOV_HEADS:
            hits = self.kb.place_index.find(" ".join(words[:-1]))
            if hits:
                return hits[0].payload
        return ""

    # per sentence ------------------------------------------------------------------------
    def _actor_mentions(self, sent: str, doc_terms: TermIndex[str], ex: Extraction) -> list[Mention]:
        found: list[Mention] = []
        for h in self.kb.actor_index.find(sent):
            ref = self._ref(ex, h.text, h.payload)
            found.append(Mention(h.start, h.end, h.text, ref.key))
        for h in doc_terms.find(sent):
            found.append(Mention(h.start, h.end, h.text, h.payload))
        classes: dict[str, tuple[ActorKind, Level]] = {}
        for pat, ckey, kind, level in CLASS_PATTERNS:
            for m in pat.finditer(sent):
                key = class_key(ckey, level)
                classes[key] = (kind, level)
                found.append(Mention(m.start(), m.end(), m.group(0), key))
        named = _non_overlapping(found)
        # a class is named only where no body's name covers the words ("the Governorate CVE
        # Subcommittee" of a plan that names one is that body, not the class)
        for x in named:
            if x.ref in classes and x.ref not in ex.actors:
                kind, level = classes[x.ref]
                ex.actors[x.ref] = ActorRef(name=_class_display(x.text), kind=kind.value, level=level.value,
                                            is_class=True, fixed_key=x.ref)
            if x.ref in classes:
                ex.actors[x.ref].note(_clean_name(x.text), "names the same class of bodies (same kind and level)")
                ex.class_surfaces.setdefault(x.ref, []).append(_clean_name(x.text))
        found = [x for x in found if x.ref not in classes or x in named]
        for m in ANAPHOR.finditer(sent):
            if any(x.start <= m.start() < x.end or m.start() <= x.start < m.end() for x in named):
                continue
            antecedent = self._antecedent(m.group(1), ex)
            if antecedent:
                found.append(Mention(m.start(), m.end(), m.group(0), antecedent))
        # local governments named by place: "Tel Kaif District"
        for m in re.finditer(r"((?:[A-Z][\w'’\-]+\s){1,3})(District|Governorate|City|Municipality)\b", sent):
            name = m.group(0)
            while len(name.split()) > 2 and name.split()[0].lower() in NOT_ORG_FIRST | CONNECTORS:
                name = name.split(None, 1)[1]
            if re.search(r"\b(?:in|at|across|within|from|near|to|throughout)\s+(?:the\s+)?$", sent[: m.end() - len(name)]):
                continue  # "sub-districts in Mosul District": a place, not its government
            if re.match(r"\s+(?:[A-Z]\w+\s+){0,2}(?:Plan|Order|Decree|Strategy|Law|Budget)\b", sent[m.end():]):
                continue  # "Baghdad Governorate Local Action Plan": names an instrument
            if self._local_gov_place(name):
                ref = self._ref(ex, name, "")
                found.append(Mention(m.end() - len(name), m.end(), name, ref.key))
        found += self._branches(sent, _non_overlapping(list(found)), ex)
        if not is_arabic(sent):
            for cand in mentions_stage.coordinated_ministries(sent, lambda n: bool(self._registry_lookup(n))):
                ref = self._ref(ex, cand.name, self._registry_lookup(cand.name))
                found = [x for x in found if not (x.start < cand.end and cand.start < x.end)]
                found.append(Mention(cand.start, cand.end, sent[cand.start : cand.end], ref.key))
        return _non_overlapping(found)

    def _branches(self, sent: str, named: list[Mention], ex: Extraction) -> list[Mention]:
        """"the Nineveh branch of the Ministry of X", "فرع وزارة الهجرة والمهجرين في الأنبار": a
        branch is its own node PART_OF its ministry (ingest/README.md, rule 4)."""
        out = []
        for m in BRANCH_OF.finditer(sent):
            owner = next((x for x in named if x.start == m.end()), None)
            place = m.group(1).strip()
            hits = self.kb.place_index.find(place)
            if owner is None or not hits or hits[0].start != 0 or hits[-1].end < len(place) or \
                    ex.actors[owner.ref].kind != ActorKind.ministry.value:
                continue
            ref = self._ref(ex, sent[m.start(1) : owner.end], "")
            ref.kind, ref.place = ActorKind.unit.value, hits[-1].payload
            ref.level = _place_level(self.kb.gazetteer, hits[-1].payload) or ref.level
            ref.parent = ref.parent or owner.ref
            out.append(Mention(m.start(1), owner.end, sent[m.start(1) : owner.end], ref.key))
        for x in named:
            words = x.text.split()
            unit = ex.actors.get(x.ref)
            if unit is None or unit.parent or len(words) < 3 or not is_arabic(x.text) or \
                    arabic.head_noun(words[0]) not in arabic.BRANCH_WORDS or arabic.head_noun(words[1]) not in arabic.MINISTRY_WORDS:
                continue
            owner_name = re.sub(r"\s+في\s+\S+(?:\s+\S+)?$", "", " ".join(words[1:]))
            rid = self._registry_lookup(owner_name)
            owner_ref = self._ref(ex, owner_name, rid)
            if owner_ref.key != unit.key:
                unit.parent = owner_ref.key
                unit.kind = ActorKind.unit.value
        return out

    def _places_acting(self, sent: str, places: list[tuple[int, int, str]], ex: Extraction,
                       mentions: list[Mention], first: bool = True) -> list[str]:
        """"Sinjar, Tel Afar and Hamdaniya districts have formed committees; Tel Kaif and Baaj
        have appointed focal points": places that act are their local governments. Only at the
        start of a sentence or of a clause after ";", and before a verb of action."""
        out: list[str] = []
        for clause in [0] * first + [m.end() for m in re.finditer(r";\s*", sent)]:
            run = [p for p in places if p[0] >= clause]
            if not run or run[0][0] - clause > 4:
                continue
            end, ids = 0, []  # type: ignore[var-annotated]
            for ps, pe, pid in run:
                if ids and not re.fullmatch(r"\s*(?:,|and|, and)\s*", sent[end:ps]):
                    break
                ids.append((pid, sent[ps:pe]))
                end = pe
            if not PLACE_ACTS.match(sent[end:]):
                continue
            found: list[tuple[str, str, Place]] = []
            for pid, surface in ids:
                p = self.kb.gazetteer.get(pid)
                if p is None or p.level not in ("district", "governorate", "subdistrict"):
                    found = []
                    break
                found.append((pid, surface, p))
            for pid, surface, p in found:
                word = LEVEL_WORD[p.level]
                ref = self._ref(ex, f"{surface} {word}", "")
                ref.kind, ref.place, ref.level = ActorKind.local_government.value, pid, p.level
                out.append(ref.key)
                mentions.append(Mention(0, 0, p.name, ref.key))
        return out

    def _antecedent(self, head: str, ex: Extraction) -> str:
        """The latest body mentioned whose head noun agrees with "the <head>"; none if unclear."""
        if is_arabic(head):  # "اللجنة": the latest body named by the same head noun
            noun = arabic.head_noun(head)
            if not noun:
                return ""
            # any Arabic name of the body counts: a registry body keeps its English name
            return next((k for k in reversed(ex.recent) if k in ex.actors and any(
                n.split() and arabic.head_noun(n.split()[0]) == noun
                for n in [ex.actors[k].name, *ex.actors[k].aliases] if is_arabic(n))), "")
        head = head.lower().replace("-", "")
        plural = head.endswith("s") and not head.endswith("ss")
        stem = head[:-1] if plural else head
        for key in reversed(ex.recent):
            ref = ex.actors.get(key)
            if ref is None or ref.kind == ActorKind.person.value:
                continue
            words = [w.lower().replace("-", "") for w in re.findall(r"[\w\-]+", ref.name)]
            if stem in words or stem + "s" in words:
                return key
        return ""

    def _persons(self, sent: str, ex: Extraction, mentions: list[Mention], doc: Any = None) -> list[str]:
        """Persons and their posts (stage 1b, ingest/persons.py): one post statement each."""
        keys = self._persons_ar(sent, ex, mentions) if is_arabic(sent) else []
        seen = {(st.subjects[0], st.objects[0]) for st in ex.posts
                if st.char_start >= 0 and st.quote and st.quote in sent}
        spans = [persons.Span(m.start, m.end, m.ref) for m in mentions]
        bodies = _Bodies(self, ex)
        found = persons.arabic(sent, spans, bodies, normalize_name) if is_arabic(sent) else \
            persons.english(sent, doc, spans, bodies)
        for m in PERSON_POST.finditer(sent) if not is_arabic(sent) else ():
            name, post = m.group(1), m.group(2)
            if name.split()[0].lower() in NOT_ORG_FIRST or _has_org_head(name):
                continue
            org_key = ""
            for i, mm in enumerate(mentions):
                if m.start(3) <= mm.start < m.end(3) + 2:
                    org_key = mm.ref
                    # "Programme Manager, UNDP's Social Cohesion Programme": the post is in the unit
                    if i + 1 < len(mentions) and re.fullmatch(r"['’]s?\s+", sent[mm.end : mentions[i + 1].start]):
                        org_key = mentions[i + 1].ref
                    break
            if org_key:
                found.insert(0, persons.PersonPost(name, post, org_key, m.start(), m.end(), "en.person.name_post_body"))
        for pp in found:
            if not pp.body or pp.body not in ex.actors:
                continue
            pkey = actor_id(pp.name)
            if (pkey, pp.body) in seen:
                continue
            seen.add((pkey, pp.body))
            if pkey not in ex.actors:
                ex.actors[pkey] = ActorRef(name=pp.name, kind=ActorKind.person.value)
            sep = "، " if is_arabic(sent) else ", "
            ex.statements.append(StatementDraft(
                kind=StatementKind.post.value, status=Status.established.value, subjects=[pkey],
                objects=[pp.body], quote=sent[pp.start : pp.end], page=0, char_start=pp.start, char_end=pp.end,
                post=pp.post, summary=f"{pp.name}{sep}{pp.post}{sep}{ex.actors[pp.body].name}", rule=pp.rule,
            ))
            ex.posts.append(ex.statements[-1])
            keys.append(pkey)
        return keys

    def _persons_ar(self, sent: str, ex: Extraction, mentions: list[Mention]) -> list[str]:
        """"خالد عبد الرزاق الدليمي، مدير قسم المحافظات، اللجنة الوطنية ...": name، post، body."""
        keys = []
        for m in arabic.PERSON_POST.finditer(sent):
            name = m.group(1).strip()
            if arabic.head_of(name.split()[0]) or len(name.split()) < 2:
                continue
            after = [mm for mm in mentions if mm.start >= m.start(2)]
            if not after:
                continue
            org = after[0]
            # "مدير قسم المحافظات، اللجنة الوطنية ...": a unit named in the post, then its body
            if len(after) > 1 and arabic.is_unit_word(org.text.split()[0]) and re.fullmatch(
                    r"[\s،,]*(?:في|لدى)?\s*", sent[org.end : after[1].start]):
                org = after[1]
            post = re.sub(r"[،,\s]+(?:في|لدى|ب)?\s*$", "", sent[m.start(2) : org.start]).strip(" ،,")
            pkey = actor_id(name)
            if pkey not in ex.actors:
                ex.actors[pkey] = ActorRef(name=name, kind=ActorKind.person.value)
            ex.statements.append(StatementDraft(
                kind=StatementKind.post.value, status=Status.established.value, subjects=[pkey],
                objects=[org.ref], quote=sent[m.start() : org.end], page=0, char_start=m.start(),
                char_end=org.end, post=post, summary=f"{name}، {post}، {ex.actors[org.ref].name}",
            ))
            ex.posts.append(ex.statements[-1])
            keys.append(pkey)
        return keys

    def _concepts(self, sent: str) -> list[tuple[int, str]]:
        found = [(h.start, h.payload) for h in self.kb.concept_index.find(sent)]
        known = {c for _, c in found}
        return found + [x for x in self.kb.driver_bags.find(sent) if x[1] not in known]

    def _subjects(self, sent: str, mentions: list[Mention]) -> list[str]:
        """The bodies a sentence is about: the first mention not governed by a preposition,
        with the bodies enumerated alongside it ("X, Y and Z")."""
        for i, m in enumerate(mentions):
            before = sent[max(0, m.start - 120) : m.start].lower()
            rep = re.search(r"\b(representatives?|members?|officials?|staff|delegates?|chairs?|head)\s+(?:from|of)\s+(?:the\s+)?$", before)
            if is_arabic(m.text):
                free = not arabic.governed(sent[max(0, m.start - 40) : m.start]) and not arabic.attached_preposition(
                    m.text, sent[max(0, m.start - 40) : m.start])
            else:
                free = not _governed(before, sent[m.end : m.end + 12])
            if rep or free:
                # "The Network's Regional Hub held ...": the possessed body is the subject
                while i + 1 < len(mentions) and re.fullmatch(r"['’]s?\s+(?:[A-Z][\w\-]*\s+|and\s+|\(\s*)*", sent[m.end : mentions[i + 1].start]):
                    i, m = i + 1, mentions[i + 1]
                subj, j = self._enumerated(sent, mentions, i)
                # "The Subcommittee proposes that the Department lead …": the recommendation is
                # the Department's to carry out, not the Subcommittee's
                if j < len(mentions) and RECOMMENDS_THAT.fullmatch(sent[mentions[j - 1].end : mentions[j].start]):
                    subj, _ = self._enumerated(sent, mentions, j)
                return subj
        return []

    @staticmethod
    def _enumerated(sent: str, mentions: list[Mention], i: int) -> tuple[list[str], int]:
        """Mention i and the bodies enumerated alongside it ("X, Y and Z"); the index after them."""
        subj = [mentions[i].ref]
        j = i + 1
        while j < len(mentions):
            gap = sent[mentions[j - 1].end : mentions[j].start]
            if re.fullmatch(r"\s*(,|and|, and|or|, or|&|،|، و|أو)\s*(the\s+)?", gap) or (
                    re.fullmatch(r"\s*،?\s*", gap) and mentions[j].text.startswith("و")):
                subj.append(mentions[j].ref)
                j += 1
            else:
                break
        return list(dict.fromkeys(subj)), j

    def _statements(self, c: _Ctx, ex: Extraction) -> None:
        status = _status(c.sent)
        lang = "ar" if is_arabic(c.sent) else "en"
        levels = _levels(c.sent)
        nationwide = bool(NATIONWIDE.search(c.sent))
        # a theme word inside a body's name ("Directorate of Youth and Sport") is not what the
        # sentence is about; the body's remit carries it
        concepts = {cid for pos, cid in c.concepts
                    if cid.startswith("driver:") or not any(m.start <= pos < m.end for m in c.mentions)}
        places = {pid for _, _, pid in c.places}

        def add(kind: str, subjects: list[str], objects: list[str], st: str | None = None,
                where: set[str] | None = None, rule: str = "") -> None:
            subjects = [x for x in dict.fromkeys(subjects) if x]
            objects = [x for x in dict.fromkeys(objects) if x and x not in subjects]
            if not subjects or (kind in _NEEDS_OBJECT | {StatementKind.membership.value} and not objects):
                return  # "BSOP is a member of X" with BSOP unrecognised: no member, no statement
            ex.statements.append(
                StatementDraft(
                    kind=kind, status=st or status, subjects=subjects, objects=objects, quote=c.sent,
                    page=c.page, char_start=c.start, char_end=c.end, concepts=set(concepts),
                    places=set(places if where is None else where), nationwide=nationwide, level=levels,
                    rule=rule or f"{lang}.core.{kind}",
                )
            )

        refs_after = lambda pos: [m.ref for m in c.mentions if m.start >= pos]  # noqa: E731
        low = c.sent.lower()

        # funding ------------------------------------------------------------------
        for m in re.finditer(r"([\w’']+)[- ]funded\b", c.sent):
            funder = _mention_ending_at(c.mentions, m.start(1), m.end(1))
            funded = refs_after(m.end())
            if funder and funded:
                add(StatementKind.funding.value, [funder], funded[:1], Status.established.value)
        for m in re.finditer(r"\b(?:funded|financed|sponsored) by\s+(?:the\s+)?", low):
            funders = _enumeration(c.sent, c.mentions, [x.ref for x in c.mentions if 0 <= x.start - m.end() <= 1])
            # "X is funded by": X, the clause's subject; "the X project funded by": the body named last
            reduced = not re.search(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", low[: m.start()])
            last = [x.ref for x in c.mentions if x.end <= m.start()][-1:]
            funded = (last if reduced else []) or _holder(c, m.start())
            for f in funders:
                add(StatementKind.funding.value, [f], [x for x in funded if x not in funders])
        for m in re.finditer(r"\bsupport from (?:the )?", low):
            after = [x for x in c.mentions if x.start >= m.end()]
            if after and re.search(r"\bthrough (?:its|their|the)\b", low[after[0].end :]):
                funded = [x.ref for x in after[1:2]]
                if funded:
                    add(StatementKind.funding.value, [after[0].ref], funded)
        # supervision --------------------------------------------------------------
        for m in re.finditer(r"\bunder the (?:supervision|oversight|authority|auspices) of\b", low):
            sup = refs_after(m.end())[:1]
            if sup and c.subjects:
                add(StatementKind.supervision.value, sup, c.subjects)
        for m in re.finditer(r"\b(supervis\w+|oversee\w*)\b", low):
            if c.subjects and not low[max(0, m.start() - 20) : m.start()].endswith("the "):
                objs = refs_after(m.end())[:2]
                if objs:
                    add(StatementKind.supervision.value, c.subjects, objs)
        # part of --------------------------------------------------------------------
        for i, mm in enumerate(c.mentions[:-1]):
            nxt = c.mentions[i + 1]
            gap = c.sent[mm.end : nxt.start]
            if re.fullmatch(r"(?:['’]s?|\s*['’]s?)\s+(?:[\w\-]+\s+){0,2}", gap) and gap.strip().startswith(("'", "’")):
                child = ex.actors.get(nxt.ref)
                if child and (child.kind in (ActorKind.programme.value, ActorKind.unit.value) or _head(child.name) in UNIT_HEADS):
                    add(StatementKind.part_of.value, [nxt.ref], [mm.ref], Status.established.value)
                    if not child.parent:
                        child.parent = mm.ref
        # partnership and support ------------------------------------------------------
        partner_cues = re.finditer(
            r"\b(?:in partnership with|partnership with|partners? (?:of|to|with)|partnering with|collaborat\w+ with|"
            r"cooperat\w+ with|in collaboration with|work(?:s|ing|ed)? (?:closely )?with|engag\w+ with|together with)\b",
            low,
        )
        for m in partner_cues:
            if _negated(low, m.start()):
                continue  # "No partner of the Programme works in ..."
            objs = refs_after(m.end())
            objs = _enumeration(c.sent, c.mentions, objs)
            subjects = _holder(c, m.start())
            if not objs or not subjects:
                continue
            kind = StatementKind.partnership.value
            if "work" in m.group(0) and SUPPORT_VERBS.search(low[m.end() :]):
                kind = StatementKind.support.value
            add(kind, subjects, [x for x in objs if x not in subjects])
        for m in re.finditer(r"\b(support(?:s|ed|ing)?|assist(?:s|ed|ing)?|help(?:s|ed|ing)?)\s+(?!from\b|by\b|of\b)(?:the\s+|to\s+)?", low):
            direct = [x for x in c.mentions if 0 <= x.start - m.end() <= 12]
            if direct and c.subjects and direct[0].ref not in c.subjects:
                add(StatementKind.support.value, c.subjects, [direct[0].ref])
        self._relations(c, ex, add, refs_after, low)
        # stage 3: the cue rules of ingest/rules/<lang>/relations.yaml
        spans = [relations.Span(m.start, m.end, m.ref) for m in c.mentions]
        for found in relations.find(c.sent, spans, c.subjects, lang):
            fixed = None if found.rule.status == "sentence" else found.rule.status
            add(found.rule.kind, found.subjects, found.objects, fixed, rule=found.rule.id)
        # conferred mandates: "provide the chairs of X with the mandate for ..." -> X's --------
        for m in CONFER.finditer(c.sent):
            after = [x for x in c.mentions if 0 <= x.start - m.end() <= 30]
            if after and CONFERRED.match(c.sent[after[0].end :]):
                add(StatementKind.responsibility.value, [after[0].ref], [x for x in c.subjects if x != after[0].ref])
        # presence -------------------------------------------------------------------
        if PRESENCE.search(c.sent):
            named = [m.ref for m in c.mentions if not ex.actors[m.ref].is_class]
            subjects = named if re.search(r"\bsuch as\b", low) and named else c.subjects
            add(StatementKind.presence.value, subjects, [], Status.established.value)
        # mandate / responsibility: the sentence as a statement of what its subject does --
        bare = _without_names(c)
        if c.subjects and len(re.findall(r"[^\W\d_]{3,}", bare)) >= 2 and not _title_like(bare):
            kind = StatementKind.responsibility.value if RESPONSIBILITY.search(c.sent) else StatementKind.mandate.value
            objs = [m.ref for m in c.mentions if m.ref not in c.subjects]
            add(kind, c.subjects, objs)
        # drivers and needs ------------------------------------------------------------
        drivers = {cid for cid in concepts if cid.startswith("driver:")}
        # a project table names what efforts target, not reported drivers
        if drivers and not is_table_line(c.sent) and (DRIVER_CUES.search(c.sent) or len(drivers) >= 2 or c.driver_list):
            ex.statements.append(StatementDraft(
                kind=StatementKind.driver.value, status=Status.established.value, subjects=[], objects=[],
                quote=c.sent, page=c.page, char_start=c.start, char_end=c.end, concepts=drivers,
                places=set(places), nationwide=nationwide,
            ))
        themes = {cid for cid in concepts if cid.startswith(("theme:", "target_group:"))}
        if themes and NEED_CUES.search(c.sent) and not c.subjects:
            ex.statements.append(StatementDraft(
                kind=StatementKind.need.value, status=status, subjects=[], objects=[],
                quote=c.sent, page=c.page, char_start=c.start, char_end=c.end, concepts=themes,
                places=set(places), nationwide=nationwide,
            ))

    def _relations(self, c: _Ctx, ex: Extraction, add: Callable[..., None],
                   refs_after: Callable[[int], list[str]], low: str) -> None:
        """Membership, funding, part-of and presence cues, in English and Arabic."""
        before_refs = lambda pos: [m.ref for m in c.mentions if m.end <= pos]  # noqa: E731
        direct = lambda pos: [m.ref for m in c.mentions if 0 <= m.start - pos <= 1][:1]  # noqa: E731
        est = Status.established.value
        # membership: "Its members are A, B", "X comprises A, B", "A and B are members of X"
        if c.members_of:
            add(StatementKind.membership.value, [m.ref for m in c.mentions if m.ref != c.members_of], [c.members_of], est)
        for m in MEMBERS_OF.finditer(low):
            groups = refs_after(m.end())[:1]
            members = before_refs(m.start()) or c.subjects
            # "A, B and the three funders are members of X": the bodies this text has named as funders
            n = re.search(r"\bthe\s+(two|three|four|five|six|\d)\s+(?:funders|donors)\b", low[: m.start()])
            if n:
                funders = list(dict.fromkeys(
                    x for st in ex.statements if st.kind == StatementKind.funding.value for x in st.subjects))
                if len(funders) == _COUNT_WORDS.get(n.group(1), int(n.group(1)) if n.group(1).isdigit() else 0):
                    members = members + funders
            if groups:
                for mem in members:
                    add(StatementKind.membership.value, [mem], groups, est)
        for m in CHAIRED_BY.finditer(c.sent):  # the chairs of a committee sit on it
            holder = before_refs(m.start())[-1:]
            chairs = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            if holder and ex.actors[holder[0]].kind in (ActorKind.committee.value, ActorKind.network.value):
                for ch in chairs:
                    if ex.actors[ch].kind != ActorKind.person.value:
                        add(StatementKind.membership.value, [ch], holder, est)
        for m in COMPRISES.finditer(low):
            holder = before_refs(m.start())[-1:] or c.subjects[:1]
            members = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            if holder and members and ex.actors[holder[0]].kind in (
                ActorKind.committee.value, ActorKind.network.value, ActorKind.programme.value, ActorKind.other.value
            ):
                for mem in members:
                    add(StatementKind.membership.value, [mem], holder, est)
        for m in OF_WHICH_MEMBERS.finditer(low):
            if _negated(low, m.start()):
                continue
            holder = before_refs(m.start())[-1:]
            members = _enumeration(c.sent, c.mentions, direct(m.end()))
            for mem in members if holder else []:
                add(StatementKind.membership.value, [mem], holder, est)
        for m in TAKE_PART.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            body = direct(m.end())
            if re.search(r"\bin\s+(?:the\s+)?$", m.group(0), re.I):
                # "A and B take part in X": only bodies named before the cue, never a guess
                members = [x for x in c.subjects if x in before_refs(m.start())]
                holder = body[:1]
            else:  # "N organisations take part: A, B, ..." of the body just spoken of
                members = _enumeration(c.sent, c.mentions, body)
                holder = c.previous[:1] if len(c.previous) == 1 else []
            if holder and not ex.actors[holder[0]].is_class:
                for mem in members:
                    add(StatementKind.membership.value, [mem], holder, est)
        # funding: "X funds Y", "with funding from X", "X provides grants to Y"
        for m in FUNDS_VERB.finditer(low):
            funder = before_refs(m.start())[-1:] or c.subjects[:1]
            funded = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            # "funds a grants window ..., which UNDP manages": the body that runs what is funded
            rel = re.match(r"[^;.]*?,\s*(?:which|that)\s+(?:the\s+)?", c.sent[m.end() :])
            runs = [x for x in c.mentions if rel and x.start == m.end() + rel.end()]
            if runs and re.match(r"\s+(?:manages|runs|implements|administers|leads)\b", c.sent[runs[0].end :]):
                funded = [runs[0].ref]
            if funder and funded:
                add(StatementKind.funding.value, funder, funded, est)
        for m in RECEIVED_GRANT.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            giver = [x for x in c.mentions if x.start == m.end()][:1]
            if giver and GRANT_WORD.match(c.sent[giver[0].end :]):
                add(StatementKind.funding.value, [giver[0].ref], _holder(c, m.start()), est)
        for m in GRANT_TO.finditer(c.sent):
            add(StatementKind.funding.value, [_mention_ending_at(c.mentions, m.start(), m.start())], direct(m.end()), est)
        for m in FUNDING_FROM.finditer(low):
            funders = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            funded = [x for x in c.subjects if x not in funders] or before_refs(m.start())[-1:]
            for f in funders:
                add(StatementKind.funding.value, [f], funded, est)
        for m in SUPPORT_FROM.finditer(c.sent):  # "prepared by Y, with support from X": X supports Y
            if _negated(low, m.start()):
                continue
            supporters = _enumeration(c.sent, c.mentions, direct(m.end()))
            agent = re.search(r"\bby\s+(?:the\s+)?$", c.sent[: next((x.start for x in reversed(c.mentions) if x.end <= m.start()), 0)])
            doer = before_refs(m.start())[-1:] if agent else _holder(c, m.start())
            add(StatementKind.support.value, supporters, [x for x in doer if x not in supporters], est)
        # partnership: "with X as implementing partner", "implemented by X", "works on ... with X"
        for m in PARTNER_AS.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            partner = before_refs(m.start())[-1:]
            if partner and re.search(r"\bwith\s+(?:the\s+)?$", c.sent[: next(x.start for x in c.mentions if x.ref == partner[0])]):
                add(StatementKind.partnership.value, [x for x in _holder(c, m.start()) if x not in partner], partner, est)
        for m in IMPLEMENTED_BY.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            partners = _enumeration(c.sent, c.mentions, direct(m.end()))
            add(StatementKind.partnership.value, [x for x in _holder(c, m.start()) if x not in partners], partners, est)
        for m in ACTS_WITH.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            between = m.group(1).strip().lower()
            if m.group(0).lower().startswith("work") and between in ("", "closely"):
                continue  # "works with X": a partner cue of its own
            if any(m.start() < x.start < m.end() - 4 for x in c.mentions):
                continue  # another body between the verb and "with"
            partners = _enumeration(c.sent, c.mentions, direct(m.end()))
            add(StatementKind.partnership.value, [x for x in _holder(c, m.start()) if x not in partners], partners, est)
        self._table_relations(c, add)
        # part of: "X is part of Y", "X reports to Y"
        for m in PART_OF_CUE.finditer(low):
            child = before_refs(m.start())[-1:] or c.subjects[:1]
            parent = refs_after(m.end())[:1]
            if child and parent and child != parent:
                add(StatementKind.part_of.value, child, parent, est)
                if not ex.actors[child[0]].parent:
                    ex.actors[child[0]].parent = parent[0]
        # presence at named places: "has offices in Mosul, Sinjar and Tel Afar", "based in Ramadi"
        if c.places and (PRESENCE_AT.search(c.sent) or arabic.BASED_IN.search(c.sent)):
            subj = c.subjects or c.previous or before_refs(len(c.sent))[:1]
            add(StatementKind.presence.value, subj, [], est)
        for m in BASED_ADJ.finditer(c.sent):  # "X, a Mosul-based organisation": X is there
            based = _mention_ending_at(c.mentions, m.start(), m.start())
            where = {pid for ps, pe, pid in c.places if ps >= m.start(1) and pe <= m.end(1)}
            if based and where:
                add(StatementKind.presence.value, [based], [], est, where)
        if is_arabic(c.sent):
            self._arabic_relations(c, ex, add, refs_after, before_refs)

    def _arabic_relations(self, c: _Ctx, ex: Extraction, add: Callable[..., None],
                          refs_after: Callable[[int], list[str]], before_refs: Callable[[int], list[str]]) -> None:
        est = Status.established.value
        sent = c.sent
        for rx, kind, direction in (
            (arabic.SUPPORT_BY, StatementKind.support.value, "by"),
            (arabic.FUNDED_BY, StatementKind.funding.value, "by"),
            (arabic.PARTNER_WITH, StatementKind.partnership.value, "with"),
            (arabic.SUPPORTS, StatementKind.support.value, "verb"),
            (arabic.FUNDS, StatementKind.funding.value, "verb"),
            (arabic.SUPERVISES, StatementKind.supervision.value, "verb"),
            (arabic.PART_OF, StatementKind.part_of.value, "of"),
            (arabic.MEMBERS, StatementKind.membership.value, "members"),
            (arabic.MEMBER_IN, StatementKind.membership.value, "member_in"),
        ):
            for m in rx.finditer(sent):
                after = refs_after(m.end())
                if not after:
                    continue
                if direction == "by":  # "بدعم من X": X does it for the subject
                    target = [x for x in c.subjects if x != after[0]] or before_refs(m.start())[-1:] or c.previous
                    add(kind, after[:1], target, est)
                elif direction == "with":
                    add(kind, c.subjects or before_refs(m.start())[-1:], _enumeration(sent, c.mentions, after), est)
                elif direction == "verb":  # VSO: "تدعم منظمة اليونيسيف مديرية تربية الأنبار"
                    first = next(x for x in c.mentions if x.ref == after[0] and x.start >= m.end())
                    # "وتموّل وزارة الخارجية الألمانية هذا البرنامج": what the previous sentence spoke of
                    obj = c.previous[:1] if arabic.DEMONSTRATIVE.match(sent[first.end :]) else after[1:2]
                    add(kind, after[:1], obj, est)
                elif direction == "of":  # "X التابعة لـ Y" / "وتتبع X و Z Y"
                    if m.group(0).strip().startswith(("التابع",)):
                        child = before_refs(m.start())[-1:]
                        add(kind, child, after[:1], est)
                    else:
                        refs = _enumeration(sent, c.mentions, after)
                        if len(refs) >= 2:
                            for ch in refs[:-1]:
                                add(kind, [ch], refs[-1:], est)
                        elif len(after) >= 2:
                            add(kind, after[:1], after[1:2], est)
                elif direction == "members":  # "وتضم اللجنة في عضويتها ...": "اللجنة" is the latest committee
                    named = [self._antecedent(w, ex) for w in m.group(1).split() if arabic.head_noun(w)]
                    holder = [x for x in named if x][:1] or before_refs(m.start())[-1:] or c.previous[:1]
                    for mem in _enumeration(sent, c.mentions, after) or after[:1]:
                        if holder and mem not in holder:
                            add(kind, [mem], holder, est)
                elif direction == "member_in" and c.mentions[[x.ref for x in c.mentions].index(after[0])].start - m.end() <= 1:
                    add(kind, [x for x in _holder(c, m.start()) if x != after[0]], after[:1], est)

    def _table_relations(self, c: _Ctx, add: Callable[..., None]) -> None:
        """A table row read with a header that names a lead column and a funder or partner column
        ("Lead | Implementing partner | Funder"): the row's funder funds its lead, its partner works
        with it, in the row's places (the row is a sentence of its own)."""
        if not c.table_header:
            return
        roles = []
        for cell in c.table_header.split("|"):
            low = cell.strip().lower()
            roles.append("funder" if re.search(r"\b(?:funders?|donors?|funded by|funding)\b", low) else
                         "partner" if re.search(r"\bpartners?\b", low) else
                         "lead" if re.search(r"\b(?:lead|implementer|agency|organi[sz]ation)\b", low) else "")
        if "lead" not in roles or not {"funder", "partner"} & set(roles):
            return
        cells: dict[str, list[str]] = {}
        pos = 0
        for role, cell in zip(roles, c.sent.split("|"), strict=False):
            inside = [x for x in c.mentions if pos <= x.start and x.end <= pos + len(cell)]
            if role and inside:
                cells[role] = _enumeration(c.sent, c.mentions, [inside[0].ref])
            pos += len(cell) + 1
        lead = cells.get("lead", [])[-1:]  # "UNDP's Social Cohesion Programme": the unit
        for f in cells.get("funder", []) if lead else []:
            add(StatementKind.funding.value, [f], lead, Status.established.value)
        if lead and cells.get("partner"):
            add(StatementKind.partnership.value, lead, cells["partner"], Status.established.value)

    def _finish_actors(self, ex: Extraction) -> None:
        # A class of bodies is a device for class-level statements: one that is only mentioned
        # (neither acts nor is governed as a class: supervised, funded, supported) is not kept as
        # a node; a class named as a collaborator in passing ("with CSOs") is not kept either.
        subjects = {k for st in ex.statements for k in st.subjects}
        acted_on = {k for st in ex.statements if st.kind in ("supervision", "funding", "support") for k in st.objects}
        idle = {k for k, r in ex.actors.items() if r.is_class and k not in subjects | acted_on}
        for k in idle:
            del ex.actors[k]
            ex.class_surfaces.pop(k, None)
        if idle:
            for st in ex.statements:
                st.objects = [o for o in st.objects if o not in idle]
            ex.statements = [st for st in ex.statements if st.objects or st.kind not in _NEEDS_OBJECT]
            ex.mentions = [(p, m) for p, m in ex.mentions if m.ref not in idle]
        # A body the text never names where it stands (a registry name inside a longer name, a
        # candidate split that lost its words) is no body of this document.
        used = {m.ref for _, m in ex.mentions} | subjects | {o for st in ex.statements for o in st.objects}
        used |= {r.parent for k, r in ex.actors.items() if k in used and r.parent}
        for k in [k for k, r in ex.actors.items() if k not in used and r.kind != ActorKind.person.value]:
            del ex.actors[k]
        # A class is shown by the text's most telling name for it: one that says its level
        # ("governorate-level ...") without pointing words ("these ..."), then the most used.
        for key, surfaces in ex.class_surfaces.items():
            def rank(n: str, surfaces: list[str] = surfaces) -> tuple[int, int, int, int]:
                low = n.lower()
                return (
                    -int(not re.search(r"\b(these|those|such|established|all|each|every)\b", low)),
                    -int(bool(re.search(r"ministerial|governorate|district|city|local|national", low))),
                    -surfaces.count(n),
                    -len(n),
                )
            ex.actors[key].name = _class_display(min(surfaces, key=rank))
        for ref in ex.actors.values():
            if ref.kind == ActorKind.person.value:
                continue
            for h in self.kb.concept_index.find(ref.name):
                if h.payload.startswith(("theme:", "target_group:")):
                    ref.themes.add(h.payload)
        for st in ex.statements:
            if st.page == 0:  # posts are found before the page is known
                st.page = 1


class _Bodies:
    """The persons stage's view of the extractor: bodies by name, local and national government."""

    def __init__(self, x: Extractor, ex: Extraction) -> None:
        self.x, self.ex = x, ex

    def by_name(self, name: str) -> str:
        name = _clean_name(name)
        return self.x._ref(self.ex, name, self.x._registry_lookup(name)).key if name else ""

    def local_government(self, place: str, word: str) -> str:
        hits = self.x.kb.place_index.find(place)
        if not word:  # the unit follows the place's level
            level = _place_level(self.x.kb.gazetteer, hits[0].payload) if hits else ""
            word = LEVEL_WORD.get(level, "City")
        name = f"{word} {place}" if is_arabic(word) else f"{place} {word}"
        ref = self.x._ref(self.ex, name, "")
        if hits:
            ref.kind, ref.place = ActorKind.local_government.value, hits[0].payload
            ref.level = _place_level(self.x.kb.gazetteer, hits[0].payload) or ref.level
        return ref.key

    def national_government(self) -> str:
        rid = self.x._registry_lookup(NATIONAL_GOVERNMENT)
        return self.x._ref(self.ex, NATIONAL_GOVERNMENT, rid).key

    def is_place(self, text: str) -> bool:
        return self.x._is_place(text)

    def antecedent(self, word: str) -> str:
        return self.x._antecedent(word, self.ex)


# The body national posts belong to when none is named ("Prime Minister X"): Dalil covers Iraq.
NATIONAL_GOVERNMENT = "Government of Iraq"


@dataclass
class _Ctx:
    page: int
    start: int
    end: int
    sent: str
    mentions: list[Mention]
    subjects: list[str]
    places: list[tuple[int, int, str]]
    concepts: list[tuple[int, str]]
    driver_list: bool = False  # an item of a list introduced as drivers ("the following drivers:")
    members_of: str = ""  # "Its members are ...": the body whose members the sentence lists
    previous: list[str] = field(default_factory=list)  # the previous sentence's subject, same paragraph
    table_header: str = ""  # a table row: the header line it is read with


_PREPOSITIONS = {
    "with", "of", "by", "from", "to", "for", "under", "between", "among", "amongst", "like", "through",
    "at", "into", "toward", "towards", "than", "about", "join", "joined", "within", "via",
}


_DETERMINERS = {
    "the", "a", "an", "all", "various", "several", "other", "relevant", "respective", "different", "many",
    "some", "these", "those", "each", "every", "its", "their", "both", "any", "such", "two", "three",
}


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _negated(low: str, pos: int) -> bool:
    """Is a cue at ``pos`` denied: "no partner of", "does not work with", "never funded by"?"""
    return bool(re.search(r"\b(?:no|not|never|nor|neither|without)\s+(?:[\w\-]+\s+)?$", low[:pos]))


def _holder(c: _Ctx, pos: int) -> list[str]:
    """Whom a relation cue at ``pos`` speaks of: the body a relative clause hangs on ("the Forum,
    which meets with X"), else the sentence's subject, else the last body named before the cue,
    else, in a sentence that names no body before it ("The project is funded by X"), the
    previous sentence's subject."""
    before = [m for m in c.mentions if m.end <= pos]
    if before and re.match(r"(?:\s*\([^()]*\))?\s*,\s*(?:which|who)\b|\s+(?:that|which|who)\b", c.sent[before[-1].end : pos]):
        return [before[-1].ref]
    def free(m: Mention) -> bool:  # not the object of a preposition, not "(ACR)" after a name
        if is_arabic(m.text):
            ar = c.sent[max(0, m.start - 40) : m.start]
            return not arabic.governed(ar) and not arabic.attached_preposition(m.text, ar)
        return not c.sent[: m.start].rstrip().endswith("(") and not _governed(
            c.sent[max(0, m.start - 120) : m.start].lower(), c.sent[m.end : m.end + 12])

    # a subject found only through "(ACR)" after a governed name is no subject: "implemented by the
    # Tigris Youth Network (TYN)"
    first = {m.ref: m for m in reversed(c.mentions)}
    subjects = [x for x in c.subjects if x not in first or free(first[x])]
    # the previous subject only through a phrase naming its own work ("The project is funded by
    # X", "Its programme …"); "Those action plans were developed with X" names someone else's
    own_work = re.match(r"\s*(?:[-*•]\s*)?(?:The|This|Its|Their|These)\s+(?:\w+\s+)?(?:project|projects|programme|programmes|"
                        r"program|initiative|work|activit\w+|efforts?|campaign|centre|center|pilot|scheme|training|sessions?)\b",
                        c.sent)
    return subjects or [m.ref for m in before if free(m)][-1:] or (c.previous if own_work or is_arabic(c.sent) else [])


# a second clause with a holder of its own: "…; the Directorate shall …", "… ، وتتولى المنظمة …"
_CLAUSE_EN = re.compile(r";\s*(?:and\s+)?(?:the\s+)?$")
_CLAUSE_AR = re.compile(rf"[،,]\s*و(?:{_AR_DUTY}|تعمل|يعمل|يجب على|ينبغي على|يجوز ل|يمكن ل)\s*$")
_DUTY_AFTER = re.compile(r"\s+(?:shall|will|must|should|may|can|is responsible|are responsible|is to|are to)\b")


def _clause_holders(sent: str, mentions: list[Mention]) -> list[str]:
    out = []
    for m in mentions:
        before = sent[max(0, m.start - 30) : m.start]
        if _CLAUSE_AR.search(before) or _CLAUSE_EN.search(before) and _DUTY_AFTER.match(sent[m.end :]):
            out.append(m.ref)
    return out


def _word_of_a_name(sent: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """A place word inside a body's name that is not where the body is: "Bayt Al-Salam
    Organization", "جمعية الفرات للتنمية والسلام", the head noun "شبكة" (also a sub-district).
    A place that starts an English name ("Sinjar Youth Forum"), follows "in" / "في" / "محافظة" ("… Directorate in Nineveh") or closes an Arabic
    idafa ("قيادة شرطة الأنبار") is the body's place and counts."""
    for m in mentions:
        if not m.start <= start < m.end or m.end <= m.start:
            continue
        before = sent[m.start:start].strip()
        if not re.sub(r"^(?:the|The)\b", "", before).strip():
            return is_arabic(m.text)  # an Arabic name starts with its head noun ("شبكة"), never a place
        if re.search(r"(?:\b(?:in|for|of)|(?<!\w)(?:في|محافظة|محافظه|قضاء|ناحية))\s*$", before):
            return False
        word = sent[start:end]
        return not (end >= m.end - 1 and is_arabic(word) and not word.startswith(("و", "ل", "ب")))
    return False


def _governed(before: str, after: str) -> bool:
    """Is a mention the object of a preposition: "within various ministries", "for youth, NGOs and
    ...", "to institutions and ministries"? Fronted phrases ("With support from UNDP, the NCCVE
    ...") are not, so the subject after them is found."""
    words = re.findall(r"[a-z\-']+|,", before)
    while words and words[-1] in _DETERMINERS:
        words.pop()
    if words and words[-1] in _PREPOSITIONS:
        return True
    clause = re.split(r"[;:.()]|\b(?:that|which|who|whose|while|whereas)\b", before)[-1]
    tail = re.findall(r"[a-z\-']+|,", clause)
    last_prep = max((i for i, w in enumerate(tail) if w in _PREPOSITIONS), default=-1)
    if last_prep < 0:
        return False
    rest = tail[last_prep + 1 :]
    if not rest or len([w for w in rest if w != ","]) > 10:
        return False
    while rest and rest[-1] in _DETERMINERS:
        rest.pop()
    if rest and rest[-1] in ("and", "or"):  # the last item of "for A, B and C"
        return True
    # a middle item: "for development, youth, NGOs and civil society"
    return bool(rest) and rest[-1] == "," and bool(re.match(r"\s*(?:,(?!\s*(?:which|who|whose|that)\b)|and\b|or\b)", after))


_NEEDS_OBJECT = {"funding", "supervision", "partnership", "support", "part_of", "leadership", "implementation"}


def _without_names(c: _Ctx) -> str:
    """The sentence with its bodies and places blanked: a sentence full of names is not a title
    when the words around the names are ordinary ("... runs patrols in Basra.")."""
    chars = list(c.sent)
    for a, b in [(m.start, m.end) for m in c.mentions] + [(p[0], p[1]) for p in c.places]:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _title_like(sent: str) -> bool:
    """A heading or a reference-list title, not a sentence that states something."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", sent) if len(w) > 3]
    if not words:
        return False
    ratio = sum(w[0].isupper() for w in words) / len(words)
    return ratio >= 0.75 or (ratio >= 0.6 and not sent.rstrip().endswith((".", "!", "?", "؟")))


def _status(sent: str) -> str:
    if is_arabic(sent):
        ar = arabic.status_of(sent)
        if ar:
            return ar
    # "may nominate …, and can request …": a request the body may make is its option
    plain = re.sub(r"\b(may|can|could|might)\s+(?:also\s+)?(?:request|propose|suggest)\w*", r"\1", sent, flags=re.I)
    # "… centres throughout the country, which cities should leverage": the modal of a relative
    # clause is said of that clause's own subject, not of the sentence's
    plain = re.sub(r",\s+(?:which|who|whom|whose|where)\b[^,;]*", "", plain, flags=re.I)
    if STATUS_RECOMMENDED.search(plain):
        return Status.recommended.value
    if STATUS_OPTION.search(plain):
        return Status.option.value
    return Status.established.value


def _levels(sent: str) -> str:
    out: list[str] = []
    for m in LEVELS_RE.finditer(sent):
        for w in re.findall(r"[a-z\-]+", m.group(1).lower()):
            if w in LEVEL_WORDS and w not in ("and", "or"):
                out.append(w)
    return ",".join(dict.fromkeys(out))


def _mention_ending_at(mentions: list[Mention], start: int, end: int) -> str:
    for m in mentions:
        if m.start <= start and m.end >= end - 1:
            return m.ref
    return ""


_LIST_GAP = re.compile(
    r"\)?(?:['’]s?(?:\s+[a-z][\w\-]*){1,4})?"  # "X (ACR), Y"; "X's mediation project and Y": the owner X
    r"\s*(?:,|and|, and|&|،|، و)\s*(?:(?:by|with|from)\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,12}\s*\()?"  # an item known by the acronym in brackets
)


def _enumeration(sent: str, mentions: list[Mention], objs: list[str]) -> list[str]:
    """Keep the first object and the ones listed right after it ("X, Y and Z"). A body's acronym
    in brackets is the same item ("the European Union (EU), the ..."); "OWNER's UNIT" is the unit
    ("UNDP's Social Cohesion Programme"), "OWNER's project" the owner."""
    if not objs:
        return []
    i = mentions.index(next(m for m in mentions if m.ref == objs[0]))
    out: list[str] = []
    while True:
        ref, end = mentions[i].ref, mentions[i].end
        while i + 1 < len(mentions) and (
                re.fullmatch(r"['’]s?\s+", sent[end : mentions[i + 1].start])  # the possessed unit
                or mentions[i + 1].ref == ref and re.fullmatch(r"\s*\(\s*", sent[end : mentions[i + 1].start])):
            i += 1
            ref, end = mentions[i].ref, mentions[i].end
        out.append(ref)
        if i + 1 >= len(mentions):
            break
        nxt = mentions[i + 1]
        gap = sent[end : nxt.start]
        if not (_LIST_GAP.fullmatch(gap) or (re.fullmatch(r"\)?\s*،?\s*", gap) and nxt.text.startswith("و"))):  # Arabic "X وY"
            break
        i += 1
    return list(dict.fromkeys(out))


def _non_overlapping(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:’'\"")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"['’]s?$", "", name)
    return name


def _trim_words(words: list[str]) -> list[str]:
    """Drop what precedes a body's name: "Head of the ...", "EU-funded ..."."""
    if len(words) > 2 and words[0].lower() in POST_HEADS and words[1] == "of":
        words = words[2:]
        if words and words[0].lower() == "the":
            words = words[1:]
    while words and re.fullmatch(r"[\w\-]+-(?:funded|led|based|supported|backed|run|sponsored)", words[0], re.I):
        words = words[1:]
    return words


def _head(name: str) -> str:
    words = [w.lower() for w in re.findall(r"[\w\-]+", name)]
    for w in reversed(words):
        if w in ORG_HEADS:
            return w
    return words[-1] if words else ""


def _has_org_head(name: str) -> bool:
    return any(w.lower() in ORG_HEADS for w in re.findall(r"[\w\-]+", name))


def _guess_kind_level(name: str) -> tuple[str, str]:
    low = name.lower()
    words = set(re.findall(r"[a-z\-]+", low))
    if "ministry" in words:
        return ActorKind.ministry.value, Level.national.value
    if words & {"subcommittee", "subcommittees", "committee", "commission", "council"}:
        return ActorKind.committee.value, Level.national.value if "national" in words else Level.unknown.value
    if words & {"hub"}:
        return ActorKind.network.value, Level.regional.value
    if words & {"network", "alliance", "coalition", "league"}:
        return ActorKind.network.value, Level.international.value
    if words & {"programme", "program", "initiative"}:
        return ActorKind.programme.value, Level.international.value if "global" in words else Level.unknown.value
    if words & {"mission", "forum", "union"} or "united nations" in low:
        return ActorKind.international_org.value, Level.international.value
    if words & {"endowment"}:
        return ActorKind.religious_body.value, Level.national.value
    if words & {"office", "unit", "pillar", "department", "directorate", "secretariat"}:
        return ActorKind.unit.value, Level.unknown.value
    if words & {"organisation", "organization", "foundation", "association", "society"}:
        return ActorKind.ngo.value, Level.unknown.value
    return ActorKind.other.value, Level.unknown.value


def _place_level(gaz: Gazetteer, place_id: str) -> str:
    p = gaz.get(place_id)
    lvl = p.level if p else ""
    return {"subdistrict": "subdistrict", "district": "district", "governorate": "governorate"}.get(lvl, "")


def _expansion(before: str, acr: str) -> str:
    """The words right before "(ACR)" whose initials spell it, e.g. NCCVE."""
    words = re.findall(r"[\w’'\-/]+", before)
    letters = re.sub(r"[^A-Za-z]", "", acr).upper()
    capitals = re.sub(r"[^A-Z]", "", acr)  # "MoLSA", "KaHO": the lower-case letters are not initials
    if not letters:
        return ""
    for n in range(1, min(len(words), 14) + 1):
        cand = words[-n:]
        if cand[0].lower() in CONNECTORS:
            continue
        if not cand[0][:1].isupper():
            continue
        sig = [w for w in cand if w.lower() not in CONNECTORS]
        initials = "".join(w[0].upper() for w in sig)
        no_article = "".join(re.sub(r"^(?:Al|El|Ad|Ar|As)-(?=\w)", "", w)[0].upper() for w in sig)  # "Bayt Al-Salam"
        # allow compound words (Counterterrorism) and ignore case
        if letters in (initials, no_article) or len(capitals) >= 2 and capitals in (initials, no_article) \
                or acronym_of(" ".join(cand)).upper() == letters:
            return " ".join(cand)
    return ""


def _org_continuation(after: str) -> str:
    """Title-case words right after "(ACR)" ending in an org head: "(MENA) Regional Hub"."""
    m = re.match(r"\s+((?:[A-Z][\w\-]*\s?){1,4})", after)
    if not m:
        return ""
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        if words[n - 1].lower() in ORG_HEADS:
            return " ".join(words[:n])
    return ""


_ORG_TOKEN = r"(?:(?:[A-Z]/)?[A-Z][\w’'\-]*|[A-Z]{2,}|&)"  # "P/CVE"
_ORG_PHRASE = re.compile(
    rf"{_ORG_TOKEN}(?:[ \t]+(?:(?:of|for|and|the|on|in|to|against)[ \t]+)*{_ORG_TOKEN})*(?:[ \t]+(?:programme|program|network))?"
)


def _org_phrases(text: str) -> list[str]:
    """Capitalised phrases with an organisational head noun ("Ministry of Youth")."""
    out = []
    for m in _ORG_PHRASE.finditer(text):
        phrase = m.group(0)
        words = phrase.split()
        # cut at the last head noun (or a head noun followed by an "of ..." chain)
        while words and words[0].lower() in NOT_ORG_FIRST | CONNECTORS:
            words = words[1:]
        while words and words[-1].lower() in CONNECTORS:
            words = words[:-1]
        if len(words) < 2 or not any(w.lower().strip("’'") in ORG_HEADS for w in words):
            continue
        name = _clean_name(" ".join(words))
        if len(name.split()) < 2 or not _has_org_head(name):
            continue
        if is_arabic(name):
            continue
        if name.split()[-1].lower() in LOCAL_GOV_HEADS:
            continue  # handled with the gazetteer ("Tel Kaif District")
        out.append(name)
    return out


def doc_language_default(pages: Sequence[tuple[int, str]]) -> str:
    text = " ".join(t for _, t in pages)
    return "ar" if is_arabic(text) else "en"


__all__ = ["Extraction", "Extractor", "StatementDraft", "ActorRef", "Mention", "knowledge", "token_key"]
