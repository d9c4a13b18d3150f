"""The browser side as shipped (assets_build.py): the files of assets/js combined in their declared order inside
one function, minified, named by a hash of their content; none forgotten; each kind's handler registered; the
output parses; a built site links exactly the built files."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import FIXTURES, build
from mkdocs_curriculum import assets_build, kinds

NODE = shutil.which("node")


def test_every_file_of_assets_js_is_combined_in_the_declared_order():
    on_disk = sorted(p.name for p in assets_build.JS_DIR.glob("*.js"))
    assert sorted(assets_build.JS_FILES) == on_disk  # none forgotten, none listed that is not there
    assert assets_build.JS_FILES[0] == "store.js" and assets_build.JS_FILES[-1] == "main.js"
    source = assets_build.curriculum_js().source
    at = [source.index(f"/* -- {name} -- */\n") for name in assets_build.JS_FILES]
    assert at == sorted(at)
    for name in assets_build.JS_FILES:  # each file whole, in one strict-mode function
        assert (assets_build.JS_DIR / name).read_text(encoding="utf-8").strip() in source
    assert source.index('(function () {\n"use strict";\n') < at[0] and source.rstrip().endswith("})();")


def test_a_file_left_out_of_the_order_or_missing_is_an_error(tmp_path):
    shutil.copytree(assets_build.JS_DIR, tmp_path / "js")
    (tmp_path / "js" / "matching.js").write_text("handlers.matching = function () {};\n")
    with pytest.raises(assets_build.AssetError, match=r"matching\.js not listed in assets_build\.JS_FILES"):
        assets_build.js_sources(tmp_path / "js")
    (tmp_path / "js" / "matching.js").unlink()
    (tmp_path / "js" / "home.js").unlink()
    with pytest.raises(assets_build.AssetError, match=r"missing home\.js"):
        assets_build.js_sources(tmp_path / "js")


def test_every_kind_with_a_browser_handler_registers_it():
    source = assets_build.curriculum_js().source
    handlers = [k.handler for k in map(kinds.get, kinds.names()) if k and k.handler]
    assert {"quiz", "coaching"} <= set(handlers)
    for name in handlers:
        assert re.search(rf"^handlers\.{re.escape(name)} = ", source, re.M), name
    assert '$$("[data-cq-" + name + "]")' in source  # a module page calls each for its own elements


def test_names_carry_the_hash_of_the_minified_content_and_change_with_a_source(tmp_path, monkeypatch):
    js, css, xapi = assets_build.build()
    for asset, stem, suffix in ((js, "curriculum", "js"), (css, "curriculum", "css"), (xapi, "curriculum-xapi", "js")):
        assert re.fullmatch(rf"{stem}\.[0-9a-f]{{{assets_build.HASH_LENGTH}}}\.min\.{suffix}", asset.name), asset.name
        assert asset.hash in asset.name and asset.uri == "assets/curriculum/" + asset.name
        assert len(asset.text) < len(asset.source) and "/* ----" not in asset.text  # comments gone
    assert assets_build.build() is assets_build.build()  # once for the same sources, not once per page
    assert assets_build.site_assets() == [css, js] and assets_build.site_assets(xapi=True) == [css, js, xapi]

    copy = tmp_path / "js"
    shutil.copytree(assets_build.JS_DIR, copy)
    monkeypatch.setattr(assets_build, "JS_DIR", copy)
    assert assets_build.build()[0].name == js.name  # the same sources elsewhere: the same name
    with (copy / "home.js").open("a", encoding="utf-8") as f:
        f.write('var changed = "yes";\n')
    changed = assets_build.build()
    assert changed[0].name != js.name and 'var changed="yes"' in changed[0].text
    assert changed[1] == css and changed[2] == xapi  # the others keep their names


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_minified_scripts_parse(tmp_path):
    for asset in (assets_build.curriculum_js(), assets_build.xapi_js()):
        path = tmp_path / asset.name
        path.write_text(asset.text, encoding="utf-8")
        done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{asset.name}: {done.stderr}"


def test_the_command_writes_the_built_files(tmp_path, capsys):
    assert assets_build.main([str(tmp_path / "out")]) == 0
    names = capsys.readouterr().out.split()
    assert names == [a.name for a in assets_build.site_assets(xapi=True)]
    assert (tmp_path / "out" / names[1]).read_text(encoding="utf-8") == assets_build.curriculum_js().text


@pytest.mark.build
def test_a_built_site_ships_and_links_only_the_built_files(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "basic", project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    shipped = sorted(p.name for p in (tmp_path / "site" / "assets" / "curriculum").iterdir())
    js, css = assets_build.curriculum_js(), assets_build.curriculum_css()
    assert shipped == sorted([js.name, css.name])
    assert (tmp_path / "site" / js.uri).read_text(encoding="utf-8") == js.text
    page = (tmp_path / "site" / "paths" / "frontline" / "basics" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<script src="[./]*{re.escape(js.uri)}"', page), "the page loads the built script"
    assert re.search(rf'<link rel="stylesheet" href="[./]*{re.escape(css.uri)}"', page)
