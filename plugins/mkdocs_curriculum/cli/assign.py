"""`curriculum assign`: read and check a roster, then one row per person and module, with due dates."""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .. import export
from ..model import Curriculum
from ..pages import count
from .check import load_clean
from .errors import CliError, role_hint
from .project import find_project, write_output

ROSTER_COLUMNS = ("name", "email", "role")
ASSIGN_COLUMNS = ("module_id", "module_title", "url", "requirement", "minutes", "due_date")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def parse_date(text: str) -> date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class Person:
    line: int
    name: str
    email: str
    role: str
    start: date
    extra: tuple


def run_assign(args) -> int:
    project = find_project(args.config_file)
    curriculum = load_clean(project)
    header, rows = read_roster(Path(args.roster))
    people, errors = check_roster(args.roster, header, rows, curriculum, args.start)
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        raise CliError(f"{args.roster}: {count(len(errors), 'problem')}, listed above; nothing was written.")
    url = export.site_url(curriculum.modules_dir, project.directory_urls)
    extras = [h for h in header if h.lower() not in ROSTER_COLUMNS]
    table = assignment_rows(curriculum, people, args.base_url, url, args.roster)
    write_output(_csv_text(list(ROSTER_COLUMNS) + extras + list(ASSIGN_COLUMNS), table, args.output), args.output)
    if args.output:
        print(f"Wrote {len(table)} assignments for {count(len(people), 'person', 'people')} to {args.output}.", file=sys.stderr)
    return 0


def read_roster(path: Path) -> tuple[list, list]:
    """The header and the (line, values) rows, tolerating a BOM, CRLF and `;` or tab separators."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text. Save it as \"CSV UTF-8\".") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    for values in reader:
        rows.append((line, [v.strip() for v in values]))
        line = reader.line_num + 1
    if not rows or not any(rows[0][1]):
        raise CliError(f"{path}:1: the roster is empty; its first line must be the header `name,email,role`.")
    return [h for h in rows[0][1]], [r for r in rows[1:] if any(r[1])]


def check_roster(shown: str, header: list, rows: list, curriculum: Curriculum, start: date):
    """Validate every row; return the people and every problem (`file:line: message`)."""
    errors = _check_header(header)
    if errors:
        return [], [f"{shown}:1: {e}" for e in errors]
    if not rows:
        return [], [f"{shown}:1: the roster lists nobody; add one line per person under the header."]
    people, seen = [], {}
    for line, values in rows:
        person, problems = _person(line, header, values, curriculum, start, seen)
        errors += [f"{shown}:{line}: {p}" for p in problems]
        if person and not problems:
            people.append(person)
    return people, errors


def _check_header(header: list) -> list:
    names = [h.lower() for h in header]
    errors = [f"the column '{h}' appears twice in the header." for i, h in enumerate(header) if h and h.lower() in names[:i]]
    missing = [c for c in ROSTER_COLUMNS if c not in names]
    if missing:
        errors.append(f"missing column(s) {', '.join(missing)}: the header must include name,email,role "
                      f"(found: {','.join(header)}).")
    clash = [h for h in header if h.lower() in ASSIGN_COLUMNS]
    if clash:
        errors.append(f"rename the column(s) {', '.join(clash)}: `assign` writes columns with those names.")
    if any(not h for h in header):
        errors.append("a column in the header has no name.")
    return errors


def _person(line: int, header: list, values: list, curriculum: Curriculum, start: date, seen: dict):
    if len(values) > len(header) and any(values[len(header):]):
        return None, [f"this row has {len(values)} values but the header has {len(header)} columns."]
    cells = dict(zip([h.lower() for h in header], values + [""] * (len(header) - len(values))))
    problems = []
    name, email, role = cells["name"], cells["email"], cells["role"].lower()
    if not name:
        problems.append("the name is empty.")
    if not _EMAIL.match(email):
        problems.append(f"'{email}' is not an email address." if email else "the email is empty.")
    elif email.casefold() in seen:
        problems.append(f"the email '{email}' is already on line {seen[email.casefold()]}; list each person once.")
    else:
        seen[email.casefold()] = line
    if role not in curriculum.roles:
        problems.append(_unknown_role(cells["role"], curriculum))
    begin = start
    if cells.get("start"):
        begin = parse_date(cells["start"])
        if begin is None:
            problems.append(f"the start date '{cells['start']}' is not a date; write it as YYYY-MM-DD.")
    extra = tuple(cells[h.lower()] for h in header if h.lower() not in ROSTER_COLUMNS)
    return Person(line, name, email, role, begin or start, extra), problems


def _unknown_role(role: str, curriculum: Curriculum) -> str:
    what = f"unknown role '{role}'." if role else "the role is empty."
    return what + role_hint(role, list(curriculum.roles))


def assignment_rows(curriculum: Curriculum, people: list, base_url: str, url, roster: str = "the roster") -> list:
    rows = []
    for person in people:
        for step in curriculum.roles[person.role].path:
            module = curriculum.modules[step.module]
            rows.append([person.name, person.email, person.role, *person.extra, module.id, module.title,
                         base_url + url("module", person.role, module.id),
                         "optional" if step.optional else "required", f"{module.duration:g}",
                         _due_date(person, step, roster, curriculum.file)])
    return rows


def _due_date(person: Person, step, roster: str, source: str) -> str:
    """Start + due_days, or a CliError naming the row: a huge due_days or start runs past the calendar (year 9999)."""
    if step.due_days is None:
        return ""
    try:
        return (person.start + timedelta(days=step.due_days)).isoformat()
    except OverflowError:
        raise CliError(f"{roster}:{person.line}: the due date of module '{step.module}' ({person.start} + "
                       f"{step.due_days} days) is beyond the calendar (years 1 to 9999). Check the start date and "
                       f"that module's `due_days` in role '{person.role}' of {source}.") from None


def _csv_text(header: list, rows: list, output: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if output else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
