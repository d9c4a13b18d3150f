/* ---- the quiz kind's handler (kinds/quiz.py, handler "quiz"): each [data-cq-quiz] of a module page ---- */
function decode(b64, key) { /* answers are obfuscated, not secret: see the README */
  var bin = atob(b64), pad = new TextEncoder().encode(key), out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) ^ pad[i % pad.length] ^ ((i * 7) & 255);
  return JSON.parse(new TextDecoder().decode(out));
}
function response(quiz, kind) {
  if (kind === "text") { var v = $("input[type=text]", quiz).value; return v.trim() ? v : null; }
  var picked = $$("input:checked", quiz).map(function (i) { return +i.value; });
  return picked.length ? picked : null;
}
function isRight(kind, sol, resp) {
  if (kind === "text") return sol.answers.indexOf(norm(resp)) >= 0;
  var want = sol.correct.slice().sort().join(","), got = resp.slice().sort().join(",");
  return want === got;
}
/* A saved answer is judged again against the page's key: the trainer may have changed the right answer
 * or the choices since it was given. An answer that no longer fits the question is dropped. */
function recheck(kind, sol, saved) {
  if (!saved) return null;
  var fits = kind === "text" ? typeof saved.r === "string"
    : Array.isArray(saved.r) && saved.r.every(function (i) { return i < sol.feedback.length; });
  if (!fits) return null;
  return saved.t ? saved : { r: saved.r, ok: isRight(kind, sol, saved.r) }; /* t: cut short to fit an LMS: its verdict stands */
}
function showResult(quiz, kind, sol, saved) {
  var right = saved.ok;
  quiz.classList.toggle("cq-quiz--right", right);
  quiz.classList.toggle("cq-quiz--wrong", !right);
  $$("input", quiz).forEach(function (input) {
    input.disabled = true;
    if (kind === "text") { input.value = saved.r; return; }
    var i = +input.value, chosen = saved.r.indexOf(i) >= 0;
    input.checked = chosen;
    var row = input.closest(".cq-choice"), box = $(".cq-choice__feedback", row);
    row.classList.toggle("cq-choice--chosen", chosen);
    if (chosen) {
      var good = sol.correct.indexOf(i) >= 0;
      row.classList.add(good ? "cq-choice--right" : "cq-choice--wrong");
      box.innerHTML = "";
      box.appendChild(el("p", { class: "cq-choice__verdict" }, good ? "Your choice: correct." : "Your choice: not correct."));
      if (sol.feedback[i]) box.insertAdjacentHTML("beforeend", sol.feedback[i]);
      box.hidden = false;
    }
  });
  var result = $(".cq-quiz__result", quiz);
  result.textContent = right ? "\u2714 Correct." : "\u2718 Not quite." + (kind === "multiple" ? partly(sol, saved.r) : "");
  var expl = $(".cq-quiz__explanation", quiz);
  expl.innerHTML = sol.explanation || ""; expl.hidden = !sol.explanation;
  $("[data-cq-check]", quiz).hidden = true;
  $("[data-cq-retry]", quiz).hidden = false;
}
/* how much of a multiple-choice answer is right: how many right choices are ticked, whether a wrong one is
 * (never which: that would give the answer away) */
function partly(sol, picked) {
  var right = picked.filter(function (i) { return sol.correct.indexOf(i) >= 0; }).length, wrong = picked.length > right;
  var total = sol.correct.length;
  if (right === total) return " You ticked all " + total + " right choices, but also at least one wrong one.";
  return " You ticked " + right + " of the " + total + " right choices" +
    (wrong ? ", and also at least one wrong one." : " and no wrong one: some right choices are still unticked.");
}
function clearResult(quiz) {
  quiz.classList.remove("cq-quiz--right", "cq-quiz--wrong");
  $$("input", quiz).forEach(function (input) { input.disabled = false; input.checked = false; if (input.type === "text") input.value = ""; });
  $$(".cq-choice", quiz).forEach(function (row) {
    row.classList.remove("cq-choice--chosen", "cq-choice--right", "cq-choice--wrong");
    var box = $(".cq-choice__feedback", row); box.innerHTML = ""; box.hidden = true;
  });
  $(".cq-quiz__result", quiz).textContent = "";
  var expl = $(".cq-quiz__explanation", quiz); expl.innerHTML = ""; expl.hidden = true;
  $("[data-cq-check]", quiz).hidden = false;
  $("[data-cq-retry]", quiz).hidden = true;
}
function shuffle(quiz) {
  var box = $(".cq-quiz__choices", quiz), rows = $$(".cq-choice", box);
  for (var i = rows.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var t = rows[i]; rows[i] = rows[j]; rows[j] = t; }
  rows.forEach(function (row) { box.appendChild(row); });
}
function initQuiz(quiz, page, onChange) {
  var id = page.module + "/" + quiz.getAttribute("data-cq-quiz"), kind = quiz.getAttribute("data-cq-kind");
  var sol;
  try { sol = decode(quiz.getAttribute("data-cq-key"), id); } catch (e) { return; } /* the quiz kind's answer key (kinds/quiz.py KEY): correct, feedback, explanation, answers */
  if (quiz.hasAttribute("data-cq-shuffle")) shuffle(quiz);
  quiz.classList.add("cq-ready");
  var state = load(), before = state.answers[id], saved = recheck(kind, sol, before);
  if (JSON.stringify(saved) !== JSON.stringify(before)) {
    if (saved) state.answers[id] = saved; else delete state.answers[id];
    save(state);
  }
  if (saved) showResult(quiz, kind, sol, saved);
  function check() {
    var resp = response(quiz, kind);
    if (resp === null) { $(".cq-quiz__result", quiz).textContent = kind === "text" ? "Type an answer first." : "Choose an answer first."; return; }
    var s = load();
    s.answers[id] = { r: resp, ok: isRight(kind, sol, resp) };
    save(s);
    emit("curriculum:answer", { module: page.module, role: page.role, question: quiz.getAttribute("data-cq-quiz"), kind: kind, response: resp, ok: s.answers[id].ok });
    showResult(quiz, kind, sol, s.answers[id]);
    /* not "Try again": a second Enter there would erase the answer. The verdict is harmless and is read out */
    $(".cq-quiz__result", quiz).focus();
    onChange();
  }
  $("[data-cq-check]", quiz).addEventListener("click", check);
  var text = $("input[type=text]", quiz);
  if (text) text.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); check(); } });
  $("[data-cq-retry]", quiz).addEventListener("click", function () {
    var s = load(); delete s.answers[id]; save(s);
    clearResult(quiz);
    var first = $("input", quiz); if (first) first.focus();
    onChange();
  });
}
handlers.quiz = initQuiz;
