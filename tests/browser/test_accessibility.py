"""axe-core in a real Chromium on every page type of the sample site, in the light and the dark palette.

The sample project (the repository root: mkdocs.yml, curriculum.yml, content/) is built into a temporary
folder. One browser context per palette walks the states a learner and a trainer meet: home, an ordinary
page, a path with no progress and with progress, a module with every quiz type unanswered, answered wrong
and answered right, a coaching prompt with notes, the trainer's module view, the module index, the
catalogue, the certificate of a completed path, search results and the 404 page. Any serious or critical
violation fails, with every violation listed in the message.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest


pytestmark = pytest.mark.browser
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
FAILING = ("serious", "critical")
ROLE, MODULE = "frontline", "why-service-matters"
KEY = "mkdocs-curriculum/v1"


@pytest.fixture(scope="module")
def sample(sample_site, serve):
    return sample_site, serve(sample_site)


def axe(page) -> list[dict]:
    """Serious and critical violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE)
    results = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return [v for v in results["violations"] if v["impact"] in FAILING]


def describe(found: dict) -> str:
    lines = []
    for state, violations in found.items():
        for v in violations:
            lines.append(f"[{state}] {v['id']} ({v['impact']}): {v['help']} ({v['helpUrl']})")
            for node in v["nodes"][:8]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    {' '.join(map(str, node['target']))}: {' '.join(node['html'].split())[:160]}\n        {summary[:400]}")
    return "\n".join(lines)


def quiz(page, qid):
    return page.locator(f'[data-cq-quiz="{qid}"]')


def answer_all(page, right: bool) -> None:
    """Answer the single-choice, multiple-choice and free-text questions of why-service-matters."""
    single = quiz(page, "who-serves-customers")
    single.get_by_label("Everyone: some of us" if right else "Managers, because", exact=False).check()
    single.get_by_role("button", name="Check").click()
    multiple = quiz(page, "mr-ellis-experience")
    for label in (["The date field", "Being invoiced", "Priya's tone"] if right else ["The name of the department"]):
        multiple.get_by_label(label, exact=False).check()
    multiple.get_by_role("button", name="Check").click()
    text = quiz(page, "service-minded-organisation")
    text.get_by_label("Your answer").fill("organisation" if right else "team")
    text.get_by_role("button", name="Check").click()


def retry_all(page) -> None:
    for button in page.locator("[data-cq-retry]").all():
        button.click()


def settle(page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(250)  # Material's colour transitions and the curriculum's first paint


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_no_serious_axe_violations_on_any_page_type(browser, sample, palette):
    site, base = sample
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    found, checked = {}, []

    def check(state: str) -> None:
        settle(page)
        scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if palette == "dark" else "default"), f"{state}: palette {scheme}"
        checked.append(state)
        violations = axe(page)
        if violations:
            found[state] = violations

    def visit(url: str, state: str) -> None:
        page.goto(base + url)
        check(state)

    page.goto(base)
    if palette == "dark":
        page.get_by_title("Switch to dark mode").click()
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    check("home")
    visit("credits/", "ordinary page")
    visit("404.html", "404 page")
    visit(f"paths/{ROLE}/", "path, no progress")

    visit(f"paths/{ROLE}/{MODULE}/", "module, unanswered")
    assert page.locator(".cq-quiz.cq-ready").count() == 3
    answer_all(page, right=False)
    assert page.locator(".cq-quiz--wrong").count() == 3
    check("module, answered wrong")
    retry_all(page)
    answer_all(page, right=True)
    assert page.locator(".cq-quiz--right").count() == 3
    page.get_by_label("My notes").fill("Ask the warehouse who they hand over to.")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('warehouse')")
    assert "Passed" in page.locator("[data-cq-score]").inner_text()
    check("module, answered right, coaching notes")

    visit(f"paths/{ROLE}/", "path, with progress")
    assert "1 of" in page.locator("[data-cq-progress]").inner_text()
    visit(f"modules/{MODULE}/", "trainer's module view")
    visit("modules/", "module index")
    assert (site / "catalog/index.html").exists(), "no /catalog/ page in the sample site"
    visit("catalog/", "catalogue")

    page.goto(base + f"paths/{ROLE}/")
    path = page.evaluate("() => JSON.parse(document.getElementById('cq-path-data').textContent)")
    page.evaluate("""(modules) => {
        const s = window.mkdocsCurriculum.load();
        for (const m of modules) s.done[m] = Date.now();
        window.mkdocsCurriculum.save(s);
    }""", [m["id"] for m in path["modules"] if not m["optional"]])
    page.reload()
    page.get_by_label("Your name for the certificate").fill("Ana Lima")
    assert page.locator(".cq-certificate").is_visible()
    check("path complete, certificate")

    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("/")
    page.keyboard.type("service")
    page.locator(".md-search-result__item").first.wait_for()
    check("search results")

    context.close()
    assert not errors, f"console errors: {errors}"
    assert not found, f"{palette} palette, {len(checked)} states checked:\n{describe(found)}"
