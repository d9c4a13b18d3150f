"""The pure half of the SCORM 1.2 export: which files a built page needs, the manifest, the zip.

No MkDocs here: a built site folder and a Curriculum in, a zip out. `scorm.py` does the MkDocs build.
The manifest follows IMS Content Packaging 1.1.2 with the ADL SCORM 1.2 extensions (adlcp).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

from ..model import Curriculum, Role
from ..urls import Scheme

_PACKAGE = Scheme(directory_urls=False)  # a package is opened from files: no directory URLs

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MANIFEST = "imsmanifest.xml"
TITLE_MAX = 200  # the longest title the IMS CP 1.1.2 schema allows
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed date: the same site gives the same zip, byte for byte

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
_SOURCE_MAP = re.compile(r"[#@][ \t]*sourceMappingURL=([^\s*'\"]+)")  # `//# ...` (JS), `/*# ... */` (CSS)
_REF_ATTRS = ("src", "href", "poster", "data")
_NOT_LOADED = {"a", "area"}  # links a learner may follow, not requests the page makes
_NOT_LOADED_RELS = {"canonical", "alternate", "author", "license", "me", "prev", "next"}


@dataclass
class PageRefs:
    """What one HTML page asks the browser to load (`loads`) and what it merely links to (`links`)."""

    loads: list
    links: list
    css: list  # inline <style> and style="" text


class _RefParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = PageRefs([], [], [])
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rels = set((attrs.get("rel") or "").lower().split())
        passive = tag in _NOT_LOADED or (tag == "link" and rels & _NOT_LOADED_RELS)
        for name in _REF_ATTRS:
            if attrs.get(name):
                (self.refs.links if passive else self.refs.loads).append(attrs[name])
        if attrs.get("srcset"):
            self.refs.loads.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())
        if attrs.get("style"):
            self.refs.css.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.refs.css.append(data)


def html_refs(html: str) -> PageRefs:
    parser = _RefParser()
    parser.feed(html)
    parser.close()
    return parser.refs


def css_refs(css: str) -> list:
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css) if (m.group(2) or m.group(4))]


def is_external(url: str) -> bool:
    """A URL that would make the browser leave the package (http:, https:, or protocol-relative //host)."""
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def local_target(url: str, base: str) -> str | None:
    """The site-relative path a relative URL in `base` (a site-relative file) points to, or None."""
    url = url.strip()
    if not url or url.startswith(("#", "/")) or urlsplit(url).scheme:
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    return None if joined.startswith("..") else joined


def source_maps(text: str) -> list:
    """The source map a script or stylesheet names (`//# sourceMappingURL=...`): devtools fetch it."""
    return [u for u in _SOURCE_MAP.findall(text[-2000:]) if not u.startswith("data:")]


def files_needed(site: Path, page: str, also: tuple = ()) -> tuple[set, list]:
    """Every file of the built site that `page` needs, itself included, and the external URLs it loads.

    Followed: src/href/srcset/poster of the page (CSS files recursively through url() and @import, and the
    source maps scripts and stylesheets name), links to files that are not pages (a PDF handout, say), and
    `also`: site paths the page's scripts may show (an image in a quiz's feedback, hidden in its data).
    Links to other pages are not followed: the caller decides which pages go into the package.
    """
    needed, external, todo = {page}, [], [page]
    for name in also:
        if name not in needed and (site / name).is_file():
            needed.add(name)
            todo.append(name)
    while todo:
        current = todo.pop()
        if not current.endswith((".html", ".css", ".js")):
            continue
        text = (site / current).read_text(encoding="utf-8", errors="replace")
        if current.endswith(".html"):
            refs = html_refs(text)
            loads = refs.loads + [u for css in refs.css for u in css_refs(css)]
            links = [u for u in refs.links if not _is_page(u)]
        elif current.endswith(".css"):
            loads, links = css_refs(text) + source_maps(text), []
        else:
            loads, links = source_maps(text), []
        external += [(current, u) for u in loads if is_external(u)]
        for url in loads + links:
            target = local_target(url, current)
            if target and target not in needed and (site / target).is_file() and not _is_page(target):
                needed.add(target)
                todo.append(target)
    return needed, external


def _is_page(url: str) -> bool:
    return urlsplit(url).path.endswith((".html", ".htm", "/")) or urlsplit(url).path == ""


_SEARCH_TOGGLE = re.compile(r'<input\b[^>]*\bid="__search"[^>]*>')
_SEARCH_LABEL = re.compile(r'<label\b[^>]*\bfor="__search"[^>]*>.*?</label>', re.S)
_LINK_TAG = re.compile(r"<(a|link)\b[^>]*>", re.I)
_HREF = re.compile(r'\shref="([^"]*)"')


def package_page(html: str, page: str, inside: set) -> str:
    """A built page as a package holds it. Search is not there, so its checkbox and labels go (Material's script
    still needs an element to read the search toggle from: an input of type hidden, which is no form control).
    A link to a page the package does not hold (a package per module: the path page, the other modules in the
    tabs) loses its href, and a `<link>` to one goes: an author's own links were made public links or plain
    text by the build, with a warning."""
    html = _SEARCH_LABEL.sub("", html)
    html = _SEARCH_TOGGLE.sub('<input type="hidden" data-md-toggle="search">', html)

    def keep_inside(match):
        tag, href = match.group(0), _HREF.search(match.group(0))
        target = href and local_target(unescape(href.group(1)), page)
        if href is None or not target or not _is_page(target) or target in inside:
            return tag
        return "" if match.group(1).lower() == "link" else tag[:href.start()] + tag[href.end():]

    return _LINK_TAG.sub(keep_inside, html)


def module_href(role_id: str, module_id: str) -> str:
    return _PACKAGE.url("module", role_id, module_id)


def path_href(role_id: str) -> str:
    return _PACKAGE.url("path", role_id)


@dataclass
class Layout:
    """Which files each SCO uses alone, and which are shared (one `asset` resource every SCO depends on)."""

    scos: dict  # module id -> sorted files used only by that module's page (its page first)
    shared: list  # sorted: the path page and every file more than one page uses


def layout(site: Path, role: Role, modules: list | None = None, also: dict | None = None) -> tuple[Layout, list]:
    """Group the files of a role's package for the manifest; also return every external URL a page or stylesheet
    loads. The package holds the role's path page and each module's page; with `modules`, only those modules'
    pages (a package per module). `also`: page -> more files it needs (see files_needed)."""
    uses: dict[str, set] = {}
    external: list = []
    pages: dict[str, str | None] = {path_href(role.id): None} if modules is None else {}
    pages |= {module_href(role.id, s.module): s.module for s in role.path if modules is None or s.module in modules}
    for page in pages:
        needed, ext = files_needed(site, page, tuple(sorted((also or {}).get(page, ()))))
        external += ext
        for name in needed:
            uses.setdefault(name, set()).add(page)
    scos: dict = {}
    for page, module in pages.items():
        if module is not None:
            own = sorted(n for n, users in uses.items() if users == {page} and n != page)
            scos[module] = [page, *own]
    alone = {n for files in scos.values() for n in files}
    return Layout(scos, sorted(set(uses) - alone)), sorted(set(external))


def _xml_id(text: str) -> str:
    """A module id as an XML ID (NCName): '/' is not allowed there, '.' never occurs in module ids."""
    return re.sub(r"[^A-Za-z0-9_.-]", ".", text)


def _decimal(value: float) -> str:
    return f"{value:g}"


def manifest_xml(curriculum: Curriculum, role: Role, files: Layout, identifier: str, title: str | None = None) -> bytes:
    """imsmanifest.xml: one organisation (the role's path, or `title`), one item and one SCO per module of
    `files`, in path order.

    Modules with quizzes carry their effective pass mark as `adlcp:masteryscore`; a module without quizzes
    gets none, so no LMS can derive "failed" from a score that is never sent. The SCO resources come first and
    the shared files' resource last: some LMSs launch the first resource and ignore the organisation.
    """
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    q = lambda name: f"{{{IMSCP}}}{name}"  # noqa: E731
    root = ET.Element(q("manifest"), {"identifier": identifier, "version": "1"})
    meta = ET.SubElement(root, q("metadata"))
    ET.SubElement(meta, q("schema")).text = "ADL SCORM"
    ET.SubElement(meta, q("schemaversion")).text = "1.2"
    orgs = ET.SubElement(root, q("organizations"), {"default": "org"})
    org = ET.SubElement(orgs, q("organization"), {"identifier": "org"})
    ET.SubElement(org, q("title")).text = (title or role.title)[:TITLE_MAX]
    resources = ET.Element(q("resources"))
    for step in [s for s in role.path if s.module in files.scos]:
        module, xid = curriculum.modules[step.module], _xml_id(step.module)
        item = ET.SubElement(org, q("item"), {"identifier": f"item-{xid}", "identifierref": f"res-{xid}"})
        ET.SubElement(item, q("title")).text = module.title[:TITLE_MAX]
        if module.questions(role.id):
            ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = _decimal(curriculum.pass_mark_of(module))
        res = ET.SubElement(resources, q("resource"), {
            "identifier": f"res-{xid}", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco",
            "href": module_href(role.id, step.module)})
        for name in files.scos[step.module]:
            ET.SubElement(res, q("file"), {"href": name})
        if files.shared:
            ET.SubElement(res, q("dependency"), {"identifierref": "shared"})
    if files.shared:
        shared = ET.SubElement(resources, q("resource"), {"identifier": "shared", "type": "webcontent",
                                                          f"{{{ADLCP}}}scormtype": "asset"})
        for name in files.shared:
            ET.SubElement(shared, q("file"), {"href": name})
    root.append(resources)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def manifest_files(manifest: bytes) -> list:
    """Every file a manifest names, in order (what the tests and `write_zip` check against)."""
    root = ET.fromstring(manifest)
    return [f.get("href") for f in root.iter(f"{{{IMSCP}}}file")]


def write_zip(target: Path, site: Path, manifest: bytes) -> None:
    """The manifest first, then exactly the files it names, with fixed dates; written whole or not at all."""
    names = manifest_files(manifest)
    temp = target.with_name(f".{target.name}.tmp")
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(zipfile.ZipInfo(MANIFEST, ZIP_TIME), manifest, zipfile.ZIP_DEFLATED)
            for name in dict.fromkeys(names):
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.external_attr = 0o644 << 16
                zf.writestr(info, (site / name).read_bytes(), zipfile.ZIP_DEFLATED)
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)
