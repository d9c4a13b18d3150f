"""What a curriculum is: plain frozen data, no I/O, no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

Roles = Union[frozenset, None]  # None: every role


@dataclass(frozen=True)
class Text:
    """Lines of ordinary Markdown, kept exactly as written."""

    lines: tuple[str, ...]


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


@dataclass(frozen=True)
class Coaching:
    id: str
    title: str
    body: str
    roles: Roles
    notes: bool
    line: int
    indent: str = ""


@dataclass(frozen=True)
class ForBlock:
    """A role-tailored section: its children appear only in the listed roles' versions."""

    roles: frozenset
    children: tuple
    line: int
    indent: str = ""


Node = Union[Text, Question, Coaching, ForBlock]


@dataclass(frozen=True)
class Module:
    id: str
    file: str  # as shown to authors, relative to the project
    title: str
    summary: str
    duration: float
    objectives: tuple[str, ...]
    prerequisites: tuple[str, ...]
    pass_mark: float | None
    body: tuple  # of Node
    words: int = 0
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def walk(self, role: str | None = None):
        """Yield questions and coaching prompts in order, as the given role sees them."""
        yield from _walk(self.body, role)

    def questions(self, role: str | None = None) -> list[Question]:
        return [n for n in self.walk(role) if isinstance(n, Question)]

    def coachings(self, role: str | None = None) -> list[Coaching]:
        return [n for n in self.walk(role) if isinstance(n, Coaching)]


def visible(roles: Roles, role: str | None) -> bool:
    """Whether a node limited to `roles` shows in `role`'s version (None: the trainer's view)."""
    return role is None or roles is None or role in roles


def _walk(nodes, role):
    for node in nodes:
        if isinstance(node, ForBlock):
            if visible(node.roles, role):
                yield from _walk(node.children, role)
        elif isinstance(node, (Question, Coaching)) and visible(node.roles, role):
            yield node


@dataclass(frozen=True)
class Step:
    """One module in a role's path."""

    module: str
    optional: bool = False
    due_days: int | None = None
    line: int = 0


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    description: str
    path: tuple[Step, ...]
    line: int = 0

    def required_minutes(self, modules: dict) -> float:
        return sum(modules[s.module].duration for s in self.path if not s.optional and s.module in modules)

    def optional_minutes(self, modules: dict) -> float:
        return sum(modules[s.module].duration for s in self.path if s.optional and s.module in modules)


@dataclass(frozen=True)
class Curriculum:
    title: str
    pass_mark: float
    modules_dir: str
    roles: dict  # id -> Role, in file order
    modules: dict  # id -> Module, sorted by id
    file: str = "curriculum.yml"

    def pass_mark_of(self, module: Module) -> float:
        return self.pass_mark if module.pass_mark is None else module.pass_mark

    def roles_of(self, module_id: str) -> list[Role]:
        return [r for r in self.roles.values() if any(s.module == module_id for s in r.path)]
