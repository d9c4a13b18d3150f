"""HR's side of xAPI against a real LRS (Ralph on BriskDB, started by scripts/lrs.py): the accounts `assign
--lrs-auth` writes, statements attributed by authority, and `curriculum report`. No mocks: every statement
here is posted to Ralph, which validates it (xAPI 1.0.3) and sets its authority from the account."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import copy_fixture
from conftest import run_cli as cli
from lrs_fixtures import CURRICULUM, DIRECT, ORIGIN, READER, READER_PASSWORD, SCRIPT, lrs_server  # noqa: F401  (lrs_server is a fixture)
from mkdocs_curriculum import xapi
from mkdocs_curriculum.cli.lrs_auth import add_account
from mkdocs_curriculum.cli.report import read_statements

SITE = "http://127.0.0.1:8000/"  # the fixture's site_url
ROSTER = """\
name,email,role,team,manager
Ana Lima,ana@example.com,Frontline staff,North,Mia
Bo Berg,bo@example.com,managers,South,Mia
Cy Chen,cy@example.com,FRONTLINE,North,Max
Di Diaz,di@example.com,Middle managers,South,Max
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = copy_fixture("basic", tmp_path)
    (root / "curriculum.yml").write_text(CURRICULUM)
    (root / "staff.csv").write_text(ROSTER)
    monkeypatch.chdir(root)
    return root


def assign(capsys, *extra, roster="staff.csv"):
    code, _out, err = cli(capsys, "assign", roster, "--start", "2025-03-03", "-o", "plan.csv", "--people", "people.csv",
                         "--lrs-auth", "auth.json", *extra)
    assert code == 0, err
    return {row["email"]: xapi.read_fragment(row["path_link"]) for row in csv.DictReader(open("people.csv"))}


def with_reader(auth: Path = Path("auth.json")) -> Path:
    add_account(auth, READER, READER_PASSWORD, ["all/read"])
    return auth


def module(role: str, mod: str) -> str:
    return xapi.module_activity(SITE, role, mod)


def report(capsys, monkeypatch, lrs, *extra):
    monkeypatch.setenv("CURRICULUM_LRS_PASSWORD", READER_PASSWORD)
    return cli(capsys, "report", "--plan", "plan.csv", "--lrs", lrs.xapi, "--lrs-user", READER, *extra)


def statuses(path: str) -> dict:
    return {(r["email"], r["module_id"]): (r["status"], r["score"], r["overdue"]) for r in csv.DictReader(open(path))}


def test_assign_accounts_authenticate_and_the_lrs_sets_the_person_as_authority(project, capsys, lrs_server):
    links = assign(capsys)
    auth = with_reader()
    lrs = lrs_server(auth)
    for email, (username, secret) in links.items():
        status, body = lrs.post(username, secret, xapi.statement(
            "launched", module("frontline", "basics"), xapi.agent(username), name="Basics"))
        assert status == 200, (email, body)
    assert lrs.post("ana@example.com", "not-the-secret", xapi.statement(
        "launched", module("frontline", "basics"), xapi.agent("ana@example.com")))[0] == 401
    stored = lrs.statements(READER, READER_PASSWORD)
    assert sorted(s["authority"]["mbox"] for s in stored) == [f"mailto:{e}" for e in sorted(links)]
    assert {s["authority"]["name"] for s in stored} == {"Ana Lima", "Bo Berg", "Cy Chen", "Di Diaz"}
    # statements/read/mine: a learner reads their own statements only; the reader may not write.
    username, secret = links["bo@example.com"]
    assert [s["authority"]["mbox"] for s in lrs.statements(username, secret)] == ["mailto:bo@example.com"]
    assert lrs.post(READER, READER_PASSWORD, xapi.statement(
        "launched", module("frontline", "basics"), xapi.agent("x@example.com")))[0] == 401


def test_a_learner_who_writes_another_persons_actor_is_reported_as_themself(project, capsys, monkeypatch, lrs_server):
    links = assign(capsys)
    lrs = lrs_server(with_reader())
    ana, bo = links["ana@example.com"], links["bo@example.com"]
    assert lrs.post(*ana, xapi.statement("passed", module("frontline", "basics"), xapi.agent("bo@example.com", "Bo Berg"),
                                         result={"score": {"scaled": 0.9}, "success": True, "completion": True}))[0] == 200
    assert lrs.post(*bo, xapi.statement("failed", module("managers", "process"), xapi.agent("ana@example.com"),
                                        result={"score": {"scaled": 0.2}, "success": False, "completion": True}))[0] == 200
    code, _, err = report(capsys, monkeypatch, lrs, "-o", "report.csv")
    assert code == 0, err
    rows = statuses("report.csv")
    assert rows[("ana@example.com", "basics")] == ("passed", "90", "no")
    assert rows[("bo@example.com", "basics")][0] == "not started"
    assert rows[("bo@example.com", "process")][:2] == ("failed", "20")
    assert rows[("ana@example.com", "process")][0] == "not started"


def post_the_scenario(lrs, links) -> None:
    """Ana passes basics and fails process; Bo completes basics (no quiz there for the test's sake), passes process
    and completes his path; Cy does nothing; Di opens basics and answers a question of process."""
    ana, bo, di = links["ana@example.com"], links["bo@example.com"], links["di@example.com"]
    day = datetime(2025, 3, 5, 9, 30, tzinfo=timezone.utc)
    posts = [
        (ana, xapi.statement("launched", module("frontline", "basics"), xapi.agent(ana[0]), timestamp=day)),
        (ana, xapi.statement("failed", module("frontline", "basics"), xapi.agent(ana[0]), timestamp=day,
                             result={"score": {"scaled": 0.5, "raw": 1, "min": 0, "max": 2}, "success": False})),
        (ana, xapi.statement("passed", module("frontline", "basics"), xapi.agent(ana[0]), timestamp=day + timedelta(days=1),
                             result={"score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}, "success": True,
                                     "completion": True, "duration": "PT4M10S"},
                             parents=(xapi.path_activity(SITE, "frontline"),))),
        (ana, xapi.statement("failed", module("frontline", "process"), xapi.agent(ana[0]), timestamp=day + timedelta(days=2),
                             result={"score": {"scaled": 0.4}, "success": False, "completion": True})),
        (bo, xapi.statement("completed", module("managers", "basics"), xapi.agent(bo[0]), timestamp=day,
                            result={"completion": True})),
        (bo, xapi.statement("passed", module("managers", "process"), xapi.agent(bo[0]), timestamp=day,
                            result={"score": {"scaled": 1.0}, "success": True, "completion": True})),
        (bo, xapi.statement("completed", xapi.path_activity(SITE, "managers"), xapi.agent(bo[0]), kind="path",
                            timestamp=day, result={"completion": True})),
        (di, xapi.statement("launched", module("managers", "basics"), xapi.agent(di[0]), timestamp=day)),
        (di, xapi.statement("answered", xapi.question_activity(SITE, "managers", "process", "q1"), xapi.agent(di[0]),
                            kind="question", timestamp=day, result={"success": False, "response": "a"},
                            parents=(module("managers", "process"),), grouping=(xapi.path_activity(SITE, "managers"),))),
        # Another site's module, in the same LRS: not this report's business.
        (di, xapi.statement("passed", "https://elsewhere.example.com/paths/managers/process/", xapi.agent(di[0]),
                            timestamp=day, result={"score": {"scaled": 1.0}})),
    ]
    for (username, secret), statement in posts:
        assert lrs.post(username, secret, statement)[0] == 200, statement


EXPECTED = {
    ("ana@example.com", "basics"): ("passed", "90", "no"),
    ("ana@example.com", "process"): ("failed", "40", "yes"),
    ("ana@example.com", "extras"): ("not started", "", "no"),  # optional: never overdue
    ("bo@example.com", "basics"): ("completed", "", "no"),
    ("bo@example.com", "process"): ("passed", "100", "no"),
    ("cy@example.com", "basics"): ("not started", "", "yes"),
    ("cy@example.com", "process"): ("not started", "", "yes"),
    ("cy@example.com", "extras"): ("not started", "", "no"),
    ("di@example.com", "basics"): ("in progress", "", "yes"),
    ("di@example.com", "process"): ("in progress", "", "yes"),
}
SUMMARY = [  # group_by, group, people, path_completed, in_progress, not_started, overdue_people, required, done, %
    ["all", "everyone", "4", "1", "2", "1", "3", "8", "3", "38"],
    ["role", "frontline", "2", "0", "1", "1", "2", "4", "1", "25"],
    ["role", "managers", "2", "1", "1", "0", "1", "4", "2", "50"],
    ["team", "North", "2", "0", "1", "1", "2", "4", "1", "25"],
    ["team", "South", "2", "1", "1", "0", "1", "4", "2", "50"],
    ["manager", "Max", "2", "0", "1", "1", "2", "4", "0", "0"],
    ["manager", "Mia", "2", "1", "1", "0", "1", "4", "3", "75"],
]


def test_report_shows_every_status_and_the_group_summaries(project, capsys, monkeypatch, lrs_server):
    links = assign(capsys)
    lrs = lrs_server(with_reader())
    post_the_scenario(lrs, links)

    code, out, err = report(capsys, monkeypatch, lrs, "-o", "report.csv", "--today", "2025-04-01")
    assert (code, out) == (0, ""), err
    assert err == ("Read 10 statements from the LRS; wrote report.csv and report-summary.csv: 4 people, "
                   "1 finished, 3 with overdue modules.\n")
    with open("report.csv") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["name", "email", "role", "team", "manager", "module_id", "module_title", "requirement",
                             "status", "score", "date", "due_date", "overdue"]
    assert statuses("report.csv") == EXPECTED
    ana_basics = next(r for r in rows if (r["email"], r["module_id"]) == ("ana@example.com", "basics"))
    assert (ana_basics["date"], ana_basics["due_date"]) == ("2025-03-06", "2025-03-10")
    with open("report-summary.csv") as f:
        summary = list(csv.reader(f))
    assert summary[0] == ["group_by", "group", "people", "path_completed", "in_progress", "not_started",
                          "overdue_people", "required_modules", "required_done", "percent_done"]
    assert summary[1:] == SUMMARY

    code, _, err = report(capsys, monkeypatch, lrs, "-o", "report.html", "--today", "2025-04-01")
    assert code == 0, err
    page = Path("report.html").read_text()
    for tag in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import"):
        assert tag not in page, f"the report must not load anything ({tag})"
    assert "@media print" in page
    # The chart: one bar per group, its width the share of required modules done, its value in words too.
    bars = re.findall(r'<li><span>([^<]+)</span><span class="track"[^>]*><span class="fill" style="width: (\d+)%">', page)
    assert bars == [("Frontline staff", "25"), ("Middle managers", "50"), ("North", "25"), ("South", "50"),
                    ("Max", "0"), ("Mia", "75")]
    assert "75% of required modules done; 1 of 2 finished" in page
    cells = re.findall(r'<tr><td>([^<]+)</td><td>([^<]+)</td><td>(?:required|optional)</td><td class="s-[a-z-]+">'
                       r'([^<]+)</td><td class="n">([^<]*)</td>', page)
    assert len(cells) == len(EXPECTED)
    assert ("Ana Lima", "Basics", "passed", "90%") in cells and ("Di Diaz", "The process", "in progress", "") in cells
    assert ("Bo Berg", "Basics", "completed", "") in cells and ("Ana Lima", "The process", "failed", "40%") in cells
    assert page.count('<td class="late">overdue</td>') == sum(v[2] == "yes" for v in EXPECTED.values())


def test_report_with_a_wrong_password_is_one_line(project, capsys, monkeypatch, lrs_server):
    assign(capsys)
    lrs = lrs_server(with_reader())
    monkeypatch.setenv("CURRICULUM_LRS_PASSWORD", "not-the-password")
    code, out, err = cli(capsys, "report", "--plan", "plan.csv", "--lrs", lrs.xapi, "--lrs-user", READER, "-o", "r.csv")
    assert (code, out) == (1, "")
    assert err == (f"error: the LRS at {lrs.xapi} refused the account 'hr' (401: Invalid authentication credentials): "
                   "check --lrs-user and CURRICULUM_LRS_PASSWORD, and that the account may read every statement "
                   "(all/read).\n")
    assert not Path("r.csv").exists()


def test_report_reads_every_statement_across_pages(project, capsys, lrs_server):
    """Ralph 5.1 on MongoDB can skip statements of the same second at a page boundary when following `more`
    (see read_statements); the report must still see every one. Pages of 5 here, 40 statements in one second,
    timestamps written both ways browsers and servers write them."""
    links = assign(capsys)
    lrs = lrs_server(with_reader(), env={"RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "5"})
    second = datetime(2025, 3, 5, 9, 30, 0, tzinfo=timezone.utc)
    ids = []
    for i in range(40):
        email = sorted(links)[i % 4]
        moment = second + timedelta(milliseconds=(i * 397) % 1000)  # in one second, not in the order posted
        stmt = xapi.statement("launched", module("frontline", "basics"), xapi.agent(email), timestamp=moment,
                              statement_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"page-test-{i}")))
        if i % 2:
            stmt["timestamp"] = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        ids.append(stmt["id"])
        assert lrs.post(*links[email], stmt)[0] == 200
    found = read_statements(lrs.xapi, READER, READER_PASSWORD)
    assert sorted(s["id"] for s in found) == sorted(ids)


def test_the_script_serves_cors_restarts_ralph_when_accounts_change_and_keeps_records(project, capsys, lrs_server):
    (project / "staff.csv").write_text(ROSTER.splitlines()[0] + "\n" + ROSTER.splitlines()[1] + "\n")
    links = assign(capsys)
    auth = project / "auth.json"
    result = subprocess.run([sys.executable, str(SCRIPT), "--auth", str(auth), "--add-reader", READER],
                            env={**os.environ, "CURRICULUM_LRS_PASSWORD": READER_PASSWORD},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lrs = lrs_server(auth, cors=[ORIGIN])
    ana = links["ana@example.com"]
    first = xapi.statement("launched", module("frontline", "basics"), xapi.agent(ana[0]))
    assert lrs.post(*ana, first)[0] == 200

    # A browser on the site's origin may call the LRS (preflight), another origin may not.
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version"}
    def options(headers):
        request = urllib.request.Request(lrs.xapi + "statements", method="OPTIONS", headers=headers)
        try:
            with DIRECT.open(request, timeout=10) as response:
                return response.status, response.headers.get("access-control-allow-origin")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("access-control-allow-origin")

    assert options(preflight) == (200, ORIGIN)
    assert options({**preflight, "Origin": "https://evil.example.com"})[1] is None

    # Bo joins: the next assign keeps Ana's link, adds Bo, and the running LRS takes the new file by itself.
    (project / "staff.csv").write_text(ROSTER)
    again = assign(capsys)
    assert again["ana@example.com"] == ana
    lrs.wait_for_account(*again["bo@example.com"])
    assert lrs.post(*again["bo@example.com"], xapi.statement(
        "launched", module("managers", "basics"), xapi.agent("bo@example.com")))[0] == 200
    assert lrs.post(*ana, xapi.statement("launched", module("frontline", "process"), xapi.agent(ana[0])))[0] == 200

    # --rotate: the old link stops working once the LRS has restarted, the new one works.
    rotated = assign(capsys, "--rotate")
    assert rotated["ana@example.com"] != ana
    lrs.wait_for_account(*rotated["ana@example.com"])
    assert lrs.post(*ana, xapi.statement("launched", module("frontline", "extras"), xapi.agent(ana[0])))[0] == 401
    assert lrs.post(*rotated["ana@example.com"], xapi.statement(
        "launched", module("frontline", "extras"), xapi.agent(ana[0])))[0] == 200

    # Stopped and started again: the records are still there.
    lrs.stop()
    lrs.start()
    assert first["id"] in {s["id"] for s in lrs.statements(READER, READER_PASSWORD)}


def test_forget_deletes_a_persons_records_and_account(project, capsys, lrs_server):
    links = assign(capsys)
    lrs = lrs_server(with_reader())
    ana, bo = links["ana@example.com"], links["bo@example.com"]
    assert lrs.post(*ana, xapi.statement("launched", module("frontline", "basics"), xapi.agent(ana[0])))[0] == 200
    assert lrs.post(*bo, xapi.statement("launched", module("managers", "basics"), xapi.agent("ana@example.com")))[0] == 200
    kept = xapi.statement("launched", module("managers", "process"), xapi.agent(bo[0]))
    assert lrs.post(*bo, kept)[0] == 200

    result = subprocess.run([sys.executable, str(SCRIPT), "--data", str(lrs.data), "--auth", "auth.json",
                             "--forget", "Ana@Example.com"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "Ana@Example.com: 2 statements deleted.",
        "auth.json: 1 account(s) removed (the running LRS restarts without them)."]
    assert [s["id"] for s in lrs.statements(READER, READER_PASSWORD)] == [kept["id"]]
    lrs.wait_for_account(*ana, status=401)  # restarted with the new auth file: Ana's account is gone
    assert lrs.request("GET", "statements?limit=1", *bo)[0] == 200
