"""Problems found in an author's files, collected so one run reports every mistake at once."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, located so a trainer can jump straight to it."""

    file: str
    line: int | None
    message: str
    hint: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text


class CurriculumError(Exception):
    """Raised when the curriculum has errors; carries every problem, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Problems:
    """A collector passed through loading so checks can go on after a mistake."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(file, line, message, hint, ERROR))

    def warning(self, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(file, line, message, hint, WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def at(self, file: str) -> FileProblems:
        """A collector for one file's problems, reported by line: what the block parsers write to."""
        return FileProblems(self, file)


@dataclass
class FileProblems:
    """The problems of one file, reported by line into the `Problems` of the whole run (the one protocol of
    the loader, the block parsers and the Python-Markdown extension)."""

    problems: Problems
    file: str
    items: list[Problem] = field(default_factory=list)  # the problems reported through this collector

    def error(self, line: int | None, message: str, hint: str = "") -> None:
        self._add(Problem(self.file, line, message, hint, ERROR))

    def warning(self, line: int | None, message: str, hint: str = "") -> None:
        self._add(Problem(self.file, line, message, hint, WARNING))

    def _add(self, problem: Problem) -> None:
        self.items.append(problem)
        self.problems.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]


class SourceError(Exception):
    """A single located mistake raised by a parser that cannot go on (reading a file, YAML); the caller reports
    it into its `Problems`."""

    def __init__(self, line: int | None, message: str, hint: str = ""):
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(f"line {line}: {message} {hint}".strip())
