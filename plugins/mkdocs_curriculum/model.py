"""What a curriculum is: plain frozen data, no I/O, no MkDocs.

The nodes of the block kinds (`Question`, `Coaching`, `ForBlock`) are defined by their kinds (`kinds/`) and
named here too; what a node means to the model (who sees it, what counts as a question) is its kind's answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import kinds
from .kinds.base import Roles, visible
from .kinds.coaching import Coaching
from .kinds.for_ import ForBlock
from .kinds.quiz import Choice, Question


@dataclass(frozen=True)
class Text:
    """Lines of ordinary Markdown, kept exactly as written."""

    lines: tuple[str, ...]


Node = Text | Question | Coaching | ForBlock  # and the nodes of any other registered kind


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
        """Yield the blocks (questions, coaching prompts, ...) in order, as the given role sees them."""
        yield from kinds.walk(self.body, role)

    def questions(self, role: str | None = None) -> list[Question]:
        """The blocks the role is scored on (their kind counts them as questions), in order."""
        return kinds.counted(self.body, role, "question")

    def coachings(self, role: str | None = None) -> list[Coaching]:
        """The role's coaching prompts (blocks whose kind counts them as prompts), in order."""
        return kinds.counted(self.body, role, "prompt")


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

    @cached_property
    def modules(self) -> frozenset:
        """The module ids of the path (asked for on every page of it: kept, as the role never changes)."""
        return frozenset(s.module for s in self.path)


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
        """The roles whose path holds the module, in curriculum order."""
        return [r for r in self.roles.values() if module_id in r.modules]


__all__ = ["Choice", "Coaching", "Curriculum", "ForBlock", "Module", "Node", "Question", "Role", "Roles", "Step",
           "Text", "visible"]
