"""Arabic rules for the extractor: bodies named by head nouns, modality, prepositions, posts.

Arabic names are head-initial idafa chains ("مديرية تربية الأنبار", "اللجنة الوطنية لمكافحة
التطرف العنيف"): a name starts at an organisational head noun and runs while the words can
continue a noun phrase. It ends at punctuation, at a function word, at a new head joined by و
(the next body of an enumeration), after "في <place>", or at an indefinite word that follows a
definite one (that word begins a new phrase: "مديرية الأحوال المدنية إصدار البطاقة").
Comparison is always on graph.names.normalize_arabic forms, so spelling variants (أ/ا, ة/ه,
ى/ي, attached و and ال) agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graph.model import ActorKind, Level
from graph.names import fold, normalize_arabic
from ingest import rules

_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0670-\u06d3\u064b-\u065f\u0640]+")


def _n(word: str) -> str:
    return normalize_arabic(word)


def _f(word: str) -> str:
    return fold(word)


# "… المؤدي إلى الإرهاب": a participle of "leading to" and its definite object stay in a name
_LEADING = {_f(w) for w in ("المؤدي", "المؤدية", "المفضي", "المفضية")}
# "مجلس النواب الموقر": a courtesy adjective closes a name; "مجلس الوزراء القائد العام": a post
# after a name's definite word begins its holder's title (rules/ar/posts.yaml post_heads)
_COURTESY = {_f(w) for w in ("الموقر", "الموقرة", "المحترم", "المحترمة", "الكريم", "الكريمة")}
_POST_WORDS = {_f(w) for w in rules.words("ar", "posts", "post_heads")}
# "المجلس المكوّن من …", "اللجنة المتمثلة بـ …": what a body is made of follows; no word of its name
_MADE_OF = {_f(w) for w in ("المكون", "المكونة", "المتمثل", "المتمثلة", "المؤلف", "المؤلفة", "المشكل", "المشكلة")}
_LEADING_TO = {_n(w) for w in ("إلى", "الى")}
# heads that name a body only with the article ("العتبة العباسية المقدسة")
_DEFINITE_ONLY = {_f("عتبة")}
# heads that name a body only in construct with its owner or place ("شرطة كربلاء")
# ("رابطة شيوخ العشائر" names a league; "الرابطة" alone is the one spoken of)
_CONSTRUCT_ONLY = {_f("شرطة"), _f("رابطة")}
# courtesy titles and ranks before a person's name (rules/ar/posts.yaml): they end a body's name
_HONORIFICS = {_n(w) for w in rules.words("ar", "posts", "honorifics")}

# head noun (normalised, without ال / و) -> kind, level
_HEADS_RAW = {
    "وزارة": (ActorKind.ministry, Level.national), "وزارات": (ActorKind.ministry, Level.national),
    "لجنة": (ActorKind.committee, Level.unknown), "لجان": (ActorKind.committee, Level.unknown),
    "مديرية": (ActorKind.unit, Level.governorate), "دائرة": (ActorKind.unit, Level.governorate),
    "قيادة": (ActorKind.unit, Level.governorate), "فرع": (ActorKind.unit, Level.governorate),
    "قسم": (ActorKind.unit, Level.unknown), "مكتب": (ActorKind.unit, Level.unknown),
    "ديوان": (ActorKind.national_body, Level.national), "مستشارية": (ActorKind.national_body, Level.national),
    "هيئة": (ActorKind.national_body, Level.national), "مفوضية": (ActorKind.national_body, Level.national),
    "مجلس": (ActorKind.committee, Level.unknown), "شعبة": (ActorKind.unit, Level.unknown),
    "وحدة": (ActorKind.unit, Level.unknown), "منتدى": (ActorKind.network, Level.unknown),
    "تحالف": (ActorKind.network, Level.unknown), "ائتلاف": (ActorKind.network, Level.unknown), "منظمة": (ActorKind.ngo, Level.unknown),
    "منظمات": (ActorKind.ngo, Level.unknown), "جمعية": (ActorKind.ngo, Level.unknown),
    "مؤسسة": (ActorKind.ngo, Level.unknown), "شبكة": (ActorKind.network, Level.unknown),
    "برنامج": (ActorKind.programme, Level.unknown), "صندوق": (ActorKind.donor, Level.international),
    "بعثة": (ActorKind.international_org, Level.international), "وكالة": (ActorKind.un_agency, Level.international),
    "اتحاد": (ActorKind.international_org, Level.international), "قائممقامية": (ActorKind.local_government, Level.district),
    "قائمقامية": (ActorKind.local_government, Level.district), "حكومة": (ActorKind.local_government, Level.unknown),
    "حكومات": (ActorKind.local_government, Level.unknown), "مركز": (ActorKind.unit, Level.unknown),
    # universities, institutes, services and forces name bodies as ministries do ("جامعة الموصل",
    # "معهد ... للسلام", "جهاز الأمن ...", "قوات ..."); a municipality is a local government
    "جامعة": (ActorKind.other, Level.unknown), "معهد": (ActorKind.ngo, Level.unknown),
    "جهاز": (ActorKind.national_body, Level.national), "قوات": (ActorKind.security_force, Level.unknown),
    "بلدية": (ActorKind.local_government, Level.city),
    # courts and police name bodies of the state as ministries do ("محكمة استئناف …", "شرطة …")
    "محكمة": (ActorKind.national_body, Level.unknown), "شرطة": (ActorKind.security_force, Level.unknown),
    # the administrations of the holy shrines ("العتبة الحسينية المقدسة") run centres, schools, media
    "عتبة": (ActorKind.religious_body, Level.unknown),
    # a league of members ("رابطة شيوخ العشائر"); not a team ("فريق التقييم" is a report's own team)
    "رابطة": (ActorKind.network, Level.unknown),
    # a university's college ("كلية الهندسة في جامعة …"), an academy, a professional syndicate
    # ("نقابة المعلمين")
    "كلية": (ActorKind.unit, Level.unknown), "أكاديمية": (ActorKind.other, Level.unknown),
    "نقابة": (ActorKind.network, Level.unknown),
    # a project is named as a programme is ("مشروع مدارس الدلتا"); not a draft law (_DRAFTS)
    "مشروع": (ActorKind.programme, Level.unknown),
    # plurals that name a class of bodies ("والأجهزة الأمنية", "والمؤسسات التعليمية"): another body
    # begins there, never a word of the name before ("جهاز الأمن الوطني والأجهزة الأمنية")
    "أجهزة": (ActorKind.security_force, Level.unknown), "مؤسسات": (ActorKind.other, Level.unknown),
    "دوائر": (ActorKind.unit, Level.unknown), "مديريات": (ActorKind.unit, Level.unknown),
    "هيئات": (ActorKind.national_body, Level.unknown),
}
# people an event is for, after "لل" ("ورشة … للباحثين الاجتماعيين"): never a word of a body's name
_AUDIENCE = {_f(w) for w in ("باحثين", "طلبة", "طلاب", "نزلاء", "موظفين", "منتسبين", "ملاكات", "كوادر", "مشاركين",
                             "حاضرين", "معلمين", "مدرسين", "مستفيدين")}
# "مشروع قانون …", "مشروع قرار …": a draft of an instrument, no project
_DRAFTS = {"قانون", "القانون", "قرار", "القرار", "نظام", "النظام", "تعليمات", "الموازنة", "موازنة", "اتفاقية", "الاتفاقية"}
# "الوحدة الوطنية", "وحدة العراق", "وحدة الصف": unity, not a unit ("وحدة الشرطة المجتمعية" is one)
_UNITY = {_f(w) for w in ("الوطنية", "الصف", "الكلمة", "الموقف", "البلاد", "الشعب", "الأراضي", "أراضي", "اراضي",
                          "المجتمع", "الوطن", "المصير")}
# events a body holds: after the name's adjective they begin the verb's object ("أقامت الجمعية من
# خلال مركز X الثقافي المؤتمر الأول …"); right after a head they are its name ("لجنة المؤتمر")
_EVENTS = {_f(w) for w in ("مؤتمر", "ندوة", "ورشة", "اجتماع", "حفل", "مهرجان", "ملتقى", "احتفالية", "حملة", "دورة",
                           "جلسة", "زيارة")}
# what a body gives or is ("تقدم منظمة X الدعم الفني", "تعد X الجهة المانحة"): the verb's object after the name
_GIVEN = {_f(w) for w in ("دعم", "مساعدة", "مساعدات", "تدريب", "جهة", "منحة", "منح", "تمويل", "متابعة", "تنسيق",
                          "إشراف", "اشراف", "تنفيذ", "رقابة", "رصد", "تقييم")}
HEADS = {_f(k): v for k, v in _HEADS_RAW.items()}
UNIT_WORDS = {_f(w) for w in ("قسم", "شعبة", "وحدة", "مكتب")}
# "فرع وزارة ...", "مكتب هيئة ...": a branch named after the body it belongs to
BRANCH_WORDS = {_f(w) for w in ("فرع", "مكتب", "ديوان")}
OFFICE = _f("ديوان")
MINISTRY = _f("وزارة")  # "ديوان وزارة X": the ministry's central office, which speaks for it
MINISTRY_WORDS = {_f(w) for w in ("وزارة", "هيئة", "ديوان", "مفوضية")}
_PLURAL_HEADS = {_f(w) for w in ("وزارات", "لجان", "منظمات", "حكومات", "أجهزة", "مؤسسات", "دوائر", "مديريات", "هيئات")}
_GENERIC_ADJ = {_f(w) for w in ("محلية", "دولية", "أممية", "عراقية", "أجنبية", "حكومية", "مختصة", "معنية", "جديدة",
                                 "محلي", "دولي", "أممي", "عراقي", "أجنبي", "حكومي", "مختص", "معني", "جديد", "خاص", "خاصة")}
# "القوات الأمنية", "القوات المسلحة": forces described, not named; only a name follows ("قوات النخبة")
# "البرنامج الحكومي", "المشروع الحيوي": a programme or project described, not named
_FORCE_HEADS = {_f("قوات"), _f("برنامج"), _f("مشروع")}
_GENERIC_DEF_ADJ = {_f(w) for w in (
    "الأمنية", "المسلحة", "العسكرية", "الحكومية", "المحلية", "الدولية", "الأجنبية", "العراقية", "الاتحادية",
    "النظامية", "الخاصة", "المشتركة", "البرية", "الجوية", "التابعة",
    "الحكومي", "المحلي", "الدولي", "الأمني", "العسكري", "الخاص", "المشترك", "الاتحادي", "الوطني", "الجديد",
    "الحيوي", "الكبير", "المهم", "الأول", "الاستراتيجي", "الإستراتيجي", "الحالي", "المقترح", "المذكور")}
# "برنامج X لرئيس الوزراء", "مكتب X لوزير ...": a ل + post word is the post's holder, not the name
_POST_AFTER_LAM = {_f(w) for w in ("رئيس", "رئيسة", "وزير", "وزيرة", "مدير", "مديرة", "محافظ", "نائب", "ممثل", "مستشار")}

# definite adjectives that describe any body and name none ("الشبكة الرسمية", "الجهة المعنية")
_DESCRIBING = {_f(w) for w in ("الرسمية", "الرسمي", "المعنية", "المعني", "المختصة", "المختص", "المذكورة", "المذكور",
                                "المحلية", "المحلي")}
# "الحكومة المحلية", "السلطات المحلية": the local government the text speaks of, not a body of
# that name (stage_discourse points it at the latest local government named)
LOCAL_GOVERNMENT = re.compile(
    r"(?<![\w\u0640])[وف]?(?:لل|بال|ال)(?:حكومة|حكومه|سلطة|سلطه|سلطات|إدارة|ادارة|إداره|اداره)\s+(?:ال)?محلي[ةه](?![\w\u0640])")
# a preposition with a pronoun after a ل-noun makes it an act on something: "للمصادقة عليها"
_ACTION_OBJECT = {_f(w) for w in ("عليها", "عليه", "عليهم", "لها", "له", "بها", "به", "فيها", "فيه", "منها", "منه")}
# proper nouns of regions and neighbours, definite without ال like a place of the gazetteer
_PROPER = {_f(w) for w in ("كوردستان", "كردستان", "سوريا", "سورية", "تركيا", "إيران", "ايران", "الأردن")}
# words that never continue a name
_STOP = {_n(w) for w in (
    "على", "عن", "من", "إلى", "الى", "مع", "عبر", "خلال", "التي", "الذي", "الذين", "ثم", "أو", "او", "كما",
    "بعد", "قبل", "حتى", "لدى", "برئاسة", "التابعة", "التابع", "بالتنسيق", "بدعم", "بتمويل", "بالشراكة",
    "بالتعاون", "وهي", "وهو", "هي", "هو", "إذ", "اذ", "فيما", "بينما", "كافة", "جميع", "كل", "ضمن", "منذ",
    "عند", "بين", "هذا", "هذه", "ذلك", "تلك", "قد", "لا", "لم", "لن", "ما", "أن", "ان", "إن", "الآتية",
    "داخل", "خارج", "حول", "ضد", "نحو", "لصالح", "بحضور", "وفق", "وفقا", "حيث", "أمام", "امام", "عقب",
    # "لدى" with a pronoun ("مستشارية الأمن لديها شراكات"): "has", never a word of a name
    "لديها", "لديه", "لديهم", "لدينا", "لديهما",
)}
_PREPOSITIONS = {_n(w) for w in (
    "في", "من", "إلى", "الى", "مع", "عن", "عبر", "خلال", "بين", "لدى", "حول", "ضد", "نحو", "إلى",
    "بالتنسيق", "بالتعاون", "بالشراكة", "بدعم", "بتمويل", "التابعة", "التابع", "عضوية", "عضويتها",
    # list lead-ins: "…، منها X وY", "في مقدمتها X": the bodies that follow are listed, not subjects
    "منها", "ومنها", "مقدمتها", "مقدمتهم", "بينها", "بينهم", "أبرزها", "ابرزها", "سيما",
    # "إلى جانب X", "بجانب X": alongside X, a compound preposition
    "جانب", "بجانب",
)}
# modal verbs whose preposition marks the holder: "يجب على X", "يجوز لـX", "يمكن لـX"
_HOLDER_VERBS = {_n(w) for w in ("يجب", "يجوز", "يمكن", "ينبغي", "يتعين", "يحق", "يوصى", "بإمكان", "بامكان")}

STATUS_RECOMMENDED = re.compile(
    # a word of its own, with an attached و / ف: "حث" inside "أبحاث" is no call
    r"(?<![^\W_])[وف]?(?:يوصى|يوصي|نوصي|توصي|أوصى|اوصى|أوصت|اوصت|ينبغي|يُستحسن|يستحسن|يقترح|يُقترح|اقترح|تقترح|نقترح|من المستحسن|من الضروري أن|يُنصح|ينصح|حثّ?|حثّ?ت|دعا|دعت)"
)
# calls and demands as news reports word them, and intentions not yet in force ("يعتزم", "توجّه
# لإنشاء", "بانتظار المصادقة", "لم يُنشأ بعد"); read after the modals of option, so "يمكن لـX ...
# خطب تدعو إلى ..." stays X's option
STATUS_CALLED = re.compile(
    r"(?<!\w)[وف]?(?:تدعو|يدعو|ندعو|تطالب|يطالب|نطالب|طالب|طالبت|طالبوا|ضرورة|بضرورة|ضروري|ضرورية|تعتزم|يعتزم|تنوي|ينوي|بانتظار)(?!\w)|"
    r"توجّ?ه\s+ل|(?<!\w)لم\s+\S+\s+بعد(?!\w)"
)
STATUS_OPTION = re.compile(r"(?:يجوز|يمكن|بإمكان|بامكان|له أن|لها أن|لهم أن|يحق|يُسمح|يسمح|اختيار|الخيار|أو يمكنها|مخول(?:ة|ون)?\s+ب|صلاحية\s+)")


def status_of(sent: str) -> str:
    if STATUS_RECOMMENDED.search(sent):
        return "recommended"
    if STATUS_OPTION.search(sent):
        return "option"
    if STATUS_CALLED.search(sent):
        return "recommended"
    return ""


def _split_head(word: str) -> tuple[str, str] | None:
    """(prefix, head) when ``word`` is an organisational head, bare or with و / ب / ل / ال."""
    w = _f(word)
    for p in ("", "ال", "وال", "بال", "لل", "و", "ب", "ل"):
        if w.startswith(p):
            rest = w[len(p):]
            if rest in HEADS:
                return p, rest
    return None


def joined_by_waw(text: str) -> bool:
    """Does an Arabic name carry the و of a list ("ووزارة الصحة", "والمنظمة")? The و that begins
    "وزارة" or "وكالة" is the word's own letter, not "and"."""
    words = text.split()
    if not words or not words[0].startswith("و"):
        return False
    sh = _split_head(words[0])
    return sh[0].startswith("و") if sh else True


def head_noun(word: str) -> str:
    """The organisational head a word is ("اللجنة" -> "لجنه"), or ""."""
    sh = _split_head(word)
    return sh[1] if sh else ""


def is_unit_word(word: str) -> bool:
    """"قسم", "شعبة", "وحدة", "مكتب" (bare): a unit inside a body, named in a person's post."""
    return _f(word) in UNIT_WORDS


def head_of(word: str) -> tuple[ActorKind, Level] | None:
    sh = _split_head(word)
    return HEADS[sh[1]] if sh else None


def org_phrases(text: str, is_place: Callable[[str], bool],
                closes_name: Callable[[str], bool] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of bodies named in Arabic; ``is_place`` tells place names, and
    ``closes_name`` (default: the same) the places after which a name ends: a sub-district named
    by a common noun ("السلام", "الحرية") is a word of the name ("مؤسسة السلام المستدام")."""
    closes = closes_name or is_place
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        sh = _split_head(w)
        if sh is None or _n(w) in _STOP or _f(w) in _STOP:
            i += 1
            continue
        prefix, head = sh
        # "للجنة" is ل + "اللجنة" (the article's ل merges with the head's own)
        definite = "ال" in prefix or prefix in ("لل",) or prefix == "ل" and head.startswith("ل")
        if not definite and head in _DEFINITE_ONLY:
            i += 1  # "عتبة باب المدرسة": a threshold; "العتبة الحسينية" names the shrine's administration
            continue
        if head == _f("وحدة") and i + 1 < len(words) and (_f(words[i + 1][2]) in _UNITY or is_place(words[i + 1][2])):
            i += 1  # "الوحدة الوطنية", "وحدة العراق": unity
            continue
        if head == _f("مشروع") and i + 1 < len(words) and (words[i + 1][2] in _DRAFTS or _split_head(words[i + 1][2])):
            i += 1  # "مشروع قانون مكافحة الإرهاب": a draft law; "مشروع المنظمة الدولية …": that body's project
            continue
        if definite and head in _CONSTRUCT_ONLY:
            i += 1  # "ضباط للشرطة المجتمعية": policing as a function; "شرطة كربلاء" names the force
            continue
        first = ("ال" if definite else "") + w[len(prefix):] if prefix else w
        ends: list[int] = [e]
        after_place = False
        # "لمتابعة تنفيذ استراتيجية مكافحة التطرف": after a purpose noun, a chain of nouns in
        # construct belongs to the name when a definite word closes it (else it is dropped)
        chain: list[int] = []
        j = i + 1
        while j < len(words) and j - i < 12:
            ps, pe, nw = words[j]
            if re.search(r"[^\s\u0640]|\n", text[words[j - 1][1]:ps]):  # punctuation or a line break ends the name
                break
            fw = _f(nw)
            if _n(nw) in _LEADING_TO and _f(words[j - 1][2]) in _LEADING and j + 1 < len(words) and \
                    _f(words[j + 1][2]).startswith("ال") and not re.search(r"[^\s\u0640]", text[pe:words[j + 1][0]]):
                ends.append(words[j + 1][1])  # "التطرف العنيف المؤدي إلى الإرهاب": "leading to" is the name's
                j += 2
                continue
            if _n(nw) in _STOP or fw in _STOP or fw.startswith("بال") or fw in _MADE_OF or fw in _COURTESY:
                break
            if fw.startswith("ال") and fw[2:] in _POST_WORDS and j > i + 1 and _f(words[j - 1][2]).startswith("ال"):
                break
            nh = _split_head(nw)  # "فرع وزارة ...": the و of وزارة is its own letter, not "and"
            if nh is not None and (definite or nh[0].startswith(("و", "ل", "ب"))):
                break  # another head noun begins the next body ("شبكة منظمات ..." is one name)
            if _n(nw) in _HONORIFICS and j + 1 < len(words) and (
                    not _f(words[j + 1][2]).startswith("ال") or _n(words[j + 1][2]) in _HONORIFICS):
                break  # "مدير دائرة X العميد فلان": a rank or title opens the holder's name, not the body's
            if fw == _f("في"):
                k, span = j + 1, []
                while k < len(words) and k - j <= 3 and not re.search(r"[^\s]", text[words[k - 1][1]:words[k][0]]):
                    span.append(words[k][2])
                    if is_place(" ".join(span)):
                        ends.append(words[k][1])
                        j = k + 1
                        break
                    k += 1
                break
            is_def = fw.startswith(("ال", "وال", "لل"))
            # "المنظمات غير الحكومية": "غير" + a definite adjective continues the name ("non-")
            negated_adj = fw == _f("غير") and j + 1 < len(words) and _f(words[j + 1][2]).startswith("ال")
            purpose = definite and j > i + 1 and (chain or _f(words[j - 1][2]).startswith("ل")
                                                  and not _f(words[j - 1][2]).startswith(("لل", "ال")))
            if definite and not is_def and not fw.startswith(("ل", "و")) and not negated_adj and purpose \
                    and len(chain) < 5 and not _f(words[j - 1][2]).startswith(("ال", "لل")):
                chain.append(pe)  # kept only if a definite word closes the chain
                j += 1
                continue
            if chain and is_def:
                ends += chain
                chain = []
            elif chain:
                break
            # (a verbal noun: "وتطوير", "وتنمية", "وإعداد"; not a verb, "وتعاونت", "وتضمنت")
            if definite and len(fw) >= 6 and (fw[1] == "ت" and fw[4] == "ي" or fw[1] in "إا" and fw[4] == "ا") and fw[0] == "و" \
                    and j + 1 < len(words) and \
                    _f(words[j + 1][2]).startswith("ال") and not re.search(r"[^\s\u0640]", text[pe:words[j + 1][0]]):
                ends.append(words[j + 1][1])  # "دائرة الدراسات وتطوير الملاكات": a second task of the name
                j += 2
                continue
            if definite and not is_def and not fw.startswith("ل") and not negated_adj:
                break  # an indefinite word after a definite one begins a new phrase
            if is_def and j > i + 1 and fw.startswith("ال") and fw[2:] in _EVENTS and _f(words[j - 1][2]).startswith("ال"):
                break  # "مركز X الثقافي المؤتمر الأول": the event is the verb's object
            if j > i + 1 and fw.startswith("ال") and fw[2:] in _GIVEN:
                break  # "تقدم منظمة X للتنمية الدعم الفني": what it gives, not its name
            if fw.startswith("لل") and fw[2:] in _AUDIENCE:
                break  # "دائرة X للباحثين الاجتماعيين": whom a workshop served, not the name
            if j + 1 < len(words) and _f(words[j + 1][2]) in _ACTION_OBJECT and not re.search(
                    r"[^\s\u0640]", text[pe:words[j + 1][0]]):
                # "مجلس الوزراء للمصادقة عليها", "برنامج تدريبي تعمل عليه الوزارة": an act and its
                # object ("for ratifying it", "the ministry works on it"), not the name
                break
            if fw.startswith("ل") and not fw.startswith("لل") and fw[1:] in _POST_AFTER_LAM:
                break
            if fw.startswith("ل") and not fw.startswith("لل") and len(fw) >= 5 and fw.endswith(("هم", "هن", "كم")):
                break  # "مركز X لتأهيلهم": "to rehabilitate them" is an act, not the name
            if j + 2 < len(words) and _f(words[j + 1][2]) == _f("من") and _f(words[j + 2][2]) in (_f("قبل"), _f("طرف")):
                break  # "برنامج X المدار من قبل Y": "run by Y" says who runs it, not its name
            if j == i + 1 and "ال" in prefix and fw.startswith("ل") and not fw.startswith(("لل", "ال")):
                break  # "خطة الوزارة لإنهاء ملف النزوح": the ministry just named, and what its plan is for
            if j == i + 1 and not definite and (fw in _GENERIC_ADJ or fw.startswith("ل") and not nw.startswith("لا")):
                ends = []  # "منظمة محلية", "مركز للتدريب": a description, not a name
                break
            if after_place and not fw.startswith("ل"):
                break  # "مديرية تربية الأنبار الدعم ...": a place closes the name
            if definite and fw.startswith("ل") and not fw.startswith(("لل", "ال")) and j + 1 < len(words) \
                    and not _f(words[j + 1][2]).startswith(("ال", "وال", "لل")):
                # "وكالة الشرطة لتحقيق إصلاحات ملموسة": "to achieve reforms" is the clause's aim; a
                # name's own purpose ("لمتابعة تنفيذ استراتيجية مكافحة التطرف") ends in a definite word
                chain.append(pe)
                j += 1
                continue
            definite = definite or is_def or fw in _PROPER  # "حكومة كوردستان حريصة": a name ends there
            ends.append(pe)
            j += 1
            after_place = closes(nw)
        if not ends or head in _PLURAL_HEADS:
            i = max(j, i + 1)
            continue
        end = ends[-1]
        phrase = (first + text[e:end]).strip()
        # a name is definite somewhere ("مديرية تربية الأنبار", "منظمة أطباء العالم"); words that
        # are all indefinite describe a body without naming it ("برنامج خاص", "لجنة وزارية مكلفة")
        named = any(_f(x).startswith(("ال", "وال", "لل")) or is_place(x) for x in phrase.split())
        if head in _FORCE_HEADS and all(_f(x) in _GENERIC_DEF_ADJ for x in phrase.split()[1:]):
            named = False
        if all(_f(x) in _DESCRIBING for x in phrase.split()[1:]):
            named = False  # "الشبكة الرسمية", "المديرية المعنية": a body described, never named
        if len(phrase.split()) > 1 and phrase.split()[0].startswith("ال") and _f(phrase.split()[1]) == _f("في"):
            named = False  # "الجمعية في نينوى": the body spoken of before, where it works; no name
        if len(phrase.split()) > 1 and phrase.split()[0].startswith("ال") and _n(phrase.split()[1]).startswith(_n("لشؤون")):
            named = False  # "وكيل الوزارة لشؤون الشباب": the ministry spoken of, and the post's remit
        if len(phrase.split()) >= 2 and named:
            out.append((s, end, phrase))
        i = max(j, i + 1)
    return out


# "وزارتي التخطيط والهجرة والمهجرين": the dual names two ministries, each "وزارة" + its item
_DUAL_MINISTRIES = re.compile(r"(?<![\w\u0640])[وبل]?(?:ال)?وزارت[يا]\s+((?:ال\S+\s+){0,2}?)و(ال\S+(?:\s+(?:و?ال\S+))?)")


def dual_ministries(sent: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each ministry of "وزارتي X وY" (a trailing adjective of both,
    "العراقية", is neither's); X's span is its words, Y's its words after the و."""
    out: list[tuple[int, int, str]] = []
    for m in _DUAL_MINISTRIES.finditer(sent):
        first = m.group(1).strip()
        second = re.sub(r"\s+(?:ال)?(?:عراقية|اتحادية|اتحاديتين|عراقيتين)$", "", m.group(2).strip())
        if not first:
            continue
        out.append((m.start(1), m.start(1) + len(first), "وزارة " + first))
        out.append((m.start(2), m.start(2) + len(second), "وزارة " + second))
    return out


# what a news item opens with before its clause ("تنفيذاً للاستراتيجية …،", "في إطار …،")
_OPENER = r"(?:(?:تنفيذ|استكمال|استمرار|دعم)[اًا]*\s+ل|في\s+[إا]طار\s|ضمن\s|بهدف\s)[^،,.]{0,120}[،,]\s*"
_COMMA = re.compile(r"[،,]\s*")
_FRONTED_ATTENDANCE = re.compile(rf"(?:\s*{_OPENER})?\s*[وف]?ب(?:مشاركة|حضور|رعاية)(?![\w\u0640])")


def fronted_attendance_end(sent: str) -> int:
    """Where the clause begins after a fronted "بمشاركة / بحضور / برعاية …" (0 if none): those who
    took part or attended are listed before the event's holder ("بمشاركة A وB، أقامت C …"); a
    comma followed by "و" or a definite word still lists them ("بحضور A، وB، أقامت …")."""
    fronted = _FRONTED_ATTENDANCE.match(sent)
    if not fronted:
        return 0
    for m in _COMMA.finditer(sent, fronted.end()):
        nxt = _WORD.match(sent, m.end())
        if nxt and not _f(nxt.group(0)).startswith(("و", "ال")):
            return m.end()
    return 0


def governed(before: str) -> bool:
    """Is the Arabic word right before a mention a preposition (not a holder marker)?"""
    ws = _WORD.findall(before)
    if not ws:
        return False
    last = _n(ws[-1])
    if last in (_n("على"), _n("ل")) and len(ws) >= 2 and _n(ws[-2]) in _HOLDER_VERBS:
        return False
    return last in _PREPOSITIONS


def attached_preposition(mention_text: str, before: str) -> bool:
    """"لمنظمات المجتمع المدني" after a noun is governed by its attached ل / ب; after a modal
    ("يمكن لمنظمات ...") the ل marks the holder instead."""
    sh = _split_head(mention_text.split()[0]) if mention_text.split() else None
    if not sh or sh[0] not in ("ب", "ل", "لل", "بال"):
        return False
    ws = _WORD.findall(before)
    return not (ws and _n(ws[-1]) in _HOLDER_VERBS)


# "منظمة «X» (Latin)", "ومنظمتا «X» (A) و«Y» (B)": bodies named in quotes after a head noun
_QUOTED_HEADS = "منظمة|منظمتا|منظمتي|منظمات|جمعية|جمعيتا|مؤسسة|مؤسستا|شبكة|مبادرة|مركز|منتدى|حركة|رابطة|اتحاد"
# "الوزارة", "واللجنة", "للمنظمة": a bare definite head noun points back to the latest body named
# by the same head (stage_discourse._antecedent); one followed by a definite word is a name or a
# description of its own ("الوزارة المعنية") and is left to the name rules
ANAPHOR_AR = re.compile(
    r"(?<![\w\u0640])([وف]?(?:لل|بال|ال)(?:وزارة|لجنة|هيئة|منظمة|مديرية|دائرة|مفوضية|بعثة|وكالة|جمعية|مؤسسة|"
    r"شبكة|منتدى|مجلس|مركز|جامعة|معهد|بلدية|مستشارية|قيادة|جهاز))(?![\w\u0640])(?!\s+[وف]?ال)")
# "وزارة X في حكومة إقليم كوردستان", "وزارة X بحكومة الإقليم": the region's own ministry, never the
# federal one of the same name (Iraq has one region with a government of its own)
REGIONAL_OWNER = re.compile(
    r"\s+(?:في\s+|ب)(?:حكومة\s+(?:إقليم|اقليم)\s+(?:كوردستان|كردستان)(?:\s+العراق)?|حكومة\s+(?:الإقليم|الاقليم))(?![\w\u0640])")
REGION_GOVERNMENT = "حكومة إقليم كوردستان"
# "المشاريع التي تنفذها X": X is the subject of a relative clause, not of the sentence
RELATIVE_VERB = re.compile(r"(?<!\w)(?:التي|الذي|الذين|اللتان|اللذان|اللتين|اللذين|اللواتي)\s+\S+\s*$")
# "... ومنظمة «X»": a quoted body joined by و to the one before it (an item of a list, not a subject)
QUOTED_LIST_ITEM = re.compile(rf"\)?\s*،?\s*و(?:(?:{_QUOTED_HEADS})\s*)?«\s*$")
QUOTED_NAME = re.compile(r"«([^»]{2,40})»(?:\s*\(([A-Za-z][\w .&'\-]{1,40})\))?")
QUOTED_BODIES = re.compile(
    rf"(?:^|\s)[وف]?({_QUOTED_HEADS})\s+«[^»]{{2,40}}»(?:\s*\([A-Za-z][\w .&'\-]{{1,40}}\))?"
    rf"(?:\s*(?:،|و|,)\s*«[^»]{{2,40}}»(?:\s*\([A-Za-z][\w .&'\-]{{1,40}}\))?)*"
)
# relation cues, each followed by the object body
SUPPORT_BY = re.compile(r"بدعم (?:من|مقدم من)\s*")
FUNDED_BY = re.compile(r"بتمويل (?:من)?\s*")
PARTNER_WITH = re.compile(r"(?:بالشراكة|بالتعاون|بالتنسيق) مع\s*")
SUPPORTS = re.compile(r"(?:^|\s)[وف]?(?:ت|ي)دعم\s+")
FUNDS = re.compile(r"(?:^|\s)[وف]?(?:ت|ي)موّ?ل\s+")
SUPERVISES = re.compile(r"(?:^|\s)[وف]?(?:تُ|يُ|ت|ي)شرف\s+")
# "وتضم اللجنة في عضويتها X، وY": the holder is before the list (or named inside the cue)
MEMBERS = re.compile(r"(?:تضم|يضم|وتضم|ويضم)((?:\s+\S+){0,2})\s+(?:في\s+)?عضويت(?:ها|ه)\s*")
# "وهي عضو في X", "بتسمية ممثل دائم لها في X": the subject is a member of X (named right after)
MEMBER_IN = re.compile(r"(?:عضو|عضوا|عضواً|أعضاء|اعضاء|ممثل|ممثلا|ممثلاً)(?:\s+(?:دائم|دائماً|دائما|لها|له|لهم)){0,2}\s+في\s*")
# "هذا البرنامج", "هذه المشاريع": what the previous sentence spoke of
DEMONSTRATIVE = re.compile(r"\s*(?:هذا|هذه|هذان|هاتان|ذلك|تلك)\s")
# ("التابع للعتبة": the attached ل stays with the body named after it)
# ("التابعين للجنة", "التابعتين …": the dual and plural of "التابع" too)
PART_OF = re.compile(r"(?:التابعة|التابعين|التابعتين|التابعان|التابعون|التابع)\s+(?:لـ\s*|ل\s+|إلى\s+|الى\s+)?|(?:^|\s)[وف]?(?:ت|ي)تبع\s+")

BASED_IN = re.compile(r"(?:مقرها|مقره|ومقرها|لها مكاتب في|له مكاتب في|مكاتبها في)")

POSTS_AR = (
    "رئيس", "رئيسة", "مدير", "مديرة", "مقرر", "مقررة", "محافظ", "معاون", "ممثل", "ممثلة", "منسق", "منسقة",
    "وزير", "وزيرة", "نائب", "عضو", "قائممقام", "قائمقام", "مستشار", "مستشارة", "أمين", "امين", "مسؤول", "مسؤولة",
)
PERSON_POST = re.compile(
    r"(?:السيد|السيدة|الدكتور|الدكتورة|د\.)?\s*((?:[\u0621-\u064a]+\s+){1,4}[\u0621-\u064a]+)،\s*("
    + "|".join(POSTS_AR) + r")\s+((?:[\u0621-\u064a]+\s*){1,8})"
)

# Classes of bodies named in the plural ("الجامعات", "منظمات دولية", "مؤسسات حكومية وأمنية"): a
# class is keyed by what it reaches (ingest/cues.py CLASS_PATTERNS), so its English and Arabic
# wordings are one node; an idle class (neither acts nor is acted on) is dropped at the end.
_PRE = r"(?<!\w)[وف]?(?:لل|بال|ال|ب|ل)?"
# the و / ف that joins a class to a list ("والجامعات", "ومنظمات ...") is no part of its name
LIST_WAW = re.compile(r"^[وف](?=(?:ال|لل|بال|منظمات|وسائل|مؤسسات|جهات|جامعات|مدارس|دوائر|حكومات|سلطات|وزارات|شيوخ|وجهاء|زعماء))")
_DEF = r"(?:ال)?"
CLASS_PATTERNS_AR: list[tuple[re.Pattern[str], str, ActorKind, Level]] = [
    (re.compile(rf"{_PRE}جامعات(?:\s+{_DEF}(?:عراقية|حكومية|أهلية|اهلية))?(?!\w)"), "universities", ActorKind.other, Level.unknown),
    (re.compile(rf"{_PRE}مدارس(?!\w)"), "schools", ActorKind.other, Level.unknown),
    # "وسائل الإعلام" as a class; "وسائل إعلام محلية" (some outlets) only reports
    (re.compile(rf"{_PRE}وسائل\s+ال[إا]علام(?!\w)"), "media", ActorKind.other, Level.unknown),
    (re.compile(rf"{_PRE}منظمات\s+{_DEF}(?:دولية|أممية|اممية)(?!\w)"), "international-organisations",
     ActorKind.international_org, Level.international),
    # "وجهاء عشائر وشيوخ من المكوّن التركماني": the leaders of named communities' tribes, a
    # party that acts (announces, signs); "شيوخ العشائر" alone is a part of society, not a body
    (re.compile(rf"{_PRE}(?:شيوخ|زعماء|وجهاء)\s+{_DEF}عشائر(?:\s+و{_DEF}(?:وجهاء|شيوخ|زعماء))?"
                rf"\s+من\s+{_DEF}(?:مكون|مكونين|مكونات|مكوّن|مكوّنين|مكوّنات)(?:\s+{_DEF}\w{{2,}}ي(?:ين)?){{1,2}}"
                rf"(?:\s+و{_DEF}\w{{2,}}ي(?:ين)?)?(?!\w)"), "tribal-leaders", ActorKind.other, Level.unknown),
    (re.compile(rf"{_PRE}(?:مؤسسات|جهات|دوائر)\s+{_DEF}(?:حكومية|رسمية)(?:\s+و{_DEF}أمنية)?(?!\w)|{_PRE}مؤسسات\s+الدولة(?!\w)"),
     "government-institutions", ActorKind.national_body, Level.national),
]


# "لجنةٌ وزارية مكلفة بملف مخيم X", "فريق مكلف بمتابعة ملف Y": a body named by its task. The name
# runs to the first definite word (or place) after the preposition, within four words.
TASK_BODY = re.compile(
    r"(?<![\w\u0640])(?:لجنة|هيئة|فريق|خلية)[\u064b-\u0652]*\s+"
    r"(?:(?:عليا|وزارية|مشتركة|فنية|تنسيقية|خاصة|حكومية|وطنية)[\u064b-\u0652]*\s+)?"
    r"(?:مشرفة|مكلفة|مختصة|معنية|مسؤولة|مشرف|مكلف|مختص|معني|مسؤول)[\u064b-\u0652]*\s+(?:(?:على|عن)\s+|ب(?=\w))")


def task_bodies(text: str, is_place: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of bodies named by their task (see TASK_BODY)."""
    out = []
    for m in TASK_BODY.finditer(text):
        end = m.end()
        for k, w in enumerate(_WORD.finditer(text, m.end())):
            if k >= 4 or re.search(r"[^\s\u0640]", text[end : w.start()]) and k:
                break
            end = w.end()
            fw = _f(w.group(0))
            if fw.startswith(("ال", "بال", "وال")) or is_place(w.group(0)) or _n(w.group(0)) in _PROPER:
                if k >= 1:  # "مختصة بالأمر" names no task: the task is a phrase of two words or more
                    out.append((m.start(), end, text[m.start() : end]))
                break
    return out


# "وقّعت محافظة نينوى …", "أعلنت محافظة البصرة …": a governorate right after a verb of action acts,
# so it is its local government; "في محافظة نينوى" stays a place
GOVERNORATE_ACTS = re.compile(
    r"(?:^|[\s*])[وف]?(?:أعلنت|اعلنت|قررت|أكدت|اكدت|وقّعت|وقعت|طالبت|دعت|نفذت|نفّذت|افتتحت|أطلقت|اطلقت|باشرت|شرعت|"
    r"خصصت|خصّصت|وزعت|وزّعت|صادقت|تعتزم|تسعى|قامت|أصدرت|اصدرت|استضافت|نظمت|نظّمت|رفضت|وافقت|تبنت|تبنّت|تعهدت|"
    r"تعهّدت|شكلت|شكّلت|أنشأت|انشأت|موّلت|مولت|دعمت)\s+(محافظة\s+([\u0621-\u064a]+))")


_REPORTS = rules.load("ar", "reports")


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# verbs that report speech (ingest/rules/ar/reports.yaml), as a word with an attached و / ف
REPORTING = re.compile(rf"(?<![\w\u0640])[وف]?(?:{_alt(_REPORTS['reporting_verbs'])})(?![\w\u0640])")
# "وبحث الاجتماع …", "وقرر المجتمعون …": a meeting speaks for the body that held it, the one the
# sentence before named (an Arabic report names the meeting's holder once, then its meeting)
MEETING_SUBJECT = re.compile(
    rf"^\s*[وف]?(?:{_alt(_REPORTS['meeting_verbs'])})\s+(?:ال)?(?:{_alt(_REPORTS['meeting_words'])})(?![\w\u0640])")
# "وقال إن …", "وأضافت أن …": a report that names no speaker goes on with the speaker before it
SPEAKER_GOES_ON = re.compile(rf"^\s*{REPORTING.pattern}\s+(?:إلى\s+|على\s+)?ب?[أإ]نّ?(?:ه|ها|هم|هما)?(?![\w\u0640])")
# "…، هدفها تعزيز …": the aim of what the clause before it reports, a clause of its own
PURPOSE = re.compile(rf"(?:{_alt(_REPORTS['purpose_words'])})(?![\w\u0640])")
# "- تطالب بتسريع …", "- وتدعو إلى …": an item of a list of calls that names no body goes on
# calling on the body the item before it called on
CALL_ITEM = re.compile(rf"^\s*(?:[-*•▪]\s*)?[وف]?(?:{_alt(_REPORTS['call_verbs'])})(?![\w\u0640])")


_COMPLEMENTIZER = re.compile(r"(?<![\w\u0640])(?:إلى\s+|على\s+)?ب?[أإ]نّ?(?:ه|ها|هم|هما)?(?![\w\u0640])")


def speaker_body(sent: str, posts: Sequence[tuple[str, str]]) -> str:
    """"وفي مقابلة لاحقة، قال يونس إن …": a person the document gave a post, named after a verb of
    saying by the whole name or one word of it, speaks for the body of the post. ``posts`` are
    (person's name, body key), latest last; "" where no one person is meant."""
    verb = REPORTING.search(sent, 0, 80)
    if verb is None:
        return ""
    words = _WORD.findall(sent[verb.end() : verb.end() + 60])[:3]
    comp = _COMPLEMENTIZER.search(sent, verb.end(), verb.end() + 60)
    if not words or comp is None:
        return ""
    said = [_n(w) for w in _WORD.findall(sent[verb.end() : comp.start()])]
    bodies = {body for name, body in posts if said and (
        said == [_n(w) for w in name.split()] or len(said) == 1 and said[0] in {_n(w) for w in name.split()})}
    return bodies.pop() if len(bodies) == 1 else ""


def speaks_for(actors: Mapping[str, Any], key: str) -> str:
    """The body an official of ``key`` speaks for: a ministry's central office ("ديوان وزارة X")
    speaks for the ministry it belongs to; any other body for itself."""
    office = actors.get(key)
    if office is not None and office.parent in actors and head_noun(office.name.split()[0]) == OFFICE:
        return str(office.parent)
    return key


# "وتغطي الخطة أعمال مديرية الري …": a sentence whose subject is a document
# (a strategy, a plan, a draft) speaks of what the body that wrote it does; the bodies after it
# are what the document covers, not its holders
DOCUMENT_SUBJECT = re.compile(
    rf"^\s*(?:[وف]?(?:لذلك|لذا|كما|وبذلك)\s+)?[وف]?(?:[تي]\S{{2,}}|[أاتي]ُ\S{{2,}})\s+(?:ال)?(?:{_alt(_REPORTS['document_words'])})(?![\w\u0640])")
