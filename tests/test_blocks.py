"""blocks.parse_body: finding `/// name | argument` blocks, keeping line numbers, reporting mistakes."""

from __future__ import annotations

import pytest

from corekit import lines, only, parse
from mkdocs_curriculum import blocks
from mkdocs_curriculum.errors import SourceError
from mkdocs_curriculum.model import Coaching, ForBlock, Question, Text

QUIZ = ("/// quiz | Q?", "- [x] a", "- [ ] b", "///")


def messages(problems):
    return [(p.line, p.message) for p in problems]


def test_plain_text_is_kept_exactly():
    body = lines("# Title", "", "Some *Markdown*.", "   indented  ", "\tTabbed", "")
    nodes, problems = parse(body)
    assert problems == []
    assert nodes == (Text(("# Title", "", "Some *Markdown*.", "   indented  ", "\tTabbed", "")),)


def test_blocks_split_the_text_and_keep_their_lines():
    nodes, problems = parse(lines("Before.", "", *QUIZ, "", "After."), first_line=10)
    assert problems == []
    before, quiz, after = nodes
    assert before == Text(("Before.", ""))
    assert isinstance(quiz, Question) and quiz.line == 12
    assert [c.line for c in quiz.choices] == [13, 14]
    assert after == Text(("", "After."))


@pytest.mark.parametrize("fence", ["```", "~~~", "````", "```markdown"])
def test_fenced_code_is_not_parsed(fence):
    close = fence.rstrip("markdown")
    body = lines(fence, *QUIZ, "/// for | nobody", "///", close, "After.")
    nodes, problems = parse(body)
    assert problems == []
    assert nodes == (Text(tuple(body.split("\n"))),)


def test_a_shorter_fence_does_not_close_a_longer_one():
    body = lines("~~~~", "~~~", "/// quiz | inside", "~~~", "~~~~", *QUIZ)
    nodes, problems = parse(body)
    assert problems == []
    assert isinstance(nodes[-1], Question) and nodes[-1].line == 6


def test_other_extensions_blocks_pass_through():
    body = lines("/// details | More", "    type: note", "Inside.", "///", "", "/// mystery", "x", "///")
    nodes, problems = parse(body)
    assert problems == []
    assert nodes == (Text(tuple(body.split("\n"))),)


def test_our_blocks_inside_a_foreign_block_still_count():
    nodes, problems = parse(lines("/// details | More", "Inside.", *QUIZ, "///"))
    assert problems == []
    assert [type(n) for n in nodes] == [Text, Question, Text]
    assert nodes[0].lines == ("/// details | More", "Inside.") and nodes[2].lines == ("///",)


def test_indented_block_keeps_its_indent():
    nodes, problems = parse(lines("- item", "", "    /// quiz | In a list?", "    - [x] a", "        Yes.",
                                  "    - [ ] b", "    ///"))
    assert problems == []
    quiz = nodes[1]
    assert quiz.indent == "    "
    assert [c.text for c in quiz.choices] == ["a", "b"]
    assert quiz.choices[0].feedback == "Yes."


def test_for_block():
    nodes, problems = parse(lines("/// for | managers", "Only managers.", *QUIZ, "///"))
    assert problems == []
    block = only(nodes)
    assert isinstance(block, ForBlock)
    assert block.roles == frozenset({"managers"}) and block.line == 1
    assert block.children[0] == Text(("Only managers.",))
    assert isinstance(block.children[1], Question)


@pytest.mark.parametrize("arg", ["frontline managers", "frontline, managers", "frontline,managers", " managers  frontline "])
def test_for_block_role_lists(arg):
    nodes, problems = parse(lines(f"/// for | {arg}", "x", "///"))
    assert problems == []
    assert nodes[0].roles == frozenset({"frontline", "managers"})


def test_nested_for_blocks():
    nodes, problems = parse(lines("/// for | frontline managers", "/// for | managers", "x", "///", "///"))
    assert problems == []
    inner = nodes[0].children[0]
    assert isinstance(inner, ForBlock) and inner.roles == frozenset({"managers"}) and inner.line == 2


def test_quiz_and_coaching_can_sit_in_for_and_nodes_walk_per_role():
    from mkdocs_curriculum.model import Module

    nodes, problems = parse(lines("/// for | managers", "/// coaching | C", "Reflect.", "///", "///", *QUIZ))
    assert problems == []
    module = Module("m", "m.md", "M", "", 5, (), (), None, nodes)
    assert [type(n) for n in module.walk("managers")] == [Coaching, Question]
    assert [type(n) for n in module.walk("frontline")] == [Question]
    assert [type(n) for n in module.walk(None)] == [Coaching, Question]


# --------------------------------------------------------------------------- mistakes


@pytest.mark.parametrize("body, line, message, hint", [
    (lines("Text", "///"), 2, "this `///` closes no block.", "Remove it"),
    (lines("", "/// quiz | Q?", "- [x] a"), 2, "the `/// quiz` block opened here is never closed.", "only `///`"),
    (lines("/// for | frontline", "x"), 1, "the `/// for` block opened here is never closed.", ""),
    (lines("/// details | d", "x"), 1, "the `/// details` block opened here is never closed.", ""),
    (lines("/// quizz | Q?", "x", "///"), 1, "unknown block `/// quizz`.", "Did you mean `/// quiz`?"),
    (lines("/// coachin | C", "x", "///"), 1, "unknown block `/// coachin`.", "Did you mean `/// coaching`?"),
    (lines("/// QUIZ | Q?", "- [x] a", "///"), 1, "unknown block `/// QUIZ`.", "Did you mean `/// quiz`? Block names are lower-case."),
    (lines("/// For | frontline", "x", "///"), 1, "unknown block `/// For`.", "Did you mean `/// for`?"),
    (lines("/// role | frontline", "x", "///"), 1, "unknown block `/// role`.", "Did you mean `/// for`?"),
    (lines("/// | Q?", "x", "///"), 1, "this block has no name.", "/// quiz | ..."),
    (lines("/// for", "x", "///"), 1, "`/// for` names no role.", "List role ids: frontline, managers."),
    (lines("/// for | manager", "x", "///"), 1, "unknown role 'manager' in `/// for`.",
     "Did you mean 'managers'? Known roles: frontline, managers."),
    (lines("/// for | zzz", "x", "///"), 1, "unknown role 'zzz' in `/// for`.", "Known roles: frontline, managers."),
    (lines("/// for | managers", "    shuffle: true", "x", "///"), 1, "`/// for` takes no options.", "after the bar"),
    (lines("", "/// quiz | Q?", "    shuffle: [", "- [x] a", "- [ ] b", "///"), 3,
     "the options of this `/// quiz` block are not valid: invalid YAML", "indented 4 spaces"),
    (lines("/// quiz | Q?", "    just words", "- [x] a", "- [ ] b", "///"), 2,
     "the lines indented under `/// quiz` must be options (`key: value`).", "for: managers"),
    (lines("/// quiz | Q?", "/// coaching | C", "x", "///", "- [x] a", "- [ ] b", "///"), 1,
     "a `/// quiz` block cannot contain quiz, coaching or for blocks.", "Close it"),
    (lines("/// coaching | C", "/// for | managers", "x", "///", "///"), 1,
     "a `/// coaching` block cannot contain quiz, coaching or for blocks.", ""),
])
def test_mistakes_are_located(body, line, message, hint):
    _, problems = parse(body)
    problem = [p for p in problems if p.message.startswith(message)]
    assert problem, messages(problems)
    assert isinstance(problem[0], SourceError)
    assert problem[0].line == line
    assert hint in problem[0].hint


def test_unknown_foreign_names_are_not_errors():
    for name in ("tab", "admonition", "html", "caption", "define", "my-own-thing"):
        _, problems = parse(lines(f"/// {name} | x", "y", "///"))
        assert problems == [], name


def test_several_unclosed_blocks_are_each_reported():
    _, problems = parse(lines("/// for | managers", "/// details | d", "x"))
    assert sorted(messages(problems)) == [(1, "the `/// for` block opened here is never closed."),
                                          (2, "the `/// details` block opened here is never closed.")]


def test_depth_limit():
    ok = "/// for | managers\n" * blocks.MAX_DEPTH + "x\n" + "///\n" * blocks.MAX_DEPTH
    assert parse(ok)[1] == []
    deep = "/// for | managers\n" * 10000 + "x\n" + "///\n" * 10000
    nodes, problems = parse(deep, first_line=5)
    problem = only(problems)
    assert problem.line == 5 + blocks.MAX_DEPTH
    assert problem.message == f"blocks are nested more than {blocks.MAX_DEPTH} deep."
    assert nodes == ()


def test_deep_foreign_blocks_hit_the_same_limit():
    deep = "/// details | d\n" * 50 + "x\n" + "///\n" * 50
    _, problems = parse(deep)
    assert only(problems).message.startswith("blocks are nested more than")


def test_header_lookalikes_are_text():
    body = lines("//// four slashes", "// two", "Text /// in the middle", "`/// quiz | in code`")
    nodes, problems = parse(body)
    assert problems == []
    assert nodes == (Text(tuple(body.split("\n"))),)


def test_parse_roles_accepts_a_yaml_list_and_reports_non_text():
    ctx = blocks.Context("m", frozenset({"a", "b"}))
    assert blocks.parse_roles(["a", "b"], 3, ctx, "for") == frozenset({"a", "b"})
    assert blocks.parse_roles(5, 4, ctx, "for") is None
    assert blocks.parse_roles([], 5, ctx, "for") is None
    assert messages(ctx.problems) == [(4, "`for` needs role ids, such as `managers executives`."),
                                      (5, "`for` names no role.")]
