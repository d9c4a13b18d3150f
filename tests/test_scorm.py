"""SCORM 1.2 export: the packages' shape, manifest and contents, the command and the plugin option.

The run-time side (status, score, suspend data in a real SCORM runtime) is in browser/test_scorm_browser.py.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
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
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def test_the_command_writes_the_chosen_roles(tmp_path):
    root = project(tmp_path)
    done = run_cli("export", "scorm", "--role", "managers", "-o", "packages", cwd=root)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (root / "packages").iterdir()] == ["managers-scorm12.zip"]
    assert "managers-scorm12.zip (2 modules" in done.stderr
    wrong = run_cli("export", "scorm", "--role", "nobody", cwd=root)
    assert wrong.returncode == 2 and "unknown role(s) nobody" in wrong.stderr


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
