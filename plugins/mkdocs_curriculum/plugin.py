"""The MkDocs host (MkDocs 1.6 and ProperDocs, Material 9.7+): maps build events onto the core's plan.

on_files loads the curriculum and compiles it (plan.compile_plan): the plan says which pages exist, where, and
what each holds; this module only turns its pages into MkDocs `File`s, its navigation into MkDocs objects
(nav.py), and hands each page's rendering back to the plan. What is MkDocs-only stays here: the serve preview
(errors on every page, the last good paths, `--dirty` role copies), links inside snippets resolved against
MkDocs' files, the SCORM package build's links out of the package, and two markup fixes to Material.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlunsplit

import markdown
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import assets_build, export, links, pages, preview, render, xapi
from . import nav as role_nav
from .config import CurriculumConfig
from .errors import Problems
from .links import Copy, RebaseLinks
from .load import load_curriculum
from .model import Curriculum
from .plan import Plan, PlannedPage, compile_plan
from .snippets import safe_markdown
from .source import front_matter

if TYPE_CHECKING:
    from .export.scorm import PublicSite

log = get_plugin_logger(__name__)
_BODY = re.compile(r"<body\b[^>]*>")
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*") tabindex=""')
EXTENSIONS = ("admonition", "attr_list", "md_in_html", "def_list")
ROLES_MARKER, CONTINUE_MARKER = "<!-- curriculum:roles -->", "<!-- curriculum:continue -->"
# `mkdocs serve` only: per curriculum file, the last curriculum that loaded without errors and the pages it
# made. A mistake then keeps the last good paths in the preview, and a page it removes shows the errors at
# its own address instead of a 404 (module-level: MkDocs may make new plugin objects for each rebuild).
_LAST_GOOD: dict[Path, tuple] = {}


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    """Every piece of state the hooks share is declared here; each build sets it afresh (on_config, on_files)."""

    supports_multiple_instances = False

    # A SCORM package build (set by export/scorm.py's package_mode before the build): the role whose package
    # it makes, and export.scorm.PublicSite, where links out of the package lead. None: a site build.
    scorm_role: str | None = None
    scorm_site: PublicSite | None = None
    # The command (on_startup): `mkdocs serve`, and `--dirty` (a role's copy is rebuilt with its module only).
    serving: bool = False
    dirty: bool = False
    # The build (on_config, on_files).
    root: Path  # the folder of mkdocs.yml
    source: Path  # curriculum.yml
    problems: Problems  # everything load_curriculum found, errors and warnings
    stale: bool = False  # serving with an unreadable curriculum.yml: the last good one is shown
    curriculum: Curriculum | None = None  # what is built (steps whose module failed are left out)
    plan: Plan | None = None
    kinds: dict  # docs uri -> the page's key, ("module", role, module) and the like, for every curriculum page
    urls: dict  # page key -> its URL
    navs: dict  # on_nav: role id (or a trainer page's key, "index", None) -> its MkDocs Navigation
    tracking: str | None = None  # the LRS endpoint (`tracking: xapi:`), never in a package build
    package_uses: dict  # a package build: page dest uri -> files only its scripts show (packed too)
    _outside: links.Outside | None = None  # a package build: the pages it holds and where the others are
    _xapi_data: str = ""  # the tracking settings' data element, added to every page
    _page: PlannedPage | None = None  # the module page being rendered (on_page_markdown to on_page_content)
    _here: tuple | None = None  # (page, files, copy, module) while its quiz and coaching snippets render
    _line: int = 0  # the line of the block whose snippet renders (for located link warnings)
    # Snippets (quiz and coaching Markdown, which MkDocs never sees): their Markdown and what it needs.
    _extensions: tuple  # the site's Markdown extensions and their configs, before RebaseLinks joins them
    _links: RebaseLinks  # rebases a role copy's relative links onto its module's folder (per page: .copy)
    _md: markdown.Markdown | None = None  # the snippets' Markdown (snippets.safe_markdown), made on first use
    _snippets: dict  # snippet text -> HTML, for snippets without a relative link (the same on every page)
    _linked: bool = False  # the snippet being rendered has a relative link: its HTML depends on the page
    _snippet_text: str = ""  # the snippet being rendered (a package build's located warnings)
    _warned: set  # warnings already given this build (a snippet renders once per role copy)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty  # `--dirty`: rebuild only what changed (a role's copy changes with its module)

    def on_config(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.source = self.root / self.config.curriculum
        for name in EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        _theme_features(config.theme)
        config.extra_css.append(assets_build.curriculum_css().uri)  # built once, named by a hash of its content
        config.extra_javascript.append(assets_build.curriculum_js().uri)
        # xAPI tracking: never in a SCORM package (the LMS records there, and the package has no site_url)
        self.tracking = None if self.scorm_role else self.config.tracking.xapi
        self._xapi_data = ""
        if self.tracking:
            if not config.site_url:
                raise PluginError("`tracking: xapi:` needs `site_url` in mkdocs.yml: the activity ids the LRS "
                                  "records are built from it (https://academy.example.com/paths/<role>/...).")
            # after the curriculum script, whose events it uses
            config.extra_javascript.append(assets_build.xapi_js().uri)
        self._extensions = (list(config.markdown_extensions), config.mdx_configs)  # snippets: not rebased
        self._links = RebaseLinks()
        config.markdown_extensions.append(self._links)
        self._md = None
        self._snippets = {}
        self._here, self._warned = None, set()
        return config

    # -- files: load the curriculum and add the pages it implies --------------------------------

    def on_files(self, files, config):
        curriculum, problems = load_curriculum(self.source, Path(config.docs_dir), self.root)
        self.problems = problems
        for problem in ([] if self.scorm_role else problems.warnings):  # a package build: said once already
            log.warning(str(problem))
        for problem in problems.errors:
            log.error(str(problem))
        if problems.errors and not self.serving:
            raise PluginError(f"The curriculum has {pages.count(len(problems.errors), 'error')}, listed above. "
                              "Fix them and build again (`curriculum check` lists them without building).")
        self.stale = self.serving and curriculum is None and self.source in _LAST_GOOD
        if self.stale:
            curriculum = _LAST_GOOD[self.source][0]  # curriculum.yml unreadable: preview the last good paths
        self.curriculum = curriculum and preview.usable(curriculum)
        if self.curriculum and self.scorm_role:
            self.curriculum = _only_role(self.curriculum, self.scorm_role)
        self.kinds, self.urls = {}, {}
        for asset in assets_build.site_assets(xapi=bool(self.tracking)):
            files.append(File.generated(config, asset.uri, content=asset.text))
        if self.tracking:  # what the tracking script needs, on every page (Material keeps <body> across pages)
            settings = xapi.browser_settings(config.site_url, self.tracking)
            self._xapi_data = render.data_element("cq-xapi-data", settings)
        self.plan = None
        if self.curriculum:
            existing = [f.src_uri for f in files.documentation_pages()]
            self.plan = compile_plan(self.curriculum, existing, config.use_directory_urls)
            self._add_pages(files, config)
        if self.serving:
            self._keep_preview_whole(files, config)
        if self.scorm_role:
            self._keep_role_pages(files)
        return files

    def _keep_preview_whole(self, files, config):
        """Serving: remember a good build's pages; with errors, keep every page it had at its address, showing
        the errors, and keep a module that failed to load out of the navigation (it is not a page of its own)."""
        if not self.problems.errors:
            if self.curriculum:
                _LAST_GOOD[self.source] = (self.curriculum, frozenset(self.kinds))
            return
        modules_dir = (self.curriculum.modules_dir if self.curriculum else "modules") + "/"
        for file in files.documentation_pages():
            if file.src_uri.startswith(modules_dir) and file.src_uri not in self.kinds:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        _, before = _LAST_GOOD.get(self.source, (None, frozenset()))
        for uri in sorted(before - set(self.kinds)):
            if files.get_file_from_path(uri) is None:
                self._generate(files, config, uri, {"title": "Not in this preview"}, ("gone",))

    def _keep_role_pages(self, files):
        """A package build: the role's path and module pages are the only pages (no home, trainer view)."""
        keep = {uri for uri, key in self.kinds.items() if key[0] in ("path", "module")}
        from .export import scorm

        self._outside = scorm.outside_links(files, keep, self.scorm_site)  # before the other pages go
        self.package_uses = {}  # page -> files only its scripts show (images in quiz feedback): packed too
        for file in [f for f in files.documentation_pages() if f.src_uri not in keep]:
            files.remove(file)
        self.kinds = {uri: key for uri, key in self.kinds.items() if uri in keep}

    def _add_pages(self, files, config):
        """The plan's pages as MkDocs files; a trainer's page is the author's own module file."""
        for planned in self._plan.pages.values():
            if not planned.generated:
                file = files.get_file_from_path(planned.uri)
                if file is not None:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
                    self._register(file, planned.key)
                continue
            meta = dict(planned.meta)
            if planned.kind == "module" and self.scorm_role:  # the LMS's menu moves between modules, not a sidebar
                meta["hide"] = sorted(set(meta.get("hide") or []) | {"navigation"})
            file = self._generate(files, config, planned.uri, meta, planned.key, edit=planned.edit_uri)
            source = files.get_file_from_path(planned.edit_uri) if planned.kind == "module" else None
            if self.dirty and source is not None:
                file.is_modified = functools.partial(_copy_modified, file, source, self._inputs(config))

    def _generate(self, files, config, uri, meta, key, edit=None):
        file = File.generated(config, uri, content=front_matter(meta), inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = edit  # a role's copy is edited in its module's source file
        files.append(file)
        self._register(file, key)
        return file

    def _inputs(self, config) -> tuple | None:
        """What every page depends on: a change to one of these rebuilds every role's copy, even `--dirty`.
        None while there are errors: every page is rebuilt then, as each must show them."""
        if self.problems.errors:
            return None
        return tuple(p for p in (self.source, Path(config.config_file_path or "")) if p.is_file())

    @property
    def _plan(self) -> Plan:
        """This build's plan: only asked for where a curriculum page is being built, which implies one."""
        assert self.plan is not None, "no curriculum page is built without a curriculum"
        return self.plan

    def _register(self, file, key):
        self.kinds[file.src_uri] = key
        self.urls[key] = file.url

    # -- navigation ---------------------------------------------------------------------------

    def on_nav(self, nav, config, files):
        if not self.curriculum:
            self.navs = {}
            return nav
        page_of = {key: files.get_file_from_path(uri).page for uri, key in self.kinds.items()}
        items = [] if self.scorm_role else [i for i in nav.items if role_nav.keep_item(i, set(self.kinds))]
        if ("home",) in page_of and not self.scorm_role:
            items.insert(0, page_of[("home",)])
        if ("catalog",) in page_of:
            items.append(page_of[("catalog",)])
        cur = self.curriculum
        self.navs = role_nav.build_navs(
            cur, items,
            path_pages={rid: page_of[("path", rid)] for rid in cur.roles},
            module_pages={k[1:]: p for k, p in page_of.items() if k[0] == "module"},
            trainer_pages={k: p for k, p in page_of.items() if k[0] == "trainer"},
            trainer_index=page_of.get(("index",)),
            trainer_tab=self.config.trainer_tab,
        )
        return self.navs[None]

    def on_page_context(self, context, page, config, nav):
        key = self.kinds.get(page.file.src_uri, ())
        own = None  # the site's navigation; a role's for its pages, a trainer's module page's own for that page
        if key and key[0] in ("path", "module"):
            own = key[1]
        elif key and key[0] == "trainer":
            own = key
        elif key == ("index",) and "index" in self.navs:
            own = "index"  # with the trainer's pages: their tab, whether or not the learners' pages have it
        elif key == ("home",) and self._plan.curriculum.title == config.site_name:  # Material's <title> would repeat it
            page.title = page.meta.pop("title", page.title)
        if self.navs:
            context["nav"] = self.navs[own]
        return context

    # -- pages --------------------------------------------------------------------------------

    def on_page_markdown(self, markdown_text, page, config, files):
        key = self.kinds.get(page.file.src_uri)
        if key is None:
            return markdown_text
        if "title" in page.meta:
            # Markup: escaped once here, so Material's `| e` (footer aria-labels) does not escape it again.
            page.meta["title"] = Markup(escape(str(page.meta["title"])))
        planned = self.plan.pages.get(page.file.src_uri) if self.plan else None
        if planned is not None and planned.version is not None:  # a module: its role's (or the trainer's) version
            self._page = planned
            self._links.copy = self._copy(planned.role, planned.module) if planned.role else None
            return planned.version.markdown
        return ""  # a generated page: its content is HTML (on_page_content)

    def _copy(self, role: str, module: str) -> Copy:
        cur = self._plan.curriculum
        return Copy(module, self._plan.scheme.role_root(role), cur.modules_dir, cur.roles[role].modules, self._outside)

    def on_page_content(self, html, page, config, files):
        self._links.copy = None
        key = self.kinds.get(page.file.src_uri)
        banner = self._error_banner()
        cur = self.curriculum

        def link(kind, *ids):
            key = (kind, *ids)
            return get_relative_url(self.urls[key], page.url)

        if key is None:
            return banner + (self._markers(html, link) if cur else html)

        if key[0] == "gone":
            return banner + preview.GONE
        plan = self._plan
        planned = plan.pages[page.file.src_uri]
        if planned.version is None:  # home, path, index, catalog
            certificate = self._certificate(page, files) if planned.kind == "path" else None
            body = plan.html(planned, link, certificate)
            page.toc = get_toc(plan.toc(body))  # type: ignore[arg-type]  # the toc extension's token dicts  # MkDocs saw no Markdown headings here: read them from the HTML
            return banner + body
        version, self._page = planned.version, None
        if self._outside is not None:
            left = self._outside.left
            self._report_left(version.module, left, lambda source: links.body_lines(source, version.markdown, left))
        self._here = (page, files, self._copy(planned.role, planned.module) if planned.role else None, version.module)
        inner = plan.slot_renderer(version, self._render_md)

        def render_slot(kind, node, number):
            self._line = node.line  # where a broken link inside this block is reported
            return inner(kind, node, number)

        body = plan.module_html(planned, html, self._render_md, link, render_slot)
        self._here = None
        return banner + body

    def _markers(self, html: str, link) -> str:
        """A page the author wrote (their own home page) places the role choice with `<!-- curriculum:roles -->`
        and where a learner left off with `<!-- curriculum:continue -->` (else at the top of the role choice)."""
        if ROLES_MARKER not in html and CONTINUE_MARKER not in html:
            return html
        cur = self._plan.curriculum
        resume = pages.resume_box()
        if CONTINUE_MARKER in html:
            html = html.replace(CONTINUE_MARKER, resume, 1).replace(CONTINUE_MARKER, "")
            resume = ""
        html = html.replace(ROLES_MARKER, resume + pages.role_cards(cur, link), 1).replace(ROLES_MARKER, "")
        return html + pages.home_data(cur, link)

    def _certificate(self, page, files) -> dict:
        """The plugin's `certificate` options for a path page's script: the logo's URL relative to the page."""
        options = self.config.certificate
        found: dict[str, object] = {}
        logo = options.logo
        if logo:
            file = files.get_file_from_path(logo.lstrip("/"))
            if file is None:
                if ("logo", logo) not in self._warned:
                    self._warned.add(("logo", logo))
                    log.warning(f"mkdocs.yml: the certificate logo '{logo}' is not a file in the docs folder. "
                                "Give its path relative to the docs folder, e.g. `assets/logo.svg`.")
            else:
                found["logo"] = get_relative_url(file.url, page.url)
        signatory = {k: options.signatory[k] for k in ("name", "title") if options.signatory[k]}
        if signatory:
            found["signatory"] = signatory
        return found

    def _render_md(self, text: str) -> str:
        """Quiz and coaching snippets, with the site's extensions but no raw HTML (it is escaped). A snippet
        with a relative link is rendered for each page (the link's URL depends on it); the others once."""
        if text in self._snippets:
            return self._snippets[text]
        if self._md is None:
            extensions, configs = self._extensions
            self._md = safe_markdown(extensions, configs, self._snippet_link)
        self._md.reset()
        self._linked = False
        self._snippet_text = text  # a package build: where a link that leaves it is written
        html = self._md.convert(text)
        if not self._linked:
            self._snippets[text] = html
        return html

    def _snippet_link(self, url: str, element=None) -> str | None:
        """MkDocs never sees a snippet's links: resolve them as it would, from the module's own file.
        None: the link is now plain text (a package build, a page outside the package, no site_url)."""
        parts = links.relative(url)
        if parts is None or self._here is None:
            return url
        self._linked = True
        page, files, copy, module = self._here
        if copy is not None and copy.outside is not None and element is not None:
            leaves = links.leave(element, url, copy)
            if leaves is None:
                text, block = self._snippet_text, self._line
                self._report_left(module, [url], lambda source: [links.snippet_line(source, text, url, block)])
            if leaves != url:
                return leaves
        found = links.target(parts[0], self._plan.scheme.uri("trainer", module.id), copy)
        file = files.get_file_from_path(found) if found else None
        if file is not None and self._outside is not None and not file.is_documentation_page():
            self.package_uses.setdefault(page.file.dest_uri, set()).add(file.dest_uri)
        if file is None:
            if (module.file, self._line, url) not in self._warned:
                self._warned.add((module.file, self._line, url))
                log.warning(f"{module.file}:{self._line}: the link '{url}' in this block leads to no file in the "
                            "docs folder. "
                            "Write it relative to the module's own file.")
            return url
        return urlunsplit(("", "", get_relative_url(file.url, page.url), parts[1], parts[2]))

    def _report_left(self, module, urls: list, line_of) -> None:
        """A package build without site_url: each link to a page outside the package is plain text in it; say
        where it is written (`line_of(source lines)` finds each one's own line, in order)."""
        if not urls:
            return
        path = Path(module.file) if Path(module.file).is_absolute() else self.root / module.file
        source = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = iter(line_of(source))
        single = self._outside is not None and self._outside.single
        package = "this module's SCORM package" if single else f"the {self.scorm_role} SCORM package"
        for url in urls:
            line = next(lines, None)
            if (module.file, line, url) in self._warned:
                continue
            self._warned.add((module.file, line, url))
            where = f"{module.file}:{line}" if line else module.file
            log.warning(f"{where}: the link '{url}' leads to a page that is not in {package}, so the package shows "
                        "it as plain text. Set `site_url` in mkdocs.yml to make it a link to the public site.")
        urls.clear()

    def _error_banner(self) -> str:
        return preview.error_banner(self.problems.errors, self.stale) if self.serving else ""

    def on_post_page(self, output, page, config):
        """Name Material's search dialog (axe: aria-dialog-name), which stock Material leaves unnamed, and drop
        the empty `tabindex` Material writes on the open section of the sidebar under `navigation.tabs` (which
        the plugin turns on; each role's tab is such a section): invalid HTML, which browsers ignore anyway."""
        output = output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
        if self._xapi_data:  # tracking settings: a data attribute, never an inline script (instant navigation runs it)
            output = _BODY.sub(lambda m: m.group(0) + self._xapi_data, output, count=1)
        return _EMPTY_TABINDEX.sub(r"\1", output)

    def on_post_template(self, output_content, template_name, config):
        """The same for pages rendered from a bare template (404.html)."""
        return self.on_post_page(output_content, None, config)

    def on_post_build(self, config):
        """Write the curriculum as data (`curriculum.json`, see schema/curriculum.schema.json), and with
        `scorm: true` each role's SCORM 1.2 package into `downloads/` (not while serving: each is a build)."""
        cur = self.curriculum
        if self.scorm_role:
            return
        if cur and self.config.scorm and not self.serving:
            from .export import scorm

            for path in scorm.site_packages(config.config_file_path, config.site_dir):
                log.info(f"SCORM 1.2 package: {path.relative_to(config.site_dir).as_posix()}")
        if cur:
            data = export.curriculum_data(cur, export.site_url(cur.modules_dir, config.use_directory_urls))
            Path(config.site_dir, "curriculum.json").write_text(export.dumps(data), encoding="utf-8")

    # -- serve --------------------------------------------------------------------------------

    def on_serve(self, server, config, builder):
        server.watch(str(self.source))
        return server


def _theme_features(theme) -> None:
    """One tab per role (a plain `theme: material` gets them too), and pruning: long paths are split into
    nav sections (nav.CHUNK), and pruning keeps the other sections out of each page."""
    features = theme.get("features")
    if features is None:
        theme["features"] = features = []
    if "navigation.tabs" not in features:
        features.append("navigation.tabs")
    if "navigation.prune" not in features and "navigation.expand" not in features:
        features.append("navigation.prune")


def _copy_modified(copy: File, source: File, inputs: tuple | None) -> bool:
    """`--dirty`: a role's copy is out of date when its module, curriculum.yml or mkdocs.yml is newer than
    it (MkDocs would rebuild every generated page; with hundreds of role copies, a save would cost a build)."""
    if inputs is None or not os.path.isfile(copy.abs_dest_path):
        return True
    built = os.path.getmtime(copy.abs_dest_path)
    return any(os.path.getmtime(path) > built for path in (source.abs_src_path, *inputs))


def _only_role(curriculum, role_id: str):
    """A package build's curriculum: the one role it is for (modules stay: the role's path uses them)."""
    if role_id not in curriculum.roles:
        raise PluginError(f"No role '{role_id}' in the curriculum: known roles are {', '.join(curriculum.roles)}.")
    return dataclasses.replace(curriculum, roles={role_id: curriculum.roles[role_id]})
