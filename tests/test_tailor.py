"""tailor: each role's version of a module shows only its sections; the trainer's view shows all, labelled."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from corekit import lines, load, parse
from mkdocs_curriculum import render
from mkdocs_curriculum.model import Coaching, ForBlock, Module, Question
from mkdocs_curriculum.tailor import PREFIX, fill, tailor

FIXTURE = Path(__file__).parent / "fixtures" / "basic"
TITLES = {"frontline": "Frontline staff", "managers": "Middle managers"}


def make(*body: str) -> Module:
    nodes, problems = parse(lines(*body))
    assert problems == [], [str(p) for p in problems]
    return Module("m", "content/modules/m.md", "M", "", 10, (), (), None, nodes)


def basics() -> Module:
    curriculum, problems = load(FIXTURE)
    assert problems.items == []
    return curriculum.modules["basics"]


def html_of(version) -> str:
    """Render like the plugin: Markdown first, then each placeholder becomes a marker naming its slot."""
    html = markdown.markdown(version.markdown, extensions=["fenced_code"])

    def slot(kind, node, number):
        label = getattr(node, "id", None) or ",".join(sorted(node.roles))
        return f'<div class="slot" data-kind="{kind}" data-what="{label}" data-number="{number}"></div>'

    return fill(html, version, slot)


def slots(html: str) -> list:
    return re.findall(r'data-kind="([^"]+)" data-what="([^"]*)" data-number="(\d+)"', html)


# --------------------------------------------------------------------------- who sees what


def test_each_role_sees_only_its_for_sections():
    module = basics()
    frontline, managers, trainer = (tailor(module, r).markdown for r in ("frontline", "managers", None))
    assert "Frontline-only text." in frontline and "Managers-only text." not in frontline
    assert "Managers-only text." in managers and "Frontline-only text." not in managers
    assert "Frontline-only text." in trainer and "Managers-only text." in trainer
    for text in (frontline, managers, trainer):
        assert "Everyone serves someone." in text
        assert "/// for" not in text and "/// quiz | Who" not in text and "/// coaching" not in text


def test_fenced_blocks_stay_text_in_every_version():
    for role in ("frontline", "managers", None):
        text = tailor(basics(), role).markdown
        assert "```markdown\n/// quiz | Not a quiz, inside a fence\n///\n```" in text


def test_role_versions_hold_only_their_quizzes_and_prompts():
    module = basics()
    frontline, managers = tailor(module, "frontline"), tailor(module, "managers")
    assert [(k, n.id, i) for k, n, i in frontline.slots] == [
        ("quiz", "who-serves-customers", 1), ("quiz", "which-step-comes-right-after-listening", 2)]
    assert [(k, n.id, i) for k, n, i in managers.slots] == [
        ("quiz", "who-serves-customers", 1), ("quiz", "which-step-comes-right-after-listening", 2),
        ("coaching", "coaching-think-about-it", 0)]


def test_trainers_view_labels_every_for_section():
    version = tailor(basics(), None)
    kinds = [(k, sorted(n.roles) if isinstance(n, ForBlock) else n.id) for k, n, _ in version.slots]
    assert kinds == [("for-open", ["managers"]), ("for-close", ["managers"]),
                     ("for-open", ["frontline"]), ("for-close", ["frontline"]),
                     ("quiz", "who-serves-customers"), ("quiz", "which-step-comes-right-after-listening"),
                     ("coaching", "coaching-think-about-it")]
    html = html_of(version)
    managers_open = html.index('data-kind="for-open" data-what="managers"')
    assert managers_open < html.index("Managers-only text.") < html.index('data-kind="for-close" data-what="managers"')


def test_trainer_labels_name_the_roles():
    version = tailor(basics(), None)
    opening = next(n for k, n, _ in version.slots if k == "for-open")
    assert "Only in the version for: Middle managers" in render.for_open_html(opening, TITLES)
    prompt = next(n for k, n, _ in version.slots if k == "coaching")
    md = lambda t: f"<p>{t}</p>"  # noqa: E731
    assert "Only for: Middle managers" in render.coaching_html(prompt, version.module, md, TITLES, trainer=True)
    assert "Only for:" not in render.coaching_html(prompt, version.module, md, TITLES, trainer=False)


def test_role_versions_have_no_labels():
    for role in ("frontline", "managers"):
        assert not [k for k, *_ in tailor(basics(), role).slots if k.startswith("for-")]


def test_nested_for_shows_only_to_roles_in_both_lists():
    module = make("/// for | frontline managers", "Both.", "/// for | managers", "Managers inside.", "///",
                  "/// for | frontline", "/// quiz | Frontline inside?", "- [x] a", "- [ ] b", "///", "///", "///")
    frontline, managers = tailor(module, "frontline"), tailor(module, "managers")
    assert "Both." in frontline.markdown and "Managers inside." not in frontline.markdown
    assert "Both." in managers.markdown and "Managers inside." in managers.markdown
    assert [q.id for q in frontline.questions] == ["frontline-inside"]
    assert managers.questions == []
    trainer = tailor(module, None)
    assert [k for k, *_ in trainer.slots] == ["for-open", "for-open", "for-close", "for-open", "quiz", "for-close",
                                              "for-close"]


def test_quiz_for_option_and_for_block_combine():
    module = make("/// for | frontline", "/// quiz | Q?", "    for: managers", "- [x] a", "- [ ] b", "///", "///")
    assert tailor(module, "frontline").questions == []
    assert tailor(module, "managers").questions == []
    assert len(tailor(module, None).questions) == 1


# --------------------------------------------------------------------------- numbering


NUMBERED = ("/// quiz | One", "- [x] a", "- [ ] b", "///", "",
            "/// quiz | Two", "    for: managers", "- [x] a", "- [ ] b", "///", "",
            "/// coaching | Think", "Reflect.", "///", "",
            "/// quiz | Three", "    answer: yes", "///", "",
            "/// for | frontline", "/// quiz | Four", "- [x] a", "- [ ] b", "///", "///")


@pytest.mark.parametrize("role, expected", [
    ("frontline", [("quiz", "one", "1"), ("coaching", "coaching-think", "0"), ("quiz", "three", "2"),
                   ("quiz", "four", "3")]),
    ("managers", [("quiz", "one", "1"), ("quiz", "two", "2"), ("coaching", "coaching-think", "0"),
                  ("quiz", "three", "3")]),
    (None, [("for-open", "frontline", "0"), ("for-close", "frontline", "0")]),
])
def test_question_numbering_per_role(role, expected):
    version = tailor(make(*NUMBERED), role)
    found = slots(html_of(version))
    if role is None:
        quizzes = [s for s in found if s[0] == "quiz"]
        assert [s[2] for s in quizzes] == ["1", "2", "3", "4"]
        assert [s for s in found if s[0].startswith("for")] == expected
    else:
        assert found == expected
        assert len(version.questions) == 3


def test_numbers_match_render_total():
    version = tailor(make(*NUMBERED), "frontline")
    md = lambda t: f"<p>{t}</p>"  # noqa: E731
    _, node, number = version.slots[-1]
    html = render.quiz_html(node, number, len(version.questions), version.module, md, TITLES, trainer=False)
    assert "Question 3 of 3" in html


# --------------------------------------------------------------------------- placeholders


def test_every_placeholder_is_filled_and_text_order_kept():
    version = tailor(basics(), "managers")
    html = html_of(version)
    assert PREFIX not in html
    order = [html.index(s) for s in ("Everyone serves someone.", "Managers-only text.", 'data-what="who-serves-customers"',
                                     "Not a quiz, inside a fence", 'data-what="coaching-think-about-it"')]
    assert order == sorted(order)


def test_placeholder_inside_a_list_item_stays_in_the_item():
    module = make("Intro.", "", "- item", "", "    /// quiz | In a list?", "    - [x] a", "    - [ ] b", "    ///", "",
                  "After.")
    html = html_of(tailor(module, "frontline"))
    item = html[html.index("<li>"):html.index("</li>")]
    assert 'data-kind="quiz"' in item and "<p>cq" not in html


def test_placeholders_are_unique_per_process_and_not_guessable_text():
    version = tailor(basics(), None)
    assert re.fullmatch(r"cqslot[0-9a-f]{8}n", PREFIX)
    assert version.markdown.count(PREFIX) == len(version.slots)


def test_author_text_that_looks_like_a_placeholder_is_left_alone():
    module = make("cqslot00000000n0x is just text.", "", "/// quiz | Q?", "- [x] a", "- [ ] b", "///")
    html = html_of(tailor(module, "frontline"))
    assert "cqslot00000000n0x is just text." in html
    assert len(slots(html)) == 1


def test_module_without_blocks_is_unchanged():
    module = make("# Title", "", "Text.")
    version = tailor(module, "frontline")
    assert version.markdown == "# Title\n\nText." and version.slots == [] and version.questions == []


def test_question_and_coaching_nodes_are_shared_not_copied():
    module = basics()
    version = tailor(module, "managers")
    assert all(isinstance(n, (Question, Coaching)) for _, n, _ in version.slots)
    assert version.slots[0][1] is module.questions()[0]


def test_tailoring_is_linear_in_the_number_of_questions(monkeypatch):
    count = 1000
    module = make(*[line for i in range(count) for line in (f"/// quiz | Q{i}", "- [x] a", "- [ ] b", "///", "")])
    compared = []
    original = Question.__eq__

    def counting(self, other):
        compared.append(1)
        return original(self, other)

    monkeypatch.setattr(Question, "__eq__", counting)
    version = tailor(module, "frontline")
    assert [n for _, _, n in version.slots] == list(range(1, count + 1))
    assert len(compared) < 10 * count
