"""One module source, tailored copies: the Markdown a given role (or the trainer) sees.

Quizzes, coaching prompts and the trainer's `for` labels become placeholder paragraphs (each block's kind says
where: `Kind.tailor`); the page is rendered by the host with the author's own extensions, then `fill` swaps each
placeholder for its HTML. That keeps code fences, admonitions and lists around the blocks working exactly as
Markdown does. `strip` removes the placeholders from the Markdown, for counting its words.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from . import kinds
from .model import Module

_NONCE = secrets.token_hex(4)
PREFIX = f"cqslot{_NONCE}n"
_SLOT = re.compile(rf"(?:<p>)?{PREFIX}(\d+)x(?:</p>)?")
_BARE = re.compile(rf"{PREFIX}\d+x")


@dataclass
class Version:
    """A module as one audience sees it: Markdown with placeholders, and what each placeholder holds."""

    module: Module
    role: str | None
    markdown: str = ""
    slots: list = field(default_factory=list)  # (slot name, node, number): the kind's name, or one of its own
    questions: list = field(default_factory=list)
    numbers: dict = field(default_factory=dict)  # id(question) -> its number in this version


def tailor(module: Module, role: str | None) -> Version:
    """Build the role's Markdown (None: the trainer's view, every section labelled)."""
    version = Version(module, role)
    version.questions = module.questions(role)
    version.numbers = {id(q): n for n, q in enumerate(version.questions, 1)}
    out: list[str] = []
    _emit(module.body, _Out(version, out))
    version.markdown = "\n".join(out)
    return version


class _Out:
    """Where the kinds put their nodes in a version (`kinds.Out`)."""

    def __init__(self, version: Version, out: list):
        self.version, self.out, self.role = version, out, version.role

    def slot(self, name: str, node) -> None:
        number = self.version.numbers.get(id(node), 0)
        self.out.extend(["", f"{getattr(node, 'indent', '')}{PREFIX}{len(self.version.slots)}x", ""])
        self.version.slots.append((name, node, number))

    def body(self, nodes) -> None:
        _emit(nodes, self)


def _emit(nodes, out: _Out) -> None:
    for node in nodes:
        kind = kinds.of(node)
        if kind is None:
            out.out.extend(node.lines)  # Text
        else:
            kind.tailor(node, out)


def fill(html: str, version: Version, render_slot) -> str:
    """Replace each placeholder paragraph with `render_slot(slot, node, number)`."""
    return _SLOT.sub(lambda m: render_slot(*version.slots[int(m.group(1))]), html)


def strip(markdown: str, replacement: str = " ") -> str:
    """A version's Markdown without its placeholders."""
    return _BARE.sub(replacement, markdown)
