"""The lexicon of the extractor: cue patterns, head-noun sets and the small pure functions on
names and sentences that every stage uses (status of a sentence, levels, name cleaning).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.model import ActorKind, Level
from graph.names import is_arabic
from graph.vocab import ALL_GOVERNORATES, Gazetteer
from ingest import arabic, rules

ORG_HEADS = set(rules.words("en", "bodies", "org_heads"))
MEDIA_TAILS = set(rules.words("en", "bodies", "media_tails"))


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
    "once", "before", "throughout", "via", "per", "against", "without", "beyond", "upon", "into", "according",
    # people of a body are not the body: "Members of the Alliance", "Officials of the Ministry"
    "members", "representatives", "officials", "staff", "delegates", "delegation", "leaders", "heads",
    "experts", "volunteers", "employees", "officers", "personnel", "envoys", "advisers", "advisors",
    "residents", "families", "students", "teachers", "returnees", "beneficiaries", "survivors",
}


# "Report of the X Mission", "Minutes of the Y Council": a document of a body, before its name
DOCUMENT_WORDS = {"report", "record", "minutes", "summary", "statement", "briefing", "review", "evaluation",
                  "update", "letter", "meeting", "session", "declaration", "communique", "speech"}


# A capitalised phrase ending in one of these names a post, not a body ("Programme Manager").
POST_HEADS = {
    "manager", "coordinator", "director", "officer", "adviser", "advisor", "specialist", "chair",
    "chairperson", "chairman", "president", "head", "minister", "governor", "representative", "secretary",
    "spokesperson", "ambassador", "consul", "commissioner", "chief", "deputy", "member", "mayor", "qaimaqam",
    "rapporteur", "point", "leader", "founder",
}


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
        if name.startswith(("و", "ف")) and arabic.head_of(name.split()[0][1:]) and not arabic.head_of(name.split()[0]):
            name = name[1:]  # "ومنظمات المجتمع المدني": the و joins the list, not the name
    return name[:1].upper() + name[1:]


PLACE_ACTS = re.compile(  # "Al-Qaim has no services" describes a place: "has" + a quantity is no act
    r"\s*(?:districts?|governorates?|sub-districts?)?\s*(?!(?:have|has|had)\s+(?:no|not|few|little|many|more|less|a|an|the|some|only|\d)\b)"
    # "Diyala has suffered …", "Hit will be rebuilt": what befell a place, no act of its government
    r"(?!(?:have|has|had)\s+(?:been|suffered|witnessed|seen|experienced|faced|endured|lost|become|remained)\b)"
    r"(?!(?:will|shall|may|can|could|should|must)\s+(?:be|remain|suffer|face)\b)"
    r"(?:have|has|had|will|shall|may|can|could|should|must|"
    r"decided|formed|appointed|established|adopted|launched|requested|opted|chose|joined|set up|created|signed|agreed|approved|announced|endorsed|closed|opened)\b", re.I
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


# "Support came from A, and funding from B": a sentence about the help the previous one's subject got
CAME_FROM = re.compile(r"\W*(?:(?:technical|financial|logistical|further)\s+)?(?:support|funding|financing|backing|"
                       r"assistance|money|help)\s+(?:came|comes|was\s+provided|is\s+provided)\s+(?:\w+\s+)?(?:from|by)\b", re.I)

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


# a heading that says the list under it is a body's remit ("Council powers", "Its functions",
# "مهام اللجنة"): each item is what that body does
DUTIES_HEADING = re.compile(
    r"^[\W_]*(?:(?:its|the|their|main|key|core|[A-Z][\w\-]*)\s+){0,4}(?:powers|functions|tasks|duties|responsibilities|"
    r"mandate|roles?|remit|competences|competencies)[\W_]*$|"
    r"^[\W_]*(?:ال)?(?:مهام|صلاحيات|اختصاصات|واجبات|مسؤوليات)(?:ها|ه)?(?:\s+\S+){0,4}?[\W_]*$", re.I)


LIST_ITEM = re.compile(r"\s*(?:[-*•▪◦–]|\d{1,2}[.)])\s*(?:\*\*|__)?\s*")


LIST_ITEM_START = re.compile(r"(?:[-*•▪◦–]|\d{1,2}[.)])\s+")


# "the Nineveh branch of the Ministry of ...": a place, a unit word in lower case, "of", the ministry
BRANCH_OF = re.compile(r"\b(?:(?:The|A|Its)\s+)?((?:[A-Z][\w'’\-]+\s+){1,3})(?:branch|office|directorate|department)\s+of\s+(?:the\s+)?")


# "Community Police Directorate of the Ministry of Interior": a unit and the ministry it belongs to.
UNIT_OF_MINISTRY = re.compile(
    r"^((?:.+\s)?(?:Directorate|Department|Office|Unit|Branch|Service|Centre|Center|Command|Secretariat|Division|"
    r"Board|Committee|Taskforce|Task Force|Working Group))"
    r"\s+of\s+(?:the\s+)?((?:Ministry|Office|Council|Commission)\b.+|"
    r"(?:[A-Z][\w'’\-]*\s+){1,4}(?:Foundation|Fund|Agency|Authority|Organi[sz]ation|Government|Commission|"
    r"Network|Team|Alliance|Coalition|Group|Mission|Initiative|Programme|Program)\b.*)$"
)


# Words that name a unit of a body without naming the body: "Governing Board", "the Secretariat"
UNIT_GENERIC = {
    "governing", "steering", "executive", "technical", "advisory", "board", "committee", "secretariat",
    "council", "general", "joint", "coordination", "coordinating", "management", "supervisory", "high",
    "higher", "supreme", "task", "force", "taskforce", "working", "group", "trustees", "of", "the",
    "directors", "office", "unit", "team", "core", "oversight", "review", "standing", "permanent",
}


def _generic_unit(name: str) -> bool:
    return all(w.lower() in UNIT_GENERIC for w in name.split())


# "those authorities", "these agencies": pointing back at a body by the last word of its name
DEMONSTRATIVE = re.compile(r"\b(?:[Tt]hose|[Tt]hese|[Tt]hat|[Tt]his|[Tt]he\s+same)\s+([a-z]{4,})\b(?!\s+(?:of|for)\b)")
# Definite descriptions that point back to a body named earlier: "the subcommittees",
# "the Committee", "the Ministry". Resolved to the latest body whose head noun agrees.
ANAPHOR = re.compile(
    r"\b[Tt]he\s+((?i:sub-?committees?|committees?|ministry|network|mission|programme|hub|agency|"
    r"organi[sz]ation|directorate|council|commission|(?:working\s+)?group|consortium|forum|fund|team|"
    r"platform|foundation|alliance|coalition|taskforce|secretariat|board|centre|center|institute|department|"
    r"administration|authority|association|union|bureau|embassy))\b"
    r"(?!\s+(?:of|for|on)\b)(?!\s+[A-Z])(?!['’]s\s+[A-Z])"
)


# "provide X with the mandate for ...": X receives the mandate.
CONFER = re.compile(r"\b(?:provid|giv|grant|entrust|empower|task)\w*\b", re.I)


CONFERRED = re.compile(r"^\s+with\s+(?:the\s+|a\s+)?(?:mandate|authority|responsibility|task|power)s?\b", re.I)


# "(UNDP)"; "(OYN – Iraq)", "(IOM Iraq)": an acronym with the country it works in
ACRONYM_DEF = re.compile(
    r"\(([A-Z][A-Za-z/&\-]{1,11})\)|\(((?=[A-Za-z/&]*[A-Z][a-z/&]*[A-Z])[A-Z][A-Za-z/&]{1,11})(?:\s*[–—-]\s*|\s+)[A-Z][a-z]{2,}\)"
)


RECOMMENDS_THAT = re.compile(
    r"\s+(?:(?:also|therefore|further)\s+)?(?:proposes|proposed|recommends|recommended|suggests|suggested|urges|urged|"
    r"asks|asked|requests|requested|calls on|called on|invites|invited)\s+(?:that\s+)?(?:the\s+|all\s+)?", re.I
)


# "… and then asked those authorities to open …": a call on a body, named anywhere in the sentence
CALLS_ON = re.compile(
    r"\b(?:urges|urged|urging|asks|asked|asking|requests|requested|calls\s+on|called\s+on|calling\s+on|"
    r"calls\s+upon|called\s+upon|invites|invited|encourages|encouraged|appealed\s+to|appeals\s+to|"
    r"expects|expected|expecting|pressed|presses|pressing|pushed|pushes|exhorted|exhorts|"
    r"instructed|instructs|directed|directs)\s+(?:all\s+|the\s+)?$", re.I)


# Arabic drops a pronoun subject: "كما تتولى …" ("it also undertakes …") continues the subject
# of the sentence before; only "كما" + verb, or a verb of duty, with no body named as subject.
_AR_DUTY = "تتولى|يتولى|تلتزم|يلتزم|تقوم|يقوم"  # verbs of duty: "undertakes", "is bound to", "carries out"


# "وقد وُضعت الخطة بالتنسيق مع …", "وتم …": a passive with no agent named was done by the
# body just spoken of
AR_SAME_SUBJECT = re.compile(
    rf"^\s*(?:كما\s+(?:ت|ي)\S{{2,}}|و?(?:{_AR_DUTY})\s|[وف]?(?:قد\s+)?(?:تم|تمّ|جرى|[أتي]ُ\S+)\s)")


# a project page's field lines: "Donor: X", "Implementing partners: A, B", "الجهة المنفذة: X"
FIELD_LABELS = (
    r"^\s*(?:[-•*]\s*)?(?:\*\*)?(?:(?P<fund>donors?|funders?|funded\s+by|financed\s+by|funding(?:\s+partners?)?|"
    r"(?:ال)?جه(?:ة|ات)\s+(?:ال)?(?:مانحة|ممولة)|المانحون|التمويل)|"
    r"(?P<impl>implementing\s+(?:partners?|agenc(?:y|ies)|organi[sz]ations?)|implemented\s+by|"
    r"(?:ال)?جه(?:ة|ات)\s+(?:ال)?منفذة|الشريك\s+المنفذ)|"
    r"(?P<partner>(?:project\s+)?partners?|الشركاء|الشريك))(?:\*\*)?")
FIELD_LABEL = re.compile(FIELD_LABELS + r"\s*[:：]", re.I)
# a label alone on its line, its value on the next ("Implementing partner" / blank / "X"): a web
# page's definition list read as text
FIELD_LABEL_ALONE = re.compile(FIELD_LABELS + r"\s*$", re.I)


# a news item's dateline: "BAGHDAD —", "ERBIL, Kurdistan Region (Outlet) –", "Mosul (Outlet) -",
# "بغداد/ المركز الخبري" — the place it was filed from, before the sentence proper
DATELINE = re.compile(
    r"^\s*(?:(?-i:[A-Z][A-Z’'\-]+(?:\s+[A-Z][A-Z’'\-]+)*)(?:,\s*[A-Z][\w ]{1,30})?\s*(?:\([^()]{1,40}\))?"
    r"|[A-Z][a-z]+(?:,\s*[A-Z][\w ]{1,30})?\s*\([^()]{1,40}\))\s*[—–-]{1,2}\s+"
    r"|^\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?[—–-]\s+(?=[A-Z])"  # "Baghdad- The Agency …"
    r"|^\s*[A-Z]\w+(?:\s[A-Z]\w+)?\s+News\s*/\s*"  # "Shafaq News/ Iraq and …"
    r"|^\s*[\u0621-\u064a]+(?:\s[\u0621-\u064a]+)?\s*/\s*"
    r"|^\s*[\u0621-\u064a]+\s+نيوز\s*[-–—/]\s*[\u0621-\u064a]+(?:\s[\u0621-\u064a]+)?(?:\s*[:،,])?\s+"  # "شفق نيوز- أربيل"
    r"|^\s*[\u0621-\u064a]+(?:\s[\u0621-\u064a]+)?\s*[-–—]\s*[\u0621-\u064a]+(?:\s[\u0621-\u064a]+){0,2}\s*\n")  # "بغداد- X نيوز⏎"
# A front-matter field of a document ("**Publisher:** …", "Source: …", "المصدر: …")
METADATA_LINE = re.compile(
    r"^\s*(?:[-*]\s*)?(?:\*\*|__)?(?:title|publisher|published by|date|source(?: address(?:es|\(es\))?)?s?|"
    r"url|link|author|authors|note|language|العنوان|الناشر|التاريخ|المصدر|المصادر|الرابط|ملاحظة)(?:\*\*|__)?\s*:"
    # a line that is only a web address (a list of sources): names no body, states nothing
    r"|^\s*(?:[-*]\s*)?<?(?:https?://|www\.)\S+>?\s*$",
    re.I,
)


# ("It is the X that runs …": a cleft names its subject, no pronoun)
COREF_THEY = re.compile(r"^(?:[A-Z][\w ,]{0,30},\s*)?(They|they|He|She|It)\b"
                        r"(?!\s+(?:is|was)\s+(?:the\s+)?[A-Z][^,.;]{0,80}?\s+(?:that|who|which)\b)")
# "From 2025 its coverage widened to A and B", "The declared aim is to reach B": the reach or the aim of
# the body the text was just speaking of
# "The project aims to …" after "X implements the Y project …": what the project does is its runner's remit
THE_PROJECT_DOES = re.compile(
    r"^[\s*_\-•]*(?:The|This|Its|Their)\s+(?:[\w\-]+\s+)?(?:project|programme|program|initiative)\s+(?:also\s+)?"
    r"(?:aims|seeks|works|will|focuses|targets|supports|provides|engages|helps|intends|trains|builds|strengthens|"
    r"promotes|is\s+designed|is\s+expected)\b")
RAN_A_PROJECT = re.compile(r"\b(?:implements?|implemented|runs?|ran|leads?|led|manages?|managed|launche[sd]|launch)\b"
                           r"[^.;]{0,80}?\b(?:project|programme|program|initiative)\b", re.I)
REACH_GREW = re.compile(
    r"^[\s*_\-•]*(?:(?:In|By|From|Since)\s+[*_]*\d{4}[*_]*,?\s+)?(?:its\s+|their\s+|the\s+)?(?:geographic(?:al)?\s+)?"
    r"(?:coverage|reach|presence|operations|activities|work)\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?"
    r"(?:widened|widening|expanded|extended|grew|spread|moved|broadened)\s+(?:to|into|across)\b"
    # "The declared aim is to reach every governorate": the aim of the body just named
    r"|^[\s*_\-•]*(?:The|Its|Their)\s+(?:stated\s+|declared\s+|main\s+|long-term\s+)?(?:goal|aim|objective|target|ambition)"
    r"\s+(?:is|was|will\s+be|remains)\s+to\s+[a-z]", re.I)


def _is_acronym(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9/&\-]{1,11}s?", s.strip()))


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


# a second clause with a holder of its own: "…; the Directorate shall …", "… ، وتتولى المنظمة …"
_CLAUSE_EN = re.compile(r";\s*(?:and\s+)?(?:the\s+)?$")


_CLAUSE_AR = re.compile(rf"[،,]\s*و(?:{_AR_DUTY}|تعمل|يعمل|يجب على|ينبغي على|يجوز ل|يمكن ل)\s*$")


_DUTY_AFTER = re.compile(r"\s+(?:shall|will|must|should|may|can|is responsible|are responsible|is to|are to)\b")


_NEEDS_OBJECT = {"funding", "supervision", "partnership", "support", "part_of", "leadership", "implementation"}


def _title_like(sent: str) -> bool:
    """A heading or a reference-list title, not a sentence that states something. An Arabic
    sentence has no capitals to read: its Latin acronyms ("(USIP)") make no title of it."""
    if is_arabic(sent):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", sent) if len(w) > 3]
    if not words:
        return False
    ratio = sum(w[0].isupper() for w in words) / len(words)
    return ratio >= 0.75 or (ratio >= 0.6 and not sent.rstrip().endswith((".", "!", "?", "؟")))


def _levels(sent: str) -> str:
    out: list[str] = []
    for m in LEVELS_RE.finditer(sent):
        for w in re.findall(r"[a-z\-]+", m.group(1).lower()):
            if w in LEVEL_WORDS and w not in ("and", "or"):
                out.append(w)
    return ",".join(dict.fromkeys(out))


_LIST_GAP = re.compile(
    r"\)?(?:['’]s?(?:\s+[a-z][\w\-]*){1,4})?"  # "X (ACR), Y"; "X's mediation project and Y": the owner X
    r"\s*(?:,|and|, and|&|،|، و)\s*(?:(?:by|with|from)\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,12}\s*\()?"  # an item known by the acronym in brackets
)


# what a run of capitalised words may carry after a body's name: an instrument it issued
# ("Security Council Resolution 1500"; "the Team for Resolution 2250" is named after one), a date
# ("Security Council in August")
_NAME_TAIL = re.compile(
    r"(?<! for)(?<! on)(?<! of)(?<! to)\s+(?:(?:Resolution|Decree|Decision|Order|Law)\s+(?:No\.?\s*)?\d+|(?:in|on)\s+(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b).*$")


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:’'\"")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = _NAME_TAIL.sub("", name)
    name = re.sub(r"['’]s?$", "", name)
    return name


def _trim_words(words: list[str]) -> list[str]:
    """Drop what precedes a body's name: "Head of the ...", "EU-funded ..."."""
    if len(words) > 2 and words[0].lower() in POST_HEADS and words[1] == "of":
        words = words[2:]
        if words and words[0].lower() == "the":
            words = words[1:]
    while words and re.fullmatch(r"[\w\-]+-(?:funded|led|based|supported|backed|run|sponsored|linked|affiliated|aligned|allied)", words[0], re.I):
        words = words[1:]
    # "Majid Hamdan of the Ministry of X": words with no head noun before "of the <head> …" are a
    # person's or a common noun's, not the body's
    of = next((k for k, w in enumerate(words) if w == "of"), -1)
    if of > 0 and not any(w.lower() in ORG_HEADS for w in words[:of]):
        j = of + 1 + (of + 1 < len(words) and words[of + 1].lower() == "the")
        if j < len(words) and words[j].lower() in ORG_HEADS and words[j][:1].isupper():
            words = words[j:]
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
    """The kind and level of a body the registry does not hold, from its name's words
    (rules/en/kinds.yaml, first rule that matches)."""
    whole = _kind_rule(name)
    if whole is None:
        return ActorKind.other.value, Level.unknown.value
    head = re.split(r"\s+of\s+", name, maxsplit=1)[0]
    if head != name and whole.kind in _STATE_KINDS:
        # "Planning Department of the X Ministry", "Secretariat of the Y Board": a unit of
        # the body its name goes on to name, at that body's level
        part = _kind_rule(head)
        if part is not None and part.kind is ActorKind.unit:
            return part.kind.value, (whole.level or part.level).value
    return whole.kind.value, whole.level.value


_STATE_KINDS = frozenset({ActorKind.ministry, ActorKind.committee, ActorKind.national_body})


def _kind_rule(name: str) -> rules.KindRule | None:
    return next((r for r in rules.kind_rules("en") if r.matches(name)), None)


def _place_level(gaz: Gazetteer, place_id: str) -> str:
    p = gaz.get(place_id)
    lvl = p.level if p else ""
    return {"subdistrict": "subdistrict", "district": "district", "governorate": "governorate"}.get(lvl, "")


def doc_language_default(pages: Sequence[tuple[int, str]]) -> str:
    text = " ".join(t for _, t in pages)
    return "ar" if is_arabic(text) else "en"
