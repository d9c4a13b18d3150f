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
