"""The `curriculum` command: check, scaffold, assign, count and export a curriculum without building the site.

It reads mkdocs.yml with a plain YAML loader (no MkDocs import) to find the docs folder and the plugin's
`curriculum` option, then reuses the same loader as the build, so `check` reports exactly the build's errors.
Exit codes: 0 done, 1 problems in the files, 2 wrong command-line use.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import yaml

from . import __version__, export
from .errors import Problems, SourceError
from .load import MODULE_ID, load_curriculum
from .model import Curriculum
from .pages import minutes
from .source import read_text

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
ROSTER_COLUMNS = ("name", "email", "role")
ASSIGN_COLUMNS = ("module_id", "module_title", "url", "requirement", "minutes", "due_date")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


class CliError(Exception):
    """A mistake to report in one clear sentence, then exit with `code`."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130


# -- the parser -----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curriculum", description="Check, scaffold, assign and export a mkdocs-curriculum training site.",
        epilog="Run `curriculum COMMAND --help` for the options of each command.")
    parser.add_argument("--version", action="version", version=f"mkdocs-curriculum {__version__}")
    parser.add_argument("-f", "--config-file", metavar="PATH", default=None,
                        help="the MkDocs configuration file (default: mkdocs.yml in the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", metavar="PATH", default=argparse.SUPPRESS,
                        help="the MkDocs configuration file (default: mkdocs.yml in the current folder)")
    for add in (_add_check, _add_new, _add_assign, _add_stats, _add_export):
        add(sub, common)
    return parser


def _command(sub, common, name: str, summary: str, run, epilog: str = "") -> argparse.ArgumentParser:
    parser = sub.add_parser(name, parents=[common], help=summary, description=summary, epilog=epilog,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run)
    return parser


def _add_check(sub, common) -> None:
    p = _command(sub, common, "check", "Check curriculum.yml and every module, without building the site.", run_check,
                 "Prints each problem with its file and line; exits 1 if there are errors.\n"
                 "Example: curriculum check --strict")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors too")


def _add_new(sub, common) -> None:
    p = _command(sub, common, "new", "Create a module file from a template and add it to roles' paths.", run_new,
                 'Example: curriculum new handling-complaints --title "Handling complaints" --role frontline managers')
    p.add_argument("module_id", metavar="MODULE-ID", help="the new module's id, e.g. `handling-complaints`")
    p.add_argument("--title", required=True, help="the module's title")
    p.add_argument("--role", action="extend", nargs="+", default=[], metavar="ROLE",
                   help="add the module at the end of these roles' paths (repeatable)")
    p.add_argument("--summary", default="", help="one sentence on what the module is for")
    p.add_argument("--duration", type=_positive_number, default=15, metavar="MINUTES",
                   help="estimated minutes (default: 15)")


def _add_assign(sub, common) -> None:
    p = _command(sub, common, "assign", "Turn a roster of people into one row per person and module, with due dates.",
                 run_assign,
                 "ROSTER.csv needs the columns name,email,role; other columns are copied to the output.\n"
                 "An optional `start` column (YYYY-MM-DD) overrides --start for that person.\n"
                 "Example: curriculum assign staff.csv --start 2025-03-03 --base-url https://academy.example.com/ -o plan.csv")
    p.add_argument("roster", metavar="ROSTER.csv", help="CSV file with the columns name,email,role")
    p.add_argument("--start", required=True, type=_iso_date, metavar="YYYY-MM-DD",
                   help="the day the paths are assigned; due dates count from it")
    p.add_argument("--base-url", required=True, type=_base_url, metavar="URL", help="the published site's address")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="write here instead of to the screen")


def _add_stats(sub, common) -> None:
    p = _command(sub, common, "stats", "Count modules, quizzes, coaching prompts, words and minutes per role.",
                 run_stats, "Example: curriculum stats --json")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _add_export(sub, common) -> None:
    """`curriculum export FORMAT`: one subcommand per entry of EXPORT_FORMATS."""
    p = sub.add_parser("export", help="Write the curriculum in a format other systems read.",
                       description="Write the curriculum in a format other systems read.")
    formats = p.add_subparsers(dest="format", required=True, metavar="FORMAT")
    for name, (summary, configure) in EXPORT_FORMATS.items():
        configure(_command(formats, common, name, summary, None))


def _configure_export_json(p: argparse.ArgumentParser) -> None:
    p.epilog = "The same data as the site's curriculum.json; URLs are relative to the site root.\n" \
               "Example: curriculum export json -o curriculum.json"
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of to the screen")
    p.set_defaults(run=run_export_json)


def _configure_export_scorm(p: argparse.ArgumentParser) -> None:
    p.epilog = "One zip per role, <role>-scorm12.zip: upload it to the LMS as a SCORM 1.2 package.\n" \
               "Example: curriculum export scorm --role frontline managers -o packages/"
    p.add_argument("--role", action="extend", nargs="+", default=[], metavar="ROLE",
                   help="only these roles (default: every role)")
    p.add_argument("-o", "--output", metavar="DIR", default=".", help="the folder to write into (default: here)")
    p.set_defaults(run=run_export_scorm)


# The hook for more export formats: name -> (one-line help, function that adds arguments and sets `run`).
EXPORT_FORMATS = {
    "json": ("Write the whole curriculum as JSON (schema: schema/curriculum.schema.json).", _configure_export_json),
    "scorm": ("Write each role's learning path as a SCORM 1.2 package for an LMS.", _configure_export_scorm),
}


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of minutes (got {text!r})") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 (got {text!r})")
    return int(value) if value.is_integer() else value


def _iso_date(text: str) -> date:
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"must be a date written YYYY-MM-DD, such as 2025-03-03 (got {text!r})")
    return value


def parse_date(text: str) -> date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _base_url(text: str) -> str:
    parsed = urlparse(text.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise argparse.ArgumentTypeError(f"must be the site's address, such as https://academy.example.com/ (got {text!r})")
    return text.strip().rstrip("/") + "/"


# -- finding the project --------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    config_file: Path
    root: Path
    docs_dir: Path
    curriculum: Path
    directory_urls: bool


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV` is resolved, other tags (`!!python/name:...`) read as plain values."""


def _env_tag(loader, node):
    items = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    names, default = (items, None) if len(items) == 1 else (items[:-1], items[-1])
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("", _any_tag)


def find_project(config_file: str | None) -> Project:
    path = Path(config_file) if config_file else next((Path(n) for n in CONFIG_NAMES if Path(n).is_file()), None)
    if path is None:
        raise CliError("no mkdocs.yml in this folder. Run the command where mkdocs.yml is, or pass -f path/to/mkdocs.yml.")
    config = _read_config(path)
    root = path.resolve().parent
    docs = config.get("docs_dir") or "docs"
    option = _plugin_options(config.get("plugins")).get("curriculum") or "curriculum.yml"
    if not isinstance(docs, str) or not isinstance(option, str):
        raise CliError(f"{path}: `docs_dir` and the curriculum plugin's `curriculum` option must be text.")
    urls = config.get("use_directory_urls", True)
    return Project(path, root, root / docs, root / option, urls is not False)


def _read_config(path: Path, depth: int = 0) -> dict:
    try:
        data = yaml.load(read_text(path), Loader=_MkDocsLoader)  # noqa: S506 - a SafeLoader subclass
    except SourceError as exc:
        raise CliError(f"{path}: {exc.message}") from None
    except yaml.YAMLError as exc:
        raise CliError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise CliError(f"{path} must be a YAML mapping, such as `site_name: ...`.")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 10:
        return _merge(_read_config(path.parent / parent, depth + 1), data)
    return data


def _merge(base: dict, override: dict) -> dict:
    """MkDocs' INHERIT: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merge(merged[key], value) if both else value
    return merged


def _plugin_options(plugins) -> dict:
    """The curriculum plugin's options, from either form MkDocs accepts (a list or a mapping)."""
    entries = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or []]
    for name, options in entries:
        if name == "curriculum":
            return options if isinstance(options, dict) else {}
    return {}


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# -- check ----------------------------------------------------------------------------------------


def run_check(args) -> int:
    project = find_project(args.config_file)
    curriculum, problems = load_curriculum(project.curriculum, project.docs_dir, project.root)
    print_problems(problems, sys.stdout)
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    print(_check_summary(curriculum, problems, args.strict))
    return 1 if failed else 0


def print_problems(problems: Problems, stream) -> None:
    for problem in problems.errors + problems.warnings:
        print(f"{problem.severity}: {problem}", file=stream)


def _check_summary(curriculum: Curriculum | None, problems: Problems, strict: bool) -> str:
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or (strict and warnings):
        note = " (--strict: warnings fail too)" if strict and warnings else ""
        return f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')}{note}."
    found = f"{_plural(len(curriculum.roles), 'role')}, {_plural(len(curriculum.modules), 'module')}"
    return f"OK: {found}" + (f"; {_plural(warnings, 'warning')}." if warnings else ", no problems.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def load_clean(project: Project) -> Curriculum:
    """The curriculum, or the errors on stderr and a CliError: the other commands need a correct one."""
    curriculum, problems = load_curriculum(project.curriculum, project.docs_dir, project.root)
    if problems.errors:
        print_problems(Problems(problems.errors), sys.stderr)
        raise CliError(f"the curriculum has {_plural(len(problems.errors), 'error')}, listed above. "
                       "Fix them first (`curriculum check` lists them).")
    return curriculum


# -- output ---------------------------------------------------------------------------------------


def write_output(text: str, output: str | None) -> None:
    """Print, or write the file whole: a temporary file in the same folder, then an atomic rename."""
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output)
    if not target.parent.is_dir():
        raise CliError(f"cannot write {output}: the folder {target.parent} does not exist.")
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# -- new ------------------------------------------------------------------------------------------

MODULE_TEMPLATE = """\
---
{front}---

Write the module here in Markdown. Keep it short: one idea, one practice task.

## Why it matters

Explain the idea with an example from your own organisation.

/// quiz | Replace this with your question?
- [x] A right answer
    Feedback shown when a learner picks this choice.
- [ ] A wrong answer
    Explain why this choice is wrong.

An explanation shown after the learner checks the answer.
///

/// coaching | Put it into practice
Describe one situation from your work this week where you could use this.
What will you do differently?
///
"""


def run_new(args) -> int:
    mid = _module_id(args.module_id)
    title = args.title.strip()
    if not title:
        raise CliError("--title must not be empty.", 2)
    project = find_project(args.config_file)
    doc, rt = _read_round_trip(project.curriculum)
    roles = _roles_of(doc, project.curriculum)
    _check_roles(args.role, roles)
    target = project.docs_dir / str(doc.get("modules") or "modules").strip("/") / f"{mid}.md"
    _write_module(target, _module_text(title, args.summary, args.duration))
    added = [rid for rid in dict.fromkeys(args.role) if _append_step(roles[rid], mid)]
    if added:
        _write_round_trip(project.curriculum, doc, rt)
    _report_new(target, mid, added, args.role)
    return 0


def _module_id(raw: str) -> str:
    mid = raw.strip().removesuffix(".md")
    if not MODULE_ID.match(mid):
        raise CliError(f"'{raw}' is not a valid module id. Use lower-case letters, digits, '-' and '_' "
                       "(and '/' for a subfolder), starting with a letter or digit, e.g. `handling-complaints`.", 2)
    return mid


class _FrontMatterDumper(yaml.SafeDumper):
    """Indents list items under their key (`  - item`), as the authoring guide does."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _module_text(title: str, summary: str, duration: float) -> str:
    front = {"title": title, "summary": summary.strip() or "One sentence on what this module is for.",
             "duration": duration, "objectives": ["Describe what a learner will be able to do after this module."]}
    text = yaml.dump(front, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=10**6)
    return MODULE_TEMPLATE.format(front=text)


def _write_module(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise CliError(f"{_shown(target)} already exists; `curriculum new` never overwrites a module. "
                       "Choose another id, or edit that file.") from None
    except OSError as exc:
        raise CliError(f"cannot create {_shown(target)}: {exc.strerror}.") from None


def _report_new(target: Path, mid: str, added: list, requested: list) -> None:
    print(f"Created {_shown(target)}.")
    if added:
        print(f"Added '{mid}' to the end of the path of: {', '.join(added)}.")
    for rid in dict.fromkeys(requested):
        if rid not in added:
            print(f"'{mid}' was already in the path of {rid}.")
    if not requested:
        print(f"'{mid}' is in no role's path yet: add it under `path:` in curriculum.yml.")
    print("Next: write the module, then run `curriculum check`.")


# ruamel.yaml round trip: curriculum.yml keeps its comments, order, quotes and indentation.


def _read_round_trip(path: Path):
    from ruamel.yaml.error import YAMLError

    try:
        text = read_text(path)
        rt = _yaml_like(text)
        return rt.load(text), rt
    except SourceError as exc:
        raise CliError(f"{_shown(path)}: {exc.message}") from None
    except YAMLError:
        raise CliError(f"{_shown(path)} is not valid YAML; run `curriculum check` to see where.") from None


def _yaml_like(text: str):
    """A round-trip YAML whose indentation reproduces `text` exactly (tried: the usual layouts)."""
    from ruamel.yaml import YAML

    def make(mapping, offset):
        rt = YAML()
        rt.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        rt.preserve_quotes, rt.width = True, 4096
        return rt

    doc = make(2, 2).load(text)
    layouts = [(m, o) for m in (2, 4, 3) for o in (2, 0, 4, 1, 3) if o <= m + 2]
    for mapping, offset in layouts:
        rt, out = make(mapping, offset), io.StringIO()
        rt.dump(doc, out)
        if out.getvalue() == text:
            return rt
    return make(2, 2)


def _roles_of(doc, path: Path) -> dict:
    roles = doc.get("roles") if isinstance(doc, dict) else None
    if not isinstance(roles, dict) or not roles:
        raise CliError(f"{_shown(path)} has no `roles`; run `curriculum check` to see why.")
    return roles


def _check_roles(requested: list, roles: dict) -> None:
    known = ", ".join(str(r) for r in roles)
    for rid in requested:
        if rid not in roles:
            close = difflib.get_close_matches(rid, [str(r) for r in roles], n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise CliError(f"unknown role '{rid}'.{hint} Known roles: {known}.")
        if not isinstance(roles[rid], dict):
            raise CliError(f"role '{rid}' is not a mapping in curriculum.yml; run `curriculum check`.")


def _append_step(role, mid: str) -> bool:
    """Add `mid` at the end of the role's path in the style of its last entry; False if already there."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = role.get("path")
    if path is None:
        path = role["path"] = CommentedSeq()
    if not isinstance(path, list):
        raise CliError("a role's `path` is not a list in curriculum.yml; run `curriculum check`.")
    if any((s.get("module") if isinstance(s, dict) else s) == mid for s in path):
        return False
    last = path[-1] if path else None
    path.append(CommentedMap(module=mid) if isinstance(last, dict) else mid)
    if last is not None and not path.fa.flow_style():
        _move_trailing_comment(path)
    return True


def _comment_slot(seq, index: int):
    """Where ruamel keeps the comment that follows item `index` of a block sequence."""
    item = seq[index]
    if isinstance(item, dict) and len(item):
        return item.ca.items, list(item)[-1], 2
    return seq.ca.items, index, 0


def _move_trailing_comment(seq) -> None:
    """Comments and blank lines after the old last entry belong after the new one; an end-of-line comment stays."""
    import copy

    items, key, pos = _comment_slot(seq, len(seq) - 2)
    entry = items.get(key)
    token = entry[pos] if entry else None
    if token is None or "\n" not in token.value:
        return
    head, rest = token.value.split("\n", 1)
    if not rest:
        return
    moved = copy.copy(token)
    moved.value = "\n" + rest
    if head.strip():
        token.value = head + "\n"
    else:
        entry[pos] = None
    new_items, new_key, new_pos = _comment_slot(seq, len(seq) - 1)
    new_items.setdefault(new_key, [None, None, None, None])[new_pos] = moved


def _write_round_trip(path: Path, doc, rt) -> None:
    raw = path.read_bytes()
    out = io.StringIO()
    rt.dump(doc, out)
    text = out.getvalue()
    if b"\r\n" in raw:
        text = text.replace("\n", "\r\n")
    if raw.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    write_output(text, str(path))


# -- assign ---------------------------------------------------------------------------------------


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
        raise CliError(f"{args.roster}: {_plural(len(errors), 'problem')}, listed above; nothing was written.")
    url = export.site_url(curriculum.modules_dir, project.directory_urls)
    extras = [h for h in header if h.lower() not in ROSTER_COLUMNS]
    table = assignment_rows(curriculum, people, args.base_url, url)
    write_output(_csv_text(list(ROSTER_COLUMNS) + extras + list(ASSIGN_COLUMNS), table, args.output), args.output)
    if args.output:
        print(f"Wrote {len(table)} assignments for {_plural(len(people), 'person')} to {args.output}.", file=sys.stderr)
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
    if not role:
        return f"the role is empty. Known roles: {', '.join(curriculum.roles)}."
    close = difflib.get_close_matches(role.lower(), list(curriculum.roles), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"unknown role '{role}'.{hint} Known roles: {', '.join(curriculum.roles)}."


def assignment_rows(curriculum: Curriculum, people: list, base_url: str, url) -> list:
    rows = []
    for person in people:
        for step in curriculum.roles[person.role].path:
            module = curriculum.modules[step.module]
            due = (person.start + timedelta(days=step.due_days)).isoformat() if step.due_days is not None else ""
            rows.append([person.name, person.email, person.role, *person.extra, module.id, module.title,
                         base_url + url("module", person.role, module.id),
                         "optional" if step.optional else "required", f"{module.duration:g}", due])
    return rows


def _csv_text(header: list, rows: list, output: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if output else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


# -- stats ----------------------------------------------------------------------------------------

STATS_COLUMNS = (("role", "Role"), ("modules", "Modules"), ("optional_modules", "Optional"),
                 ("quizzes", "Quizzes"), ("coaching_prompts", "Coaching"), ("words", "Words"),
                 ("required_minutes", "Required time"), ("optional_minutes", "Optional time"))


def run_stats(args) -> int:
    curriculum = load_clean(find_project(args.config_file))
    data = stats(curriculum)
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else stats_table(data))
    return 0


def stats(curriculum: Curriculum) -> dict:
    """Per role: what its people take. Words count each module's whole source, every role's sections included."""
    modules = curriculum.modules
    roles = []
    for role in curriculum.roles.values():
        steps = [(s, modules[s.module]) for s in role.path]
        roles.append({
            "role": role.id, "title": role.title, "modules": len(steps),
            "optional_modules": sum(s.optional for s, _ in steps),
            "quizzes": sum(len(m.questions(role.id)) for _, m in steps),
            "coaching_prompts": sum(len(m.coachings(role.id)) for _, m in steps),
            "words": sum(m.words for _, m in steps),
            "required_minutes": role.required_minutes(modules), "optional_minutes": role.optional_minutes(modules),
        })
    total = {"modules": len(modules), "quizzes": sum(len(m.questions()) for m in modules.values()),
             "coaching_prompts": sum(len(m.coachings()) for m in modules.values()),
             "words": sum(m.words for m in modules.values()), "minutes": sum(m.duration for m in modules.values())}
    return {"title": curriculum.title, "roles": roles, "total": total}


def stats_table(data: dict) -> str:
    heads = [label for _, label in STATS_COLUMNS]
    rows = [[_cell(key, r[key]) for key, _ in STATS_COLUMNS] for r in data["roles"]]
    t = data["total"]
    rows.append(["All modules", str(t["modules"]), "", str(t["quizzes"]), str(t["coaching_prompts"]),
                 str(t["words"]), minutes(t["minutes"]), ""])
    widths = [max(len(r[i]) for r in [heads] + rows) for i in range(len(heads))]

    def line(cells):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([data["title"], "", line(heads), rule] + [line(r) for r in rows[:-1]] + [rule, line(rows[-1])])


def _cell(key: str, value) -> str:
    return minutes(value) if key.endswith("_minutes") else str(value)


# -- export ---------------------------------------------------------------------------------------


def run_export_json(args) -> int:
    project = find_project(args.config_file)
    curriculum = load_clean(project)
    data = export.curriculum_data(curriculum, export.site_url(curriculum.modules_dir, project.directory_urls))
    write_output(export.dumps(data), args.output)
    if args.output:
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def run_export_scorm(args) -> int:
    from mkdocs.exceptions import MkDocsException

    from .export import scorm  # imports MkDocs: only this command needs it

    project = find_project(args.config_file)
    curriculum = load_clean(project)
    unknown = [r for r in args.role if r not in curriculum.roles]
    if unknown:
        raise CliError(f"unknown role(s) {', '.join(unknown)}. Known roles: {', '.join(curriculum.roles)}.", 2)
    roles = list(dict.fromkeys(args.role)) or list(curriculum.roles)
    try:
        paths = scorm.export_packages(project.config_file, args.output, roles)
    except (scorm.ScormError, MkDocsException) as exc:
        raise CliError(str(exc)) from None
    for role, path in zip(roles, paths):
        steps = len(curriculum.roles[role].path)
        print(f"Wrote {path} ({_plural(steps, 'module')}, {path.stat().st_size // 1024} KB).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
