"""A whole path with the keyboard alone: the basic fixture's frontline path, from its page to the certificate.

Every action goes through page.keyboard (Tab, Shift+Tab, Space, Enter, arrow keys); the page is only read,
to check that focus lands where a keyboard user expects and that results are announced.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
MAX_TABS = 80

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels[0] ? el.labels[0].innerText : "";
  const style = getComputedStyle(el);
  return { tag: el.localName, type: el.type || "", text: (el.innerText || el.value || "").trim(), label: label.trim(),
           checked: !!el.checked, outline: style.outlineStyle, quiz: !!el.closest(".cq-quiz"),
           retry: el.hasAttribute("data-cq-retry"), check: el.hasAttribute("data-cq-check"),
           verdict: el.classList.contains("cq-quiz__result") };
}"""


@pytest.fixture
def base(site_of, serve):
    return serve(site_of("basic"))


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def is_focused(page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches selector; a keyboard user's way there."""
    trail = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if is_focused(page, selector):
            here = focused(page)
            if here["quiz"]:
                assert here["outline"] != "none", f"no visible focus on {here}"
            return here
        trail.append(focused(page))
    raise AssertionError(f"{selector} never got focus in {MAX_TABS} presses; focus went through {trail}")


def follow(page, selector: str, url: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")
    page.wait_for_url(url)
    page.wait_for_selector("body")


def assert_announced(page, region, text: str) -> None:
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert text in region.inner_text()


def test_a_whole_path_by_keyboard_alone(page, base):
    page.goto(base + "paths/frontline/")
    here = tab_to(page, "[data-cq-continue]")
    assert here["text"] == "Start: Basics"
    page.keyboard.press("Enter")
    page.wait_for_url("**/paths/frontline/basics/")

    # Question 1, single choice: the first wrong, then Try again, then the right one with an arrow key.
    first = page.locator(".cq-quiz").nth(0)
    here = tab_to(page, "[data-cq-quiz='who-serves-customers'] input[type=radio]")
    assert here["label"] == "Only the front line" and not here["checked"]
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    here = tab_to(page, "[data-cq-check]")
    assert here["text"] == "Check" and here["quiz"]
    page.keyboard.press("Enter")
    assert focused(page)["verdict"], f"after Check, focus is on {focused(page)}, not on the verdict"
    assert_announced(page, first.locator(".cq-quiz__result"), "Not quite")
    assert "Everyone does, not just the front line." in first.inner_text()
    page.keyboard.press("Enter")  # a second Enter, as an impatient user does: the answer stays
    assert "Not quite" in first.locator(".cq-quiz__result").inner_text()
    assert first.get_by_label("Only the front line").is_checked()
    here = tab_to(page, "[data-cq-retry]", back=True)
    assert here["text"] == "Try again"
    page.keyboard.press("Enter")  # Try again
    here = focused(page)
    assert here["type"] == "radio" and here["label"] == "Only the front line", f"after Try again, focus is on {here}"
    assert first.locator(".cq-quiz__result").inner_text() == ""
    page.keyboard.press("ArrowDown")
    here = focused(page)
    assert here["label"] == "Everyone" and here["checked"]
    tab_to(page, "[data-cq-check]")
    page.keyboard.press("Space")
    assert focused(page)["verdict"]
    assert_announced(page, first.locator(".cq-quiz__result"), "Correct")
    assert_announced(page, page.locator("[data-cq-score]"), "Answered 1 of 2")

    # Question 2, free text: Enter in the field checks it.
    here = tab_to(page, "[data-cq-quiz='which-step-comes-right-after-listening'] input[type=text]")
    assert here["label"] == "Your answer"
    page.keyboard.type("Help")
    page.keyboard.press("Enter")
    assert focused(page)["verdict"]
    assert_announced(page, page.locator(".cq-quiz").nth(1).locator(".cq-quiz__result"), "Correct")
    assert_announced(page, page.locator("[data-cq-score]"), "2/2 (100%)")
    assert "Complete" in page.locator("[data-cq-module-state]").inner_text()

    follow(page, "a.md-footer__link--next", "**/paths/frontline/process/")

    # Question 3, multiple choice in a shuffled order: tick Listen and Help with Space, whatever the order.
    here = tab_to(page, "input[type=checkbox]")
    for _ in range(3):
        assert here["type"] == "checkbox", here
        if here["label"] in ("Listen", "Help"):
            page.keyboard.press("Space")
            assert focused(page)["checked"]
        page.keyboard.press("Tab")
        here = focused(page)
    assert here["check"], f"after the last choice, focus is on {here}, not on Check"
    page.keyboard.press("Enter")
    assert focused(page)["verdict"]
    assert_announced(page, page.locator(".cq-quiz__result"), "Correct")
    assert_announced(page, page.locator("[data-cq-score]"), "Passed")

    # The last required module offers the optional one as an extra, not as Next (issue 14).
    assert page.locator("a.md-footer__link--next").count() == 0
    # The optional module has no quiz: mark it complete, then back to the path through the module's header.
    follow(page, ".cq-extras a", "**/paths/frontline/extras/")
    here = tab_to(page, "[data-cq-complete]")
    assert here["text"] == "Mark as complete"
    page.keyboard.press("Space")
    assert page.locator("[data-cq-complete]").get_attribute("aria-pressed") == "true"
    assert is_focused(page, "[data-cq-complete]")
    here = tab_to(page, ".cq-position a", back=True)
    assert here["text"] == "Frontline staff"
    page.keyboard.press("Enter")
    page.wait_for_url("**/paths/frontline/")

    # The path is complete and the certificate is offered.
    assert "2 of 2 required modules complete" in page.locator("[data-cq-progress]").inner_text()
    assert page.get_by_role("heading", name="You completed this path").is_visible()
    here = tab_to(page, "#cq-cert-name")
    assert here["label"] == "Your name for the certificate"
    page.keyboard.type("Ana Lima")
    assert page.locator(".cq-certificate__name").inner_text() == "Ana Lima"
    here = tab_to(page, "button")
    assert here["text"] == "Print certificate"
    assert page.locator("[data-cq-continue]").inner_text() == "Get your certificate"
