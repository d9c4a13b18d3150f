"""`curriculum check`, and loading a curriculum the other commands can trust."""

from __future__ import annotations

import sys

from ..errors import Problems
from ..load import load_curriculum
from ..model import Curriculum
from ..pages import count
from .errors import CliError
from .project import Project, find_project


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
        return f"Found {count(errors, 'error')} and {count(warnings, 'warning')}{note}."
    assert curriculum is not None  # no errors: it loaded
    found = f"{count(len(curriculum.roles), 'role')}, {count(len(curriculum.modules), 'module')}"
    return f"OK: {found}" + (f"; {count(warnings, 'warning')}." if warnings else ", no problems.")



def load_clean(project: Project) -> Curriculum:
    """The curriculum, or the errors on stderr and a CliError: the other commands need a correct one."""
    curriculum, problems = load_curriculum(project.curriculum, project.docs_dir, project.root)
    if problems.errors:
        print_problems(Problems(problems.errors), sys.stderr)
        raise CliError(f"the curriculum has {count(len(problems.errors), 'error')}, listed above. "
                       "Fix them first (`curriculum check` lists them).")
    assert curriculum is not None  # no errors: it loaded
    return curriculum
