"""The Typer app and what every command shares: options, JSON printing, errors, answer tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Dalil: who does what, where, in P/CVE — with sources.")
console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option("--home", help="Data folder (default $DALIL_HOME or ~/.dalil).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
GraphOpt = Annotated[str | None, typer.Option("--graph", help="Graph URI: neo4j://… or bolt://… (default: embedded).")]


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(msg: str, code: int = 2) -> None:
    """Usage and input errors exit 2; failed files exit 1 (see ingest)."""
    err.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


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
