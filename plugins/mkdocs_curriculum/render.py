"""HTML for quizzes, coaching prompts and role labels. Pure: Markdown comes in through `md`.

`md(text) -> html` renders a snippet with the site's own Markdown extensions; the plugin supplies it.
"""

from __future__ import annotations

import base64
import json
from html import escape
from typing import Callable

from .model import Coaching, ForBlock, Module, Question
from .quiz import normalise

Md = Callable[[str], str]


def obfuscate(data, key: str) -> str:
    """Keep answers out of plain view in the markup. Not security: anyone can decode it (see README)."""
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    pad = key.encode("utf-8") or b"k"
    mixed = bytes(b ^ pad[i % len(pad)] ^ (i * 7 & 0xFF) for i, b in enumerate(raw))
    return base64.b64encode(mixed).decode("ascii")


def inline(md: Md, text: str) -> str:
    """Render a one-line snippet without its paragraph wrapper."""
    html = md(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def role_names(roles, titles: dict) -> str:
    """Role titles in curriculum order, escaped."""
    order = list(titles)
    ranked = sorted(roles, key=lambda r: (order.index(r) if r in titles else len(order), r))
    return ", ".join(escape(titles.get(r, r)) for r in ranked)


def quiz_html(q: Question, number: int, total: int, module: Module, md: Md, titles: dict, trainer: bool) -> str:
    qid = escape(q.id)
    key = obfuscate(_solution(q, md), f"{module.id}/{q.id}")
    shuffle = " data-cq-shuffle" if q.shuffle else ""
    parts = [
        f'<div class="cq-quiz" data-cq-quiz="{qid}" data-cq-kind="{q.kind}" data-cq-key="{key}"{shuffle}>',
        # On the fieldset: Material's search parser ends an excluded <div> at its first nested </div>.
        f'<fieldset data-search-exclude><legend id="cq-{qid}-legend"><span class="cq-quiz__number">Question {number} of {total}</span> '
        f'<span class="cq-quiz__question">{inline(md, q.question)}</span></legend>',
    ]
    if trainer and q.roles is not None:
        parts.append(f'<p class="cq-roles">Only for: {role_names(q.roles, titles)}</p>')
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


def _controls(q: Question, qid: str, md: Md) -> str:
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

def _solution(q: Question, md: Md) -> dict:
    return {
        "c": [i for i, c in enumerate(q.choices) if c.correct],
        "f": [md(c.feedback) if c.feedback else "" for c in q.choices],
        "e": md(q.explanation) if q.explanation else "",
        "a": [normalise(a) for a in q.answers],
    }


def coaching_html(c: Coaching, module: Module, md: Md, titles: dict, trainer: bool) -> str:
    cid = escape(c.id)
    roles = f'<p class="cq-roles">Only for: {role_names(c.roles, titles)}</p>' if trainer and c.roles is not None else ""
    notes = ""
    if c.notes:
        notes = (f'<div class="cq-notes" hidden><label for="cq-{cid}-notes">My notes</label>'
                 f'<textarea id="cq-{cid}-notes" rows="4" data-cq-notes></textarea>'
                 '<p class="cq-notes__privacy">Your notes are saved only in this browser, on this device. '
                 'They are never sent anywhere.</p></div>')
    return (f'<div class="admonition cq-coaching" data-cq-coaching="{cid}" role="note" aria-labelledby="cq-{cid}-title">'
            f'<p class="admonition-title" id="cq-{cid}-title">{inline(md, c.title)}</p>{roles}'
            f'{md(c.body)}{notes}</div>')


def for_open_html(node: ForBlock, titles: dict) -> str:
    return (f'<div class="admonition cq-for"><p class="admonition-title">'
            f'Only in the version for: {role_names(node.roles, titles)}</p>')


def data_element(element_id: str, data) -> str:
    """Carry data for the page's JS in an attribute of an empty, hidden element: Material's instant
    navigation re-creates every inline `<script>` of the page as an executable one (dropping its `type`),
    so a `<script type="application/json">` would be run as JavaScript. An attribute is never run."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return f'<div hidden id="{escape(element_id)}" data-cq-json="{escape(text, quote=True)}"></div>'
