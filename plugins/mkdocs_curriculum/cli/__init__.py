"""The `curriculum` command: check, scaffold, assign, count and export a curriculum without building the site.

It reads mkdocs.yml with a plain YAML loader (no MkDocs import) to find the docs folder and the plugin's
`curriculum` option, then reuses the same loader as the build, so `check` reports exactly the build's errors.
Exit codes: 0 done, 1 problems in the files, 2 wrong command-line use.

One module per job: `errors` (CliError), `project` (finding mkdocs.yml and the curriculum), `check`, `new`,
`assign`, `stats` and `export`; this package holds the parser and `main`.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date
from urllib.parse import urlparse

from .. import __version__
from .assign import (
    ASSIGN_COLUMNS, ROSTER_COLUMNS, Person, assignment_rows, check_roster, parse_date, read_roster, run_assign,
)
from .check import load_clean, print_problems, run_check
from .errors import CliError
from .export import run_export_json, run_export_scorm
from .new import MODULE_TEMPLATE, run_new
from .project import CONFIG_NAMES, Project, find_project, write_output
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


def _base_url(text: str) -> str:
    parsed = urlparse(text.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise argparse.ArgumentTypeError(f"must be the site's address, such as https://academy.example.com/ (got {text!r})")
    return text.strip().rstrip("/") + "/"


__all__ = [
    "ASSIGN_COLUMNS", "CONFIG_NAMES", "EXPORT_FORMATS", "MODULE_TEMPLATE", "ROSTER_COLUMNS", "STATS_COLUMNS",
    "CliError", "Person", "Project", "assignment_rows", "build_parser", "check_roster", "find_project",
    "load_clean", "main", "parse_date", "print_problems", "read_roster", "run_assign", "run_check",
    "run_export_json", "run_export_scorm", "run_new", "run_stats", "stats_table", "write_output",
]
