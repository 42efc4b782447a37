// The coverage map: districts (or governorates) shaded by the bodies working on a theme there,
// with gaps and overlaps as their own layers; a click lists the place's bodies with cited rows.
// Leaflet draws the boundaries alone (no tile server); the PNG export redraws them on a canvas.
"use strict";

const PALETTES = {
  bodies: ["#f1f4f7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
  gaps: ["#f1f4f7", "#fee6ce", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"],
  overlaps: ["#f1f4f7", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"],
};

class CoverageMap {
  constructor(el, legend, panel) {
    this.el = el; this.legend = legend; this.panel = panel; this.data = null; this.geo = {}; this.layer = null;
    this.f = (id) => document.getElementById(id);
  }

  async start() {
    this.map = L.map(this.el, { zoomSnap: 0.25, attributionControl: true, preferCanvas: false });
    this.map.attributionControl.setPrefix(false);
    const [gov, dis] = await Promise.all(["map/governorates.geojson", "map/districts.geojson"].map((u) => fetch(u).then((r) => r.json())));
    this.geo = { governorate: gov, district: dis };
    this.outline = L.geoJSON(gov, { interactive: false, style: { color: "#33414f", weight: 1.6, fill: false } });
    await Dalil.themePicker(this.f("theme"), Dalil.param("theme"));
    for (const k of ["status", "source", "level"]) if (Dalil.param(k)) this.f(k).value = Dalil.param(k);
    for (const k of ["theme", "status", "source", "level"]) this.f(k).addEventListener("change", () => this.load());
    document.querySelectorAll("input[name=layer]").forEach((r) => r.addEventListener("change", () => this.draw()));
    this.f("png").addEventListener("click", () => this.exportPng());
    if (await Dalil.storeIsEmpty()) this.panel.replaceChildren(Dalil.emptyState());
    await this.load();
  }

  mode() { return document.querySelector("input[name=layer]:checked").value; }
  key(f) { return this.f("level").value === "governorate" ? f.properties.place : f.properties.district; }

  value(pid) {
    const p = this.data && this.data.places[pid];
    if (!p) return null;
    const m = this.mode();
    return m === "gaps" ? p.gaps.length : m === "overlaps" ? p.overlaps.length : p.bodies;
  }

  max() {
    const ids = this.geo[this.f("level").value].features.map((f) => this.key(f));
    return Math.max(1, ...ids.map((id) => this.value(id) || 0));
  }

  colour(v, max) {
    const pal = PALETTES[this.mode()];
    if (v === null) return "#ffffff";
    if (!v) return pal[0];
    return pal[Math.min(pal.length - 1, 1 + Math.floor(((v - 1) / Math.max(1, max)) * (pal.length - 1)))];
  }

  async load() {
    const qs = new URLSearchParams({ theme: this.f("theme").value, status: this.f("status").value, source: this.f("source").value });
    history.replaceState(null, "", "?" + new URLSearchParams({ ...Object.fromEntries(qs), level: this.f("level").value }));
    try {
      this.data = await Dalil.api("/api/coverage?" + qs);
      const src = this.f("source"), keep = src.value;
      src.replaceChildren(Dalil.el("option", { value: "" }, "*"), ...this.data.sources.map((s) => Dalil.el("option", { value: s }, s)));
      src.value = keep;
      this.draw();
      if (this.selected) this.select(this.selected);
    } catch (e) { Dalil.showError(this.panel, e); }
  }

  draw() {
    if (this.layer) this.map.removeLayer(this.layer);
    const level = this.f("level").value, max = this.max();
    this.layer = L.geoJSON(this.geo[level], {
      style: (f) => ({ color: "#8795a1", weight: 0.7, fillOpacity: 0.9, fillColor: this.colour(this.value(this.key(f)), max) }),
      onEachFeature: (f, lyr) => {
        const pid = this.key(f), p = this.data.places[pid];
        const name = Dalil.lang === "ar" && f.properties.name_ar ? f.properties.name_ar : f.properties.name;
        lyr.bindTooltip(p ? `${name}: ${this.describe(p)}` : `${name} (no 2019 code)`, { sticky: true, direction: "top" });
        lyr.on("click", () => pid && this.select(pid));
        lyr.on("add", () => { const e = lyr.getElement(); if (e) { e.setAttribute("data-place", pid || ""); e.classList.add("area"); } });
      },
      attribution: this.geo[level].attribution,
    }).addTo(this.map);
    if (!this.map.hasLayer(this.outline)) this.outline.addTo(this.map);
    this.outline.bringToFront();
    if (!this.fitted) { this.map.fitBounds(this.layer.getBounds(), { padding: [8, 8] }); this.fitted = true; }
    this.drawLegend(max);
  }

  describe(p) {
    const m = this.mode();
    if (m === "gaps") return `${p.gaps.length} ${Dalil.t("layer_gaps").toLowerCase()}`;
    if (m === "overlaps") return `${p.overlaps.length} ${Dalil.t("overlap_cells")}` + (p.overlaps.length ? `: ${p.overlaps.join(", ")}` : "");
    return `${p.bodies} ${Dalil.t("bodies")}` + (p.above ? ` (+${p.above} ${Dalil.t("above_level")})` : "");
  }

  legendSteps(max) {
    const pal = PALETTES[this.mode()], n = pal.length - 1, steps = [[pal[0], "0"]];
    for (let i = 1; i <= n; i++) {
      const lo = 1 + Math.ceil(((i - 1) * max) / n), hi = Math.max(lo, Math.ceil((i * max) / n));
      if (lo > max) break;
      steps.push([pal[i], lo === hi ? `${lo}` : `${lo}–${hi}`]);
    }
    return steps;
  }

  drawLegend(max) {
    this.legend.replaceChildren(Dalil.el("strong", {}, Dalil.t("layer_" + this.mode())), " ",
      ...this.legendSteps(max).map(([c, label]) => Dalil.el("span", { class: "legend" }, Dalil.el("i", { style: `background:${c}` }), label)));
  }

  async select(pid) {
    this.selected = pid;
    const p = this.data.places[pid];
    this.panel.replaceChildren(Dalil.el("p", { class: "loading" }, Dalil.t("loading")));
    const qs = new URLSearchParams({ place: pid, theme: this.f("theme").value, status: this.f("status").value, source: this.f("source").value });
    try {
      const res = await Dalil.api("/api/coverage/place?" + qs);
      this.panel.replaceChildren(
        Dalil.el("h2", { id: "district-title", dir: "auto", "data-place": pid }, Dalil.lang === "ar" && p && p.name_ar ? p.name_ar : res.name),
        Dalil.el("p", { class: "meta" }, p ? this.describe(p) : ""),
        p && p.gaps.length ? Dalil.el("p", { class: "gaps" }, Dalil.el("strong", {}, Dalil.t("gaps") + ": "),
          p.gaps.map((g) => Dalil.el("span", { class: "chip" }, g))) : null,
        p && p.overlaps.length ? Dalil.el("p", { class: "overlap-cells" }, Dalil.el("strong", {}, Dalil.t("overlap_cells") + ": "),
          p.overlaps.map((g) => Dalil.el("span", { class: "chip" }, g))) : null,
        Dalil.answerCards(res.actors));
    } catch (e) { Dalil.showError(this.panel, e); }
  }

  // a printable PNG: the shaded boundaries, title, legend and attribution on a white canvas
  exportPng() {
    const level = this.f("level").value, feats = this.geo[level].features, max = this.max();
    const W = 1400, H = 1200, pad = 40, head = 70, foot = 90;
    let [x0, y0, x1, y1] = [180, 90, -180, -90];
    const each = (f, fn) => { const g = f.geometry; (g.type === "Polygon" ? [g.coordinates] : g.coordinates).forEach(fn); };
    feats.forEach((f) => each(f, (poly) => poly[0].forEach(([x, y]) => { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); })));
    const kx = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
    const s = Math.min((W - 2 * pad) / ((x1 - x0) * kx), (H - head - foot - 2 * pad) / (y1 - y0));
    const px = (x) => pad + (x - x0) * kx * s, py = (y) => head + pad + (y1 - y) * s;
    const c = document.createElement("canvas"); c.width = W; c.height = H;
    const g = c.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, W, H);
    const path = (poly) => { g.beginPath(); poly.forEach((ring) => ring.forEach(([x, y], i) => (i ? g.lineTo(px(x), py(y)) : g.moveTo(px(x), py(y))))); };
    feats.forEach((f) => each(f, (poly) => {
      path(poly); g.fillStyle = this.colour(this.value(this.key(f)), max); g.fill("evenodd");
      g.strokeStyle = "#8795a1"; g.lineWidth = 0.8; g.stroke();
    }));
    this.geo.governorate.features.forEach((f) => each(f, (poly) => { path(poly); g.strokeStyle = "#33414f"; g.lineWidth = 1.6; g.stroke(); }));
    const theme = this.f("theme").selectedOptions[0];
    g.fillStyle = "#1b1f24"; g.font = "bold 28px sans-serif";
    g.fillText(`Dalil — ${Dalil.t("layer_" + this.mode())}: ${theme && theme.value ? theme.textContent : Dalil.t("all")}`, pad, 45);
    let lx = pad;
    g.font = "18px sans-serif";
    for (const [col, label] of this.legendSteps(max)) {
      g.fillStyle = col; g.fillRect(lx, H - foot + 10, 22, 22); g.strokeStyle = "#555"; g.strokeRect(lx, H - foot + 10, 22, 22);
      g.fillStyle = "#1b1f24"; g.fillText(label, lx + 28, H - foot + 28); lx += 40 + g.measureText(label).width;
    }
    g.font = "15px sans-serif"; g.fillStyle = "#444";
    g.fillText(this.geo[level].attribution + ". For coordination, not an endorsement of any border.", pad, H - 25);
    const a = Dalil.el("a", { id: "png-link", download: `dalil-map-${this.mode()}.png`, href: c.toDataURL("image/png") });
    document.body.append(a); a.click(); a.remove();
  }
}
window.CoverageMap = CoverageMap;
