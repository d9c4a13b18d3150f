"""Quizzes in a real Chromium: mouse and keyboard, feedback, score, persistence (navigation: test_navigation.py)."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def base(site_of, serve):
    return serve(site_of("basic"))


def quiz(page, n):
    return page.locator(".cq-quiz").nth(n)


def test_single_choice_with_the_mouse_shows_feedback_and_explanation(page, base):
    page.goto(base + "paths/frontline/basics/")
    q = quiz(page, 0)
    q.get_by_label("Only the front line").check()
    q.get_by_role("button", name="Check").click()
    assert "Not quite" in q.locator(".cq-quiz__result").inner_text()
    assert "Everyone does, not just the front line." in q.inner_text()
    assert "Service is everyone's job." in q.locator(".cq-quiz__explanation").inner_text()
    assert q.get_by_role("button", name="Check").is_hidden()
    q.get_by_role("button", name="Try again").click()
    assert q.get_by_role("button", name="Try again").is_hidden()
    assert q.locator(".cq-quiz__explanation").is_hidden()
    q.get_by_label("Everyone", exact=True).check()
    q.get_by_role("button", name="Check").click()
    assert "Correct" in q.locator(".cq-quiz__result").inner_text()


def test_free_text_answer_by_keyboard_alone_and_score(page, base):
    page.goto(base + "paths/frontline/basics/")
    page.locator("#cq-who-serves-customers-1").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Check
    assert "Correct" in quiz(page, 0).locator(".cq-quiz__result").inner_text()
    text = page.get_by_label("Your answer")
    text.focus()
    page.keyboard.type("  HELPING ")
    page.keyboard.press("Enter")
    assert "Correct" in quiz(page, 1).locator(".cq-quiz__result").inner_text()
    score = page.locator("[data-cq-score]").inner_text()
    assert "2/2 (100%)" in score and "Passed" in score
    assert "Complete" in page.locator("[data-cq-module-state]").inner_text()


def test_multiple_choice_needs_exactly_the_right_set(page, base):
    page.goto(base + "paths/frontline/process/")
    q = quiz(page, 0)
    assert "Select all that apply" in q.inner_text()
    q.get_by_label("Listen").check()
    q.get_by_role("button", name="Check").click()
    assert "Not quite" in q.locator(".cq-quiz__result").inner_text()
    q.get_by_role("button", name="Try again").click()
    q.get_by_label("Listen").check()
    q.get_by_label("Help").check()
    q.get_by_role("button", name="Check").click()
    assert "Correct" in q.locator(".cq-quiz__result").inner_text()


def test_answers_persist_across_reload(page, base):
    page.goto(base + "paths/frontline/basics/")
    quiz(page, 0).get_by_label("Everyone", exact=True).check()
    quiz(page, 0).get_by_role("button", name="Check").click()
    page.reload()
    q = quiz(page, 0)
    assert "Correct" in q.locator(".cq-quiz__result").inner_text()
    assert q.get_by_label("Everyone", exact=True).is_checked()
    assert "Answered 1 of 2" in page.locator("[data-cq-score]").inner_text()


def test_no_answers_in_plain_view_and_readable_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "paths/frontline/basics/")
    text = page.locator(".cq-quiz").first.inner_text()
    assert "Everyone" in text and "Who serves customers?" in text
    assert page.get_by_role("button", name="Check").count() == 0 or not page.get_by_role("button", name="Check").first.is_visible()
    html = page.content()
    assert "Everyone does, not just the front line." not in html
    assert "data-correct" not in html
    context.close()
