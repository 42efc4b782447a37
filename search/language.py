"""Answers in the asker's language: names and connecting text in Arabic for an Arabic question.

The graph holds both scripts where they are known (a body's ``name_ar`` and Arabic aliases,
a place's Arabic gazetteer name, a concept's Arabic label); this module picks the one that
matches the question and writes the sentence around it. Quotes are never translated: every
``why`` row keeps its sentence in the language of its document. Language-neutral helpers here,
so the CLI, the API and the pages show the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.names import is_arabic
from graph.vocab import load_gazetteer

RLM = "\u200f"  # right-to-left mark: keeps a line that starts with a Latin name right-to-left


def language_of(text: str) -> str:
    return "ar" if is_arabic(text) else "en"


def actor_name(actor: Mapping[str, Any], lang: str) -> str:
    """The body's name in ``lang``: for Arabic its Arabic name, else an Arabic alias, else the name."""
    name = str(actor.get("name") or actor.get("id") or "")
    if lang != "ar":
        return name
    if actor.get("name_ar"):
        return str(actor["name_ar"])
    return next((str(a) for a in actor.get("aliases") or [] if is_arabic(str(a))), name)


def place_name(place: str | None, lang: str) -> str:
    if not place:
        return ""
    p = load_gazetteer().get(place)
    if p is None:
        return place
    return (p.name_ar or p.name) if lang == "ar" else p.name


def concept_label(concepts: Mapping[str, Mapping[str, Any]], cid: str, lang: str) -> str:
    c = concepts.get(cid)
    if c is None:
        return cid
    return str((c.get("label_ar") or c["label_en"]) if lang == "ar" else c["label_en"])


def with_names(rows: list[dict[str, Any]], actors: Mapping[str, Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Each answer row with its Arabic name (``name_ar``, "" when unknown) and the name to show
    the asker (``display_name``). New dicts: the rows may be shared by a cached snapshot."""
    out = []
    for r in rows:
        a = {**actors.get(r.get("id", ""), {}), **r}
        name_ar = actor_name(a, "ar")
        out.append({**r, "name_ar": name_ar if is_arabic(name_ar) else "", "display_name": actor_name(a, lang)})
    return out


def names_list(rows: list[dict[str, Any]], lang: str, n: int = 5) -> str:
    names = [r.get("display_name") or r["name"] for r in rows[:n]]
    more = len(rows) - n
    if lang == "ar":
        return "، ".join(names) + (f" و{more} غيرها" if more > 0 else "")
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def search_fallback(n: int, lang: str) -> str:
    """What an unrecognised question says before the passages search found."""
    if lang == "ar":
        return f"{RLM}لم يُتعرّف على هذا السؤال كسؤال عن الجهات وصلاتها؛ هذه فقرات من البحث في الوثائق بدلاً من ذلك ({n})."
    return f"This question was not recognised as a graph question; showing {n} passage(s) from search instead."


def summary_ar(intent: str, rows: list[dict[str, Any]], extra: Mapping[str, Any], place: str | None,
               concepts: Mapping[str, Mapping[str, Any]]) -> str:
    """The answer sentence for an Arabic question (router.answer writes the English one)."""
    where = f" في {place_name(place, 'ar')}" if place else ""
    if intent == "search":
        return search_fallback(0, "ar")
    if intent == "gaps":
        g = extra.get("gaps", [])
        nd = sum(1 for x in g if x.get("kind") == "driver")
        labels = "، ".join(concept_label(concepts, x["id"], "ar") if x.get("id") in concepts else x["label"]
                          for x in g[:8])
        return (RLM + f"{nd} من الدوافع المُبلّغ عنها و{len(g) - nd} من محاور الاستراتيجية لا تغطيها أي جهة أو جهد{where}: "
                + (labels + "." if g else "لم يُعثر على شيء غير مغطّى."))
    if intent == "drivers":
        d = extra.get("drivers", [])
        labels = "، ".join(concept_label(concepts, x["id"], "ar") if x.get("id") in concepts else x["label"] for x in d[:8])
        return RLM + (f"{len(d)} من الدوافع المُبلّغ عنها{where}: {labels}." if d
                      else f"لا تذكر الوثائق دوافع للتطرف{where}.")
    if intent == "overlaps":
        pairs = extra.get("pairs", [])
        if not pairs:
            return RLM + "لم يُعثر على بيانات أو جهود متداخلة."
        a, b = (actor_name(x, "ar") for x in pairs[0]["actors"][:2])
        return RLM + f"{len(pairs)} من أزواج الجهات المتداخلة؛ أقواها بين {a} و{b}."
    if intent == "places" and rows:
        got = extra.get("places", [])
        return (RLM + f"تعمل {actor_name(rows[0], 'ar')} في {len(got)} من الأماكن: "
                + "، ".join(place_name(x["id"], "ar") or x["name"] for x in got[:8]) + ".")
    if intent == "mandate" and extra.get("brief"):
        br = extra["brief"]
        who = (actor_name(br["actor"], "ar") if br["actor"]
               else " / ".join(actor_name(h, "ar") for h in br["holders"]) or "الجهة المسؤول عنها")
        return (RLM + f"ولاية {who}" + (f" ({place_name(br.get('place'), 'ar') or br['place_name']})" if br.get("place_name") else "")
                + f": {len(br['must'])} مهام ثابتة، {len(br['may'])} اختيارية (يجوز)، {len(br['recommended'])} موصى بها؛ "
                + f"{len(br['above'])} جهات أعلى، {len(br['partners'])} شركاء، {br.get('efforts_total', 0)} جهود، "
                + f"{len(br['drivers'])} دوافع مُبلّغ عنها هناك.")
    if not rows and extra.get("none_of_kind"):
        return RLM + f"لا جهة من النوع المطلوب بين {extra['none_of_kind']} جهات وُجدت."
    if not rows:
        return RLM + "لا توجد بعد في قاعدة المعرفة جهة تجيب عن هذا السؤال."
    return RLM + f"{len(rows)} جهة: {names_list(rows, 'ar')}."
