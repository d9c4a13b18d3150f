"""Relative links and images in a role's copy of a module still reach what the author linked to."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, build
from mkdocs_curriculum.links import Copy, rebase

PATH = frozenset({"basics", "process"})
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6b3e60000000049454e44ae426082")


@pytest.mark.parametrize("url, expected", [
    ("img/chart.png", "../../modules/img/chart.png"),  # an asset beside the module
    ("process.md#steps", "process.md#steps"),  # a module of the same path: the role's own copy
    ("extras.md", "../../modules/extras.md"),  # a module outside the path: the trainer's view
    ("../credits.md", "../../credits.md"),
    ("https://example.com/a.md", "https://example.com/a.md"),
    ("#anchor", "#anchor"),
    ("/absolute.md", "/absolute.md"),
    ("../../outside.md", "../../outside.md"),  # leaves the docs folder: left for MkDocs to report
])
def test_rebase_from_the_module_folder_to_the_role_copy(url, expected):
    assert rebase(url, Copy("basics", "paths/frontline/", "modules", PATH)) == expected


def test_rebase_for_a_module_in_a_sub_folder():
    copy = Copy("sales/intro", "paths/frontline/", "modules", frozenset({"sales/intro", "basics"}))
    assert rebase("img/x.png", copy) == "../../../modules/sales/img/x.png"
    assert rebase("../basics.md", copy) == "../basics.md"


@pytest.mark.build
def test_built_role_copies_show_the_modules_images_and_links(tmp_path):
    project = tmp_path / "basic"
    shutil.copytree(FIXTURES / "basic", project)
    modules = project / "content" / "modules"
    (modules / "img").mkdir()
    (modules / "img" / "dot.png").write_bytes(PIXEL)
    with (modules / "basics.md").open("a", encoding="utf-8") as out:
        out.write("\n![A dot](img/dot.png)\n\nSee [the extras](extras.md) and [the steps](process.md#steps).\n")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout
    for role, extras in (("frontline", "../extras/"), ("managers", "../../../modules/extras/")):
        html = (site / "paths" / role / "basics" / "index.html").read_text(encoding="utf-8")
        src = re.search(r'<img alt="A dot" src="([^"]+)"', html).group(1)
        assert (site / "paths" / role / "basics" / src).resolve() == (site / "modules/img/dot.png").resolve()
        assert f'<a href="{extras}">the extras</a>' in html
        assert '<a href="../process/#steps">the steps</a>' in html


@pytest.mark.build
def test_links_inside_quiz_and_coaching_blocks_resolve_and_a_broken_one_is_reported(tmp_path):
    """MkDocs never sees the Markdown inside the blocks: the plugin resolves those links the same way."""
    project = tmp_path / "basic"
    shutil.copytree(FIXTURES / "basic", project)
    basics = project / "content" / "modules" / "basics.md"
    with basics.open("a", encoding="utf-8") as out:
        out.write("\n/// coaching | Plan it\n    for: frontline managers\n"
                  "Use [the steps](process.md#steps) and [the extras](extras.md).\n///\n")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout
    for page, extras in (("paths/frontline/basics", "../extras/"), ("paths/managers/basics", "../../../modules/extras/"),
                         ("modules/basics", "../extras/")):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'Use <a href="../process/#steps">the steps</a> and <a href="{extras}">the extras</a>.' in html, page
    lines = basics.read_text(encoding="utf-8").count("\n")
    with basics.open("a", encoding="utf-8") as out:
        out.write("\n/// coaching | Broken\n    for: managers\nSee [nowhere](nothing.md).\n///\n")
    result = build(project, tmp_path / "site2")
    assert result.returncode != 0
    assert f"content/modules/basics.md:{lines + 2}: the link 'nothing.md' in this block leads to no file" in result.stdout
    assert result.stdout.count("the link 'nothing.md'") == 1  # once, not once per role copy
