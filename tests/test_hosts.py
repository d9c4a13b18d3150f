"""One curriculum, any host: the host-neutral core (urls, plan, the Python-Markdown extension) and the same
sample built by Zensical (`curriculum build --with zensical`) and by ProperDocs (the plugin unchanged)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from mkdocs_curriculum import assets_build
from mkdocs_curriculum import plan as plan_mod
from mkdocs_curriculum.load import load_or_raise
from mkdocs_curriculum.urls import Scheme, page_url, relative_url

ROOT = Path(__file__).resolve().parents[1]
EXT = "mkdocs_curriculum.markdown_extension"
CORE = ("load", "model", "blocks", "kinds", "kinds.quiz", "kinds.coaching", "kinds.for_", "roles", "suggest", "markup",
        "tailor", "render", "pages", "catalog", "urls", "plan", "markdown_extension", "preview", "zensical_host", "links", "source",
        "xapi", "snippets")
HOSTS = ("mkdocs", "material", "zensical", "properdocs")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def test_the_core_imports_no_host():
    code = ("import sys\n" + "".join(f"import mkdocs_curriculum.{m}\n" for m in CORE) +
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HOSTS!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"the core imports host modules: {out}"


# -- urls and the plan ----------------------------------------------------------------------------------------------


def test_the_url_scheme_with_and_without_directory_urls():
    on, off = Scheme("modules", True), Scheme("modules", False)
    assert [on.uri(*k) for k in (("home",), ("path", "a"), ("module", "a", "m/x"), ("trainer", "m"), ("index",),
                                 ("catalog",))] == \
        ["index.md", "paths/a/index.md", "paths/a/m/x.md", "modules/m.md", "modules/index.md", "catalog.md"]
    assert [on.url("home"), on.url("path", "a"), on.url("module", "a", "m"), on.url("catalog")] == \
        ["./", "paths/a/", "paths/a/m/", "catalog/"]
    assert [off.url("home"), off.url("path", "a"), off.url("module", "a", "m"), off.url("index")] == \
        ["index.html", "paths/a/index.html", "paths/a/m.html", "modules/index.html"]
    assert page_url("x/README.md") == "x/"
    assert relative_url("paths/a/", "paths/a/m/") == "../"
    assert on.link("paths/a/m/")("trainer", "m") == "../../../modules/m/"


def test_the_url_scheme_is_the_one_mkdocs_writes():
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    for uri in ("index.md", "paths/a/index.md", "paths/a/b.md", "x/README.md", "catalog.md", "modules/s/m.md"):
        for directory_urls in (True, False):
            assert page_url(uri, directory_urls) == File(uri, "/d", "/s", directory_urls).url
    for url, other in (("./", "paths/a/"), ("paths/a/b/", "paths/a/"), ("index.html", "paths/a/b.html")):
        assert relative_url(url, other) == get_relative_url(url, other)


@pytest.fixture(scope="module")
def sample():
    return load_or_raise(ROOT / "curriculum.yml", ROOT / "content", ROOT)


def test_the_plan_has_every_page_and_each_roles_navigation(sample):
    from mkdocs_curriculum import nav

    plan = plan_mod.compile_plan(sample, existing=["index.md", "credits.md"])
    assert plan_mod.CHUNK == nav.CHUNK and plan_mod.TRAINER_TITLE == nav.TRAINER_TITLE
    assert plan.get("home") is None  # the author wrote index.md
    for rid, role in sample.roles.items():
        assert plan.get("path", rid).url == f"paths/{rid}/"
        section = plan.navs[rid]
        assert section.title == role.title
        assert section.pages() == [f"paths/{rid}/index.md"] + [f"paths/{rid}/{s.module}.md" for s in role.path]
        for step in role.path:
            page = plan.get("module", rid, step.module)
            assert page.version.role == rid and page.meta["search"] == {"exclude": True}
            assert page.edit_uri == f"modules/{step.module}.md"
    assert plan.trainer.pages() == ["modules/index.md"] + [f"modules/{m}.md" for m in sample.modules]
    path = plan.html(plan.get("path", "frontline"))
    assert 'id="cq-path-data"' in path and 'href="why-service-matters/"' in path


def test_a_long_path_is_split_into_sections():
    items = [plan_mod.NavItem(str(i), f"{i}.md") for i in range(45)]
    sections = plan_mod.chunks(items)
    assert [s.title for s in sections] == ["Modules 1–20", "Modules 21–40", "Modules 41–45"]
    assert plan_mod.chunks(items[:20]) == items[:20]


# -- the Python-Markdown extension -----------------------------------------------------------------------------------

PAGE = """Intro.

/// quiz | What comes first?
- [ ] Transfer the call
    Transferring first makes the customer repeat the story.
- [x] Listen

Listening is the first step.
///

/// for | managers
Only managers read this.

/// coaching | Catch someone doing right
    for: managers
- Who did well this week?
///
///

```
/// quiz | shown as code
```
"""


def convert(text: str, **config) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(extensions=[EXT, "fenced_code"], extension_configs={EXT: config})
    return md.convert(text), md


def test_the_extension_renders_the_plugins_blocks_for_a_role():
    roles = {"frontline": "Frontline staff", "managers": "Middle managers"}
    front, _ = convert(PAGE, role="frontline", module="basics", roles=roles)
    managers, _ = convert(PAGE, role="managers", module="basics", roles=roles)
    trainer, md = convert(PAGE, module="basics", roles=roles)
    assert front.count('class="cq-quiz"') == 1 and 'data-cq-key="' in front and "cq-coaching" not in front
    assert "Only managers read this." not in front and "Only managers read this." in managers
    assert 'data-cq-coaching="coaching-catch-someone-doing-right"' in managers and "Only for:" not in managers
    assert "Only in the version for: Middle managers" in trainer and "Only for: Middle managers" in trainer
    assert "/// quiz | shown as code" in front  # code stays code
    assert front.count("///") == 1  # ...and is the only `///` left
    for html, role in ((front, "&quot;frontline&quot;"), (trainer, "null")):
        assert 'id="cq-page-data"' in html and f"&quot;role&quot;:{role}" in html
        assert "&quot;module&quot;:&quot;basics&quot;" in html and "&quot;questions&quot;:[&quot;what-comes-first&quot;]" in html
    assert md.curriculum_problems == []


def test_the_extension_renders_what_the_plugin_renders(sample):
    """The same module, tailored to a role, gives the plugin's block HTML and data element."""
    from mkdocs_curriculum import pages, render
    from mkdocs_curriculum.source import read_text, split_front_matter

    module = sample.modules["the-service-process"]
    _, body, _ = split_front_matter(read_text(ROOT / "content/modules/the-service-process.md"))
    titles = {rid: r.title for rid, r in sample.roles.items()}
    html, _ = convert(body, role="managers", module=module.id, roles=titles, pass_mark=sample.pass_mark_of(module))
    snippet = markdown.Markdown(extensions=["admonition", "attr_list", "md_in_html", "def_list"])
    questions = module.questions("managers")
    for number, q in enumerate(questions, 1):
        expected = render.quiz_html(q, number, len(questions), module, lambda t: (snippet.reset(), snippet.convert(t))[1],
                                    titles, False)
        assert expected in html
    assert html.endswith(pages.module_foot(sample, module, sample.roles["managers"], questions))


def test_the_extension_reports_problems_with_file_and_line(caplog):
    text = "Text.\n\n/// quiz | No choices\n///\n\n/// for | manager\nx\n///\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs_curriculum.markdown"):
        html, md = convert(text, file="intro.md", roles=["managers"])
    assert md.curriculum_problems[0].startswith("intro.md:3: this quiz has no choices and no `answer`.")
    assert md.curriculum_problems[1].startswith("intro.md:6: unknown role 'manager' in `/// for`. Did you mean 'managers'?")
    assert [r.getMessage() for r in caplog.records] == md.curriculum_problems
    assert "No choices" not in html  # the broken block is left out
    from mkdocs_curriculum.errors import CurriculumError

    with pytest.raises(CurriculumError):
        convert(text, problems="raise")


# -- Zensical and ProperDocs builds ---------------------------------------------------------------------------------


def _sample_copy(dest: Path) -> Path:
    dest.mkdir()
    for name in ("mkdocs.yml", "curriculum.yml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "content", dest / "content")
    return dest


def _digest(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".curriculum" not in p.parts}


def _check_site(site: Path, curriculum) -> None:
    for rid, role in curriculum.roles.items():
        path = (site / f"paths/{rid}/index.html").read_text(encoding="utf-8")
        assert 'id="cq-path-data"' in path, rid
        for step in role.path:
            html = (site / f"paths/{rid}/{step.module}/index.html").read_text(encoding="utf-8")
            assert 'id="cq-page-data"' in html and f"&quot;role&quot;:&quot;{rid}&quot;" in html, (rid, step.module)
            questions = curriculum.modules[step.module].questions(rid)
            assert html.count('class="cq-quiz"') == len(questions), (rid, step.module)
            assert html.count("data-cq-key=") == len(questions)
    for mid in curriculum.modules:
        html = (site / f"modules/{mid}/index.html").read_text(encoding="utf-8")
        assert 'id="cq-page-data"' in html and "&quot;role&quot;:null" in html
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        content = text[text.find('class="md-content"'):]
        assert "\n/// " not in content and "<p>///" not in content and "/// quiz" not in content, page
        assert "cqslot" not in text, page


@pytest.mark.build
def test_the_sample_built_by_zensical_has_every_role_page(tmp_path, sample):
    project = _sample_copy(tmp_path / "course")
    before = _digest(project)
    result = subprocess.run([sys.executable, "-m", "mkdocs_curriculum.cli", "build", "--with", "zensical", "--strict"],
                            cwd=project, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    _check_site(site, sample)
    assert (site / assets_build.curriculum_js().uri).is_file() and (site / "curriculum.json").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="md-tabs__item') >= len(sample.roles)  # a tab per role
    assert {k: v for k, v in _digest(project).items() if not k.startswith("site/")} == before  # nothing modified
    # Search, as with the plugin: a module is found once, at its trainer's view (whose script sends a learner
    # on to their own copy); the role copies stay out of the index.
    found = {item["location"].split("#")[0] for item in json.loads((site / "search.json").read_text())["items"]}
    assert {f"modules/{mid}/" for mid in sample.modules} <= found
    assert not [url for url in found if url.count("/") > 2 and url.startswith("paths/")], found


@pytest.mark.build
def test_a_zensical_build_says_that_it_sends_no_learning_records(tmp_path):
    """`tracking` is a plugin feature: a Zensical build says so, and `--strict` stops before building."""
    project = tmp_path / "course"
    shutil.copytree(ROOT / "tests" / "fixtures" / "basic", project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - curriculum\n" in text
    config.write_text(text.replace("  - curriculum\n", "  - curriculum:\n      tracking:\n"
                                   "        xapi: https://lrs.example.org/xAPI/\n"), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs_curriculum.cli", "build", "--with", "zensical"]
    strict = subprocess.run([*command, "--strict"], cwd=project, env=ENV, capture_output=True, text=True, timeout=600)
    assert strict.returncode != 0 and "sends no learning records" in strict.stderr, strict.stderr
    assert not (project / "site").exists()
    relaxed = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=600)
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "warning: mkdocs.yml turns on `tracking` (xAPI)" in relaxed.stderr
    assert (project / "site" / "index.html").is_file()


def test_a_missing_zensical_is_one_clear_error(monkeypatch, tmp_path):
    from mkdocs_curriculum.cli import build

    monkeypatch.setattr(build.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    with pytest.raises(build.CliError, match=r'pip install "mkdocs-curriculum\[zensical\]"'):
        build.find_zensical()


@pytest.mark.build
def test_the_sample_built_by_properdocs_runs_the_plugin_unchanged(tmp_path, sample):
    project = _sample_copy(tmp_path / "course")
    properdocs = Path(sys.executable).parent / "properdocs"
    command = [str(properdocs)] if properdocs.is_file() else [sys.executable, "-m", "properdocs"]
    result = subprocess.run([*command, "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
                            cwd=project, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    _check_site(tmp_path / "site", sample)
