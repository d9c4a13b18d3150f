"""`curriculum export json` and `curriculum export scorm`."""

from __future__ import annotations

import sys

from .. import export
from .errors import CliError
from .check import load_clean, plural
from .project import find_project, write_output


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

    from ..export import scorm  # imports MkDocs: only this command needs it

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
        print(f"Wrote {path} ({plural(steps, 'module')}, {path.stat().st_size // 1024} KB).", file=sys.stderr)
    return 0
