"""The previews (`mkdocs serve`, `curriculum serve --with zensical`): a trainer's mistake is shown in the page
and the server keeps serving."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_fixture

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, predicate, timeout: float = 90) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        text = fetch(url)
        if text and predicate(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} never matched; last page:\n{text[:2000]}")


@contextlib.contextmanager
def previewing(project: Path, *command: str):
    """`python -m <command> -a 127.0.0.1:PORT` in `project` (a preview server); yields (its URL, the process).
    Its output goes to a file beside the project (a pipe nobody reads would fill and stall it)."""
    port = free_port()
    with open(project.parent / "server.log", "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", *command, "-a", f"127.0.0.1:{port}"], cwd=project,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            yield f"http://127.0.0.1:{port}/", proc
        finally:
            os.killpg(proc.pid, signal.SIGTERM)  # zensical serve runs under `curriculum serve`
            proc.wait(timeout=30)


@pytest.fixture
def served(tmp_path):
    project = copy_fixture("basic", tmp_path)
    curriculum = project / "curriculum.yml"
    good = curriculum.read_text()
    curriculum.write_text(good.replace("- process\n", "- proces\n", 1))
    with previewing(project, "mkdocs", "serve") as (url, proc):
        yield project, curriculum, good, url, proc


def test_errors_show_in_the_page_and_the_server_survives_edits_of_curriculum_yml(served):
    project, curriculum, good, url, proc = served
    page = wait_for(url, lambda t: "The curriculum has" in t)
    assert "curriculum.yml:" in page and "proces" in page and "Did you mean" in page
    curriculum.write_text(good)  # fixing curriculum.yml (outside docs_dir) triggers a rebuild
    wait_for(url, lambda t: "The curriculum has" not in t)
    assert "Basics" in fetch(url + "paths/frontline/")
    curriculum.write_text("title: [unclosed\n")
    wait_for(url, lambda t: "invalid YAML" in t)
    assert proc.poll() is None, "the server died on a trainer's mistake"
    (project / "content/modules/basics.md").write_text("---\ntitle: Basics\nduration: 5\n---\n/// quiz | Q?\n- [ ] a\n///\n")
    curriculum.write_text(good)
    page = wait_for(url, lambda t: "no choice of this quiz is marked correct" in t)
    assert "content/modules/basics.md:5:" in page
    assert proc.poll() is None


def test_a_mistake_keeps_every_page_of_the_preview_at_its_address_with_the_errors(tmp_path):
    project = copy_fixture("basic", tmp_path)
    curriculum, module = project / "curriculum.yml", project / "content/modules/process.md"
    good, good_module = curriculum.read_text(), module.read_text()
    with previewing(project, "mkdocs", "serve") as (url, proc):
        wait_for(url + "paths/frontline/process/", lambda t: "Which are steps of the process?" in t)

        # A module that fails to load: its pages stay, saying why, and it does not become a tab of its own.
        module.write_text(good_module.replace("duration: 20", "duration: twenty"))
        page = wait_for(url + "paths/frontline/process/", lambda t: "The curriculum has 1 error;" in t)
        assert "content/modules/process.md:4: `duration` must be a number of minutes (got &#x27;twenty&#x27;)." in page
        assert "leave this page out of the preview" in page
        assert "leave this page out of the preview" in fetch(url + "paths/managers/process/")
        assert not re.search(r'class="md-tabs__link"[^>]*>\s*Modules\s*<', page), "a stray Modules tab"
        module.write_text(good_module)
        wait_for(url + "paths/frontline/process/", lambda t: "Which are steps of the process?" in t)

        # A typo in curriculum.yml drops the module from a path: its address still answers, with the error.
        curriculum.write_text(good.replace("- process\n", "- proces\n", 1))
        page = wait_for(url + "paths/frontline/process/", lambda t: "The curriculum has" in t)
        assert "proces" in page and "Did you mean" in page

        # curriculum.yml cannot be read (a tab): the last good paths stay, with the banner on every page.
        curriculum.write_text(good.replace("  frontline:", "\tfrontline:", 1))
        page = wait_for(url + "paths/managers/", lambda t: "YAML does not allow tabs" in t)
        assert "It shows the paths of the last version of curriculum.yml that had none." in page
        assert "Basics" in page and "Frontline staff" in page  # the path and the other role's tab
        assert "YAML does not allow tabs" in fetch(url + "paths/frontline/basics/")
        curriculum.write_text(good)
        wait_for(url + "paths/managers/", lambda t: "The curriculum has" not in t)
        assert proc.poll() is None


def test_the_zensical_preview_rebuilds_on_save_and_shows_mistakes_in_the_page(tmp_path):
    """`curriculum serve --with zensical`: the same promises as `mkdocs serve` with the plugin."""
    project = copy_fixture("basic", tmp_path)
    curriculum, module = project / "curriculum.yml", project / "content/modules/process.md"
    good, good_module = curriculum.read_text(), module.read_text()
    with previewing(project, "mkdocs_curriculum.cli", "serve", "--with", "zensical") as (url, proc):
        wait_for(url + "paths/frontline/process/", lambda t: "Which are steps of the process?" in t)

        module.write_text(good_module.replace("## Steps", "## Steps\n\nA sentence the trainer just wrote."))
        wait_for(url + "paths/frontline/process/", lambda t: "A sentence the trainer just wrote." in t)
        module.write_text(good_module)

        module.write_text(good_module.replace("duration: 20", "duration: twenty"))  # a module that fails to load
        page = wait_for(url + "paths/frontline/process/", lambda t: "The curriculum has 1 error;" in t)
        assert "content/modules/process.md:4: `duration` must be a number of minutes" in page
        assert "leave this page out of the preview" in page
        assert "leave this page out of the preview" in fetch(url + "modules/process/")
        module.write_text(good_module)
        wait_for(url + "paths/frontline/process/", lambda t: "Which are steps of the process?" in t)

        curriculum.write_text(good.replace("- process\n", "- proces\n", 1))
        page = wait_for(url + "paths/frontline/", lambda t: "The curriculum has" in t)
        assert "curriculum.yml:" in page and "proces" in page and "Did you mean" in page
        assert "Basics" in page  # what still loads stays in the preview

        curriculum.write_text(good.replace("  frontline:", "\tfrontline:", 1))
        page = wait_for(url + "paths/managers/", lambda t: "YAML does not allow tabs" in t)
        assert "It shows the paths of the last version of curriculum.yml that had none." in page
        assert "YAML does not allow tabs" in fetch(url + "paths/frontline/basics/")

        curriculum.write_text(good)
        page = wait_for(url + "paths/managers/", lambda t: "The curriculum has" not in t)
        assert "Basics" in page and proc.poll() is None
