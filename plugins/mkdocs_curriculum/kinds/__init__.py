"""Block kinds: one module per kind, registered once (see base.py for what a kind declares).

Importing this package registers the built-in kinds, in this order: `quiz`, `coaching`, `for`.
"""

from __future__ import annotations

from .base import (
                   Block,
                   Kind,
                   Out,
                   Page,
                   aliases,
                   counted,
                   get,
                   name_list,
                   names,
                   of,
                   options_of,
                   register,
                   syntax_list,
                   unregister,
                   visible,
                   walk,
)

__all__ = ["Block", "Kind", "Out", "Page", "aliases", "coaching", "counted", "for_", "get", "name_list", "names", "of",
           "options_of", "quiz", "register", "syntax_list", "unregister", "visible", "walk"]

# Registered on import, in this order (names, hints and suggestions list them so).
from . import quiz

# isort: split
from . import coaching

# isort: split
from . import for_
