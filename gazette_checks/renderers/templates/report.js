(function () {
  "use strict";
  var uiNode = document.getElementById("gc-ui");
  var toolbar = document.getElementById("toolbar");
  if (!uiNode) { return; }
  var ui = JSON.parse(uiNode.textContent);
  var exportNode = document.getElementById("gc-export");
  var exportData = exportNode ? JSON.parse(exportNode.textContent) : {};
  var allSev = ui.sev;
  var $ = function (id) { return document.getElementById(id); };
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  // ---------------------------------------------------------------- storage
  var memory = {};
  function load(key, fallback) {
    try {
      var v = window.localStorage.getItem(key);
      return v === null ? fallback : JSON.parse(v);
    } catch (e) {
      return key in memory ? memory[key] : fallback;
    }
  }
  function save(key, value) {
    memory[key] = value;
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: memory only */ }
  }

  // ---------------------------------------------------------------- overview table (works without findings too)
  var overview = $("overview");
  if (overview) {
    var body = overview.tBodies[0];
    all("th[data-sort]", overview).forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        var asc = th.getAttribute("aria-sort") !== "ascending";
        if (key !== "order" && key !== "label" && th.getAttribute("aria-sort") === null) { asc = false; }
        all("th[data-sort]", overview).forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = all("tr", body);
        rows.sort(function (a, b) {
          var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
          var c = key === "label" ? x.localeCompare(y, "zh-CN") : Number(x) - Number(y);
          if (c === 0) { c = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  if (!toolbar) { return; }
  toolbar.hidden = false;

  var findings = all("article.finding");
  var docs = all("details.doc");
  function armDocument(d) {
    if (d.open) { all("article.finding", d).forEach(ensureTriage); }
  }
  var ruleGroups = all("section.rule-group");
  var sevButtons = all("button.sev-toggle", toolbar);
  var catSelect = $("cat-filter");
  var ruleSelect = $("rule-filter");
  var docSelect = $("doc-filter");
  var triSelect = $("triage-filter");
  var search = $("search");
  var shownCount = $("shown-count");
  var noneMatch = $("none-match");
  var printNote = $("print-note");
  var keysOn = $("keys-on");
  var help = $("keys-help");

  function fold(s) {
    s = String(s || "");
    if (s.normalize) { s = s.normalize("NFKC"); }
    // brackets of a 发文字号 are typed many ways ([2022], 〔2022〕, (2022)) or not at all
    return s.toLowerCase().replace(/[\s\[\]〔〕［］﹝﹞【】()（）]+/g, "");
  }
  // What the search looks at, made on the first search (not at load).
  var texts = null;
  function searchTexts() {
    if (texts === null) {
      texts = findings.map(function (f) {
        var text = "";
        Array.prototype.forEach.call(f.children, function (c) {
          if (!c.classList.contains("source") && !c.classList.contains("triage")) { text += " " + c.textContent; }
        });
        return fold(text + " " + (f.getAttribute("data-search") || ""));
      });
    }
    return texts;
  }

  // ---------------------------------------------------------------- triage
  var triage = load(ui.storage + ":triage", {});
  function triageOf(f) { return (triage[f.id] && triage[f.id].s) || ""; }
  var triageTemplate = $("triage-tpl");
  // The triage controls of a card are made when its document is first open
  // (lazy: a folded report of thousands of cards stays light).
  function ensureTriage(f) {
    if (f.querySelector(".triage")) { return; }
    var box = triageTemplate.content.firstElementChild.cloneNode(true);
    f.appendChild(box);
    box.querySelector(".t-accept").addEventListener("click", function () { setTriage(f, "accept"); });
    box.querySelector(".t-ignore").addEventListener("click", function () { setTriage(f, "ignore"); });
    box.querySelector(".t-note").addEventListener("change", function (e) {
      var t = triage[f.id] || {};
      t.n = e.target.value;
      if (!t.s && !t.n) { delete triage[f.id]; } else { triage[f.id] = t; }
      save(ui.storage + ":triage", triage);
    });
    showTriage(f);
  }
  function showTriage(f) {
    var t = triage[f.id] || {};
    var box = f.querySelector(".triage");
    f.classList.toggle("t-accepted", t.s === "accept");
    f.classList.toggle("t-ignored", t.s === "ignore");
    if (!box) { return; }
    box.querySelector(".t-accept").setAttribute("aria-pressed", t.s === "accept" ? "true" : "false");
    box.querySelector(".t-ignore").setAttribute("aria-pressed", t.s === "ignore" ? "true" : "false");
    box.querySelector(".triage-state").textContent = t.s === "accept" ? ui.accepted : t.s === "ignore" ? ui.ignored : "";
    var note = box.querySelector(".t-note");
    if (note.value !== (t.n || "")) { note.value = t.n || ""; }
  }
  function setTriage(f, s) {
    ensureTriage(f);
    var t = triage[f.id] || {};
    t.s = t.s === s ? "" : s;
    if (!t.s && !t.n) { delete triage[f.id]; } else { triage[f.id] = t; }
    save(ui.storage + ":triage", triage);
    showTriage(f);
    if (state.tri) { apply(); }
  }
  Object.keys(triage).forEach(function (id) { var f = $(id); if (f) { showTriage(f); } });
  docs.forEach(function (d) {
    armDocument(d);
    d.addEventListener("toggle", function () { armDocument(d); });
  });

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function marked(s) {
    return findings.filter(function (f) { return triageOf(f) === s && exportData[f.id]; });
  }
  $("export-baseline").addEventListener("click", function () {
    var entries = marked("ignore").map(function (f) {
      var d = exportData[f.id];
      return { rule: d.rule, document: d.document, fingerprint: d.fingerprint, excerpt: d.excerpt, message: d.message, file: d.file };
    });
    download("baseline.json", "application/json", JSON.stringify({ version: 1, entries: entries }, null, 2) + "\n");
  });
  function csvCell(v) {
    v = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@]/.test(v)) { v = "'" + v; }  // no formulas when opened in a spreadsheet
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  $("export-changes").addEventListener("click", function () {
    var lines = [ui.csv_head];
    marked("accept").forEach(function (f) {
      var d = exportData[f.id];
      var note = (triage[f.id] && triage[f.id].n) || "";
      lines.push([d.issue, d.page, d.document, d.rule, d.severity, d.message, d.excerpt, d.suggestion, note,
        d.file.replace(/^.*[\\/]/, ""), d.line].map(csvCell).join(","));
    });
    download("changes.csv", "text/csv", "\ufeff" + lines.join("\r\n") + "\r\n");
  });

  // ---------------------------------------------------------------- filters and URL state
  var state = { sev: allSev.slice(), cat: "", rule: "", doc: "", tri: "", q: "", f: "" };

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var sev = p.get("sev");
    state.sev = sev === null ? allSev.slice() : sev.split(",").filter(function (s) { return allSev.indexOf(s) >= 0; });
    state.cat = p.get("cat") || "";
    state.rule = p.get("rule") || "";
    state.doc = p.get("doc") || "";
    state.tri = p.get("tri") || "";
    state.q = p.get("q") || "";
    state.f = p.get("f") || "";
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.sev.length !== allSev.length) { p.set("sev", state.sev.join(",")); }
    ["cat", "rule", "doc", "tri", "q", "f"].forEach(function (k) { if (state[k]) { p.set(k, state[k]); } });
    var hash = p.toString();
    var url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
    if (url === location.href) { return; }
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      location.replace(url);
    }
  }

  function setSelect(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = known ? value : "";
  }

  function syncControls() {
    sevButtons.forEach(function (b) {
      b.setAttribute("aria-pressed", state.sev.indexOf(b.getAttribute("data-sev")) >= 0 ? "true" : "false");
    });
    setSelect(catSelect, state.cat);
    setSelect(ruleSelect, state.rule);
    setSelect(docSelect, state.doc);
    setSelect(triSelect, state.tri);
    if (search.value !== state.q) { search.value = state.q; }
  }

  function filtering() {
    return state.sev.length !== allSev.length || state.cat || state.rule || state.doc || state.tri || state.q;
  }

  function apply() {
    var q = fold(state.q);
    var shown = 0;
    findings.forEach(function (f, i) {
      var tri = triageOf(f);
      var ok = state.sev.indexOf(f.getAttribute("data-sev")) >= 0 &&
        (!state.cat || f.getAttribute("data-cat") === state.cat) &&
        (!state.rule || f.getAttribute("data-rule") === state.rule) &&
        (!state.doc || f.getAttribute("data-doc") === state.doc) &&
        (!state.tri || (state.tri === "open" ? !tri : tri === state.tri)) &&
        (!q || searchTexts()[i].indexOf(q) >= 0);
      f.hidden = !ok;
      if (ok) { shown += 1; }
    });
    ruleGroups.forEach(function (g) { g.hidden = !g.querySelector("article.finding:not([hidden])"); });
    var narrowed = filtering();
    docs.forEach(function (d) {
      d.hidden = !d.querySelector("article.finding:not([hidden])");
      if (narrowed && !d.hidden) { d.open = true; }
    });
    if (overview) {
      all("tr[data-doc]", overview).forEach(function (r) {
        r.classList.toggle("selected", !!state.doc && r.getAttribute("data-doc") === state.doc);
      });
    }
    shownCount.textContent = ui.shown.replace("{shown}", shown).replace("{total}", findings.length);
    noneMatch.hidden = shown !== 0;
    printNote.hidden = shown === findings.length;
    var current = state.f ? $(state.f) : null;
    if (!current || current.hidden) { state.f = ""; }
    markCurrent();
  }

  function markCurrent() {
    findings.forEach(function (f) { f.classList.toggle("current", f.id === state.f); });
  }

  function visibleFindings() {
    return findings.filter(function (f) { return !f.hidden; });
  }

  function reveal(el) {
    var d = el.closest ? el.closest("details.doc") : null;
    if (d && !d.open) { d.open = true; }
  }

  function select(el) {
    state.f = el.id;
    reveal(el);
    markCurrent();
    writeHash();
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }

  function go(step) {
    var list = visibleFindings();
    if (!list.length) { return; }
    var i = -1;
    for (var k = 0; k < list.length; k++) { if (list[k].id === state.f) { i = k; break; } }
    if (i < 0) {
      i = step > 0 ? 0 : list.length - 1;
    } else {
      i = Math.min(list.length - 1, Math.max(0, i + step));
    }
    select(list[i]);
  }

  function update() {
    apply();
    writeHash();
  }

  function resetFilters() {
    state = { sev: allSev.slice(), cat: "", rule: "", doc: "", tri: "", q: "", f: state.f };
    syncControls();
    apply();
  }

  sevButtons.forEach(function (b) {
    b.addEventListener("click", function () {
      var sev = b.getAttribute("data-sev");
      var i = state.sev.indexOf(sev);
      if (i >= 0) { state.sev.splice(i, 1); } else { state.sev.push(sev); }
      state.sev = allSev.filter(function (s) { return state.sev.indexOf(s) >= 0; });
      syncControls();
      update();
    });
  });
  catSelect.addEventListener("change", function () { state.cat = catSelect.value; update(); });
  ruleSelect.addEventListener("change", function () { state.rule = ruleSelect.value; update(); });
  docSelect.addEventListener("change", function () { state.doc = docSelect.value; update(); });
  triSelect.addEventListener("change", function () { state.tri = triSelect.value; update(); });
  // Wait for a Chinese input method to finish composing before filtering.
  search.addEventListener("input", function (e) {
    if (e.isComposing) { return; }
    state.q = search.value;
    update();
  });
  search.addEventListener("compositionend", function () { state.q = search.value; update(); });
  toolbar.addEventListener("submit", function (e) { e.preventDefault(); });

  $("expand-all").addEventListener("click", function () { docs.forEach(function (d) { d.open = true; }); });
  $("collapse-all").addEventListener("click", function () { docs.forEach(function (d) { d.open = false; }); });

  findings.forEach(function (f) {
    f.addEventListener("click", function (e) {
      if (window.getSelection && String(window.getSelection())) { return; }
      if (e.target.closest && e.target.closest("a, button, input, summary")) { return; }
      state.f = f.id;
      markCurrent();
      writeHash();
    });
  });

  // Links that jump to a card: clear filters that hide it, open its document.
  all("a.jump").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var el = $(a.getAttribute("data-target"));
      if (!el) { return; }
      e.preventDefault();
      if (el.hidden) { resetFilters(); }
      select(el);
    });
  });

  // Overview rows, summary cards, chart bars and coverage lines filter the list.
  function showList() {
    var h = $("findings-h");
    if (h) { h.scrollIntoView({ block: "start" }); }
  }
  if (overview) {
    all("tr[data-doc]", overview).forEach(function (r) {
      r.addEventListener("click", function (e) {
        e.preventDefault();
        resetFilters();
        state.doc = r.getAttribute("data-doc");
        syncControls();
        update();
        showList();
      });
    });
  }
  all("a[data-sev-only]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var sev = a.getAttribute("data-sev-only");
      resetFilters();
      state.sev = sev ? [sev] : allSev.slice();
      syncControls();
      update();
      showList();
    });
  });
  all("a.bar-link, a.cat-link").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      resetFilters();
      state.cat = a.getAttribute("data-cat");
      syncControls();
      update();
      showList();
    });
  });

  // ---------------------------------------------------------------- keys (WCAG 2.1.4: can be turned off)
  keysOn.checked = load(ui.storage + ":keys", true) !== false;
  keysOn.addEventListener("change", function () { save(ui.storage + ":keys", keysOn.checked); });

  function toggleHelp(show) {
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) { $("keys-help-close").focus(); }
  }
  $("keys-help-btn").addEventListener("click", function () { toggleHelp(); });
  $("keys-help-close").addEventListener("click", function () { toggleHelp(false); $("keys-help-btn").focus(); });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) { return; }
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (e.key === "Escape" && !help.hidden) { toggleHelp(false); return; }
    if (typing) {
      if (e.key === "Escape" && t === search) { search.blur(); }
      if (e.key === "Enter" && t === search) { e.preventDefault(); search.blur(); go(1); }
      return;
    }
    if (!keysOn.checked) { return; }
    var current = state.f ? $(state.f) : null;
    if (e.key === "?") {
      e.preventDefault();
      toggleHelp();
    } else if (e.key === "/") {
      e.preventDefault();
      search.focus();
      search.select();
    } else if (e.key === "j" || e.key === "n") {
      e.preventDefault();
      go(1);
    } else if (e.key === "k" || e.key === "p") {
      e.preventDefault();
      go(-1);
    } else if ((e.key === "a" || e.key === "i") && current) {
      e.preventDefault();
      setTriage(current, e.key === "a" ? "accept" : "ignore");
    }
  });

  window.addEventListener("hashchange", function () {
    var h = location.hash.replace(/^#/, "");
    if (h && h.indexOf("=") < 0) {
      // a plain anchor (a rule's explanation, a panel): open it, keep the filters
      var el = $(decodeURIComponent(h));
      if (el && el.tagName === "DETAILS") { el.open = true; }
      return;
    }
    readHash();
    syncControls();
    apply();
  });

  // ---------------------------------------------------------------- print: documents open, with their headers
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = docs.concat(all("details.more-places")).filter(function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  readHash();
  syncControls();
  apply();
  var start = location.hash.replace(/^#/, "");
  if (start && start.indexOf("=") < 0) {
    var anchor = $(decodeURIComponent(start));
    if (anchor && anchor.tagName === "DETAILS") { anchor.open = true; }
    if (anchor && anchor.classList.contains("finding")) { reveal(anchor); anchor.scrollIntoView({ block: "center" }); }
  }
  if (state.f) {
    var el = $(state.f);
    if (el) { reveal(el); el.scrollIntoView({ block: "center" }); }
  }
}());
