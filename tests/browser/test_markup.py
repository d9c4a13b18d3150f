"""The markup of the pages the plugin makes: faults that exist only because of the plugin.

- Pages the plugin writes as HTML (home, catalogue) have a real table of contents, so Material's
  table-of-contents toggle is labelled; a trainer's module page, which is in no role's navigation, has the
  toggle its table-of-contents title is the label of.
- No form control without a label, no `label for` without its control, on every page type.
- The path page does not move when its script fills in the learner's progress (cumulative layout shift).
- The Nu HTML Checker (npm `vnu-jar`, run with Java) finds nothing on a plugin page that it does not also
  find on a plain Material page built with the same theme settings.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

from conftest import build, missing

from .projects import ROOT, own_project, plain_material

ROLE, MODULE = "frontline", "why-service-matters"
PAGES = {  # every kind of page the plugin makes, in the sample site
    "home (the author's)": "",
    "path": f"paths/{ROLE}/",
    "module (a role's copy)": f"paths/{ROLE}/{MODULE}/",
    "trainer's view": f"modules/{MODULE}/",
    "module index": "modules/",
    "catalogue": "catalog/",
}
VNU = ROOT / "tests" / "scorm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def sample(sample_site, serve):
    return sample_site, serve(sample_site)


@pytest.fixture(scope="module")
def own_home(tmp_path_factory, serve):
    """The README's own-project set-up without an index.md: the plugin writes the home page."""
    base = tmp_path_factory.mktemp("own-home")
    result = build(own_project(base / "project", home=False), base / "site")
    assert result.returncode == 0, result.stdout
    return base / "site", serve(base / "site")


def settle(page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(250)


TOC = """() => [...document.querySelectorAll('.md-sidebar--secondary [data-md-component=toc] a.md-nav__link')]
    .map(a => [a.textContent.trim(), !!document.getElementById(decodeURIComponent(a.hash.slice(1)))])"""


@pytest.mark.browser
def test_pages_written_as_html_have_a_table_of_contents(page, sample, own_home):
    _, base = sample
    page.goto(base + "catalog/")
    toc = page.evaluate(TOC)
    titles = [title for title, _ in toc]
    assert titles[:3] == ["Learning paths", "Modules by role", "Modules"], titles
    assert "Why service is everyone's job" in titles, "the catalogue's module sections are not in its TOC"
    assert all(found for _, found in toc), f"a TOC entry leads to no element of the page: {toc}"
    assert page.locator('label[for="__toc"]').count(), "the catalogue's TOC toggle has no label"
    page.goto(own_home[1])
    assert [title for title, _ in page.evaluate(TOC)] == ["Choose your path"]


LABELS = """() => ({
    unlabelled: [...document.querySelectorAll('input, textarea, select')]
        .filter(el => el.type !== 'hidden' && !el.labels.length && !el.hasAttribute('aria-label')
                      && !el.hasAttribute('aria-labelledby'))
        .map(el => el.outerHTML.slice(0, 160)),
    orphans: [...document.querySelectorAll('label[for]')]
        .filter(label => !document.getElementById(label.htmlFor))
        .map(label => label.outerHTML.replace(/\\s+/g, ' ').slice(0, 160)),
})"""


@pytest.mark.browser
def test_every_control_has_its_label_and_every_label_its_control(page, sample, own_home):
    """After the plugin's script has run (it adds the notes, certificate and quiz controls)."""
    _, base = sample
    urls = {name: base + url for name, url in PAGES.items()} | {"home (the plugin's)": own_home[1]}
    problems = []
    for name, url in urls.items():
        page.goto(url)
        settle(page)
        found = page.evaluate(LABELS)
        problems += [f"{name}: a label whose control is missing: {html}" for html in found["orphans"]]
        problems += [f"{name}: a control without a label: {html}" for html in found["unlabelled"]]
    assert not problems, "\n".join(problems)


SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        const moved = entry.sources.map(s => String(s.node ? s.node.className || s.node.nodeName : '?'));
        window.__shifts.push({ value: entry.value, moved, from: entry.sources.map(s => s.previousRect.y),
                               to: entry.sources.map(s => s.currentRect.y) });
    }
}).observe({ type: 'layout-shift', buffered: true });
"""


@pytest.mark.browser
@pytest.mark.parametrize("learner", ["new", "returning"])
def test_the_path_page_does_not_move_when_its_progress_appears(browser, sample, learner):
    _, base = sample
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(SHIFTS)
    if learner == "returning":
        page.goto(base + f"paths/{ROLE}/")
        page.evaluate(f"""() => {{
            const s = window.mkdocsCurriculum.load();
            s.done['{MODULE}'] = Date.now();
            window.mkdocsCurriculum.save(s);
        }}""")
    page.goto(base + f"paths/{ROLE}/")
    page.locator("[data-cq-progress]:not([hidden]) progress").wait_for()
    page.wait_for_timeout(500)
    text = page.locator("[data-cq-progress]").inner_text()
    assert ("1 of" if learner == "returning" else "0 of") in text, text
    shifts = page.evaluate("() => window.__shifts")
    context.close()
    score = sum(s["value"] for s in shifts)
    assert score < 0.01, f"layout shift {score:.3f} after the page loaded: {shifts}"


# -- the Nu HTML Checker ------------------------------------------------------------------------------------

def normalised(message: str) -> str:
    """A message with its variable parts (ids, values, numbers) blanked; element and attribute names kept."""
    def blank(match):
        return match.group(0) if re.fullmatch(r"“[a-z][a-z0-9-]*”", match.group(0)) else "“…”"

    message = re.sub(r"“[^”]*”", blank, message)
    return re.sub(r"\d+", "N", message)


def vnu(files: list) -> dict:
    """file -> the checker's errors and warnings on it (info messages left out)."""
    if shutil.which("java") is None:
        missing("no Java to run the Nu HTML Checker: run `apt-get install -y default-jre-headless` (as .ci/run does)")
    if not VNU.is_file():
        missing("the Nu HTML Checker is not installed: run `npm ci` in tests/scorm (as .ci/run does) to get vnu-jar")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    output = result.stderr.strip() or result.stdout.strip()
    assert output.startswith("{"), f"the Nu HTML Checker did not run: {output[:2000]}"
    found = {str(f): [] for f in files}
    for m in json.loads(output)["messages"]:
        if m["type"] == "info" and m.get("subType") != "warning":
            continue
        path = unquote(urlsplit(m.get("url", "")).path)
        found.setdefault(path, []).append(m)
    return found


@pytest.mark.build
def test_the_nu_html_checker_finds_nothing_on_plugin_pages_that_it_does_not_on_plain_material(
        sample_site, own_home, tmp_path):
    plain = tmp_path / "plain-site"
    result = build(plain_material(tmp_path / "plain"), plain)
    assert result.returncode == 0, result.stdout
    pages = {name: sample_site / url / "index.html" for name, url in PAGES.items()}
    pages["home (the plugin's)"] = own_home[0] / "index.html"
    found = vnu([plain / "index.html", *pages.values()])
    baseline = {normalised(m["message"]) for m in found[str(plain / "index.html")]}
    assert baseline, "the checker found nothing at all on plain Material: is it checking anything?"
    problems = []
    for name, path in pages.items():
        for m in found[str(path)]:
            if normalised(m["message"]) not in baseline:
                extract = " ".join(m.get("extract", "").split())
                problems.append(f"{name}, line {m.get('lastLine')}: {m['type']} {m['message']}\n    {extract}")
    assert not problems, "only on the plugin's pages:\n" + "\n".join(problems)
