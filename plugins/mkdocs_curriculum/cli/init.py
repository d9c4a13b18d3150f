"""`curriculum init [DIR]`: a working starter course (mkdocs.yml, curriculum.yml, one module, .gitignore).

Every target is checked before anything is written, so a refusal leaves the folder exactly as it was; a
failure half-way (a full disk) removes what this run wrote. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import contextlib
import shlex
import unicodedata
from pathlib import Path

from ..pages import count
from ..starter import init_files
from .errors import CliError
from .project import CONFIG_NAMES, shown_path

DEFAULT_TITLE = "Service Academy"


def run_init(args) -> int:
    title = _title(args.title)
    folder = Path(args.directory)
    files = {folder / rel: text for rel, text in init_files(title).items()}
    _refuse_conflicts(folder, files)
    written, made = [], []
    try:
        for path, text in files.items():
            made += [p for p in reversed((path.parent, *path.parent.parents)) if not p.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as stream:
                written.append(path)
                stream.write(text)
    except OSError as exc:
        _undo(written, made)
        where = shown_path(Path(exc.filename)) if exc.filename else shown_path(folder)
        raise CliError(f"cannot write {where}: {exc.strerror}. Nothing was written.") from None
    _report(folder, title, files)
    return 0


def _title(raw: str) -> str:
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in raw):
        raise CliError("--title must be one line of text, without line breaks, tabs or other control characters.", 2)
    if not raw.strip():
        raise CliError("--title must not be empty.", 2)
    return raw.strip()


def _refuse_conflicts(folder: Path, files: dict) -> None:
    """Every file (and, for mkdocs.yml, its other spelling) that is already there, named in one message."""
    if folder.exists() and not folder.is_dir():
        raise CliError(f"{shown_path(folder)} is a file, not a folder. Give `curriculum init` a folder to write into.")
    targets = list(files) + [folder / name for name in CONFIG_NAMES if folder / name not in files]
    clashes = [p for p in targets if p.exists() or p.is_symlink()]
    clashes += [parent for p in files for parent in p.parents
                if parent.exists() and not parent.is_dir() and parent not in clashes]
    if clashes:
        names = ", ".join(shown_path(p) for p in clashes)
        them = "that file" if len(clashes) == 1 else "those files"
        raise CliError(f"{names} already {'exists' if len(clashes) == 1 else 'exist'}; `curriculum init` never "
                       f"overwrites a file, so it wrote nothing. Run it in an empty folder "
                       f"(e.g. `curriculum init my-course`), or move {them} away first.")


def _undo(written: list, made: list) -> None:
    for path in written:
        path.unlink(missing_ok=True)
    for folder in reversed(made):  # deepest first
        with contextlib.suppress(OSError):
            folder.rmdir()


def _report(folder: Path, title: str, files: dict) -> None:
    print(f"Created the course \"{title}\" ({count(len(files), 'file')}):")
    for path in files:
        print(f"  {shown_path(path)}")
    here = folder.resolve() == Path.cwd().resolve()
    go = "" if here else f"cd {shlex.quote(shown_path(folder))} && "
    print("Next:")
    print(f"  {go}mkdocs serve              # preview the site at http://127.0.0.1:8000/")
    print(f"  {go}curriculum check --strict # check every module (or: mkdocs build --strict)")
    print("Then add modules with `curriculum new MODULE-ID --title \"...\" --role frontline`.")
