"""The quiz block: a question, `- [x]` / `- [ ]` choices with indented feedback, and an explanation."""

from __future__ import annotations

import re
import textwrap
import unicodedata

from .model import Choice, Question
from .options import block_id, check_names, flag, slug

OPTIONS = ("answer", "id", "for", "shuffle")
_CHOICE = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>\S.*)$")
# Looks like a choice but is not one: `- []`, `-[ ]`, `- [y]`, `- [x Listen`. A bullet that starts with a
# link (`- [Policy](policy.md)`, `- [FAQ][faq]`) is ordinary Markdown in the prompt or explanation.
_CHOICE_LIKE = re.compile(r"^[ ]{0,3}[-*+][ \t]*\[(?:[^\]]{0,3}\](?![(\[:])|[ xX]?(?:[ \t]|$))")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def parse(arg: str, options, body: list, line: int, indent: str, ctx) -> Question | None:
    """Build a Question from a closed `/// quiz` block; report every mistake with its line."""
    from .blocks import parse_roles  # the role syntax is shared with `/// for`

    check_names(options, OPTIONS, "quiz", ctx)
    before = len(ctx.problems)
    if not arg:
        ctx.fail(line, "this quiz has no question.", "Write it after the bar: `/// quiz | Your question?`")
    prompt, choices, explanation = _split(body, ctx)
    if not choices:  # a free-text question's body is its explanation: it would give the answer away
        prompt, explanation = "", "\n\n".join(t for t in (prompt, explanation) if t)
    answers = _answers(options, ctx)
    roles = parse_roles(options["for"], options.line_of("for"), ctx, "for") if "for" in options else None
    shuffle = flag(options, "shuffle", False, ctx)
    _check(choices, answers, "answer" in options, line, ctx)
    qid = block_id(options, ctx, slug(arg), ctx.ids, line)
    if len(ctx.problems) > before:
        return None
    return Question(qid, arg, prompt, tuple(choices), tuple(answers), explanation, roles, shuffle, line, indent)


def _split(body: list, ctx):
    """Cut the body into prompt, choices (with their feedback) and explanation."""
    prompt, explanation, choices, feedback = [], [], [], []
    part, fence = "prompt", False
    for number, text in body:
        is_fence = bool(_FENCE.match(text))
        choice = None if fence else _CHOICE.match(text)
        if not fence and not choice and _CHOICE_LIKE.match(text):
            ctx.fail(number, f"malformed choice line: `{text.strip()}`.",
                     "Write `- [x] Right answer` or `- [ ] Wrong answer`, with a space inside the brackets for a wrong one.")
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


def _answers(options, ctx) -> list:
    if "answer" not in options:
        return []
    value, at = options["answer"], options.line_of("answer")
    if isinstance(value, list):
        values = [_as_written(v, value.raw[i] if i < len(value.raw) else None) for i, v in enumerate(value)]
    else:
        values = [_as_written(value, options.raw.get("answer"))]
    if not values or any(not isinstance(v, (str, int, float)) for v in values):
        ctx.fail(at, "`answer` must be an answer or a list of accepted answers, such as `[help, helping]`.")
        return []
    answers = [str(v).strip() for v in values]
    if not all(normalise(a) for a in answers):
        ctx.fail(at, "`answer` contains an empty answer.",
                 "Punctuation around an answer is ignored when comparing, so an answer of only punctuation is empty too.")
    return answers


def _as_written(value, raw):
    """YAML reads `yes` as true, `3:30` as 210 and `007` as 7; an answer is the text the author wrote."""
    return raw if raw is not None and value is not None and not isinstance(value, (dict, list)) else value


def _check(choices, answers, has_answer, line, ctx) -> None:
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
    """How free-text answers are compared (curriculum.js `norm` does the same): case, spacing, curly quotes
    and punctuation around the answer do not count, so `Help.` and `it’s` match `help` and `it's`."""
    text = unicodedata.normalize("NFC", answer).translate(_QUOTES)
    return " ".join(text.split()).lower().strip(_EDGE)
