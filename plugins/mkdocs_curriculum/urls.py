"""The one place that owns the site's URL scheme: where each page the curriculum adds lives. Pure, no MkDocs.

Every page has a *source uri*, its path in the docs tree (``paths/frontline/basics.md``), and a *URL*, where the
built site serves it, relative to the site root, exactly as MkDocs writes ``File.url``:

============  ====================================  ==========================  ==================================
kind          source uri                            URL (directory URLs)        URL (``use_directory_urls: false``)
============  ====================================  ==========================  ==================================
``home``      ``index.md``                          ``./``                      ``index.html``
``path``      ``paths/<role>/index.md``             ``paths/<role>/``           ``paths/<role>/index.html``
``module``    ``paths/<role>/<module>.md``          ``paths/<role>/<module>/``  ``paths/<role>/<module>.html``
``trainer``   ``<modules_dir>/<module>.md``         ``<modules_dir>/<module>/`` ``<modules_dir>/<module>.html``
``index``     ``<modules_dir>/index.md``            ``<modules_dir>/``          ``<modules_dir>/index.html``
``catalog``   ``catalog.md``                        ``catalog/``                ``catalog.html``
============  ====================================  ==========================  ==================================

``Scheme(modules_dir, directory_urls)`` answers both questions for one site; the module-level functions work for
any docs uri (the author's own pages too) and turn a URL into one relative to another page, as MkDocs does.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

GENERATED = "paths"  # the folder role pages are written into: no author folder may be it
HOME_URI = "index.md"
CATALOG_URI = "catalog.md"
KINDS = ("home", "path", "module", "trainer", "index", "catalog")
_INDEX_NAMES = ("index", "README")


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The URL of the page built from the docs uri ``uri`` (any ``.md`` page), relative to the site root, as
    MkDocs writes ``File.url``: ``paths/a/b.md`` -> ``paths/a/b/`` (or ``paths/a/b.html``); ``index.md`` and
    ``README.md`` are their folder's index (``./`` at the top with directory URLs)."""
    return _url(dest_path(uri, directory_urls), directory_urls)


def dest_path(uri: str, directory_urls: bool = True) -> str:
    """The file the page is written to, relative to the site directory (``paths/a/b/index.html``)."""
    stem, _ = posixpath.splitext(uri)
    folder, name = posixpath.split(stem)
    if name in _INDEX_NAMES:
        return posixpath.join(folder, "index.html")
    if directory_urls:
        return posixpath.join(stem, "index.html")
    return stem + ".html"


def _url(dest: str, directory_urls: bool) -> str:
    folder, name = posixpath.split(dest)
    if directory_urls and name == "index.html":
        return (folder or ".") + "/"
    return dest


def relative_url(url: str, from_url: str) -> str:
    """``url`` (site-root relative) as a link written in the page at ``from_url``: MkDocs' ``get_relative_url``."""
    other = from_url
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    rel = posixpath.relpath("/" + url, "/" + other)
    return rel + "/" if url.endswith("/") else rel


def root_relative(url: str) -> str:
    """A page URL as the JSON export writes it: ``./`` (the home page with directory URLs) becomes ``""``."""
    return "" if url == "./" else url


@dataclass(frozen=True)
class Scheme:
    """The URL scheme of one site: its modules folder and whether it uses directory URLs.

    ``uri(kind, *ids)`` / ``url(kind, *ids)`` take the ids of the kind: ``path`` role, ``module`` role module,
    ``trainer`` module, and none for ``home``, ``index`` and ``catalog``. ``link(from_url)`` is the ``Link`` the
    HTML builders in ``pages`` and ``catalog`` take: a URL relative to the page at ``from_url``.
    """

    modules_dir: str = "modules"
    directory_urls: bool = True

    def uri(self, kind: str, *ids: str) -> str:
        """The docs uri of the page of ``kind`` for ``ids``."""
        if kind == "home":
            return HOME_URI
        if kind == "catalog":
            return CATALOG_URI
        if kind == "index":
            return f"{self.modules_dir}/index.md"
        if kind == "path":
            (role,) = ids
            return f"{GENERATED}/{role}/index.md"
        if kind == "module":
            role, module = ids
            return f"{GENERATED}/{role}/{module}.md"
        if kind == "trainer":
            (module,) = ids
            return f"{self.modules_dir}/{module}.md"
        raise ValueError(f"unknown page kind {kind!r}; one of {', '.join(KINDS)}")

    def url(self, kind: str, *ids: str) -> str:
        """The site-root-relative URL of the page of ``kind`` for ``ids``."""
        return page_url(self.uri(kind, *ids), self.directory_urls)

    def url_of(self, uri: str) -> str:
        """The URL of any docs uri under this scheme."""
        return page_url(uri, self.directory_urls)

    def role_root(self, role: str) -> str:
        """The folder of a role's pages in the docs tree: ``paths/<role>/``."""
        return f"{GENERATED}/{role}/"

    def link(self, from_url: str):
        """``link(kind, *ids)`` -> the URL of that page relative to the page at ``from_url``."""
        return lambda kind, *ids: relative_url(self.url(kind, *ids), from_url)
