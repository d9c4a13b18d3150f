"""HR's commands without an LRS: assign's roles, dates, people file, LRS accounts and calendars; the personal
link's format and the xAPI vocabulary (mkdocs_curriculum.xapi); report's errors. test_lrs.py runs the rest
against a real LRS."""

from __future__ import annotations

import base64
import csv
import json
import socket
import stat
from datetime import datetime, timezone
from pathlib import Path

import bcrypt
import pytest

from conftest import copy_fixture
from conftest import run_cli as run
from mkdocs_curriculum import xapi
from mkdocs_curriculum.cli.lrs_auth import LEARNER_COST, add_account

ROSTER = "name,email,role,team\nAna Lima,Ana@Example.com,Frontline staff,North\nBo Berg,bo@example.com,MIDDLE  managers,South\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = copy_fixture("basic", tmp_path)
    monkeypatch.chdir(root)
    return root


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assign(capsys, *extra, roster="staff.csv", start="2025-03-03"):
    return run(capsys, "assign", roster, "--start", start, *extra)


def rows(path) -> list:
    return list(csv.DictReader(open(path, encoding="utf-8")))


def files(folder: Path) -> list:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


# -- roles and dates ----------------------------------------------------------------------------


def test_a_role_is_its_id_or_its_title_in_any_case(project, capsys):
    write(project / "staff.csv", ROSTER + "Cy,cy@example.com,FRONTLINE,North\n")
    code, out, err = assign(capsys)
    assert (code, err) == (0, "")
    assert [(r["name"], r["role"]) for r in rows_of(out) if r["module_id"] == "basics"] == [
        ("Ana Lima", "frontline"), ("Bo Berg", "managers"), ("Cy", "frontline")]


def rows_of(text: str) -> list:
    return list(csv.DictReader(text.splitlines()))


def test_two_roles_with_one_title_need_the_id(project, capsys):
    cur = project / "curriculum.yml"
    cur.write_text(cur.read_text().replace("title: Middle managers", "title: Frontline staff"))
    write(project / "staff.csv", "name,email,role\nAna,ana@example.com,frontline staff\nBo,bo@example.com,Managers\n")
    code, out, err = assign(capsys)
    assert (code, out) == (1, "")
    assert ("error: staff.csv:2: the role 'frontline staff' is the title of frontline, managers: write the role's id "
            "instead.\n") in err
    assert ":3:" not in err


def test_an_ambiguous_date_names_the_option_to_add(project, capsys):
    write(project / "staff.csv", "name,email,role,start\nAna,ana@example.com,frontline,03/03/2025\n"
                                 "Bo,bo@example.com,frontline,25/03/2025\nCy,cy@example.com,frontline,2025-03-10\n")
    code, out, err = assign(capsys, "-o", "plan.csv")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "error: staff.csv:2: the start date '03/03/2025' could be day/month or month/day: write it as YYYY-MM-DD, or "
        "say how the roster writes dates with `--date-format %d/%m/%Y` (day first) or `--date-format %m/%d/%Y` "
        "(month first).",
        "error: staff.csv:3: the start date '25/03/2025' is not written YYYY-MM-DD: add `--date-format %d/%m/%Y` "
        "(day first) to read the roster's dates.",
        "error: staff.csv: 2 problems, listed above; nothing was written."]
    assert not (project / "plan.csv").exists()

    code, _, err = assign(capsys, "-o", "plan.csv", "--date-format", "%d/%m/%Y")
    assert code == 0, err
    due = {r["name"]: r["due_date"] for r in rows("plan.csv") if r["module_id"] == "extras"}
    assert due == {"Ana": "2025-04-02", "Bo": "2025-04-24", "Cy": "2025-04-09"}  # start + 30 days; ISO still read

    write(project / "staff.csv", "name,email,role,start\nAna,ana@example.com,frontline,03/04/2025\n")
    assert assign(capsys, "-o", "plan.csv", "--date-format", "%m/%d/%Y")[0] == 0
    assert [r["due_date"] for r in rows("plan.csv") if r["module_id"] == "extras"] == ["2025-04-03"]


def test_a_date_that_does_not_fit_the_format(project, capsys):
    write(project / "staff.csv", "name,email,role,start\nAna,ana@example.com,frontline,2025.03.03\nBo,bo@example.com,frontline,soon\n")
    code, _, err = assign(capsys, "--date-format", "%d/%m/%Y")
    assert code == 1
    assert "staff.csv:2: the start date '2025.03.03' does not match --date-format %d/%m/%Y (nor YYYY-MM-DD)." in err
    code, _, err = assign(capsys)
    assert ("staff.csv:3: the start date 'soon' is not a date; write it as YYYY-MM-DD, or give the roster's format "
            "with --date-format (such as %d/%m/%Y).") in err


@pytest.mark.parametrize("fmt", ["%d/%m", "nonsense", "%Y-%m"])
def test_a_date_format_without_day_month_and_year_is_refused(project, capsys, fmt):
    write(project / "staff.csv", ROSTER)
    code, out, err = assign(capsys, "--date-format", fmt)
    assert (code, out) == (2, "")
    assert f"argument --date-format: must give the day, month and year, such as %d/%m/%Y (got '{fmt}')" in err


def test_base_url_defaults_to_site_url(project, capsys):
    write(project / "staff.csv", ROSTER)
    code, out, _ = assign(capsys)
    assert code == 0 and rows_of(out)[0]["url"] == "http://127.0.0.1:8000/paths/frontline/basics/"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: http://127.0.0.1:8000/\n", ""))
    code, out, err = assign(capsys)
    assert (code, out) == (2, "")
    assert err == ("error: give --base-url URL (the published site's address): mkdocs.yml has no `site_url` to take it "
                   "from.\n")
    code, out, _ = assign(capsys, "--base-url", "https://academy.example.com")
    assert code == 0 and rows_of(out)[0]["url"] == "https://academy.example.com/paths/frontline/basics/"


# -- the people file ----------------------------------------------------------------------------


def test_people_has_one_row_per_person(project, capsys):
    cur = project / "curriculum.yml"
    cur.write_text(cur.read_text().replace("      - process\n", "      - module: process\n        due_days: 40\n", 1))
    write(project / "staff.csv", ROSTER)
    code, out, err = assign(capsys, "-o", "plan.csv", "--people", "people.csv")
    assert (code, out) == (0, "")
    assert err == "Wrote 5 assignments for 2 people to plan.csv; 2 people to people.csv.\n"
    people = rows("people.csv")
    assert people == [
        {"name": "Ana Lima", "email": "Ana@Example.com", "role": "frontline", "team": "North",
         "role_title": "Frontline staff", "path_link": "http://127.0.0.1:8000/paths/frontline/",
         "path_due_date": "2025-04-12", "required_minutes": "35"},  # the latest due date: process, +40 days
        {"name": "Bo Berg", "email": "bo@example.com", "role": "managers", "team": "South",
         "role_title": "Middle managers", "path_link": "http://127.0.0.1:8000/paths/managers/",
         "path_due_date": "", "required_minutes": "35"}]


def test_people_refuses_to_replace_a_file_it_did_not_write(project, capsys):
    write(project / "staff.csv", ROSTER)
    write(project / "people.csv", "id,salary\n1,100\n")
    code, _, err = assign(capsys, "-o", "plan.csv", "--people", "people.csv")
    assert code == 1
    assert "people.csv exists and is not a people file written by `curriculum assign`" in err
    assert (project / "people.csv").read_text() == "id,salary\n1,100\n" and not (project / "plan.csv").exists()


# -- LRS accounts -------------------------------------------------------------------------------


def lrs_assign(capsys, *extra, people="people.csv"):
    return assign(capsys, "-o", "plan.csv", "--people", people, "--lrs-auth", "auth.json", *extra)


def links_of(path="people.csv") -> dict:
    return {r["email"]: r["path_link"] for r in rows(path)}


def test_lrs_auth_writes_one_ralph_account_per_person_and_personal_links(project, capsys):
    write(project / "staff.csv", ROSTER)
    code, out, err = lrs_assign(capsys)
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "Wrote 5 assignments for 2 people to plan.csv; 2 people to people.csv; LRS accounts in auth.json: 2 new, "
        "0 kept, 0 replaced.",
        "people.csv holds each person's LRS secret in their path_link: send each person their own link, and keep the "
        "file as safe as a password."]
    accounts = json.loads((project / "auth.json").read_text())
    links = links_of()
    assert [a["username"] for a in accounts] == ["ana@example.com", "bo@example.com"]
    for account, (email, link) in zip(accounts, links.items(), strict=True):
        assert set(account) == {"agent", "scopes", "hash", "username"}
        assert account["agent"] == {"mbox": f"mailto:{email.lower()}", "objectType": "Agent",
                                    "name": "Ana Lima" if email.startswith("Ana") else "Bo Berg"}
        assert account["scopes"] == ["statements/write", "statements/read/mine"]
        url, fragment = link.split("#")
        assert url in ("http://127.0.0.1:8000/paths/frontline/", "http://127.0.0.1:8000/paths/managers/")
        username, secret = xapi.read_fragment(fragment)
        assert username == account["username"]
        assert len(base64.urlsafe_b64decode(secret + "==")) >= 16  # at least 128 random bits
        assert account["hash"].startswith(f"$2b$0{LEARNER_COST}$")
        assert bcrypt.checkpw(secret.encode(), account["hash"].encode())
        assert secret not in (project / "auth.json").read_text() and secret not in (project / "plan.csv").read_text()
    for name in ("auth.json", "people.csv"):  # credentials: owner only
        assert stat.S_IMODE((project / name).stat().st_mode) & 0o077 == 0
    assert "#" not in (project / "plan.csv").read_text()


def test_lrs_auth_keeps_credentials_and_rotate_replaces_them(project, capsys):
    write(project / "staff.csv", ROSTER)
    add_account(project / "auth.json", "hr", "a-long-password-1", ["all/read"])
    reader = json.loads((project / "auth.json").read_text())[0]
    assert lrs_assign(capsys)[0] == 0
    first, hashes = links_of(), [a["hash"] for a in json.loads((project / "auth.json").read_text())]

    write(project / "staff.csv", ROSTER.replace("Ana Lima", "Ana Lima-Souza") + "Cy,cy@example.com,frontline,North\n")
    code, _, err = lrs_assign(capsys)
    assert code == 0, err
    assert "LRS accounts in auth.json: 1 new, 2 kept, 0 replaced, 1 other account left as it was." in err
    again, accounts = links_of(), json.loads((project / "auth.json").read_text())
    assert again["Ana@Example.com"] == first["Ana@Example.com"] and again["bo@example.com"] == first["bo@example.com"]
    assert [a["hash"] for a in accounts[:3]] == hashes
    assert accounts[0] == reader and accounts[1]["agent"]["name"] == "Ana Lima-Souza"
    assert accounts[3]["username"] == "cy@example.com"

    code, _, err = lrs_assign(capsys, "--rotate")
    assert code == 0 and "0 new, 0 kept, 3 replaced, 1 other account left as it was." in err
    rotated, accounts = links_of(), json.loads((project / "auth.json").read_text())
    assert all(rotated[e] != again[e] for e in rotated) and accounts[0] == reader
    assert all(h != a["hash"] for h, a in zip(hashes[1:], accounts[1:], strict=False))


def test_lrs_auth_with_the_people_file_lost_names_them_and_writes_nothing(project, capsys):
    write(project / "staff.csv", ROSTER)
    assert lrs_assign(capsys)[0] == 0
    before = {name: (project / name).read_bytes() for name in ("auth.json", "people.csv", "plan.csv")}
    code, _, err = lrs_assign(capsys, people="new-people.csv")
    assert code == 1
    assert err == ("error: auth.json has an LRS account for 2 people whose link is not in new-people.csv (or no longer "
                   "matches it): Ana@Example.com, bo@example.com. Their secret exists only in the people file written "
                   "with it: point --people at that file to keep their links, or add --rotate to give everyone in "
                   "this roster a new link (the old links stop working). Nothing was written.\n")
    people = project / "people.csv"  # an edited link is no proof of the secret either
    people.write_text(people.read_text().replace("#lrs=", "#lrs=AA"))
    assert lrs_assign(capsys)[0] == 1
    assert {n: (project / n).read_bytes() for n in ("auth.json", "plan.csv")} == {
        n: before[n] for n in ("auth.json", "plan.csv")}
    assert "new-people.csv" not in files(project)


def test_lrs_auth_refuses_what_ralph_would_refuse(project, capsys):
    write(project / "staff.csv", "name,email,role\nAna,ana@corp.local,frontline\nBo,bo:x@example.com,managers\n")
    code, _, err = lrs_assign(capsys)
    assert code == 1
    assert ("error: staff.csv:2: the LRS (Ralph) refuses the email 'ana@corp.local': The part after the @-sign is a "
            "special-use or reserved name that cannot be used with email. Use an address it accepts for --lrs-auth.") in err
    assert "error: staff.csv:3: the email 'bo:x@example.com' contains ':', which an LRS username cannot." in err
    assert files(project) == ["curriculum.yml", "mkdocs.yml", "staff.csv"]
    code, _, err = assign(capsys)  # without --lrs-auth the roster is fine
    assert code == 0, err


def test_lrs_auth_says_why_it_needs_the_email_column(project, capsys):
    write(project / "staff.csv", "name,role\nAna,frontline\n")
    code, _, err = lrs_assign(capsys)
    assert code == 1
    assert ("staff.csv:1: missing column(s) email: the header must include name,email,role (found: name,role). "
            "--lrs-auth makes each person's LRS account from their email.") in err


@pytest.mark.parametrize("argv, message", [
    (["--lrs-auth", "auth.json"], "--lrs-auth needs --people people.csv"),
    (["--people", "p.csv", "--rotate"], "--rotate replaces LRS credentials: use it with --lrs-auth auth.json."),
])
def test_lrs_auth_options_go_together(project, capsys, argv, message):
    write(project / "staff.csv", ROSTER)
    code, out, err = assign(capsys, *argv)
    assert (code, out) == (2, "") and message in err


def test_people_with_links_is_not_rewritten_without_lrs_auth(project, capsys):
    write(project / "staff.csv", ROSTER)
    assert lrs_assign(capsys)[0] == 0
    links = links_of()
    code, _, err = assign(capsys, "--people", "people.csv")
    assert code == 2 and "people.csv holds personal LRS links: pass --lrs-auth" in err
    assert links_of() == links


def test_an_auth_file_in_a_missing_folder_stops_everything(project, capsys):
    write(project / "staff.csv", ROSTER)
    code, _, err = assign(capsys, "-o", "plan.csv", "--people", "people.csv", "--lrs-auth", "nowhere/auth.json")
    assert (code, err) == (1, "error: cannot write nowhere/auth.json: the folder nowhere does not exist.\n")
    assert files(project) == ["curriculum.yml", "mkdocs.yml", "staff.csv"]  # not people.csv without its accounts


def test_a_bad_auth_file_is_named(project, capsys):
    write(project / "staff.csv", ROSTER)
    write(project / "auth.json", '{"users": []}')
    code, _, err = lrs_assign(capsys)
    assert code == 1 and "auth.json is not a Ralph auth file: it must be a JSON list of accounts" in err
    assert not (project / "people.csv").exists()


# -- calendars ----------------------------------------------------------------------------------


def test_ics_has_one_event_per_due_date(project, capsys):
    from icalendar import Calendar

    cur = project / "curriculum.yml"
    cur.write_text(cur.read_text().replace("      - basics\n      - process\n",
                                           "      - module: basics\n        due_days: 30\n"
                                           "      - module: process\n        due_days: 45\n", 1))
    write(project / "staff.csv", ROSTER)
    code, _, err = assign(capsys, "-o", "plan.csv", "--ics", "calendars")
    assert code == 0, err
    assert "2 calendars to calendars" not in err and "1 calendar to calendars (1 person without due dates" in err
    assert files(project / "calendars") == ["ana@example.com.ics"]  # Bo's path has no due date
    calendar = Calendar.from_ical((project / "calendars/ana@example.com.ics").read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    plan = rows("plan.csv")
    due_dates = sorted({r["due_date"] for r in plan if r["name"] == "Ana Lima" and r["due_date"]})
    assert [e.decoded("dtstart").isoformat() for e in events] == due_dates == ["2025-04-02", "2025-04-17"]
    assert str(events[0]["summary"]) == "Training due: 2 modules (Basics, Extras)"  # both due on day 30
    assert str(events[1]["summary"]) == "Training due: The process"
    assert "http://127.0.0.1:8000/paths/frontline/process/" in str(events[1]["description"])
    uids = [str(e["uid"]) for e in events]
    assert assign(capsys, "-o", "plan.csv", "--ics", "calendars")[0] == 0
    again = Calendar.from_ical((project / "calendars/ana@example.com.ics").read_bytes())
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(uids)  # re-sent: updates, no copies


# -- the personal link and the vocabulary ---------------------------------------------------------


def test_the_fragment_format():
    assert xapi.credential_fragment("ana@example.com", "s3cr3t-_x") == (
        "lrs=" + base64.urlsafe_b64encode(b"ana@example.com:s3cr3t-_x").decode().rstrip("="))
    assert xapi.credential_fragment("ana@example.com", "s3cr3t-_x") == "lrs=YW5hQGV4YW1wbGUuY29tOnMzY3IzdC1feA"
    link = xapi.personal_link("https://a.example.com/paths/frontline/", "josé@example.com", "abc")
    assert link.startswith("https://a.example.com/paths/frontline/#lrs=") and "=" not in link.split("#lrs=")[1]
    assert xapi.read_fragment(link) == ("josé@example.com", "abc")
    for bad in ("", "#", "lrs=", "lrs=!!!", "other=YWJjOmRlZg", "lrs=YWJj", "lrs=OmFiYw"):  # no colon / no username
        assert xapi.read_fragment(bad) is None, bad
    with pytest.raises(ValueError):
        xapi.credential_fragment("a:b", "c")


def test_browser_settings_carry_the_whole_vocabulary():
    settings = xapi.browser_settings("https://academy.example.com/hr", "https://lrs.example.com/xAPI")
    assert settings == {"endpoint": "https://lrs.example.com/xAPI/", "version": "1.0.3", "fragmentKey": "lrs",
                        "site": "https://academy.example.com/hr/", "verbs": xapi.VERBS, "types": xapi.ACTIVITY_TYPES}
    assert json.loads(json.dumps(settings)) == settings


def test_activity_ids_and_what_they_name():
    site = "https://academy.example.com/hr"
    assert xapi.path_activity(site, "frontline") == "https://academy.example.com/hr/paths/frontline/"
    assert xapi.module_activity(site, "frontline", "basics") == "https://academy.example.com/hr/paths/frontline/basics/"
    question = xapi.question_activity(site, "frontline", "basics", "q-1")
    assert question == "https://academy.example.com/hr/paths/frontline/basics/#q-1"
    assert xapi.parse_activity(site, question) == xapi.Activity("question", "frontline", "basics", "q-1")
    assert xapi.parse_activity(site + "/", xapi.path_activity(site, "m")) == xapi.Activity("path", "m")
    deep = xapi.question_activity(site, "m", "sub/deep-dive", "q")  # a module in a sub-folder
    assert xapi.parse_activity(site, deep) == xapi.Activity("question", "m", "sub/deep-dive", "q")
    for other in ("https://academy.example.com/paths/frontline/basics/", "https://academy.example.com/hr/modules/basics/",
                  "https://academy.example.com/hr/paths/frontline/basics", None, 3):
        assert xapi.parse_activity(site, other) is None
    assert set(xapi.VERBS) == {"launched", "answered", "passed", "failed", "completed"}
    assert all(iri == f"http://adlnet.gov/expapi/verbs/{name}" for name, iri in xapi.VERBS.items())


def test_module_status_order():
    def event(verb, kind="module", scaled=None, day=1):
        stmt = {"timestamp": datetime(2025, 3, day, tzinfo=timezone.utc).isoformat()}
        if scaled is not None:
            stmt["result"] = {"score": {"scaled": scaled}}
        return verb, xapi.Activity(kind, "r", "m", "q" if kind == "question" else ""), stmt

    status = xapi.module_status
    assert status([]).status == "not started"
    assert status([event("launched")]).status == "in progress"
    assert status([event("answered", "question")]).status == "in progress"
    assert status([event("passed", "question")]).status == "in progress"  # only the module passes
    failed = status([event("failed", scaled=0.3, day=2), event("failed", scaled=0.5, day=3)])
    assert (failed.status, failed.score, failed.at.day) == ("failed", 0.5, 3)
    assert status([event("completed"), event("failed", scaled=0.2)]).status == "completed"
    passed = status([event("failed", scaled=0.95, day=1), event("passed", scaled=0.8, day=4), event("passed", scaled=0.9, day=5)])
    assert (passed.status, passed.score, passed.at.day) == ("passed", 0.95, 4)  # best score, first pass


# -- report without an LRS ----------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_report_on_an_unreachable_lrs_is_one_line(project, capsys, monkeypatch):
    write(project / "staff.csv", ROSTER)
    assert assign(capsys, "-o", "plan.csv")[0] == 0
    monkeypatch.setenv("CURRICULUM_LRS_PASSWORD", "x")
    url = f"http://127.0.0.1:{closed_port()}/xAPI/"
    code, out, err = run(capsys, "report", "--plan", "plan.csv", "--lrs", url, "--lrs-user", "hr", "-o", "r.html")
    assert (code, out) == (1, "")
    assert err == f"error: cannot reach the LRS at {url}: [Errno 111] Connection refused.\n"
    assert not (project / "r.html").exists()


def test_report_needs_a_password_and_a_plan(project, capsys, monkeypatch):
    write(project / "staff.csv", ROSTER)
    assert assign(capsys, "-o", "plan.csv")[0] == 0
    monkeypatch.delenv("CURRICULUM_LRS_PASSWORD", raising=False)
    argv = ["report", "--plan", "plan.csv", "--lrs", "http://127.0.0.1:9/xAPI/", "--lrs-user", "hr"]
    code, _, err = run(capsys, *argv)  # pytest's stdin is not a terminal: nobody to ask
    assert (code, err) == (1, "error: no password for hr: set the environment variable CURRICULUM_LRS_PASSWORD (or "
                              "run the command on a terminal to be asked).\n")
    monkeypatch.setenv("CURRICULUM_LRS_PASSWORD", "x")
    code, _, err = run(capsys, *argv[:2], "staff.csv", *argv[3:])
    assert (code, err) == (1, "error: staff.csv is not a plan written by `curriculum assign` (no column module_id, "
                              "module_title, requirement, due_date).\n")
    code, _, err = run(capsys, *argv[:4], "ftp://x", *argv[5:])
    assert code == 2 and "argument --lrs: must be the LRS's xAPI address" in err


def test_report_has_help(capsys):
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0 and out.startswith("usage: curriculum report")
    assert "CURRICULUM_LRS_PASSWORD" in out
