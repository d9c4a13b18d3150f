"""The one "did you mean": which known name a mistyped one was meant to be, worded the same way everywhere."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

CUTOFF = 0.6  # difflib's own: close enough that the suggestion helps more than it misleads


def closest(word: str, known: Iterable[str], cutoff: float = CUTOFF,
            aliases: Mapping[str, str] | None = None) -> str | None:
    """The known name `word` was most likely meant to be: itself, its alias, or the closest spelling; None if none
    is close."""
    known = list(known)
    if word in known:
        return word
    if aliases and word in aliases:
        return aliases[word]
    close = difflib.get_close_matches(word, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, known: Iterable[str], otherwise: str = "", *, form: str = "'{}'",
                 cutoff: float = CUTOFF, aliases: Mapping[str, str] | None = None) -> str:
    """`Did you mean 'x'?`, or `otherwise` when no known name is close.

    `form` writes the name: `'{}'` for ids the author chose (roles, modules), `` `{}` `` for names the syntax
    fixes (keys, options), `` `/// {}` `` for a block's name."""
    meant = closest(word, known, cutoff, aliases)
    return f"Did you mean {form.format(meant)}?" if meant is not None else otherwise
