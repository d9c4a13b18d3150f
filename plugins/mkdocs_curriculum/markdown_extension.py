"""The quiz, coaching and `for` blocks as a plain Python-Markdown extension, for any Python-Markdown host.

    import markdown
    html = markdown.markdown(text, extensions=["mkdocs_curriculum.markdown_extension"],
                             extension_configs={"mkdocs_curriculum.markdown_extension": {"role": "managers"}})

The page's own `/// quiz`, `/// coaching` and `/// for` blocks are parsed by the same parser as the MkDocs
plugin (`blocks.parse_body`), tailored to `role` (None, the default: the trainer's view, every role section
shown and labelled) and rendered with the plugin's HTML (`render`), followed by the data element the browser
script reads (`pages.module_foot`: the score area, or "Mark as complete" on a page without questions). Add
the plugin's built script and stylesheet (`python -m mkdocs_curriculum.assets_build DIR` writes them) to the
page for the learner features.

Options (`extension_configs`):

- `role`: the role whose version to show; None or empty (the default): the trainer's view.
- `module`: the module id learner data is stored under (`<module>/<question id>`); give each page its own.
- `roles`: the known role ids, a list or a mapping id -> title (titles label the trainer's view); empty (the
  default): any role id is accepted.
- `pass_mark`: percentage of the page's questions to answer correctly to complete it (default 80).
- `foot`: False leaves out the data element (and so the learner features).
- `file`: the file name problems are reported with (default `<markdown>`).
- `problems`: `"warn"` (default) or `"raise"`.
- `marked_only`: True leaves every page alone but those that start with a curriculum comment (see below).

**Problems.** Python-Markdown has no error channel, so each mistake in a block (the same checks and words as
`curriculum check`) is logged as a WARNING on the `mkdocs_curriculum.markdown` logger as
`file:line: message hint` (lines count from the first line of the Markdown the extension is given: a host
that strips front matter first shifts them), collected in `md.curriculum_problems`, and the broken block is
left out of the page; with `problems: raise` the conversion raises `errors.CurriculumError` instead.

**Per page.** A host that renders many pages with one configuration (Zensical) sets a page's options in its
first line, an HTML comment the extension removes: `<!-- curriculum {"role": "frontline", "module": "basics"} -->`
(JSON; any option above, and for a role's copy of a module `page` and `source`, the docs uris of the copy and
of the module file, `path`, the module ids of the role's path, `modules_dir` and `directory_urls`: relative
links are then rebased as the plugin does, see `links.py`; `link_base: "source"` writes the links of quiz and
coaching snippets relative to the page's source folder, for a host that resolves every link from there:
Zensical, which then rewrites them; a link inside choice feedback or an explanation, which the browser script
shows from the answer key where Zensical never sees it, is written from the page's own address instead).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import links, pages
from .blocks import Context, parse_body
from .errors import CurriculumError, Problem, Problems
from .model import Curriculum, Module, Role
from .plan import source_base
from .render import slot_renderer
from .snippets import make_safe
from .tailor import PREFIX, Version, fill, tailor
from .urls import page_url, relative_url

log = logging.getLogger("mkdocs_curriculum.markdown")
NAME = "mkdocs_curriculum.markdown_extension"
SNIPPET_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "def_list")
_FOOT = PREFIX + "foot"
_FOOT_SLOT = re.compile(rf"(?:<p>\s*)?{_FOOT}(?:\s*</p>)?")
_MARKER = re.compile(r"^<!--\s*curriculum\s+(?P<json>\{.*\})\s*-->\s*$")


class _AnyRole(frozenset):
    """No known roles: every role id is accepted."""

    def __contains__(self, item) -> bool:
        return True


class CurriculumExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "role": ["", "the role whose version to show; empty or None: the trainer's view"],
            "module": ["page", "the module id learner data is stored under"],
            "roles": [{}, "known role ids (list) or {id: title}; empty: any"],
            "pass_mark": [80, "percentage of questions to answer correctly to complete the page"],
            "foot": [True, "add the data element the browser script reads"],
            "file": ["<markdown>", "the file name problems are reported with"],
            "problems": ["warn", "warn (log a warning) or raise"],
            "marked_only": [False, "only pages whose first line is a curriculum comment have blocks"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Hosts may share one extension object between Markdown instances (and threads): what a page needs is
        # kept per Markdown instance, in its processors, never on the extension.
        md.registerExtension(self)
        state = _Page(md, self.getConfigs())
        md.curriculum_problems = []
        md.preprocessors.register(_Blocks(md, state), "curriculum_blocks", 29)  # before fences and raw HTML
        md.treeprocessors.register(links.Rebase(md, state), "curriculum_rebase", 1)  # before a host's own link step
        md.postprocessors.register(_Fill(md, state), "curriculum_fill", 5)  # after raw HTML is put back


class _Page:
    """The page being converted by one Markdown instance: its options (the extension's, overridden by the
    page's curriculum comment), its tailored version, and the snippet renderer."""

    def __init__(self, md, config: dict):
        self.md, self.config = md, config
        self.page: dict = {}
        self.version: Version | None = None
        self.copy: links.Copy | None = None
        self._snippet_md: dict[bool, markdown.Markdown] = {}

    def option(self, name: str):
        value = self.page[name] if name in self.page else self.config[name]
        return (value or None) if name == "role" else value

    def titles(self) -> dict:
        roles = self.option("roles")
        if isinstance(roles, dict):
            return {str(k): str(v) for k, v in roles.items()}
        return {str(r): str(r) for r in roles or ()}

    def curriculum(self, module: Module) -> Curriculum:
        roles = {rid: Role(rid, title, "", ()) for rid, title in self.titles().items()}
        role = self.option("role")
        if role is not None and role not in roles:
            roles[role] = Role(role, role, "", ())
        return Curriculum("", self.option("pass_mark"), self.page.get("modules_dir", "modules"), roles,
                          {module.id: module})

    def role_copy(self) -> links.Copy | None:
        """A role's copy of a module (the comment names its `page` and `source`): links are rebased."""
        page, source, role = self.page.get("page"), self.page.get("source"), self.option("role")
        if not page or not source or page == source or role is None:
            return None
        return links.Copy(str(self.option("module")), posixpath.dirname(page) + "/",
                          self.page.get("modules_dir", "modules"), frozenset(self.page.get("path", ())))

    def snippet_link(self, url: str, later: bool = False) -> str:
        """A link in a quiz or coaching snippet, written relative to the module's file, as the page needs it:
        from its source folder (`link_base: source`) where the host rewrites the page's links, and from the
        page's own address for a snippet the browser shows `later`, from the answer key, where no host sees it."""
        parts = links.relative(url)
        source, page = self.page.get("source"), self.page.get("page")
        if parts is None or not source or not page:
            return url
        found = links.target(parts[0], source, self.copy)
        if not found:
            return url
        directory_urls = bool(self.page.get("directory_urls", True))
        from_source = self.page.get("link_base") == "source" and not later
        here = source_base(page) if from_source else page_url(page, directory_urls)
        there = page_url(found, directory_urls) if found.endswith(".md") else found
        new = relative_url(there, here)
        return new + (f"?{parts[1]}" if parts[1] else "") + (f"#{parts[2]}" if parts[2] else "")

    def snippet_md(self, later: bool = False):
        """Snippets render with the host's extensions (but this one), without raw HTML or script attributes;
        `later`: for the answer key (see `snippet_link`)."""
        if later not in self._snippet_md:
            others = [e for e in self.md.registeredExtensions if not isinstance(e, CurriculumExtension)]
            try:
                md = markdown.Markdown(extensions=list(SNIPPET_EXTENSIONS) + others)
            except Exception:  # an extension that cannot be registered twice: the plugin's own set
                md = markdown.Markdown(extensions=list(SNIPPET_EXTENSIONS))
            self._snippet_md[later] = make_safe(md, lambda url, _element: self.snippet_link(url, later))
        md = self._snippet_md[later]

        def render(text: str) -> str:
            md.reset()
            return md.convert(text)

        return render


class _Blocks(Preprocessor):
    """Parse the blocks, tailor the page to the role: the blocks become placeholder paragraphs."""

    def __init__(self, md, state: _Page):
        super().__init__(md)
        self.state = state

    def run(self, lines):
        ext = self.state
        ext.page, ext.version, ext.copy = {}, None, None
        ext.md.curriculum_problems = []
        first = 1
        if lines and (marker := _MARKER.match(lines[0])):
            try:
                ext.page = json.loads(marker.group("json"))
            except ValueError as exc:
                _problem(ext, ext.config["file"], 1, f"the curriculum comment is not valid JSON: {exc}.", "")
            lines, first = lines[1:], 2
        elif ext.config["marked_only"]:
            return lines
        titles = ext.titles()
        known = frozenset(titles) if titles else _AnyRole()
        module_id = str(ext.option("module"))
        report = Problems().at(str(ext.option("file")))
        nodes = parse_body("\n".join(lines), first, Context(module_id, known, report))
        for problem in report.items:
            _problem(ext, problem.file, problem.line, problem.message, problem.hint)
        module = Module(module_id, str(ext.option("file")), "", "", 0, (), (), None, nodes)
        version = tailor(module, ext.option("role"))
        ext.version = version
        ext.copy = ext.role_copy()
        foot = ["", "", _FOOT, ""] if ext.option("foot") else []
        return version.markdown.split("\n") + foot


class _Fill(Postprocessor):
    """Put each block's HTML in its placeholder's place, and the page's data element at the end."""

    def __init__(self, md, state: _Page):
        super().__init__(md)
        self.state = state

    def run(self, text):
        # Python-Markdown also runs the postprocessors on parts of the page (the toc extension on each
        # heading): every run fills what it holds, and the foot goes where its placeholder is, at the end.
        ext, version = self.state, self.state.version
        if version is None or PREFIX not in text:
            return text
        later = ext.snippet_md(later=True) if ext.page.get("link_base") == "source" else None
        html = fill(text, version, slot_renderer(version, ext.snippet_md(), ext.titles(), later))
        if _FOOT in html:
            cur = ext.curriculum(version.module)
            role = cur.roles.get(version.role) if version.role else None
            html = _FOOT_SLOT.sub(lambda _: pages.module_foot(cur, version.module, role, version.questions), html)
        return html


def _problem(ext: _Page, file: str, line, message: str, hint: str) -> None:
    problem = Problem(file, line, message, hint)
    text = str(problem).strip()
    if ext.option("problems") == "raise":
        raise CurriculumError([problem])
    ext.md.curriculum_problems.append(text)
    log.warning(text)


# -- snippets: the plugin's safe Markdown ---------------------------------------------------------------------


def makeExtension(**kwargs):  # the name Python-Markdown looks for
    return CurriculumExtension(**kwargs)
