/* ---- the coaching kind's handler (kinds/coaching.py, handler "coaching"): the notes field of each
 * [data-cq-coaching] prompt, saved as the learner types ---- */
function initNotes(box, page) {
  var area = $("textarea[data-cq-notes]", box);
  if (!area) return;
  var id = page.module + "/" + box.getAttribute("data-cq-coaching"), timer = null, dirty = false;
  area.value = load().notes[id] || "";
  area.closest(".cq-notes").hidden = false;
  function store() { /* after a 250 ms pause in typing, or at once when the field or the page is left */
    clearTimeout(timer);
    if (!dirty) return;
    dirty = false;
    var s = load();
    if (area.value) s.notes[id] = area.value; else delete s.notes[id];
    save(s);
  }
  area.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(store, 250);
  });
  area.addEventListener("blur", store);
  pending.push(store);
}
/* notes still waiting for their 250 ms pause are written when the page is left (reload, close, instant nav) */
var pending = [];
function flushNotes() { pending.forEach(function (store) { store(); }); }
window.addEventListener("pagehide", flushNotes);
document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flushNotes(); });
handlers.coaching = initNotes;
