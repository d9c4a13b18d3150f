"""`curriculum report`: what the LRS recorded for each person of a plan, per module and per group.

Every statement is read from the LRS (`GET statements`) and attributed to a person by its `authority`, which
the LRS sets from the account that sent it (`curriculum assign --lrs-auth` makes one per person): the `actor`
is whatever the page wrote, so a learner cannot earn or spoil someone else's record. Which statement means
which status is defined in ..xapi (`module_status`).
"""

from __future__ import annotations

import base64
import csv
import getpass
import html
import io
import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from .. import xapi
from ..load import load_curriculum
from ..pages import count
from .errors import CliError
from .project import find_project, read_csv_text, write_output

PASSWORD_VARIABLE = "CURRICULUM_LRS_PASSWORD"
PLAN_COLUMNS = ("name", "email", "role", "module_id", "module_title", "requirement", "due_date")
REPORT_COLUMNS = ("module_id", "module_title", "requirement", "status", "score", "date", "due_date", "overdue")
SUMMARY_COLUMNS = ("group_by", "group", "people", "path_completed", "in_progress", "not_started", "overdue_people",
                   "required_modules", "required_done", "percent_done")
NOT_GROUPED = ("name", "email", "start")  # roster columns that say nothing about a group
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
PAGE_SIZE = 500  # statements asked for per request (Ralph answers at most RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT)


NOT_STARTED = xapi.ModuleStatus("not started")


@dataclass
class Assignment:
    module_id: str
    module_title: str
    requirement: str
    due_date: str
    status: xapi.ModuleStatus = NOT_STARTED  # frozen: one shared value is safe
    overdue: bool = False


@dataclass
class PersonRecord:
    name: str
    email: str
    role: str
    extra: dict
    assignments: list = field(default_factory=list)
    path_completed: bool = False
    active: bool = False  # any statement of this site at all

    @property
    def required(self) -> list:
        return [a for a in self.assignments if a.requirement != "optional"]

    @property
    def required_done(self) -> int:
        return sum(a.status.status in xapi.DONE for a in self.required)

    @property
    def path_status(self) -> str:
        if self.path_completed or (self.required and self.required_done == len(self.required)):
            return "completed"
        return "in progress" if self.active else "not started"

    @property
    def overdue(self) -> int:
        return sum(a.overdue for a in self.assignments)


def run_report(args) -> int:
    project = find_project(args.config_file)
    if not project.site_url:
        raise CliError("mkdocs.yml has no `site_url`: the LRS names each module by its address on the site "
                       "(site_url + paths/<role>/<module>/), so the report needs it.", 2)
    extras, people = read_plan(Path(args.plan))
    password = _password(args.lrs_user)
    statements = read_statements(args.lrs, args.lrs_user, password)
    today = args.today or date.today()
    ignored = attribute(people, statements, project.site_url, today)
    curriculum, _ = load_curriculum(project.curriculum, project.docs_dir, project.root)  # for titles only
    titles = {rid: role.title for rid, role in curriculum.roles.items()} if curriculum else {}
    groups = [c for c in extras if c.lower() not in NOT_GROUPED]
    summary = summarise(people, groups)
    output = args.output
    if output and Path(output).suffix.lower() in (".html", ".htm"):
        write_output(report_html(people, extras, summary, titles, today, args.lrs,
                                 curriculum.title if curriculum else "Training"), output)
        wrote = output
    else:
        write_output(report_csv(people, extras, output), output)
        wrote = output
        if output:
            summary_file = summary_path(output)
            write_output(summary_csv(summary, output), str(summary_file))
            wrote = f"{output} and {summary_file}"
    overdue = sum(1 for p in people.values() if p.overdue)
    print(f"Read {count(len(statements), 'statement')} from the LRS"
          + (f" ({ignored} from accounts not in {args.plan}, left out)" if ignored else "")
          + (f"; wrote {wrote}: " if wrote else ": ") + f"{count(len(people), 'person', 'people')}, "
          f"{sum(p.path_status == 'completed' for p in people.values())} finished, {overdue} with overdue modules.",
          file=sys.stderr)
    return 0


def summary_path(output: str) -> Path:
    path = Path(output)
    return path.with_name(f"{path.stem}-summary{path.suffix or '.csv'}")


# -- the plan -----------------------------------------------------------------------------------


def read_plan(path: Path) -> tuple[list, dict]:
    """The extra roster columns and the people (email -> PersonRecord) of a plan written by `assign`."""
    text = read_csv_text(path, ": give the plan.csv that `curriculum assign` wrote.")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max((",", ";", "\t"), key=first.count))
    rows = [r for r in reader if any(v.strip() for v in r)]
    header = [h.strip().lower() for h in rows[0]] if rows else []
    missing = [c for c in PLAN_COLUMNS if c not in header]
    if missing:
        raise CliError(f"{path} is not a plan written by `curriculum assign` (no column {', '.join(missing)}).")
    if len(rows) < 2:
        raise CliError(f"{path}: the plan lists nobody.")
    original = [h.strip() for h in rows[0]]
    extras = [original[i] for i, h in enumerate(header[:header.index("module_id")]) if h not in PLAN_COLUMNS]
    people: dict = {}
    for values in rows[1:]:
        cells = dict(zip(header, (v.strip() for v in values), strict=False))
        email = cells.get("email", "").lower()
        if not email:
            continue
        person = people.get(email)
        if person is None:
            person = people[email] = PersonRecord(cells.get("name", ""), cells.get("email", ""), cells.get("role", ""),
                                                  {c: cells.get(c.lower(), "") for c in extras})
        person.assignments.append(Assignment(cells.get("module_id", ""), cells.get("module_title", ""),
                                             cells.get("requirement", ""), cells.get("due_date", "")))
    return extras, people


def _password(user: str) -> str:
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    if sys.stdin.isatty():
        try:
            password = getpass.getpass(f"LRS password for {user}: ")
        except EOFError:
            password = ""
        if password:
            return password
    raise CliError(f"no password for {user}: set the environment variable {PASSWORD_VARIABLE} (or run the command "
                   "on a terminal to be asked).")


# -- the LRS ------------------------------------------------------------------------------------


def read_statements(endpoint: str, user: str, password: str) -> list:
    """Every statement the account may read, each once.

    The xAPI way is to follow each answer's `more` link, and this does. But Ralph 5.1's MongoDB backend pages
    by `_id < last _id` while it sorts by timestamp, and its `_id` is (second, hash of the statement id):
    statements of the same second as a page's last one can be skipped (ralph/backends/lrs/mongo.py). So when
    there is more than one page, this also walks back with `until` = the last statement's timestamp (inclusive:
    the boundary's statements come again and are counted once), which skips nothing on Ralph; the union of
    both walks is complete on Ralph and on any LRS that pages correctly.
    """
    opener = _opener(endpoint)
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    headers = {xapi.VERSION_HEADER: xapi.XAPI_VERSION, "Authorization": f"Basic {token}",
               "Accept": "application/json"}
    found: dict = {}

    def page(url: str) -> dict:
        data = _get(opener, url, headers, endpoint, user)
        for stmt in data["statements"]:
            if isinstance(stmt, dict) and isinstance(stmt.get("id"), str):
                found.setdefault(stmt["id"], stmt)
        return data

    first = f"{endpoint}statements?{urlencode({'limit': PAGE_SIZE})}"
    data, visited = page(first), {first}
    pages = 1
    while data.get("more"):
        url = urljoin(endpoint, data["more"])
        if url in visited:
            break
        visited.add(url)
        data = page(url)
        pages += 1
    if pages > 1:
        data, until = page(first), None
        while data.get("more") and data["statements"]:
            last = data["statements"][-1].get("timestamp")
            if not isinstance(last, str) or last == until:
                break  # a page of statements that all share one timestamp: the `more` walk has them
            until = last
            data = page(f"{endpoint}statements?{urlencode({'limit': PAGE_SIZE, 'until': until})}")
    return list(found.values())


def _opener(endpoint: str):
    host = urlsplit(endpoint).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1"):  # an LRS on this machine is never behind the proxy
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _get(opener, url: str, headers: dict, endpoint: str, user: str) -> dict:
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=60) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        detail = _detail(exc)
        if exc.code in (401, 403):
            raise CliError(f"the LRS at {endpoint} refused the account '{user}' ({exc.code}{detail}): check --lrs-user "
                           f"and {PASSWORD_VARIABLE}, and that the account may read every statement "
                           "(all/read).") from None
        if exc.code == 404:
            raise CliError(f"the LRS at {endpoint} has no statements resource (404): give its xAPI address, such as "
                           "http://127.0.0.1:8100/xAPI/.") from None
        raise CliError(f"the LRS at {endpoint} answered {exc.code}{detail} when asked for statements.") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise CliError(f"cannot reach the LRS at {endpoint}: {_one_line(reason)}.") from None
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
        raise CliError(f"the answer of {endpoint} is not a list of xAPI statements: is it the LRS's xAPI address?")
    return data


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        detail = json.loads(exc.read()).get("detail")
    except (ValueError, AttributeError, OSError):
        return ""
    return f": {_one_line(detail)}" if isinstance(detail, str) and detail else ""


def _one_line(value) -> str:
    lines = str(value).strip().splitlines()
    return lines[0] if lines else type(value).__name__


# -- what the statements say ----------------------------------------------------------------------


def attribute(people: dict, statements: list, site_url: str, today: date) -> int:
    """Fill in each person's statuses; return how many statements came from accounts not in the plan."""
    voided = {s["object"].get("id") for s in statements if (s.get("verb") or {}).get("id") == VOIDED
              and isinstance(s.get("object"), dict)}
    events: dict = {}
    ignored = 0
    for stmt in statements:
        verb_id = (stmt.get("verb") or {}).get("id")
        verb = xapi.VERB_NAMES.get(verb_id) if isinstance(verb_id, str) else None
        activity = xapi.parse_activity(site_url, (stmt.get("object") or {}).get("id"))
        if verb is None or activity is None or stmt.get("id") in voided:
            continue
        email = xapi.authority_email(stmt)
        if email not in people:
            ignored += 1
            continue
        events.setdefault(email, []).append((verb, activity, stmt))
    for email, person in people.items():
        mine = events.get(email, [])
        person.active = bool(mine)
        person.path_completed = any(v == "completed" and a.kind == "path" and a.role == person.role for v, a, _ in mine)
        for item in person.assignments:
            item.status = xapi.module_status([e for e in mine if e[1].module == item.module_id])
            item.overdue = (item.requirement != "optional" and bool(item.due_date) and item.due_date < today.isoformat()
                            and item.status.status not in xapi.DONE)
    return ignored


def summarise(people: dict, groups: list) -> list:
    """Rows of SUMMARY_COLUMNS: everyone, then per role, then per value of each extra roster column."""
    rows = [_summary_row("all", "everyone", list(people.values()))]
    for by in ["role", *groups]:
        values: dict = {}
        for person in people.values():
            value = person.role if by == "role" else person.extra.get(by, "")
            values.setdefault(value, []).append(person)
        for value in sorted(values, key=lambda v: (v == "", v.casefold())):
            rows.append(_summary_row(by, value, values[value]))
    return rows


def _summary_row(by: str, value: str, members: list) -> dict:
    required = sum(len(p.required) for p in members)
    done = sum(p.required_done for p in members)
    return {"group_by": by, "group": value, "people": len(members),
            "path_completed": sum(p.path_status == "completed" for p in members),
            "in_progress": sum(p.path_status == "in progress" for p in members),
            "not_started": sum(p.path_status == "not started" for p in members),
            "overdue_people": sum(1 for p in members if p.overdue),
            "required_modules": required, "required_done": done,
            "percent_done": round(100 * done / required) if required else 100}


# -- writing ------------------------------------------------------------------------------------


def _cells(person: PersonRecord, item: Assignment, extras: list) -> list:
    status = item.status
    return [person.name, person.email, person.role, *(person.extra[c] for c in extras), item.module_id,
            item.module_title, item.requirement, status.status,
            "" if status.score is None else f"{round(status.score * 100)}",
            status.at.astimezone().date().isoformat() if status.at else "", item.due_date,
            "yes" if item.overdue else "no"]


def report_csv(people: dict, extras: list, output: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if output else "\n")
    writer.writerow(["name", "email", "role", *extras, *REPORT_COLUMNS])
    for person in people.values():
        writer.writerows(_cells(person, item, extras) for item in person.assignments)
    return buffer.getvalue()


def summary_csv(summary: list, output: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, SUMMARY_COLUMNS, lineterminator="\r\n" if output else "\n")
    writer.writeheader()
    writer.writerows(summary)
    return buffer.getvalue()


_CSS = """
:root { --done: #1b6e3a; --failed: #a12a1d; --progress: #8a5a00; --muted: #555; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; padding: 0; list-style: none; }
.cards li { border: 1px solid #bbb; border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.cards b { display: block; font-size: 1.5rem; }
.chart { margin: 0 0 1rem; padding: 0; list-style: none; }
.chart li { display: grid; grid-template-columns: 13rem minmax(8rem, 22rem) auto; gap: .6rem; align-items: center;
  margin: .25rem 0; }
.track { height: 1rem; border: 1px solid #777; background: #f1f1f1; }
.fill { display: block; height: 100%; background: var(--done); }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.s-passed, .s-completed { color: var(--done); font-weight: 600; } .s-failed { color: var(--failed); font-weight: 600; }
.s-in-progress { color: var(--progress); } .late { color: var(--failed); font-weight: 600; }
@media print {
  body { margin: 0; font-size: 10pt; } h2 { break-after: avoid; } tr, .chart li, .cards li { break-inside: avoid; }
  thead { display: table-header-group; }
  .fill, .track, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 1.5cm; }
}
"""


def report_html(people: dict, extras: list, summary: list, titles: dict, today: date, lrs: str, title: str) -> str:
    """One self-contained page (no script, no request): totals, a completion chart per grouping, the summary,
    each person, and every assignment. Every value is escaped."""
    e = html.escape
    everyone = summary[0]

    def label(row) -> str:
        if row["group_by"] == "role":
            return titles.get(row["group"], row["group"])
        return row["group"] or "(none)"

    parts = [f"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             f"<title>{e(title)}: training report, {today.isoformat()}</title>\n"
             f"<style>{_CSS}</style>\n</head>\n<body>\n"
             f"<h1>{e(title)}: training report</h1>\n"
             f"<p class=\"meta\">As of {today.isoformat()}, from the learning records in {e(lrs)}. A module is done "
             "when it is passed (modules with questions) or completed (modules without).</p>\n<ul class=\"cards\">"]
    for value, what in ((everyone["people"], "people"), (everyone["path_completed"], "finished their path"),
                        (everyone["in_progress"], "in progress"), (everyone["not_started"], "not started"),
                        (everyone["overdue_people"], "with overdue modules"),
                        (f"{everyone['percent_done']}%", "of required modules done")):
        parts.append(f"<li><b>{e(str(value))}</b>{e(what)}</li>")
    parts.append("</ul>\n<h2>Completion by group</h2>")
    for by in dict.fromkeys(r["group_by"] for r in summary[1:]):
        rows = [r for r in summary if r["group_by"] == by]
        parts.append(f"<h3>By {e(by)}</h3>\n<ul class=\"chart\">")
        for row in rows:
            parts.append(f"<li><span>{e(label(row))}</span><span class=\"track\" role=\"img\" aria-label=\""
                         f"{row['percent_done']}% done\"><span class=\"fill\" style=\"width: {row['percent_done']}%\">"
                         f"</span></span><span>{row['percent_done']}% of required modules done; "
                         f"{row['path_completed']} of {row['people']} finished</span></li>")
        parts.append("</ul>")
    heads = ["Group", "People", "Finished", "In progress", "Not started", "Overdue people", "Required modules done",
             "%"]
    parts.append("<h2>Summary</h2>\n<table>\n<thead><tr>" + "".join(f"<th>{h}</th>" for h in heads)
                 + "</tr></thead>\n<tbody>")
    for row in summary:
        group = "Everyone" if row["group_by"] == "all" else f"{row['group_by']}: {label(row)}"
        numbers = [row[k] for k in ("people", "path_completed", "in_progress", "not_started", "overdue_people")]
        parts.append(f"<tr><td>{e(group)}</td>" + "".join(f"<td class=\"n\">{n}</td>" for n in numbers)
                     + f"<td class=\"n\">{row['required_done']} of {row['required_modules']}</td>"
                     f"<td class=\"n\">{row['percent_done']}%</td></tr>")
    parts.append("</tbody>\n</table>\n<h2>People</h2>\n<table>\n<thead><tr><th>Name</th><th>Email</th><th>Role</th>"
                 + "".join(f"<th>{e(c)}</th>" for c in extras)
                 + "<th>Path</th><th>Required done</th><th>Overdue</th></tr></thead>\n<tbody>")
    for person in people.values():
        status = person.path_status
        overdue = f"<td class=\"late\">{count(person.overdue, 'module')}</td>" if person.overdue else "<td>none</td>"
        parts.append(f"<tr><td>{e(person.name)}</td><td>{e(person.email)}</td>"
                     f"<td>{e(titles.get(person.role, person.role))}</td>"
                     + "".join(f"<td>{e(person.extra[c])}</td>" for c in extras)
                     + f"<td class=\"s-{status.replace(' ', '-')}\">{e(status)}</td>"
                     f"<td class=\"n\">{person.required_done} of {len(person.required)}</td>"
                     + overdue
                     + "</tr>")
    parts.append("</tbody>\n</table>\n<h2>Every module</h2>\n<table>\n<thead><tr><th>Name</th><th>Module</th>"
                 "<th>Required</th><th>Status</th><th>Score</th><th>Date</th><th>Due</th><th>Overdue</th></tr></thead>\n<tbody>")
    for person in people.values():
        for item in person.assignments:
            cells = _cells(person, item, extras)[len(extras) + 3:]
            module_title, requirement, status, score, when, due, overdue = cells[1:]
            parts.append(f"<tr><td>{e(person.name)}</td><td>{e(module_title)}</td><td>{e(requirement)}</td>"
                         f"<td class=\"s-{status.replace(' ', '-')}\">{e(status)}</td>"
                         f"<td class=\"n\">{e(score + '%' if score else '')}</td><td>{e(when)}</td><td>{e(due)}</td>"
                         + ("<td class=\"late\">overdue</td>" if overdue == "yes" else "<td>no</td>") + "</tr>")
    parts.append("</tbody>\n</table>\n</body>\n</html>\n")
    return "\n".join(parts)
