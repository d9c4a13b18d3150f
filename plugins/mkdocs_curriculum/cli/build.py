"""`curriculum build` and `curriculum serve`: build or preview the site with MkDocs (the default) or Zensical.

`--with mkdocs` runs `mkdocs build` / `mkdocs serve` (the plugin does the work). `--with zensical` writes the
generated project (`zensical_host`, in `.curriculum/zensical/` next to mkdocs.yml), runs `zensical build` and
copies the site to `site_dir`; `serve` runs `zensical serve` on it and regenerates it when an author's file
changes, as `mkdocs serve` does with the plugin: a mistake is printed and shown at the top of the pages, and the
preview keeps what still loads (preview.py). Zensical is found next to the running Python, then on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from .. import preview, zensical_host
from ..load import load_curriculum
from .check import load_clean, print_problems
from .errors import CliError
from .project import _plugin_options, _read_config, find_project

HOSTS = ("mkdocs", "zensical")
INSTALL = 'pip install "mkdocs-curriculum[zensical]"'


def add_commands(sub, common, command) -> None:
    """Register `build` and `serve` (`command` is cli._command)."""
    p = command(sub, common, "build", "Build the site with MkDocs (default) or Zensical.", run_build,
                "Example: curriculum build --with zensical")
    p.add_argument("--with", dest="host", choices=HOSTS, default="mkdocs", help="the site generator (default: mkdocs)")
    p.add_argument("-d", "--site-dir", metavar="DIR",
                   help="write the site here (default: site_dir in mkdocs.yml, or site/)")
    p.add_argument("--strict", action="store_true", help="fail on warnings")
    p = command(sub, common, "serve", "Preview the site with MkDocs (default) or Zensical, rebuilt on every save.",
                run_serve, "Example: curriculum serve --with zensical -a 127.0.0.1:8000")
    p.add_argument("--with", dest="host", choices=HOSTS, default="mkdocs", help="the site generator (default: mkdocs)")
    p.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="where to serve (default: 127.0.0.1:8000)")


def run_build(args) -> int:
    project = find_project(args.config_file)
    if args.host == "mkdocs":
        extra = (["-d", args.site_dir] if args.site_dir else []) + (["--strict"] if args.strict else [])
        return _mkdocs("build", project.config_file, extra)
    zensical = find_zensical()
    curriculum = load_clean(project)
    config = _read_config(project.config_file)
    _plugin_only(config, args.strict)
    mkdocs_yml = zensical_host.generate(curriculum, config, project.root, project.docs_dir)
    command = [zensical, "build", "--clean", "-f", str(mkdocs_yml)] + (["--strict"] if args.strict else [])
    if subprocess.run(command, cwd=mkdocs_yml.parent).returncode != 0:
        raise CliError("zensical build failed (its messages are above).")
    site = Path(args.site_dir) if args.site_dir else project.root / str(config.get("site_dir") or "site")
    zensical_host.finish(curriculum, project.root, site.resolve(), project.directory_urls)
    print(f"Site written to {site}")
    return 0


def run_serve(args) -> int:
    project = find_project(args.config_file)
    if args.host == "mkdocs":
        return _mkdocs("serve", project.config_file, ["-a", args.dev_addr] if args.dev_addr else [])
    zensical = find_zensical()
    _plugin_only(_read_config(project.config_file), strict=False)
    good = _generate_preview(project, None)
    mkdocs_yml = zensical_host.work_dir(project.root) / "mkdocs.yml"
    command = [zensical, "serve", "-f", str(mkdocs_yml)] + (["-a", args.dev_addr] if args.dev_addr else [])
    proc = subprocess.Popen(command, cwd=mkdocs_yml.parent)
    stop = threading.Event()
    threading.Thread(target=_regenerate, args=(project, good, stop), daemon=True).start()
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=30)
        return 130
    finally:
        stop.set()


def _plugin_only(config: dict, strict: bool) -> None:
    """Say so when mkdocs.yml asks for what only the MkDocs plugin builds: HR would otherwise wait for learning
    records that a Zensical site never sends (`--strict` stops the build instead)."""
    if not _plugin_options(config.get("plugins")).get("tracking"):
        return
    message = ("mkdocs.yml turns on `tracking` (xAPI), which only the MkDocs plugin builds: this Zensical site "
               "sends no learning records. Build with `curriculum build` (MkDocs) to keep them.")
    if strict:
        raise CliError(message)
    print(f"warning: {message}", file=sys.stderr)


def _generate_preview(project, good):
    """Write the generated project for the preview, errors and all; returns the last curriculum without errors
    (`good` before it), which stands in while curriculum.yml cannot be read."""
    curriculum, problems = load_curriculum(project.curriculum, project.docs_dir, project.root)
    print_problems(problems, sys.stderr)
    stale = curriculum is None and good is not None
    shown = good if stale else curriculum
    if shown is None:
        raise CliError("curriculum.yml cannot be read (the error is above): fix it, then start the preview again.")
    banner = preview.error_banner(problems.errors, stale)
    zensical_host.generate(preview.usable(shown), _read_config(project.config_file), project.root, project.docs_dir,
                           banner)
    return good if problems.errors else curriculum


def _regenerate(project, good, stop: threading.Event) -> None:
    """Serving: when an author's file changes, write the generated project again (Zensical then rebuilds)."""
    before = _snapshot(project)
    while not stop.wait(1.0):
        now = _snapshot(project)
        if now == before:
            continue
        before = now
        try:
            good = _generate_preview(project, good)
        except CliError as exc:
            print(f"error: {exc}", file=sys.stderr)


def _snapshot(project) -> dict:
    files = [project.config_file, project.curriculum] + [p for p in project.docs_dir.rglob("*") if p.is_file()]
    return {str(p): p.stat().st_mtime_ns for p in files if p.exists()}


def _mkdocs(command: str, config_file: Path, extra: list) -> int:
    return subprocess.run([sys.executable, "-m", "mkdocs", command, "-f", str(config_file), *extra]).returncode


def find_zensical() -> str:
    """The `zensical` executable of this Python environment, else the one on PATH."""
    name = "zensical.exe" if os.name == "nt" else "zensical"
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which("zensical")
    if not found:
        raise CliError(f"Zensical is not installed. Install it with: {INSTALL}")
    return found
