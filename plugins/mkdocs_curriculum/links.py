"""Relative links in a role's copy of a module: the author wrote them from the module's own file.

A role's copy lives at `paths/<role>/<id>.md`, not `<modules>/<id>.md`, so `img/chart.png` or
`other-module.md` would point nowhere. Each relative link is rebased onto the module's folder before
MkDocs resolves it, and a link to another module of the same path goes to the role's own copy of it,
so a learner stays on their path. Pure Markdown: no MkDocs import.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ATTRS = {"a": "href", "img": "src"}


@dataclass(frozen=True)
class Copy:
    """A role's copy of a module: `<role_root><module>.md`, made from `<modules_dir>/<module>.md`."""

    module: str  # `sales/intro`
    role_root: str  # `paths/frontline/`
    modules_dir: str  # `modules`
    path_modules: frozenset  # the module ids of the role's path

    @property
    def source(self) -> str:
        return f"{self.modules_dir}/{self.module}.md"

    @property
    def copy(self) -> str:
        return f"{self.role_root}{self.module}.md"


def relative(url: str):
    """(path, query, anchor) of a link relative to the page's file; None for any other URL."""
    scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc or not path or path.startswith(("/", "\\")):
        return None
    return path, query, anchor


def target(path: str, source: str, copy: Copy | None = None) -> str | None:
    """The docs-relative file a link `path` written in `source` means; in a role's copy, a module of the same
    path means the role's copy of it. None: the link leaves the docs folder."""
    found = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))
    if found.startswith("../") or found == "..":
        return None
    stem, ext = posixpath.splitext(found)
    prefix = copy.modules_dir + "/" if copy else None
    if copy and ext == ".md" and stem.startswith(prefix) and stem[len(prefix):] in copy.path_modules:
        found = copy.role_root + stem[len(prefix):] + ".md"
    return found


def rebase(url: str, copy: Copy) -> str:
    """The URL as written in the module, made to work from the role's copy (others left as they are)."""
    parts = relative(url)
    found = parts and target(parts[0], copy.source, copy)
    if not found:
        return url  # not relative, or outside the docs folder: MkDocs reports it for the module's own page
    path, query, anchor = parts
    new = posixpath.relpath(found, posixpath.dirname(copy.copy))
    if path.endswith("/") and not new.endswith("/"):
        new += "/"
    return urlunsplit(("", "", new, query, anchor))


class _Rebase(Treeprocessor):
    def __init__(self, md, state: "RebaseLinks"):
        super().__init__(md)
        self.state = state

    def run(self, root):
        copy = self.state.copy
        if copy is None:
            return
        for element in root.iter():
            attr = ATTRS.get(element.tag)
            if attr and element.get(attr):
                element.set(attr, rebase(element.get(attr), copy))


class RebaseLinks(Extension):
    """Set `copy` before a role's copy is rendered and None after; it runs before MkDocs' own link step."""

    def __init__(self):
        super().__init__()
        self.copy: Copy | None = None

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Rebase(md, self), "curriculum_rebase", 1)
