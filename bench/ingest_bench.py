"""End-to-end ingest of data/demo plus the dev corpus: this tree against a baseline commit.

    python -m bench.ingest_bench [--baseline b5d70e0] [--rounds 2] [--no-write]

Issue 13 asks that the staged extractor keep ``dalil ingest`` of data/demo plus
../shared/corpus/dev within 1.5x of the ingest before it. The baseline commit (default: the last
one before the staged extractor) is checked out once into a temporary git worktree, and each
round runs ``dalil ingest`` of the same folders into a fresh data folder from both trees, one
after the other, in child processes of this one with the same settings (same embedder, same
venv). Wall time and the child's CPU time are both reported, since the machines are shared:
the rounds alternate, and the best of each is kept.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._report import write_section

REPO = Path(__file__).resolve().parent.parent
CORPORA = [REPO / "data" / "demo", REPO.parent / "shared" / "corpus" / "dev"]
BASELINE = "b5d70e0"  # the parent of 6b1c220, "Extraction stages: spaCy backbone ..."


def _worktree(rev: str) -> Path:
    path = Path(tempfile.gettempdir()) / f"dalil-baseline-{rev}"
    if not (path / "ingest").exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--force", str(path), rev],
                       check=True, capture_output=True)
    return path


def _ingest(tree: Path, folders: list[Path], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall s, child CPU s, exit code of one ``dalil ingest`` of ``folders`` run from ``tree``."""
    with tempfile.TemporaryDirectory(prefix="dalil-ingest-bench-") as home:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = "import sys; from api.cli import main; sys.argv = sys.argv[1:]; main()"
        run = subprocess.run([sys.executable, "-c", code, "dalil", "ingest", *map(str, folders), "--home", home],
                             cwd=tree, env={**env, "PYTHONPATH": str(tree)}, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if run.returncode not in (0, 1):
            print(run.stderr[-2000:], file=sys.stderr)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, run.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    folders = [f for f in CORPORA if f.exists()]
    base = _worktree(args.baseline)
    # both trees embed with the same model, one worker process each: the comparison is of the
    # ingest path, not of a default that changed in between
    env = {**os.environ, "DALIL_EMBEDDER": os.environ.get("DALIL_EMBEDDER", "use"), "DALIL_INGEST_WORKERS": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    best: dict[str, tuple[float, float]] = {}
    load = os.getloadavg()[0]
    for r in range(args.rounds):
        for label, tree in (("before", base), ("after", REPO)):
            wall, cpu, code = _ingest(tree, folders, env)
            print(f"round {r + 1} {label}: {wall:.1f} s wall, {cpu:.1f} s CPU (exit {code})", flush=True)
            w, c = best.get(label, (float("inf"), float("inf")))
            best[label] = (min(w, wall), min(c, cpu))
    (bw, bc), (aw, ac) = best["before"], best["after"]
    names = ", ".join(str(f.relative_to(REPO.parent)) if f.is_relative_to(REPO.parent) else str(f) for f in folders)
    body = (
        f"`dalil ingest` of {names} into a fresh data folder, from this tree and from commit "
        f"`{args.baseline}` (the last before the staged extractor) checked out beside it; same venv, "
        f"`DALIL_EMBEDDER={env['DALIL_EMBEDDER']}`, best of {args.rounds} alternating rounds, 1-minute load "
        f"{load:.1f} at the start and {os.getloadavg()[0]:.1f} at the end on {os.cpu_count()} cores.\n\n"
        "| tree | wall s | CPU s (child) |\n|---|---|---|\n"
        f"| before (`{args.baseline}`) | {bw:.1f} | {bc:.1f} |\n| after (this tree) | {aw:.1f} | {ac:.1f} |\n\n"
        f"Ratio after / before: **{aw / bw:.2f}×** wall, **{ac / bc:.2f}×** CPU (goal ≤ 1.5)."
    )
    print(body)
    if not args.no_write:
        write_section("Ingest before and after the staged extractor", "python -m bench.ingest_bench", body)


if __name__ == "__main__":
    main()
