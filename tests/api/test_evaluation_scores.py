"""The scores of `dalil eval`: a prediction that meets two gold entries (a person named with two
posts) is one right prediction, so precision never passes 1; no store."""

from __future__ import annotations

from api.evaluation import _prf


def test_one_prediction_for_two_gold_entries_counts_once_in_precision() -> None:
    s = _prf(2, 1, 2, tp_pred=1)
    assert s["precision"] == 1.0 and s["recall"] == 1.0 and s["tp_pred"] == 1


def test_without_a_separate_count_precision_is_the_usual_one() -> None:
    s = _prf(3, 4, 6)
    assert (s["precision"], s["recall"]) == (0.75, 0.5)
    assert "tp_pred" not in s
