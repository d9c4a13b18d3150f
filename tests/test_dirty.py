"""`mkdocs serve --dirty` (and `build --dirty`): a saved module rebuilds its own pages, not every role copy.

Timing lives in bench/preview.py; here, which pages a dirty rebuild writes (their modification times).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import copy_fixture

pytestmark = pytest.mark.build


def build(project, *extra):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *extra], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def stamps(site):
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}


def test_a_saved_module_rebuilds_its_pages_and_not_the_other_copies(tmp_path):
    project = copy_fixture("basic", tmp_path)
    site = project / "site"
    build(project)
    before = stamps(site)
    time.sleep(0.05)
    module = project / "content/modules/process.md"
    module.write_text(module.read_text().replace("## Steps", "## The steps, saved again"))
    build(project, "--dirty")
    after = stamps(site)
    changed = {page for page in after if after[page] != before.get(page)}
    assert {"paths/frontline/process/index.html", "paths/managers/process/index.html",
            "modules/process/index.html"} <= changed
    assert "The steps, saved again" in (site / "paths/managers/process/index.html").read_text()
    untouched = {"paths/frontline/basics/index.html", "paths/managers/basics/index.html", "paths/frontline/extras/index.html"}
    assert not untouched & changed, f"rebuilt although their module did not change: {untouched & changed}"

    time.sleep(0.05)
    (project / "curriculum.yml").write_text((project / "curriculum.yml").read_text() + "\n")
    build(project, "--dirty")
    assert untouched <= {page for page, t in stamps(site).items() if t != after[page]}, \
        "a saved curriculum.yml must rebuild every role copy"
