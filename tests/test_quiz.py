"""The `/// quiz` parser: question kinds, feedback, explanation, prompt, options, ids and every mistake."""

from __future__ import annotations

import pytest

from corekit import lines, only, parse
from mkdocs_curriculum.kinds.quiz import normalise
from mkdocs_curriculum.model import Choice, Question


def quiz(*body: str, first_line: int = 1) -> Question:
    nodes, problems = parse(lines(*body), first_line=first_line)
    assert problems == [], [str(p) for p in problems]
    return only([n for n in nodes if isinstance(n, Question)])


def problems_of(*body: str):
    nodes, problems = parse(lines(*body))
    return [(p.line, p.message, p.hint) for p in problems], [n for n in nodes if isinstance(n, Question)]


# --------------------------------------------------------------------------- kinds


def test_single_choice():
    q = quiz("/// quiz | Who serves customers?", "- [ ] Only the front line", "- [x] Everyone", "///")
    assert q.kind == "single"
    assert q.question == "Who serves customers?"
    assert q.choices == (Choice("Only the front line", False, "", 2), Choice("Everyone", True, "", 3))
    assert q.answers == () and q.prompt == "" and q.explanation == ""
    assert q.roles is None and q.shuffle is False and q.line == 1 and q.indent == ""


def test_multiple_choice():
    q = quiz("/// quiz | Which are steps?", "- [x] Listen", "- [X] Help", "* [ ] Argue", "+ [x] Thank", "///")
    assert q.kind == "multiple"
    assert [(c.text, c.correct) for c in q.choices] == [("Listen", True), ("Help", True), ("Argue", False),
                                                        ("Thank", True)]


def test_free_text_answers():
    q = quiz("/// quiz | Which step comes after listening?", "    answer: [help, Helping, 42]", "///")
    assert q.kind == "text"
    assert q.choices == ()
    assert q.answers == ("help", "Helping", "42")
    assert quiz("/// quiz | One?", "    answer: help", "///").answers == ("help",)


@pytest.mark.parametrize("written, expected", [
    ("yes", ("yes",)),
    ("3:30", ("3:30",)),
    ("007", ("007",)),
    ("1.50", ("1.50",)),
    ("[on, 'no', 2001-01-01, \" padded \"]", ("on", "no", "2001-01-01", "padded")),
])
def test_answers_are_the_text_as_written(written, expected):
    """YAML would read these as true, 210, 7, 1.5 and a date; the learner types what the author wrote."""
    assert quiz("/// quiz | Q?", f"    answer: {written}", "///").answers == expected


def test_free_text_body_is_the_explanation():
    q = quiz("/// quiz | After listening?", "    answer: help", "Helping comes after listening.", "", "Always.", "///")
    assert q.prompt == ""
    assert q.explanation == "Helping comes after listening.\n\nAlways."


def test_normalise():
    assert normalise("  Help   Me ") == "help me"
    assert normalise("CAFE\u0301") == normalise("café")
    assert normalise("“Help.”") == normalise("(help!)") == "help"
    assert normalise("It\u2019s  Fine") == "it's fine"
    assert normalise("a-b c.d") == "a-b c.d"  # only the edges are trimmed


# --------------------------------------------------------------------------- feedback, explanation, prompt


def test_feedback_per_choice_and_explanation():
    q = quiz("/// quiz | Pick one",
             "- [ ] Wrong",
             "    Because no.",
             "",
             "    A second *paragraph*.",
             "- [x] Right",
             "\tYes, with a tab.",
             "- [ ] Also wrong",
             "",
             "The explanation.",
             "",
             "More explanation.",
             "///")
    assert [c.feedback for c in q.choices] == ["Because no.\n\nA second *paragraph*.", "Yes, with a tab.", ""]
    assert [c.line for c in q.choices] == [2, 6, 8]
    assert q.explanation == "The explanation.\n\nMore explanation."


def test_feedback_keeps_nested_markdown():
    q = quiz("/// quiz | Q?", "- [x] a", "    - point one", "    - point two", "", "        code", "- [ ] b", "///")
    assert q.choices[0].feedback == "- point one\n- point two\n\n    code"


def test_prompt_markdown_before_the_choices():
    q = quiz("/// quiz | Pick **one**",
             "A scenario with *Markdown*.",
             "",
             "```",
             "- [x] not a choice, inside a fence",
             "```",
             "",
             "> A quote.",
             "",
             "- [ ] Wrong",
             "- [x] Right",
             "///")
    assert q.question == "Pick **one**"
    assert q.prompt == "A scenario with *Markdown*.\n\n```\n- [x] not a choice, inside a fence\n```\n\n> A quote."
    assert [c.text for c in q.choices] == ["Wrong", "Right"]


def test_bullets_that_start_with_a_link_are_not_malformed_choices():
    q = quiz("/// quiz | Which document?",
             "Read these first:",
             "",
             "- [The policy](policy.md)",
             "- [The FAQ][faq]",
             "",
             "- [x] The policy",
             "- [ ] The FAQ",
             "",
             "See also:",
             "",
             "- [The process](process.md)",
             "",
             "[faq]: faq.md",
             "///")
    assert "- [The policy](policy.md)" in q.prompt
    assert [c.text for c in q.choices] == ["The policy", "The FAQ"]
    assert q.explanation.startswith("See also:") and "[faq]: faq.md" in q.explanation


def test_choice_text_keeps_its_markdown():
    q = quiz("/// quiz | Q?", "- [x] Use `code` and [a link](x.md)", "- [ ]   Spaces trimmed  ", "///")
    assert [c.text for c in q.choices] == ["Use `code` and [a link](x.md)", "Spaces trimmed"]


def test_indented_quiz_is_dedented():
    q = quiz("1. Step one", "", "    /// quiz | Nested?", "    Prompt.", "    - [x] a", "        Fb.", "    - [ ] b",
             "    ///")
    assert q.indent == "    " and q.prompt == "Prompt." and q.choices[0].feedback == "Fb."


def test_line_numbers_follow_the_first_line():
    q = quiz("", "/// quiz | Q?", "- [x] a", "- [ ] b", "///", first_line=40)
    assert q.line == 41 and [c.line for c in q.choices] == [42, 43]


# --------------------------------------------------------------------------- options


def test_shuffle():
    assert quiz("/// quiz | Q?", "    shuffle: true", "- [x] a", "- [ ] b", "///").shuffle is True
    assert quiz("/// quiz | Q?", "    shuffle: false", "- [x] a", "- [ ] b", "///").shuffle is False


@pytest.mark.parametrize("value, roles", [
    ("managers", {"managers"}),
    ("managers frontline", {"managers", "frontline"}),
    ("managers, frontline", {"managers", "frontline"}),
    ("[managers]", {"managers"}),
])
def test_for_option(value, roles):
    q = quiz("/// quiz | Q?", f"    for: {value}", "- [x] a", "- [ ] b", "///")
    assert q.roles == frozenset(roles)


def test_several_options():
    q = quiz("/// quiz | Q?", "    id: stable-id", "    for: managers", "    shuffle: true", "- [x] a", "- [ ] b", "///")
    assert (q.id, q.roles, q.shuffle) == ("stable-id", frozenset({"managers"}), True)


def test_id_defaults_to_a_slug_of_the_question():
    assert quiz("/// quiz | Who serves customers?", "- [x] a", "- [ ] b", "///").id == "who-serves-customers"
    assert quiz("/// quiz | ???", "- [x] a", "- [ ] b", "///").id == "block"
    long = quiz("/// quiz | " + "word " * 40, "- [x] a", "- [ ] b", "///").id
    assert len(long) <= 48 and not long.endswith("-")


def test_derived_ids_are_made_unique():
    body = []
    for _ in range(4):
        body += ["/// quiz | Same question?", "- [x] a", "- [ ] b", "///", ""]
    body += ["/// quiz | Other", "    id: same-question-5", "- [x] a", "- [ ] b", "///"]
    nodes, problems = parse(lines(*body))
    assert problems == []
    assert [q.id for q in nodes if isinstance(q, Question)] == ["same-question", "same-question-2", "same-question-3",
                                                                "same-question-4", "same-question-5"]


def test_derived_id_skips_an_explicit_one():
    nodes, problems = parse(lines("/// quiz | Q1", "    id: q", "- [x] a", "- [ ] b", "///",
                                  "/// quiz | Q", "- [x] a", "- [ ] b", "///"))
    assert problems == []
    assert [q.id for q in nodes] == ["q", "q-2"]


def test_numeric_id_is_text():
    assert quiz("/// quiz | Q?", "    id: 7", "- [x] a", "- [ ] b", "///").id == "7"


# --------------------------------------------------------------------------- mistakes


@pytest.mark.parametrize("body, line, message, hint", [
    (("/// quiz", "- [x] a", "- [ ] b", "///"), 1, "this quiz has no question.", "/// quiz | Your question?"),
    (("/// quiz |    ", "- [x] a", "- [ ] b", "///"), 1, "this quiz has no question.", ""),
    (("/// quiz | Q?", "Only a prompt.", "///"), 1, "this quiz has no choices and no `answer`.", "answer: [accepted, answers]"),
    (("/// quiz | Q?", "///"), 1, "this quiz has no choices and no `answer`.", ""),
    (("/// quiz | Q?", "- [ ] a", "- [ ] b", "///"), 1, "no choice of this quiz is marked correct.", "- [x]"),
    (("/// quiz | Q?", "- [x] a", "///"), 1, "this quiz has only one choice.", "Add at least one more choice."),
    (("/// quiz | Q?", "    answer: x", "- [x] a", "- [ ] b", "///"), 1,
     "this quiz has both choices and an `answer` option.", "not both"),
    (("/// quiz | Q?", "    shufle: true", "- [x] a", "- [ ] b", "///"), 2,
     "unknown option `shufle` in `/// quiz`.", "Did you mean `shuffle`?"),
    (("/// quiz | Q?", "    colour: red", "- [x] a", "- [ ] b", "///"), 2,
     "unknown option `colour` in `/// quiz`.", "Known options: answer, id, for, shuffle."),
    (("/// quiz | Q?", "    for: manager", "- [x] a", "- [ ] b", "///"), 2,
     "unknown role 'manager' in `for`.", "Did you mean 'managers'?"),
    (("/// quiz | Q?", "    for: {a: b}", "- [x] a", "- [ ] b", "///"), 2,
     "`for` needs role ids", ""),
    (("/// quiz | Q?", "    shuffle: maybe", "- [x] a", "- [ ] b", "///"), 2,
     "`shuffle` must be true or false, not 'maybe'.", ""),
    (("/// quiz | Q?", "    id: bad id", "- [x] a", "- [ ] b", "///"), 2,
     "`id` must be letters, digits, '-' or '_' (got 'bad id').", ""),
    (("/// quiz | Q?", "    answer: ['', x]", "///"), 2, "`answer` contains an empty answer.", ""),
    (("/// quiz | Q?", "    answer: []", "///"), 2, "`answer` must be an answer or a list of accepted answers", ""),
    (("/// quiz | Q?", "    answer: {a: 1}", "///"), 2, "`answer` must be an answer or a list of accepted answers", ""),
    (("/// quiz | Q?", "    answer:", "///"), 2, "`answer` must be an answer or a list of accepted answers", ""),
    (("/// quiz | Q?", "- [x] a", "", "Explanation.", "- [ ] b", "///"), 5,
     "this choice comes after the explanation.", "Keep all choices in one list."),
])
def test_mistakes(body, line, message, hint):
    found, questions = problems_of(*body)
    matches = [p for p in found if p[1].startswith(message)]
    assert matches, found
    assert matches[0][0] == line
    assert hint in matches[0][2]
    if not message.startswith("unknown option"):  # an unknown option is reported, the quiz still built
        assert questions == []  # a quiz with a mistake is not built


@pytest.mark.parametrize("choice", ["- [] b", "-[ ] b", "- [y] b", "- [x]b", "- [ x ] b", "- [x Listen", "- [ ]",
                                    " - [x] b", "   * [ ] b"])
def test_malformed_choice_lines(choice):
    found, _ = problems_of("/// quiz | Q?", "- [x] a", "- [ ] c", choice, "///")
    line, message, hint = found[0]
    assert line == 4
    assert message == f"malformed choice line: `{choice.strip()}`."
    assert "Write `- [x] Right answer` or `- [ ] Wrong answer`" in hint


def test_duplicate_explicit_ids():
    found, questions = problems_of("/// quiz | Q1", "    id: q1", "- [x] a", "- [ ] b", "///", "",
                                   "/// quiz | Q2", "    id: q1", "- [x] a", "- [ ] b", "///")
    assert found == [(8, "two blocks in this module have the id 'q1' (the other is at line 2).",
                      "Give each quiz and coaching prompt its own id.")]
    assert [q.id for q in questions] == ["q1"]


def test_quiz_and_coaching_share_the_id_space():
    found, _ = problems_of("/// coaching | C", "    id: x", "Reflect.", "///",
                           "/// quiz | Q", "    id: x", "- [x] a", "- [ ] b", "///")
    assert found[0][:2] == (6, "two blocks in this module have the id 'x' (the other is at line 2).")


def test_every_mistake_of_one_quiz_is_reported():
    found, _ = problems_of("/// quiz", "    shufle: 1", "    for: nobody", "- [ ] a", "- [y] b", "///")
    assert sorted(line for line, *_ in found) == [1, 1, 2, 3, 5]
