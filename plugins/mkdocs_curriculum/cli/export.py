"""`curriculum export json` and `curriculum export scorm`."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import export
from ..pages import count
from .check import load_clean
from .errors import CliError, check_role_names
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
    check_role_names(args.role, list(curriculum.roles))
    roles = list(dict.fromkeys(args.role)) or list(curriculum.roles)
    if Path(args.output).exists() and not Path(args.output).is_dir():
        raise CliError(f"cannot write into {args.output}: it is a file; -o takes the folder to put the packages in.")
    try:
        paths = scorm.export_packages(project.config_file, args.output, roles, per_module=args.per_module,
                                      strict=args.strict)
    except (scorm.ScormError, MkDocsException) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot export to {args.output}: {exc.filename or args.output}: {exc.strerror or exc}. "
                       "Check that the folder can be written.") from None
    steps = [1] * len(paths) if args.per_module else [len(curriculum.roles[role].path) for role in roles]
    for path, modules in zip(paths, steps, strict=False):
        print(f"Wrote {path} ({count(modules, 'module')}, {path.stat().st_size // 1024} KB).", file=sys.stderr)
    return 0
