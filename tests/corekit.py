"""Small helpers for the core's unit tests: tiny projects on disk and one-call parsing.

Not a conftest: import what you need (`from corekit import project, load, parse`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs_curriculum import blocks
from mkdocs_curriculum.load import load_curriculum

ROLES = frozenset({"frontline", "managers"})

CURRICULUM = """\
title: Test Academy
pass_mark: 80
roles:
  frontline:
    title: Frontline staff
    path:
      - welcome
      - basics
  managers:
    title: Middle managers
    path: [welcome]
"""

MODULE = """\
---
title: {title}
duration: 10
---

Some text.
"""


def module(title: str = "A module", body: str = "") -> str:
    """A valid module file: front matter on lines 1-4, a blank line, 'Some text.' on line 6, then `body`."""
    return MODULE.format(title=title) + body


def project(root: Path, curriculum: str | bytes = CURRICULUM, modules: dict | None = None) -> Path:
    """Write curriculum.yml and content/modules/<id>.md files under root; return root.

    `modules` maps id -> text or bytes; text is written exactly as given (no dedent, LF endings).
    Default: valid `welcome` and `basics` modules.
    """
    if modules is None:
        modules = {"welcome": module("Welcome"), "basics": module("Basics")}
    root.mkdir(parents=True, exist_ok=True)
    _write(root / "curriculum.yml", curriculum)
    (root / "content" / "modules").mkdir(parents=True, exist_ok=True)
    for mid, text in modules.items():
        _write(root / "content" / "modules" / f"{mid}.md", text)
    return root


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def load(root: Path):
    """load_curriculum on a project written by `project`."""
    return load_curriculum(root / "curriculum.yml", root / "content", root)


def lines(*items: str) -> str:
    """Join lines with LF, so a test can count line numbers at a glance (the first is line 1)."""
    return "\n".join(items)


def parse(body: str, roles=ROLES, first_line: int = 1):
    """blocks.parse_body -> (nodes, [SourceError, ...])."""
    ctx = blocks.Context("m", frozenset(roles))
    nodes = blocks.parse_body(body, first_line, ctx)
    return nodes, ctx.problems


def only(items: list):
    assert len(items) == 1, items
    return items[0]


def found(problems, fragment: str):
    """The problems (Problem or SourceError) whose message or hint contains `fragment`."""
    return [p for p in _items(problems) if fragment in p.message or fragment in p.hint]


def _items(problems):
    return problems.items if hasattr(problems, "items") else problems
