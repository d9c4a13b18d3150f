"""Shared fixtures: building a fixture project, serving a site, and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# CI sets this so that a missing browser or SCORM runtime fails the run instead of skipping its tests.
REQUIRE_BROWSER = os.environ.get("CURRICULUM_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build` of a project; returns the finished process (output in .stdout)."""
    args = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(args, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600)


def run_cli(capsys, *argv) -> tuple:
    """(exit code, stdout, stderr) of `curriculum ARGV...`, run in this process."""
    from mkdocs_curriculum.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --help and usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def copy_fixture(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(FIXTURES / name, target)
    return target


@functools.cache
def _built(name: str, base: str) -> Path:
    project = copy_fixture(name, Path(base))
    site = Path(base) / f"{name}-site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout
    return site


@pytest.fixture(scope="session")
def site_of(tmp_path_factory):
    """site_of('basic') -> the built site directory of tests/fixtures/basic (built once a session)."""
    base = tmp_path_factory.mktemp("sites")
    return lambda name: _built(name, str(base))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample curriculum (this repository's own content/), built once a session."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(directory) -> base URL of a local HTTP server for it."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


def missing(reason: str) -> None:
    """Skip a test that needs what this machine lacks; under CI (CURRICULUM_REQUIRE_BROWSER=1) fail instead."""
    if REQUIRE_BROWSER:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM}: run `apt-get install -y chromium` (as .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (empty localStorage) whose console errors fail the test."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"
