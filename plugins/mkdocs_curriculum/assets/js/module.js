/* ---- a module page: its activities (each kind's handler), score, state, completion ---- */
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
    var after = page.path && pathProgress(page.path, state);
    if (after && after.complete) next.textContent = "This module is complete, and so is your path.";
    else if (after && after.next) {
      next.appendChild(document.createTextNode("This module is complete. Next: "));
      next.appendChild(el("a", { href: absolute(after.next.url) }, after.next.title));
    } else next.textContent = "This module is complete.";
  }
  box.appendChild(next);
}
/* A module page carries its path's required ids and only its own part of the path (pages.module_foot): the
 * next required module is named when it is in that part, else the path page (its Continue) leads on. */
function pathProgress(path, state) {
  var required = requiredOf(path, state);
  if (!required) { /* a very long path whose page the learner has not opened here: name what this part holds */
    var mine = path.modules.filter(function (m) { return !m.optional && !state.done[m.id]; })[0];
    return { complete: false, next: mine || { title: "continue from your path page", url: path.url } };
  }
  var open = required.filter(function (id) { return !state.done[id]; });
  var next = open.length ? path.modules.filter(function (m) { return m.id === open[0]; })[0] ||
    { title: "continue from your path page", url: path.url } : null;
  return { complete: required.length > 0 && !open.length, next: next };
}
/* the path's required modules: in the page (paths of up to two sidebar sections), or as the path page stored them */
function requiredOf(path, state) {
  var stored = state.required && state.required[path.role];
  return path.required || (Array.isArray(stored) ? stored : null);
}
/* a role's module: once every required module of the path is done, say so and lead to the certificate */
function showPathDone(page) {
  var box = $("[data-cq-path-done]");
  if (!box || !page.path) return;
  var state = load(), p = pathProgress(page.path, state), required = (requiredOf(page.path, state) || []).indexOf(page.module) >= 0;
  box.innerHTML = "";
  box.hidden = !(p.complete && required);
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
/* a very long path's module page, before its path page was opened in this browser: read the required modules
 * from the path page, once, on this same site (not from disk, not in an LMS, where a module may be alone) */
function learnRequired(page) {
  var path = page.path, mine = document.getElementById("cq-page-data");
  if (!path || requiredOf(path, load()) || lms || !/^https?:$/.test(location.protocol) || !window.fetch) return;
  fetch(absolute(path.url)).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
    var found = html && new DOMParser().parseFromString(html, "text/html").getElementById("cq-path-data");
    var data = found && JSON.parse(found.getAttribute("data-cq-json"));
    if (!data || data.role !== path.role) return;
    remember(data, false);
    if (document.getElementById("cq-page-data") !== mine) return; /* the learner has moved on */
    var box = $("[data-cq-score]"), state = load(), sc = score(page, state);
    if (box && sc.total && sc.answered === sc.total) paintScore(box, page, sc, state);
    showModuleState(page);
  }).catch(function () { /* offline: the path page tells, next time it is opened */ });
}
function initModule(page) {
  flushNotes(); pending = []; /* the notes of the page left (coaching.js) */
  var s = load();
  if (!s.seen[page.module]) { s.seen[page.module] = Date.now(); save(s); }
  Object.keys(handlers).forEach(function (name) {
    $$("[data-cq-" + name + "]").forEach(function (node) { handlers[name](node, page, function () { updateScore(page); }); });
  });
  initComplete(page);
  if (page.questions.length) updateScore(page); else showModuleState(page);
  learnRequired(page);
}
