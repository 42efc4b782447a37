"""Commands: export, import-rdf, sparql, network (open standards for researchers and partners)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, err, fail, print_json, with_dalil
from api.service import UnknownName, open_dalil
from graph.store import GraphStoreError

FORMATS = ("turtle", "jsonld", "ntriples", "graphml", "csv", "hxl")


def _bar(disable: bool) -> Progress:
    return Progress(TextColumn("[bold]{task.fields[what]}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("{task.description}"), console=err, disable=disable)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle | jsonld | ntriples | graphml | csv | hxl")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (csv: x.csv -> x.nodes.csv + x.edges.csv).")],
    place: Annotated[str, typer.Option("--place", help="Only what covers this place (with roll-up).")] = "",
    theme: Annotated[str, typer.Option("--theme", help="Only what is about this theme (or a narrower one).")] = "",
    actor: Annotated[str, typer.Option("--actor", help="Only this body's neighbourhood.")] = "",
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Export the graph (or part of it) as RDF with standard vocabularies, GraphML, CSV or HXL."""
    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    from graph.rdf import RdfError, export_steps

    try:
        with open_dalil(home, graph) as d, _bar(json_out) as bar:
            if fmt == "hxl":
                if place or theme or actor:
                    fail("--format hxl exports every effort; --place, --theme and --actor do not apply")
                try:
                    from graph.hxl import export_hxl
                except ImportError as e:
                    fail(f"HXL export is not available in this build: {e}", 1)

                task = bar.add_task("", total=1, what="export hxl")
                res: Any = export_hxl(d.graph, out)
                bar.update(task, advance=1)
                rep: dict[str, Any] = res if isinstance(res, dict) else {"format": "hxl", "files": [str(out)], "result": res}
            else:
                task = bar.add_task("", total=export_steps(), what=f"export {fmt}")
                rep = d.export(fmt, out, place, theme, actor,
                               on_step=lambda s: bar.update(task, advance=1, description=s))
                bar.update(task, completed=export_steps())
    except UnknownName as e:
        fail(str(e))
    except (RdfError, GraphStoreError, OSError) as e:
        fail(str(e), 1)
    if json_out:
        print_json(rep)
        return
    console.print(f"[green]wrote[/green] {', '.join(rep.get('files', [str(out)]))}"
                  + (f"  ({rep['triples']} triples)" if "triples" in rep else ""))
    counts = rep.get("counts") or {}
    if counts:
        t = Table("label / type", "count")
        for k, v in counts.items():
            t.add_row(k, str(v))
        console.print(t)


@app.command("import-rdf")
def import_rdf(
    file: Annotated[Path, typer.Argument(help="Turtle (.ttl), JSON-LD (.jsonld) or N-Triples (.nt) in the Dalil ontology.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle | jsonld | ntriples (default: by suffix)")] = "",
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Load RDF exported by `dalil export` (or written to the same ontology) into the graph."""
    if not file.is_file():
        fail(f"{file}: no such file")
    from graph.rdf import RdfError

    try:
        with open_dalil(home, graph) as d, _bar(json_out) as bar:
            task = bar.add_task(file.name, total=1, what="import")
            rep = d.import_rdf(file, fmt or None)
            bar.update(task, advance=1)
    except RdfError as e:
        fail(str(e), 1)
    except GraphStoreError as e:
        fail(str(e))
    if json_out:
        print_json(rep)
        return
    t = Table("label / type", "count")
    for k, v in rep["counts"].items():
        t.add_row(k, str(v))
    console.print(f"[green]imported[/green] {file} ({rep['triples']} triples)")
    console.print(t)


@app.command()
def sparql(
    query: Annotated[str, typer.Argument(help="A SELECT, ASK, CONSTRUCT or DESCRIBE query (prefixes dalil:, org:, skos: ... predefined).")],
    engine: Annotated[str, typer.Option("--engine", help="oxigraph (default) or rdflib")] = "oxigraph",
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Run a read-only SPARQL query over the graph's RDF export."""
    from graph.sparql import SparqlError

    res = with_dalil(home, graph, lambda d: d.sparql(query, engine), SparqlError)
    if json_out:
        print_json(res)
        return
    if res["kind"] == "ask":
        console.print("yes" if res["boolean"] else "no")
    elif res["kind"] == "graph":
        for s, p, o in res["triples"]:
            console.print(f"{s}  {p}  {o}", markup=False, highlight=False)
    else:
        t = Table(*res["vars"])
        for r in res["rows"]:
            t.add_row(*("" if r[v] is None else str(r[v]) for v in res["vars"]))
        console.print(t)
        console.print(f"[dim]{len(res['rows'])} rows[/dim]")


@app.command()
def network(
    persons: Annotated[bool, typer.Option("--persons/--no-persons", help="Include persons as nodes.")] = True,
    top: Annotated[int, typer.Option("--top", help="Rows to show in the table.")] = 20,
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Network measures of the actor network: degree, betweenness, bridges, communities."""
    rep = with_dalil(home, graph, lambda d: d.network(persons))
    if json_out:
        print_json(rep)
        return
    console.print(f"{len(rep['nodes'])} bodies, {len(rep['edges'])} links, {rep['components']} components, "
                  f"density {rep['density']}, {len(rep['communities'])} communities")
    t = Table("body", "kind", "degree", "statements", "betweenness", "community", "cut vertex")
    for n in rep["nodes"][:top]:
        t.add_row(n["name"], n["kind"], str(n["degree"]), str(n["strength"]), f"{n['betweenness']:.3f}",
                  str(n["community"]), "yes" if n["articulation"] else "")
    console.print(t)
    names = {n["id"]: n["name"] for n in rep["nodes"]}
    if rep["bridges"]:
        console.print("[bold]bridges[/bold] (the only link between two parts of the network):")
        for a, b in rep["bridges"][:top]:
            console.print(f"  {names.get(a, a)} — {names.get(b, b)}")
