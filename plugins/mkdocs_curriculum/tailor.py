"""One module source, tailored copies: the Markdown a given role (or the trainer) sees.

Quizzes, coaching prompts and the trainer's `for` labels become placeholder paragraphs; the page is
rendered by MkDocs with the author's own extensions, then `fill` swaps each placeholder for its HTML.
That keeps code fences, admonitions and lists around the blocks working exactly as Markdown does.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from .model import Coaching, ForBlock, Module, Question, Text, visible

_NONCE = secrets.token_hex(4)
PREFIX = f"cqslot{_NONCE}n"
_SLOT = re.compile(rf"(?:<p>)?{PREFIX}(\d+)x(?:</p>)?")


@dataclass
class Version:
    """A module as one audience sees it: Markdown with placeholders, and what each placeholder holds."""

    module: Module
    role: str | None
    markdown: str = ""
    slots: list = field(default_factory=list)  # (kind, node, number)
    questions: list = field(default_factory=list)
    numbers: dict = field(default_factory=dict)  # id(question) -> its number in this version


def tailor(module: Module, role: str | None) -> Version:
    """Build the role's Markdown (None: the trainer's view, every section labelled)."""
    version = Version(module, role)
    version.questions = module.questions(role)
    version.numbers = {id(q): n for n, q in enumerate(version.questions, 1)}
    out: list[str] = []
    _emit(module.body, version, out)
    version.markdown = "\n".join(out)
    return version


def _emit(nodes, version: Version, out: list) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.extend(node.lines)
        elif isinstance(node, ForBlock):
            _emit_for(node, version, out)
        elif isinstance(node, (Question, Coaching)) and visible(node.roles, version.role):
            number = version.numbers.get(id(node), 0)
            _slot(out, version, node.indent, ("quiz" if isinstance(node, Question) else "coaching", node, number))


def _emit_for(node: ForBlock, version: Version, out: list) -> None:
    if version.role is not None:
        if version.role in node.roles:
            _emit(node.children, version, out)
        return
    _slot(out, version, node.indent, ("for-open", node, 0))
    _emit(node.children, version, out)
    _slot(out, version, node.indent, ("for-close", node, 0))


def _slot(out: list, version: Version, indent: str, slot: tuple) -> None:
    out.extend(["", f"{indent}{PREFIX}{len(version.slots)}x", ""])
    version.slots.append(slot)


def fill(html: str, version: Version, render_slot) -> str:
    """Replace each placeholder paragraph with `render_slot(kind, node, number)`."""
    return _SLOT.sub(lambda m: render_slot(*version.slots[int(m.group(1))]), html)
