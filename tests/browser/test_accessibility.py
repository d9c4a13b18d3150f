"""axe-core in a real Chromium on every page type of the sample site, in the light and the dark palette.

The sample project (the repository root: mkdocs.yml, curriculum.yml, content/) is built into a temporary
folder. One browser context per palette walks the states a learner and a trainer meet: home, an ordinary
page, a path with no progress and with progress, a module with every quiz type unanswered, answered wrong
and answered right, a coaching prompt with notes, the trainer's module view, the module index, the
catalogue, the certificate of a completed path, search results and the 404 page. Any serious or critical
violation fails, with every violation listed in the message.

A project whose mkdocs.yml is the README's own-project example, with no CSS or templates of its own, must
pass the same way (the fixes come with the plugin). And every form control the plugin draws has a boundary
of at least 3:1 against what is on either side of it, and text of at least 16px, read from computed styles.
"""

from __future__ import annotations

import re
from pathlib import Path

import axe_playwright_python
import pytest

from conftest import build

from .projects import own_project

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
    path = page.evaluate("() => JSON.parse(document.getElementById('cq-path-data').dataset.cqJson)")
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


# -- a project set up as the README says: every fix comes with the plugin -----------------------------------

@pytest.fixture(scope="module")
def own_site(tmp_path_factory, serve):
    """own_site(palette) -> base URL of a project whose mkdocs.yml is the README's own-project example, as
    printed ("light": the example has no other palette) or with a dark palette added ("dark")."""
    built = {}

    def get(palette: str) -> str:
        if palette not in built:
            base = tmp_path_factory.mktemp(f"own-{palette}")
            project = own_project(base / "project", palette="slate" if palette == "dark" else None)
            result = build(project, base / "site")
            assert result.returncode == 0, result.stdout
            built[palette] = serve(base / "site")
        return built[palette]

    return get


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_a_project_set_up_as_the_readme_says_has_no_serious_axe_violations(browser, own_site, palette):
    """No custom_dir and no CSS of its own: the link underline, the search-result contrast and the search
    dialog's name must come with the plugin (axe: link-in-text-block, color-contrast, aria-dialog-name)."""
    base = own_site(palette)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    found = {}

    def check(state: str) -> None:
        settle(page)
        scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if palette == "dark" else None), f"{state}: palette {scheme}"
        violations = axe(page)
        if violations:
            found[state] = violations

    for url, state in (("", "home"), ("credits/", "ordinary page"), (f"paths/{ROLE}/{MODULE}/", "module"),
                       (f"modules/{MODULE}/", "trainer's module view"), ("catalog/", "catalogue")):
        page.goto(base + url)
        inline = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a:not(.md-button)')]
            .filter(a => a.parentElement.textContent.trim() !== a.textContent.trim()).length""")
        assert inline or state == "catalogue", f"{state}: no link inside text, so nothing tests its underline"
        check(state)
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("/")
    page.keyboard.type("service")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result mark").count(), "no highlighted word in the search results"
    check("search results")
    context.close()
    assert not errors, f"console errors: {errors}"
    assert not found, f"README's own-project set-up, {palette} palette:\n{describe(found)}"


# -- form controls: a visible boundary and text phones do not zoom ---------------------------------------------

CONTROLS = {  # every control the plugin draws for a learner to type into, and a page that has it
    "free-text answer": (f"paths/{ROLE}/{MODULE}/", ".cq-quiz input[type=text]"),
    "coaching notes": (f"paths/{ROLE}/{MODULE}/", ".cq-notes textarea"),
    "certificate name": (f"paths/{ROLE}/", "#cq-cert-name"),
}
LOOK = """(el) => {
    const style = getComputedStyle(el), behind = [];
    for (let node = el.parentElement; node; node = node.parentElement) {
        behind.push(getComputedStyle(node).backgroundColor);
    }
    return {
        sides: ['top', 'right', 'bottom', 'left'].map(side => [
            style.getPropertyValue(`border-${side}-style`),
            parseFloat(style.getPropertyValue(`border-${side}-width`)),
            style.getPropertyValue(`border-${side}-color`),
        ]),
        background: style.backgroundColor, behind, fontSize: parseFloat(style.fontSize),
    };
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    """A computed colour: rgb(), rgba() or color(srgb ...) (what color-mix() computes to)."""
    numbers = [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", css)]
    if css.startswith("color(srgb "):
        return (*(n * 255 for n in numbers[:3]), numbers[3] if len(numbers) > 3 else 1.0)
    assert css.startswith("rgb"), f"a colour this test cannot read: {css}"
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def over(top: tuple, bottom: tuple) -> tuple:
    """`top` painted over the opaque `bottom`."""
    a = top[3]
    return (*(t * a + b * (1 - a) for t, b in zip(top[:3], bottom[:3], strict=True)), 1.0)


def contrast(one: tuple, two: tuple) -> float:
    def luminance(c):
        lin = [(v / 255 / 12.92) if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def boundary(look: dict) -> float:
    """The lowest contrast of the control's border against what is on either side of it: the page behind the
    control and the control's own background (WCAG 1.4.11). 0 where a side has no border at all."""
    outside = (255.0, 255.0, 255.0, 1.0)  # the browser's canvas
    for colour in reversed(look["behind"]):
        outside = over(rgba(colour), outside)
    inside = over(rgba(look["background"]), outside)
    lowest = 21.0
    for style, width, colour in look["sides"]:
        if style in ("none", "hidden") or width < 1:
            return 0.0
        border = over(rgba(colour), inside)  # a border is painted over the control's own background
        lowest = min(lowest, contrast(border, outside), contrast(border, inside))
    return lowest


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_form_controls_have_a_visible_boundary_and_16px_text(browser, sample, palette):
    _, base = sample
    context = browser.new_context()
    page = context.new_page()
    page.goto(base)
    if palette == "dark":
        page.get_by_title("Switch to dark mode").click()
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.goto(base + f"paths/{ROLE}/")
    page.evaluate("""() => {
        const s = window.mkdocsCurriculum.load();
        for (const step of document.querySelectorAll('.cq-step[data-cq-module]')) {
            s.done[step.dataset.cqModule] = Date.now();
        }
        window.mkdocsCurriculum.save(s);
    }""")  # a completed path: its page shows the certificate and the name field
    problems = []
    for kind, (url, selector) in CONTROLS.items():
        page.goto(base + url)
        control = page.locator(selector).first
        control.wait_for(state="visible")
        settle(page)
        look = control.evaluate(LOOK)
        ratio = boundary(look)
        if ratio < 3:
            problems.append(f"{kind} ({selector}): boundary {ratio:.2f}:1, below 3:1; {look}")
        if look["fontSize"] < 16:
            problems.append(f"{kind} ({selector}): text {look['fontSize']}px, below 16px")
    context.close()
    assert not problems, f"{palette} palette:\n" + "\n".join(problems)
