"""Coaching notes, progress, Continue, certificate and reset in a real Chromium."""

import json
import re

import pytest

pytestmark = pytest.mark.browser
KEY = "mkdocs-curriculum/v1"


@pytest.fixture
def base(site_of, serve):
    return serve(site_of("basic"))


def pass_basics(page, base, role="frontline"):
    page.goto(base + f"paths/{role}/basics/")
    page.get_by_label("Everyone", exact=True).check()
    page.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
    page.get_by_label("Your answer").fill("help")
    page.locator(".cq-quiz").nth(1).get_by_role("button", name="Check").click()


def pass_process(page, base, role="frontline"):
    page.goto(base + f"paths/{role}/process/")
    page.get_by_label("Listen").check()
    page.get_by_label("Help").check()
    page.get_by_role("button", name="Check").click()


def test_a_note_is_kept_across_reload_and_downloadable(page, base):
    page.goto(base + "paths/managers/basics/")
    notes = page.get_by_label("My notes")
    assert "never sent anywhere" in page.locator(".cq-notes__privacy").inner_text()
    notes.fill("Praise Sam for the refund call.")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('Praise Sam')")
    page.reload()
    assert page.get_by_label("My notes").input_value() == "Praise Sam for the refund call."
    page.goto(base + "paths/managers/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my notes").click()
    text = info.value.path().read_text(encoding="utf-8")
    assert "## Basics" in text and "### Think about it" in text and "Praise Sam" in text


def test_coaching_prompt_only_in_its_roles_version(page, base):
    page.goto(base + "paths/frontline/basics/")
    assert page.locator(".cq-coaching").count() == 0
    page.goto(base + "modules/basics/")
    assert "Only for: Middle managers" in page.locator(".cq-coaching").inner_text()


def test_passing_a_quiz_moves_progress_and_continue(page, base):
    page.goto(base + "paths/frontline/")
    assert "0 of 2 required modules complete" in page.locator("[data-cq-progress]").inner_text()
    assert page.locator("[data-cq-continue]").inner_text().startswith("Start: Basics")
    pass_basics(page, base)
    assert "Module 1 of 3" in page.locator(".cq-position").inner_text()
    page.goto(base + "paths/frontline/")
    progress = page.locator("[data-cq-progress]").inner_text()
    assert "1 of 2 required modules complete" in progress and "20 min left" in progress
    assert page.locator("progress").get_attribute("value") == "1"
    assert "Complete" in page.locator('[data-cq-module="basics"] [data-cq-state]').inner_text()
    assert "Not started" in page.locator('[data-cq-module="process"] [data-cq-state]').inner_text()
    go = page.locator("[data-cq-continue]")
    assert go.inner_text() == "Continue: The process"
    go.click()
    page.wait_for_url("**/paths/frontline/process/")


def test_a_module_passed_in_one_path_counts_in_every_path(page, base):
    pass_basics(page, base, "frontline")
    page.goto(base + "paths/managers/")
    assert "1 of 2 required modules complete" in page.locator("[data-cq-progress]").inner_text()


def test_mark_as_complete_for_a_module_without_quizzes(page, base):
    page.goto(base + "paths/frontline/extras/")
    button = page.get_by_role("button", name="Mark as complete")
    button.click()
    assert page.locator("[data-cq-complete]").get_attribute("aria-pressed") == "true"
    assert "Complete" in page.locator("[data-cq-module-state]").inner_text()


def test_completing_the_path_offers_a_certificate_that_prints_alone(page, base):
    pass_basics(page, base)
    pass_process(page, base)
    page.goto(base + "paths/frontline/")
    assert "2 of 2 required modules complete" in page.locator("[data-cq-progress]").inner_text()
    page.get_by_label("Your name for the certificate").fill("Ana <b>Lima</b>")
    cert = page.locator(".cq-certificate")
    assert "Ana <b>Lima</b>" in cert.inner_text()  # inserted as text, never as HTML
    assert cert.locator("b").count() == 0
    assert "Frontline staff" in cert.inner_text() and "The process" in cert.inner_text()
    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Print certificate").click()
    page.emulate_media(media="print")
    assert cert.is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".cq-path__modules", "[data-cq-progress]", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for size in ("A4", "Letter"):
        page.evaluate("() => document.body.classList.add('cq-print-certificate')")  # each print ends the print view
        pdf = page.pdf(format=size)
        assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, f"certificate does not fit one {size} page"


def test_reset_progress_asks_first_and_keeps_notes(page, base):
    page.goto(base + "paths/managers/basics/")
    page.get_by_label("My notes").fill("keep me")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('keep me')")
    pass_basics(page, base, "managers")
    page.goto(base + "paths/managers/")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Reset my progress").click()
    assert "1 of 2" in page.locator("[data-cq-progress]").inner_text()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert "0 of 2" in page.locator("[data-cq-progress]").inner_text()
    state = json.loads(page.evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert state["answers"] == {} and state["done"] == {}
    assert list(state["notes"].values()) == ["keep me"]


@pytest.mark.parametrize("value", ["{not json", '{"v": 99}', '{"v":1,"answers":[]}', "null", '"text"'])
def test_a_corrupted_or_old_value_is_discarded(page, base, value):
    page.goto(base + "paths/frontline/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    page.goto(base + "paths/frontline/basics/")
    page.get_by_label("Everyone", exact=True).check()
    page.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
    assert "Correct" in page.locator(".cq-quiz__result").first.inner_text()
    page.goto(base + "paths/frontline/")
    assert "0 of 2 required modules complete" in page.locator("[data-cq-progress]").inner_text()
