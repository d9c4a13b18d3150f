"""The command line's one error type, and the one wording for a role named on the command line that does not exist."""

from __future__ import annotations

from ..suggest import did_you_mean


class CliError(Exception):
    """A mistake to report in one clear sentence, then exit with `code` (1: the files, 2: the command line)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def role_hint(name: str | None, known: list) -> str:
    """` Did you mean 'x'? Known roles: a, b.`: the end of every message about a role that does not exist."""
    hint = did_you_mean(name.lower(), known) if name else ""
    return (f" {hint}" if hint else "") + f" Known roles: {', '.join(known)}."


def check_role_names(requested: list, known: list) -> None:
    """A `--role` the curriculum lacks is a command-line mistake (exit 2), told alike by every command."""
    known = [str(r) for r in known]
    unknown = [r for r in dict.fromkeys(requested) if r not in known]
    if unknown:
        hint = role_hint(unknown[0] if len(unknown) == 1 else None, known)
        raise CliError(f"unknown role{'' if len(unknown) == 1 else 's'} {', '.join(unknown)}.{hint}", 2)
