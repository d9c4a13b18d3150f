"""SCORM 1.2 packages in a real LMS runtime: scorm-again (npm, tests/scorm) hosted as `window.API` in Chromium.

A host page plays the LMS: it creates the runtime, opens one SCO of the unzipped package in a frame, and the
tests read back what the runtime recorded. Nothing here is a mock: the values went through scorm-again's
validation (a value it rejects is logged as a console error, which fails the test).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from conftest import missing

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RUNTIME = Path(__file__).resolve().parents[1] / "scorm" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
LIMIT = 4096  # SCORM 1.2's cmi.suspend_data; scorm-again accepts up to 64,000, so the tests hold the line
KEY = "mkdocs-curriculum/v1"
HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false });
  window.lmsLog = [];
  window.lmsCommits = [];  // when each LMSCommit came (ms)
  window.lmsSent = {};  // the last value the SCO set for each element (some, such as exit, are write-only)
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    API.on(name, function () { lmsLog.push(name); if (name === "LMSCommit") lmsCommits.push(Date.now()); });
  });
  // The LMS's own "Back to course": it ends the session itself, then takes the SCO's frame away. From then on it
  // refuses every call, as scormhost and wagtail-lms do (scorm-again 1.2 still takes values after LMSFinish).
  window.lmsLate = [];
  function backToCourse() {
    API.LMSFinish("");
    ["LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
      API[name] = function (element) { lmsLate.push(name + " " + element); return "false"; };
    });
    API.LMSGetLastError = function () { return "301"; };
    document.getElementById("sco").remove();
  }
  API.on("LMSSetValue.cmi.*", function (element, value) { lmsLog.push("set " + element); lmsSent[element] = value; });
  if (window.preload) API.loadFromJSON(window.preload);
  if (window.noLessonMode) API.cmi.core._lesson_mode = "";  // as Open edX and LearnWorlds: never set
</script></head>
<body><button type="button" id="back" onclick="backToCourse()">Back to course</button>
<iframe name="sco" id="sco" title="Course content" style="width:100%;height:90vh"></iframe>
<script>document.getElementById("sco").src = new URLSearchParams(location.search).get("sco");</script>
</body></html>
"""

def need_runtime() -> None:
    if not RUNTIME.is_file():
        missing("the SCORM runtime is not installed: run `npm ci` in tests/scorm (as .ci/run does) to get "
                "scorm-again's dist/scorm12.min.js")


@pytest.fixture(autouse=True)
def runtime():
    need_runtime()


@functools.cache
def _lms_dir(base: str) -> Path:
    """The packages of the basic fixture unzipped under pkg-<role>/, next to the runtime and the host page."""
    from mkdocs_curriculum.export import scorm

    project = Path(base) / "project"
    shutil.copytree(FIXTURES / "basic", project)
    root = Path(base) / "lms"
    for path in scorm.export_packages(project / "mkdocs.yml", Path(base) / "zips"):
        with zipfile.ZipFile(path) as zf:
            zf.extractall(root / f"pkg-{path.name.split('-scorm12')[0]}")
    shutil.copy(RUNTIME, root / "scorm12.min.js")
    (root / "host.html").write_text(HOST, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lms(tmp_path_factory, serve):
    need_runtime()  # before the copy below: a module fixture runs before the function-scoped guard
    return serve(_lms_dir(str(tmp_path_factory.mktemp("scorm"))))


def launch(page, lms, sco, preload=None, no_lesson_mode=False):
    """Open one SCO in the host (the LMS); returns the frame once the SCO has said it is running."""
    if preload is not None:
        page.add_init_script(f"window.preload = {json.dumps(preload)};")
    if no_lesson_mode:
        page.add_init_script("window.noLessonMode = true;")
    page.goto(f"{lms}host.html?sco={sco}")
    frame = page.frame(name="sco")
    frame.wait_for_load_state()
    if "/index.html" not in sco:  # the path page is no SCO: it never starts an LMS session
        page.wait_for_function("() => lmsLog.includes('LMSInitialize')")
    return frame


def leave(page):
    """The learner leaves the SCO (the LMS unloads its frame): the SCO must commit and finish."""
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function("() => lmsLog.includes('LMSFinish')")


def cmi(page, element):
    return page.evaluate(f"() => API.cmi.{element}")


def sent(page, element):
    return page.evaluate(f"() => lmsSent[{json.dumps('cmi.' + element)}]")


def count(page, entry):
    return page.evaluate(f"() => lmsLog.filter(e => e === {json.dumps(entry)}).length")


def pass_basics(frame):
    frame.get_by_label("Everyone", exact=True).check()
    frame.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
    frame.get_by_label("Your answer").fill("help")
    frame.locator(".cq-quiz").nth(1).get_by_role("button", name="Check").click()


def wait_commits(page, n):
    page.wait_for_function(f"() => lmsLog.filter(e => e === 'LMSCommit').length === {n}")


def test_a_module_reports_incomplete_then_passed_with_its_score(page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html", {"cmi": {"core": {"student_name": "Doe, Jane"}}})
    page.wait_for_function("() => API.cmi.core.lesson_status === 'incomplete'")
    wait_commits(page, 1)  # the status changed on entry
    pass_basics(frame)
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    assert (cmi(page, "core.score.raw"), cmi(page, "core.score.min"), cmi(page, "core.score.max")) == ("100", "0", "100")
    wait_commits(page, 2)  # two answers, a score and a status within 2 s: one commit
    assert frame.evaluate("() => mkdocsCurriculum.load().name") == "Jane Doe"  # "Last, First" turned round
    sets = count(page, "set cmi.suspend_data")
    frame.get_by_label("My notes").press_sequentially("Praise Sam.", delay=20)
    page.wait_for_function(f"() => lmsLog.filter(e => e === 'set cmi.suspend_data').length > {sets}")
    wait_commits(page, 3)  # the note is committed as it changes, not only on leaving ...
    page.wait_for_timeout(2500)
    assert count(page, "LMSCommit") == 3 and count(page, "set cmi.suspend_data") == sets + 1  # ... but not per keystroke
    assert "Praise Sam." in cmi(page, "suspend_data")
    gaps = page.evaluate("() => lmsCommits.slice(1).map((t, i) => t - lmsCommits[i])")
    assert min(gaps) >= 1900, gaps  # at most one commit every 2 s
    assert "in your LMS" in frame.locator(".cq-notes__privacy").inner_text()
    leave(page)
    assert count(page, "LMSFinish") == 1 and count(page, "LMSCommit") == 3  # LMSFinish commits: no commit before it
    data = cmi(page, "suspend_data")
    assert len(data) <= LIMIT and "Praise Sam." in data
    assert sent(page, "core.exit") == ""
    assert re.fullmatch(r"\d{4}:\d\d:\d\d", sent(page, "core.session_time"))


def seconds(timespan: str) -> int:
    h, m, s = (int(x) for x in timespan.split(":"))
    return h * 3600 + m * 60 + s


def test_leaving_by_the_lms_own_back_button_loses_nothing(page, lms):
    """The LMS ends the session itself (LMSFinish in its "Back to course", then the frame goes): a note typed
    after the module was passed, and the time spent, were already there; the SCO's late calls are refused."""
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    start = time.monotonic()  # the SCO's session started before this
    pass_basics(frame)
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    wait_commits(page, 2)
    page.wait_for_timeout(3000)
    frame.get_by_label("My notes").press_sequentially("Thank Ana.", delay=10)
    spent = int(time.monotonic() - start)
    page.get_by_role("button", name="Back to course").click()  # at once: within the notes' 250 ms pause
    page.wait_for_function("() => !document.getElementById('sco')")
    assert count(page, "LMSFinish") == 1  # the LMS's own; the SCO tried none after it
    assert json.loads(cmi(page, "suspend_data"))["n"] == {"coaching-think-about-it": "Thank Ana."}
    assert seconds(sent(page, "core.session_time")) >= spent  # the time up to leaving, not to the last commit
    assert sent(page, "core.exit") == ""
    # One call came after the LMS ended the session, and was refused: session_time, which tells the SCO so.
    assert page.evaluate("() => lmsLate") == ["LMSSetValue cmi.core.session_time"]


def test_a_learner_resumes_from_the_suspend_data_on_another_computer(browser, page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    pass_basics(frame)
    frame.get_by_label("My notes").fill("Thank Ana for the refund call.")
    leave(page)
    saved = {"cmi": {"suspend_data": cmi(page, "suspend_data"),
                     "core": {"lesson_status": cmi(page, "core.lesson_status"), "score": {"raw": cmi(page, "core.score.raw")}}}}
    other = browser.new_context()  # another computer: empty localStorage
    try:
        page2 = other.new_page()
        errors = []
        page2.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        frame = launch(page2, lms, "pkg-managers/paths/managers/basics.html", saved)
        assert "Correct" in frame.locator(".cq-quiz").first.locator(".cq-quiz__result").inner_text()
        assert frame.get_by_label("Your answer").input_value() == "help"
        assert frame.get_by_label("My notes").input_value() == "Thank Ana for the refund call."
        assert "2/2 (100%)" in frame.locator("[data-cq-score]").inner_text()
        assert page2.evaluate("() => API.cmi.core.lesson_status") == "passed"
        page2.wait_for_timeout(300)
        assert page2.evaluate("() => lmsLog.filter(e => e === 'LMSCommit').length") == 0  # nothing changed
        assert "Thank Ana" in frame.evaluate(f"() => localStorage.getItem('{KEY}')")
        assert not errors
    finally:
        other.close()


def test_wrong_answers_report_failed_and_leave_suspended(page, lms):
    frame = launch(page, lms, "pkg-frontline/paths/frontline/basics.html")
    frame.get_by_label("Only the front line").check()
    frame.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
    frame.get_by_label("Your answer").fill("help")
    frame.locator(".cq-quiz").nth(1).get_by_role("button", name="Check").click()
    page.wait_for_function("() => API.cmi.core.lesson_status === 'failed'")
    assert cmi(page, "core.score.raw") == "50"
    leave(page)
    assert sent(page, "core.exit") == "suspend"
    assert len(cmi(page, "suspend_data")) <= LIMIT


def test_a_module_without_quizzes_reports_completed_when_marked(page, lms):
    frame = launch(page, lms, "pkg-frontline/paths/frontline/extras.html")
    page.wait_for_function("() => API.cmi.core.lesson_status === 'incomplete'")
    frame.get_by_role("button", name="Mark as complete").click()
    page.wait_for_function("() => API.cmi.core.lesson_status === 'completed'")
    assert cmi(page, "core.score.raw") == ""
    leave(page)
    assert sent(page, "core.exit") == ""
    assert json.loads(cmi(page, "suspend_data"))["d"] == 1


def test_a_note_too_long_for_the_lms_stays_in_the_browser_and_says_so(page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    pass_basics(frame)
    long_note = "Listen first. " * 400  # 5,600 characters
    message = frame.locator(".cq-notes__lms")
    assert message.get_attribute("aria-live") == "polite" and message.inner_text() == ""
    frame.get_by_label("My notes").fill(long_note)
    frame.wait_for_function("() => document.querySelector('.cq-notes__lms').textContent.includes('4,096')")
    assert message.is_visible()
    assert "saved only in this browser" in message.inner_text()
    leave(page)
    data = cmi(page, "suspend_data")
    assert len(data) <= LIMIT
    assert "Listen first." not in data and json.loads(data)["n"] == {"coaching-think-about-it": 0}
    assert len(json.loads(data)["a"]) == 2  # the answers still made it
    assert long_note.strip() in page.evaluate(f"() => localStorage.getItem('{KEY}')")


def test_a_shortened_note_fits_again_and_the_message_goes(page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    notes = frame.get_by_label("My notes")
    notes.fill("x" * 5000)
    frame.wait_for_function("() => document.querySelector('.cq-notes__lms').textContent !== ''")
    notes.fill("Short now.")
    frame.wait_for_function("() => document.querySelector('.cq-notes__lms').textContent === ''")
    leave(page)
    assert json.loads(cmi(page, "suspend_data"))["n"] == {"coaching-think-about-it": "Short now."}


def test_a_missing_lesson_mode_counts_as_normal(page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html", no_lesson_mode=True)
    assert page.evaluate("() => API.LMSGetValue('cmi.core.lesson_mode')") == ""
    pass_basics(frame)
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    assert cmi(page, "core.score.raw") == "100"


def test_the_certificate_is_prefilled_from_the_lms_name(page, lms):
    name = {"cmi": {"core": {"student_name": "Okafor, Chidi"}}}
    pass_basics(launch(page, lms, "pkg-managers/paths/managers/basics.html", name))
    frame = launch(page, lms, "pkg-managers/paths/managers/process.html", name)
    frame.get_by_label("Listen").check()
    frame.get_by_label("Help").check()
    frame.get_by_role("button", name="Check").click()
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    page.goto(f"{lms}pkg-managers/paths/managers/index.html")
    assert page.get_by_label("Your name for the certificate").input_value() == "Chidi Okafor"


def test_without_an_lms_the_pages_work_as_on_the_site(page, lms):
    page.goto(f"{lms}pkg-managers/paths/managers/basics.html")
    pass_basics(page)
    assert "2/2 (100%)" in page.locator("[data-cq-score]").inner_text()
    assert "never sent anywhere" in page.locator(".cq-notes__privacy").inner_text()
    assert page.locator(".cq-notes__lms").count() == 0
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert stored["answers"]["basics/who-serves-customers"]["ok"] is True


def test_package_pages_request_nothing_outside_the_package(page, lms):
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    for sco in ("paths/frontline/index.html", "paths/frontline/basics.html", "paths/frontline/process.html",
                "paths/frontline/extras.html"):
        launch(page, lms, f"pkg-frontline/{sco}")
        page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(lms) and not u.startswith(("about:", "data:"))]
    assert not outside and not failures


def test_following_a_link_to_another_module_does_not_report_it_as_this_sco(page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    pass_basics(frame)
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    # The LMS's course menu moves between modules: the package has no sidebar or previous/next links ...
    assert frame.locator(".md-footer__link").count() == 0
    assert not frame.locator(".md-sidebar--primary .md-nav__link[href$='process.html']").is_visible()
    frame.evaluate("() => { location.href = 'process.html'; }")  # ... but a link the author wrote still leads there
    page.wait_for_function("() => lmsLog.includes('LMSFinish')")
    frame = page.frame(name="sco")
    frame.wait_for_url("**/process.html")
    assert "does not record this module" in frame.locator(".cq-lms-note").inner_text()  # and the learner is told
    frame.get_by_label("Argue").check()
    frame.get_by_role("button", name="Check").click()
    assert "Not quite" in frame.locator(".cq-quiz__result").inner_text()  # works, from localStorage
    assert count(page, "LMSInitialize") == 1
    assert (cmi(page, "core.lesson_status"), cmi(page, "core.score.raw")) == ("passed", "100")
    assert "who-serves-customers" in cmi(page, "suspend_data")


def test_values_the_lms_refuses_are_sent_again_on_the_next_change(page, lms):
    page.add_init_script("""window.addEventListener('DOMContentLoaded', () => {
        if (!window.API) return;
        const set = API.LMSSetValue.bind(API);
        window.refuse = true;  // as a full LMS database might: "false", and nothing stored
        API.LMSSetValue = (k, v) => (refuse && k === 'cmi.suspend_data') ? 'false' : set(k, v);
    });""")
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    frame.get_by_label("Everyone", exact=True).check()
    frame.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
    assert cmi(page, "suspend_data") == ""
    page.evaluate("() => { refuse = false; }")
    frame.get_by_label("Your answer").fill("help")
    frame.locator(".cq-quiz").nth(1).get_by_role("button", name="Check").click()
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    data = json.loads(cmi(page, "suspend_data"))
    assert set(data["a"]) == {"who-serves-customers", "which-step-comes-right-after-listening"}


def test_answers_too_long_for_the_lms_are_shortened_never_over_the_limit(page, lms):
    frame = launch(page, lms, "pkg-managers/paths/managers/basics.html")
    frame.evaluate("""(limit) => {
        const s = mkdocsCurriculum.load(), long = 'h'.repeat(5000);
        s.answers['basics/which-step-comes-right-after-listening'] = { r: long, ok: true };
        mkdocsCurriculum.save(s);
    }""", LIMIT)
    frame.get_by_label("Everyone", exact=True).check()
    frame.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
    leave(page)
    data = cmi(page, "suspend_data")
    assert 0 < len(data) <= LIMIT
    answer = json.loads(data)["a"]["which-step-comes-right-after-listening"]
    assert answer[0] == 1 and answer[2] == 1 and len(answer[1]) <= 200  # right, and marked as cut short
