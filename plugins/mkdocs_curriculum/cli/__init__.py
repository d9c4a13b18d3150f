"""The `curriculum` command: check, scaffold, assign, count and export a curriculum without building the site.

It reads mkdocs.yml with a plain YAML loader (no MkDocs import) to find the docs folder and the plugin's
`curriculum` option, then reuses the same loader as the build, so `check` reports exactly the build's errors.
Exit codes: 0 done, 1 problems in the files, 2 wrong command-line use.

One module per job: `errors` (CliError), `project` (finding mkdocs.yml and the curriculum), `init`, `check`, `new`,
`assign` (with `lrs_auth`, the LRS accounts, and `ics`, the calendars), `report` (what the LRS recorded),
`stats` and `export`; this package holds the parser and `main`.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date
from urllib.parse import urlparse

from .. import __version__
from ..starter import authoring_guide
from . import build as build_commands
from .assign import (
    ASSIGN_COLUMNS,
    PEOPLE_COLUMNS,
    ROSTER_COLUMNS,
    Person,
    assignment_rows,
    check_date_format,
    check_roster,
    parse_date,
    people_rows,
    read_roster,
    run_assign,
)
from .check import load_clean, print_problems, run_check
from .errors import CliError
from .export import run_export_json, run_export_scorm
from .init import DEFAULT_TITLE, run_init
from .new import MODULE_TEMPLATE, run_new
from .project import CONFIG_NAMES, Project, find_project, write_output
from .report import REPORT_COLUMNS, SUMMARY_COLUMNS, run_report
from .stats import STATS_COLUMNS, run_stats, stats_table


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
        prog="curriculum",
        description="Check, scaffold, assign, report on and export a mkdocs-curriculum training site.",
        epilog="Run `curriculum COMMAND --help` for the options of each command.\n"
               "Start a course with `curriculum init my-course`.\n"
               "The authoring guide, with every field and error message:\n"
               f"  {authoring_guide() or 'AUTHORING.md in the mkdocs-curriculum repository'}\n",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"mkdocs-curriculum {__version__}")
    parser.add_argument("-f", "--config-file", metavar="PATH", default=None,
                        help="the MkDocs configuration file (default: mkdocs.yml in the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", metavar="PATH", default=argparse.SUPPRESS,
                        help="the MkDocs configuration file (default: mkdocs.yml in the current folder)")
    for add in (_add_init, _add_check, _add_new, _add_assign, _add_report, _add_stats, _add_export):
        add(sub, common)
    build_commands.add_commands(sub, common, _command)  # `build` and `serve` (--with mkdocs|zensical)
    return parser


def _command(sub, common, name: str, summary: str, run, epilog: str = "") -> argparse.ArgumentParser:
    parser = sub.add_parser(name, parents=[common], help=summary, description=summary, epilog=epilog,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run)
    return parser


def _add_init(sub, common) -> None:
    p = sub.add_parser("init", help="Write a working starter course into a folder (never overwrites a file).",
                       description="Write a working starter course: mkdocs.yml, curriculum.yml with one role,\n"
                                   "content/modules/welcome.md showing every kind of block, and .gitignore.\n"
                                   "It never overwrites a file: if any of them exists, it writes nothing.",
                       epilog='Example: curriculum init my-course --title "Service Academy"\n',
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run_init)
    p.add_argument("directory", metavar="DIR", nargs="?", default=".",
                   help="the folder to write into, created if missing (default: this folder)")
    p.add_argument("--title", default=DEFAULT_TITLE, help=f'the course\'s name (default: "{DEFAULT_TITLE}")')


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
                 "ROSTER.csv needs the columns name,email,role (a role's id or its title, any case); other columns\n"
                 "are copied to the output. An optional `start` column (YYYY-MM-DD, or --date-format) overrides "
                 "--start.\n"
                 "Example: curriculum assign staff.csv --start 2025-03-03 -o plan.csv --people people.csv \\\n"
                 "           --lrs-auth auth.json --ics calendars/")
    p.add_argument("roster", metavar="ROSTER.csv", help="CSV file with the columns name,email,role")
    p.add_argument("--start", required=True, type=_iso_date, metavar="YYYY-MM-DD",
                   help="the day the paths are assigned; due dates count from it")
    p.add_argument("--base-url", type=_base_url, metavar="URL",
                   help="the published site's address (default: site_url in mkdocs.yml)")
    p.add_argument("--date-format", type=_date_format, metavar="FORMAT",
                   help="how the roster's start column writes dates, e.g. %%d/%%m/%%Y (default: only YYYY-MM-DD)")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="write here instead of to the screen")
    p.add_argument("--people", metavar="people.csv",
                   help="also write one row per person: role title, path link, path due date, required minutes")
    p.add_argument("--lrs-auth", metavar="auth.json",
                   help="give each person an LRS account in this Ralph auth file (created or updated) and a personal "
                        "path link in --people; a second run keeps the accounts")
    p.add_argument("--rotate", action="store_true",
                   help="with --lrs-auth: give these people new secrets (their old links stop working)")
    p.add_argument("--ics", metavar="DIR", help="write one calendar (.ics) per person, an event per due date, into DIR")


def _add_report(sub, common) -> None:
    p = _command(sub, common, "report",
                 "Who has done what: read the LRS's statements and write each person's status per module.",
                 run_report,
                 "The password is read from the environment variable CURRICULUM_LRS_PASSWORD (asked on a terminal).\n"
                 "report.csv also writes report-summary.csv (per role and per extra roster column); report.html is\n"
                 "one self-contained page with both, and a chart.\n"
                 "Example: curriculum report --plan plan.csv --lrs http://127.0.0.1:8100/xAPI/ --lrs-user hr "
                 "-o report.html")
    p.add_argument("--plan", required=True, metavar="plan.csv", help="the plan written by `curriculum assign`")
    p.add_argument("--lrs", required=True, type=_lrs_url, metavar="URL", help="the LRS's xAPI address, e.g. "
                   "http://127.0.0.1:8100/xAPI/")
    p.add_argument("--lrs-user", required=True, metavar="USER", help="an LRS account that may read every statement")
    p.add_argument("-o", "--output", metavar="report.csv|report.html",
                   help="write here (.html: a page; anything else: CSV) instead of printing CSV")
    p.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                   help="count overdue modules as of this day (default: today)")


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
               "With --per-module, one zip per module instead, <role>/<module>-scorm12.zip.\n" \
               "Example: curriculum export scorm --role frontline managers -o packages/"
    p.add_argument("--role", action="extend", nargs="+", default=[], metavar="ROLE",
                   help="only these roles (default: every role)")
    p.add_argument("-o", "--output", metavar="DIR", default=".", help="the folder to write into (default: here)")
    p.add_argument("--per-module", action="store_true",
                   help="one package per module (one SCO each), for an LMS that launches one SCO per package")
    p.add_argument("--strict", action="store_true",
                   help="fail on warnings too (a link to a page outside a package, with no site_url to send it to)")
    p.set_defaults(run=run_export_scorm)


# The hook for more export formats: name -> (one-line help, function that adds arguments and sets `run`).
EXPORT_FORMATS = {
    "json": ("Write the whole curriculum as JSON (schema: schema/curriculum.schema.json).", _configure_export_json),
    "scorm": ("Write each role's learning path as a SCORM 1.2 package for an LMS.", _configure_export_scorm),
}


def _positive_number(text: str) -> float:
    """Minutes: a finite number above 0 (float() also reads 'nan' and 'inf', which no module lasts)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of minutes (got {text!r})") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a number of minutes, such as 15 (got {text!r})")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 (got {text!r})")
    return int(value) if value.is_integer() else value


def _iso_date(text: str) -> date:
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"must be a date written YYYY-MM-DD, such as 2025-03-03 (got {text!r})")
    return value


def _date_format(text: str) -> str:
    if not check_date_format(text):
        raise argparse.ArgumentTypeError(f"must give the day, month and year, such as %d/%m/%Y (got {text!r})")
    return text


def _lrs_url(text: str) -> str:
    parsed = urlparse(text.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise argparse.ArgumentTypeError(
            f"must be the LRS's xAPI address, such as http://127.0.0.1:8100/xAPI/ (got {text!r})")
    return text.strip().rstrip("/") + "/"


def _base_url(text: str) -> str:
    parsed = urlparse(text.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise argparse.ArgumentTypeError(
            f"must be the site's address, such as https://academy.example.com/ (got {text!r})")
    return text.strip().rstrip("/") + "/"


__all__ = [
    "ASSIGN_COLUMNS", "CONFIG_NAMES", "EXPORT_FORMATS", "MODULE_TEMPLATE", "PEOPLE_COLUMNS", "REPORT_COLUMNS",
    "ROSTER_COLUMNS", "STATS_COLUMNS", "SUMMARY_COLUMNS", "CliError", "Person", "Project", "assignment_rows",
    "build_parser", "check_date_format", "check_roster", "find_project", "load_clean", "main", "parse_date",
    "people_rows", "print_problems", "read_roster", "run_assign", "run_check", "run_export_json",
    "run_export_scorm", "run_init", "run_new", "run_report", "run_stats", "stats_table", "write_output",
]
