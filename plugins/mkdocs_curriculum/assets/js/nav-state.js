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
