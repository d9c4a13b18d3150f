"""Browse a built test site the way its users reach it, and prove how each page was reached.

Material only navigates instantly when the site is served at its own `site_url` (it looks the target up in
`sitemap.xml`, port included); anywhere else every click is a full page load, and from `file://` there is
no instant navigation at all. So each set-up below builds its own copy of a project, with `site_url` naming
the very address it is then served at:

- ``instant``: `navigation.instant` with `.prefetch` and `.progress`, served at `site_url`;
- ``elsewhere``: the same build served at another address (clicks become full loads);
- ``plain``: `navigation.instant` off, served at `site_url`;
- ``serve``: `mkdocs serve` at `site_url` (its live-reload script, instant navigation on);
- ``file``: built with `use_directory_urls: false` and opened from disk.
- ``properdocs``: built by ProperDocs (the MkDocs 1.x continuation, the plugin unchanged), instant, at `site_url`;
- ``zensical``: built by Zensical (`curriculum build --with zensical`), `navigation.instant` on, served at
  `site_url`: the same learner features in the site Material's successor builds.

`Site.go(page, click)` performs a navigation and proves what kind it was: a marker set on `window` before
the click is still there after an instant navigation and gone after a full load.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
INSTANT = ["navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress"]
SETUPS = ("instant", "elsewhere", "plain", "serve", "file", "properdocs", "zensical")
INSTANT_SETUPS = ("instant", "properdocs", "zensical")  # served at site_url with navigation.instant
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
CONTAINER = "document.querySelector('[data-md-component=container]')"
# Material fetches the sitemap once per full page load; the entry appears when its response has ended.
SITEMAP_LOADED = "() => performance.getEntriesByType('resource').some(e => /\\/sitemap\\.xml$/.test(e.name))"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def project_copy(source: str, dest: Path) -> Path:
    """A fixture by name, or "sample" for this repository's own course (mkdocs.yml, curriculum.yml, content/)."""
    if source != "sample":
        shutil.copytree(FIXTURES / source, dest)
        return dest
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "curriculum.yml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("content", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    return dest


def configure(project: Path, setup: str, site_url: str) -> None:
    """Set the project's mkdocs.yml for one set-up; everything else stays as the author wrote it."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    theme = config.setdefault("theme", {"name": "material"})
    features = [f for f in theme.get("features", []) if not f.startswith("navigation.instant")]
    if setup != "plain":
        features += INSTANT
    theme["features"] = features
    config["site_url"] = site_url
    if setup == "file":
        config["use_directory_urls"] = False
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _http_server(directory: Path, port: int, sitemap_delay: float = 0):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.endswith("/sitemap.xml"):
                time.sleep(sitemap_delay)  # a busy server: see Site.ready
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _wait_up(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"mkdocs serve ended:\n{proc.stdout.read()}")
        try:
            with urllib.request.urlopen(url + "sitemap.xml", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"mkdocs serve never answered at {url}")


@dataclass
class Site:
    """A built (or served) test site under one set-up."""

    setup: str
    base: str  # where the browser opens it: http://127.0.0.1:PORT/ or file:///.../
    instant: bool  # whether a click to another page is an instant navigation here
    stop: list = field(default_factory=list)

    def url(self, path: str) -> str:
        """`paths/frontline/` -> the address of that page in this set-up (file:// has no directory URLs)."""
        return self.base + (_file_path(path) if self.setup == "file" else path)

    def go(self, page, click, expect: str | None = None) -> None:
        """Navigate by `click()` (a person's action) and prove the kind of navigation this set-up promises.
        `expect` is a glob the new address must match."""
        if self.instant:
            self.ready(page)
        token = uuid.uuid4().hex
        page.evaluate(f"t => {{ window.cqVisit = t; window.cqOld = {CONTAINER}; }}", token)
        old = page.url
        click()
        if expect:
            page.wait_for_url(expect)
        else:
            page.wait_for_function("u => location.href !== u", arg=old)
        page.wait_for_load_state()
        page.wait_for_function(f"t => window.cqVisit !== t || {CONTAINER} !== window.cqOld", arg=token)
        survived = page.evaluate("t => window.cqVisit === t", token)
        assert survived == self.instant, (
            f"[{self.setup}] the click to {page.url} was {'an instant navigation' if survived else 'a full page load'}, "
            f"expected {'an instant navigation' if self.instant else 'a full page load'}")

    def ready(self, page) -> None:
        """Wait until Material can navigate instantly: it ignores clicks made before its `sitemap.xml` has
        arrived (they become full page loads), which a test clicks fast enough to hit on a busy machine."""
        page.wait_for_function(SITEMAP_LOADED)
        page.evaluate("() => new Promise(done => setTimeout(done, 50))")  # its parse and subscription

    def close(self) -> None:
        for stop in self.stop:
            stop()


def _file_path(path: str) -> str:
    """Directory URLs as MkDocs writes them without: paths/a/ -> paths/a/index.html, paths/a/b/ -> paths/a/b.html."""
    parts = [p for p in path.split("/") if p]
    if not path.endswith("/") or not parts:
        return path or "index.html"
    index = parts == ["modules"] or (len(parts) == 2 and parts[0] == "paths")  # sections with an index.md
    return path + "index.html" if index else "/".join(parts) + ".html"


def start(source: str, setup: str, tmp: Path, sitemap_delay: float = 0) -> Site:
    """Build `source` (a fixture name or "sample") for `setup` and serve it as that set-up says."""
    assert setup in SETUPS, setup
    return start_project(project_copy(source, tmp / f"{source}-{setup}"), setup, sitemap_delay)


def start_project(project: Path, setup: str, sitemap_delay: float = 0) -> Site:
    """Build the project folder `project` (a copy: its mkdocs.yml is set for `setup`) and serve it;
    `sitemap_delay` (seconds) makes the static server slow to send `sitemap.xml`."""
    tmp, source = project.parent, project.name
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    configure(project, setup, site_url)
    if setup == "serve":
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                                env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
        site = Site(setup, site_url, True, [lambda: (proc.terminate(), proc.wait(timeout=30))])
        _wait_up(site_url, proc)
        return site
    out = tmp / f"{source}-{setup}-site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    if setup == "properdocs":
        command = [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(out)]
    if setup == "zensical":
        command = [sys.executable, "-m", "mkdocs_curriculum.cli", "build", "--with", "zensical", "--strict", "-d", str(out)]
    result = subprocess.run(command, cwd=project,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
    if setup == "file":
        return Site(setup, out.as_uri() + "/", False)
    if setup == "elsewhere":
        port = free_port()  # the site says one address, the server answers at another
    server = _http_server(out, port, sitemap_delay)
    return Site(setup, f"http://127.0.0.1:{port}/", setup in INSTANT_SETUPS, [server.shutdown])
