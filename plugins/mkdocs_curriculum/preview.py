"""What a preview (`mkdocs serve`, `curriculum serve --with zensical`) shows while the curriculum has errors.

A trainer mid-edit must keep a working preview and see every mistake in the page, not only in a terminal: the
preview keeps what still loads (a path step whose module failed to load is dropped), keeps the last good
curriculum when curriculum.yml cannot be read at all, and puts one banner listing the errors on the pages.
Builds (`mkdocs build`, `curriculum build`) never get here: errors stop them. Pure: no host import.
"""

from __future__ import annotations

import dataclasses
from html import escape

from .model import Curriculum
from .pages import count


def usable(curriculum: Curriculum) -> Curriculum:
    """The curriculum without path steps whose module failed to load, and without roles left with no path."""
    roles = {rid: dataclasses.replace(r, path=tuple(s for s in r.path if s.module in curriculum.modules))
             for rid, r in curriculum.roles.items()}
    return dataclasses.replace(curriculum, roles={rid: r for rid, r in roles.items() if r.path})


def error_banner(errors: list, stale: bool) -> str:
    """The errors, at the top of a page (`stale`: curriculum.yml could not be read; the last good one is shown)."""
    if not errors:
        return ""
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in errors)
    kept = " It shows the paths of the last version of curriculum.yml that had none." if stale else ""
    return (f'<div class="admonition failure cq-errors"><p class="admonition-title">The curriculum has '
            f"{count(len(errors), 'error')}; this preview leaves out what they break.{kept}</p>"
            f"<ul>{items}</ul></div>")


GONE = ('<p class="cq-gone">The errors above leave this page out of the preview. Fix them and save: the page comes '
        "back on its own.</p>")  # a page of the last good preview that the errors now leave out, at its address
