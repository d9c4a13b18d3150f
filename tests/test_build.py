"""A real `mkdocs build --strict` of tests/fixtures/basic: the pages, what each role sees, prev/next and the
sidebar following the role's path, the search index, and no answers in plain view."""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

pytestmark = pytest.mark.build

FIXTURE = Path(__file__).parent / "fixtures" / "basic"
PATHS = {"frontline": ["basics", "process", "extras"], "managers": ["basics", "process"]}
MODULES = ["basics", "extras", "process"]
TITLES = {"basics": "Basics", "process": "The process", "extras": "Extras"}
# Text the fixture keeps out of plain view: feedback, explanations and free-text answers.
SECRETS = ["Everyone does, not just the front line", "Service is everyone", "Arguing is never a step", "helping"]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Build a copy of the fixture (with Material's footer links on) into a site folder next to it."""
    base = tmp_path_factory.mktemp("build")
    project = base / "basic"
    shutil.copytree(FIXTURE, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("features: [", "features: [navigation.footer, "))
    site = base / "site"
    before = sorted(p.relative_to(base) for p in base.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    after = sorted(p.relative_to(base) for p in base.rglob("*") if site not in p.parents and p != site)
    return {"result": result, "site": site, "unchanged": before == after}


@pytest.fixture(scope="module")
def site(build):
    assert build["result"].returncode == 0, build["result"].stdout
    return build["site"]


def page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's own content, without navigation, header and footer."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def resolve(url: str, href: str) -> str:
    return urlparse(urljoin(f"http://site{url}", href)).path


def link_rel(html: str, rel: str, url: str) -> str | None:
    match = re.search(rf'<link rel="{rel}" href="([^"]*)"', html)
    return resolve(url, match.group(1)) if match else None


def footer(html: str, direction: str, url: str) -> str | None:
    match = re.search(rf'<a href="([^"]*)" class="md-footer__link md-footer__link--{direction}"', html)
    return resolve(url, match.group(1)) if match else None


def primary_nav_links(html: str, url: str) -> set:
    """Links in the left sidebar (the primary navigation), resolved to site paths."""
    nav = html.split('<div class="md-sidebar md-sidebar--primary"', 1)[1]
    nav = nav.split('<div class="md-sidebar md-sidebar--secondary"', 1)[0]
    return {resolve(url, href) for href in re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link', nav)}


def test_build_is_clean(build):
    result = build["result"]
    assert result.returncode == 0, result.stdout
    assert "WARNING" not in result.stdout and "Traceback" not in result.stdout
    assert build["unchanged"], "the build wrote files outside its site folder"


def test_pages_exist(site):
    for role, path in PATHS.items():
        assert (site / "paths" / role / "index.html").is_file()
        for mid in path:
            assert (site / "paths" / role / mid / "index.html").is_file(), (role, mid)
    for mid in MODULES:
        assert (site / "modules" / mid / "index.html").is_file()
    assert (site / "modules" / "index.html").is_file()
    assert not (site / "paths" / "managers" / "extras").exists()


def test_path_pages_list_the_role_modules_in_order(site):
    for role, path in PATHS.items():
        html = article(page(site, f"/paths/{role}/"))
        found = re.findall(r'data-cq-module="([^"]+)"', html)
        assert found == path


def test_role_pages_hide_other_roles_sections(site):
    frontline = article(page(site, "/paths/frontline/basics/"))
    managers = article(page(site, "/paths/managers/basics/"))
    assert "Frontline-only text." in frontline and "Managers-only text." not in frontline
    assert "Managers-only text." in managers and "Frontline-only text." not in managers
    assert "Think about it" not in frontline and 'data-cq-coaching="coaching-think-about-it"' in managers
    for html in (frontline, managers):
        assert "Only in the version for" not in html and "Only for:" not in html


def test_trainers_view_shows_every_section_labelled(site):
    html = article(page(site, "/modules/basics/"))
    assert "Frontline-only text." in html and "Managers-only text." in html
    assert "Only in the version for: Middle managers" in html
    assert "Only in the version for: Frontline staff" in html
    assert html.index("Only in the version for: Middle managers") < html.index("Managers-only text.")
    assert "Only for: Middle managers" in html  # the coaching prompt limited to managers
    assert 'data-cq-coaching="coaching-think-about-it"' in html


def test_fenced_block_syntax_is_shown_as_code(site):
    html = article(page(site, "/paths/frontline/basics/"))
    assert "/// quiz | Not a quiz, inside a fence" in html
    assert html.count("data-cq-quiz=") == 2


def test_question_numbering(site):
    html = article(page(site, "/paths/frontline/basics/"))
    assert re.findall(r"Question (\d) of (\d)", html) == [("1", "2"), ("2", "2")]
    assert re.findall(r"Question (\d) of (\d)", article(page(site, "/paths/managers/process/"))) == [("1", "1")]


LAST_REQUIRED_BEFORE_EXTRAS = {"frontline": "process"}  # the fixture's frontline path ends with optional `extras`


@pytest.mark.parametrize("role", sorted(PATHS))
def test_prev_and_next_follow_the_role_path(site, role):
    urls = [f"/paths/{role}/"] + [f"/paths/{role}/{m}/" for m in PATHS[role]]
    for i, url in enumerate(urls):
        html = page(site, url)
        expected_prev = urls[i - 1] if i else None
        expected_next = urls[i + 1] if i + 1 < len(urls) else None
        if url == f"/paths/{role}/{LAST_REQUIRED_BEFORE_EXTRAS.get(role)}/":
            expected_next = None  # only optional modules follow: offered there as extras, not as Next (issue 14)
        assert link_rel(html, "prev", url) == expected_prev, url
        assert link_rel(html, "next", url) == expected_next, url
        assert footer(html, "prev", url) == expected_prev, url
        assert footer(html, "next", url) == expected_next, url


@pytest.mark.parametrize("role", sorted(PATHS))
def test_sidebar_lists_only_the_role_modules(site, role):
    for mid in PATHS[role]:
        url = f"/paths/{role}/{mid}/"
        links = primary_nav_links(page(site, url), url)
        role_modules = {link for link in links if re.fullmatch(r"/paths/[^/]+/[^/]+/", link)}
        assert role_modules == {f"/paths/{role}/{m}/" for m in PATHS[role]}, url
        assert not {f"/modules/{m}/" for m in MODULES} & links, "trainer's module pages in a role's sidebar"
        for other in PATHS:
            assert f"/paths/{other}/" in links  # every role's path page stays reachable


def test_sidebar_of_a_trainer_page_lists_no_role_module(site):
    url = "/modules/basics/"
    links = primary_nav_links(page(site, url), url)
    assert not [link for link in links if re.fullmatch(r"/paths/[^/]+/[^/]+/", link)]


def test_trainer_pages_list_every_module_and_link_in_module_order(site):
    """The trainer's view: each module page's sidebar lists the index and every module; previous/next go
    from the index of all modules through the modules in order (MODULES: the index page's order)."""
    urls = ["/modules/"] + [f"/modules/{m}/" for m in MODULES]
    index = article(page(site, "/modules/"))
    assert [m for m in MODULES if f'href="{m}/"' in index] == MODULES
    assert sorted(MODULES, key=lambda m: index.index(f'href="{m}/"')) == MODULES
    for i, url in enumerate(urls):
        html = page(site, url)
        expected_prev = urls[i - 1] if i else "/catalog/"  # the index page follows the site's own pages
        expected_next = urls[i + 1] if i + 1 < len(urls) else None
        assert link_rel(html, "prev", url) == expected_prev, url
        assert link_rel(html, "next", url) == expected_next, url
        assert footer(html, "prev", url) == expected_prev, url
        assert footer(html, "next", url) == expected_next, url
        if i:
            assert set(urls) <= primary_nav_links(html, url), url


def test_trainer_navigation_is_bounded_one_per_group_of_modules():
    """A trainer's page carries the index and its own group of CHUNK modules (one Navigation per group, built
    once, not once per page); previous/next go through every module in order, so all of them are reachable."""
    from html import escape
    from types import SimpleNamespace

    from mkdocs_curriculum import nav as role_nav

    def fake(name):
        return SimpleNamespace(title=name, parent=None, previous_page=None, next_page=None, is_homepage=False)

    modules = {("trainer", f"m{i:02d}"): fake(f"m{i:02d}") for i in range(45)}
    index = fake("All modules")
    navs = role_nav.build_navs(SimpleNamespace(roles={}), [], {}, {}, modules, index)
    pages = list(modules.values())
    assert len({id(navs[key]) for key in modules}) == 3 and navs[next(iter(modules))] is not navs[None]
    groups = []
    for key in list(modules)[::20]:
        section = navs[key].items[-1]
        assert section.title == escape(role_nav.TRAINER_TITLE) and section.children[0] is index
        (group,) = section.children[1:]
        assert group.parent is section
        groups.append(group.children)
    assert [len(g) for g in groups] == [20, 20, 5] and [p for g in groups for p in g] == pages
    assert navs[None].items[-1].children == [index] and index.parent is navs[None].items[-1]
    assert pages[0].previous_page is index and index.next_page is pages[0] and pages[-1].next_page is None
    assert all(a.next_page is b and b.previous_page is a for a, b in itertools.pairwise(pages))


def test_search_index_holds_each_module_once(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = [doc["location"] for doc in index["docs"] if "#" not in doc["location"]]
    for mid in MODULES:
        assert pages.count(f"modules/{mid}/") == 1, mid
    copies = [loc for loc in (d["location"] for d in index["docs"]) if re.match(r"paths/[^/#]+/[^/#]+", loc)]
    assert copies == []


def test_search_index_holds_no_quiz_controls(site):
    text = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Try again" not in text and "Argue" not in text


def decode(key: str, secret: str):
    pad = secret.encode("utf-8")
    mixed = base64.b64decode(key)
    return json.loads(bytes(b ^ pad[i % len(pad)] ^ (i * 7 & 0xFF) for i, b in enumerate(mixed)).decode("utf-8"))


def test_no_answers_in_plain_view(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "data-correct" not in html, path
        for secret in SECRETS:
            assert secret not in html and secret.replace("'", "&#x27;") not in html, (path, secret)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in index


def test_answers_are_in_the_obfuscated_key(site):
    html = page(site, "/paths/frontline/basics/")
    keys = dict(re.findall(r'data-cq-quiz="([^"]+)" data-cq-kind="[^"]+" data-cq-key="([^"]+)"', html))
    choice = decode(keys["who-serves-customers"], "basics/who-serves-customers")
    assert choice["correct"] == [1]
    assert "Everyone does, not just the front line." in choice["feedback"][0]
    assert "Service is everyone" in choice["explanation"]
    text = decode(keys["which-step-comes-right-after-listening"], "basics/which-step-comes-right-after-listening")
    assert text["answers"] == ["help", "helping"]


def test_a_minimal_config_gets_a_home_page_that_picks_a_role_and_one_tab_per_role(tmp_path):
    """`theme: material` and `plugins: [search, curriculum]` are enough: no index.md, no theme features."""
    project = tmp_path / "mini"
    shutil.copytree(FIXTURE, project)
    (project / "mkdocs.yml").write_text("site_name: Mini\ndocs_dir: content\ntheme: {name: material}\n"
                                        "plugins: [search, curriculum]\n", encoding="utf-8")
    for page in (project / "content").glob("*.md"):
        page.unlink()
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
    home = (site / "index.html").read_text(encoding="utf-8")
    # the roles as Material grid cards, each a link to its path (issue 14)
    assert re.search(r'<div class="grid cards[^"]*">', home)
    assert '<p class="cq-card__title"><a href="paths/frontline/">Frontline staff</a></p>' in home
    assert "3 modules · 35 min required" in home and 'href="catalog/"' in home
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*([^<]+?)\s*</a>', home)
    assert {"Frontline staff", "Middle managers"} <= set(tabs), tabs


def _tabs(html: str) -> list:
    return re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*</a>', html)


def test_the_trainers_view_is_no_tab_for_learners_unless_trainer_tab_is_on(site, tmp_path):
    """Issue 14: learners' pages carry no "Trainer's view" tab by default; the catalogue and /modules/ lead to
    it, and the trainer's own pages keep it. `trainer_tab: true` brings the tab back on every page."""
    from html import unescape

    trainer = "Trainer's view"
    for url in ("/", "/paths/frontline/", "/paths/frontline/basics/", "/catalog/"):
        assert trainer not in [unescape(t) for t in _tabs(page(site, url))], url
    for url in ("/modules/", "/modules/basics/"):
        assert trainer in [unescape(t) for t in _tabs(page(site, url))], url
    assert 'href="../modules/basics/"' in page(site, "/catalog/")
    project = tmp_path / "tabbed"
    shutil.copytree(FIXTURE, project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  - curriculum\n", "  - curriculum:\n      trainer_tab: true\n"),
                                        encoding="utf-8")
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
    html = (out / "paths" / "frontline" / "index.html").read_text(encoding="utf-8")
    assert trainer in [unescape(t) for t in _tabs(html)]
