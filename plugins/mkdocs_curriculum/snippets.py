"""Quiz and coaching snippets rendered safely, for every host: the author's Markdown extensions, but raw HTML
escaped, event-handler attributes and script URLs dropped, and each link handed to the host to resolve (a host
never sees the links inside a block, so it cannot resolve them itself)."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from . import links

# resolve(url, element) -> the URL to write, or None when the element is no longer a link (see links.leave)
Resolve = Callable[[str, Element], "str | None"]
_SCRIPT_URLS = ("javascript:", "vbscript:", "data:text/html")


class _NoScript(Treeprocessor):
    """Drop event-handler attributes and script URLs that attr_list or a link could add to a snippet."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                value = element.attrib[name].strip().lower()
                if name.lower().startswith("on") or value.startswith(_SCRIPT_URLS):
                    del element.attrib[name]


class _Links(Treeprocessor):
    def __init__(self, md: markdown.Markdown, resolve: Resolve):
        super().__init__(md)
        self.resolve = resolve

    def run(self, root: Element) -> None:
        for element in list(root.iter()):  # a link may get a child (see links.leave)
            attr = links.ATTRS.get(element.tag)
            if attr and element.get(attr):
                url = self.resolve(element.get(attr, ""), element)
                if url is not None:
                    element.set(attr, url)


def make_safe(md: markdown.Markdown, resolve: Resolve | None = None) -> markdown.Markdown:
    """`md`, made safe for snippets (see the module docstring)."""
    for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
        if name in registry:
            registry.deregister(name)
    md.treeprocessors.register(_NoScript(md), "curriculum_noscript", 0)
    if resolve is not None:
        md.treeprocessors.register(_Links(md, resolve), "curriculum_snippet_links", 1)
    return md


def safe_markdown(extensions: list, configs: dict, resolve: Resolve | None = None) -> markdown.Markdown:
    """A new Markdown for snippets with the site's own extensions."""
    return make_safe(markdown.Markdown(extensions=extensions, extension_configs=configs), resolve)
