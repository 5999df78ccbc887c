(function () {
  "use strict";
  var uiNode = document.getElementById("gc-ui");
  var toolbar = document.getElementById("toolbar");
  if (!uiNode || !toolbar) { return; }
  var ui = JSON.parse(uiNode.textContent);
  var allSev = ui.sev;
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.rule-group, section.doc"));
  var sevButtons = Array.prototype.slice.call(toolbar.querySelectorAll("button.sev-toggle"));
  var catSelect = document.getElementById("cat-filter");
  var docSelect = document.getElementById("doc-filter");
  var search = document.getElementById("search");
  var shownCount = document.getElementById("shown-count");
  var noneMatch = document.getElementById("none-match");
  var printNote = document.getElementById("print-note");

  function fold(s) {
    s = String(s || "");
    if (s.normalize) { s = s.normalize("NFKC"); }
    return s.toLowerCase().replace(/\s+/g, "");
  }
  var texts = findings.map(function (f) { return fold(f.textContent); });

  var state = { sev: allSev.slice(), cat: "", doc: "", q: "", f: "" };

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var sev = p.get("sev");
    state.sev = sev === null ? allSev.slice() : sev.split(",").filter(function (s) { return allSev.indexOf(s) >= 0; });
    state.cat = p.get("cat") || "";
    state.doc = p.get("doc") || "";
    state.q = p.get("q") || "";
    state.f = p.get("f") || "";
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.sev.length !== allSev.length) { p.set("sev", state.sev.join(",")); }
    if (state.cat) { p.set("cat", state.cat); }
    if (state.doc) { p.set("doc", state.doc); }
    if (state.q) { p.set("q", state.q); }
    if (state.f) { p.set("f", state.f); }
    var hash = p.toString();
    var url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
    if (url === location.href) { return; }
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      location.replace(url);
    }
  }

  function syncControls() {
    sevButtons.forEach(function (b) {
      b.setAttribute("aria-pressed", state.sev.indexOf(b.getAttribute("data-sev")) >= 0 ? "true" : "false");
    });
    setSelect(catSelect, state.cat);
    setSelect(docSelect, state.doc);
    if (search.value !== state.q) { search.value = state.q; }
  }

  function setSelect(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = known ? value : "";
  }

  function visibleFindings() {
    return findings.filter(function (f) { return !f.hidden; });
  }

  function apply() {
    var q = fold(state.q);
    var shown = 0;
    findings.forEach(function (f, i) {
      var ok = state.sev.indexOf(f.getAttribute("data-sev")) >= 0 &&
        (!state.cat || f.getAttribute("data-cat") === state.cat) &&
        (!state.doc || f.getAttribute("data-doc") === state.doc) &&
        (!q || texts[i].indexOf(q) >= 0);
      f.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("article.finding:not([hidden])");
    });
    shownCount.textContent = ui.shown.replace("{shown}", shown).replace("{total}", findings.length);
    noneMatch.hidden = shown !== 0;
    printNote.hidden = shown === findings.length;
    var current = state.f ? document.getElementById(state.f) : null;
    if (!current || current.hidden) { state.f = ""; }
    markCurrent();
  }

  function markCurrent() {
    findings.forEach(function (f) { f.classList.toggle("current", f.id === state.f); });
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

  function select(el) {
    state.f = el.id;
    markCurrent();
    writeHash();
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }

  function update() {
    apply();
    writeHash();
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
  docSelect.addEventListener("change", function () { state.doc = docSelect.value; update(); });
  // Wait for a Chinese input method to finish composing before filtering.
  search.addEventListener("input", function (e) {
    if (e.isComposing) { return; }
    state.q = search.value;
    update();
  });
  search.addEventListener("compositionend", function () { state.q = search.value; update(); });
  toolbar.addEventListener("submit", function (e) { e.preventDefault(); });

  findings.forEach(function (f) {
    f.addEventListener("click", function (e) {
      if (window.getSelection && String(window.getSelection())) { return; }
      if (e.target.closest && e.target.closest("a")) { return; }
      state.f = f.id;
      markCurrent();
      writeHash();
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("a.jump"), function (a) {
    a.addEventListener("click", function (e) {
      var el = document.getElementById(a.getAttribute("data-target"));
      if (!el) { return; }
      e.preventDefault();
      if (el.hidden) {
        state = { sev: allSev.slice(), cat: "", doc: "", q: "", f: "" };
        syncControls();
        apply();
      }
      select(el);
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (e.isComposing) { return; }
    if (typing) {
      if (e.key === "Escape" && t === search) { search.blur(); }
      if (e.key === "Enter" && t === search) { e.preventDefault(); search.blur(); go(1); }
      return;
    }
    if (e.key === "/") {
      e.preventDefault();
      search.focus();
      search.select();
    } else if (e.key === "j" || e.key === "n") {
      e.preventDefault();
      go(1);
    } else if (e.key === "k" || e.key === "p") {
      e.preventDefault();
      go(-1);
    }
  });

  window.addEventListener("hashchange", function () {
    readHash();
    syncControls();
    apply();
  });

  readHash();
  syncControls();
  apply();
  if (state.f) {
    var el = document.getElementById(state.f);
    if (el) { el.scrollIntoView({ block: "center" }); }
  }
}());
