"""Commands: serve (the HTTP API and web pages) and keys (API keys with roles)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, err, fail, print_json
from graph.settings import get_settings, settings_for

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
    from api.allocator import fix_thresholds

    fix_thresholds()  # before the store opens: a long-lived process gives freed memory back (issue 19)

    import uvicorn

    from api.app import create_app
    from api.security import configure_access_log
    from api.server_lock import prepare_home, read_lock
    from graph.store import GraphStoreError

    s = settings_for(home, graph)
    h, p = host or s.api_host, port or s.api_port
    try:
        prepare_home(s.home)
    except GraphStoreError as e:
        fail(str(e))
    held = read_lock(s.home)
    if held and not s.graph_uri:
        fail(f"the data folder {s.home} is already served at {held.get('url')} (pid {held.get('pid')}); "
             "use that server, or stop it first")
    if not s.graph_uri:  # a CLI command (an ingest) holding the embedded graph: say so before binding
        _check_graph_free(s.graph_path)
    if not _port_free(h, p):
        fail(f"cannot listen on {h}:{p}: the port is in use or not available; choose another with --port")
    url = f"http://{'127.0.0.1' if h in ('0.0.0.0', '') else h}:{p}"
    err.print(f"Dalil serving {s.home} at {url}  (API docs {url}/docs; reads "
              f"{'open' if s.api_open_reads else 'need a key'})")
    try:
        configure_access_log(s.api_access_log)
    except OSError as e:
        fail(f"cannot write the access log {s.api_access_log}: {e.strerror or e}")
    # The app's access log (api.security) names the key id, never the key or the query string.
    # A long URL reaches the app (which answers 422 / 414) instead of a reset connection.
    # SIGTERM / Ctrl-C: running requests get api_shutdown_seconds, then are cancelled (SPARQL
    # children are killed), so the server stops within seconds.
    config = uvicorn.Config(create_app(s, lock_url=url), host=h, port=p, log_level="warning", access_log=False,
                            h11_max_incomplete_event_size=H11_MAX_EVENT,
                            timeout_graceful_shutdown=max(1, round(s.api_shutdown_seconds)))
    class Server(uvicorn.Server):
        """Stops running SPARQL queries as soon as the signal arrives, so their requests answer
        (409, "the server is shutting down") and the graceful shutdown is not spent waiting."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            from graph.sparql import cancel_all

            cancel_all(stop_new=True)
            super().handle_exit(sig, frame)

    try:
        Server(config).run()
    except GraphStoreError as e:
        fail(str(e))




def _check_graph_free(path: Path) -> None:
    """Open and close the embedded graph once, so a folder another process holds is a message."""
    from graph.store import GraphStoreError, open_store

    try:
        store = open_store("", str(path))
    except GraphStoreError as e:
        fail(str(e))
    held = getattr(store, "read_only", False)
    store.close()
    if held:
        fail(f"the graph at {path} is held by another process (a `dalil ingest`?); the server needs to "
             "write it: start it when that process has finished")


def _port_free(host: str, port: int) -> bool:
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError:
        return False
    return True


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
