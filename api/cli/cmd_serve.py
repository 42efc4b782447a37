"""Commands: serve (the HTTP API and web pages) and keys (API keys with roles)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, err, fail, print_json
from graph.settings import get_settings

keys_app = typer.Typer(no_args_is_help=True, help="API keys: reader, editor (ingest, curate), admin (keys, delete).")
app.add_typer(keys_app, name="keys")


H11_MAX_EVENT = 256 * 1024


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Interface to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 8765).")] = None,
    home: HomeOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Serve the HTTP API (/api, /docs, /openapi.json) and the web pages (/) over a data folder."""
    import uvicorn

    from api.app import create_app
    from api.server_lock import read_lock

    s = get_settings().model_copy()
    if home is not None:
        s.home = home
    if graph is not None:
        s.graph_uri = graph
    h, p = host or s.api_host, port or s.api_port
    s.home.mkdir(parents=True, exist_ok=True)
    held = read_lock(s.home)
    if held and not s.graph_uri:
        fail(f"the data folder {s.home} is already served at {held.get('url')} (pid {held.get('pid')})")
    url = f"http://{'127.0.0.1' if h in ('0.0.0.0', '') else h}:{p}"
    err.print(f"Dalil serving {s.home} at {url}  (API docs {url}/docs; reads "
              f"{'open' if s.api_open_reads else 'need a key'})")
    # access logs print paths and query strings only; keys travel in headers, never logged
    # a long URL reaches the app (which answers 422 / 414) instead of a reset connection
    uvicorn.run(create_app(s, lock_url=url), host=h, port=p, log_level="warning", access_log=False,
                h11_max_incomplete_event_size=H11_MAX_EVENT)


@keys_app.command("create")
def keys_create(
    role: Annotated[str, typer.Option("--role", help="reader | editor | admin")],
    name: Annotated[str, typer.Option("--name", help="A label to recognise the key by.")] = "",
    home: HomeOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Create a key; it is printed once and only its hash is stored."""
    from api.auth import ROLES, KeyStore

    if role not in ROLES:
        fail(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
    store = KeyStore(home or get_settings().home)
    rec, token = store.create(role, name)  # type: ignore[arg-type]
    if json_out:
        print_json({**rec.public(), "key": token})
        return
    console.print(f"key {rec.id} ({rec.role}) — copy it now, it is not shown again:")
    console.print(token, soft_wrap=True, highlight=False)


@keys_app.command("list")
def keys_list(home: HomeOpt = None, json_out: JsonOpt = False) -> None:
    """Keys by id, role and date (never the keys themselves)."""
    from api.auth import KeyStore

    rows = [k.public() for k in KeyStore(home or get_settings().home).list()]
    if json_out:
        print_json(rows)
        return
    t = Table("id", "role", "name", "created", "revoked")
    for r in rows:
        t.add_row(str(r["id"]), str(r["role"]), str(r["name"]), str(r["created"]), "yes" if r["revoked"] else "")
    console.print(t)


@keys_app.command("revoke")
def keys_revoke(key_id: str, home: HomeOpt = None, json_out: JsonOpt = False) -> None:
    """Revoke a key by id; a running server refuses it from the next request."""
    from api.auth import KeyStore

    try:
        rec = KeyStore(home or get_settings().home).revoke(key_id)
    except KeyError as e:
        fail(str(e.args[0]))
        return
    print_json(rec.public()) if json_out else console.print(f"revoked {rec.id} ({rec.role})")
