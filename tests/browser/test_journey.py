"""A learner's way from the first visit to the certificate, on a phone (390×844) and a laptop (1366×768), in the
light and the dark palette, asserting the layout and not only the presence (issue 14).

The sample course is built and served at its own `site_url` with instant navigation (harness.py), so every
click below is the instant navigation a learner gets. The `page` fixture fails a test on any console error.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from playwright.sync_api import expect

from .harness import project_copy, start
from .test_accessibility import axe, describe

pytestmark = pytest.mark.browser
KEY = "mkdocs-curriculum/v1"
ROLE = "frontline"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
PALETTES = {"light": "light", "dark": "dark"}  # the sample's palettes follow prefers-color-scheme
REQUIRED = ["why-service-matters", "the-service-process", "reading-people", "solving-problems",
            "listening-when-nothing-is-wrong", "digital-distance"]
EXTRAS = ["catching-people-doing-right", "learning-from-your-best"]
LAYOUTS = [(v, p) for v in VIEWPORTS for p in PALETTES]


LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
        '<rect width="120" height="40" rx="6" fill="#3f51b5"/><text x="60" y="26" font-size="16" fill="#fff" '
        'text-anchor="middle">ACME</text></svg>')
SIGNATORY = {"name": "Dana Whitfield", "title": "Head of Customer Service"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample course with a certificate logo and signatory (the plugin's `certificate` options), built with
    instant navigation and served at its own site_url."""
    base = tmp_path_factory.mktemp("journey")
    project = project_copy("sample", base / "sample")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if p != "curriculum"] + [
        {"curriculum": {"certificate": {"logo": "assets/logo.svg", "signatory": SIGNATORY}}}]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (project / "content" / "assets").mkdir(exist_ok=True)
    (project / "content" / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    site = start(project, "instant", base)
    yield site
    site.close()


@pytest.fixture
def visit(browser):
    """visit(viewport, palette) -> a page in a fresh context of that size and palette; console errors fail."""
    contexts, errors = [], []

    def make(viewport: str, palette: str):
        context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=PALETTES[palette])
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.palette = palette
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"console errors: {errors}"


def put_state(page, site, **entries) -> None:
    """Write a learner state (the shape AUTHORING.md documents) before the next page load."""
    state = {"v": 1, "answers": {}, "done": {}, "seen": {}, "notes": {}, "name": ""}
    state.update(entries)
    if not page.url.startswith(site.base):
        page.goto(site.url(""))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(state)])


def done(*ids) -> dict:
    return dict.fromkeys(ids, 1767225600000)  # 2026-01-01


def check_palette(page) -> None:
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if page.palette == "dark" else "default"), scheme


def in_first_screen(page, locator, what: str) -> dict:
    box = locator.bounding_box()
    view = page.viewport_size
    assert box, f"{what} is not displayed"
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= view["width"] and \
        box["y"] + box["height"] <= view["height"], f"{what} at {box}, outside the first {view} screen"
    return box


def no_horizontal_overflow(page, where: str) -> None:
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"{where}: the page is {sizes[0]} px wide in a {sizes[1]} px viewport"


def one_line(page, selector: str) -> list:
    """Elements of `selector` whose text wraps onto a second line."""
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel)].filter(e => {
        const lines = new Set([...e.getClientRects()].map(r => Math.round(r.top)));
        return lines.size > 1 || e.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(e).lineHeight || 20);
    }).map(e => e.textContent)""", selector)


# -- the path page: its first screen holds the title, the progress and the one primary action -------------------

STATES = {
    "new": ({}, r"^Start: Why service is everyone's job$"),
    "started": ({"done": done(*REQUIRED[:2]), "seen": done(*REQUIRED[:3])}, r"^Continue: Different is not wrong$"),
    "complete": ({"done": done(*REQUIRED), "name": "Ana Lima"}, r"^Get your certificate$"),
}


@pytest.mark.parametrize("viewport,palette", LAYOUTS)
def test_the_path_pages_first_screen_holds_title_progress_and_the_primary_action(visit, site, viewport, palette):
    page = visit(viewport, palette)
    measured = {}
    for name, (state, label) in STATES.items():
        put_state(page, site, **state)
        page.goto(site.url(f"paths/{ROLE}/"))
        check_palette(page)
        action = page.locator("[data-cq-continue]")
        expect(action).to_have_text(re.compile(label))
        assert page.locator(".cq-path .md-button--primary").count() == 1 or name == "complete"
        measured[name] = in_first_screen(page, action, f"[{name}] the primary action")
        in_first_screen(page, page.locator("h1"), f"[{name}] the title")
        in_first_screen(page, page.locator("[data-cq-progress] progress"), f"[{name}] the progress bar")
        in_first_screen(page, page.locator("[data-cq-progress] .cq-progress__text"), f"[{name}] the progress in words")
        in_first_screen(page, page.locator(".cq-path__due"), f"[{name}] the due date")
        expect(page.locator(".cq-path__due")).to_contain_text("Due: within 75 days")
        no_horizontal_overflow(page, f"[{name}] path page")
        assert not one_line(page, ".cq-step__state, .cq-nav-state"), f"[{name}] a state label wraps"
        bar = page.locator("[data-cq-progress] progress").evaluate("""(p) => { const s = getComputedStyle(p);
            return { h: p.getBoundingClientRect().height, border: parseFloat(s.borderTopWidth) }; }""")
        assert bar["h"] >= 10 and bar["border"] >= 1, f"[{name}] the bar does not read as a bar at 0: {bar}"
    if name == "complete":
        page.locator("[data-cq-continue]").click()
        expect(page.get_by_label("Your name for the certificate")).to_be_in_viewport()
    print(viewport, palette, {k: (round(v["y"]), round(v["y"] + v["height"])) for k, v in measured.items()})


# -- the certificate: one landscape page, nothing overlapping -----------------------------------------------

PARTS = ".cq-certificate > *, .cq-certificate__head > *, .cq-certificate__foot > *"


def overlaps(page) -> list:
    return page.evaluate("""(sel) => {
        const boxes = [...document.querySelectorAll(sel)].filter(e => !e.matches('.cq-certificate__head, .cq-certificate__foot'))
            .map(e => [e.className || e.tagName, e.getBoundingClientRect()]).filter(([, r]) => r.width && r.height);
        const found = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const [a, r] = boxes[i], [b, q] = boxes[j];
            const x = Math.min(r.right, q.right) - Math.max(r.left, q.left), y = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
            if (x > 0.5 && y > 0.5) found.push(`${a} / ${b}`);
        }
        return found;
    }""", PARTS)


def pdf_pages(pdf: bytes) -> list:
    """The (width, height) in points of each page of a PDF Chromium wrote."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    count = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert len(boxes) == count, (len(boxes), count)
    return [(float(b[2]) - float(b[0]), float(b[3]) - float(b[1])) for b in boxes]


@pytest.mark.parametrize("viewport,palette", LAYOUTS)
def test_the_certificate_is_one_landscape_page_with_nothing_overlapping(visit, site, viewport, palette):
    page = visit(viewport, palette)
    put_state(page, site, done=done(*REQUIRED, EXTRAS[0]), name="Maria-Fernanda de los Santos Oliveira")
    page.goto(site.url(f"paths/{ROLE}/"))
    check_palette(page)
    cert = page.locator(".cq-certificate")
    expect(cert).to_be_visible()
    text = cert.inner_text()
    for part in ("Service Academy", "Certificate of completion", "Maria-Fernanda de los Santos Oliveira",
                 "Frontline staff", "7 modules completed", "2 h 40 min in total", "January 1, 2026",
                 "Catch people doing something right", "proves nothing", SIGNATORY["name"], SIGNATORY["title"]):
        assert part in text, f"the certificate lacks {part!r}:\n{text}"
    logo = cert.locator("img.cq-certificate__logo")
    expect(logo).to_be_visible()
    assert logo.evaluate("i => i.complete && i.naturalWidth > 0"), "the logo did not load"
    number = page.locator(".cq-certificate__id").inner_text()
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", number), number
    page.get_by_label("Your name for the certificate").fill("Ana Lima")
    assert page.locator(".cq-certificate__id").inner_text() != number, "the number does not follow the name"
    page.get_by_label("Your name for the certificate").fill("Maria-Fernanda de los Santos Oliveira")
    assert page.locator(".cq-certificate__id").inner_text() == number, "the same name, path and date: another number"
    assert not overlaps(page), f"overlapping parts on screen: {overlaps(page)}"
    no_horizontal_overflow(page, "certificate on screen")

    page.emulate_media(media="print")  # the browser's own Print: no button pressed
    assert not overlaps(page), f"overlapping parts in print: {overlaps(page)}"
    for hidden in (".md-header", ".cq-path__modules", "[data-cq-progress]", ".md-footer", "#cq-cert-name"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed with the certificate"
    page.emulate_media(media="null")  # page.pdf prints with print media unless screen is emulated
    measured = {}
    for size in ("A4", "Letter"):
        pages = pdf_pages(page.pdf(format=size, prefer_css_page_size=True, print_background=True))
        measured[size] = pages
        assert len(pages) == 1, f"{size}: the certificate prints on {len(pages)} pages: {pages}"
        width, height = pages[0]
        assert width > height, f"{size}: the page is portrait ({width}×{height} pt)"
        expected = {"A4": (842, 595), "Letter": (792, 612)}[size]
        assert abs(width - expected[0]) < 2 and abs(height - expected[1]) < 2, f"{size}: {width}×{height} pt"
    print(viewport, palette, measured)


# -- the home page leads with the learner's path once they have started it ---------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_home_page_offers_role_cards_then_leads_with_continue(visit, site, viewport):
    page = visit(viewport, "light")
    page.goto(site.url(""))
    cards = page.locator(".grid.cards .cq-card")
    expect(cards).to_have_count(4)
    first = cards.first.inner_text()
    assert "Frontline staff" in first and "People who serve customers" in first and "8 modules · 2 h 20 min required" in first
    expect(page.locator("[data-cq-resume]")).to_be_hidden()
    no_horizontal_overflow(page, "home")

    site.go(page, lambda: page.get_by_role("link", name="Frontline staff").last.click(), "**/paths/frontline/")
    site.go(page, page.locator("[data-cq-continue]").click, "**/paths/frontline/why-service-matters/")
    if viewport == "laptop":
        site.go(page, page.locator(".md-header__button.md-logo").click, re.compile(r"/127\.0\.0\.1:\d+/$"))
    else:
        page.goto(site.url(""))
    resume = page.locator("[data-cq-resume]")
    expect(resume).to_be_visible()
    go = resume.get_by_role("link", name=re.compile("^Continue: "))
    expect(go).to_have_text("Continue: Why service is everyone's job")
    expect(resume).to_contain_text("0 of 6 required modules complete")
    box = in_first_screen(page, go, "the home page's Continue")
    assert box["y"] < cards.first.bounding_box()["y"], "Continue comes after the role choice"
    assert page.locator(".cq-card--mine").get_attribute("data-cq-role") == ROLE
    no_horizontal_overflow(page, "home with progress")
    print(viewport, "Continue at", round(box["y"]), "to", round(box["y"] + box["height"]))
    site.go(page, go.click, "**/paths/frontline/why-service-matters/")


# -- the sidebar and the phone's drawer show each module's state, to screen readers too ----------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_sidebar_states_are_in_the_accessibility_tree(visit, site, viewport):
    page = visit(viewport, "light")
    put_state(page, site, done=done(REQUIRED[0]), seen=done(REQUIRED[0], REQUIRED[1]))
    page.goto(site.url(f"paths/{ROLE}/{REQUIRED[1]}/"))
    if viewport == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()  # the drawer
    nav = page.locator("nav.md-nav--primary").first
    expect(nav.get_by_role("link", name="Why service is everyone's job (done)")).to_be_visible()
    expect(nav.get_by_role("link", name="Different is not wrong (not started)")).to_be_visible()
    if viewport == "phone":  # the drawer shows the current page as its table of contents' toggle
        expect(nav.locator("label.md-nav__link--active")).to_have_text(re.compile(r"The service process\s*◐ \(in progress\)"))
    else:
        expect(nav.get_by_role("link", name="The service process (in progress)")).to_be_visible()
    tree = nav.aria_snapshot()
    assert "(done)" in tree and "(in progress)" in tree and "(not started)" in tree, tree
    shapes = nav.locator(".cq-nav-state__icon").all_inner_texts()
    assert {"✔", "◐", "○"} <= set(shapes), f"the states differ by colour alone: {shapes}"


# -- search finds the trainer's view; a learner with a role lands on their own copy ---------------------------

def search(page, words: str) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("/")
    page.keyboard.type(words)
    page.locator(".md-search-result__item").first.wait_for()


def test_a_search_result_opens_the_learners_own_copy(visit, site):
    page = visit("laptop", "light")
    page.goto(site.url(f"paths/{ROLE}/"))  # the learner opens their path: the role is remembered
    search(page, "human touch")
    result = page.locator(".md-search-result__link").first
    assert "/modules/digital-distance/" in result.get_attribute("href")
    result.click()
    page.wait_for_url(re.compile(r"/paths/frontline/digital-distance/(#.*)?$"))
    expect(page.locator(".cq-position")).to_contain_text("Module 6 of 8 in Frontline staff")
    page.go_back()  # Back leads to where the search was made, not to the trainer's view (it was replaced)
    page.wait_for_url(re.compile(r"/paths/frontline/$"))

    # a module outside the learner's path stays the trainer's view; the trainer's own pages never redirect
    page.goto(site.url("modules/employees-as-customers/"))
    expect(page.locator(".cq-position")).to_contain_text("Trainer's view")
    page.goto(site.url("catalog/"))
    page.locator("#cq-catalog-digital-distance h3 a").click()
    page.wait_for_url(re.compile(r"/modules/digital-distance/$"))
    page.wait_for_timeout(300)
    assert page.url.endswith("/modules/digital-distance/"), page.url
    for url in ("", f"paths/{ROLE}/", f"paths/{ROLE}/digital-distance/", "catalog/"):  # no trainer's tab for learners
        page.goto(site.url(url))
        assert page.locator(".md-tabs__link", has_text="Trainer's view").count() == 0, f"{url}: a Trainer's view tab"


# -- passing the last required module completes the path; extras are extras ----------------------------------

def test_passing_the_last_required_module_says_the_path_is_done(visit, site):
    page = visit("laptop", "light")
    put_state(page, site, done=done(*REQUIRED[:-1]), role=ROLE)
    page.goto(site.url(f"paths/{ROLE}/{REQUIRED[-1]}/"))
    assert page.locator("a.md-footer__link--next").count() == 0, "Next leads into an optional module"
    extras = page.locator(".cq-extras")
    expect(extras).to_contain_text("Extras (optional)")
    expect(extras.get_by_role("link", name="Catch people doing something right")).to_be_visible()
    expect(page.locator("[data-cq-path-done]")).to_be_hidden()
    page.evaluate("""() => { const s = window.mkdocsCurriculum.load(); s.done['digital-distance'] = Date.now();
        window.mkdocsCurriculum.save(s); }""")
    page.reload()
    box = page.locator("[data-cq-path-done]")
    expect(box).to_contain_text("Path complete: Frontline staff")
    go = box.get_by_role("link", name="Get your certificate")
    site.go(page, go.click, re.compile(r"/paths/frontline/#cq-certificate$"))
    expect(page.locator("[data-cq-continue]")).to_have_text("Get your certificate")
    expect(page.locator(".cq-path__extras")).to_contain_text("Catch people doing something right")


# -- feedback: partly right, the score as a state -----------------------------------------------------------

MULTIPLE = "mr-ellis-experience"


def test_partial_feedback_counts_right_choices_and_says_whether_a_wrong_one_is_ticked(visit, site):
    page = visit("phone", "light")
    page.goto(site.url(f"paths/{ROLE}/why-service-matters/"))
    quiz = page.locator(f'[data-cq-quiz="{MULTIPLE}"]')
    result = quiz.locator(".cq-quiz__result")
    quiz.get_by_label("The date field", exact=False).check()
    quiz.get_by_role("button", name="Check").click()
    expect(result).to_have_text("✘ Not quite. You ticked 1 of the 3 right choices and no wrong one: "
                                "some right choices are still unticked.")
    quiz.get_by_role("button", name="Try again").click()
    for label in ("The date field", "Being invoiced", "Priya's tone", "The name of the department"):
        quiz.get_by_label(label, exact=False).check()
    quiz.get_by_role("button", name="Check").click()
    expect(result).to_have_text("✘ Not quite. You ticked all 3 right choices, but also at least one wrong one.")
    assert "Being invoiced" not in result.inner_text()  # never which


def test_the_module_score_is_a_state_with_what_to_do_next(visit, site):
    page = visit("phone", "light")
    page.goto(site.url(f"paths/{ROLE}/why-service-matters/"))
    from .test_accessibility import answer_all
    answer_all(page, right=False)
    score = page.locator("[data-cq-score]")
    expect(score.locator(".admonition-title")).to_have_text("Not passed yet")
    assert "failure" in score.get_attribute("class")
    expect(score).to_contain_text("What to do: choose “Try again”")
    for button in page.locator("[data-cq-retry]").all():
        button.click()
    answer_all(page, right=True)
    expect(score.locator(".admonition-title")).to_have_text("Passed")
    assert "success" in score.get_attribute("class")
    expect(score.get_by_role("link", name="The service process")).to_be_visible()  # Next: ...
    size = page.locator(".cq-coaching p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16, f"coaching prompt text is {size}px on a phone"


# -- notes: the questions with the learner's notes under them ----------------------------------------------

def test_download_my_notes_has_the_questions_and_the_notes(visit, site):
    page = visit("laptop", "light")
    page.goto(site.url(f"paths/{ROLE}/why-service-matters/"))
    page.get_by_label("My notes").fill("Ask the warehouse who they hand over to.")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('warehouse')")
    page.goto(site.url(f"paths/{ROLE}/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my notes").click()
    text = info.value.path().read_text(encoding="utf-8")
    title = text.index("### Trace your line to the customer")
    question = text.index("- How many hand-offs sit between that work and a customer?")
    notes = text.index("Ask the warehouse who they hand over to.")
    assert title < question < notes, text
    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Print my notes").click()
    page.emulate_media(media="print")
    sheet = page.locator(".cq-notes-sheet")
    expect(sheet).to_be_visible()
    expect(sheet.locator("li", has_text="How many hand-offs")).to_be_visible()
    expect(sheet.locator(".cq-notes-sheet__notes")).to_have_text("Ask the warehouse who they hand over to.")
    assert not page.locator(".cq-path__modules").is_visible()


# -- axe on every new state ---------------------------------------------------------------------------------

@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_axe_violations_in_the_new_states(visit, site, palette):
    page = visit("laptop", palette)
    found = {}

    def check(state: str) -> None:
        page.wait_for_load_state("load")
        page.wait_for_timeout(250)
        check_palette(page)
        violations = axe(page)
        if violations:
            found[state] = violations

    put_state(page, site, done=done(*REQUIRED[:2]), seen=done(*REQUIRED[:3]), role=ROLE)
    page.goto(site.url(""))
    expect(page.locator("[data-cq-resume]")).to_be_visible()
    check("home with progress")
    page.goto(site.url(f"paths/{ROLE}/{REQUIRED[2]}/"))
    check("module, sidebar states")
    quiz = page.locator(f'[data-cq-quiz="{MULTIPLE}"]')
    page.goto(site.url(f"paths/{ROLE}/why-service-matters/"))
    quiz.get_by_label("The date field", exact=False).check()
    quiz.get_by_role("button", name="Check").click()
    check("partial feedback")
    put_state(page, site, done=done(*REQUIRED), name="Ana Lima", role=ROLE)
    page.goto(site.url(f"paths/{ROLE}/{REQUIRED[-1]}/"))
    expect(page.locator("[data-cq-path-done]")).to_be_visible()
    check("last required module, path complete")
    page.goto(site.url(f"paths/{ROLE}/"))
    expect(page.locator(".cq-certificate")).to_be_visible()
    check("path complete, certificate")
    assert not found, f"{palette} palette:\n{describe(found)}"
