"""Commands: `dalil actors` — list bodies, and the curator's merge / split / alias / accept / reject.

Decisions are stored in the graph and replayed on every ingest, so they survive re-ingest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, print_json, with_dalil
from api.service import open_dalil
from graph.curation import CurationError

actors_app = typer.Typer(no_args_is_help=False, help="Bodies and persons; curator decisions on them.")
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors(ctx: typer.Context, home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """Every body and person in the graph (or a subcommand: show, merge, split, alias, accept, reject)."""
    if ctx.invoked_subcommand:
        return
    with open_dalil(home, graph) as d:
        rows = d.actors()
    if json_out:
        print_json(rows)
        return
    t = Table("id", "name", "kind", "level", "aliases")
    for r in rows:
        t.add_row(r["id"], r["name"], r["kind"], r["level"], ", ".join(r["aliases"][:4]))
    console.print(t)


def _decide(home: Path | None, graph: str | None, json_out: bool, op: str, *args: object) -> None:
    res: dict[str, Any] = with_dalil(home, graph, lambda d: getattr(d, op)(*args), CurationError)
    if json_out:
        print_json(res)
    else:
        console.print(", ".join(f"{k}: {v}" for k, v in res.items()))


@actors_app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The body to keep (name, alias or id).")],
    drop: Annotated[str, typer.Argument(help="The body that becomes its alias.")],
    home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False,
) -> None:
    """Merge DROP into KEEP: one node, DROP's names become aliases, its statements move over."""
    _decide(home, graph, json_out, "merge", keep, drop)


@actors_app.command()
def split(
    actor: Annotated[str, typer.Argument(help="The body holding the alias.")],
    name: Annotated[str, typer.Argument(help="The alias that is really another body.")],
    home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False,
) -> None:
    """Take NAME off ACTOR into a body of its own (statements quoting NAME move with it)."""
    _decide(home, graph, json_out, "split", actor, name)


@actors_app.command()
def alias(
    actor: Annotated[str, typer.Argument(help="The body.")],
    name: Annotated[str, typer.Argument(help="Another name for it (any script).")],
    home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False,
) -> None:
    """Record NAME as another name of ACTOR; later documents using NAME resolve to it."""
    _decide(home, graph, json_out, "alias", actor, name)


@actors_app.command()
def accept(statement: str, home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """Mark a statement as checked by a curator."""
    _decide(home, graph, json_out, "review_statement", statement, True)


@actors_app.command()
def reject(statement: str, home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """Reject a wrongly extracted statement: answers stop using it, also after re-ingest."""
    _decide(home, graph, json_out, "review_statement", statement, False)


@actors_app.command()
def show(actor: str, home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """One body: names, merge log (why each name is here), statements."""
    a = with_dalil(home, graph, lambda d: d.snapshot().actors[d.actor_id(actor)])
    if json_out:
        print_json(a)
        return
    console.print(f"[bold]{a['name']}[/bold] ({a['id']}, {a['kind']}, {a['level']})")
    for m in a.get("merges") or []:
        console.print(f"  merged: {m}")


@actors_app.command()
def decisions(
    orphaned: Annotated[bool, typer.Option("--orphaned", help="Only decisions that no longer apply to anything.")] = False,
    home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False,
) -> None:
    """Curator decisions; --orphaned lists those whose statement or body is gone (e.g. the
    sentence was deleted from its document), so a curator can redo or drop them."""
    rows = with_dalil(home, graph, lambda d: d.decisions(orphaned))
    if json_out:
        print_json(rows)
        return
    t = Table("decision", "op", "about", "created", "state")
    for r in rows:
        verdict = r["args"].get("verdict", "")
        t.add_row(r["id"], f"{r['op']} {verdict}".strip(), r["about"], r["created"],
                  "[red]orphaned[/red]" if r["orphaned"] else "applies")
    console.print(t)
    if orphaned:
        console.print(f"{len(rows)} orphaned decision(s).")
