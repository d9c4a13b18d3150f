"""The command line's one error type, and the one wording for a role named on the command line that does not exist."""

from __future__ import annotations

import difflib


class CliError(Exception):
    """A mistake to report in one clear sentence, then exit with `code` (1: the files, 2: the command line)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def check_role_names(requested: list, known: list) -> None:
    """A `--role` the curriculum lacks is a command-line mistake (exit 2), told alike by every command."""
    known = [str(r) for r in known]
    unknown = [r for r in dict.fromkeys(requested) if r not in known]
    if not unknown:
        return
    close = difflib.get_close_matches(unknown[0], known, n=1) if len(unknown) == 1 else []
    hint = f" Did you mean '{close[0]}'?" if close else ""
    names = ", ".join(unknown)
    raise CliError(f"unknown role(s) {names}.{hint} Known roles: {', '.join(known)}.", 2)
