"""The table of contents of a page the plugin writes as HTML (home, path, module index, catalogue).

MkDocs builds a page's table of contents from the headings of its Markdown, so it finds none in these pages:
their table of contents would be empty and Material's table-of-contents toggle left without its label. The
builders in `pages` and `catalog` stay plain HTML; this reads their headings back, in the token form of
Python-Markdown's toc extension that `mkdocs.structure.toc.get_toc` takes.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

LEVELS = {f"h{n}": n for n in range(1, 7)}


def toc_tokens(html: str) -> list[dict]:
    """Headings that carry an id, or are the first heading of a `<section>` that does, nested by level."""
    parser = _Headings()
    parser.feed(html)
    parser.close()
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, anchor, name in parser.found:
        token = {"level": level, "id": anchor, "name": escape(" ".join(name.split()), quote=False), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._sections: list[list] = []  # open <section>s: [id, headed yet]
        self._heading = None  # [tag, level, id, text] while inside a heading

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._sections.append([attrs.get("id"), False])
        elif tag in LEVELS and self._heading is None:
            anchor = attrs.get("id")
            if not anchor and self._sections and not self._sections[-1][1]:
                anchor = self._sections[-1][0]
            if self._sections:
                self._sections[-1][1] = True
            self._heading = [tag, LEVELS[tag], anchor, ""]

    def handle_endtag(self, tag):
        if tag == "section" and self._sections:
            self._sections.pop()
        elif self._heading is not None and tag == self._heading[0]:
            _, level, anchor, text = self._heading
            self._heading = None
            if anchor:
                self.found.append((level, anchor, text))

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[3] += data
