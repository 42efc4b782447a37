"""Arabic news names a ministry's branch by "the ministry" ("فرع الوزارة في كربلاء"): a unit of the
ministry the text named before it; sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor


def test_the_ministrys_branch_is_a_unit_of_the_ministry_named_before_it() -> None:
    text = ("أعلنت وزارة الصحة افتتاح مركز جديد. وقال مدير فرع الوزارة في كربلاء أحمد حسين جاسم إن المركز "
            "يستقبل المرضى منذ الأحد.")
    ex = Extractor().extract([(1, text)])
    branch = next(a for a in ex.actors.values() if a.name.startswith("فرع"))
    assert branch.kind == "unit"
    assert branch.parent and ex.actors[branch.parent].kind == "ministry"
    assert branch.name.startswith("فرع وزارة الصحة")
    assert any(alias.startswith("فرع الوزارة") for alias in branch.aliases)  # the text's own words


def test_no_ministry_named_before_no_owner() -> None:
    ex = Extractor().extract([(1, "وقال مدير فرع الوزارة في كربلاء أحمد حسين جاسم إن المركز يستقبل المرضى.")])
    branch = next((a for a in ex.actors.values() if a.name.startswith("فرع الوزارة")), None)
    assert branch is None or not branch.parent
