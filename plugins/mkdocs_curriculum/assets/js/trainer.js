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
