/* ---- the learner's state: one versioned localStorage value (AUTHORING.md, "Learner data"), never sent
 * anywhere; one object, validated on read, so a corrupted or old value is simply discarded. save() announces
 * each change (curriculum:change), as emit() does the other events the SCORM and xAPI sides listen to ---- */
var KEY = "mkdocs-curriculum/v1";
var memory = null;
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
