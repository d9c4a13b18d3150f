/* mkdocs-curriculum: xAPI tracking, with `tracking: xapi:` only. See xapi.py, "The browser". */
(function () {
  "use strict";
  var KEY = "mkdocs-curriculum/xapi/v1", cfg = null, here = {}, busy = false;

  function settings() {
    var el = document.getElementById("cq-xapi-data");
    if (!cfg && el) try { cfg = JSON.parse(el.getAttribute("data-cq-json")); } catch (e) { cfg = null; }
    return cfg;
  }
  function read() {
    var s = null;
    try { s = JSON.parse(localStorage.getItem(KEY)); } catch (e) { /* none */ }
    return s && s.v === 1 && typeof s.user == "string" && s.creds && Array.isArray(s.queue) ? s : null;
  }
  function write(s) { try { localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* storage full */ } }
  function on() { return settings() && read(); }

  function signIn() {
    var c = settings(), m = c && location.hash.match(RegExp("^#" + c.fragmentKey + "=(.*)$"));
    if (!m) return;
    history.replaceState(history.state, "", location.href.split("#")[0]);
    try {
      var bin = atob(m[1].replace(/-/g, "+").replace(/_/g, "/")), i = bin.indexOf(":"),
        user = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin.slice(0, i), function (ch) { return ch.charCodeAt(0); }));
    } catch (e) { return; }
    var s = read() || { v: 1, creds: {}, queue: [] };
    if (i < 1 || i == bin.length - 1) return;
    if (s.user !== user) s.paths = {};
    s.user = user; s.creds[user] = btoa(bin); s.refused = false;
    write(s);
  }

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16);
    });
  }
  function ref(id) { return { objectType: "Activity", id: id }; }
  function ids(role, module, question) {
    var p = cfg.site + "paths/" + role + "/", m = p + module + "/";
    return { p: p, m: m, q: m + "#" + question };
  }
  function record(verb, kind, id, result, parent, grouping) {
    var s = read(), st = {
      id: uuid(), actor: { objectType: "Agent", mbox: "mailto:" + s.user },
      verb: { id: cfg.verbs[verb], display: { "en-US": verb } },
      object: { objectType: "Activity", id: id, definition: { type: cfg.types[kind] } }, timestamp: new Date().toISOString()
    };
    if (result) st.result = result;
    if (parent) st.context = { contextActivities: { parent: [ref(parent)] } };
    if (grouping) st.context.contextActivities.grouping = [ref(grouping)];
    s.queue.push({ u: s.user, s: st });
    write(s);
    setTimeout(flush);
  }

  function flush() {
    var c = settings(), s = read(), item = s && s.queue[0];
    if (busy || !c || !item || navigator.onLine === false) return;
    busy = true;
    fetch(c.endpoint + "statements", {
      method: "POST", credentials: "omit", body: JSON.stringify(item.s),
      headers: { Authorization: "Basic " + s.creds[item.u], "Content-Type": "application/json", "X-Experience-API-Version": c.version }
    }).then(function (r) {
      busy = false;
      var t = read(), n = r.status;
      if (!t) return;
      if (n == 401 || n == 403) t.refused = true;
      else if (r.ok || n == 409 || n == 400) { /* 409: that id is stored; 400: never will be */
        t.queue = t.queue.filter(function (q) { return q.s.id !== item.s.id; });
        if (n == 400) (t.rejected = t.rejected || []).push(item);
        else t.refused = false;
        setTimeout(flush);
      }
      write(t);
      notice();
    }, function () { busy = false; });
  }

  function notice() {
    var s = read(), box = document.querySelector(".cq-xapi-note"), main = document.querySelector(".md-content__inner");
    if (!(s && s.refused)) return box && box.remove();
    if (box || !main) return;
    box = document.createElement("p");
    box.className = "cq-xapi-note admonition warning";
    box.setAttribute("role", "status");
    box.textContent = "Your personal link was not accepted, so your progress is not recorded for your organisation yet. " +
      "It is kept here: ask for a new link.";
    main.insertBefore(box, main.firstChild);
  }

  function privacy() {
    var p = document.querySelector(".cq-privacy");
    if (p) p.textContent = "Your progress (not your notes or typed answers) is also sent to your organisation's learning record.";
  }
  function pathDone(role, path) { /* path: the page's path data; the curriculum script judges it */
    var s = read();
    if (!path || s.paths[role] || !window.mkdocsCurriculum.pathComplete(path)) return;
    s.paths[role] = 1;
    write(s);
    record("completed", "path", ids(role).p, { completion: true });
  }
  function visit(page, path) { /* once a visit */
    var el = document.getElementById(page ? "cq-page-data" : "cq-path-data");
    if (!el || el.cqX || !on()) return;
    el.cqX = 1;
    here = { page: page, t0: Date.now() };
    if (path) return privacy(), pathDone(path.role, path);
    if (!page.role) return; /* the trainer's view */
    var a = ids(page.role, page.module);
    record("launched", "module", a.m, null, a.p);
    pathDone(page.role, page.path);
  }
  function pageVisit() {
    signIn();
    ["cq-page-data", "cq-path-data"].forEach(function (id, n) {
      var el = document.getElementById(id), d = null;
      try { d = el && el.cqReady && JSON.parse(el.getAttribute("data-cq-json")); } catch (e) { /* none */ }
      if (d) visit(n ? null : d, n ? d : null);
    });
    notice();
    flush();
  }

  function listen(name, fn) { document.addEventListener("curriculum:" + name, function (e) { if (on()) fn(e.detail); }); }
  document.addEventListener("curriculum:visit", function (e) { signIn(); visit(e.detail.page, e.detail.path); });
  listen("answer", function (d) {
    if (!d.role) return;
    var a = ids(d.role, d.module, d.question), result = { success: d.ok };
    if (Array.isArray(d.response)) result.response = d.response.join("[,]"); /* choices; never typed text */
    here.answered = 1;
    record("answered", "question", a.q, result, a.m, a.p);
  });
  listen("score", function (d) {
    var sc = d.score, role = here.page && here.page.role, a = role && ids(role, d.module), t;
    if (!a || d.module !== here.page.module) return;
    if (sc && here.answered && sc.answered === sc.total) { /* an attempt is over */
      here.answered = 0;
      t = Math.round((Date.now() - here.t0) / 1000);
      record(sc.passed ? "passed" : "failed", "module", a.m, {
        score: { scaled: sc.total ? sc.right / sc.total : 1, raw: sc.right, min: 0, max: sc.total }, success: sc.passed,
        completion: true, duration: "PT" + Math.floor(t / 3600) + "H" + Math.floor(t / 60) % 60 + "M" + t % 60 + "S"
      }, a.p);
    } else if (!sc && d.complete) record("completed", "module", a.m, { completion: true }, a.p);
    if (d.complete) pathDone(role, here.page.path);
  });
  listen("reset", function () { var s = read(); s.paths = {}; write(s); setTimeout(privacy); });
  addEventListener("online", flush);
  addEventListener("hashchange", pageVisit); /* a personal link opened on the page it leads to */
  document.addEventListener("visibilitychange", function () { if (!document.hidden) flush(); });
  if (window.document$ && document$.subscribe) document$.subscribe(pageVisit);
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", pageVisit);
  else pageVisit();
})();
