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
/* is the learner's path complete: from a path page's data (every module), or a module page's (requiredOf) */
function pathComplete(path) {
  var state = load();
  return "required" in path ? pathProgress(path, state).complete : progressOf(path.modules, state).complete;
}
window.mkdocsCurriculum = { key: KEY, load: load, save: save, backend: backend, fresh: fresh, valid: valid, score: score,
  pathComplete: pathComplete };
if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { init(); });
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
