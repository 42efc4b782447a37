"""Every rule of ingest/rules reads its own example sentence (no store, no app).

The examples are sentences written for the rules; each must yield a statement carrying the
rule's id, of the rule's kind, with bodies on both sides."""

from __future__ import annotations

import pytest

from graph.model import StatementKind
from ingest import nlp, rules
from ingest.extract import Extractor
from ingest.rules import relation_rules


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


RULES = [(lang, r) for lang in ("en", "ar") for r in relation_rules(lang)]


@pytest.mark.parametrize(("lang", "rule"), RULES, ids=[r.id for _, r in RULES])
def test_rule_reads_its_example(extractor: Extractor, lang: str, rule: rules.RelationRule) -> None:
    ex = extractor.extract([(1, rule.example)])
    got = [s for s in ex.statements if s.rule == rule.id]
    assert got, f"{rule.id} found nothing in its example; statements: {[(s.kind, s.rule) for s in ex.statements]}"
    st = got[0]
    assert st.kind == rule.kind
    assert StatementKind(st.kind)  # a kind of the model
    assert st.subjects and st.objects and not set(st.subjects) & set(st.objects)


def test_rule_ids_are_unique_and_kinds_known() -> None:
    for lang in ("en", "ar"):
        ids = [r.id for r in relation_rules(lang)]
        assert len(ids) == len(set(ids))
        for r in relation_rules(lang):
            assert r.id.startswith(lang + ".")
            StatementKind(r.kind)


def _names(ex, key: str) -> str:  # type: ignore[no-untyped-def]
    return ex.actors[key].name


def test_hosted_by_direction(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "The Youth Dialogue Network is hosted by the Example Peace Foundation.")])
    st = next(s for s in ex.statements if s.rule == "en.support.hosted_by")
    assert _names(ex, st.subjects[0]) == "Example Peace Foundation"
    assert _names(ex, st.objects[0]) == "Youth Dialogue Network"


def test_negated_cue_yields_nothing(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "The Example Peace Fund does not fund the Basra Youth Forum.")])
    assert not [s for s in ex.statements if s.kind == "funding"]


def test_group_of_lists_members(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "Oversight comes from a programme board of the Example Agency, the Basra Youth Forum "
                                "and the Mosul Women Union, which the Example Agency chairs.")])
    members = {_names(ex, k) for s in ex.statements if s.rule == "en.membership.group_of" for k in s.subjects}
    assert members == {"Example Agency", "Basra Youth Forum", "Mosul Women Union"}


needs_nlp = pytest.mark.skipif(not nlp.available(), reason="the English spaCy model is not installed")


def _posts(ex) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(ex.actors[s.subjects[0]].name, s.post, ex.actors[s.objects[0]].name)
            for s in ex.statements if s.kind == "post"}


@needs_nlp
def test_person_title_before_name_minister(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "Minister of Youth and Sports Nabil Hassan opened the new centre in Basra.")])
    assert ("Nabil Hassan", "Minister of Youth and Sports", "Ministry of Youth and Sports") in _posts(ex)
    assert all(a.kind != "other" or a.name != "Nabil Hassan" for a in ex.actors.values())


@needs_nlp
def test_person_title_before_name_governor_and_prime_minister(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "Prime Minister Ali Jaber Rahman met Basra Governor Omar Saleh on Monday.")])
    posts = _posts(ex)
    assert ("Ali Jaber Rahman", "Prime Minister", "Government of Iraq") in posts
    assert ("Omar Saleh", "Governor", "Basra Governorate") in posts


@needs_nlp
def test_person_apposition_before_and_after(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "The Governor of Diyala, Omar Saleh, welcomed the plan."),
                            (2, "Layla Ahmed, team lead of the Youth Resilience Programme, said the grants start in May.")])
    posts = _posts(ex)
    assert ("Omar Saleh", "Governor of Diyala", "Diyala Governorate") in posts or \
        any(p[0] == "Omar Saleh" and p[2].startswith("Diyala") for p in posts)
    assert ("Layla Ahmed", "Team lead", "Youth Resilience Programme") in posts


@needs_nlp
def test_person_is_never_a_body(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "Sara Malik, Director of the Example Peace Foundation, opened the forum. "
                                "Sara Malik said the Foundation would fund three youth groups.")])
    bodies = {a.name for a in ex.actors.values() if a.kind != "person"}
    assert "Sara Malik" not in bodies
    assert ("Sara Malik", "Director", "Example Peace Foundation") in _posts(ex)


def test_arabic_title_body_name(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "وقال مدير عام دائرة المنظمات غير الحكومية سامر يوسف إن التسجيل مفتوح.")])
    posts = _posts(ex)
    assert any(p[0] == "سامر يوسف" and p[1].startswith("مدير عام") for p in posts), posts


def test_arabic_governor_of_place(extractor: Extractor) -> None:
    ex = extractor.extract([(1, "أكد محافظ البصرة عمر صالح أن المشروع سيبدأ قريبا.")])
    posts = _posts(ex)
    assert any(p[0] == "عمر صالح" and p[1] == "محافظ البصرة" for p in posts), posts
