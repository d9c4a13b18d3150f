"""`mkdocs serve`: a trainer's mistake is shown in the page and the server keeps serving."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

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


@pytest.fixture
def served(tmp_path):
    project = copy_fixture("basic", tmp_path)
    curriculum = project / "curriculum.yml"
    good = curriculum.read_text()
    curriculum.write_text(good.replace("- process\n", "- proces\n", 1))
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    yield project, curriculum, good, f"http://127.0.0.1:{port}/", proc
    proc.terminate()
    proc.wait(timeout=30)


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
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
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
    finally:
        proc.terminate()
        proc.wait(timeout=30)
