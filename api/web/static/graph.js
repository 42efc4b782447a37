// A small force-directed graph explorer in plain SVG (no library): neighbourhood of a body,
// expand on click, colour by kind, filter by status / theme / place.
"use strict";

class GraphView {
  constructor(svg, info) {
    this.svg = svg; this.info = info; this.nodes = new Map(); this.edges = new Map();
    this.W = 1000; this.H = 640;
  }

  async load(actor, depth) {
    this.nodes.clear(); this.edges.clear();
    await this.expand(actor, depth);
  }

  async expand(actor, depth = 1) {
    try {
      const g = await Dalil.api(`/api/graph/neighbourhood?actor=${encodeURIComponent(actor)}&depth=${depth}`);
      const c = this.nodes.get(g.center);
      for (const n of g.nodes) {
        if (!this.nodes.has(n.id)) {
          const a = Math.random() * 2 * Math.PI;
          this.nodes.set(n.id, Object.assign({}, n, { x: (c ? c.x : this.W / 2) + 60 * Math.cos(a), y: (c ? c.y : this.H / 2) + 60 * Math.sin(a), vx: 0, vy: 0 }));
        }
      }
      this.nodes.get(g.center).expanded = true;
      for (const e of g.edges) this.edges.set(`${e.statement}|${e.src}|${e.dst}`, e);
      this.fillFilters(); this.layout(300); this.render();
    } catch (e) { Dalil.showError(this.info, e); }
  }

  fillFilters() {
    const themes = new Set(), places = new Set();
    for (const e of this.edges.values()) { (e.themes || []).forEach((t) => themes.add(t)); (e.places || []).forEach((p) => places.add(p)); }
    for (const [id, values] of [["f-theme", themes], ["f-place", places]]) {
      const sel = document.getElementById(id); const keep = sel.value;
      sel.replaceChildren(Dalil.el("option", { value: "" }, "*"), ...[...values].sort().map((v) => Dalil.el("option", { value: v }, v)));
      sel.value = keep;
    }
  }

  visibleEdges() {
    const st = document.getElementById("f-status").value, th = document.getElementById("f-theme").value, pl = document.getElementById("f-place").value;
    return [...this.edges.values()].filter((e) => (!st || e.status === st) && (!th || (e.themes || []).includes(th)) && (!pl || (e.places || []).includes(pl)));
  }

  layout(iterations) {
    const ns = [...this.nodes.values()], es = [...this.edges.values()];
    const k = Math.sqrt((this.W * this.H) / Math.max(ns.length, 1)) * 0.6;
    for (let it = 0; it < iterations; it++) {
      const t = 0.1 * (1 - it / iterations) + 0.01;
      for (const a of ns) { a.vx = 0; a.vy = 0; }
      for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
        const a = ns[i], b = ns[j]; let dx = a.x - b.x, dy = a.y - b.y; let d = Math.hypot(dx, dy) || 0.01;
        const f = (k * k) / d; dx /= d; dy /= d; a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
      for (const e of es) {
        const a = this.nodes.get(e.src), b = this.nodes.get(e.dst); if (!a || !b) continue;
        let dx = a.x - b.x, dy = a.y - b.y; const d = Math.hypot(dx, dy) || 0.01; const f = (d * d) / k;
        dx /= d; dy /= d; a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
      }
      for (const a of ns) {
        a.vx += (this.W / 2 - a.x) * 0.02 * k; a.vy += (this.H / 2 - a.y) * 0.02 * k;  // gravity
        const v = Math.hypot(a.vx, a.vy) || 1; const step = Math.min(v, t * this.W * 0.5);
        a.x = Math.min(this.W - 40, Math.max(40, a.x + (a.vx / v) * step));
        a.y = Math.min(this.H - 30, Math.max(30, a.y + (a.vy / v) * step));
      }
    }
  }

  render() {
    const NS = "http://www.w3.org/2000/svg";
    const mk = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
    const edges = this.visibleEdges();
    const shown = new Set(); edges.forEach((e) => { shown.add(e.src); shown.add(e.dst); });
    for (const n of this.nodes.values()) if (n.expanded) shown.add(n.id);
    const g = mk("g", {});
    for (const e of edges) {
      const a = this.nodes.get(e.src), b = this.nodes.get(e.dst); if (!a || !b) continue;
      const line = mk("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge ${e.status}`, "data-statement": e.statement });
      const title = mk("title", {}); title.textContent = `${a.name} —${e.kind}→ ${b.name} (${e.status})`; line.append(title);
      line.addEventListener("click", () => Dalil.openPassage(e.statement));
      g.append(line);
    }
    for (const n of this.nodes.values()) {
      if (!shown.has(n.id)) continue;
      const node = mk("g", { class: "node" + (n.expanded ? " expanded" : ""), "data-id": n.id, "data-kind": n.kind, transform: `translate(${n.x},${n.y})` });
      node.append(mk("circle", { r: n.expanded ? 11 : 8, fill: KIND_COLOURS[n.kind] || "#999" }));
      const label = mk("text", { x: 13, y: 4 }); label.textContent = n.name.length > 38 ? n.name.slice(0, 36) + "…" : n.name; node.append(label);
      const title = mk("title", {}); title.textContent = `${n.name} (${n.kind}, ${n.level})`; node.append(title);
      node.addEventListener("click", () => { this.showInfo(n); if (!n.expanded) this.expand(n.id, 1); });
      g.append(node);
    }
    this.svg.replaceChildren(g);
    const kinds = [...new Set([...this.nodes.values()].map((n) => n.kind))].sort();
    document.getElementById("legend").replaceChildren(...kinds.map((k) => Dalil.el("span", { class: "legend" },
      Dalil.el("i", { style: `background:${KIND_COLOURS[k] || "#999"}` }), k)));
  }

  showInfo(n) {
    this.info.replaceChildren(Dalil.el("p", {}, Dalil.el("strong", {}, n.name), ` — ${n.kind}, ${n.level} · `,
      Dalil.el("a", { href: `mandate.html?body=${encodeURIComponent(n.id)}` }, Dalil.t("nav_mandate"))));
  }
}
window.GraphView = GraphView;
