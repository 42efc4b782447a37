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
    documents: "Documents", pairs: "pairs", score: "Score", shared: "Shared", gaps: "Gaps (nobody covers)", drivers_reported: "Drivers reported",
    formats: "Documents (PDF, DOCX, HTML, Markdown, text), 3W tables (CSV, XLSX with HXL tags) and IATI activity XML.",
    level: "Level", district: "Districts", governorate: "Governorates", layer: "Layer", layer_bodies: "Bodies covering",
    layer_gaps: "Gaps", layer_overlaps: "Overlaps", overlap_cells: "themes with more than one body", export_png: "Export PNG", above_level: "nationwide or governorate-wide",
    id: "Id", doc_title: "Title", pages: "Pages", language: "Language",
    nav_map: "Map", more_sources: "more sources", bodies: "bodies", api_docs: "API docs",
    empty_title: "The store is empty", empty_body: "No document has been ingested yet. Ingest some from a terminal, or upload them here:",
    empty_upload: "Upload documents", did_you_mean: "Did you mean", as_matrix: "Show as a matrix",
    explanation: "Why", levels: "Levels", places: "Places", themes: "Themes", target_groups: "Target groups",
    partners: "Partners active in the place", efforts: "Efforts in the place", above: "Bodies above", beside: "Bodies beside",
    selected: "Selected", statements_of: "Cited statements", expand: "Expand", fit: "Fit", zoom_in: "Zoom in", zoom_out: "Zoom out",
    not_found_hint: "Pick a body from the list, or try another spelling.",
    established: "established", option: "option",
    place_match_place: "in the place", place_match_inside: "inside the place", place_match_above: "above the place",
    place_match_nationwide: "nationwide", place_match_class: "said of its class",
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
    documents: "الوثائق", pairs: "أزواج", score: "الدرجة", shared: "المشترك", gaps: "فجوات (لا أحد يغطيها)", drivers_reported: "الدوافع المُبلّغ عنها",
    formats: "وثائق (PDF وDOCX وHTML وMarkdown ونص)، وجداول 3W ‏(CSV وXLSX بوسوم HXL)، وأنشطة IATI بصيغة XML.",
    level: "المستوى", district: "الأقضية", governorate: "المحافظات", layer: "الطبقة", layer_bodies: "الجهات العاملة",
    layer_gaps: "الفجوات", layer_overlaps: "التداخلات", overlap_cells: "مواضيع تعمل عليها أكثر من جهة", export_png: "تصدير PNG", above_level: "على مستوى البلد أو المحافظة",
    id: "المعرّف", doc_title: "العنوان", pages: "الصفحات", language: "اللغة",
    nav_map: "الخريطة", more_sources: "مصادر أخرى", bodies: "جهة", api_docs: "توثيق الواجهة",
    empty_title: "المخزن فارغ", empty_body: "لم تُدخل أي وثيقة بعد. أدخل وثائق من الطرفية، أو ارفعها هنا:",
    empty_upload: "ارفع وثائق", did_you_mean: "هل تقصد", as_matrix: "اعرض كمصفوفة",
    explanation: "السبب", levels: "المستويات", places: "الأماكن", themes: "المواضيع", target_groups: "الفئات المستهدفة",
    partners: "الشركاء الناشطون في المكان", efforts: "الأنشطة في المكان", above: "الجهات الأعلى", beside: "جهات مذكورة معها",
    selected: "المحدد", statements_of: "العبارات الموثقة", expand: "وسّع", fit: "ملاءمة", zoom_in: "تكبير", zoom_out: "تصغير",
    not_found_hint: "اختر جهة من القائمة، أو جرّب تهجئة أخرى.",
    established: "مقرر", option: "اختياري",
    place_match_place: "في المكان", place_match_inside: "داخل المكان", place_match_above: "أعلى من المكان",
    place_match_nationwide: "على المستوى الوطني", place_match_class: "قيل عن فئتها",
    ministry: "وزارة", national_body: "هيئة وطنية", committee: "لجنة", local_government: "حكومة محلية",
    un_agency: "وكالة أممية", ngo: "منظمة غير حكومية", donor: "جهة مانحة", network: "شبكة", religious_body: "جهة دينية",
    private_sector: "قطاع خاص", person: "شخص", unit: "وحدة", other: "أخرى", international_org: "منظمة دولية",
    security_force: "قوة أمنية", armed_group: "جماعة مسلحة", programme: "برنامج",
  },
};

const KIND_COLOURS = {
  ministry: "#1f77b4", national_body: "#17becf", committee: "#2ca02c", local_government: "#ff7f0e",
  un_agency: "#9467bd", ngo: "#8c564b", donor: "#d62728", network: "#e377c2", religious_body: "#bcbd22",
  private_sector: "#7f7f7f", person: "#444444", security_force: "#393b79", armed_group: "#843c39",
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

  showError(box, e, onPick) {
    const sugg = (e.data && e.data.suggestions) || [];
    const empty = e.data && /no documents yet/.test(e.message || "");
    if (empty) { box.replaceChildren(this.emptyState()); return; }
    box.replaceChildren(this.el("p", { class: "error", role: "alert", dir: "auto" }, e.message),
      sugg.length ? this.el("p", { class: "suggest" }, `${this.t("did_you_mean")}: `,
        [...new Set(sugg)].map((n) => this.el("button", { type: "button", class: "chip", onclick: () => onPick && onPick(n) }, n))) : null);
  },

  // the store holds no documents: say so, with the command and the upload page
  emptyState() {
    return this.el("section", { class: "empty-state", role: "status" },
      this.el("h2", { "data-i18n": "empty_title" }, this.t("empty_title")),
      this.el("p", { "data-i18n": "empty_body" }, this.t("empty_body")),
      this.el("pre", { dir: "ltr" }, "dalil ingest data/demo\ndalil ingest 3w.csv plan.pdf activities.xml"),
      this.el("p", {}, this.el("a", { href: "documents.html", class: "button", "data-i18n": "empty_upload" }, this.t("empty_upload"))));
  },

  // true when /api/documents lists nothing (pages then show emptyState instead of a blank result)
  async storeIsEmpty() {
    try { return (await this.api("/api/documents")).length === 0; } catch (_) { return false; }
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
      ["overlaps.html", "nav_overlaps"], ["map.html", "nav_map"], ["graph.html", "nav_graph"], ["documents.html", "nav_docs"],
      ["docs", "api_docs"]];
    const here = location.pathname.split("/").pop() || "index.html";
    const nav = this.el("nav", {}, links.map(([href, k]) =>
      this.el("a", { href, "data-i18n": k, class: href === here ? "here" : "" })));
    const keyIn = this.el("input", { id: "apikey", type: "password", size: "12", autocomplete: "off",
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

  label(k) { const v = this.t(k); return v === k ? String(k).replace(/_/g, " ") : v; },

  param(name) { return new URLSearchParams(location.search).get(name) || ""; },

  // --- citations ------------------------------------------------------------------------
  citation(w) {
    return this.el("a", { href: "#", class: "citation", "data-statement": w.statement,
      onclick: (ev) => { ev.preventDefault(); this.openPassage(w.statement, w); } },
    `${w.document} p.${w.page}`);
  },

  // a statement's sentence in its page; an effort (a table row, not a sentence) shows the row itself
  async openPassage(statement, w = {}) {
    const dlg = document.getElementById("passage");
    const meta = dlg.querySelector(".passage-meta"), text = dlg.querySelector(".passage-text");
    meta.textContent = this.t("loading"); text.replaceChildren();
    if (!dlg.open) dlg.showModal();
    if (w.kind === "effort") {
      meta.replaceChildren(this.el("strong", {}, w.document), ` — ${this.t("page")} ${w.page} · ${w.effort || ""}`);
      text.replaceChildren(this.el("mark", {}, w.quote || w.effort || ""));
      return;
    }
    try {
      const p = await this.api(`/api/passage/${encodeURIComponent(statement)}`);
      meta.replaceChildren(this.el("strong", {}, p.document), ` — ${this.t("page")} ${p.page} · `,
        this.el("span", { class: `status ${p.status}` }, p.status), ` · ${p.title}`);
      text.replaceChildren(p.before ? "…" + p.before : "", this.el("mark", {}, p.match || p.quote), p.after ? p.after + "…" : "");
    } catch (e) { this.showError(text, e); meta.textContent = ""; }
  },

  // --- answers as cards: one per body, the best quote with its citation, other sources folded --------
  distinctWhy(why) {
    const seen = new Set();
    return (why || []).filter((w) => {
      const k = `${w.document}|${w.page}|${(w.quote || "").replace(/\s+/g, " ").trim()}`;
      if (seen.has(k)) return false; seen.add(k); return true;
    });
  },

  displayName(r) {
    if (this.lang !== "ar") return r.name;
    return r.name_ar || (r.aliases || []).find((a) => /[\u0600-\u06FF]/.test(a)) || r.name;
  },

  quoteLine(w) {
    return this.el("li", { class: "source" }, w.status ? this.el("span", { class: `status ${w.status}` }, this.label(w.status)) : null, " ",
      this.el("q", { dir: "auto" }, w.quote || ""), " ", this.citation(w));
  },

  card(r) {
    const why = this.distinctWhy(r.why);
    const first = why[0] || {};
    const meta = [this.el("span", { class: "kind" }, this.label(r.kind || "")),
      first.status ? this.el("span", { class: `status ${first.status}` }, this.label(first.status)) : null,
      first.place_match ? this.el("span", { class: "match" }, this.label("place_match_" + first.place_match)) : null];
    return this.el("article", { class: "card", "data-id": r.id },
      this.el("h3", {}, this.el("a", { href: `graph.html?actor=${encodeURIComponent(r.id)}`, dir: "auto" }, this.el("bdi", {}, this.displayName(r)))),
      this.el("p", { class: "meta" }, meta),
      first.quote ? this.el("blockquote", { dir: "auto" }, first.quote) : null,
      first.document ? this.el("p", { class: "cite" }, this.citation(first)) : null,
      why.length > 1 ? this.el("details", {}, this.el("summary", {}, `${why.length - 1} ${this.t("more_sources")}`),
        this.el("ul", {}, why.slice(1).map((w) => this.quoteLine(w)))) : null);
  },

  answerCards(rows) {
    if (!rows || !rows.length) return this.el("p", { class: "empty" }, this.t("none"));
    return this.el("div", { id: "answer", class: "cards" }, rows.map((r) => this.card(r)));
  },

  summary(ans) {
    const rows = ans.actors || [];
    if (this.lang === "ar" && rows.length) {  // names isolated, so Arabic and Latin runs do not scramble
      const names = rows.slice(0, 5).map((r) => this.el("bdi", {}, this.displayName(r)));
      const list = names.flatMap((n, i) => (i ? ["، ", n] : [n]));
      return this.el("p", { class: "summary", dir: "rtl" }, this.el("strong", {}, `${rows.length} ${this.t("bodies")}: `), list,
        rows.length > 5 ? ` (+${rows.length - 5})` : "");
    }
    return this.el("p", { class: "summary", dir: "auto" }, this.el("strong", {}, ans.answer || ""),
      ans.intent ? this.el("span", { class: "intent" }, ` (${ans.intent})`) : null);
  },

  renderAnswer(box, ans) {
    if (ans.empty_store) { box.replaceChildren(this.emptyState()); return; }
    const parts = [this.summary(ans), this.answerCards(ans.actors)];
    if (ans.gaps && ans.gaps.length) {
      parts.push(this.el("h3", { "data-i18n": "gaps" }, this.t("gaps")),
        this.el("ul", {}, ans.gaps.map((g) => this.el("li", {}, g.label))));
    }
    if (ans.drivers && ans.drivers.length) {  // each driver with the sentence that reports it nearest
      parts.push(this.el("h3", { "data-i18n": "drivers_reported" }, this.t("drivers_reported")),
        this.el("ul", {}, ans.drivers.map((d) => this.el("li", {}, this.el("strong", {}, d.label),
          d.reported && d.reported.length ? this.el("span", { dir: "auto" },
            ` — “${d.reported[0].quote}” (${d.reported[0].document} p.${d.reported[0].page})`) : ""))));
    }
    if (ans.hits && ans.hits.length) {
      parts.push(this.el("ol", { class: "hits" }, ans.hits.map((h) => this.el("li", { dir: "auto" },
        this.el("strong", {}, `${h.document} p.${h.page}`), " ", h.text || h.quote || ""))));
    }
    box.replaceChildren(...parts);
  },

  // a table that may be wider than a phone scrolls inside its own box, never the page
  scroller(child) { return this.el("div", { class: "scroll-x" }, child); },

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

  // resolves once the options are in, with ``wanted`` (an id or a label, e.g. from the URL) selected
  async themePicker(select, wanted = "") {
    try {
      const rows = await this.api("/api/themes");
      this.themes = Object.fromEntries(rows.map((c) => [c.id, c]));
      const seen = new Set();
      const opts = rows.map((c) => [c.id, this.lang === "ar" && c.label_ar ? c.label_ar : c.label_en, c.scheme])
        .sort((x, y) => x[1].localeCompare(y[1]))
        .filter(([, lab, scheme]) => { const k = lab + "|" + scheme; if (seen.has(k)) return false; seen.add(k); return true; })
        .map(([id, lab, scheme]) => this.el("option", { value: id }, `${lab} (${scheme.replace(/_/g, " ")})`));
      select.replaceChildren(this.el("option", { value: "" }, this.t("all")), ...opts);
    } catch (e) { select.replaceChildren(this.el("option", { value: "" }, this.t("all"))); }
    if (wanted) {  // an id selects its option; a typed label is sent as typed, for the API to resolve as the CLI does
      if (![...select.options].some((o) => o.value === wanted)) select.append(this.el("option", { value: wanted }, wanted));
      select.value = wanted;
    }
  },

  themeLabel(id) {
    const c = (this.themes || {})[id];
    if (!c) return String(id).split(":").pop().replace(/_/g, " ");
    return this.lang === "ar" && c.label_ar ? c.label_ar : c.label_en;
  },
};
window.Dalil = Dalil;
