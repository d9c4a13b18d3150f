/* ---- a path page: progress, the one primary action, certificate, notes, reset ---- */
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
/* a path page's required modules, which the module pages of a very long path do not carry (pages.py:
 * _near_path); `opened`: the learner opened the path page, so it is their path (the home page and search
 * results lead to it) */
function remember(path, opened) {
  var s = load(), ids = path.modules.filter(function (m) { return !m.optional; }).map(function (m) { return m.id; });
  var known = s.required && Array.isArray(s.required[path.role]) ? s.required[path.role] : null;
  if ((!opened || s.role === path.role) && known && known.join("\n") === ids.join("\n")) return;
  if (opened) s.role = path.role;
  s.required = s.required && typeof s.required === "object" ? s.required : {};
  s.required[path.role] = ids;
  save(s);
}
function initPath(path) {
  remember(path, true);
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
