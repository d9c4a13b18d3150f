"""The learner's side of xAPI (issue 15), in Chromium against a real LRS (Ralph on BriskDB, tests/lrs_fixtures.py).

One tracked site for the module: the basic fixture with due dates, `tracking: xapi:` pointing at the test LRS and
`site_url` at the address it is served at (so Material navigates instantly, harness.py). The people and their
personal links come from the real `curriculum assign --lrs-auth`; each test uses its own person, so their records
never mix, and reads back what Ralph stored (by id, attributed by `authority`) and what `curriculum report` makes
of it. Ralph validates every statement (it answers 400 otherwise, which the page would set aside in `rejected`).
"""

from __future__ import annotations

import base64
import csv
import gzip
import json
import os
import re
import subprocess
import sys
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import build, missing
from lrs_fixtures import CURRICULUM, READER, READER_PASSWORD, Lrs, free_port, lrs_script
from mkdocs_curriculum import assets_build, xapi
from mkdocs_curriculum.cli.lrs_auth import add_account

from .harness import Site, _http_server, configure, project_copy

KEY = "mkdocs-curriculum/xapi/v1"
BROWSER = pytest.mark.browser
ROSTER = """\
name,email,role,team
Ana Lima,ana@example.com,Frontline staff,North
Bo Berg,bo@example.com,managers,South
Cy Chen,cy@example.com,frontline,North
Di Diaz,di@example.com,managers,South
Ed Eke,ed@example.com,frontline,North
"""


def rows(path: Path) -> list:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


class Tracked:
    """The tracked site, its LRS and the people's personal links."""

    def __init__(self, tmp: Path):
        self.project = project_copy("basic", tmp / "project")
        (self.project / "curriculum.yml").write_text(CURRICULUM)
        (self.project / "staff.csv").write_text(ROSTER)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}/"
        self.links = self.assign()
        self.auth = self.project / "auth.json"
        add_account(self.auth, READER, READER_PASSWORD, ["all/read"])
        folder = tmp / "lrs"
        folder.mkdir()
        self.lrs = Lrs(self.auth, folder / "data", folder / "lrs.log", [self.base.rstrip("/")], {})
        configure(self.project, "instant", self.base)
        config = yaml.safe_load((self.project / "mkdocs.yml").read_text())
        config["plugins"] = ["search", {"curriculum": {"tracking": {"xapi": self.lrs.xapi}}}]
        (self.project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
        self.site_dir = tmp / "site"
        result = build(self.project, self.site_dir)
        assert result.returncode == 0, result.stdout
        self.server = _http_server(self.site_dir, port)
        self.site = Site("instant", self.base, True)

    def cli(self, *argv, env=None):
        return subprocess.run([sys.executable, "-m", "mkdocs_curriculum.cli", *argv], cwd=self.project,
                              capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300,
                              check=False)

    def assign(self) -> dict:
        """The real command on the roster: {email: personal path link}."""
        done = self.cli("assign", "staff.csv", "--start", "2025-03-03", "--base-url", self.base, "-o", "plan.csv",
                        "--people", "people.csv", "--lrs-auth", "auth.json")
        assert done.returncode == 0, done.stderr
        return {row["email"]: row["path_link"] for row in rows(self.project / "people.csv")}

    def report(self) -> dict:
        """`curriculum report` as HR runs it: {(email, module): (status, score)}; also keeps the summary rows."""
        done = self.cli("report", "--plan", "plan.csv", "--lrs", self.lrs.xapi, "--lrs-user", READER, "-o", "report.csv",
                        "--today", "2025-03-04", env={"CURRICULUM_LRS_PASSWORD": READER_PASSWORD})
        assert done.returncode == 0, done.stderr
        self.summary = rows(self.project / "report-summary.csv")
        return {(r["email"], r["module_id"]): (r["status"], r["score"])
                for r in rows(self.project / "report.csv")}

    def stored(self, email: str | None = None) -> list:
        """Every statement in the LRS (as the reader sees them), or those whose authority is this person."""
        found = self.lrs.statements(READER, READER_PASSWORD)
        return [s for s in found if email is None or xapi.authority_email(s) == email]

    def close(self):
        self.server.shutdown()
        self.lrs.stop()


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    if not lrs_script().installed():
        missing(f"Ralph and BriskDB are not installed for the LRS tests: run `{lrs_script().SETUP_COMMAND}`")
    t = Tracked(tmp_path_factory.mktemp("xapi"))
    t.lrs.start()
    yield t
    t.close()


@pytest.fixture
def learner(page, tracked):
    """The page; requests to the LRS that fail while a test has it stopped or refusing are expected there (and
    logged by Chromium as console errors), so they are kept apart in page.lrs_errors."""
    page.lrs_errors = []
    page.on("console", lambda m: page.lrs_errors.append(m.text)
            if m.type == "error" and m.location.get("url", "").startswith(tracked.lrs.url) else None)
    yield page
    for text in page.lrs_errors:  # only those: any other console error still fails the test
        if text in page.console_errors:
            page.console_errors.remove(text)


def store(page) -> dict | None:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')") or "null")


def drained(page) -> dict:
    """Wait until the page has delivered its whole queue; the store then."""
    page.wait_for_function(f"() => {{ const s = JSON.parse(localStorage.getItem('{KEY}')); return s && !s.queue.length; }}",
                           timeout=30000)
    return store(page)


def verbs(statements) -> Counter:
    """verb name and what it is about: ("passed", "frontline/basics"), ("answered", "frontline/basics#q..."), ..."""
    out = Counter()
    for s in statements:
        activity = s["object"]["id"].split("/paths/", 1)[1].rstrip("/").replace("/#", "#")
        out[(xapi.VERB_NAMES[s["verb"]["id"]], activity)] += 1
    return out


def answer_basics(page, right: bool = True):
    first, second = page.locator(".cq-quiz").nth(0), page.locator(".cq-quiz").nth(1)
    expect(first.get_by_role("button", name="Check")).to_be_visible()
    first.get_by_label("Everyone" if right else "Only the front line", exact=True).check()
    first.get_by_role("button", name="Check").click()
    second.get_by_label("Your answer").fill("helping" if right else "shouting")
    second.get_by_role("button", name="Check").click()
    expect(page.locator("[data-cq-score]")).to_contain_text("Your score")


def answer_process(page, right: bool):
    quiz = page.locator(".cq-quiz")
    expect(quiz.get_by_role("button", name="Check")).to_be_visible()
    quiz.get_by_label("Listen").check()
    (quiz.get_by_label("Help") if right else quiz.get_by_label("Argue")).check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".cq-quiz__result")).to_contain_text("Correct" if right else "Not quite")


def module_url(path: str) -> re.Pattern:
    return re.compile(re.escape(path) + r"$")


# -- the whole journey -------------------------------------------------------------------------------------------


@BROWSER
def test_a_personal_link_signs_in_and_hr_sees_passed_failed_completed_and_the_path(learner, tracked):
    page, site, link = learner, tracked.site, tracked.links["ana@example.com"]
    assert link.startswith(tracked.base + "paths/frontline/#lrs=")
    page.goto(link)
    expect(page.locator("[data-cq-progress]")).to_be_visible()
    # Signed in once: the fragment is gone from the address bar (no reload: the same document), the account kept.
    page.wait_for_function("() => !location.hash")
    assert page.url == tracked.base + "paths/frontline/"
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    kept = store(page)
    assert kept["user"] == "ana@example.com" and list(kept["creds"]) == ["ana@example.com"]
    expect(page.locator(".cq-privacy")).to_contain_text("also sent to your organisation")

    site.go(page, page.locator("[data-cq-continue]").click, module_url("/paths/frontline/basics/"))
    answer_basics(page, right=True)
    expect(page.locator("[data-cq-score]")).to_contain_text("Passed")
    site.go(page, page.locator("a.md-footer__link--next").click, module_url("/paths/frontline/process/"))
    answer_process(page, right=False)
    site.go(page, page.locator(".cq-position a").click, module_url("/paths/frontline/"))
    site.go(page, page.locator('.cq-step[data-cq-module="extras"] a').click, module_url("/paths/frontline/extras/"))
    page.locator("[data-cq-complete]").click()
    expect(page.locator("[data-cq-complete]")).to_have_attribute("aria-pressed", "true")
    assert "rejected" not in drained(page), "Ralph refused a statement (400)"

    report = tracked.report()
    assert report[("ana@example.com", "basics")] == ("passed", "100")
    assert report[("ana@example.com", "process")] == ("failed", "0")
    assert report[("ana@example.com", "extras")] == ("completed", "")

    # Try again on the process module, pass it: the path is complete.
    site.go(page, page.locator(".cq-position a").click, module_url("/paths/frontline/"))
    site.go(page, page.locator('.cq-step[data-cq-module="process"] a').click, module_url("/paths/frontline/process/"))
    page.locator(".cq-quiz [data-cq-retry]").click()
    answer_process(page, right=True)
    assert "rejected" not in drained(page)
    report = tracked.report()
    assert report[("ana@example.com", "process")] == ("passed", "100")
    north = next(r for r in tracked.summary if (r["group_by"], r["group"]) == ("team", "North"))
    assert north["path_completed"] == "1"

    mine = tracked.stored("ana@example.com")
    assert Counter(s["id"] for s in mine).most_common(1)[0][1] == 1, "a statement stored twice"
    assert all(s["actor"] == {"objectType": "Agent", "mbox": "mailto:ana@example.com"} for s in mine)
    q1, q2 = "frontline/basics#who-serves-customers", "frontline/basics#which-step-comes-right-after-listening"
    assert verbs(mine) == Counter({
        ("launched", "frontline/basics"): 1, ("answered", q1): 1, ("answered", q2): 1, ("passed", "frontline/basics"): 1,
        ("launched", "frontline/process"): 2, ("answered", "frontline/process#which-are-steps-of-the-process"): 2,
        ("failed", "frontline/process"): 1, ("passed", "frontline/process"): 1,
        ("launched", "frontline/extras"): 1, ("completed", "frontline/extras"): 1,
        ("completed", "frontline"): 1})
    by = {(xapi.VERB_NAMES[s["verb"]["id"]], s["object"]["id"]): s for s in mine}
    passed = by[("passed", xapi.module_activity(tracked.base, "frontline", "basics"))]
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 2, "min": 0, "max": 2}
    assert passed["result"]["success"] is True and passed["result"]["completion"] is True
    assert re.fullmatch(r"PT\d+H\d+M\d+S", passed["result"]["duration"])
    assert passed["object"]["definition"]["type"] == xapi.ACTIVITY_TYPES["module"]
    assert passed["context"]["contextActivities"]["parent"][0]["id"] == xapi.path_activity(tracked.base, "frontline")
    failed = by[("failed", xapi.module_activity(tracked.base, "frontline", "process"))]
    assert failed["result"]["score"] == {"scaled": 0, "raw": 0, "min": 0, "max": 1} and failed["result"]["success"] is False
    # A choice question sends the choices; a typed answer is never sent, nor notes or a certificate name.
    typed = by[("answered", xapi.question_activity(tracked.base, "frontline", "basics", q2.split("#")[1]))]
    assert typed["result"] == {"success": True}
    assert typed["context"]["contextActivities"]["grouping"][0]["id"] == xapi.path_activity(tracked.base, "frontline")
    assert by[("answered", xapi.question_activity(tracked.base, "frontline", "basics", q1.split("#")[1]))]["result"] \
        == {"success": True, "response": "1"}
    assert "helping" not in json.dumps(mine)


# -- the LRS goes down while the learner works -------------------------------------------------------------------


@BROWSER
def test_statements_made_while_the_lrs_is_down_arrive_once_when_it_is_back(learner, tracked):
    page, site = learner, tracked.site
    page.goto(tracked.links["cy@example.com"])
    page.wait_for_function("() => !location.hash")
    site.go(page, page.locator("[data-cq-continue]").click, module_url("/paths/frontline/basics/"))
    drained(page)  # launched basics: delivered
    tracked.lrs.stop()
    try:
        answer_basics(page, right=True)
        site.go(page, page.locator("a.md-footer__link--next").click, module_url("/paths/frontline/process/"))
        answer_process(page, right=True)
        page.reload()  # a full page load while the LRS is down: the queue survives it
        expect(page.locator(".cq-quiz .cq-quiz__result")).to_contain_text("Correct")
        queued = store(page)["queue"]
        # 2 answers, passed basics, launched process, answer, passed, path completed, launched process again
        assert [q["s"]["verb"]["display"]["en-US"] for q in queued] == [
            "answered", "answered", "passed", "launched", "answered", "passed", "completed", "launched"]
        expect(page.locator(".cq-xapi-note")).to_have_count(0)  # down is not refused: nothing to tell the learner
    finally:
        tracked.lrs.start()
    before = {s["id"] for s in tracked.stored("cy@example.com")}
    # A statement already delivered, whose answer the page never saw (the tab closed): it is queued again.
    delivered = next(iter(before))
    again = next(s for s in tracked.stored("cy@example.com") if s["id"] == delivered)
    again = {k: v for k, v in again.items() if k not in ("authority", "stored", "version")}
    page.evaluate("""([key, st]) => { const s = JSON.parse(localStorage.getItem(key));
        s.queue.push({u: s.user, s: st}); localStorage.setItem(key, JSON.stringify(s)); }""", [KEY, again])
    site.go(page, page.locator(".cq-position a").click, module_url("/paths/frontline/"))  # a later page sends
    assert "rejected" not in drained(page)
    mine = tracked.stored("cy@example.com")
    ids = Counter(s["id"] for s in mine)
    assert set(ids) == before | {q["s"]["id"] for q in queued}
    assert max(ids.values()) == 1, "a statement stored twice"
    assert tracked.report()[("cy@example.com", "process")] == ("passed", "100")


# -- a learner who writes someone else's name in the statements -------------------------------------------------


@BROWSER
def test_a_learner_who_writes_another_persons_actor_is_reported_as_themself(learner, tracked):
    page = learner
    page.goto(tracked.links["di@example.com"].replace("/#", "/basics/#"))  # a link to a module signs in too
    page.wait_for_function("() => !location.hash")
    # Di edits the stored account so that the page writes Bo as the actor, with Di's own credential.
    page.evaluate("""key => { const s = JSON.parse(localStorage.getItem(key));
        s.creds["bo@example.com"] = s.creds[s.user]; s.user = "bo@example.com"; localStorage.setItem(key, JSON.stringify(s)); }""",
                  KEY)
    page.reload()
    answer_basics(page, right=True)
    assert "rejected" not in drained(page)
    passed = [s for s in tracked.stored() if s["verb"]["id"] == xapi.VERBS["passed"]
              and s["object"]["id"] == xapi.module_activity(tracked.base, "managers", "basics")]
    assert passed and all(s["actor"]["mbox"] == "mailto:bo@example.com" for s in passed)
    assert {xapi.authority_email(s) for s in passed} == {"di@example.com"}
    report = tracked.report()
    assert report[("di@example.com", "basics")] == ("passed", "100")
    assert report[("bo@example.com", "basics")] == ("not started", "")


# -- a wrong credential ------------------------------------------------------------------------------------------


@BROWSER
def test_a_refused_link_tells_the_learner_once_keeps_the_statements_and_the_course_working(learner, tracked):
    page, site = learner, tracked.site
    good = tracked.links["ed@example.com"]
    username, _ = xapi.read_fragment(good)
    wrong = xapi.personal_link(good, username, "not-the-secret-at-all")
    page.goto(wrong.replace("/#", "/basics/#"))
    page.wait_for_function("() => !location.hash")
    note = page.locator(".cq-xapi-note")
    expect(note).to_have_count(1)  # launched was refused at once
    expect(note).to_contain_text("Your personal link was not accepted")
    answer_basics(page, right=True)  # the course keeps working
    expect(page.locator("[data-cq-score]")).to_contain_text("Passed")
    site.go(page, page.locator("a.md-footer__link--next").click, module_url("/paths/frontline/process/"))
    expect(note).to_have_count(1)  # told again on the next page, once
    kept = store(page)
    assert kept["refused"] is True and len(kept["queue"]) >= 5  # launched, 2 answers, passed, launched
    assert not tracked.stored("ed@example.com")
    # The right link later: everything kept is delivered under the right account, the line goes away.
    page.goto(good.replace("/#", "/process/#"))
    page.wait_for_function("() => !location.hash")
    assert "rejected" not in drained(page)
    expect(note).to_have_count(0)
    assert {s["id"] for s in tracked.stored("ed@example.com")} >= {q["s"]["id"] for q in kept["queue"]}
    assert tracked.report()[("ed@example.com", "basics")] == ("passed", "100")


# -- no credential anywhere in the built site; nothing without a link ---------------------------------------------


@BROWSER
def test_the_built_site_holds_no_credential_and_nothing_is_sent_without_a_link(learner, tracked):
    secrets = []
    for link in tracked.links.values():
        username, secret = xapi.read_fragment(link)
        secrets += [secret.encode(), link.split("#lrs=")[1].encode(),
                    base64.b64encode(f"{username}:{secret}".encode())]
    secrets.append(READER_PASSWORD.encode())
    hashes = [a["hash"].encode() for a in json.loads(tracked.auth.read_text())]
    files = [p for p in tracked.site_dir.rglob("*") if p.is_file()]
    assert any(p.name == assets_build.xapi_js().name for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets + hashes:
            assert secret not in data, f"{path} holds a credential"
        if path.suffix == ".gz":
            data = gzip.decompress(data)
            assert not any(secret in data for secret in secrets + hashes), path

    page = learner
    requests = []
    page.on("request", lambda r: requests.append(r.url) if r.url.startswith(tracked.lrs.url) else None)
    page.goto(tracked.base + "paths/frontline/basics/")
    answer_basics(page, right=True)
    page.wait_for_timeout(500)
    assert store(page) is None and not requests


# -- off by default, off in an LMS, validated, small --------------------------------------------------------------


def test_without_tracking_the_site_has_no_tracking_code(site_of):
    site = site_of("basic")
    assert not list((site / "assets" / "curriculum").glob("curriculum-xapi*"))
    assert "cq-xapi-data" not in (site / "paths" / "frontline" / "basics" / "index.html").read_text()


def test_the_tracking_settings_are_the_same_small_element_on_every_page(tracked):
    """Material keeps <body> across pages, so the settings ride on every page: they must not grow with the
    course (no module or role ids: the curriculum script judges whether a path is complete)."""
    found = set()
    for page in tracked.site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found.update(re.findall(r'<div hidden id="cq-xapi-data"[^>]*>', text))
    assert len(found) == 1, found
    (element,) = found
    assert tracked.lrs.xapi in unescape(element) and len(element) < 1500, element
    assert not any(word in element for word in ("basics", "process", "frontline", "managers")), element


@BROWSER
def test_tracking_is_off_in_a_scorm_package(tracked, tmp_path):
    done = tracked.cli("export", "scorm", "--role", "managers", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    import zipfile

    with zipfile.ZipFile(tmp_path / "managers-scorm12.zip") as package:
        names = package.namelist()
        assert not [n for n in names if "xapi" in n]
        for name in names:
            if name.endswith(".html"):
                page = package.read(name).decode("utf-8")
                assert "cq-xapi-data" not in page and tracked.lrs.url not in page, name


@pytest.mark.parametrize("value, message", [
    ("lrs.example.com/xAPI/", "is not an absolute http(s) URL"),
    ("ftp://lrs.example.com/xAPI/", "is not an absolute http(s) URL"),
    ("https://hr:secret@lrs.example.com/xAPI/", "must not carry a user name or password"),
    ("https://lrs.example.com/xAPI/?key=1", "has no query"),
    (42, "expected the address of an xAPI endpoint"),
])
def test_the_endpoint_must_be_an_absolute_http_url_without_a_credential(tmp_path, value, message):
    project = project_copy("basic", tmp_path / "p")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"] = ["search", {"curriculum": {"tracking": {"xapi": value}}}]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "tracking" in result.stdout and message in result.stdout, result.stdout


def test_the_tracking_code_is_at_most_3_kb_gzipped():
    size = len(gzip.compress(assets_build.xapi_js().text.encode(), 9))  # as served: minified
    assert size <= 3072, f"{assets_build.xapi_js().name} is {size} bytes gzipped"
