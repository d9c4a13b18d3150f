"""Relative links in a role's copy of a module: the author wrote them from the module's own file.

A role's copy lives at `paths/<role>/<id>.md`, not `<modules>/<id>.md`, so `img/chart.png` or
`other-module.md` would point nowhere. Each relative link is rebased onto the module's folder before
MkDocs resolves it, and a link to another module of the same path goes to the role's own copy of it,
so a learner stays on their path. In a SCORM package build, a link to a page the package does not hold
leads to the public site, or is plain text (`Outside`). Pure Markdown: no MkDocs import.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree import ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ATTRS = {"a": "href", "img": "src"}
LEAVES = " (public site, opens in a new tab)"  # after a link that leaves a SCORM package, in its text


@dataclass
class Outside:
    """A SCORM package build: the pages the package holds, and where every page of the public site is.

    A link to a page that is not in the package would be a 404 inside it: it becomes a link to that page on
    the public site (`site_url`), opened in a new tab and saying so, or plain text when there is no site_url
    (`left` then lists it, for the plugin to report with its line).
    """

    public: dict  # docs path of each page of the public site -> its URL there, relative to the site root
    inside: frozenset  # docs paths of the package's pages
    site_url: str | None = None
    single: bool = False  # a package per module: only the page itself is inside
    left: list = field(default_factory=list)  # links of the page being rendered made plain text, as written

    def leads_out(self, found: str | None, copy: Copy) -> bool:
        if found not in self.public:
            return False  # not a page of the site (a file, or nothing: MkDocs reports a broken link)
        return found != copy.copy if self.single else found not in self.inside

    def url(self, found: str, query: str = "", anchor: str = "") -> str:
        assert self.site_url is not None, "only a package for a public site links to it"
        return self.site_url.rstrip("/") + "/" + self.public[found] + (f"?{query}" if query else "") + \
            (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Copy:
    """A role's copy of a module: `<role_root><module>.md`, made from `<modules_dir>/<module>.md`."""

    module: str  # `sales/intro`
    role_root: str  # `paths/frontline/`
    modules_dir: str  # `modules`
    path_modules: frozenset  # the module ids of the role's path
    outside: Outside | None = field(default=None, compare=False)  # set in a SCORM package build

    @property
    def source(self) -> str:
        return f"{self.modules_dir}/{self.module}.md"

    @property
    def copy(self) -> str:
        return f"{self.role_root}{self.module}.md"


def relative(url: str) -> tuple[str, str, str] | None:
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
    if copy and ext == ".md":
        prefix = copy.modules_dir + "/"
        if stem.startswith(prefix) and stem[len(prefix):] in copy.path_modules:
            found = copy.role_root + stem[len(prefix):] + ".md"
    return found


def rebase(url: str, copy: Copy) -> str:
    """The URL as written in the module, made to work from the role's copy (others left as they are)."""
    parts = relative(url)
    found = target(parts[0], copy.source, copy) if parts else None
    if not found or parts is None:
        return url  # not relative, or outside the docs folder: MkDocs reports it for the module's own page
    path, query, anchor = parts
    new = posixpath.relpath(found, posixpath.dirname(copy.copy))
    if path.endswith("/") and not new.endswith("/"):
        new += "/"
    return urlunsplit(("", "", new, query, anchor))


def leave(element, url: str, copy: Copy) -> str | None:
    """In a package build, a link `<a>` to a page outside the package: the public site's URL for it (the element
    now opens a new tab and says so), or None: the element is now plain text. The URL as it is when the link
    stays inside the package or is no link to a page."""
    outside, parts = copy.outside, relative(url)
    found = target(parts[0], copy.source, copy) if parts else None
    if element.tag != "a" or outside is None or not outside.leads_out(found, copy):
        return url
    assert found is not None and parts is not None  # leads_out: a page of the site
    for name in ("href", "target", "rel"):
        element.attrib.pop(name, None)
    if outside.site_url:
        element.set("target", "_blank")
        element.set("rel", "noopener")
        etree.SubElement(element, "span", {"class": "cq-leaves"}).text = LEAVES
        return outside.url(found, parts[1], parts[2])
    element.tag = "span"
    element.attrib.pop("title", None)
    return None


class Rebase(Treeprocessor):
    """Rebase a page's relative links for `state.copy` (None: leave them): RebaseLinks here, and the
    Python-Markdown extension's own per-page state there."""

    def __init__(self, md, state):
        super().__init__(md)
        self.state = state

    def run(self, root):
        copy = self.state.copy
        if copy is None:
            return
        for element in list(root.iter()):
            attr = ATTRS.get(element.tag)
            if attr and element.get(attr):
                written = element.get(attr)
                url = leave(element, written, copy)
                if url is None:
                    assert copy.outside is not None  # leave() makes a link plain text only in a package build
                    copy.outside.left.append(written)  # the plugin reports it, with its line
                else:
                    element.set(attr, rebase(url, copy))


class RebaseLinks(Extension):
    """Set `copy` before a role's copy is rendered and None after; it runs before MkDocs' own link step."""

    def __init__(self):
        super().__init__()
        self.copy: Copy | None = None

    def extendMarkdown(self, md):
        md.treeprocessors.register(Rebase(md, self), "curriculum_rebase", 1)


def _holds(url: str):
    """A line holds the link `url` (not merely a longer URL that ends or starts with it)."""
    return re.compile(r"(?<![\w./-])" + re.escape(url) + r"(?![\w./#?-])").search


def body_lines(source: list, copy_markdown: str, urls: list) -> list:
    """The line of the module file (`source`, its lines) where each of `urls` is written: links of a role's copy
    of the module (`copy_markdown`), in page order; None where it cannot be told."""
    copy = copy_markdown.split("\n")
    where, at = [], 0  # for each line of the copy, its line in the file: the copy keeps the text's lines in order
    for line in copy:
        found = next((i for i in range(at, len(source)) if source[i] == line), None) if line.strip() else None
        where.append(None if found is None else found + 1)
        at = at if found is None else found + 1
    out: list[int | None] = []
    last: dict[str, int] = {}
    for url in urls:
        holds = _holds(url)
        i = next((i for i in range(last.get(url, -1) + 1, len(copy)) if holds(copy[i])), None)
        last[url] = len(copy) if i is None else i
        out.append(None if i is None else where[i])
    return out


def snippet_line(source: list, snippet: str, url: str, block: int) -> int | None:
    """The line of the module file where `url` is written in `snippet`, a part of the block that starts at line
    `block` (a choice, its feedback, the explanation, a coaching prompt: dedented, so compared stripped)."""
    holds = _holds(url)
    text = next((t.strip() for t in snippet.split("\n") if holds(t)), "")
    return next((i + 1 for i in range(max(block - 1, 0), len(source)) if text and text in source[i]), None)
