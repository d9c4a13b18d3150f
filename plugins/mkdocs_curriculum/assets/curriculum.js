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
    if ("role" in s && typeof s.role !== "string") delete s.role; /* the path the learner last opened (optional) */
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
    if (kind === "text") return sol.answers.indexOf(norm(resp)) >= 0;
    var want = sol.correct.slice().sort().join(","), got = resp.slice().sort().join(",");
    return want === got;
  }
  /* A saved answer is judged again against the page's key: the trainer may have changed the right answer
   * or the choices since it was given. An answer that no longer fits the question is dropped. */
  function recheck(kind, sol, saved) {
    if (!saved) return null;
    var fits = kind === "text" ? typeof saved.r === "string"
      : Array.isArray(saved.r) && saved.r.every(function (i) { return i < sol.feedback.length; });
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
        var good = sol.correct.indexOf(i) >= 0;
        row.classList.add(good ? "cq-choice--right" : "cq-choice--wrong");
        box.innerHTML = "";
        box.appendChild(el("p", { class: "cq-choice__verdict" }, good ? "Your choice: correct." : "Your choice: not correct."));
        if (sol.feedback[i]) box.insertAdjacentHTML("beforeend", sol.feedback[i]);
        box.hidden = false;
      }
    });
    var result = $(".cq-quiz__result", quiz);
    result.textContent = right ? "\u2714 Correct." : "\u2718 Not quite." + (kind === "multiple" ? partly(sol, saved.r) : "");
    var expl = $(".cq-quiz__explanation", quiz);
    expl.innerHTML = sol.explanation || ""; expl.hidden = !sol.explanation;
    $("[data-cq-check]", quiz).hidden = true;
    $("[data-cq-retry]", quiz).hidden = false;
  }
  /* how much of a multiple-choice answer is right: how many right choices are ticked, whether a wrong one is
   * (never which: that would give the answer away) */
  function partly(sol, picked) {
    var right = picked.filter(function (i) { return sol.correct.indexOf(i) >= 0; }).length, wrong = picked.length > right;
    var total = sol.correct.length;
    if (right === total) return " You ticked all " + total + " right choices, but also at least one wrong one.";
    return " You ticked " + right + " of the " + total + " right choices" +
      (wrong ? ", and also at least one wrong one." : " and no wrong one: some right choices are still unticked.");
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
    try { sol = decode(quiz.getAttribute("data-cq-key"), id); } catch (e) { return; } /* the quiz kind's answer key (kinds/quiz.py KEY): correct, feedback, explanation, answers */
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
      emit("curriculum:answer", { module: page.module, role: page.role, question: quiz.getAttribute("data-cq-quiz"), kind: kind, response: resp, ok: s.answers[id].ok });
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
    markNav();
    showPathDone(page);
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
    if (box) paintScore(box, page, sc, load());
    showModuleState(page);
  }
  /* the score as a state (Material's success/failure admonition: its icon and a word, not colour alone) and
   * what to do next */
  function paintScore(box, page, sc, state) {
    box.innerHTML = "";
    if (sc.answered < sc.total) {
      box.className = "cq-score";
      box.appendChild(el("p", {}, "Answered " + sc.answered + " of " + sc.total + " questions."));
      return;
    }
    var kept = !sc.passed && state.done[page.module], good = sc.passed || kept;
    box.className = "cq-score admonition " + (good ? "success cq-score--passed" : "failure cq-score--failed");
    box.appendChild(el("p", { class: "admonition-title" }, sc.passed ? "Passed" : kept ? "Complete (passed before)" : "Not passed yet"));
    box.appendChild(el("p", {}, "Your score: " + sc.right + "/" + sc.total + " (" + sc.pct + "%). Pass mark: " + page.passMark + "%."));
    var next = el("p", { class: "cq-score__next" });
    if (!good) next.textContent = "What to do: choose \u201cTry again\u201d on the questions marked \u2718, read their feedback, and answer them again.";
    else if (kept) next.textContent = "Below the pass mark this time; your earlier pass still counts, so this module stays complete.";
    else {
      var after = page.path && progressOf(page.path.modules, state);
      if (after && after.complete) next.textContent = "This module is complete, and so is your path.";
      else if (after && after.next) {
        next.appendChild(document.createTextNode("This module is complete. Next: "));
        next.appendChild(el("a", { href: absolute(after.next.url) }, after.next.title));
      } else next.textContent = "This module is complete.";
    }
    box.appendChild(next);
  }
  /* where a learner stands on a path: modules [{id, title, url, optional, minutes}] */
  function progressOf(modules, state) {
    var required = modules.filter(function (m) { return !m.optional; });
    var doneReq = required.filter(function (m) { return state.done[m.id]; });
    var open = modules.filter(function (m) { return !state.done[m.id]; });
    return {
      required: required, doneReq: doneReq,
      left: required.reduce(function (t, m) { return t + (state.done[m.id] ? 0 : (m.minutes || 0)); }, 0),
      next: open.filter(function (m) { return !m.optional; })[0] || null,
      extras: open.filter(function (m) { return m.optional; }),
      started: modules.some(function (m) { return state.seen[m.id] || state.done[m.id]; }),
      complete: required.length > 0 && doneReq.length === required.length
    };
  }
  function progressBar(p) {
    var box = el("div", { class: "cq-progress" });
    var label = p.doneReq.length + " of " + p.required.length + " required modules complete";
    box.appendChild(el("progress", { max: String(p.required.length || 1), value: String(p.doneReq.length), "aria-label": label }));
    box.appendChild(el("p", { class: "cq-progress__text" }, label + " \u00b7 " + (p.left ? minutes(p.left) + " left" : "nothing left to do")));
    return box;
  }
  /* every module link of the path in the sidebar (the phone's drawer too) shows its state: a symbol and, for
   * screen readers, words in the link's name; not colour alone */
  var NAV = { complete: ["\u2714", "done"], progress: ["\u25D0", "in progress"], "new": ["\u25CB", "not started"] };
  var navModules = null;
  function markNav() {
    if (!navModules) return;
    var state = load(), byUrl = {};
    navModules.forEach(function (m) { byUrl[absolute(m.url).split("#")[0]] = m.id; });
    /* the current page's entry is also a label (its table of contents' toggle), which phones show instead */
    var here = byUrl[location.href.split("#")[0]];
    $$(".md-nav--primary a.md-nav__link, .md-nav--primary label.md-nav__link--active[for='__toc']").forEach(function (a) {
      var id = a.tagName === "A" ? byUrl[a.href.split("#")[0]] : here;
      if (id === undefined) return;
      var st = moduleState(id, state), mark = $(".cq-nav-state", a);
      if (!mark) { mark = el("span"); a.insertBefore(mark, $(".md-nav__icon", a)); }
      mark.className = "cq-nav-state cq-state--" + st;
      mark.innerHTML = "";
      mark.appendChild(el("span", { class: "cq-nav-state__icon", "aria-hidden": "true", title: NAV[st][1] }, NAV[st][0]));
      mark.appendChild(el("span", { class: "cq-sr-only" }, " (" + NAV[st][1] + ")"));
    });
  }
  /* a role's module: once every required module of the path is done, say so and lead to the certificate */
  function showPathDone(page) {
    var box = $("[data-cq-path-done]");
    if (!box || !page.path) return;
    var p = progressOf(page.path.modules, load()), mine = page.path.modules.filter(function (m) { return m.id === page.module; })[0];
    box.innerHTML = "";
    box.hidden = !(p.complete && mine && !mine.optional);
    if (box.hidden) return;
    box.className = "cq-path-done admonition success";
    box.appendChild(el("p", { class: "admonition-title" }, "Path complete: " + page.path.title));
    box.appendChild(el("p", {}, "You have passed every required module of your path. Your certificate is ready."));
    var go = el("a", { class: "md-button md-button--primary cq-action", href: absolute(page.path.url) + "#cq-certificate" }, "Get your certificate");
    box.appendChild(el("p")).appendChild(go);
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

  /* ---- a path page: progress, the one primary action, certificate, notes, reset ---- */
  function remember(role) { /* the path the learner opened: the home page and search results lead to it */
    var s = load();
    if (s.role !== role) { s.role = role; save(s); }
  }
  function initPath(path) {
    remember(path.role);
    navModules = path.modules;
    markNav();
    var state = load(), p = progressOf(path.modules, state);
    path.modules.forEach(function (m) {
      var li = $('.cq-step[data-cq-module="' + CSS.escape(m.id) + '"]'), st = moduleState(m.id, state);
      if (!li) return;
      var box = $("[data-cq-state]", li);
      box.textContent = LABEL[st] + (m.optional ? " (optional)" : "");
      box.className = "cq-step__state cq-state--" + st;
    });
    var progress = $("[data-cq-progress]");
    progress.innerHTML = "";
    var bar = progressBar(p);
    while (bar.firstChild) progress.appendChild(bar.firstChild);
    progress.hidden = false;
    var go = $("[data-cq-continue]");
    if (p.complete) { go.href = "#cq-certificate"; go.textContent = "Get your certificate"; }
    else if (p.next) { go.href = absolute(p.next.url); go.textContent = (p.started ? "Continue: " : "Start: ") + p.next.title; }
    else { go.href = absolute(path.modules[0].url); go.textContent = "Review the path"; }
    var done = $("[data-cq-done]");
    if (done) {
      done.innerHTML = "";
      done.hidden = !p.complete;
      if (p.complete) {
        done.appendChild(certificate(path));
        if (p.extras.length) {
          var extras = el("p", { class: "cq-path__extras" }, "Extras, when you want more: ");
          p.extras.forEach(function (m, i) {
            if (i) extras.appendChild(document.createTextNode(", "));
            extras.appendChild(el("a", { href: absolute(m.url) }, m.title));
          });
          extras.appendChild(document.createTextNode(" (optional)."));
          done.appendChild(extras);
        }
      }
    }
    initTools(path);
  }
  function initTools(path) {
    var tools = $("[data-cq-tools]");
    tools.innerHTML = "";
    tools.hidden = false;
    var row = el("p", { class: "cq-tools" });
    var dl = el("button", { type: "button", class: "md-button" }, "Download my notes");
    dl.addEventListener("click", function () { downloadNotes(path); });
    var pr = el("button", { type: "button", class: "md-button" }, "Print my notes");
    pr.addEventListener("click", function () { printNotes(path); });
    var reset = el("button", { type: "button", class: "md-button" }, "Reset my progress");
    reset.addEventListener("click", function () {
      if (!window.confirm("Reset your progress and quiz answers in this browser? Your notes are kept. This cannot be undone.")) return;
      var s = load(); s.answers = {}; s.done = {}; s.seen = {}; save(s);
      emit("curriculum:reset", {});
      initPath(path);
    });
    [dl, pr, reset].forEach(function (b, i) { if (i) row.appendChild(document.createTextNode(" ")); row.appendChild(b); });
    tools.appendChild(row);
    tools.appendChild(el("p", { class: "cq-privacy" }, "Your progress and notes are stored only in this browser, on this device. Nothing is sent anywhere."));
    lmsPrivacy(tools);
  }
  /* each prompt that has notes: its module, its title, its questions (the prompt's own text), the notes */
  function notesOf(path) {
    var s = load(), out = [];
    path.modules.forEach(function (m) {
      var own = (m.prompts || []).filter(function (p) { return s.notes[m.id + "/" + p.id]; });
      if (own.length) out.push({ module: m, prompts: own.map(function (p) { return { title: p.title, body: p.body || "", notes: s.notes[m.id + "/" + p.id] }; }) });
    });
    return out;
  }
  function notesText(path) {
    var lines = ["# My notes: " + path.title, ""], all = notesOf(path);
    all.forEach(function (g) {
      lines.push("## " + g.module.title, "");
      g.prompts.forEach(function (p) {
        lines.push("### " + p.title, "");
        if (p.body.trim()) lines.push(p.body.trim(), "");
        lines.push("**My notes:**", "", p.notes, "");
      });
    });
    if (!all.length) lines.push("(No notes yet. Write them in the coaching prompts of each module.)");
    return lines.join("\n");
  }
  function downloadNotes(path) {
    var blob = new Blob([notesText(path)], { type: "text/markdown;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "my-notes-" + path.role + ".md" });
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  /* the prompt's text as the learner read it: list lines become a list, the rest paragraphs (text only) */
  function promptText(body) {
    var box = el("div", { class: "cq-notes-sheet__prompt" }), list = null;
    body.split("\n").forEach(function (line) {
      var item = line.match(/^\s*(?:[-*+]|\d+[.)])\s+(.*)$/);
      if (item) { if (!list) list = box.appendChild(el("ul")); list.appendChild(el("li", {}, item[1].replace(/[*_`]/g, ""))); return; }
      list = null;
      if (line.trim()) box.appendChild(el("p", {}, line.trim().replace(/[*_`]/g, "")));
    });
    return box;
  }
  function notesSheet(path) {
    var sheet = el("section", { class: "cq-notes-sheet", "aria-label": "My notes, to print" }), all = notesOf(path);
    sheet.appendChild(el("h2", {}, "My notes: " + path.title));
    sheet.appendChild(el("p", {}, path.curriculum));
    all.forEach(function (g) {
      sheet.appendChild(el("h3", {}, g.module.title));
      g.prompts.forEach(function (p) {
        sheet.appendChild(el("h4", {}, p.title));
        sheet.appendChild(promptText(p.body));
        sheet.appendChild(el("p", { class: "cq-notes-sheet__label" }, "My notes:"));
        sheet.appendChild(el("div", { class: "cq-notes-sheet__notes" }, p.notes));
      });
    });
    if (!all.length) sheet.appendChild(el("p", {}, "No notes yet. Write them in the coaching prompts of each module."));
    return sheet;
  }
  function printNotes(path) {
    var old = $(".cq-notes-sheet");
    if (old) old.remove();
    $("[data-cq-tools]").appendChild(notesSheet(path));
    document.body.classList.add("cq-print-notes");
    window.print();
  }
  /* a number to tell two certificates apart: made from the name, the path and the date (FNV-1a); anyone can
   * make the same one, so it proves nothing, and the certificate says so */
  function certNumber(name, role, date) {
    function fnv(text, seed) {
      var h = seed >>> 0;
      for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
      return ("0000000" + h.toString(16)).slice(-8).toUpperCase();
    }
    var text = norm(name) + "|" + role + "|" + date, a = fnv(text, 2166136261), b = fnv(text, 0x811c9dc5 ^ 0x5bd1e995);
    return a.slice(0, 4) + "-" + a.slice(4) + "-" + b.slice(0, 4);
  }
  function certificate(path) {
    var s = load(), options = path.certificate || {};
    var wrap = el("section", { class: "cq-certificate-wrap", id: "cq-certificate", "aria-labelledby": "cq-cert-heading" });
    wrap.appendChild(el("h2", { id: "cq-cert-heading" }, "You completed this path"));
    wrap.appendChild(el("p", {}, "Type your name as it should appear on your certificate, then print it: it fits one landscape page."));
    var field = el("p", { class: "cq-cert-field" });
    var label = el("label", { for: "cq-cert-name" }, "Your name for the certificate");
    var input = el("input", { id: "cq-cert-name", type: "text", autocomplete: "name" });
    input.value = s.name || "";
    field.appendChild(label); field.appendChild(input);
    var cert = el("div", { class: "cq-certificate", role: "group", "aria-label": "Certificate of completion" });
    var head = el("div", { class: "cq-certificate__head" });
    if (options.logo) head.appendChild(el("img", { class: "cq-certificate__logo", src: absolute(options.logo), alt: "" }));
    head.appendChild(el("p", { class: "cq-certificate__org" }, path.curriculum));
    cert.appendChild(head);
    cert.appendChild(el("p", { class: "cq-certificate__title" }, "Certificate of completion"));
    cert.appendChild(el("p", { class: "cq-certificate__lead" }, "This certifies that"));
    var name = el("p", { class: "cq-certificate__name" }, input.value || "\u2014");
    cert.appendChild(name);
    var finished = path.modules.reduce(function (t, m) { return m.optional ? t : Math.max(t, s.done[m.id] || 0); }, 0);
    var when = new Date(finished || Date.now()), day = when.toISOString().slice(0, 10);
    var date = when.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    cert.appendChild(el("p", { class: "cq-certificate__path" }, "has completed the learning path \u201c" + path.title + "\u201d"));
    var taken = path.modules.filter(function (m) { return s.done[m.id] || !m.optional; });
    var time = taken.reduce(function (t, m) { return t + (m.minutes || 0); }, 0);
    cert.appendChild(el("p", { class: "cq-certificate__summary" }, taken.length + (taken.length === 1 ? " module" : " modules") +
      " completed \u00b7 " + minutes(time) + " in total"));
    var list = el("ul", { class: "cq-certificate__modules" });
    taken.forEach(function (m) { list.appendChild(el("li", {}, m.title)); });
    cert.appendChild(list);
    var foot = el("div", { class: "cq-certificate__foot" });
    var dateBox = el("div", { class: "cq-certificate__date" });
    dateBox.appendChild(el("span", { class: "cq-certificate__label" }, "Date"));
    dateBox.appendChild(el("span", {}, date));
    foot.appendChild(dateBox);
    var sign = options.signatory || {};
    if (sign.name || sign.title) {
      var signBox = el("div", { class: "cq-certificate__sign" });
      if (sign.name) signBox.appendChild(el("span", { class: "cq-certificate__signatory" }, sign.name));
      if (sign.title) signBox.appendChild(el("span", { class: "cq-certificate__label" }, sign.title));
      foot.appendChild(signBox);
    }
    var numberBox = el("div", { class: "cq-certificate__number" });
    numberBox.appendChild(el("span", { class: "cq-certificate__label" }, "Certificate number"));
    var number = el("span", { class: "cq-certificate__id" }, certNumber(input.value, path.role, day));
    numberBox.appendChild(number);
    foot.appendChild(numberBox);
    cert.appendChild(foot);
    cert.appendChild(el("p", { class: "cq-certificate__note" }, "Printed by the learner from the course site. The number is " +
      "made from the name, the path and the date, to tell certificates apart: it proves nothing, as anyone can print one."));
    input.addEventListener("input", function () {
      name.textContent = input.value || "\u2014";
      number.textContent = certNumber(input.value, path.role, day);
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
    if ($(".cq-certificate") && !document.body.classList.contains("cq-print-notes")) document.body.classList.add("cq-print-certificate");
  });
  window.addEventListener("afterprint", function () { document.body.classList.remove("cq-print-certificate", "cq-print-notes"); });

  /* ---- the home page (or an author's page with the role choice): lead with the learner's own path ---- */
  function initHome(home) {
    var s = load(), role = home.roles.filter(function (r) { return r.id === s.role; })[0];
    if (!role || !progressOf(role.modules, s).started) {
      role = home.roles.filter(function (r) { return progressOf(r.modules, s).started; })[0] || role;
    }
    $$(".cq-card[data-cq-role]").forEach(function (card) {
      var mine = role && card.getAttribute("data-cq-role") === role.id, badge = $(".cq-card__mine", card);
      card.classList.toggle("cq-card--mine", !!mine);
      if (mine && !badge) $(".cq-card__title", card).appendChild(el("span", { class: "cq-card__mine" }, "Your path"));
      if (!mine && badge) badge.remove();
    });
    var box = $("[data-cq-resume]");
    if (!box) return;
    box.innerHTML = "";
    var p = role && progressOf(role.modules, s);
    box.hidden = !(p && p.started);
    if (box.hidden) return;
    box.className = "cq-resume";
    var title = el("h2", { class: "cq-resume__title", id: "cq-resume-title" }, "Your path: ");
    title.appendChild(el("a", { href: absolute(role.url) }, role.title));
    box.appendChild(title);
    box.appendChild(progressBar(p));
    var go = el("a", { class: "md-button md-button--primary cq-action", "data-cq-resume-go": "" });
    if (p.complete) { go.href = absolute(role.url) + "#cq-certificate"; go.textContent = "Get your certificate"; }
    else if (p.next) { go.href = absolute(p.next.url); go.textContent = "Continue: " + p.next.title; }
    else { go.href = absolute(role.url); go.textContent = "Open your path"; }
    box.appendChild(el("p", { class: "cq-path__action" })).appendChild(go);
  }

  /* ---- the trainer's view of a module: a learner who chose a role and reached it from anywhere but the
   * trainer's own pages (a search result, a link) is taken to their role's copy, with location.replace so Back
   * does not lead here again; a role's copy never redirects, so this cannot loop ---- */
  var FROM = "mkdocs-curriculum/from";
  function cameFrom(kind) {
    var before = null;
    try { before = sessionStorage.getItem(FROM); sessionStorage.setItem(FROM, kind); } catch (e) { /* none: no memory */ }
    return before;
  }
  function toOwnCopy(page) {
    var url = load().role && page.copies[load().role], before = cameFrom("trainer");
    if (!url || before === "trainer" || before === "copy:" + page.module) return false;
    location.replace(absolute(url) + location.hash);
    return true;
  }

  /* ---- SCORM 1.2: in an LMS (a package from `curriculum export scorm`) each module page is a SCO. It finds
   * the LMS API, reports status and score, and keeps this module's answers and notes in cmi.suspend_data
   * (at most 4,096 characters) so the learner resumes on any computer. Without an API it does nothing.
   * Records reach the LMS as they change: each is set at once and committed at most once every LMS_GAP ms
   * (the last change always is), and session_time is kept current, so nothing is lost when the LMS ends the
   * session itself before this page is unloaded (its own "Back to course", closing the tab). ---- */
  var LMS_MAX = 4096, LMS_GAP = 2000, lms = null;
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
    lms = { api: api, page: page, t0: Date.now(), last: 0, timer: null, dirty: false };
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
    document.addEventListener("curriculum:change", lmsChange);
    window.addEventListener("pagehide", lmsFinish);
    window.addEventListener("beforeunload", lmsFinish);
    window.addEventListener("blur", lmsAway); /* focus goes to the LMS's own buttons: it may end the session next */
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") lmsAway(); });
    lms.clock = setInterval(lmsTime, 60000);
    lmsPrivacy(document);
    lmsChange();
    if (!page.questions.length && s.done[page.module]) lmsScore({ detail: { module: page.module, score: null, complete: true } });
  }
  function lmsNotLaunched() { /* a module opened by a link inside the package: the LMS records only what it launched */
    var head = $(".cq-module-head");
    if (!head || $(".cq-lms-note", head)) return;
    head.appendChild(el("p", { class: "cq-lms-note admonition warning", role: "note" },
      "Your LMS does not record this module when it is opened from a link. Open it from your course in the LMS to have it count."));
  }
  function lmsStatus(status) {
    if (lmsSet("cmi.core.lesson_status", status)) { lms.status = status; lms.dirty = true; } /* refused: tried again on the next change */
    lmsSync();
  }
  function lmsScore(e) {
    var d = e.detail, sc = d.score;
    if (!lms || d.module !== lms.page.module || lms.mode !== "normal") return;
    if (!sc) { if ((d.complete ? "completed" : "incomplete") !== lms.status) lmsStatus(d.complete ? "completed" : "incomplete"); return; }
    if (sc.answered < sc.total || (!sc.passed && d.complete)) return; /* not final; a weaker retry keeps an earlier pass, as on the site */
    var status = sc.passed ? "passed" : "failed";
    if (status === lms.status && String(sc.pct) === lms.raw) return;
    lmsSet("cmi.core.score.min", 0); lmsSet("cmi.core.score.max", 100);
    if (lmsSet("cmi.core.score.raw", sc.pct)) lms.dirty = true;
    lms.raw = String(sc.pct);
    lmsStatus(status);
  }
  function lmsChange() { lmsFit(); lmsSync(); }
  /* answers and notes (suspend data) and exit, set as soon as they change; a commit follows when anything the
   * LMS must keep changed (never at the end: LMSFinish commits). A refused value is sent again next time. */
  function lmsSync(ending) {
    if (!lms || lms.over || lms.mode === "review") return;
    var text = lmsPack(lms.page, load()).text;
    if (text !== null && text !== lms.sent && lmsSet("cmi.suspend_data", text)) { lms.sent = text; lms.dirty = true; }
    var exit = lms.status === "passed" || lms.status === "completed" ? "" : "suspend";
    if (exit !== lms.exit && lmsSet("cmi.core.exit", exit)) lms.exit = exit; /* goes with the next commit, or LMSFinish */
    if (lms.dirty && !ending && !lms.timer) lms.timer = setTimeout(lmsCommit, Math.max(0, lms.last + LMS_GAP - Date.now()));
  }
  function lmsCommit() { /* at most one per LMS_GAP ms: an LMS may freeze if every answer commits at once */
    lms.timer = null;
    if (!lms.dirty || lms.over) return;
    lms.dirty = false;
    lms.last = Date.now();
    lmsTime();
    lmsCall("LMSCommit");
  }
  function lmsTime() { /* session_time as it goes: an LMS that finishes the session before this page is left has it */
    if (lms && !lms.over && lms.mode !== "review") lmsSet("cmi.core.session_time", timespan(Date.now() - lms.t0));
  }
  function lmsAway() { flushNotes(); lmsTime(); }
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
    clearTimeout(lms.timer); clearInterval(lms.clock);
    if (lms.mode !== "review") {
      lmsTime();
      if (lmsEnded()) { lms.over = true; return; } /* the LMS finished the session first: all was sent as it changed */
      flushNotes(); /* notes typed in the last 250 ms */
      lmsSync(true);
      clearTimeout(lms.timer);
    }
    lms.over = true;
    lmsCall("LMSFinish"); /* it commits; an LMSCommit just before it fails in a page being dismissed (synchronous XHR) */
  }
  function lmsEnded() { /* the last call was refused because the session is over (101 after LMSFinish, 301: not initialised) */
    try { var code = String(lms.api.LMSGetLastError()); return code === "101" || code === "301"; } catch (e) { return false; }
  }

  /* ---- entry: every page visit, however the page was reached. Material's document$ announces instant
   * navigations (and replays the first load); it never emits from file://, and a theme without it has none,
   * so the document's own load starts the page too. firstVisit() makes the two one set-up. ---- */
  function init() {
    var page = firstVisit("cq-page-data") && data("cq-page-data");
    var path = firstVisit("cq-path-data") && data("cq-path-data");
    var home = firstVisit("cq-home-data") && data("cq-home-data");
    /* Material's instant-navigation progress bar (navigation.instant.progress) is an unnamed progressbar (axe) */
    var loading = $(".md-progress[role=progressbar]:not([aria-label])");
    if (loading) loading.setAttribute("aria-label", "Loading the page");
    var content = $(".md-content") || document.body, visit = !content.cqVisit;
    content.cqVisit = true; /* what kind of page this visit is, once: where the next page was reached from */
    if (visit && page && page.copies) { if (toOwnCopy(page)) return; }
    else if (visit) cameFrom(page ? "copy:" + page.module : $(".cq-index, .cq-catalog") ? "trainer" : "other");
    if (page && page.path) navModules = page.path.modules;
    else if (!path) navModules = null;
    if (page) { lmsStart(page); initModule(page); }
    if (path) initPath(path);
    if (home) initHome(home);
    if (page || path) emit("curriculum:visit", { page: page || null, path: path || null }); /* set up, once a visit */
  }
  window.mkdocsCurriculum = { key: KEY, load: load, save: save, backend: backend, fresh: fresh, valid: valid, score: score };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { init(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
