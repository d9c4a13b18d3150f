"""The `/// coaching` parser: prompt body, title, notes, `for`, ids and mistakes."""

from __future__ import annotations

import pytest

from corekit import lines, only, parse
from mkdocs_curriculum.model import Coaching


def coaching(*body: str) -> Coaching:
    nodes, problems = parse(lines(*body))
    assert problems == [], [str(p) for p in problems]
    return only([n for n in nodes if isinstance(n, Coaching)])


def test_coaching_prompt():
    c = coaching("Intro.", "", "/// coaching | Catch someone doing something right",
                 "    for: managers",
                 "- Who on your team handled a difficult customer well this week?",
                 "- What exactly did they do?",
                 "///")
    assert c.title == "Catch someone doing something right"
    assert c.body == "- Who on your team handled a difficult customer well this week?\n- What exactly did they do?"
    assert c.roles == frozenset({"managers"})
    assert c.notes is True
    assert c.id == "coaching-catch-someone-doing-something-right"
    assert c.line == 3 and c.indent == ""


def test_defaults():
    c = coaching("/// coaching", "Think.", "///")
    assert (c.title, c.roles, c.notes, c.id) == ("Coaching prompt", None, True, "coaching-coaching-prompt")


def test_options():
    c = coaching("/// coaching | Practice", "    notes: false", "    id: week-1", "    for: [frontline, managers]",
                 "Try it this week.", "///")
    assert (c.notes, c.id, c.roles) == (False, "week-1", frozenset({"frontline", "managers"}))


def test_body_keeps_markdown_and_is_dedented():
    c = coaching("- list", "", "    /// coaching | Nested", "    1. First", "", "        code", "", "    **Bold.**",
                 "    ///")
    assert c.indent == "    "
    assert c.body == "1. First\n\n    code\n\n**Bold.**"


def test_fenced_code_in_a_prompt_is_kept():
    c = coaching("/// coaching | C", "```", "/// quiz | not a quiz", "///", "```", "///")
    assert c.body == "```\n/// quiz | not a quiz\n///\n```"


def test_ids_are_unique_per_module():
    nodes, problems = parse(lines("/// coaching | Same", "a", "///", "/// coaching | Same", "b", "///"))
    assert problems == []
    assert [n.id for n in nodes] == ["coaching-same", "coaching-same-2"]


@pytest.mark.parametrize("body, line, message, hint", [
    (("/// coaching | C", "    for: manager", "Reflect.", "///"), 2, "unknown role 'manager' in `for`.",
     "Did you mean 'managers'? Known roles: frontline, managers."),
    (("/// coaching | C", "    for: ''", "Reflect.", "///"), 2, "`for` names no role.", ""),
    (("/// coaching | C", "    note: false", "Reflect.", "///"), 2, "unknown option `note` in `/// coaching`.",
     "Did you mean `notes`?"),
    (("/// coaching | C", "    colour: red", "Reflect.", "///"), 2, "unknown option `colour` in `/// coaching`.",
     "Known options: for, notes, id."),
    (("", "/// coaching | C", "///"), 2, "this coaching prompt is empty.", "Write the reflection questions"),
    (("/// coaching | C", "", "   ", "\t", "///"), 1, "this coaching prompt is empty.", ""),
    (("/// coaching | C", "    notes: sometimes", "Reflect.", "///"), 2, "`notes` must be true or false, not 'sometimes'.", ""),
    (("/// coaching | C", "    id: 'no spaces'", "Reflect.", "///"), 2, "`id` must be letters, digits, '-' or '_'", ""),
    (("/// coaching | C", "Reflect.", "/// quiz | Q", "- [x] a", "- [ ] b", "///", "///"), 1,
     "a `/// coaching` block cannot contain quiz, coaching or for blocks.", ""),
    (("/// coaching | C", "Reflect."), 1, "the `/// coaching` block opened here is never closed.", ""),
])
def test_mistakes(body, line, message, hint):
    _nodes, problems = parse(lines(*body))
    matches = [p for p in problems if p.message.startswith(message)]
    assert matches, [str(p) for p in problems]
    assert matches[0].line == line
    assert hint in matches[0].hint
