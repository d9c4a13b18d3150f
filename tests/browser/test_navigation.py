"""Every learner feature works however a page is reached: instant navigation (with prefetch and progress),
full page loads, `mkdocs serve` and a copy opened from disk, by every way a person moves between pages.

The set-ups and the proof of how each page was reached are in harness.py. A console error anywhere fails the
test (the `page` fixture), and so does any request the site answers with an error (a link that 404s).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .harness import SETUPS, start, start_project

pytestmark = pytest.mark.browser
KEY = "mkdocs-curriculum/v1"
COUNT_SAVES = """() => { window.cqSaves = 0;
  if (!window.cqCounting) { window.cqCounting = true; document.addEventListener("curriculum:change", () => window.cqSaves++); } }"""


@pytest.fixture(scope="module", params=SETUPS)
def site(request, tmp_path_factory):
    site = start("basic", request.param, tmp_path_factory.mktemp(request.param))
    yield site
    site.close()


@pytest.fixture
def learner(page):
    """The page, with every request the site fails to answer recorded in page.failed."""
    page.failed = []
    page.on("response", lambda r: page.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # A request the browser itself cut short (a prefetch, mkdocs serve's live-reload poll) is not a failure.
    page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else
            page.failed.append(f"{r.failure} {r.url}"))
    return page


def state(page) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')") or "null")


def check(page, quiz, saves: int = 1) -> None:
    """Press Check, as a person does, and prove the page saved the answer once (no doubled handlers)."""
    page.evaluate(COUNT_SAVES)
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".cq-quiz__result")).not_to_be_empty()
    assert page.evaluate("() => window.cqSaves") == saves, "one Check, saved more or fewer times than once"


def ready(quiz) -> None:
    expect(quiz.get_by_role("button", name="Check")).to_be_visible()


def test_a_learner_goes_through_a_path(learner, site):
    page = learner
    page.goto(site.url("paths/frontline/"))
    expect(page.locator("[data-cq-progress]")).to_contain_text("0 of 2 required modules complete")
    go = page.locator("[data-cq-continue]")
    expect(go).to_have_text("Start: Basics")

    site.go(page, go.click, re.compile(r"/paths/frontline/basics(/|\.html)$"))  # Start
    first, second = page.locator(".cq-quiz").nth(0), page.locator(".cq-quiz").nth(1)
    ready(first)
    first.get_by_label("Everyone", exact=True).check()
    check(page, first)
    expect(first.locator(".cq-quiz__result")).to_contain_text("Correct")
    second.get_by_label("Your answer").fill("helping")
    check(page, second, saves=2)  # the answer, then the module's completion
    expect(page.locator("[data-cq-score]")).to_contain_text("2/2 (100%)")

    site.go(page, page.locator("a.md-footer__link--next").click, re.compile(r"/process(/|\.html)$"))  # footer Next
    quiz = page.locator(".cq-quiz")
    ready(quiz)
    quiz.get_by_label("Listen").check()
    quiz.get_by_label("Help").check()
    check(page, quiz, saves=2)
    expect(quiz.locator(".cq-quiz__result")).to_contain_text("Correct")

    site.go(page, page.go_back, re.compile(r"/basics(/|\.html)$"))  # Back: the answers are shown again
    expect(first.locator(".cq-quiz__result")).to_contain_text("Correct")
    expect(first.get_by_role("button", name="Try again")).to_be_visible()
    site.go(page, page.go_forward, re.compile(r"/process(/|\.html)$"))  # Forward
    expect(page.locator(".cq-quiz .cq-quiz__result")).to_contain_text("Correct")

    site.go(page, page.locator(".cq-position a").click, re.compile(r"/paths/frontline/(index\.html)?$"))
    expect(page.locator("[data-cq-progress]")).to_contain_text("2 of 2 required modules complete")
    expect(go).to_have_text("Get your certificate")  # the required modules are done (issue 14)
    name = page.get_by_label("Your name for the certificate")
    name.fill("Ana Lima")
    expect(page.locator(".cq-certificate__name")).to_have_text("Ana Lima")
    assert state(page)["name"] == "Ana Lima"
    print_certificate(page)

    extras = page.locator(".cq-path__extras a", has_text="Extras")  # the optional module, offered as an extra
    site.go(page, extras.click, re.compile(r"/extras(/|\.html)$"))  # after a visit to the path page
    done = page.locator("[data-cq-complete]")
    expect(done).to_be_visible()
    page.evaluate(COUNT_SAVES)
    done.click()
    expect(done).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => window.cqSaves") == 1

    tab = page.locator(".md-tabs a", has_text="Middle managers")
    site.go(page, tab.click, re.compile(r"/paths/managers/(index\.html)?$"))  # a tab
    expect(page.locator("[data-cq-progress]")).to_contain_text("2 of 2 required modules complete")
    expect(page.locator("[data-cq-continue]")).to_have_text("Get your certificate")  # the path is complete
    site.go(page, page.locator('.cq-step[data-cq-module="basics"] a').click, re.compile(r"/managers/basics(/|\.html)$"))
    notes = page.get_by_label("My notes")
    expect(notes).to_be_visible()
    notes.fill("Ask Sam about the queue.")
    site.go(page, page.locator("a.md-footer__link--next").click, re.compile(r"/managers/process(/|\.html)$"))
    assert state(page)["notes"] == {"basics/coaching-think-about-it": "Ask Sam about the queue."}
    site.go(page, page.go_back, re.compile(r"/managers/basics(/|\.html)$"))
    expect(notes).to_have_value("Ask Sam about the queue.")

    page.reload()
    expect(notes).to_have_value("Ask Sam about the queue.")
    expect(page.locator(".cq-quiz").nth(0).locator(".cq-quiz__result")).to_contain_text("Correct")
    assert not page.failed, page.failed


def test_a_link_in_a_choices_feedback_leads_to_the_learners_copy_of_the_module(learner, site):
    """Feedback is shown by the script after Check, from the answer key: no host rewrites its links, so the
    build must write them as the page's own address needs them (with and without directory URLs)."""
    page = learner
    page.goto(site.url("paths/frontline/process/"))
    quiz = page.locator(".cq-quiz")
    ready(quiz)
    quiz.get_by_label("Argue").check()
    check(page, quiz)
    link = quiz.locator(".cq-choice__feedback a", has_text="the basics")
    expect(link).to_be_visible()
    site.go(page, link.click, re.compile(r"/paths/frontline/basics(/|\.html)$"))
    ready(page.locator(".cq-quiz").first)
    assert not page.failed, page.failed


def print_certificate(page) -> None:
    """Print, as a person does (the button, then the browser's print): the certificate alone, on one page."""
    page.evaluate("() => { window.cqPrinted = 0; window.print = () => { window.cqPrinted++; }; }")
    page.get_by_role("button", name="Print certificate").click()
    assert page.evaluate("() => window.cqPrinted") == 1
    page.emulate_media(media="print")
    expect(page.locator(".cq-certificate")).to_be_visible()
    for hidden in (".md-header", ".cq-path__modules", "[data-cq-progress]", ".md-footer", "#cq-cert-name"):
        expect(page.locator(hidden).first).to_be_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, "the certificate does not print on one page"
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


def test_notes_download_and_reset_after_arriving_by_a_click(learner, site, tmp_path):
    page = learner
    page.goto(site.url("paths/managers/basics/"))
    page.get_by_label("My notes").fill("A note.")
    site.go(page, page.locator(".cq-position a").click, re.compile(r"/paths/managers/(index\.html)?$"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my notes").click()
    path = tmp_path / "notes.md"
    download.value.save_as(path)
    assert "A note." in path.read_text(encoding="utf-8")
    assert not page.failed, page.failed


# -- same-page links, search: the sample course, instant navigation on ----------------------------------------

@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    site = start("sample", "instant", tmp_path_factory.mktemp("sample"))
    yield site
    site.close()


def quizzes_work(page, answer: int) -> None:
    """Every quiz on the page is set up (Check, or Try again once answered), and quiz `answer` answers."""
    quizzes = page.locator(".cq-quiz")
    assert quizzes.count() >= 2
    for n in range(quizzes.count()):
        expect(quizzes.nth(n).locator("[data-cq-check]:visible, [data-cq-retry]:visible")).to_have_count(1)
    quiz = quizzes.nth(answer)
    ready(quiz)
    quiz.locator("input").first.check()
    check(page, quiz)


def same_page(page, action) -> None:
    """A same-page link: the page must stay the same visit (no reload) and its scripts alive."""
    page.evaluate("() => { window.cqVisit = 'same page'; }")
    action()
    page.wait_for_function("() => location.hash.length > 1")
    page.wait_for_timeout(300)  # Material's handling of the hash change
    assert page.evaluate("() => window.cqVisit") == "same page", "a same-page link reloaded the page"


def test_skip_link_and_table_of_contents_keep_the_quizzes_working(learner, sample):
    page = learner
    page.set_viewport_size({"width": 1366, "height": 900})  # the table of contents in its sidebar
    page.goto(sample.url("paths/frontline/why-service-matters/"))
    ready(page.locator(".cq-quiz").first)

    def skip():
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('md-skip')"), "Tab did not reach the skip link"
        page.keyboard.press("Enter")

    same_page(page, skip)
    quizzes_work(page, 0)
    same_page(page, page.locator(".md-sidebar--secondary a.md-nav__link").nth(1).click)
    quizzes_work(page, 1)
    assert not page.failed, page.failed


def test_a_search_result_opens_a_working_page(learner, sample):
    page = learner
    page.goto(sample.url(""))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("input.md-search__input").click()
    page.keyboard.type("Mr Ellis")
    result = page.locator(".md-search-result__link").first
    expect(result).to_be_visible()
    sample.go(page, result.click)
    quizzes_work(page, 0)
    assert not page.failed, page.failed


def test_start_and_continue_lead_to_the_module_after_an_instant_navigation(learner, sample):
    page = learner
    page.goto(sample.url(""))
    sample.go(page, page.locator(".md-tabs a", has_text="Frontline staff").click, re.compile(r"/paths/frontline/$"))
    go = page.locator("[data-cq-continue]")
    expect(go).to_have_text(re.compile("^Start: "))
    href = go.get_attribute("href")
    assert href.startswith("http://"), f"Start's address {href!r} is relative to a page Material may resolve it against"
    sample.go(page, go.click, re.compile(r"/paths/frontline/[^/]+/$"))
    quizzes_work(page, 0)
    assert not page.failed, page.failed


# -- a very long path: its module pages leave the required list to the path page ----------------------------

@pytest.fixture(scope="module")
def long_path(tmp_path_factory):
    """The basic fixture with 45 more required modules in the frontline path (more than two sidebar sections)."""
    project = tmp_path_factory.mktemp("long") / "basic"
    from .harness import project_copy

    project_copy("basic", project)
    ids = [f"step-{i:02}" for i in range(45)]
    for mid in ids:
        (project / "content/modules" / f"{mid}.md").write_text(f"---\ntitle: Step {mid}\nduration: 3\n---\n\nText.\n")
    curriculum = project / "curriculum.yml"
    curriculum.write_text(curriculum.read_text().replace("      - process\n", "      - process\n" +
                                                        "".join(f"      - {m}\n" for m in ids), 1))
    site = start_project(project, "instant")
    yield site, ids
    site.close()


def test_a_long_path_knows_it_is_complete_before_its_page_was_opened(learner, long_path):
    """Its module pages do not carry the path's required modules (pages._near_path): the last one reads them
    from the path page of the same site, once, and then says the path is complete."""
    site, ids = long_path
    page = learner
    done = dict.fromkeys(["basics", "process", *ids[:-1]], 1)
    page.goto(site.url("paths/frontline/basics/"))
    page.evaluate("([k, d]) => localStorage.setItem(k, JSON.stringify({v: 1, answers: {}, done: d, seen: d, notes: {}, "
                  "name: ''}))", [KEY, done])
    last = ids[-1]
    page.goto(site.url(f"paths/frontline/{last}/"))  # the path page was never opened in this browser
    expect(page.locator("[data-cq-path-done]")).to_be_hidden()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("[data-cq-path-done]")).to_contain_text("Path complete")
    assert state(page)["required"]["frontline"][-1] == last and "role" not in state(page)  # not chosen by a visit
    site.go(page, page.locator("[data-cq-path-done] a").click, re.compile(r"/paths/frontline/#cq-certificate$"))
    expect(page.locator("[data-cq-progress]")).to_contain_text("47 of 47 required modules complete")
    assert state(page)["role"] == "frontline"
    assert not page.failed, page.failed


def test_a_click_before_materials_sitemap_arrives_is_still_proved_instant(learner, tmp_path):
    """Material drops clicks made before its sitemap.xml arrives (full page loads), so `Site.go` waits for
    it: with a server slow to send it, the harness must still see an instant navigation, not a flaky one."""
    site = start("basic", "instant", tmp_path, sitemap_delay=2)
    try:
        page = learner
        page.goto(site.url("paths/frontline/"))
        site.go(page, page.locator("[data-cq-continue]").click, re.compile(r"/paths/frontline/basics/$"))
        ready(page.locator(".cq-quiz").first)
    finally:
        site.close()
