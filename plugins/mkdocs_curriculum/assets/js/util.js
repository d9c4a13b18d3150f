/* ---- helpers: DOM, page data, URLs, normalising answers, minutes ---- */
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

/* ---- activity handlers: one per block kind that declares a browser `handler` (kinds/<kind>.py), which the
 * kind writes into its HTML as data-cq-<handler>. A handler file registers itself here:
 *   handlers.<name> = function (node, page, changed) {...}
 * and initModule calls it for every [data-cq-<name>] of a module page, in the order the files were combined
 * (assets_build.JS_FILES); `changed()` is to be called when a scored answer changes. ---- */
var handlers = {};
