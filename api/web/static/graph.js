// The graph explorer on Cytoscape.js (vendored): zoom and pan, a seeded force layout (the same
// graph is laid out the same way on every load), labels sized into the layout so they do not
// collide, filters by readable names, click to expand, the selected body's cited statements
// beside the graph.
"use strict";

function seeded(id) {  // a stable start position per node id (FNV-1a hash)
  let h = 2166136261;
  for (const ch of id) { h ^= ch.charCodeAt(0); h = Math.imul(h, 16777619); }
  const a = ((h >>> 0) % 3600) / 3600 * 2 * Math.PI, r = 80 + ((h >>> 12) % 200);
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

class GraphView {
  constructor(el, info) {
    this.el = el; this.info = info; this.edges = new Map(); this.placeNames = {};
    this.f = (id) => document.getElementById(id);
  }

  async start(actor) {
    this.cy = cytoscape({
      container: this.el, wheelSensitivity: 0.3, minZoom: 0.15, maxZoom: 4,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: 18, height: 18, label: "data(label)",
          "font-size": 10, "text-wrap": "wrap", "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 3,
          "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1, "min-zoomed-font-size": 7 } },
        { selector: "node.expanded", style: { "border-width": 3, "border-color": "#000", width: 24, height: 24 } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#0b5cad" } },
        { selector: "edge", style: { width: 1.5, "line-color": "#99a", "curve-style": "bezier", "target-arrow-shape": "triangle",
          "target-arrow-color": "#99a", "arrow-scale": 0.8 } },
        { selector: "edge.option", style: { "line-style": "dashed" } },
        { selector: "edge.recommended", style: { "line-style": "dotted", "line-color": "#87c", "target-arrow-color": "#87c" } },
        { selector: ".hidden", style: { display: "none" } },
      ],
    });
    this.cy.on("tap", "node", (ev) => this.select(ev.target.id(), true));
    this.cy.on("tap", "edge", (ev) => Dalil.openPassage(ev.target.data("statement")));
    this.f("zoom-in").addEventListener("click", () => this.zoom(1.3));
    this.f("zoom-out").addEventListener("click", () => this.zoom(1 / 1.3));
    this.f("fit").addEventListener("click", () => this.cy.fit(undefined, 20));
    for (const id of ["f-status", "f-theme", "f-place"]) this.f(id).addEventListener("change", () => this.applyFilters());
    this.f("graph-form").addEventListener("submit", (ev) => { ev.preventDefault(); this.load(this.f("actor").value, +this.f("depth").value); });
    let actors = [];
    try {
      [, this.placeNames, actors] = await Promise.all([Dalil.themePicker(Dalil.el("select")), Dalil.api("/api/place-names"),
        Dalil.api("/api/actors")]);
    } catch (e) { Dalil.showError(this.info, e); return; }  // e.g. reads need a key: say so, not "empty"
    this.f("actor-list").replaceChildren(...actors.filter((a) => a.kind !== "person").map((a) => Dalil.el("option", { value: a.name })));
    if (!actor) {  // no body asked for: start from the best-connected body there is, never a fixed name
      if (!actors.length) { this.info.replaceChildren(Dalil.emptyState()); return; }
      const who = await Dalil.api("/api/who").catch(() => ({ actors: [] }));
      actor = (who.actors[0] || actors[0]).id;
    }
    await this.load(actor, 1);
  }

  zoom(k) {
    const c = { x: this.el.clientWidth / 2, y: this.el.clientHeight / 2 };
    this.cy.zoom({ level: this.cy.zoom() * k, renderedPosition: c });
  }

  async load(actor, depth) {
    this.cy.elements().remove(); this.edges.clear();
    await this.expand(actor, depth);
  }

  placeLabel(id) {
    const p = this.placeNames[id];
    return p ? (Dalil.lang === "ar" && p.name_ar ? p.name_ar : p.name) : String(id).replace(/^place:/, "");
  }

  async expand(actor, depth = 1) {
    try {
      const g = await Dalil.api(`/api/graph/neighbourhood?actor=${encodeURIComponent(actor)}&depth=${depth}`);
      const add = [];
      const centre = this.cy.$id(g.center);
      const origin = centre.nonempty() ? centre.position() : { x: 0, y: 0 };
      for (const n of g.nodes) {
        if (this.cy.$id(n.id).nonempty()) continue;
        const s = seeded(n.id);
        add.push({ group: "nodes", data: { id: n.id, label: n.name, name: n.name, kind: n.kind, level: n.level,
          colour: KIND_COLOURS[n.kind] || "#999" }, position: { x: origin.x + s.x, y: origin.y + s.y } });
      }
      for (const e of g.edges) {
        const key = `${e.statement}|${e.src}|${e.dst}`;
        if (this.edges.has(key)) continue;
        this.edges.set(key, e);
        add.push({ group: "edges", classes: e.status, data: { id: key, source: e.src, target: e.dst, statement: e.statement,
          status: e.status, themes: e.themes || [], places: e.places || [], kind: e.kind } });
      }
      this.cy.add(add);
      this.cy.$id(g.center).addClass("expanded");
      this.fillFilters();
      this.applyFilters();
      await this.layout();
      if (!this.info.dataset.actor) this.select(g.center, false);
    } catch (e) { Dalil.showError(this.info, e, (name) => { this.f("actor").value = name; this.load(name, 1); }); }
  }

  layout() {
    return new Promise((resolve) => {
      const l = this.cy.layout({ name: "cose", randomize: false, animate: false, nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 90, nodeRepulsion: () => 9000, nodeOverlap: 12, padding: 20, numIter: 1500,
        componentSpacing: 60, gravity: 0.6 });
      l.one("layoutstop", () => { this.declutter(); this.cy.fit(undefined, 20); resolve(); });
      l.run();
    });
  }

  // the force layout leaves the odd label over another: push such pairs apart along the axis
  // where they overlap least, until no two nodes-with-labels overlap (deterministic)
  declutter() {
    const ns = this.cy.nodes().toArray();
    for (let it = 0; it < 80; it++) {
      let moved = false;
      const bs = ns.map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
      for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
        const a = bs[i], b = bs[j];
        const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (ox <= 0 || oy <= 0) continue;
        const pa = ns[i].position(), pb = ns[j].position();
        if (ox < oy) {
          const d = (ox / 2 + 3) * (pa.x <= pb.x ? 1 : -1);
          ns[i].position({ x: pa.x - d, y: pa.y }); ns[j].position({ x: pb.x + d, y: pb.y });
        } else {
          const d = (oy / 2 + 3) * (pa.y <= pb.y ? 1 : -1);
          ns[i].position({ x: pa.x, y: pa.y - d }); ns[j].position({ x: pb.x, y: pb.y + d });
        }
        moved = true;
        bs[i] = ns[i].boundingBox({ includeLabels: true, includeOverlays: false });
        bs[j] = ns[j].boundingBox({ includeLabels: true, includeOverlays: false });
      }
      if (!moved) break;
    }
  }

  fillFilters() {
    const themes = new Set(), places = new Set();
    for (const e of this.edges.values()) { (e.themes || []).forEach((t) => themes.add(t)); (e.places || []).forEach((p) => places.add(p)); }
    for (const [id, values, label] of [["f-theme", themes, (t) => Dalil.themeLabel(t)], ["f-place", places, (p) => this.placeLabel(p)]]) {
      const sel = this.f(id), keep = sel.value;
      const opts = [...values].map((v) => [v, label(v)]).sort((a, b) => a[1].localeCompare(b[1]));
      sel.replaceChildren(Dalil.el("option", { value: "" }, "*"), ...opts.map(([v, l]) => Dalil.el("option", { value: v }, l)));
      sel.value = keep;
    }
  }

  applyFilters() {
    const st = this.f("f-status").value, th = this.f("f-theme").value, pl = this.f("f-place").value;
    this.cy.batch(() => {
      this.cy.edges().forEach((e) => {
        const d = e.data();
        const ok = (!st || d.status === st) && (!th || d.themes.includes(th)) && (!pl || d.places.includes(pl));
        e.toggleClass("hidden", !ok);
      });
      this.cy.nodes().forEach((n) => {
        const linked = n.connectedEdges().some((e) => !e.hasClass("hidden"));
        n.toggleClass("hidden", !(linked || n.hasClass("expanded")));
      });
    });
    const kinds = [...new Set(this.cy.nodes().map((n) => n.data("kind")))].sort();
    this.f("legend").replaceChildren(...kinds.map((k) => Dalil.el("span", { class: "legend" },
      Dalil.el("i", { style: `background:${KIND_COLOURS[k] || "#999"}` }), Dalil.label(k))));
  }

  // the selected body's cited statements beside the graph; a click also expands it
  async select(id, expand) {
    const n = this.cy.$id(id);
    this.cy.$(":selected").unselect(); n.select();
    this.info.dataset.actor = id;
    this.info.replaceChildren(Dalil.el("p", { class: "loading" }, Dalil.t("loading")));
    if (expand && !n.hasClass("expanded")) this.expand(id, 1);
    try {
      const a = await Dalil.api(`/api/actors/${encodeURIComponent(id)}`);
      if (this.info.dataset.actor !== id) return;
      const why = Dalil.distinctWhy(a.why);
      this.info.replaceChildren(
        Dalil.el("h3", { dir: "auto", id: "info-name" }, Dalil.displayName(a)),
        Dalil.el("p", { class: "meta" }, [Dalil.label(a.kind), a.level].filter(Boolean).join(" · "), " · ",
          Dalil.el("a", { href: `mandate.html?body=${encodeURIComponent(a.id)}` }, Dalil.t("nav_mandate"))),
        Dalil.el("h4", {}, `${Dalil.t("statements_of")} (${why.length})`),
        Dalil.el("ul", { class: "statements" }, why.slice(0, 30).map((w) => Dalil.quoteLine(w))));
    } catch (e) { Dalil.showError(this.info, e); }
  }
}
window.GraphView = GraphView;
