// Dalil web pages: shared helpers (no framework, no CDN). Every page calls Dalil.init().
"use strict";

const I18N = {
  en: {
    title: "Dalil — who does what, where, in P/CVE",
    nav_ask: "Ask", nav_who: "Who covers", nav_mandate: "Mandate brief", nav_overlaps: "Overlaps",
    nav_graph: "Graph", nav_docs: "Documents", key: "API key", save: "Save", lang: "العربية",
    ask_ph: "Ask a question, e.g. Which bodies cover youth in Nineveh?", ask_btn: "Ask",
    body: "Body", kind: "Kind", status: "Status", place_match: "Place match", source: "Source", quote: "Quote",
    theme: "Theme", place: "Place", show: "Show", loading: "Loading…", none: "No answer rows.",
    must: "Must do (established)", may: "May do (option)", recommended: "Recommended", related: "Bodies above and partners",
    drivers: "Drivers reported", print: "Print", passage: "Passage in context", page: "page", close: "Close",
    depth: "Depth", draw: "Draw", all: "all", filter_status: "Status", filter_theme: "Theme", filter_place: "Place",
    upload: "Upload and ingest", file: "File", chunks: "Chunks", statements: "Statements", reason: "Reason",
    documents: "Documents", pairs: "pairs", score: "Score", shared: "Shared", gaps: "Gaps (nobody covers)",
  },
  ar: {
    title: "دليل — من يفعل ماذا وأين في منع التطرف العنيف ومكافحته",
    nav_ask: "اسأل", nav_who: "من يغطي", nav_mandate: "موجز الولاية", nav_overlaps: "التداخلات",
    nav_graph: "الشبكة", nav_docs: "الوثائق", key: "مفتاح الواجهة", save: "حفظ", lang: "English",
    ask_ph: "اطرح سؤالاً، مثلاً: ما الجهات التي تغطي الشباب في نينوى؟", ask_btn: "اسأل",
    body: "الجهة", kind: "النوع", status: "الحالة", place_match: "مطابقة المكان", source: "المصدر", quote: "الاقتباس",
    theme: "الموضوع", place: "المكان", show: "اعرض", loading: "جارٍ التحميل…", none: "لا توجد نتائج.",
    must: "ما يجب فعله (مقرر)", may: "ما يجوز فعله (اختياري)", recommended: "موصى به", related: "الجهات الأعلى والشركاء",
    drivers: "دوافع مُبلغ عنها", print: "طباعة", passage: "المقطع في سياقه", page: "صفحة", close: "إغلاق",
    depth: "العمق", draw: "ارسم", all: "الكل", filter_status: "الحالة", filter_theme: "الموضوع", filter_place: "المكان",
    upload: "ارفع وأدخل", file: "الملف", chunks: "المقاطع", statements: "العبارات", reason: "السبب",
    documents: "الوثائق", pairs: "أزواج", score: "الدرجة", shared: "المشترك", gaps: "فجوات (لا أحد يغطيها)",
  },
};

const KIND_COLOURS = {
  ministry: "#1f77b4", national_body: "#17becf", committee: "#2ca02c", local_government: "#ff7f0e",
  un_agency: "#9467bd", ngo: "#8c564b", donor: "#d62728", network: "#e377c2", religious_body: "#bcbd22",
  private_sector: "#7f7f7f", person: "#444444",
};

const Dalil = {
  lang: localStorage.getItem("dalil.lang") || "en",
  t(k) { return (I18N[this.lang] || I18N.en)[k] || I18N.en[k] || k; },

  el(tag, attrs = {}, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
    return e;
  },

  async api(path, opts = {}) {
    const headers = Object.assign({}, opts.headers || {});
    const key = localStorage.getItem("dalil.key");
    if (key) headers["X-API-Key"] = key;
    const resp = await fetch(path, Object.assign({}, opts, { headers }));
    let data = null;
    try { data = await resp.json(); } catch (_) { data = null; }
    if (!resp.ok) {
      const msg = (data && data.message) || resp.statusText;
      const err = new Error(msg); err.status = resp.status; err.data = data; throw err;
    }
    return data;
  },

  showError(box, e) {
    box.replaceChildren(this.el("p", { class: "error", role: "alert" }, `${e.status || ""} ${e.message}`));
  },

  applyLang() {
    document.documentElement.lang = this.lang;
    document.documentElement.dir = this.lang === "ar" ? "rtl" : "ltr";
    document.title = this.t("title");
    document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = this.t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-ph]").forEach((n) => { n.placeholder = this.t(n.dataset.i18nPh); });
  },

  header() {
    const links = [["index.html", "nav_ask"], ["who.html", "nav_who"], ["mandate.html", "nav_mandate"],
      ["overlaps.html", "nav_overlaps"], ["graph.html", "nav_graph"], ["documents.html", "nav_docs"]];
    const here = location.pathname.split("/").pop() || "index.html";
    const nav = this.el("nav", {}, links.map(([href, k]) =>
      this.el("a", { href, "data-i18n": k, class: href === here ? "here" : "" })));
    const keyIn = this.el("input", { id: "apikey", type: "password", size: "18", autocomplete: "off",
      value: localStorage.getItem("dalil.key") || "" });
    const keyBox = this.el("span", { class: "key" }, this.el("label", { for: "apikey", "data-i18n": "key" }), " ", keyIn,
      this.el("button", { type: "button", "data-i18n": "save", onclick: () => {
        if (keyIn.value) localStorage.setItem("dalil.key", keyIn.value.trim()); else localStorage.removeItem("dalil.key");
      } }));
    const langBtn = this.el("button", { type: "button", id: "lang", "data-i18n": "lang", onclick: () => {
      this.lang = this.lang === "en" ? "ar" : "en"; localStorage.setItem("dalil.lang", this.lang); this.applyLang();
    } });
    const head = this.el("header", { class: "noprint" },
      this.el("strong", { class: "brand" }, "Dalil · دليل"), nav, keyBox, langBtn);
    document.body.prepend(head);
    if (!document.getElementById("passage")) {
      document.body.append(this.el("dialog", { id: "passage" },
        this.el("h3", { "data-i18n": "passage" }), this.el("div", { class: "passage-meta" }),
        this.el("div", { class: "passage-text", dir: "auto" }),
        this.el("form", { method: "dialog" }, this.el("button", { "data-i18n": "close" }))));
    }
  },

  init() { this.header(); this.applyLang(); },

  param(name) { return new URLSearchParams(location.search).get(name) || ""; },

  // --- citations ------------------------------------------------------------------------
  citation(w) {
    return this.el("a", { href: "#", class: "citation", "data-statement": w.statement,
      onclick: (ev) => { ev.preventDefault(); this.openPassage(w.statement); } },
    `${w.document} p.${w.page}`);
  },

  async openPassage(statement) {
    const dlg = document.getElementById("passage");
    const meta = dlg.querySelector(".passage-meta"), text = dlg.querySelector(".passage-text");
    meta.textContent = this.t("loading"); text.replaceChildren();
    if (!dlg.open) dlg.showModal();
    try {
      const p = await this.api(`/api/passage/${encodeURIComponent(statement)}`);
      meta.replaceChildren(this.el("strong", {}, p.document), ` — ${this.t("page")} ${p.page} · `,
        this.el("span", { class: `status ${p.status}` }, p.status), ` · ${p.title}`);
      text.replaceChildren(p.before ? "…" + p.before : "", this.el("mark", {}, p.match || p.quote), p.after ? p.after + "…" : "");
    } catch (e) { this.showError(text, e); meta.textContent = ""; }
  },

  // --- answer tables (the CLI's table, with every citation) --------------------------------
  answerTable(rows) {
    if (!rows || !rows.length) return this.el("p", { class: "empty" }, this.t("none"));
    const head = ["body", "kind", "status", "place_match", "source", "quote"].map((k) => this.el("th", { "data-i18n": k }, this.t(k)));
    const body = rows.map((r) => {
      const w = r.why || [];
      const first = w[0] || {};
      return this.el("tr", { "data-id": r.id },
        this.el("td", {}, this.el("a", { href: `graph.html?actor=${encodeURIComponent(r.id)}` }, r.name),
          r.aliases && r.aliases.length ? this.el("div", { class: "aliases" }, r.aliases.slice(0, 3).join(" · ")) : null),
        this.el("td", {}, r.kind),
        this.el("td", {}, this.el("span", { class: `status ${first.status || ""}` }, first.status || "")),
        this.el("td", {}, first.place_match || ""),
        this.el("td", { class: "cites" }, w.map((x) => this.citation(x))),
        this.el("td", { class: "quote", dir: "auto" }, first.quote || ""));
    });
    return this.el("table", { id: "answer", class: "answer" }, this.el("thead", {}, this.el("tr", {}, head)), this.el("tbody", {}, body));
  },

  renderAnswer(box, ans) {
    const parts = [this.el("p", { class: "summary" }, this.el("strong", {}, ans.answer || ""),
      ans.intent ? this.el("span", { class: "intent" }, ` (${ans.intent})`) : null)];
    parts.push(this.answerTable(ans.actors));
    if (ans.gaps && ans.gaps.length) {
      parts.push(this.el("h3", { "data-i18n": "gaps" }, this.t("gaps")),
        this.el("ul", {}, ans.gaps.map((g) => this.el("li", {}, g.label))));
    }
    if (ans.hits && ans.hits.length) {
      parts.push(this.el("ol", { class: "hits" }, ans.hits.map((h) => this.el("li", { dir: "auto" },
        this.el("strong", {}, `${h.document} p.${h.page}`), " ", h.text || h.quote || ""))));
    }
    box.replaceChildren(...parts);
  },

  // --- pickers: places know Arabic and alternate names ------------------------------------
  placePicker(input) {
    const list = this.el("datalist", { id: input.id + "-list" });
    input.setAttribute("list", list.id);
    input.after(list);
    let timer = null;
    const fill = async () => {
      try {
        const rows = await this.api(`/api/places?limit=30&q=${encodeURIComponent(input.value)}`);
        list.replaceChildren(...rows.map((p) => this.el("option", { value: p.name },
          [p.name_ar, p.level, p.parent_name].filter(Boolean).join(" · "))));
      } catch (_) { /* the field still takes free text */ }
    };
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fill, 150); });
    fill();
  },

  async themePicker(select) {
    try {
      const rows = await this.api("/api/themes");
      select.replaceChildren(this.el("option", { value: "" }, this.t("all")),
        ...rows.map((c) => this.el("option", { value: c.id }, this.lang === "ar" && c.label_ar ? c.label_ar : `${c.label_en} (${c.scheme})`)));
    } catch (e) { select.replaceChildren(this.el("option", { value: "" }, e.message)); }
  },
};
window.Dalil = Dalil;
