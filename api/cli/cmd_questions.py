"""Commands: mandate, overlaps, gaps — the briefs a mayor, a programme officer and a donor ask for.

Every command prints a readable answer, or JSON with ``--json``; ``mandate`` also renders a
one-page brief as Markdown or HTML (each line with its document, page and quote).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markdown import Markdown

from api.cli._app import GraphOpt, HomeOpt, JsonOpt, app, console, fail, print_json, with_dalil

STATUS_TITLES = (("must", "Must do (established)"), ("may", "May do (option)"),
                 ("recommended", "Recommended (proposed, not yet in force)"))


def _cite(w: dict[str, Any]) -> str:
    return f"{w.get('document', '')} p.{w.get('page', '')}"


def mandate_markdown(b: dict[str, Any]) -> str:
    """The one-page brief: sections by status, bodies above and beside, partners, efforts, drivers."""
    who = b["actor"]["name"] if b.get("actor") else " / ".join(h["name"] for h in b.get("holders", [])) or "—"
    lines = [f"# Mandate brief: {who}" + (f" — {b['place_name']}" if b.get("place_name") else ""), ""]
    if b.get("holders"):
        lines += ["Reached through: " + ", ".join(h["name"] for h in b["holders"]), ""]
    for key, title in STATUS_TITLES:
        lines += [f"## {title}", ""]
        if not b[key]:
            lines += ["_Nothing stated._", ""]
        for w in b[key]:
            via = f" (said of {w['via']})" if w.get("via") and w.get("place_match") == "class" else ""
            lines.append(f"- **{w['kind']}**{via}: “{w['quote']}” — {_cite(w)}; instrument: {w.get('instrument', '')}")
        lines.append("")
    for key, title in (("above", "Bodies above"), ("beside", "Bodies beside (named with it)"),
                       ("partners", "Partners active in the place")):
        lines += [f"## {title}", ""]
        if not b[key]:
            lines += ["_None found._", ""]
        for r in b[key]:
            w = r["why"][0] if r["why"] else {}
            lines.append(f"- **{r['name']}** ({r['kind']}, {r['level'] or 'level unstated'}): “{w.get('quote', '')}” — {_cite(w)}")
        lines.append("")
    lines += [f"## Efforts in the place ({b.get('efforts_total', len(b['efforts']))})", ""]
    if not b["efforts"]:
        lines += ["_None recorded._", ""]
    for e in b["efforts"][:25]:
        orgs = ", ".join(f"{a['name']} ({a['role']})" for a in e.get("actors", []))
        lines.append(f"- {e['effort']} — {orgs} — {_cite(e)}")
    lines += ["", "## Drivers of violent extremism reported there", ""]
    if not b["drivers"]:
        lines += ["_None reported._", ""]
    for d in b["drivers"]:
        lines.append(f"- {', '.join(d.get('drivers', [])) or 'driver'} ({d['place_match']}): “{d['quote']}” — {_cite(d)}")
    return "\n".join(lines) + "\n"


def mandate_html(b: dict[str, Any]) -> str:
    """The same brief as a standalone HTML page (escaped; no script, no external resources)."""
    body: list[str] = []
    in_list = False
    for line in mandate_markdown(b).splitlines():
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            text = html.escape(line[2:])
            text = text.replace("**", "<b>", 1).replace("**", "</b>", 1)
            body.append(f"<li>{text}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.strip():
            body.append(f"<p>{html.escape(line.strip('_'))}</p>")
    if in_list:
        body.append("</ul>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mandate brief</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


@app.command()
def mandate(
    place_arg: Annotated[str, typer.Argument(help="A place: the brief of its district or city government.")] = "",
    body: Annotated[str, typer.Option("--body", help="A body or class of bodies (e.g. 'Governorate CVE subcommittee').")] = "",
    place: Annotated[str, typer.Option("--place", help="The place the body acts in.")] = "",
    fmt: Annotated[str, typer.Option("--format", help="md | html | json (default: a readable brief).")] = "",
    out: Annotated[Path | None, typer.Option("--out", help="Write the brief to this file.")] = None,
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """What a body (or a place's local government) must, may and is recommended to do, with sources."""
    where = place or place_arg
    if not where and not body:
        fail("give a place (dalil mandate \"Tel Kaif\") or --body and/or --place")
    if fmt and fmt not in ("md", "html", "json"):
        fail(f"unknown format {fmt!r} (md, html, json)")
    brief = with_dalil(home, graph, lambda d: d.mandate(body, where))
    if json_out or fmt == "json":
        text = None
        if out:
            import json

            out.write_text(json.dumps(brief, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        else:
            print_json(brief)
        return
    text = mandate_html(brief) if fmt == "html" else mandate_markdown(brief)
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")
    elif fmt in ("md", "html"):
        typer.echo(text, nl=False)
    else:
        console.print(Markdown(text))


@app.command()
def overlaps(
    actor: Annotated[list[str] | None, typer.Option("--actor", help="A body (give two to compare a pair).")] = None,
    place: Annotated[str, typer.Option("--place", help="Only overlaps at or inside (or above) this place.")] = "",
    theme: Annotated[str, typer.Option("--theme", help="Only overlaps on this theme (or a narrower one).")] = "",
    limit: Annotated[int, typer.Option("--limit", help="Pairs to show.")] = 20,
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
    full: Annotated[bool, typer.Option("--full", help="Whole quotes, not one line each.")] = False,
) -> None:
    """Pairs of bodies whose statements or efforts share theme × place × level × target group × period."""
    if actor and len(actor) > 2:
        fail("give at most two --actor options")
    res = with_dalil(home, graph, lambda d: d.overlaps(actor or [], place, theme))
    pairs = res["pairs"][: max(1, limit)]
    if json_out:
        print_json({"pairs": pairs, "total": len(res["pairs"])})
        return
    from api.cli.render import print_overlaps

    print_overlaps(console, pairs, len(res["pairs"]), full)


@app.command()
def gaps(
    place: Annotated[str, typer.Option("--place", help="The place (default: the whole country).")] = "",
    home: HomeOpt = None,
    graph: GraphOpt = None,
    json_out: JsonOpt = False,
    full: Annotated[bool, typer.Option("--full", help="Whole reasons and quotes.")] = False,
) -> None:
    """Drivers reported for a place, and strategy themes, that no body or effort covers there."""
    res = with_dalil(home, graph, lambda d: d.gaps(place))
    if json_out:
        print_json(res)
        return
    from api.cli.render import print_gaps

    print_gaps(console, res["gaps"], place, full)
