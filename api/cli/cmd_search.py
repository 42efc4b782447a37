"""Commands: search (hybrid passage search with filters, and the bodies the passages mention)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, err, fail, print_json
from api.service import UnknownName, open_dalil
from graph.store import GraphStoreError

MAX_QUERY_CHARS = 10_000


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="What to look for, in English or Arabic.")],
    place: Annotated[str, typer.Option("--place", help="Only passages about this place or places inside it.")] = "",
    theme: Annotated[str, typer.Option("--theme", help="Only passages about this theme (or a narrower one).")] = "",
    actor: Annotated[str, typer.Option("--actor", help="Only passages naming this body.")] = "",
    document: Annotated[str, typer.Option("--document", help="Only this document (id, title or file name).")] = "",
    language: Annotated[str, typer.Option("--language", help="Only passages in this language: en, ar.")] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="Number of passages.")] = 10,
    mode: Annotated[str, typer.Option("--mode", help="hybrid (default), dense or lexical.")] = "hybrid",
    reindex: Annotated[bool, typer.Option("--reindex", help="Re-embed every chunk first (after changing DALIL_EMBEDDER).")] = False,
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Search the documents' passages (meaning and words), with the bodies they mention."""
    if not text.strip():
        fail("the search text is empty")
    if len(text) > MAX_QUERY_CHARS:
        fail(f"the search text is {len(text)} characters; the limit is {MAX_QUERY_CHARS}")
    try:
        with open_dalil(home, graph) as d:
            if reindex or d.index_behind():
                if (old := d.stale_model()) and not json_out:
                    err.print(f"The passages were embedded with {old}; re-embedding them with "
                              f"{d.settings.embedder} (DALIL_EMBEDDER).")
                with Progress(TextColumn("[bold]embed"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                              console=err, disable=json_out) as bar:
                    task = bar.add_task("", total=None)

                    def step(done: int, total: int) -> None:
                        bar.update(task, completed=done, total=total)

                    d.index(on_embed=step, rebuild=reindex)
            res = d.search(text, place, theme, actor, document, language, limit, mode)
    except UnknownName as e:
        fail(str(e))
        return
    except GraphStoreError as e:  # includes the vector store and the embedder
        fail(str(e))
        return
    if json_out:
        print_json(res)
        return
    if not res["hits"]:
        console.print("No passage matches." + (" (filters: " + ", ".join(f"{k}={v}" for k, v in res["filters"].items()) + ")"
                                               if res["filters"] else ""))
        return
    t = Table("#", "score", "source", "passage", show_lines=True)
    for i, h in enumerate(res["hits"], 1):
        passage = h["text"] if len(h["text"]) <= 300 else h["text"][:300] + "…"
        t.add_row(str(i), f"{h['score']:.3f}", f"{h['document']} p.{h['page']}", passage)
    console.print(t)
    if res["actors"]:
        a = Table("body", "kind", "why", "source")
        for r in res["actors"][:10]:
            w = r["why"][0] if r["why"] else {}
            a.add_row(r["name"], r["kind"], w.get("kind", ""), f"{w.get('document', '')} p.{w.get('page', '')}")
        console.print(a)
