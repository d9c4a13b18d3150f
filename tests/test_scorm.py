"""SCORM 1.2 export: the packages' shape, manifest and contents, the command and the plugin option.

The run-time side (status, score, suspend data in a real SCORM runtime) is in browser/test_scorm_browser.py.
"""

from __future__ import annotations

import base64
import functools
import json
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURES, build
from mkdocs_curriculum.export import scorm
from mkdocs_curriculum.export.scorm_package import ADLCP, IMSCP, MANIFEST, css_refs, html_refs, is_external

pytestmark = pytest.mark.build
CP = f"{{{IMSCP}}}"
AD = f"{{{ADLCP}}}"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def project(tmp: Path, name: str = "basic") -> Path:
    target = tmp / name
    shutil.copytree(FIXTURES / "basic", target)
    return target


@functools.cache
def _exported(base: str) -> dict:
    paths = scorm.export_packages(project(Path(base)) / "mkdocs.yml", Path(base) / "out")
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def zips(tmp_path_factory):
    return _exported(str(tmp_path_factory.mktemp("scorm-export")))


def manifest_of(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as zf:
        return ET.fromstring(zf.read(MANIFEST))


def names_of(path: Path) -> list:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def text_of(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def test_one_package_per_role_named_after_it(zips):
    assert sorted(zips) == ["frontline-scorm12.zip", "managers-scorm12.zip"]
    for path in zips.values():
        assert names_of(path)[0] == MANIFEST
        assert zipfile.ZipFile(path).testzip() is None


def test_the_manifest_is_scorm_1_2_content_packaging_1_1_2(zips):
    root = manifest_of(zips["frontline-scorm12.zip"])
    assert root.tag == CP + "manifest" and NCNAME.match(root.get("identifier"))
    assert [c.tag for c in root] == [CP + "metadata", CP + "organizations", CP + "resources"]
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    orgs = root.find(CP + "organizations")
    (org,) = orgs.findall(CP + "organization")
    assert orgs.get("default") == org.get("identifier")
    assert org.findtext(CP + "title") == "Frontline staff"
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids)
    resources = {r.get("identifier"): r for r in root.iter(CP + "resource")}
    for res in resources.values():
        assert res.get("type") == "webcontent" and res.get(AD + "scormtype") in ("sco", "asset")
        kids = [c.tag for c in res]
        assert kids == sorted(kids, key=[CP + "file", CP + "dependency"].index)  # files, then dependencies
        assert all(resources[d.get("identifierref")].get(AD + "scormtype") == "asset" for d in res.iter(CP + "dependency"))


def test_one_item_and_sco_per_module_in_path_order_with_titles_and_mastery(zips):
    root = manifest_of(zips["frontline-scorm12.zip"])
    items = root.findall(f"{CP}organizations/{CP}organization/{CP}item")
    assert [i.findtext(CP + "title") for i in items] == ["Basics", "The process", "Extras"]
    assert [i.findtext(AD + "masteryscore") for i in items] == ["80", "80", None]  # Extras has no quiz
    resources = {r.get("identifier"): r for r in root.iter(CP + "resource")}
    hrefs = [resources[i.get("identifierref")].get("href") for i in items]
    assert hrefs == ["paths/frontline/basics.html", "paths/frontline/process.html", "paths/frontline/extras.html"]
    assert all(resources[i.get("identifierref")].get(AD + "scormtype") == "sco" for i in items)
    assert all(i.find(AD + "masteryscore") is None or list(i).index(i.find(AD + "masteryscore")) > 0 for i in items)


def test_every_named_file_is_in_the_zip_and_every_file_is_named(zips):
    for path in zips.values():
        root = manifest_of(path)
        named = [f.get("href") for f in root.iter(CP + "file")]
        assert len(named) == len(set(named))
        inside = set(names_of(path)) - {MANIFEST}
        assert set(named) == inside
        for res in root.iter(CP + "resource"):
            if res.get("href"):
                assert res.get("href") in [f.get("href") for f in res.iter(CP + "file")]


def test_each_sco_has_every_file_its_page_loads(zips):
    path = zips["managers-scorm12.zip"]
    root = manifest_of(path)
    resources = {r.get("identifier"): r for r in root.iter(CP + "resource")}
    for res in (r for r in resources.values() if r.get(AD + "scormtype") == "sco"):
        own = {f.get("href") for f in res.iter(CP + "file")}
        for dep in res.iter(CP + "dependency"):
            own |= {f.get("href") for f in resources[dep.get("identifierref")].iter(CP + "file")}
        page = res.get("href")
        html = text_of(path, page)
        tags = re.findall(r"<(?:script|link|img)\b[^>]*>", html)
        loaded = [t for t in tags if not re.search(r'rel="(?:prev|next|canonical|alternate)"', t)]
        for url in [u for t in loaded for u in re.findall(r'(?:src|href)="([^"#]+)"', t)]:
            target = str(Path(page).parent / url)
            target = re.sub(r"[^/]+/\.\./", "", re.sub(r"[^/]+/\.\./", "", target))
            assert target in own, (page, url)


def test_only_the_roles_pages_and_versions_are_in_its_package(zips):
    front, managers = zips["frontline-scorm12.zip"], zips["managers-scorm12.zip"]
    pages = [n for n in names_of(front) if n.endswith(".html")]
    assert sorted(pages) == ["paths/frontline/basics.html", "paths/frontline/extras.html",
                             "paths/frontline/index.html", "paths/frontline/process.html"]
    basics = text_of(front, "paths/frontline/basics.html")
    assert "Frontline-only text." in basics and "Managers-only text." not in basics
    assert "Think about it" not in basics  # the managers' coaching prompt
    assert "paths/managers" not in basics and "Middle managers" not in basics  # no other role's tab
    assert "Managers-only text." in text_of(managers, "paths/managers/basics.html")
    for path in zips.values():
        names = names_of(path)
        assert not any(n.startswith(("modules/", "search/")) or n in ("index.html", "curriculum.json") for n in names)
        assert not any("workers/search" in n for n in names)


def test_pages_load_nothing_from_outside_the_package(zips):
    for path in zips.values():
        for name in names_of(path):
            if name.endswith(".html"):
                refs = html_refs(text_of(path, name))
                assert not [u for u in refs.loads if is_external(u)], name
                assert "navigation.instant" not in text_of(path, name)
            elif name.endswith(".css"):
                assert not [u for u in css_refs(text_of(path, name)) if is_external(u)], name


def test_the_same_project_gives_the_same_bytes(zips, tmp_path):
    again = scorm.export_packages(project(tmp_path) / "mkdocs.yml", tmp_path / "again", ["managers"])
    assert again[0].read_bytes() == zips["managers-scorm12.zip"].read_bytes()


def test_a_modules_own_pass_mark_is_its_mastery_score(tmp_path):
    root = project(tmp_path)
    module = root / "content" / "modules" / "process.md"
    module.write_text(module.read_text().replace("duration: 20", "duration: 20\npass_mark: 50"))
    (path,) = scorm.export_packages(root / "mkdocs.yml", tmp_path / "out", ["managers"])
    items = manifest_of(path).findall(f"{CP}organizations/{CP}organization/{CP}item")
    assert [i.findtext(AD + "masteryscore") for i in items] == ["80", "50"]


def test_a_page_loading_from_the_internet_stops_the_export(tmp_path):
    root = project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "extra_javascript: [https://cdn.example.com/widget.js]\n")
    with pytest.raises(scorm.ScormError, match=r"cdn\.example\.com/widget\.js"):
        scorm.export_packages(config, tmp_path / "out", ["managers"])
    assert not list((tmp_path / "out").glob("*.zip"))


def test_an_unknown_role_is_refused(tmp_path):
    with pytest.raises(scorm.ScormError, match="Known roles: frontline, managers"):
        scorm.export_packages(project(tmp_path) / "mkdocs.yml", tmp_path / "out", ["nobody"])


def test_external_urls_and_references_are_recognised():
    refs = html_refs('<a href="https://example.com/">x</a><link rel="canonical" href="https://e.com/">'
                     '<script src="//cdn.example.com/a.js"></script><img srcset="a.png 1x, b.png 2x" src="c.png">'
                     '<div style="background: url(\'d.png\')"></div><link rel="stylesheet" href="e.css">')
    assert refs.links == ["https://example.com/", "https://e.com/"]
    assert refs.loads == ["//cdn.example.com/a.js", "c.png", "a.png", "b.png", "e.css"]
    assert css_refs(refs.css[0]) == ["d.png"]
    assert css_refs('@import "f.css"; x { src: url(data:font/woff2;base64,AA) }') == ["f.css", "data:font/woff2;base64,AA"]
    assert [is_external(u) for u in ("https://a", "HTTP://a", "//a", "a.png", "data:x", "#top")] == \
        [True, True, True, False, False, False]


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mkdocs_curriculum.cli", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=300)


def test_the_command_writes_the_chosen_roles(tmp_path):
    root = project(tmp_path)
    done = run_cli("export", "scorm", "--role", "managers", "-o", "packages", cwd=root)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (root / "packages").iterdir()] == ["managers-scorm12.zip"]
    assert "managers-scorm12.zip (2 modules" in done.stderr
    wrong = run_cli("export", "scorm", "--role", "nobody", cwd=root)
    assert wrong.returncode == 2 and "unknown role nobody." in wrong.stderr


def test_the_plugin_option_puts_packages_in_the_sites_downloads(tmp_path):
    root = project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - curriculum\n", "  - curriculum:\n      scorm: true\n"))
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    downloads = tmp_path / "site" / "downloads"
    assert sorted(p.name for p in downloads.iterdir()) == ["frontline-scorm12.zip", "managers-scorm12.zip"]
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "modules" / "basics" / "index.html").is_file()
    assert "curriculum-scorm-" not in result.stdout  # the package builds' chatter stays out of the log
    assert "downloads/managers-scorm12.zip" in result.stdout


def test_sco_resources_come_first_and_the_shared_files_last(zips):
    """Some LMSs (wagtail-lms) launch the first resource and ignore the organisation: it must be module 1."""
    for path in zips.values():
        root = manifest_of(path)
        kinds = [r.get(AD + "scormtype") for r in root.iter(CP + "resource")]
        assert kinds == ["sco"] * (len(kinds) - 1) + ["asset"], (path.name, kinds)
        first_item = root.find(f"{CP}organizations/{CP}organization/{CP}item")
        assert root.find(f"{CP}resources/{CP}resource").get("identifier") == first_item.get("identifierref")


def test_package_pages_have_no_search_checkbox(zips):
    """Search is not in a package: its checkbox (unlabelled, pa11y H91/F68) and labels go; Material's script
    still finds the toggle it reads (a hidden input, no form control), so no page breaks."""
    for path in zips.values():
        for name in [n for n in names_of(path) if n.endswith(".html")]:
            html = text_of(path, name)
            assert 'id="__search"' not in html and 'for="__search"' not in html
            assert html.count('<input type="hidden" data-md-toggle="search">') == 1, name


def test_materials_source_map_is_packed(zips):
    for path in zips.values():
        names = set(names_of(path))
        bundle = next(n for n in names if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", n))
        map_name = re.search(r"sourceMappingURL=(\S+)", text_of(path, bundle)).group(1)
        assert f"assets/javascripts/{map_name}" in names


# -- a course whose modules link across roles, to a page that is no module, with images only in feedback --

LINKED = FIXTURES / "linked"
PUBLIC = "https://academy.example.com/"
WEB = ("http:", "https:", "mailto:", "data:", "javascript:", "tel:")


def linked_project(tmp: Path, site_url: bool = True) -> Path:
    root = tmp / "linked"
    shutil.copytree(LINKED, root)
    if not site_url:
        config = root / "mkdocs.yml"
        config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text()))
    return root


class _Refs(HTMLParser):
    """Every URL a page holds: href, src, srcset, poster, data of any element, and the HTML its scripts show
    (quiz feedback and explanations, in each quiz's data-cq-key)."""

    def __init__(self, module):
        super().__init__(convert_charrefs=True)
        self.module, self.urls, self.links, self.hidden = module, [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "poster", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        self.urls += [p.split()[0] for p in (attrs.get("srcset") or "").split(",") if p.strip()]
        if tag == "a":
            self.links.append(attrs)
        if attrs.get("data-cq-key"):
            solution = unobfuscate(attrs["data-cq-key"], f"{self.module}/{attrs['data-cq-quiz']}")
            self.hidden += solution["feedback"] + [solution["explanation"]]


def unobfuscate(b64: str, key: str) -> dict:
    raw, pad = base64.b64decode(b64), key.encode("utf-8")
    return json.loads(bytes(b ^ pad[i % len(pad)] ^ (i * 7 & 0xFF) for i, b in enumerate(raw)).decode("utf-8"))


def page_refs(html: str) -> _Refs:
    data = re.search(r'id="cq-page-data"[^>]*data-cq-json="([^"]*)"', html)
    refs = _Refs(json.loads(unescape(data.group(1)))["module"] if data else None)
    refs.feed(html)
    for snippet in refs.hidden:
        refs.feed(snippet)
    return refs


def crawl(root: Path) -> tuple[set, list, list]:
    """Follow every href and src inside an unzipped package from its launch pages, through stylesheets and the
    source maps scripts name. Returns the files reached, the (page, URL) that lead to no file in the package,
    and the attributes of every link that leaves it."""
    manifest = ET.parse(root / MANIFEST).getroot()
    todo = [r.get("href") for r in manifest.iter(CP + "resource") if r.get("href")]
    reached, missing, leaving = set(), [], []
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        text = (root / name).read_text(encoding="utf-8", errors="replace")
        if name.endswith(".html"):
            refs = page_refs(text)
            urls = refs.urls
            leaving += [a for a in refs.links if (a.get("href") or "").startswith(WEB[:2])]
        elif name.endswith(".css"):
            urls = css_refs(text) + re.findall(r"sourceMappingURL=([^\s*]+)", text)
        elif name.endswith(".js"):
            urls = re.findall(r"sourceMappingURL=(\S+)", text[-500:])
        else:
            continue
        for url in urls:
            if url.startswith("#") or url.lower().startswith(WEB):
                continue
            path = urlsplit(url).path
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(path)))
            if url.startswith("/") or target.startswith("..") or not (root / target).is_file():
                missing.append((name, url))
            else:
                todo.append(target)
    return reached, missing, leaving


def unzipped(path: Path, where: Path) -> Path:
    with zipfile.ZipFile(path) as zf:
        zf.extractall(where)
    return where


def test_links_out_of_a_package_go_to_the_public_site_and_nothing_inside_is_missing(tmp_path):
    root = linked_project(tmp_path)
    done = run_cli("export", "scorm", "-o", "packages", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "warning" not in done.stderr.lower(), done.stderr
    public = tmp_path / "public"
    assert build(root, public).returncode == 0
    for role in ("frontline", "managers"):
        package = unzipped(root / "packages" / f"{role}-scorm12.zip", tmp_path / role)
        reached, missing, leaving = crawl(package)
        assert not missing, (role, missing)
        assert reached == set(names_of(root / "packages" / f"{role}-scorm12.zip")) - {MANIFEST}
        assert {"modules/img/feedback-only.svg", "modules/img/explanation-only.svg", "modules/img/team.svg"} <= reached
        ours = [a for a in leaving if a["href"].startswith(PUBLIC)]
        assert ours and all(a.get("target") == "_blank" and a.get("rel") == "noopener" for a in ours)
        for link in ours:  # each leads to a page of the public site
            page = urlsplit(link["href"]).path.lstrip("/")
            assert (public / page / "index.html").is_file() or (public / page).is_file(), link["href"]
        welcome = (package / f"paths/{role}/welcome.html").read_text(encoding="utf-8")
        assert welcome.count("(public site, opens in a new tab)") == 3  # the body and the coaching prompt
        assert ".md" not in " ".join(re.findall(r'href="([^"]*)"', welcome))
    front = (tmp_path / "frontline" / "paths/frontline/welcome.html").read_text(encoding="utf-8")
    assert f'href="{PUBLIC}modules/leading/"' in front and f'href="{PUBLIC}credits/"' in front
    assert 'href="safety.html#the-rules"' in front  # a module of the path stays inside


def warnings_of(stderr: str) -> set:
    """(file:line, link, role) of each "plain text in the package" warning."""
    found = re.findall(r"(\S+:\d+): the link '([^']+)' leads to a page that is not in the (\w+) SCORM package, so "
                       r"the package shows it as plain text\. Set `site_url`", stderr)
    return set(found)


def test_without_site_url_links_out_are_plain_text_and_each_is_warned_at_its_own_line(tmp_path):
    root = linked_project(tmp_path, site_url=False)
    done = run_cli("export", "scorm", "-o", "packages", cwd=root)
    assert done.returncode == 0, done.stderr
    w = "content/modules/welcome.md"
    assert warnings_of(done.stderr) == {
        (f"{w}:7", "leading.md", "frontline"), (f"{w}:12", "../credits.md", "frontline"),  # the body
        (f"{w}:18", "leading.md", "frontline"), (f"{w}:20", "../credits.md", "frontline"),  # feedback, explanation
        (f"{w}:26", "leading.md", "frontline"),  # the coaching prompt's second line
        (f"{w}:8", "safety.md#the-rules", "managers"), (f"{w}:12", "../credits.md", "managers"),
        (f"{w}:16", "safety.md", "managers"), (f"{w}:20", "../credits.md", "managers"),
        (f"{w}:25", "safety.md", "managers"), ("content/modules/leading.md:7", "safety.md", "managers"),
    }, done.stderr
    assert done.stderr.count("leads to a page that is not in") == 11
    assert "leads to no file in the docs folder" not in done.stderr and "not found among documentation" not in done.stderr
    for role in ("frontline", "managers"):
        package = unzipped(root / "packages" / f"{role}-scorm12.zip", tmp_path / role)
        _, missing, leaving = crawl(package)
        assert not missing and not [a for a in leaving if "academy" in a["href"]], (role, missing)
    front = (tmp_path / "frontline" / "paths/frontline/welcome.html").read_text(encoding="utf-8")
    assert "<span>Leading a team</span>" in front and "<span>credits</span>" in front
    strict = run_cli("export", "scorm", "--strict", "-o", "strict", cwd=root)
    assert strict.returncode == 1 and "--strict" in strict.stderr and "no package was written" in strict.stderr
    assert not (root / "strict").exists() or not list((root / "strict").rglob("*.zip"))


def test_one_package_per_module_each_one_sco_titled_role_and_module(tmp_path):
    root = linked_project(tmp_path)
    done = run_cli("export", "scorm", "--per-module", "-o", "packages", cwd=root)
    assert done.returncode == 0, done.stderr
    made = sorted(p.relative_to(root / "packages").as_posix() for p in (root / "packages").rglob("*.zip"))
    assert made == ["frontline/safety-scorm12.zip", "frontline/welcome-scorm12.zip",
                    "managers/leading-scorm12.zip", "managers/welcome-scorm12.zip"]
    titles = {"frontline": "Frontline staff", "managers": "Middle managers"}
    modules = {"welcome": "Welcome", "safety": "Safety first", "leading": "Leading a team"}
    for name in made:
        path = root / "packages" / name
        role, module = name.split("/")[0], name.split("/")[1].split("-scorm12")[0]
        manifest = manifest_of(path)
        (org,) = manifest.iter(CP + "organization")
        assert org.findtext(CP + "title") == f"{titles[role]}: {modules[module]}"
        assert [i.findtext(CP + "title") for i in org.iter(CP + "item")] == [modules[module]]
        resources = list(manifest.iter(CP + "resource"))
        assert [r.get("href") for r in resources] == [f"paths/{role}/{module}.html"]
        assert {f.get("href") for f in manifest.iter(CP + "file")} == set(names_of(path)) - {MANIFEST}
        assert not [n for n in names_of(path) if n.endswith(".html") and n != f"paths/{role}/{module}.html"]
        _, missing, _ = crawl(unzipped(path, tmp_path / name))
        assert not missing, (name, missing)
    front = (tmp_path / "frontline/welcome-scorm12.zip" / "paths/frontline/welcome.html").read_text(encoding="utf-8")
    assert f'href="{PUBLIC}paths/frontline/safety/#the-rules"' in front  # the other module: on the public site
