/* mkdocs-curriculum: quizzes, coaching notes, progress and certificate. No dependencies.
 * All learner state lives in one versioned localStorage key (see AUTHORING.md, "Learner data");
 * nothing is ever sent anywhere. Re-initialises on every Material instant-navigation page change. */
(function () {
  "use strict";
  var KEY = "mkdocs-curriculum/v1";
  var memory = null;

  /* ---- state: one object, validated on read, so a corrupted or old value is simply discarded ---- */
  function fresh() { return { v: 1, answers: {}, done: {}, seen: {}, notes: {}, name: "" }; }
  function valid(s) {
    if (!s || typeof s !== "object" || s.v !== 1) return false;
    return ["answers", "done", "seen", "notes"].every(function (k) {
      return s[k] && typeof s[k] === "object" && !Array.isArray(s[k]);
    }) && typeof s.name === "string";
  }
  var backend = {
    read: function () { try { return localStorage.getItem(KEY); } catch (e) { return memory; } },
    write: function (text) { try { localStorage.setItem(KEY, text); } catch (e) { memory = text; } }
  };
  /* entries of the right shape only: a hand-edited or half-old value loses its bad entries, not the page */
  var ENTRY = {
    answers: function (a) {
      return a && typeof a === "object" && typeof a.ok === "boolean" && (typeof a.r === "string" ||
        (Array.isArray(a.r) && a.r.every(function (i) { return i === (i | 0) && i >= 0; })));
    },
    done: function (t) { return typeof t === "number"; },
    seen: function (t) { return typeof t === "number"; },
    notes: function (n) { return typeof n === "string"; }
  };
  function clean(s) {
    Object.keys(ENTRY).forEach(function (k) {
      Object.keys(s[k]).forEach(function (id) { if (!ENTRY[k](s[k][id])) delete s[k][id]; });
    });
    return s;
  }
  function load() {
    var s = null;
    try { s = JSON.parse(backend.read() || "null"); } catch (e) { s = null; }
    return valid(s) ? clean(s) : fresh();
  }
  function save(s) { backend.write(JSON.stringify(s)); emit("curriculum:change", { state: s }); }
  function emit(name, detail) { document.dispatchEvent(new CustomEvent(name, { detail: detail })); }

  /* ---- helpers ---- */
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  /* the page's data rides in an attribute (render.data_element): Material's page swap runs inline scripts */
  function data(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.getAttribute("data-cq-json")); } catch (e) { return null; }
  }
  /* the data element of each page visit is new (a load or Material's swap); marking it makes set-up once a visit */
  function firstVisit(id) {
    var el = document.getElementById(id);
    if (!el || el.cqReady) return false;
    el.cqReady = true;
    return true;
  }
  /* Material makes every link absolute after a swap and resolves a relative one against the page it came from */
  function absolute(url) { return new URL(url, location.href).href; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  /* as quiz.normalise in Python: case, spacing, curly quotes and punctuation around the answer do not count */
  function norm(text) {
    var t = String(text).normalize("NFC").replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
    return t.split(/\s+/).filter(Boolean).join(" ").toLowerCase().replace(EDGE, "");
  }
  var EDGE = /^[\s.,;:!?'"()\[\]\u00ab\u00bb\u2026-]+|[\s.,;:!?'"()\[\]\u00ab\u00bb\u2026-]+$/g;
  function minutes(m) {
    m = Math.round(m); var h = Math.floor(m / 60), r = m % 60;
    return h && r ? h + " h " + r + " min" : h ? h + " h" : r + " min";
  }
  function decode(b64, key) { /* answers are obfuscated, not secret: see the README */
    var bin = atob(b64), pad = new TextEncoder().encode(key), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) ^ pad[i % pad.length] ^ ((i * 7) & 255);
    return JSON.parse(new TextDecoder().decode(out));
  }

  /* ---- quizzes ---- */
  function response(quiz, kind) {
    if (kind === "text") { var v = $("input[type=text]", quiz).value; return v.trim() ? v : null; }
    var picked = $$("input:checked", quiz).map(function (i) { return +i.value; });
    return picked.length ? picked : null;
  }
  function isRight(kind, sol, resp) {
    if (kind === "text") return sol.a.indexOf(norm(resp)) >= 0;
    var want = sol.c.slice().sort().join(","), got = resp.slice().sort().join(",");
    return want === got;
  }
  /* A saved answer is judged again against the page's key: the trainer may have changed the right answer
   * or the choices since it was given. An answer that no longer fits the question is dropped. */
  function recheck(kind, sol, saved) {
    if (!saved) return null;
    var fits = kind === "text" ? typeof saved.r === "string"
      : Array.isArray(saved.r) && saved.r.every(function (i) { return i < sol.f.length; });
    if (!fits) return null;
    return saved.t ? saved : { r: saved.r, ok: isRight(kind, sol, saved.r) }; /* t: cut short to fit an LMS: its verdict stands */
  }
  function showResult(quiz, kind, sol, saved) {
    var right = saved.ok;
    quiz.classList.toggle("cq-quiz--right", right);
    quiz.classList.toggle("cq-quiz--wrong", !right);
    $$("input", quiz).forEach(function (input) {
      input.disabled = true;
      if (kind === "text") { input.value = saved.r; return; }
      var i = +input.value, chosen = saved.r.indexOf(i) >= 0;
      input.checked = chosen;
      var row = input.closest(".cq-choice"), box = $(".cq-choice__feedback", row);
      row.classList.toggle("cq-choice--chosen", chosen);
      if (chosen) {
        var good = sol.c.indexOf(i) >= 0;
        row.classList.add(good ? "cq-choice--right" : "cq-choice--wrong");
        box.innerHTML = "";
        box.appendChild(el("p", { class: "cq-choice__verdict" }, good ? "Your choice: correct." : "Your choice: not correct."));
        if (sol.f[i]) box.insertAdjacentHTML("beforeend", sol.f[i]);
        box.hidden = false;
      }
    });
    var result = $(".cq-quiz__result", quiz);
    result.textContent = right ? "\u2714 Correct." : "\u2718 Not quite." + (kind === "multiple" ? " Tick exactly the right choices." : "");
    var expl = $(".cq-quiz__explanation", quiz);
    expl.innerHTML = sol.e || ""; expl.hidden = !sol.e;
    $("[data-cq-check]", quiz).hidden = true;
    $("[data-cq-retry]", quiz).hidden = false;
  }
  function clearResult(quiz) {
    quiz.classList.remove("cq-quiz--right", "cq-quiz--wrong");
    $$("input", quiz).forEach(function (input) { input.disabled = false; input.checked = false; if (input.type === "text") input.value = ""; });
    $$(".cq-choice", quiz).forEach(function (row) {
      row.classList.remove("cq-choice--chosen", "cq-choice--right", "cq-choice--wrong");
      var box = $(".cq-choice__feedback", row); box.innerHTML = ""; box.hidden = true;
    });
    $(".cq-quiz__result", quiz).textContent = "";
    var expl = $(".cq-quiz__explanation", quiz); expl.innerHTML = ""; expl.hidden = true;
    $("[data-cq-check]", quiz).hidden = false;
    $("[data-cq-retry]", quiz).hidden = true;
  }
  function shuffle(quiz) {
    var box = $(".cq-quiz__choices", quiz), rows = $$(".cq-choice", box);
    for (var i = rows.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var t = rows[i]; rows[i] = rows[j]; rows[j] = t; }
    rows.forEach(function (row) { box.appendChild(row); });
  }
  function initQuiz(quiz, page, onChange) {
    var id = page.module + "/" + quiz.getAttribute("data-cq-quiz"), kind = quiz.getAttribute("data-cq-kind");
    var sol;
    try { sol = decode(quiz.getAttribute("data-cq-key"), id); } catch (e) { return; }
    if (quiz.hasAttribute("data-cq-shuffle")) shuffle(quiz);
    quiz.classList.add("cq-ready");
    var state = load(), before = state.answers[id], saved = recheck(kind, sol, before);
    if (JSON.stringify(saved) !== JSON.stringify(before)) {
      if (saved) state.answers[id] = saved; else delete state.answers[id];
      save(state);
    }
    if (saved) showResult(quiz, kind, sol, saved);
    function check() {
      var resp = response(quiz, kind);
      if (resp === null) { $(".cq-quiz__result", quiz).textContent = kind === "text" ? "Type an answer first." : "Choose an answer first."; return; }
      var s = load();
      s.answers[id] = { r: resp, ok: isRight(kind, sol, resp) };
      save(s);
      showResult(quiz, kind, sol, s.answers[id]);
      /* not "Try again": a second Enter there would erase the answer. The verdict is harmless and is read out */
      $(".cq-quiz__result", quiz).focus();
      onChange();
    }
    $("[data-cq-check]", quiz).addEventListener("click", check);
    var text = $("input[type=text]", quiz);
    if (text) text.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); check(); } });
    $("[data-cq-retry]", quiz).addEventListener("click", function () {
      var s = load(); delete s.answers[id]; save(s);
      clearResult(quiz);
      var first = $("input", quiz); if (first) first.focus();
      onChange();
    });
  }

  /* ---- a module page: score, completion, notes ---- */
  function score(page, state) {
    var total = page.questions.length, answered = 0, right = 0;
    page.questions.forEach(function (q) {
      var a = state.answers[page.module + "/" + q];
      if (a) { answered++; if (a.ok) right++; }
    });
    var pct = total ? Math.round(100 * right / total) : 100;
    return { total: total, answered: answered, right: right, pct: pct, passed: answered === total && pct >= page.passMark };
  }
  function moduleState(id, state) {
    return state.done[id] ? "complete" : (state.seen[id] ? "progress" : "new");
  }
  var LABEL = { complete: "\u2714 Complete", progress: "\u25D0 In progress", new: "\u25CB Not started" };
  function showModuleState(page) {
    var box = $("[data-cq-module-state]");
    if (!box) return;
    var st = moduleState(page.module, load());
    box.textContent = LABEL[st];
    box.className = "cq-module-state cq-state--" + st;
  }
  function updateScore(page) {
    var state = load(), sc = score(page, state), box = $("[data-cq-score]");
    if (sc.answered === sc.total && sc.passed && !state.done[page.module]) { state.done[page.module] = Date.now(); save(state); }
    emit("curriculum:score", { module: page.module, score: sc, complete: !!load().done[page.module] });
    if (box) {
      box.textContent = sc.answered < sc.total
        ? "Answered " + sc.answered + " of " + sc.total + " questions."
        : "Your score: " + sc.right + "/" + sc.total + " (" + sc.pct + "%). Pass mark: " + page.passMark + "%. " +
          (sc.passed ? "\u2714 Passed: this module is complete."
            : state.done[page.module] ? "Below the pass mark this time; your earlier pass still counts, so this module stays complete."
            : "Not passed yet: use \u201cTry again\u201d on the questions you missed.");
      box.className = "cq-score" + (sc.answered === sc.total ? (sc.passed ? " cq-score--passed" : " cq-score--failed") : "");
    }
    showModuleState(page);
  }
  function initComplete(page) {
    var boxWrap = $("[data-cq-complete-box]"), button = $("[data-cq-complete]");
    if (!button) return;
    boxWrap.hidden = false;
    function paint() {
      var done = !!load().done[page.module];
      button.setAttribute("aria-pressed", String(done));
      button.textContent = done ? "\u2714 Completed (select to undo)" : "Mark as complete";
      showModuleState(page);
    }
    button.addEventListener("click", function () {
      var s = load();
      if (s.done[page.module]) delete s.done[page.module]; else s.done[page.module] = Date.now();
      save(s); paint();
      emit("curriculum:score", { module: page.module, score: null, complete: !!s.done[page.module] });
    });
    paint();
  }
  function initNotes(page) {
    $$("[data-cq-coaching]").forEach(function (box) {
      var area = $("textarea[data-cq-notes]", box);
      if (!area) return;
      var id = page.module + "/" + box.getAttribute("data-cq-coaching"), timer = null, dirty = false;
      area.value = load().notes[id] || "";
      area.closest(".cq-notes").hidden = false;
      function store() { /* after a 250 ms pause in typing, or at once when the field or the page is left */
        clearTimeout(timer);
        if (!dirty) return;
        dirty = false;
        var s = load();
        if (area.value) s.notes[id] = area.value; else delete s.notes[id];
        save(s);
      }
      area.addEventListener("input", function () {
        dirty = true;
        clearTimeout(timer);
        timer = setTimeout(store, 250);
      });
      area.addEventListener("blur", store);
      pending.push(store);
    });
  }
  /* notes still waiting for their 250 ms pause are written when the page is left (reload, close, instant nav) */
  var pending = [];
  function flushNotes() { pending.forEach(function (store) { store(); }); }
  window.addEventListener("pagehide", flushNotes);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flushNotes(); });
  function initModule(page) {
    flushNotes(); pending = [];
    var s = load();
    if (!s.seen[page.module]) { s.seen[page.module] = Date.now(); save(s); }
    $$(".cq-quiz").forEach(function (quiz) { initQuiz(quiz, page, function () { updateScore(page); }); });
    initComplete(page);
    initNotes(page);
    if (page.questions.length) updateScore(page); else showModuleState(page);
  }

  /* ---- a path page: progress, continue, notes, certificate, reset ---- */
  function initPath(path) {
    var state = load(), required = path.modules.filter(function (m) { return !m.optional; });
    var doneReq = required.filter(function (m) { return state.done[m.id]; });
    var left = required.reduce(function (t, m) { return t + (state.done[m.id] ? 0 : m.minutes); }, 0);
    path.modules.forEach(function (m) {
      var li = $('.cq-step[data-cq-module="' + CSS.escape(m.id) + '"]'), st = moduleState(m.id, state);
      if (!li) return;
      var box = $("[data-cq-state]", li);
      box.textContent = LABEL[st] + (m.optional ? " (optional)" : "");
      box.className = "cq-step__state cq-state--" + st;
    });
    var progress = $("[data-cq-progress]");
    progress.innerHTML = "";
    var label = doneReq.length + " of " + required.length + " required modules complete";
    var bar = el("progress", { max: String(required.length || 1), value: String(doneReq.length), "aria-label": label });
    progress.appendChild(bar);
    progress.appendChild(el("p", { class: "cq-progress__text" }, label + " \u00b7 " + (left ? minutes(left) + " left" : "nothing left to do")));
    progress.hidden = false;
    var open = path.modules.filter(function (m) { return !state.done[m.id]; });
    var next = open.filter(function (m) { return !m.optional; })[0] || open[0];
    var go = $("[data-cq-continue]");
    var started = path.modules.some(function (m) { return state.seen[m.id] || state.done[m.id]; });
    if (next) { go.href = absolute(next.url); go.textContent = (started ? "Continue: " : "Start: ") + next.title; }
    else { go.href = absolute(path.modules[0].url); go.textContent = "Review the path"; }
    initTools(path, doneReq.length === required.length && required.length > 0);
  }
  function initTools(path, complete) {
    var tools = $("[data-cq-tools]");
    tools.innerHTML = "";
    tools.hidden = false;
    if (complete) tools.appendChild(certificate(path));
    var row = el("p", { class: "cq-tools" });
    var dl = el("button", { type: "button", class: "md-button" }, "Download my notes");
    dl.addEventListener("click", function () { downloadNotes(path); });
    var reset = el("button", { type: "button", class: "md-button" }, "Reset my progress");
    reset.addEventListener("click", function () {
      if (!window.confirm("Reset your progress and quiz answers in this browser? Your notes are kept. This cannot be undone.")) return;
      var s = load(); s.answers = {}; s.done = {}; s.seen = {}; save(s);
      emit("curriculum:reset", {});
      initPath(path);
    });
    row.appendChild(dl); row.appendChild(document.createTextNode(" ")); row.appendChild(reset);
    tools.appendChild(row);
    tools.appendChild(el("p", { class: "cq-privacy" }, "Your progress and notes are stored only in this browser, on this device. Nothing is sent anywhere."));
    lmsPrivacy(tools);
  }
  function notesText(path) {
    var s = load(), lines = ["# My notes: " + path.title, ""];
    path.modules.forEach(function (m) {
      var own = (m.prompts || []).filter(function (p) { return s.notes[m.id + "/" + p.id]; });
      if (!own.length) return;
      lines.push("## " + m.title, "");
      own.forEach(function (p) { lines.push("### " + p.title, "", s.notes[m.id + "/" + p.id], ""); });
    });
    if (lines.length === 2) lines.push("(No notes yet. Write them in the coaching prompts of each module.)");
    return lines.join("\n");
  }
  function downloadNotes(path) {
    var blob = new Blob([notesText(path)], { type: "text/markdown;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "my-notes-" + path.role + ".md" });
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function certificate(path) {
    var wrap = el("section", { class: "cq-certificate-wrap", "aria-labelledby": "cq-cert-heading" });
    wrap.appendChild(el("h2", { id: "cq-cert-heading" }, "You completed this path"));
    var field = el("p");
    var label = el("label", { for: "cq-cert-name" }, "Your name for the certificate ");
    var input = el("input", { id: "cq-cert-name", type: "text", autocomplete: "name" });
    input.value = load().name || "";
    field.appendChild(label); field.appendChild(input);
    var cert = el("div", { class: "cq-certificate", role: "group", "aria-label": "Certificate of completion" });
    cert.appendChild(el("p", { class: "cq-certificate__org" }, path.curriculum));
    cert.appendChild(el("p", { class: "cq-certificate__title" }, "Certificate of completion"));
    cert.appendChild(el("p", {}, "This certifies that"));
    var name = el("p", { class: "cq-certificate__name" }, input.value || "\u2014");
    cert.appendChild(name);
    var s = load(), finished = path.modules.reduce(function (t, m) { return m.optional ? t : Math.max(t, s.done[m.id] || 0); }, 0);
    cert.appendChild(el("p", {}, "has completed the learning path \u201c" + path.title + "\u201d on " +
      new Date(finished || Date.now()).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" }) + "."));
    var list = el("ul", { class: "cq-certificate__modules" });
    path.modules.forEach(function (m) { if (s.done[m.id] || !m.optional) list.appendChild(el("li", {}, m.title)); });
    cert.appendChild(list);
    input.addEventListener("input", function () {
      name.textContent = input.value || "\u2014";
      var st = load(); st.name = input.value; save(st);
    });
    var print = el("button", { type: "button", class: "md-button md-button--primary" }, "Print certificate");
    print.addEventListener("click", function () {
      document.body.classList.add("cq-print-certificate");
      window.print();
    });
    wrap.appendChild(field); wrap.appendChild(cert); wrap.appendChild(print);
    return wrap;
  }
  window.addEventListener("beforeprint", function () {
    if ($(".cq-certificate")) document.body.classList.add("cq-print-certificate");
  });
  window.addEventListener("afterprint", function () { document.body.classList.remove("cq-print-certificate"); });

  /* ---- SCORM 1.2: in an LMS (a package from `curriculum export scorm`) each module page is a SCO. It finds
   * the LMS API, reports status and score, and keeps this module's answers and notes in cmi.suspend_data
   * (at most 4,096 characters) so the learner resumes on any computer. Without an API it does nothing. ---- */
  var LMS_MAX = 4096, lms = null;
  function findAPI(w) {
    for (var n = 0; w && n < 500; n++) {
      try { if (w.API) return w.API; } catch (e) { /* a cross-origin frame: keep climbing */ }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  }
  function lmsAPI() {
    var api = findAPI(window);
    try { if (!api && window.top.opener) api = findAPI(window.top.opener); } catch (e) { /* no opener */ }
    return api;
  }
  /* LMS calls never throw into the page: an LMS's bug must not break the quiz */
  function lmsGet(k) { try { var v = lms.api.LMSGetValue(k); return v == null ? "" : String(v); } catch (e) { return ""; } }
  function lmsSet(k, v) { try { return String(lms.api.LMSSetValue(k, String(v))) === "true"; } catch (e) { return false; } }
  function lmsCall(name) { try { lms.api[name](""); } catch (e) { /* ignored */ } }
  function lmsPrivacy(root) {
    if (!lmsAPI()) return;
    $$(".cq-privacy, .cq-notes__privacy", root).forEach(function (p) {
      p.textContent = "Saved in this browser and, from each module, in your LMS, so you can continue on another computer.";
    });
  }
  /* compact: {"a":{question:[ok,choices or text (200 characters at most)]},"n":{prompt:note, or 0: too long,
   * kept in this browser},"d":1 if complete}; notes go in while the whole fits in LMS_MAX, never cut short */
  function lmsPack(page, s) {
    var m = page.module + "/", out = { a: {}, n: {} }, left = [];
    if (s.done[page.module]) out.d = 1;
    [200, 40, 0].some(function (cut) { /* answers first; a long typed answer is shortened before any is left out */
      page.questions.forEach(function (q) {
        var a = s.answers[m + q];
        if (!a) return;
        var cutShort = typeof a.r === "string" && (a.t || a.r.length > cut);
        out.a[q] = [a.ok ? 1 : 0, typeof a.r === "string" ? a.r.slice(0, cut) : a.r].concat(cutShort ? [1] : []);
      });
      return JSON.stringify(out).length <= LMS_MAX;
    });
    var ids = Object.keys(out.a);
    while (JSON.stringify(out).length > LMS_MAX && ids.length) delete out.a[ids.pop()];
    $$("[data-cq-coaching]").forEach(function (box) {
      var id = box.getAttribute("data-cq-coaching");
      if (!s.notes[m + id]) return;
      out.n[id] = s.notes[m + id];
      if (JSON.stringify(out).length > LMS_MAX) { out.n[id] = 0; left.push(box); }
      if (JSON.stringify(out).length > LMS_MAX) delete out.n[id];
    });
    var text = JSON.stringify(out);
    return { text: text.length > LMS_MAX ? null : text, left: left };
  }
  function lmsMerge(page, s, text) {
    var d = null, m = page.module + "/";
    try { d = JSON.parse(text); } catch (e) { return; }
    if (!d || !d.a || typeof d.a !== "object") return;
    page.questions.forEach(function (q) {
      var a = d.a[q];
      delete s.answers[m + q];
      if (!Array.isArray(a) || !(typeof a[1] === "string" || Array.isArray(a[1]))) return;
      s.answers[m + q] = a[2] === 1 ? { r: a[1], ok: !!a[0], t: 1 } : { r: a[1], ok: !!a[0] };
    });
    Object.keys(d.n || {}).forEach(function (id) { if (typeof d.n[id] === "string") s.notes[m + id] = d.n[id]; });
    if (d.d && !s.done[page.module]) s.done[page.module] = Date.now();
  }
  function lmsStart(page) {
    if (!page.role || lms) return;
    var api = lmsAPI(), here = location.href.split("#")[0], ref = document.referrer.split("#")[0];
    var root = "/paths/" + page.role + "/", at = here.lastIndexOf(root), dir = at < 0 ? here.replace(/[^/]*$/, "") : here.slice(0, at + root.length);
    if (!api) return;
    var launched = !(ref.indexOf(dir) === 0 && ref !== here); /* not reached by a link from another SCO's frame */
    try { launched = launched && String(api.LMSInitialize("")) === "true"; } catch (e) { launched = false; }
    if (!launched) { lmsNotLaunched(); return; }
    lms = { api: api, page: page, t0: Date.now() };
    lms.mode = lmsGet("cmi.core.lesson_mode") || "normal"; /* Open edX and LearnWorlds never set it */
    lms.status = lmsGet("cmi.core.lesson_status");
    lms.raw = lmsGet("cmi.core.score.raw");
    lms.sent = lmsGet("cmi.suspend_data");
    var s = load(), name = lmsGet("cmi.core.student_name"), i = name.indexOf(",");
    lmsMerge(page, s, lms.sent);
    if (name && !s.name) s.name = i < 0 ? name.trim() : (name.slice(i + 1).trim() + " " + name.slice(0, i).trim()).trim();
    save(s);
    if (lms.mode !== "review" && (!lms.status || lms.status === "not attempted")) lmsStatus(lms.mode === "browse" ? "browsed" : "incomplete");
    document.addEventListener("curriculum:score", lmsScore);
    document.addEventListener("curriculum:change", lmsFit);
    window.addEventListener("pagehide", lmsFinish);
    window.addEventListener("beforeunload", lmsFinish);
    lmsPrivacy(document);
    lmsFit();
    if (!page.questions.length && s.done[page.module]) lmsScore({ detail: { module: page.module, score: null, complete: true } });
  }
  function lmsNotLaunched() { /* a module opened by a link inside the package: the LMS records only what it launched */
    var head = $(".cq-module-head");
    if (!head || $(".cq-lms-note", head)) return;
    head.appendChild(el("p", { class: "cq-lms-note admonition warning", role: "note" },
      "Your LMS does not record this module when it is opened from a link. Open it from your course in the LMS to have it count."));
  }
  function lmsStatus(status) {
    if (lmsSet("cmi.core.lesson_status", status)) lms.status = status; /* refused: tried again on the next change */
    lmsSuspend();
    lmsCall("LMSCommit"); /* on a change of status or score and on exit, never per keystroke */
  }
  function lmsScore(e) {
    var d = e.detail, sc = d.score;
    if (!lms || d.module !== lms.page.module || lms.mode !== "normal") return;
    if (!sc) { if ((d.complete ? "completed" : "incomplete") !== lms.status) lmsStatus(d.complete ? "completed" : "incomplete"); return; }
    if (sc.answered < sc.total || (!sc.passed && d.complete)) return; /* not final; a weaker retry keeps an earlier pass, as on the site */
    var status = sc.passed ? "passed" : "failed";
    if (status === lms.status && String(sc.pct) === lms.raw) return;
    lmsSet("cmi.core.score.min", 0); lmsSet("cmi.core.score.max", 100); lmsSet("cmi.core.score.raw", sc.pct);
    lms.raw = String(sc.pct);
    lmsStatus(status);
  }
  function lmsSuspend() {
    if (lms.mode === "review") return;
    var text = lmsPack(lms.page, load()).text;
    if (text !== null && text !== lms.sent && lmsSet("cmi.suspend_data", text)) lms.sent = text;
  }
  function lmsFit() { /* a note that does not fit stays in the browser, and the learner is told so */
    if (!lms) return;
    var left = lmsPack(lms.page, load()).left;
    $$("[data-cq-coaching]").forEach(function (box) {
      var notes = $(".cq-notes", box), msg = notes && $(".cq-notes__lms", notes);
      if (!notes) return;
      if (!msg) notes.appendChild(msg = el("p", { class: "cq-notes__lms", role: "status", "aria-live": "polite" }));
      var text = left.indexOf(box) < 0 ? "" : "This note is too long for your LMS (SCORM 1.2 keeps at most 4,096 characters " +
        "per module), so it is saved only in this browser. Shorten it to keep it in the LMS too.";
      if (msg.textContent !== text) msg.textContent = text;
    });
  }
  function timespan(ms) {
    var s = Math.min(Math.floor(ms / 1000), 35999999), pad = function (n, w) { return ("000" + n).slice(-w); };
    return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2);
  }
  function lmsFinish() {
    if (!lms || lms.over) return;
    lms.over = true;
    if (lms.mode !== "review") {
      flushNotes(); /* notes typed in the last 250 ms */
      lmsSuspend();
      lmsSet("cmi.core.exit", lms.status === "passed" || lms.status === "completed" ? "" : "suspend");
      lmsSet("cmi.core.session_time", timespan(Date.now() - lms.t0));
    }
    lmsCall("LMSCommit");
    lmsCall("LMSFinish");
  }

  /* ---- entry: every page visit, however the page was reached. Material's document$ announces instant
   * navigations (and replays the first load); it never emits from file://, and a theme without it has none,
   * so the document's own load starts the page too. firstVisit() makes the two one set-up. ---- */
  function init() {
    var page = firstVisit("cq-page-data") && data("cq-page-data");
    var path = firstVisit("cq-path-data") && data("cq-path-data");
    if (page) { lmsStart(page); initModule(page); }
    if (path) initPath(path);
  }
  window.mkdocsCurriculum = { key: KEY, load: load, save: save, backend: backend, fresh: fresh, valid: valid, score: score };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { init(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
