"""The quiz block: a question, `- [x]` / `- [ ]` choices with indented feedback, and an explanation.

    /// quiz | Who serves customers?
        shuffle: true
    - [ ] Only the front line
        Feedback shown when this choice is picked.
    - [x] Everyone
    Explanation, shown once answered.
    ///

Without choices, an `answer:` option makes it a free-text question. Its HTML carries an obfuscated answer key
(`KEY`: readable names, decoded by assets/js/quiz.js `initQuiz`).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass
from html import escape
from typing import ClassVar

from .. import options as opt
from ..markup import inline, obfuscate, role_names
from .base import Block, Kind, Page, Roles, register


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str
    line: int


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    prompt: str
    choices: tuple[Choice, ...]
    answers: tuple[str, ...]
    explanation: str
    roles: Roles
    shuffle: bool
    line: int
    indent: str = ""

    @property
    def kind(self) -> str:
        if not self.choices:
            return "text"
        return "multiple" if sum(c.correct for c in self.choices) > 1 else "single"


# The answer key's fields, as assets/js/quiz.js reads them (`sol.correct`, ...).
KEY = ("correct", "feedback", "explanation", "answers")

_CHOICE = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>\S.*)$")
# Looks like a choice but is not one: `- []`, `-[ ]`, `- [y]`, `- [x Listen`. A bullet that starts with a
# link (`- [Policy](policy.md)`, `- [FAQ][faq]`) is ordinary Markdown in the prompt or explanation.
_CHOICE_LIKE = re.compile(r"^[ ]{0,3}[-*+][ \t]*\[(?:[^\]]{0,3}\](?![(\[:])|[ xX]?(?:[ \t]|$))")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _answers(options, key: str, ctx, default) -> list:
    """`answer: help` or `answer: [help, helping]`: the accepted answers of a free-text question, as written."""
    value, at = options[key], options.line_of(key)
    if isinstance(value, list):
        raw = getattr(value, "raw", [])  # a source.LineList: each item as written
        values = [_as_written(v, raw[i] if i < len(raw) else None) for i, v in enumerate(value)]
    else:
        values = [_as_written(value, options.raw.get(key))]
    if not values or any(not isinstance(v, (str, int, float)) for v in values):
        ctx.fail(at, "`answer` must be an answer or a list of accepted answers, such as `[help, helping]`.")
        return default
    answers = [str(v).strip() for v in values]
    if not all(normalise(a) for a in answers):
        ctx.fail(at, "`answer` contains an empty answer.",
                 "Punctuation around an answer is ignored when comparing, so an answer of only punctuation is "
                 "empty too.")
    return answers


@register
class Quiz(Kind):
    name = "quiz"
    aliases = ("question", "questions", "test")
    options: ClassVar[dict] = {"answer": ((), _answers), "id": (None, opt.explicit_id), "for": (None, opt.roles),
               "shuffle": (False, opt.boolean)}
    node = Question
    counts_as = "question"
    handler = "quiz"

    def parse(self, block: Block, ctx) -> Question | None:
        """Build a Question from a closed `/// quiz` block; report every mistake with its line."""
        arg, options, line = block.arg, block.options, block.line
        before = ctx.count()
        if not arg:
            ctx.fail(line, "this quiz has no question.", "Write it after the bar: `/// quiz | Your question?`")
        prompt, choices, explanation = _split(block.body, ctx)
        if not choices:  # a free-text question's body is its explanation: it would give the answer away
            prompt, explanation = "", "\n\n".join(t for t in (prompt, explanation) if t)
        answers = self.value(options, "answer", ctx)
        roles = self.value(options, "for", ctx)
        shuffle = self.value(options, "shuffle", ctx)
        _check(choices, "answer" in options, line, ctx)
        qid = self.value(options, "id", ctx) or opt.derived_id(ctx.ids, opt.slug(arg), line)
        if ctx.count() > before:
            return None
        return Question(qid, arg, prompt, tuple(choices), tuple(answers), explanation, roles, shuffle, line,
                        block.indent)

    def words(self, node: Question) -> str:
        choices = [f"{c.text} {c.feedback}" for c in node.choices]
        return " ".join([node.question, node.prompt, *choices, node.explanation])

    def html(self, slot: str, node: Question, number: int, page: Page) -> str:
        return quiz_html(node, number, page)


# -- parsing ---------------------------------------------------------------------------------------------------


def _split(body, ctx):
    """Cut the body into prompt, choices (with their feedback) and explanation."""
    prompt: list[str] = []
    explanation: list[str] = []
    choices: list[Choice] = []
    feedback: list[str] = []
    part, fence = "prompt", False
    for number, text in body:
        is_fence = bool(_FENCE.match(text))
        choice = None if fence else _CHOICE.match(text)
        if not fence and not choice and _CHOICE_LIKE.match(text):
            ctx.fail(number, f"malformed choice line: `{text.strip()}`.",
                     "Write `- [x] Right answer` or `- [ ] Wrong answer`, with a space inside the brackets for a "
                     "wrong one.")
        elif choice and part == "explanation":
            ctx.fail(number, "this choice comes after the explanation.", "Keep all choices in one list.")
        elif choice:
            _close_choice(choices, feedback)
            choices.append(Choice(choice.group("text").strip(), choice.group("mark") != " ", "", number))
            part = "choices"
        elif part == "choices" and (not text.strip() or text[:1] in " \t"):
            feedback.append(text)
        else:
            if part == "choices":
                _close_choice(choices, feedback)
                part = "explanation"
            (prompt if part == "prompt" else explanation).append(text)
        fence = fence != is_fence
    _close_choice(choices, feedback)
    return _text(prompt), choices, _text(explanation)


def _close_choice(choices: list, feedback: list) -> None:
    if choices and feedback:
        last = choices[-1]
        choices[-1] = Choice(last.text, last.correct, _text(feedback), last.line)
    feedback.clear()


def _text(lines: list) -> str:
    return textwrap.dedent("\n".join(lines).expandtabs(4)).strip("\n")


def _as_written(value, raw):
    """YAML reads `yes` as true, `3:30` as 210 and `007` as 7; an answer is the text the author wrote."""
    return raw if raw is not None and value is not None and not isinstance(value, (dict, list)) else value


def _check(choices, has_answer, line, ctx) -> None:
    if choices and has_answer:
        ctx.fail(line, "this quiz has both choices and an `answer` option.",
                 "Use choices for a multiple-choice question, or `answer` for a free-text one, not both.")
    elif not choices and not has_answer:
        ctx.fail(line, "this quiz has no choices and no `answer`.",
                 "Add `- [x]` / `- [ ]` choice lines, or an option line `    answer: [accepted, answers]`.")
    elif choices and not any(c.correct for c in choices):
        ctx.fail(line, "no choice of this quiz is marked correct.", "Mark the right choice(s) with `- [x]`.")
    elif len(choices) == 1:
        ctx.fail(line, "this quiz has only one choice.", "Add at least one more choice.")


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_EDGE = " .,;:!?'\"()[]\u00ab\u00bb\u2026-"


def normalise(answer: str) -> str:
    """How free-text answers are compared (assets/js/util.js `norm` does the same): case, spacing, curly quotes
    and punctuation around the answer do not count, so `Help.` and `it’s` match `help` and `it's`."""
    text = unicodedata.normalize("NFC", answer).translate(_QUOTES)
    return " ".join(text.split()).lower().strip(_EDGE)


# -- HTML ------------------------------------------------------------------------------------------------------


def quiz_html(q: Question, number: int, page: Page) -> str:
    md, qid = page.md, escape(q.id)
    key = obfuscate(solution(q, page.later), f"{page.module.id}/{q.id}")
    shuffle = " data-cq-shuffle" if q.shuffle else ""
    parts = [
        f'<div class="cq-quiz" data-cq-{Quiz.handler}="{qid}" data-cq-kind="{q.kind}" data-cq-key="{key}"{shuffle}>',
        # On the fieldset: Material's search parser ends an excluded <div> at its first nested </div>.
        (f'<fieldset data-search-exclude><legend id="cq-{qid}-legend">'
         f'<span class="cq-quiz__number">Question {number} of {page.total}</span> '
         f'<span class="cq-quiz__question">{inline(md, q.question)}</span></legend>'),
    ]
    if page.trainer and q.roles is not None:
        parts.append(f'<p class="cq-roles">Only for: {role_names(q.roles, page.titles)}</p>')
    if q.prompt:
        parts.append(f'<div class="cq-quiz__prompt">{md(q.prompt)}</div>')
    parts.append(_controls(q, qid, md))
    parts.append(
        '<div class="cq-quiz__actions">'
        '<button type="button" class="md-button md-button--primary" data-cq-check>Check</button> '
        '<button type="button" class="md-button" data-cq-retry hidden>Try again</button></div>'
        '<div class="cq-quiz__result" role="status" aria-live="polite" tabindex="-1"></div>'
        '<div class="cq-quiz__explanation" hidden></div></fieldset></div>'
    )
    return "\n".join(parts)


def _controls(q: Question, qid: str, md) -> str:
    if q.kind == "text":
        return (f'<p class="cq-quiz__field"><label for="cq-{qid}-text">Your answer</label> '
                f'<input type="text" id="cq-{qid}-text" name="cq-{qid}" autocomplete="off" spellcheck="false"></p>')
    kind = "radio" if q.kind == "single" else "checkbox"
    hint = '<p class="cq-quiz__hint">Select all that apply.</p>' if q.kind == "multiple" else ""
    rows = [
        f'<div class="cq-choice"><input type="{kind}" id="cq-{qid}-{i}" name="cq-{qid}" value="{i}">'
        f'<label for="cq-{qid}-{i}">{inline(md, c.text)}</label>'
        f'<div class="cq-choice__feedback" hidden></div></div>'
        for i, c in enumerate(q.choices)
    ]
    return hint + '<div class="cq-quiz__choices">' + "".join(rows) + "</div>"


def solution(q: Question, md) -> dict:
    """The answer key (fields named in `KEY`): the indexes of the right choices, each choice's feedback, the
    explanation, and a free-text question's accepted answers, normalised as the browser compares them."""
    correct, feedback, explanation, answers = KEY
    return {
        correct: [i for i, c in enumerate(q.choices) if c.correct],
        feedback: [md(c.feedback) if c.feedback else "" for c in q.choices],
        explanation: md(q.explanation) if q.explanation else "",
        answers: [normalise(a) for a in q.answers],
    }
