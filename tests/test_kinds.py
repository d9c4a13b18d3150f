"""Block kinds are a registry: a new kind is one class in one file, and every part of the engine takes it.

The `/// note` kind below lives only in this file. Registering it is all it takes for the block finder to parse
it, the loader to report its mistakes with file and line, the tailoring to show it to the right roles, the
renderer to draw it and `curriculum stats` to count its words; no engine module knows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import ClassVar

import markdown
import pytest

from corekit import lines, load, module, parse, project
from mkdocs_curriculum import kinds, options, render
from mkdocs_curriculum.cli.stats import role_words
from mkdocs_curriculum.model import Module, Text
from mkdocs_curriculum.tailor import fill, tailor


@dataclass(frozen=True)
class NoteNode:
    title: str
    body: str
    roles: frozenset | None
    line: int
    indent: str = ""


class Note(kinds.Kind):
    name = "note"
    options: ClassVar[dict] = {"for": (None, options.roles)}  # one option, declared as data
    node = NoteNode
    handler = "note"

    def parse(self, block, ctx):
        text = "\n".join(t for _, t in block.body).strip()
        if not text:
            ctx.fail(block.line, "this note is empty.")
            return None
        return NoteNode(block.arg, text, self.value(block.options, "for", ctx), block.line, block.indent)

    def words(self, node):
        return f"{node.title} {node.body}"

    def html(self, slot, node, number, page):
        return f'<aside class="note" data-cq-{self.handler}>{escape(node.title)}: {page.md(node.body)}</aside>'


@pytest.fixture
def note():
    kinds.register(Note)
    yield Note
    kinds.unregister("note")


NOTE = ("/// note | Remember", "    for: managers", "Managers sign the form.", "///")


def md(text: str) -> str:
    return markdown.markdown(text)


def test_a_registered_kind_parses(note):
    nodes, problems = parse(lines("Before.", *NOTE, "After."))
    assert problems == []
    assert nodes == (Text(("Before.",)), NoteNode("Remember", "Managers sign the form.", frozenset({"managers"}), 2),
                     Text(("After.",)))


def test_a_kind_that_is_not_registered_stays_text():
    """`note` is an admonition name other extensions own: without the kind, the block passes through."""
    nodes, problems = parse(lines(*NOTE))
    assert problems == [] and nodes == (Text(NOTE),)


def test_a_registered_kind_renders_and_shows_in_its_roles_versions(note):
    nodes, _ = parse(lines("Intro.", "", *NOTE, "", "/// for | frontline", "/// note | Hello", "Front line reads this.",
                           "///", "///"))
    mod = Module("m", "m.md", "M", "", 10, (), (), None, nodes)
    titles = {"frontline": "Frontline staff", "managers": "Middle managers"}

    def html(role):
        version = tailor(mod, role)
        return fill(md(version.markdown), version, render.slot_renderer(version, md, titles))

    managers, frontline, trainer = html("managers"), html("frontline"), html(None)
    assert '<aside class="note" data-cq-note>Remember: <p>Managers sign the form.</p></aside>' in managers
    assert "Hello" not in managers and "Remember" not in frontline
    assert "Hello: <p>Front line reads this.</p>" in frontline
    assert "Remember" in trainer and "Only in the version for: Frontline staff" in trainer and "Hello" in trainer
    assert role_words(mod, "managers") == len(["Intro.", "Remember", "Managers", "sign", "the", "form."])
    assert mod.questions("managers") == [] and mod.coachings("managers") == []


def test_a_registered_kind_reports_an_unknown_option_with_file_and_line(note, tmp_path):
    body = lines("", "/// note | Remember", "    fro: managers", "Text.", "///", "", "/// note | Empty", "///", "")
    root = project(tmp_path, modules={"welcome": module("Welcome"), "basics": module("Basics", body)})
    _, problems = load(root)
    assert [(p.file, p.line, p.message, p.hint) for p in problems.errors] == [
        ("content/modules/basics.md", 9, "unknown option `fro` in `/// note`.", "Did you mean `for`?"),
        ("content/modules/basics.md", 13, "this note is empty.", ""),
    ]


def test_a_registered_kind_works_in_the_python_markdown_extension(note):
    html = markdown.markdown(lines(*NOTE), extensions=["mkdocs_curriculum.markdown_extension"],
                             extension_configs={"mkdocs_curriculum.markdown_extension": {
                                 "role": "managers", "roles": ["managers"], "foot": False}})
    assert html == '<aside class="note" data-cq-note>Remember: <p>Managers sign the form.</p></aside>'


def test_engine_modules_name_no_kind():
    """Nothing outside a kind's module asks which kind a node is (the issue's nine places)."""
    from pathlib import Path

    core = Path(kinds.__file__).parent.parent
    for name in ("blocks.py", "tailor.py", "render.py", "plan.py", "model.py", "cli/stats.py"):
        text = (core / name).read_text(encoding="utf-8")
        for pattern in ("isinstance(node, Question", "isinstance(node, Coaching", "isinstance(node, ForBlock",
                        '== "quiz"', '== "coaching"', '== "for-open"', '"for-close"'):
            assert pattern not in text, f"{name} dispatches on a kind: {pattern}"


def test_one_did_you_mean():
    """Every suggestion is worded by suggest.did_you_mean; no other module matches names itself."""
    from pathlib import Path

    from mkdocs_curriculum.suggest import did_you_mean

    assert did_you_mean("welcom", ["basics", "welcome"]) == "Did you mean 'welcome'?"
    assert did_you_mean("shufle", ("answer", "shuffle"), form="`{}`") == "Did you mean `shuffle`?"
    assert did_you_mean("zzz", ("answer", "shuffle"), "Known options: answer, shuffle.") == "Known options: answer, shuffle."
    assert did_you_mean("coach", ("quiz", "coaching"), form="`/// {}`", aliases={"coach": "coaching"}) == \
        "Did you mean `/// coaching`?"
    core = Path(kinds.__file__).parent.parent
    users = sorted(p.relative_to(core).as_posix() for p in core.rglob("*.py") if "difflib" in p.read_text(encoding="utf-8"))
    assert users == ["suggest.py"]
