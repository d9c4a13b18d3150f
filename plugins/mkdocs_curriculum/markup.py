"""Small HTML helpers shared by the block kinds and the page builders. Pure: Markdown comes in through `md`.

`md(text) -> html` renders a snippet with the site's own Markdown extensions; the host supplies it.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Callable
from html import escape

Md = Callable[[str], str]


def obfuscate(data, key: str) -> str:
    """Keep answers out of plain view in the markup. Not security: anyone can decode it (see README)."""
    return _mixed(json.dumps(data, separators=(",", ":"), ensure_ascii=False), key)


@functools.lru_cache(maxsize=4096)
def _mixed(text: str, key: str) -> str:
    """A quiz's key is the same in the trainer's view and in every role's copy: mixed once for all of them."""
    raw, pad = text.encode("utf-8"), key.encode("utf-8") or b"k"
    mixed = bytes(b ^ pad[i % len(pad)] ^ (i * 7 & 0xFF) for i, b in enumerate(raw))
    return base64.b64encode(mixed).decode("ascii")


def inline(md: Md, text: str) -> str:
    """Render a one-line snippet without its paragraph wrapper."""
    html = md(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def role_names(roles, titles: dict) -> str:
    """Role titles in curriculum order, escaped."""
    order = list(titles)
    ranked = sorted(roles, key=lambda r: (order.index(r) if r in titles else len(order), r))
    return ", ".join(escape(titles.get(r, r)) for r in ranked)


def data_element(element_id: str, data) -> str:
    """Carry data for the page's JS in an attribute of an empty, hidden element: Material's instant
    navigation re-creates every inline `<script>` of the page as an executable one (dropping its `type`),
    so a `<script type="application/json">` would be run as JavaScript. An attribute is never run."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return f'<div hidden id="{escape(element_id)}" data-cq-json="{escape(text, quote=True)}"></div>'
