"""The catalogue page for HR: modules by roles, time and deadlines per role, readable without colour or JS."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES, build, copy_fixture
from mkdocs_curriculum.catalog import catalog_page, ordered, status
from mkdocs_curriculum.load import load_curriculum

BASIC = FIXTURES / "basic"


def link(kind, *ids):
    return "/".join(("L", kind, *ids))


@pytest.fixture(scope="module")
def curriculum():
    cur, problems = load_curriculum(BASIC / "curriculum.yml", BASIC / "content", BASIC)
    assert not problems.items
    return cur


class Tables(HTMLParser):
    """Each table as rows of (tag, attributes, text) cells."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self._cell = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = [tag, dict(attrs), ""]
        elif tag == "br" and self._cell is not None:
            self._cell[2] += " "

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.tables[-1][-1].append(tuple(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def text(cell) -> str:
    return " ".join(cell[2].split())


def test_matrix_marks_each_module_with_text_not_colour(curriculum):
    _roles, matrix = Tables(catalog_page(curriculum, link)).tables
    head, *rows = matrix
    assert [text(c) for c in head] == ["Module", "Duration", "Frontline staff", "Middle managers"]
    assert all(c[0] == "th" and c[1]["scope"] == "col" for c in head)
    body = {text(r[0]): [text(c) for c in r[1:]] for r in rows}
    assert body["Basics"] == ["15 min", "● Required", "● Required"]
    assert body["Extras"] == ["10 min", "○ Optional due within 30 days", "– Not in path"]
    assert body["The process"] == ["20 min", "● Required", "● Required"]
    assert body["Total required"] == ["", "35 min", "35 min"]
    assert body["Total optional"] == ["", "10 min", "0 min"]
    assert all(r[0][0] == "th" and r[0][1]["scope"] == "row" for r in rows)


def test_symbols_are_hidden_from_screen_readers(curriculum):
    html = catalog_page(curriculum, link)
    for symbol in "●○–":
        assert html.count(symbol) == html.count(f'<span aria-hidden="true">{symbol}</span>')
    assert 'data-cq-status="absent"' in html and "Not in path" in html


def test_roles_table_has_time_deadlines_and_path_links(curriculum):
    roles = Tables(catalog_page(curriculum, link)).tables[0]
    head, frontline, managers = roles
    assert [text(c) for c in head] == ["Role", "Modules", "Required time", "Optional time",
                                       "Deadlines (days after assignment)"]
    assert [text(c) for c in frontline] == ["Frontline staff", "3 (1 optional)", "35 min", "10 min", "Day 30"]
    assert [text(c) for c in managers] == ["Middle managers", "2", "35 min", "0 min", "None"]
    html = catalog_page(curriculum, link)
    assert '<a href="L/path/frontline">Frontline staff</a>' in html
    assert '<a href="L/trainer/process">The process</a>' in html


def test_module_details_list_objectives(curriculum):
    html = catalog_page(curriculum, link)
    assert '<section class="cq-catalog__module" id="cq-catalog-process">' in html
    assert "<li>Name the steps.</li>" in html
    assert "In the paths of: Frontline staff (optional)" in html  # extras
    assert '<a href="#cq-catalog-extras">Extras</a>' in html


def test_tables_scroll_on_a_phone_without_javascript(curriculum):
    html = catalog_page(curriculum, link)
    assert html.count('<div class="cq-catalog__scroll"><table') == 2
    assert html.count("<caption>") == 2
    assert "<script" not in html and "style=" not in html
    # Material styles and scrolls tables without a class; ours are picked out by a data attribute.
    assert not re.search(r"<table[^>]*class=", html)


def test_deadlines_are_listed_in_order(curriculum):
    from mkdocs_curriculum.catalog import _deadlines
    from mkdocs_curriculum.model import Role, Step

    role = Role("r", "R", "", (Step("a", due_days=30), Step("b"), Step("c", due_days=7), Step("d", due_days=30)))
    assert _deadlines(role) == "Days 7, 30"


def test_learning_order(curriculum):
    assert [m.id for m in ordered(curriculum)] == ["basics", "process", "extras"]
    assert status(curriculum.roles["managers"], "extras") == ("absent", None)
    assert status(curriculum.roles["frontline"], "extras")[0] == "optional"


def test_author_strings_are_escaped(curriculum):
    evil = "<img src=x onerror=alert(1)>&"
    modules = {mid: dataclasses.replace(m, title=evil, summary=evil, objectives=(evil,))
               for mid, m in curriculum.modules.items()}
    roles = {rid: dataclasses.replace(r, title=evil, description=evil) for rid, r in curriculum.roles.items()}
    html = catalog_page(dataclasses.replace(curriculum, modules=modules, roles=roles),
                        lambda kind, *ids: '"><script>x</script>')
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;" in html
    assert 'href="&quot;&gt;&lt;script&gt;' in html


@pytest.mark.build
def test_the_site_has_a_catalogue(site_of):
    page = (site_of("basic") / "catalog" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Catalogue</h1>" in page
    assert '<a href="../paths/frontline/">Frontline staff</a>' in page
    assert '<a href="../modules/basics/">Basics</a>' in page


@pytest.mark.build
def test_an_authors_own_catalogue_is_kept(tmp_path):
    project = copy_fixture("basic", tmp_path)
    (project / "content" / "catalog.md").write_text("# Our catalogue\n\nHand-written.\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    page = (tmp_path / "site" / "catalog" / "index.html").read_text(encoding="utf-8")
    assert "Hand-written." in page and "cq-catalog" not in page


def test_the_catalogue_headings_make_its_table_of_contents(curriculum):
    """MkDocs finds no Markdown headings in a page written as HTML: the plugin reads them from the HTML."""
    from mkdocs_curriculum.headings import toc_tokens

    tokens = toc_tokens(catalog_page(curriculum, link))
    assert [(t["level"], t["id"], t["name"]) for t in tokens] == [
        (2, "cq-catalog-roles", "Learning paths"), (2, "cq-catalog-matrix", "Modules by role"),
        (2, "cq-catalog-modules", "Modules")]
    modules = tokens[2]["children"]
    assert [(t["level"], t["id"], t["name"]) for t in modules] == [
        (3, "cq-catalog-basics", "Basics"), (3, "cq-catalog-process", "The process"),
        (3, "cq-catalog-extras", "Extras")]
    assert not tokens[0]["children"] and not tokens[1]["children"]
    evil = toc_tokens('<h2 id="x">A &lt;b&gt; &amp; <em>c</em></h2><h2>no id</h2><section><h3>none</h3></section>')
    assert [(t["id"], t["name"]) for t in evil] == [("x", "A &lt;b&gt; &amp; c")]
