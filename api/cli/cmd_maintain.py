"""Commands that keep a data folder whole: documents (list, delete), doctor, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, err, fail, print_json, with_dalil
from graph.settings import settings_for
from graph.store import GraphStoreError

documents_app = typer.Typer(no_args_is_help=False, help="Documents in the graph; delete one with everything it brought.")
app.add_typer(documents_app, name="documents")


@documents_app.callback(invoke_without_command=True)
def documents(ctx: typer.Context, home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False) -> None:
    """Every document: id, title, kind and where it came from (its source)."""
    if ctx.invoked_subcommand:
        return
    rows: list[dict[str, Any]] = with_dalil(home, graph, lambda d: d.graph.run("documents"))
    if json_out:
        print_json(rows)
        return
    t = Table("id", "title", "kind", "pages", "source")
    for r in rows:
        t.add_row(r["id"], r["title"] or "", r["kind"] or "", str(r["pages"] or ""), r["path"] or "")
    console.print(t)


@documents_app.command("delete")
def delete(
    document: Annotated[str, typer.Argument(help="Document id (doc:...), title or file name.")],
    home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False,
) -> None:
    """Delete a document with its statements, efforts, passages and search vectors, in one step."""
    res = with_dalil(home, graph, lambda d: d.delete_document(d.document_id(document)))
    print_json(res) if json_out else console.print(f"deleted {res['deleted']} (its facts, passages and vectors)")


@app.command()
def doctor(
    home: HomeOpt = None, graph: GraphOpt = None, json_out: JsonOpt = False,
    no_repair: Annotated[bool, typer.Option("--no-repair", help="Only report; change nothing.")] = False,
) -> None:
    """Check a data folder: free disk, the graph's log, that the graph opens, that the search index
    is in step with the graph (and repair it), unfinished upload jobs. Exit 1 when something is wrong."""
    from api.maintenance import doctor as run_doctor
    from api.maintenance import findings_json

    s = settings_for(home, graph)
    if not s.home.exists():
        fail(f"no data folder at {s.home}")
    with Progress(TextColumn("[bold]re-indexing"), BarColumn(), MofNCompleteColumn(), console=err,
                  disable=json_out, transient=True) as bar:
        task = None

        def embedded(done: int, total: int) -> None:
            nonlocal task
            if task is None:
                task = bar.add_task("", total=total)
            bar.update(task, completed=done, total=total)

        found = run_doctor(s, repair=not no_repair, on_embed=embedded)
    out = findings_json(found)
    if json_out:
        print_json(out)
    else:
        style = {"ok": "green", "repaired": "yellow", "warning": "yellow", "error": "red"}
        t = Table("check", "state", "detail")
        for f in found:
            t.add_row(f.check, f"[{style[f.state]}]{f.state}[/{style[f.state]}]", f.detail)
        console.print(t)
        console.print("healthy" if out["healthy"] else "[red]not healthy[/red]: see the rows above")
    if not out["healthy"]:
        raise typer.Exit(1)


def _backup_through_server(url: str, key: str, out: Path) -> dict[str, Any]:
    import httpx

    if not key:
        fail(f"a server at {url} holds this folder; give an admin key (--key or DALIL_API_KEY) to back up through it")
    tmp = out.with_name(out.name + ".part")
    try:
        with httpx.stream("POST", f"{url}/api/backup", headers={"X-API-Key": key}, timeout=None) as r:
            if r.status_code != 200:
                r.read()
                fail(f"the server refused the backup ({r.status_code}): {r.text[:300]}")
            with tmp.open("wb") as f:
                for chunk in r.iter_bytes():
                    f.write(chunk)
    except httpx.HTTPError as e:
        fail(f"cannot reach the server at {url}: {e}")
    tmp.replace(out)
    return {"file": str(out), "bytes": out.stat().st_size, "through": url}


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="The archive to write (.tar.gz).")],
    home: HomeOpt = None, json_out: JsonOpt = False,
    key: Annotated[str, typer.Option("--key", help="Admin key, when a running server holds the folder.")] = "",
) -> None:
    """Write one archive of the graph, the search vectors, curator decisions, API keys and pending
    upload jobs. While `dalil serve` holds the folder, the backup is taken through it (consistent)."""
    from api.maintenance import backup as take_backup
    from api.server_lock import read_lock

    s = settings_for(home)
    if file.exists() and file.is_dir():
        fail(f"{file} is a folder; give a file name such as dalil-backup.tar.gz")
    held = read_lock(s.home)
    if held:
        res = _backup_through_server(str(held.get("url")), key or s.api_key, file)
    else:
        res = with_dalil(s.home, None, lambda d: take_backup(d, file), OSError)
    print_json(res) if json_out else console.print(f"backup written to {res['file']} ({res['bytes'] // 1024} KiB)")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="An archive written by `dalil backup`.")],
    home: Annotated[Path, typer.Option("--home", help="The data folder to restore into (new or empty).")],
    json_out: JsonOpt = False,
) -> None:
    """Bring a backup back into a new or empty data folder, and check it opens and is in step."""
    from api.maintenance import restore as run_restore

    if not file.is_file():
        fail(f"no backup file at {file}")
    try:
        res = run_restore(file, home)
    except GraphStoreError as e:
        fail(str(e))
    if json_out:
        print_json(res)
    else:
        console.print(f"restored {res['documents']} document(s) into {res['home']}; {res['index']}")
