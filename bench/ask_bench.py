"""`dalil ask` wall time in a new process, as a user at a terminal pays it (goal < 2 s).

A structured question ("Which bodies cover youth in Nineveh?") is answered from the graph alone;
the embedding model loads only when a question needs search. Baselines in the same run: the bare
interpreter start, `dalil --help` (imports and argument parsing), and the same question with
`--evidence`, which loads the model as every `dalil ask` used to. Also checks the output fits
80 columns (no line longer, at most 6 lines per body) and that stderr stays empty.
Run: .venv/bin/python -m bench.ask_bench [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._report import write_section

REPO = Path(__file__).resolve().parent.parent
DALIL = str(Path(sys.executable).parent / "dalil")
QUESTION = "Which bodies cover youth in Nineveh?"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _wall(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Median wall time and median CPU time (user + system) of ``runs`` new processes: on a
    shared machine the wall time also counts waiting for a core; the CPU time does not."""
    times, cpus, last = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), _cpu()
        last = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
        times.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
        if last.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {last.stderr}")
    assert last is not None
    return statistics.median(times), statistics.median(cpus), last


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DALIL_HOME": tmp, "COLUMNS": "80", "PYTHONPATH": str(REPO)}
        subprocess.run([DALIL, "ingest", str(REPO / "data" / "demo"), "--json"], env=env, cwd=REPO,
                       check=True, capture_output=True, timeout=900)
        load = os.getloadavg()[0]
        py, py_c, _ = _wall([sys.executable, "-c", "pass"], env, runs)
        helps, helps_c, _ = _wall([DALIL, "--help"], env, runs)
        ask, ask_c, out = _wall([DALIL, "ask", QUESTION], env, runs)
        full, full_c, _ = _wall([DALIL, "ask", QUESTION, "--full"], env, runs)
        old, old_c, old_out = _wall([DALIL, "ask", QUESTION, "--evidence"], env, max(1, runs // 2))
        load = max(load, os.getloadavg()[0])
    lines = out.stdout.splitlines()
    blocks = out.stdout.split("\n\n")[1:]
    widest = max(len(x) for x in lines)
    tallest = max(len(b.strip("\n").splitlines()) for b in blocks)
    body = "\n".join([
        f"Question: “{QUESTION}” on the demo corpus, `COLUMNS=80`, median of {runs} new processes "
        f"(the `--evidence` row: {max(1, runs // 2)}); {os.cpu_count()} cores, load average up to {load:.1f} during "
        "the run (above the core count, the wall time includes waiting for a core; the CPU time does not). "
        "Ratios against `dalil --help` in the same run.",
        "",
        "| command | wall time | CPU time | wall × `dalil --help` |",
        "| --- | --- | --- | --- |",
        f"| baseline: `python -c pass` | {py:.2f} s | {py_c:.2f} s | {py / helps:.2f} |",
        f"| baseline: `dalil --help` | {helps:.2f} s | {helps_c:.2f} s | 1.00 |",
        f"| **`dalil ask` (structured; goal < 2 s)** | **{ask:.2f} s** ({'met' if round(ask, 2) < 2 else 'NOT met'}) | "
        f"{ask_c:.2f} s | {ask / helps:.2f} |",
        f"| `dalil ask --full` | {full:.2f} s | {full_c:.2f} s | {full / helps:.2f} |",
        f"| `dalil ask --evidence` (loads the embedding model, as every ask did before) | {old:.2f} s | {old_c:.2f} s | "
        f"{old / helps:.2f} |",
        "",
        f"Output at 80 columns: {len(lines)} lines for {len(blocks)} bodies, widest line {widest} characters, "
        f"at most {tallest} lines per body; stderr {'empty' if not out.stderr.strip() and not old_out.stderr.strip() else 'NOT empty'} "
        "(with and without the model).",
    ])
    write_section("dalil ask in a new process", "python -m bench.ask_bench", body)
    print(body)


if __name__ == "__main__":
    main()
