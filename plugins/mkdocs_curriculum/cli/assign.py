"""`curriculum assign`: read and check a roster, then one row per person and module, with due dates.

With `--people` it also writes one row per person (their path link and due date), with `--lrs-auth` each
person gets an LRS account and a personal path link (see lrs_auth.py and ..xapi for the link's format), and
with `--ics` a calendar file per person. Every file is checked and built first, then written: a mistake
writes nothing.

**Keeping credentials.** A secret is never stored in clear in the auth file (only its bcrypt hash), so the
only copy is the person's link in people.csv. On the next run, `assign` reads the people.csv it is about to
replace, finds each person's link, checks its secret against the auth file's hash, and keeps it: the links
HR already sent keep working. If a person has an account but no matching link there (people.csv was lost
or edited), that is an error naming them, and `--rotate` gives new secrets (the old links stop working).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

from .. import export
from ..model import Curriculum
from ..pages import count
from ..xapi import personal_link, read_fragment
from .check import load_clean
from .errors import CliError, role_hint
from .lrs_auth import hash_secret, learner_account, new_secret, read_auth_file, secret_matches, write_auth_file
from .project import find_project, read_csv_text, write_output

ROSTER_COLUMNS = ("name", "email", "role")
ASSIGN_COLUMNS = ("module_id", "module_title", "url", "requirement", "minutes", "due_date")
PEOPLE_COLUMNS = ("role_title", "path_link", "path_due_date", "required_minutes")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")


def parse_date(text: str) -> date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def check_date_format(fmt: str) -> bool:
    """A strptime format that writes and reads back a day, a month and a year (23 Nov 2025 tells them apart)."""
    sample = date(2025, 11, 23)
    try:
        return datetime.strptime(sample.strftime(fmt), fmt).date() == sample
    except ValueError:
        return False


@dataclass(frozen=True)
class Person:
    line: int
    name: str
    email: str
    role: str
    start: date
    extra: tuple

    @property
    def username(self) -> str:
        """The person's LRS username, and the address in their agent's mbox: the email in lower case."""
        return self.email.strip().lower()


def run_assign(args) -> int:
    project = find_project(args.config_file)
    base_url = args.base_url or _site_url(project)
    if args.lrs_auth and not args.people:
        raise CliError("--lrs-auth needs --people people.csv: that file gets each person's personal link, and "
                       "the next run reads it again to keep the links working.", 2)
    if args.rotate and not args.lrs_auth:
        raise CliError("--rotate replaces LRS credentials: use it with --lrs-auth auth.json.", 2)
    curriculum = load_clean(project)
    header, rows = read_roster(Path(args.roster))
    reserved = ASSIGN_COLUMNS + (PEOPLE_COLUMNS if args.people else ())
    people, errors = check_roster(args.roster, header, rows, curriculum, args.start, args.date_format, reserved,
                                  lrs=bool(args.lrs_auth))
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        raise CliError(f"{args.roster}: {count(len(errors), 'problem')}, listed above; nothing was written.")
    url = export.site_url(curriculum.modules_dir, project.directory_urls)
    extras = [h for h in header if h.lower() not in ROSTER_COLUMNS]
    table = assignment_rows(curriculum, people, base_url, url, args.roster)
    plan = _csv_text(list(ROSTER_COLUMNS) + extras + list(ASSIGN_COLUMNS), table, args.output)
    writes, notes = [], []  # what to write, in order, once everything is checked; what to tell afterwards
    if args.people:
        previous = _previous_links(Path(args.people))
        secrets_of = {}
        if args.lrs_auth:
            accounts, secrets_of, counts = _credentials(people, read_auth_file(Path(args.lrs_auth)), previous, args)
        elif any(read_fragment(link) for link in previous.values()):
            raise CliError(f"{args.people} holds personal LRS links: pass --lrs-auth with the same auth file to "
                           "keep them (or write the people to another file); nothing was written.", 2)
        text = _csv_text(list(ROSTER_COLUMNS) + extras + list(PEOPLE_COLUMNS),
                         people_rows(curriculum, people, base_url, url, secrets_of, args.roster), "file")
        # people.csv first: it holds the only copy of the secrets whose hashes go into the auth file.
        writes.append(lambda: write_output(text, args.people, private=bool(args.lrs_auth)))
        notes.append(f"{count(len(people), 'person', 'people')} to {args.people}")
        if args.lrs_auth:
            writes.append(lambda: write_auth_file(Path(args.lrs_auth), accounts))
            new, kept, replaced, others = counts
            notes.append(f"LRS accounts in {args.lrs_auth}: {new} new, {kept} kept, {replaced} replaced"
                         + (f", {count(others, 'other account')} left as {'it was' if others == 1 else 'they were'}"
                            if others else ""))
    writes.append(lambda: write_output(plan, args.output))
    if args.ics:
        calendars = _calendars(curriculum, people, base_url, url, args.roster)
        folder = _calendar_folder(args.ics)
        writes += [functools.partial(write_output, data, str(folder / name)) for name, data in calendars.items()]
        skipped = len(people) - len(calendars)
        notes.append(f"{count(len(calendars), 'calendar')} to {args.ics}"
                     + (f" ({count(skipped, 'person', 'people')} without due dates: no calendar)" if skipped else ""))
    _check_outputs([args.people, args.lrs_auth, args.output])  # so that a missing folder stops all, not half
    for write in writes:
        write()
    if args.output or notes:  # a plan on the screen alone is the whole answer
        where = f" to {args.output}" if args.output else ""
        print(f"Wrote {len(table)} assignments for {count(len(people), 'person', 'people')}{where}"
              + "".join(f"; {n}" for n in notes) + ".", file=sys.stderr)
    if args.lrs_auth:
        print(f"{args.people} holds each person's LRS secret in their path_link: send each person their own "
              "link, and keep the file as safe as a password.", file=sys.stderr)
    return 0


def _site_url(project) -> str:
    if not project.site_url:
        raise CliError("give --base-url URL (the published site's address): mkdocs.yml has no `site_url` to "
                       "take it from.", 2)
    if urlparse(project.site_url).scheme not in ("http", "https") or not urlparse(project.site_url).netloc:
        raise CliError(f"give --base-url URL: mkdocs.yml's site_url '{project.site_url}' is not a web address "
                       "(such as https://academy.example.com/).", 2)
    return project.site_url.rstrip("/") + "/"


def _check_outputs(paths: list) -> None:
    for output in filter(None, paths):
        target = Path(output)
        if target.is_dir():
            raise CliError(f"cannot write {output}: it is a folder, not a file. Add a file name to the path.")
        if not target.parent.is_dir():
            raise CliError(f"cannot write {output}: the folder {target.parent} does not exist.")


# -- the roster ---------------------------------------------------------------------------------


def read_roster(path: Path) -> tuple[list, list]:
    """The header and the (line, values) rows, tolerating a BOM, CRLF and `;` or tab separators."""
    text = read_csv_text(path, '. Save it as "CSV UTF-8".')
    rows = _csv_rows(text)
    if not rows or not any(rows[0][1]):
        raise CliError(f"{path}:1: the roster is empty; its first line must be the header `name,email,role`.")
    return list(rows[0][1]), [r for r in rows[1:] if any(r[1])]


def _csv_rows(text: str) -> list:
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    for values in reader:
        rows.append((line, [v.strip() for v in values]))
        line = reader.line_num + 1
    return rows


def check_roster(shown: str, header: list, rows: list, curriculum: Curriculum, start: date,
                 date_format: str | None = None, reserved: tuple = ASSIGN_COLUMNS, lrs: bool = False):
    """Validate every row; return the people and every problem (`file:line: message`)."""
    errors = _check_header(header, reserved, lrs)
    if errors:
        return [], [f"{shown}:1: {e}" for e in errors]
    if not rows:
        return [], [f"{shown}:1: the roster lists nobody; add one line per person under the header."]
    people: list[Person] = []
    seen: dict = {}
    roles = _role_names(curriculum)
    for line, values in rows:
        person, problems = _person(line, header, values, curriculum, roles, start, date_format, seen, lrs)
        errors += [f"{shown}:{line}: {p}" for p in problems]
        if person and not problems:
            people.append(person)
    return people, errors


def _check_header(header: list, reserved: tuple, lrs: bool) -> list:
    names = [h.lower() for h in header]
    errors = [f"the column '{h}' appears twice in the header." for i, h in enumerate(header)
              if h and h.lower() in names[:i]]
    missing = [c for c in ROSTER_COLUMNS if c not in names]
    if missing:
        why = (" --lrs-auth makes each person's LRS account from their email." if lrs and "email" in missing else "")
        errors.append(f"missing column(s) {', '.join(missing)}: the header must include name,email,role "
                      f"(found: {','.join(header)}).{why}")
    clash = [h for h in header if h.lower() in reserved]
    if clash:
        errors.append(f"rename the column(s) {', '.join(clash)}: `assign` writes columns with those names.")
    if any(not h for h in header):
        errors.append("a column in the header has no name.")
    return errors


def _role_names(curriculum: Curriculum) -> dict:
    """What a roster may write for a role, folded: its id, or its title (None where two roles share a title)."""
    names: dict[str, str | None] = {}
    for role in curriculum.roles.values():
        key = _fold(role.title)
        names[key] = None if key in names and names[key] != role.id else role.id
    names.update({_fold(rid): rid for rid in curriculum.roles})  # an id wins over another role's title
    return names


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _person(line: int, header: list, values: list, curriculum: Curriculum, roles: dict, start: date,
            date_format: str | None, seen: dict, lrs: bool):
    if len(values) > len(header) and any(values[len(header):]):
        return None, [f"this row has {len(values)} values but the header has {len(header)} columns."]
    cells = dict(zip([h.lower() for h in header], values + [""] * (len(header) - len(values)), strict=False))
    problems = []
    name, email = cells["name"], cells["email"]
    if not name:
        problems.append("the name is empty.")
    if not _EMAIL.match(email):
        problems.append(f"'{email}' is not an email address." if email else "the email is empty.")
    elif email.casefold() in seen:
        problems.append(f"the email '{email}' is already on line {seen[email.casefold()]}; list each person once.")
    else:
        seen[email.casefold()] = line
        if lrs:
            problems += _lrs_email_problems(email)
    role = roles.get(_fold(cells["role"]))
    if role is None:
        problems.append(_unknown_role(cells["role"], curriculum))
    begin = start
    if cells.get("start"):
        begin, problem = _start_date(cells["start"], date_format)
        if problem:
            problems.append(problem)
    extra = tuple(cells[h.lower()] for h in header if h.lower() not in ROSTER_COLUMNS)
    return Person(line, name, email, role or "", begin or start, extra), problems


def _lrs_email_problems(email: str) -> list:
    """Ralph checks every account's mbox with email-validator when it reads the auth file, and one address it
    refuses makes it refuse every account: check them here, with the same function and options."""
    import email_validator

    if ":" in email:
        return [f"the email '{email}' contains ':', which an LRS username cannot."]
    try:
        email_validator.validate_email(email.lower(), check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        return [f"the LRS (Ralph) refuses the email '{email}': {exc} Use an address it accepts for --lrs-auth."]
    return []


def _start_date(text: str, date_format: str | None) -> tuple:
    """(date, None) or (None, the problem): YYYY-MM-DD always, or the roster's --date-format."""
    iso = parse_date(text)
    if iso:
        return iso, None
    if date_format:
        try:
            return datetime.strptime(text, date_format).date(), None
        except ValueError:
            return None, f"the start date '{text}' does not match --date-format {date_format} (nor YYYY-MM-DD)."
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        sep, year = match[2], "%Y" if len(match[4]) == 4 else "%y"
        orders = ((f"%d{sep}%m{sep}{year}", "day first"), (f"%m{sep}%d{sep}{year}", "month first"))
        fits = [(f, how) for f, how in orders if _fits(text, f)]
        if len(fits) == 2:
            return None, (f"the start date '{text}' could be day/month or month/day: write it as YYYY-MM-DD, "
                          f"or say how the roster writes dates with `--date-format {fits[0][0]}` ({fits[0][1]}) or "
                          f"`--date-format {fits[1][0]}` ({fits[1][1]}).")
        if fits:
            return None, (f"the start date '{text}' is not written YYYY-MM-DD: add `--date-format {fits[0][0]}` "
                          f"({fits[0][1]}) to read the roster's dates.")
    return None, (f"the start date '{text}' is not a date; write it as YYYY-MM-DD, or give the roster's format "
                  "with --date-format (such as %d/%m/%Y).")


def _fits(text: str, fmt: str) -> bool:
    try:
        datetime.strptime(text, fmt)
        return True
    except ValueError:
        return False


def _unknown_role(role: str, curriculum: Curriculum) -> str:
    what = f"unknown role '{role}'." if role else "the role is empty."
    titles = [_fold(r.title) for r in curriculum.roles.values()]
    if role and titles.count(_fold(role)) > 1:
        ids = [r.id for r in curriculum.roles.values() if _fold(r.title) == _fold(role)]
        return f"the role '{role}' is the title of {', '.join(ids)}: write the role's id instead."
    return what + role_hint(role, list(curriculum.roles))


# -- what is written ----------------------------------------------------------------------------


def _dated_steps(curriculum: Curriculum, person: Person, roster: str) -> list:
    """(step, module, due date text or "") for each module of the person's path, in order."""
    return [(step, curriculum.modules[step.module], _due_date(person, step, roster, curriculum.file))
            for step in curriculum.roles[person.role].path]


def assignment_rows(curriculum: Curriculum, people: list, base_url: str, url, roster: str = "the roster") -> list:
    rows = []
    for person in people:
        for step, module, due in _dated_steps(curriculum, person, roster):
            rows.append([person.name, person.email, person.role, *person.extra, module.id, module.title,
                         base_url + url("module", person.role, module.id),
                         "optional" if step.optional else "required", f"{module.duration:g}", due])
    return rows


def people_rows(curriculum: Curriculum, people: list, base_url: str, url, secrets_of: dict,
                roster: str = "the roster") -> list:
    """One row per person: the roster's columns, the role's title, the path link (personal when the person has a
    secret), the path's due date (the latest due date of its modules) and its required minutes."""
    rows = []
    for person in people:
        role = curriculum.roles[person.role]
        link = base_url + url("path", person.role)
        if person.username in secrets_of:
            link = personal_link(link, person.username, secrets_of[person.username])
        dues = [due for _, _, due in _dated_steps(curriculum, person, roster) if due]
        rows.append([person.name, person.email, person.role, *person.extra, role.title, link, max(dues, default=""),
                     f"{role.required_minutes(curriculum.modules):g}"])
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


# -- credentials --------------------------------------------------------------------------------


def _previous_links(path: Path) -> dict:
    """username -> path_link from the people.csv about to be replaced ({} if there is none yet)."""
    if not path.exists() or path.is_dir():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read {path} (the people file to update): {exc}.") from None
    rows = _csv_rows(text)
    if not rows or not any(rows[0][1]):
        return {}
    header = [h.lower() for h in rows[0][1]]
    if "email" not in header or "path_link" not in header:
        raise CliError(f"{path} exists and is not a people file written by `curriculum assign` (it has no email and "
                       "path_link columns): choose another file name, or move that file away.")
    email, link = header.index("email"), header.index("path_link")
    return {values[email].strip().lower(): values[link] for _, values in rows[1:] if len(values) > max(email, link)}


def _credentials(people: list, accounts: list, previous: dict, args):
    """The new account list, each person's secret, and (new, kept, replaced, others) counts.

    A person's account is kept when people.csv still has the link whose secret matches its hash; --rotate
    replaces them all; anyone else in the auth file (other people, the report's account) is left as it is.
    """
    index = {a["username"]: i for i, a in enumerate(accounts)}
    accounts = list(accounts)
    secrets_of, lost = {}, []
    new = kept = replaced = 0
    for person in people:
        username = person.username
        at = index.get(username)
        secret: str | None = None
        hashed: str | None = None
        if at is not None and not args.rotate:
            carried = read_fragment(previous.get(username, ""))
            if carried and carried[0] == username and secret_matches(carried[1], accounts[at]["hash"]):
                secret, hashed = carried[1], accounts[at]["hash"]
                kept += 1
            else:
                lost.append(person.email)
                continue
        if secret is None:
            secret = new_secret()
            hashed = hash_secret(secret)
            if at is None:
                new += 1
            else:
                replaced += 1
        assert hashed is not None  # kept, or made just above
        secrets_of[username] = secret
        account = {**(accounts[at] if at is not None else {}), **learner_account(username, person.name, hashed)}
        if at is None:
            index[username] = len(accounts)
            accounts.append(account)
        else:
            accounts[at] = account
    if lost:
        shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
        raise CliError(f"{args.lrs_auth} has an LRS account for {count(len(lost), 'person', 'people')} whose link "
                       f"is not in {args.people} (or no longer matches it): {shown}. Their secret exists only in "
                       f"the people file written with it: point --people at that file to keep their links, or add "
                       "--rotate to give everyone in this roster a new link (the old links stop working). "
                       "Nothing was written.")
    others = len(accounts) - len(people)
    return accounts, secrets_of, (new, kept, replaced, others)


# -- calendars ----------------------------------------------------------------------------------


def _calendars(curriculum: Curriculum, people: list, base_url: str, url, roster: str) -> dict:
    """file name -> iCalendar text, for each person with at least one due date."""
    from .ics import person_calendar

    made = {}
    for person in people:
        steps = [(module, due, base_url + url("module", person.role, module.id))
                 for step, module, due in _dated_steps(curriculum, person, roster) if due]
        if steps:
            made[calendar_file_name(person)] = person_calendar(
                curriculum.title, person, curriculum.roles[person.role].title, base_url + url("path", person.role),
                steps)
    return made


def calendar_file_name(person: Person) -> str:
    return re.sub(r"[^A-Za-z0-9@._+-]", "_", person.username) + ".ics"


def _calendar_folder(folder: str) -> Path:
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise CliError(f"cannot write calendars into {folder}: it is a file, not a folder.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create the folder {folder}: {exc.strerror or exc}.") from None
    return path
