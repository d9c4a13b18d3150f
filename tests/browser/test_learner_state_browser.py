"""The learner's saved state in a real Chromium: damaged entries, answers judged again, notes kept at once,
Continue past optional modules, the certificate's date and printing, free-text answers as people type them."""

import json
import re

import pytest

pytestmark = pytest.mark.browser
KEY = "mkdocs-curriculum/v1"
DAY = 86_400_000


@pytest.fixture
def base(site_of, serve):
    return serve(site_of("basic"))


def state(page) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')") or "null")


def put(page, base, value: dict) -> None:
    page.goto(base + "paths/frontline/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(value)])


def saved(**parts) -> dict:
    value = {"v": 1, "answers": {}, "done": {}, "seen": {}, "notes": {}, "name": ""}
    value.update(parts)
    return value


def test_damaged_entries_are_dropped_and_the_rest_kept(page, base):
    put(page, base, saved(
        answers={"basics/who-serves-customers": {"r": 5, "ok": True},  # not an answer: dropped
                 "basics/which-step-comes-right-after-listening": {"r": "help", "ok": True}},
        notes={"basics/coaching-think-about-it": {"a": 1}}, done={"extras": "yesterday"}, seen={"basics": 1}))
    page.goto(base + "paths/managers/basics/")
    quizzes = page.locator(".cq-quiz.cq-ready")
    assert quizzes.count() == 2, "a damaged entry stopped a quiz from starting"
    assert page.locator(".cq-quiz__result").first.inner_text() == ""
    assert "Correct" in page.locator(".cq-quiz__result").nth(1).inner_text()
    assert page.get_by_label("My notes").input_value() == ""
    kept = state(page)
    assert list(kept["answers"]) == ["basics/which-step-comes-right-after-listening"]
    assert kept["done"] == {} and kept["notes"] == {}


def test_a_saved_answer_is_judged_again_by_the_current_key(page, base):
    # Saved when the trainer's key said otherwise: the page trusts the key it has now, not the old verdict.
    put(page, base, saved(answers={"basics/who-serves-customers": {"r": [0], "ok": True},
                                   "process/which-are-steps-of-the-process": {"r": [0, 7], "ok": True}}))
    page.goto(base + "paths/frontline/basics/")
    assert "Not quite" in page.locator(".cq-quiz__result").first.inner_text()
    assert state(page)["answers"]["basics/who-serves-customers"]["ok"] is False
    page.goto(base + "paths/frontline/process/")
    assert page.locator(".cq-quiz__result").inner_text() == "", "an answer to choices that no longer exist"
    assert "process/which-are-steps-of-the-process" not in state(page)["answers"]


def test_a_weaker_retry_says_the_earlier_pass_still_counts(page, base):
    page.goto(base + "paths/frontline/process/")
    for name in ("Listen", "Help"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Check").click()
    assert "Passed" in page.locator("[data-cq-score]").inner_text()
    page.get_by_role("button", name="Try again").click()
    page.get_by_label("Argue").check()
    page.get_by_role("button", name="Check").click()
    assert "earlier pass still counts" in page.locator("[data-cq-score]").inner_text()
    assert "Complete" in page.locator("[data-cq-module-state]").inner_text()


@pytest.mark.parametrize("typed", ["Help.", "  HELPING! ", "\u201chelp\u201d"])
def test_free_text_ignores_case_spacing_quotes_and_end_punctuation(page, base, typed):
    page.goto(base + "paths/frontline/basics/")
    page.get_by_label("Your answer").fill(typed)
    page.get_by_label("Your answer").press("Enter")
    assert "Correct" in page.locator(".cq-quiz__result").nth(1).inner_text()


def test_a_note_is_saved_even_when_the_page_is_left_at_once(page, base):
    page.goto(base + "paths/managers/basics/")
    page.get_by_label("My notes").fill("last words")
    page.reload()  # within the 250 ms pause of saving as one types
    assert page.get_by_label("My notes").input_value() == "last words"


def test_continue_opens_the_first_unfinished_required_module_before_optional_ones(page, sample_site, serve):
    base = serve(sample_site)
    page.goto(base + "paths/managers/")
    path = page.evaluate("() => JSON.parse(document.getElementById('cq-path-data').dataset.cqJson)")
    modules = path["modules"]
    first_optional = next(i for i, m in enumerate(modules) if m["optional"])
    assert any(not m["optional"] for m in modules[first_optional:]), "the sample needs a required module after an optional one"
    done = {m["id"]: 1 for m in modules[:first_optional]}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(saved(done=done))])
    page.reload()
    wanted = next(m for m in modules[first_optional:] if not m["optional"])
    assert page.locator("[data-cq-continue]").inner_text() == f"Continue: {wanted['title']}"


def test_the_certificate_is_dated_when_the_path_was_completed_and_prints_alone_from_the_browser(page, base):
    finished = 1_700_000_000_000  # 14 November 2023
    put(page, base, saved(done={"basics": finished - DAY, "process": finished}, name="Ana Lima"))
    page.reload()
    cert = page.locator(".cq-certificate")
    assert "2023" in cert.inner_text() and "November" in cert.inner_text()
    # The browser's own Print (Ctrl+P), not the button: the certificate still prints alone on one page.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert cert.is_visible() and not page.locator(".cq-path__modules").is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
