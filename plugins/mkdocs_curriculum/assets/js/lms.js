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
