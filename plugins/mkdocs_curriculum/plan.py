"""A loaded Curriculum compiled into a build plan that knows no host (no MkDocs, no Zensical).

The plan says, for any static-site host:

- **which pages the curriculum adds** (`Plan.pages`, in build order): each one's source uri and URL (from
  `urls.Scheme`), title, kind (`home`, `path`, `module`, `trainer`, `index`, `catalog`), role, module, front
  matter, and for module pages the tailored `tailor.Version` (Markdown with placeholders for the blocks);
- **each role's navigation as data** (`Plan.navs[role]`, a `NavItem` section: the path page, then the modules,
  in sections of `CHUNK` for a long path) and the trainer's section (`Plan.trainer`), plus a whole-site
  navigation for hosts with one global navigation (`Plan.site_nav`);
- **each page's HTML**: `Plan.html(page)` for a generated page (home, path, index, catalog); for a module
  page, the host renders `page.version.markdown` with its own Markdown and `Plan.module_html(page, html, md)`
  fills in the quizzes, coaching prompts and role labels and adds the module's head and foot (the data element
  the browser script reads).

A host adds `plan.pages` to its docs (the trainer's pages are the author's own module files: a host renders
their `version.markdown` instead of the file's text), places the navigation, and calls the builders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import catalog, pages, render
from .headings import toc_tokens
from .model import Curriculum
from .tailor import Version, fill, tailor
from .urls import Scheme, relative_url

CHUNK = pages.CHUNK  # a path longer than this is split into navigation sections of CHUNK modules
TRAINER_TITLE = "Trainer's view"
# Front matter of a module that a role's copy of it keeps (the rest is the curriculum's business).
KEPT_META = ("hide", "icon", "status", "subtitle")
Md = Callable[[str], str]


@dataclass(frozen=True)
class PlannedPage:
    """One page the curriculum adds to the site."""

    uri: str  # source uri in the docs tree: `paths/frontline/basics.md`
    url: str  # site-root-relative URL: `paths/frontline/basics/`
    title: str
    kind: str  # home | path | module | trainer | index | catalog
    role: str | None = None
    module: str | None = None
    meta: dict = field(default_factory=dict, compare=False)  # the page's front matter
    version: Version | None = field(default=None, compare=False)  # module and trainer pages
    edit_uri: str | None = None  # where the page is edited: a role's copy, in its module's source file
    generated: bool = True  # False: the author's own file (a trainer's page), rendered from `version`

    @property
    def key(self) -> tuple:
        """(kind, *ids), as the MkDocs plugin keys its pages: ("module", "frontline", "basics")."""
        return (self.kind, *tuple(i for i in (self.role, self.module) if i is not None))


@dataclass(frozen=True)
class NavItem:
    """A navigation entry: a page (`uri` set) or a section (`children`)."""

    title: str
    uri: str | None = None
    children: tuple = ()

    @property
    def is_section(self) -> bool:
        return self.uri is None

    def pages(self) -> list[str]:
        """The uris of the pages in this entry, in order."""
        if self.uri is not None:
            return [self.uri]
        return [uri for child in self.children for uri in child.pages()]


@dataclass
class Plan:
    curriculum: Curriculum
    scheme: Scheme
    pages: dict  # uri -> PlannedPage, in build order
    navs: dict  # role id -> NavItem section: the role's path page and its modules
    trainer: NavItem | None  # the trainer's section: the index of modules (if generated) and every module

    # -- looking pages up -----------------------------------------------------------------------

    def get(self, kind: str, *ids: str) -> PlannedPage | None:
        """The planned page of kind for ids, or None (the author wrote that page, or there is none)."""
        return self.pages.get(self.scheme.uri(kind, *ids))

    def link(self, page: PlannedPage | str):
        """The `Link` for the HTML builders, relative to `page` (a PlannedPage or a site-relative URL)."""
        return self.scheme.link(page.url if isinstance(page, PlannedPage) else page)

    def source_link(self, page: PlannedPage):
        """The `Link` relative to the folder of the page's source file: for hosts that resolve every relative
        link of a page from its source file (Zensical), as MkDocs does for Markdown links only."""
        return self.scheme.link(source_base(page.uri))

    # -- navigation -----------------------------------------------------------------------------

    def site_nav(self, author_items: Iterable[NavItem] = ()) -> list[NavItem]:
        """One navigation for the whole site (for hosts that have only one): the home page, every role's
        section, the author's own entries, the catalogue, the trainer's section."""
        home = self.get("home")
        out = [NavItem(home.title, home.uri)] if home else []
        out += [self.navs[rid] for rid in self.curriculum.roles]
        out += list(author_items)
        cat = self.get("catalog")
        if cat:
            out.append(NavItem(cat.title, cat.uri))
        if self.trainer is not None:
            out.append(self.trainer)
        return out

    # -- HTML -------------------------------------------------------------------------------------

    def html(self, page: PlannedPage, link=None, certificate: dict | None = None) -> str:
        """The whole content of a generated page (home, path, index, catalog). `link`: the links' base, by
        default `self.link(page)` (relative to the page's URL); `certificate`: the site's certificate options
        (logo URL relative to the page, signatory) for a path page."""
        cur, link = self.curriculum, link or self.link(page)
        if page.kind == "path":
            return pages.path_page(cur, cur.roles[page.role], link, certificate)
        if page.kind == "index":
            return pages.module_index(cur, link)
        if page.kind == "catalog":
            return catalog.catalog_page(cur, link)
        if page.kind == "home":
            return pages.home_page(cur, link, self.get("catalog") is not None)
        raise ValueError(f"{page.uri} is a {page.kind} page: render its version and call module_html")

    @staticmethod
    def toc(html: str) -> list[dict]:
        """The table of contents of a generated page, read from its HTML (see headings.toc_tokens)."""
        return toc_tokens(html)

    def module_html(self, page: PlannedPage, content: str, md: Md, link=None, render_slot=None) -> str:
        """A module page: its head, the host's rendering of `page.version.markdown` (`content`) with each
        placeholder replaced by its block's HTML (snippets rendered with `md`, or by `render_slot`, which a
        host wraps around `slot_renderer` to follow which block it is in), and its foot."""
        cur, version, link = self.curriculum, page.version, link or self.link(page)
        if version is None:
            raise ValueError(f"{page.uri} is a {page.kind} page: call html()")
        role = cur.roles.get(version.role) if version.role else None
        body = fill(content, version, render_slot or self.slot_renderer(version, md))
        head = pages.module_head(cur, version.module, role, link)
        foot = pages.module_foot(cur, version.module, role, version.questions, link)
        return head + body + foot

    def slot_renderer(self, version: Version, md: Md):
        """`render_slot(kind, node, number)` for tailor.fill: the block HTML the MkDocs plugin writes."""
        return render.slot_renderer(version, md, {rid: r.title for rid, r in self.curriculum.roles.items()})


def source_base(uri: str) -> str:
    """The folder of a docs uri as a URL base: `paths/a/b.md` -> `paths/a/`, `catalog.md` -> ``."""
    folder = uri.rsplit("/", 1)[0] if "/" in uri else ""
    return folder + "/" if folder else ""


def compile_plan(curriculum: Curriculum, existing: Iterable[str] = (), directory_urls: bool = True) -> Plan:
    """The plan of a loaded (and usable: every path step's module loaded) curriculum.

    `existing`: the docs uris the author wrote; an author's `index.md`, `catalog.md` or `<modules>/index.md`
    replaces the generated one. The trainer's pages are the module files themselves (`generated=False`).
    """
    cur, existing = curriculum, set(existing)
    scheme = Scheme(cur.modules_dir, directory_urls)
    planned: dict[str, PlannedPage] = {}

    def add(kind: str, *ids: str, title: str, meta: dict | None = None, **extra) -> PlannedPage:
        uri = scheme.uri(kind, *ids)
        page = PlannedPage(uri, scheme.url_of(uri), title, kind, meta=dict(meta or {"title": title}), **extra)
        planned[uri] = page
        return page

    for mid, module in cur.modules.items():
        add("trainer", mid, title=module.title, meta=dict(module.meta), module=mid, version=tailor(module, None),
            generated=False)
    if scheme.uri("index") not in existing:
        add("index", title="All modules")
    if scheme.uri("home") not in existing:
        add("home", title=cur.title)
    if scheme.uri("catalog") not in existing:
        add("catalog", title="Catalogue")
    for rid, role in cur.roles.items():
        add("path", rid, title=role.title, role=rid)
        for step in role.path:
            module = cur.modules[step.module]
            meta = {k: v for k, v in module.meta.items() if k in KEPT_META}
            meta.update(title=module.title, search={"exclude": True})
            add("module", rid, step.module, title=module.title, meta=meta, role=rid, module=step.module,
                version=tailor(module, rid), edit_uri=scheme.uri("trainer", step.module))

    navs = {}
    for rid, role in cur.roles.items():
        modules = [NavItem(cur.modules[s.module].title, scheme.uri("module", rid, s.module)) for s in role.path]
        navs[rid] = NavItem(role.title, children=(NavItem(role.title, scheme.uri("path", rid)), *chunks(modules)))
    index = [NavItem("All modules", scheme.uri("index"))] if scheme.uri("index") in planned else []
    trainer_modules = [NavItem(m.title, scheme.uri("trainer", mid)) for mid, m in cur.modules.items()]
    trainer = NavItem(TRAINER_TITLE, children=(*index, *chunks(trainer_modules))) if index or trainer_modules else None
    return Plan(cur, scheme, planned, navs, trainer)


def chunks(items: list) -> list:
    """A long list of entries goes into sections of CHUNK, so a pruned navigation stays small."""
    if len(items) <= CHUNK:
        return list(items)
    return [NavItem(f"Modules {i + 1}–{min(i + CHUNK, len(items))}", children=tuple(items[i:i + CHUNK]))
            for i in range(0, len(items), CHUNK)]


__all__ = [
    "CHUNK",
    "TRAINER_TITLE",
    "NavItem",
    "Plan",
    "PlannedPage",
    "chunks",
    "compile_plan",
    "relative_url",
]
