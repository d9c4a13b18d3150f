"""Property tests: whatever an author writes, the core answers with a result or its own located errors,
never another exception; and a quiz survives parse -> render with every choice and feedback intact."""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_curriculum import blocks, render
from mkdocs_curriculum.errors import Problems, SourceError
from mkdocs_curriculum.kinds.quiz import normalise
from mkdocs_curriculum.load import load_curriculum, load_module
from mkdocs_curriculum.model import Coaching, ForBlock, Module, Question, Text
from mkdocs_curriculum.source import LineDict, load_yaml, split_front_matter

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROLES = frozenset({"frontline", "managers"})

# Lines that exercise the block and quiz syntax, mixed with arbitrary text.
PIECES = st.sampled_from([
    "/// quiz | Q?", "/// quiz", "///", "/// for | frontline", "/// for | nobody", "/// coaching | C", "/// details | d",
    "- [x] right", "- [ ] wrong", "- [] odd", "-[x] odd", "* [X] ok", "    feedback", "\tfeedback", "    answer: yes",
    "    answer: [a, 3:30]", "    for: managers", "    id: q1", "    shuffle: true", "    notes: no", "    : :", "    [",
    "```", "~~~~", "", " ", "text", "- [link](x.md)", "    id: [1]", "    for: [frontline, 5]", "\u2028", "\x85",
    "\ufeff", "---", "title: x", "\x00",
])
BODIES = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40).map("\n".join)


def md(text: str) -> str:
    return "<p>" + html.escape(text) + "</p>"


def decode(key: str, secret: str):
    """The inverse of render.obfuscate."""
    pad = secret.encode("utf-8") or b"k"
    mixed = base64.b64decode(key)
    raw = bytes(b ^ pad[i % len(pad)] ^ (i * 7 & 0xFF) for i, b in enumerate(mixed))
    return json.loads(raw.decode("utf-8"))


def assert_located(problems, last_line: int) -> None:
    for problem in problems:
        assert isinstance(problem, SourceError)
        assert isinstance(problem.line, int) and 1 <= problem.line <= last_line + 1, problem
        assert problem.message.strip()


# --------------------------------------------------------------------------- never another exception


@SETTINGS
@given(BODIES)
def test_any_quiz_body_parses_or_reports(body):
    text = f"/// quiz | q\n{body}\n///"
    ctx = blocks.Context("m", ROLES)
    nodes = blocks.parse_body(text, 1, ctx)
    assert isinstance(nodes, tuple)
    assert all(isinstance(n, (Text, Question, ForBlock, Coaching)) for n in nodes)
    assert_located(ctx.problems, text.count("\n") + 1)


@SETTINGS
@given(BODIES)
def test_any_module_body_parses_or_reports(body):
    ctx = blocks.Context("m", ROLES)
    nodes = blocks.parse_body(body, 7, ctx)
    assert isinstance(nodes, tuple)
    assert_located(ctx.problems, body.count("\n") + 7)


@SETTINGS
@given(st.one_of(st.text(max_size=200), BODIES))
def test_any_yaml_parses_or_reports(text):
    try:
        value = load_yaml(text, 2)
    except SourceError as exc:
        assert exc.line is None or exc.line >= 2
        assert exc.message.startswith(("invalid YAML", "the YAML", "the key", "a key"))
    else:
        if isinstance(value, dict):
            assert isinstance(value, LineDict) and all(value.line_of(k) >= 2 for k in value)


@SETTINGS
@given(st.one_of(st.text(max_size=200), BODIES))
def test_any_front_matter_splits_and_parses_or_reports(text):
    front, body, first = split_front_matter("---\n" + text + "\n---\nBody.\n")
    assert front is not None and body.endswith("Body.\n") and first >= 3
    with contextlib.suppress(SourceError):
        load_yaml(front, 2)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), BODIES.map(lambda t: ("---\ntitle: T\nduration: 5\n---\n" + t).encode()),
                 st.text(max_size=200).map(lambda t: ("---\n" + t + "\n---\n").encode("utf-8", "surrogatepass"))))
def test_any_module_file_loads_or_reports(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.md"
        path.write_bytes(data)
        problems = Problems()
        module = load_module(path, "m", "content/modules/m.md", ROLES, problems)
    assert module is not None or problems.errors
    assert all(p.file == "content/modules/m.md" for p in problems.items)


CURRICULA = st.lists(st.one_of(st.sampled_from([
    "title: T", "pass_mark: 80", "pass_mark: 200", "roles:", "  frontline:", "    title: F", "    path: [m]",
    "    path:", "      - m", "      - module: m", "        optional: yes", "        due_days: -1", "  Bad Id:",
    "modules: modules", "modules: ../x", "\ttitle: x", "roles: [a]", "  managers: 5",
]), st.text(max_size=30)), max_size=20).map("\n".join)


@SETTINGS
@given(CURRICULA)
def test_any_curriculum_loads_or_reports(text):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content" / "modules").mkdir(parents=True)
        (root / "content" / "modules" / "m.md").write_text("---\ntitle: M\nduration: 5\n---\n\nText.\n")
        (root / "curriculum.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        curriculum, problems = load_curriculum(root / "curriculum.yml", root / "content", root)
    assert curriculum is not None or problems.errors
    for problem in problems.items:
        assert problem.file in ("curriculum.yml", "content/modules/m.md"), problem
        assert str(problem).startswith(problem.file)


# --------------------------------------------------------------------------- parse -> render keeps everything

SAFE = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="`~/\\§")
WORDS = st.text(SAFE, min_size=1, max_size=30).map(str.strip).filter(bool)
CHOICES = st.lists(st.tuples(WORDS, st.booleans(), st.lists(WORDS, max_size=3)), min_size=2, max_size=6).filter(
    lambda cs: any(correct for _, correct, _ in cs))


@SETTINGS
@given(question=WORDS, prompt=st.lists(WORDS, max_size=3), choices=CHOICES, explanation=st.lists(WORDS, max_size=3),
       shuffle=st.booleans())
def test_parse_then_render_keeps_every_choice_and_feedback(question, prompt, choices, explanation, shuffle):
    """Feedback lines carry a '§' (never in other text) so a leak into the page would show."""
    choices = [(text, correct, [f"§{f}" for f in feedback]) for text, correct, feedback in choices]
    lines = [f"/// quiz | {question}"] + (["    shuffle: true"] if shuffle else [])
    lines += [f"P{p}" for p in prompt] + ([""] if prompt else [])
    for text, correct, feedback in choices:
        lines.append(f"- [{'x' if correct else ' '}] {text}")
        lines += [f"    {f}" for f in feedback]
    lines += ([""] + [f"E{e}" for e in explanation]) if explanation else []
    lines.append("///")
    ctx = blocks.Context("mod", ROLES)
    nodes = blocks.parse_body("\n".join(lines), 1, ctx)
    assert ctx.problems == [], [str(p) for p in ctx.problems]
    quiz = nodes[0]
    assert isinstance(quiz, Question)
    assert quiz.question == question and quiz.shuffle == shuffle
    assert [(c.text, c.correct, c.feedback) for c in quiz.choices] == [(t, c, "\n".join(f)) for t, c, f in choices]
    assert quiz.explanation == "\n".join(f"E{e}" for e in explanation)

    module = Module("mod", "content/modules/mod.md", "Mod", "", 5, (), (), None, nodes)
    page = render.quiz_html(quiz, 1, 1, module, md, {}, trainer=False)
    for text, _, _ in choices:
        assert html.escape(text) in page
    assert "§" not in page  # no feedback in plain view
    key = page.split('data-cq-key="', 1)[1].split('"', 1)[0]
    solution = decode(key, f"mod/{quiz.id}")
    assert solution["correct"] == [i for i, (_, correct, _) in enumerate(choices) if correct]
    assert solution["feedback"] == [md("\n".join(f)) if f else "" for _, _, f in choices]
    for (_, _, feedback), rendered in zip(choices, solution["feedback"], strict=True):
        assert all(html.escape(line) in rendered for line in feedback)
    assert solution["explanation"] == (md(quiz.explanation) if explanation else "")


ANSWERS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), min_size=1, max_size=20).map(
    str.strip).filter(normalise)  # an answer of only punctuation is refused: it would match an empty one


@SETTINGS
@given(question=WORDS, answers=st.lists(ANSWERS, min_size=1, max_size=4))
def test_free_text_answers_survive(question, answers):
    quoted = ", ".join(json.dumps(a, ensure_ascii=False) for a in answers)
    ctx = blocks.Context("mod", ROLES)
    nodes = blocks.parse_body(f"/// quiz | {question}\n    answer: [{quoted}]\n///", 1, ctx)
    assert ctx.problems == [], [str(p) for p in ctx.problems]
    quiz = nodes[0]
    assert list(quiz.answers) == answers
    module = Module("mod", "m.md", "Mod", "", 5, (), (), None, nodes)
    page = render.quiz_html(quiz, 1, 1, module, md, {}, trainer=False)
    solution = decode(page.split('data-cq-key="', 1)[1].split('"', 1)[0], f"mod/{quiz.id}")
    assert solution["answers"] == [normalise(a) for a in answers]
    assert solution["correct"] == [] and solution["feedback"] == []


# Text with the characters Markdown cares about (`*_~/\\<>&), but no syntax that may drop words on purpose
# (a `[ref]: url` line defines a link and shows nothing, as in any Markdown page).
MARKDOWNISH = st.lists(st.one_of(st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True),
                                 st.sampled_from(["*", "_", "`", "~", "/", "\\", "<b>", "&amp;", "<", ">", "#", "--"])),
                       min_size=1, max_size=12).map(" ".join).filter(lambda t: any(c.isalnum() for c in t))


@SETTINGS
@given(choices=st.lists(st.tuples(MARKDOWNISH, MARKDOWNISH), min_size=2, max_size=4))
def test_real_markdown_rendering_keeps_every_word_of_choices_and_feedback(choices):
    """Through the snippet renderer the site uses (its extensions, raw HTML escaped): no word goes missing."""
    from mkdocs_curriculum.plugin import EXTENSIONS
    from mkdocs_curriculum.snippets import safe_markdown

    renderer = safe_markdown(list(EXTENSIONS), {})

    def real_md(text):
        renderer.reset()
        return renderer.convert(text)

    lines = ["/// quiz | Which?"]
    for n, (text, feedback) in enumerate(choices):
        lines += [f"- [{'x' if n == 0 else ' '}] {text}", f"    {feedback}"]
    ctx = blocks.Context("mod", ROLES)
    nodes = blocks.parse_body("\n".join([*lines, "///"]), 1, ctx)
    assert ctx.problems == [], [str(p) for p in ctx.problems]
    module = Module("mod", "content/modules/mod.md", "Mod", "", 5, (), (), None, nodes)
    page = render.quiz_html(nodes[0], 1, 1, module, real_md, {}, trainer=False)
    solution = decode(page.split('data-cq-key="', 1)[1].split('"', 1)[0], f"mod/{nodes[0].id}")
    assert len(solution["feedback"]) == len(choices)
    labels = re.findall(r"<label for=[^>]*>(.*?)</label>", page, re.S)
    for (text, feedback), label, rendered in zip(choices, labels, solution["feedback"], strict=False):
        for source, out in ((text, label), (feedback, rendered)):
            shown = html.unescape(re.sub(r"<[^>]+>", " ", out))
            for word in re.findall(r"[A-Za-z0-9]+", source.replace("&amp;", " ").replace("<b>", " ")):
                assert word in shown, (source, out)
