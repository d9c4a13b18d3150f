"""Every link of the sample site leads somewhere, and nothing the site loads comes from elsewhere.

The sample project (the repository root) is built with `mkdocs build --strict` into a temporary folder, then
every HTML page is read: each internal href and src must name a file of the site (a directory URL names its
index.html), each fragment an id in its target page, and each url() of the site's CSS a file. External
links (http, https, mailto) are fine in <a href>, but nothing a page loads (script, stylesheet, icon, image,
frame, media) may come from another host: no request leaves the site.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, build
from mkdocs_curriculum import assets_build

ORIGIN = "http://site.invalid/"  # the built site, wherever it is served from
LOADING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
           ("iframe", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"), ("embed", "src"),
           ("object", "data"), ("input", "src"), ("link", "href")}
NOT_LOADED = {"canonical", "alternate", "author", "license", "help", "search", "next", "prev"}  # <link> that fetch nothing


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.refs, self.styles = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for attr in ("href", "src", "srcset", "data", "poster"):
            value = attrs.get(attr)
            if value is None:
                continue
            loads = (tag, attr) in LOADING and not (tag == "link" and NOT_LOADED & set((attrs.get("rel") or "").split()))
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
            self.refs += [(tag, attr, url.strip(), loads) for url in urls]
        if attrs.get("style"):
            self.styles.append(attrs["style"])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("links") / "site"
    result = build(ROOT, site, strict=True)
    assert result.returncode == 0, f"`mkdocs build --strict` of the sample site failed:\n{result.stdout}"
    return site


@pytest.fixture(scope="module")
def pages(site) -> dict:
    parsed = {}
    for file in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(file.read_text(encoding="utf-8"))
        parsed[file] = page
    return parsed


def page_url(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return ORIGIN + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url: str) -> Path | None:
    """The file of the site an internal URL names, or None."""
    path = unquote(urlsplit(url).path)[len(urlsplit(ORIGIN).path):]
    candidate = site / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() and site in candidate.resolve().parents else None


def is_external(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url)) or url.startswith("//")


def test_the_sample_site_has_every_page_type(site):
    for page in ("index.html", "404.html", "modules/index.html", "catalog/index.html", "paths/frontline/index.html",
                 "paths/frontline/why-service-matters/index.html", "modules/why-service-matters/index.html"):
        assert (site / page).is_file(), page


def test_every_internal_link_and_fragment_resolves(site, pages):
    broken = []
    checked = 0
    for file, page in pages.items():
        here = page_url(site, file)
        for tag, attr, url, _ in page.refs:
            if is_external(url) and not url.startswith(ORIGIN):
                continue
            checked += 1
            full = urljoin(here, url)
            target = target_file(site, full)
            where = f"{file.relative_to(site)}: <{tag} {attr}={url!r}>"
            if target is None:
                broken.append(f"{where} -> no such file")
                continue
            fragment = unquote(urlsplit(full).fragment)
            if fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{where} -> no id {fragment!r} in {target.relative_to(site)}")
    assert checked > 1000
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:100])


def test_the_plugin_pages_link_to_each_other(site, pages):
    """The links the plugin writes: path -> modules, module -> its path, trainer's views, catalogue anchors."""
    path = pages[site / "paths/frontline/index.html"]
    hrefs = {url for tag, _, url, _ in path.refs if tag == "a"}
    assert "why-service-matters/" in hrefs and "digital-distance/" in hrefs
    module = pages[site / "paths/frontline/why-service-matters/index.html"]
    assert "../" in {url for tag, _, url, _ in module.refs if tag == "a"}
    catalog = pages[site / "catalog/index.html"]
    anchors = [url for tag, _, url, _ in catalog.refs if tag == "a" and url.startswith("#cq-catalog-")]
    assert len(anchors) >= 14 and all(url[1:] in catalog.ids for url in anchors)


def test_no_request_leaves_the_site(site, pages):
    outside = []
    for file, page in pages.items():
        for tag, attr, url, loads in page.refs:
            if loads and is_external(url) and not url.startswith(("data:", ORIGIN)):
                outside.append(f"{file.relative_to(site)}: <{tag} {attr}={url!r}>")
        for style in page.styles:
            outside += [f"{file.relative_to(site)}: style url({u})" for u in css_urls(style) if is_external(u) and not u.startswith("data:")]
    assert not outside, "\n".join(outside[:50])


def css_urls(text: str) -> list[str]:
    found = re.findall(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", text)
    found += [(m, "", "") for m in re.findall(r"""@import\s+["']([^"']+)["']""", text)]
    return [a or b or c for a, b, c in found]


def test_every_css_url_resolves_and_stays_on_the_site(site):
    sheets = sorted(site.rglob("*.css"))
    assert site / assets_build.curriculum_css().uri in sheets
    problems = []
    for sheet in sheets:
        here = ORIGIN + sheet.relative_to(site).as_posix()
        for url in css_urls(sheet.read_text(encoding="utf-8")):
            if url.startswith(("data:", "#")):
                continue
            if is_external(url):
                problems.append(f"{sheet.relative_to(site)}: url({url}) leaves the site")
            elif target_file(site, urljoin(here, url)) is None:
                problems.append(f"{sheet.relative_to(site)}: url({url}) -> no such file")
    assert not problems, "\n".join(problems)


def test_material_search_worker_and_index_exist(site):
    """Loaded by script, not by markup: the search worker named in Material's config, and its index."""
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (site / "index.html").read_text(encoding="utf-8"), re.S)
    worker = json.loads(config.group(1))["search"]
    assert (site / worker).is_file(), worker
    assert (site / "search/search_index.json").is_file()
