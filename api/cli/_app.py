"""The Typer app and what every command shares: options, JSON printing, errors, answer tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from api.service import Dalil

T = TypeVar("T")

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Dalil: who does what, where, in P/CVE — with sources.")
console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option("--home", help="Data folder (default $DALIL_HOME or ~/.dalil).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
GraphOpt = Annotated[str | None, typer.Option("--graph", help="Graph URI: neo4j://… or bolt://… (default: embedded).")]


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(msg: str, code: int = 2) -> NoReturn:
    """Usage and input errors exit 2; failed files exit 1 (see ingest)."""
    err.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


def with_dalil(home: Path | None, graph: str | None, call: Callable[[Dalil], T],
               *errors: type[Exception]) -> T:
    """Open the stores, run ``call``, close them. An unknown name, an unreachable store or one
    of ``errors`` ends the command with its message and exit 2, never a traceback."""
    from api.service import UnknownName, open_dalil
    from graph.store import GraphStoreError

    caught: tuple[type[Exception], ...] = (UnknownName, GraphStoreError, *errors)
    try:
        with open_dalil(home, graph) as d:
            return call(d)
    except caught as e:
        fail(str(e))


def print_answer(ans: dict[str, Any]) -> None:
    console.print(f"[bold]{ans['question']}[/bold]  [dim]({ans['intent']})[/dim]")
    console.print(ans["answer"])
    if ans["actors"]:
        t = Table("body", "kind", "status", "place match", "source", "quote", show_lines=True)
        for r in ans["actors"]:
            w = r["why"][0] if r["why"] else {}
            quote = w.get("quote", "")
            t.add_row(
                r["name"], r["kind"], w.get("status", ""), w.get("place_match", ""),
                f"{w.get('document', '')} p.{w.get('page', '')}" if w else "",
                (quote[:220] + "…") if len(quote) > 220 else quote,
            )
        console.print(t)
    for g in ans.get("gaps", []):
        console.print(f"- gap: {g['label']}")
