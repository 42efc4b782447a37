"""Commands: graph (sync between the embedded store and Neo4j)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli._app import HomeOpt, JsonOpt, app, console, err, fail, print_json
from api.graph_sync import sync_graphs
from graph.store import GraphStoreError


@app.command()
def sync(
    to: Annotated[str, typer.Option("--to", help="Target graph: neo4j://… / bolt://… or an embedded store's folder.")],
    source: Annotated[
        str | None,
        typer.Option("--from", help="Source graph (default: the configured one, $DALIL_GRAPH_URI or the embedded store in --home)."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Empty the target first (exact copy); default: merge into it.")
    ] = False,
    home: HomeOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Copy a graph to another store, ids, provenance and curator decisions included.

    Merge (default) keeps what only the target holds; a document in both takes the source's
    version. --replace makes the target an exact copy. Running it twice changes nothing.
    Neo4j credentials come from DALIL_GRAPH_USER / DALIL_GRAPH_PASSWORD (or user:password@ in the URI).
    """
    seen: dict[str, int] = {}
    try:
        with Progress(
            TextColumn("[bold]sync"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=err, disable=json_out,
        ) as bar:
            task = bar.add_task("", total=None)

            def step(what: str, done: int, total: int) -> None:
                if what not in seen:  # the totals arrive one label / type at a time
                    seen[what] = 0
                    bar.update(task, total=(bar.tasks[0].total or 0) + total)
                bar.update(task, advance=done - seen[what], description=what)
                seen[what] = done

            report = sync_graphs(to, source, home, replace=replace, on_progress=step)
    except ValueError as e:
        fail(str(e))
    except GraphStoreError as e:
        fail(str(e), code=1)
    if json_out:
        print_json(report.model_dump() | {"complete": report.complete})
    else:
        t = Table("label / type", "copied", "source", "target")
        for k, n in [*report.nodes.items(), *report.relationships.items()]:
            t.add_row(k, str(n), str(report.source_counts.get(k, 0)), str(report.target_counts.get(k, 0)))
        console.print(t)
        extra = f"; {report.documents_replaced} document(s) replaced" if report.documents_replaced else ""
        console.print(f"{report.mode}: {sum(report.nodes.values())} nodes, "
                      f"{sum(report.relationships.values())} relationships copied{extra}.")
    if not report.complete:
        err.print("[red]the target holds fewer nodes or relationships than the source[/red]")
        raise typer.Exit(1)
