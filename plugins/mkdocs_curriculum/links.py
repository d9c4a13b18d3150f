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

_ATTRS = {"a": "href", "img": "src"}


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


def rebase(url: str, copy: Copy) -> str:
    """The URL as written in the module, made to work from the role's copy (others left as they are)."""
    scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc or not path or path.startswith(("/", "\\")):
        return url
    target = posixpath.normpath(posixpath.join(posixpath.dirname(copy.source), unquote(path)))
    if target.startswith("../"):
        return url  # outside the docs folder: MkDocs reports it for the module's own page
    stem, ext = posixpath.splitext(target)
    prefix = copy.modules_dir + "/"
    if ext == ".md" and stem.startswith(prefix) and stem[len(prefix):] in copy.path_modules:
        target = copy.role_root + stem[len(prefix):] + ".md"
    new = posixpath.relpath(target, posixpath.dirname(copy.copy))
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
            attr = _ATTRS.get(element.tag)
            if attr and element.get(attr):
                element.set(attr, rebase(element.get(attr), copy))


class RebaseLinks(Extension):
    """Set `copy` before a role's copy is rendered and None after; it runs before MkDocs' own link step."""

    def __init__(self):
        super().__init__()
        self.copy: Copy | None = None

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Rebase(md, self), "curriculum_rebase", 1)
