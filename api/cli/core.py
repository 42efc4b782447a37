"""Core commands: ingest, ask, who, resolve, actors, stats, eval."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli._app import (
    GraphOpt,
    HomeOpt,
    JsonOpt,
    app,
    console,
    err,
    fail,
    print_answer,
    print_json,
    with_dalil,
)
from api.service import open_dalil
from graph.store import GraphStoreError

if TYPE_CHECKING:
    from ingest.pipeline import FileReport


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders to ingest.")],
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
    column_map: Annotated[list[str] | None, typer.Option(
        "--map", help="For a 3W table without HXL tags: FIELD=HEADER (fields: org, org_impl, org_funder, "
        "sector, activity, adm1_code, adm1_name, adm2_code, adm2_name, status, date_start, date_end); repeatable.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Processes that load and extract documents (default: one per core "
        "when there are at least 4 documents per core, or DALIL_INGEST_WORKERS); 1 = all in this process. "
        "The graph is the same either way.")] = None,
) -> None:
    """Ingest documents (PDF, Markdown, text, HTML, DOCX), 3W tables (CSV, XLSX; HXL tags or a
    column mapping) and IATI activity XML into the graph, then index their passages for search."""
    from ingest.loaders import iter_paths
    from ingest.pipeline import FileReport

    mapping: dict[str, str] = {}
    for item in column_map or []:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            fail(f"--map wants FIELD=HEADER, got {item!r}")
        mapping[field.strip()] = header.strip()
    missing = [p for p in paths if not p.exists()]
    files = iter_paths([p for p in paths if p.exists()])
    reports: list[FileReport] = [FileReport(str(p), "failed", "no such file or folder") for p in missing]
    repair: dict[str, Any] | None = None
    try:
        with open_dalil(home, graph) as d, Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=err, disable=json_out,
        ) as bar:
            task = bar.add_task("", total=len(files))
            embed_task = None

            def step(rep: FileReport) -> None:
                bar.update(task, advance=1, description=Path(rep.path).name)

            def embedded(done: int, total: int) -> None:
                nonlocal embed_task
                if not total:  # nothing new to embed: no empty 0/0 bar
                    return
                if embed_task is None:
                    embed_task = bar.add_task("embedding passages", total=total)
                bar.update(embed_task, completed=done, total=total)

            reports += d.ingest(files, on_file=step, on_embed=embedded, column_map=mapping or None, workers=workers)
            repair = d.last_repair  # what the consistency check found (and fixed) before ingesting
    except GraphStoreError as e:
        fail(str(e))
    failed = [r for r in reports if r.status == "failed"]
    drift = repair["drift"] if repair else None
    if drift and not drift["in_step"] and not json_out:
        err.print(f"[yellow]search index repaired first[/yellow]: {len(drift['missing'])} missing, "
                  f"{len(drift['stale'])} stale, {len(drift['deleted'])} of deleted documents")
    if json_out:
        print_json({"files": [r.__dict__ for r in reports], "failed": len(failed), "index_repair": repair})
    else:
        print_reports(reports)
        if failed:
            err.print(f"[red]{len(failed)} file(s) failed[/red]; the others were ingested.")
    if failed:
        raise typer.Exit(1)


def print_reports(reports: list[FileReport]) -> None:
    """One row per file, named relative to the folder they share (so names differ where they
    differ); a failed file's reason on its own line, whole."""
    from api.cli.render import file_label, middle

    labels = file_label([r.path for r in reports])
    room = max(16, console.width - 40)
    t = Table("file", "status", "statements", "bodies", "chunks", box=None, pad_edge=False)
    for r in reports:
        style = {"failed": "red", "unchanged": "dim"}.get(r.status, "green")
        t.add_row(escape(middle(labels[r.path], room)), f"[{style}]{r.status}[/{style}]",
                  str(r.statements), str(r.actors), str(r.chunks))
    console.print(t)
    for r in reports:
        if r.reason:
            console.print(f"{escape(labels[r.path])}: {escape(r.reason)}", soft_wrap=True)


FullOpt = Annotated[bool, typer.Option("--full", help="Whole quotes and every source, not the two-line summary.")]


@app.command()
def ask(
    question: str,
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
    full: FullOpt = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="Also show the top passages from search "
                                           "(loads the embedding model).")] = False,
) -> None:
    """Ask a question in plain English (or Arabic); the answer cites its sources."""
    if not question.strip():
        fail("the question is empty")
    ans = with_dalil(home, graph, lambda d: d.ask(question[:2000], evidence=evidence))
    print_json(ans) if json_out else print_answer(ans, full)


@app.command()
def who(
    theme: Annotated[str, typer.Option("--theme", help="Theme (any label, English or Arabic).")] = "",
    place: Annotated[str, typer.Option("--place", help="Place (any spelling).")] = "",
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
    full: FullOpt = False,
) -> None:
    """Which bodies cover THEME in PLACE (place roll-up: nationwide, the place, places inside it)."""
    ans = with_dalil(home, graph, lambda d: d.who(theme, place))
    print_json(ans) if json_out else print_answer(ans, full)


@app.command()
def resolve(name: str, home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """Find the node(s) a name stands for: bodies, persons, places, concepts."""
    with open_dalil(home, graph) as d:
        res = d.resolve(name)
    if json_out:
        print_json(res)
        return
    t = Table("id", "type", "name", "score")
    for m in res["matches"]:
        t.add_row(m["id"], m["type"], m["name"], str(m["score"]))
    console.print(t)


@app.command()
def stats(home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """Node and relationship counts, and the documents ingested."""
    with open_dalil(home, graph) as d:
        s = d.stats()
    if json_out:
        print_json(s)
        return
    t = Table("what", "count")
    for k, v in sorted(s["nodes"].items()):
        t.add_row(k, str(v))
    for k, v in sorted(s["relationships"].items()):
        t.add_row(f"-[{k}]->", str(v))
    console.print(t)


@app.command("eval")
def eval_cmd(
    gold: Path,
    corpus: Annotated[Path, typer.Option("--corpus", help="Folder holding the gold files' documents.")] = Path("data/demo"),
    json_out: JsonOpt = False,
) -> None:
    """Measure extraction and answers against a gold file, or every gold file of a folder with
    the micro-average (each document in a fresh temporary store)."""
    from api.evaluation import CATEGORIES, evaluate, evaluate_folder

    if not gold.exists():
        fail(f"gold file {gold} not found")
    if gold.is_dir():
        with console.status("evaluating") as status:
            out = evaluate_folder(gold, corpus, progress=lambda n: status.update(f"evaluating {n}"))
        if json_out:
            print_json(out)
            return
        t = Table("file", *[f"{c} P/R" for c in CATEGORIES], "status acc.", "questions")

        def row(name: str, r: dict[str, Any]) -> None:
            if "error" in r:
                t.add_row(name, f"[red]{r['error']}[/red]", *[""] * (len(CATEGORIES) + 1))
                return
            t.add_row(name, *[f"{r[c]['precision']}/{r[c]['recall']}" for c in CATEGORIES],
                      str(r["mandates"]["status_accuracy"]), f"{r['questions']['passed']}/{r['questions']['total']}")

        for name, r in out["files"].items():
            row(name, r)
        row("micro-average", out["micro"])
        console.print(t)
        return
    res = evaluate(gold, corpus)
    if json_out:
        print_json(res)
        return
    t = Table("category", "precision", "recall", "F1", "extra")
    for cat in ("actors", "persons", "drivers", "mandates", "relations"):
        r = res[cat]
        extra = f"status accuracy {r['status_accuracy']}" if cat == "mandates" else ""
        t.add_row(cat, str(r["precision"]), str(r["recall"]), str(r["f1"]), extra)
    q = res["questions"]
    t.add_row("questions", "", f"{q['passed']}/{q['total']}", "", "")
    console.print(t)
    for d in q["detail"]:
        if not d["passed"]:
            console.print(f"[yellow]failed[/yellow] {d['ask']} ({d['intent']}): missing {d['missing']} {d['missing_statuses']}")
    if res["actors"]["missed"]:
        console.print(f"actors missed: {res['actors']['missed']}")
    from api.grounding_eval import render

    for line in render(res["grounding"]):
        console.print(line, markup=False)
    console.print(f"merge log: {res['identity']['merge_log']} merges recorded")
    if res["identity"]["gold_names_split_across_nodes"]:
        console.print(f"gold names on two nodes: {res['identity']['gold_names_split_across_nodes']}")
