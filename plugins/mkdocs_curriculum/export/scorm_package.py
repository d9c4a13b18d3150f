"""The pure half of the SCORM 1.2 export: which files a built page needs, the manifest, the zip.

No MkDocs here: a built site folder and a Curriculum in, a zip out. `scorm.py` does the MkDocs build.
The manifest follows IMS Content Packaging 1.1.2 with the ADL SCORM 1.2 extensions (adlcp).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

from ..model import Curriculum, Role

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MANIFEST = "imsmanifest.xml"
TITLE_MAX = 200  # the longest title the IMS CP 1.1.2 schema allows
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed date: the same site gives the same zip, byte for byte

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
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


def files_needed(site: Path, page: str) -> tuple[set, list]:
    """Every file of the built site that `page` needs, itself included, and the external URLs it loads.

    Followed: src/href/srcset/poster of the page (CSS files recursively through url() and @import), and
    links to files that are not pages (a PDF handout, say); links to other pages are not followed: the
    caller decides which pages go into the package.
    """
    needed, external, todo = {page}, [], [page]
    while todo:
        current = todo.pop()
        text = (site / current).read_text(encoding="utf-8", errors="replace")
        if current.endswith(".html"):
            refs = html_refs(text)
            loads = refs.loads + [u for css in refs.css for u in css_refs(css)]
            links = [u for u in refs.links if not _is_page(u)]
        elif current.endswith(".css"):
            loads, links = css_refs(text), []
        else:
            continue
        external += [(current, u) for u in loads if is_external(u)]
        for url in loads + links:
            target = local_target(url, current)
            if target and target not in needed and (site / target).is_file() and not _is_page(target):
                needed.add(target)
                todo.append(target)
    return needed, external


def _is_page(url: str) -> bool:
    return urlsplit(url).path.endswith((".html", ".htm", "/")) or urlsplit(url).path == ""


def module_href(role_id: str, module_id: str) -> str:
    return f"paths/{role_id}/{module_id}.html"


def path_href(role_id: str) -> str:
    return f"paths/{role_id}/index.html"


@dataclass
class Layout:
    """Which files each SCO uses alone, and which are shared (one `asset` resource every SCO depends on)."""

    scos: dict  # module id -> sorted files used only by that module's page (its page first)
    shared: list  # sorted: the path page and every file more than one page uses


def layout(site: Path, curriculum: Curriculum, role: Role) -> tuple[Layout, list]:
    """Group the role's files for the manifest; also return every external URL a page or stylesheet loads."""
    uses, external = {}, []
    pages = {path_href(role.id): None} | {module_href(role.id, s.module): s.module for s in role.path}
    for page, module in pages.items():
        needed, ext = files_needed(site, page)
        external += ext
        for name in needed:
            uses.setdefault(name, set()).add(page)
    scos = {}
    for page, module in pages.items():
        if module is not None:
            own = sorted(n for n, users in uses.items() if users == {page} and n != page)
            scos[module] = [page] + own
    alone = {n for files in scos.values() for n in files}
    return Layout(scos, sorted(set(uses) - alone)), sorted(set(external))


def _xml_id(text: str) -> str:
    """A module id as an XML ID (NCName): '/' is not allowed there, '.' never occurs in module ids."""
    return re.sub(r"[^A-Za-z0-9_.-]", ".", text)


def _decimal(value: float) -> str:
    return f"{value:g}"


def manifest_xml(curriculum: Curriculum, role: Role, files: Layout, identifier: str) -> bytes:
    """imsmanifest.xml: one organisation (the role's path), one item and one SCO per module, in path order.

    Modules with quizzes carry their effective pass mark as `adlcp:masteryscore`; a module without quizzes
    gets none, so no LMS can derive "failed" from a score that is never sent.
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
    ET.SubElement(org, q("title")).text = role.title[:TITLE_MAX]
    resources = ET.Element(q("resources"))
    if files.shared:
        shared = ET.SubElement(resources, q("resource"), {"identifier": "shared", "type": "webcontent",
                                                          f"{{{ADLCP}}}scormtype": "asset"})
        for name in files.shared:
            ET.SubElement(shared, q("file"), {"href": name})
    for step in role.path:
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
