"""The package builds as an sdist and a wheel that pass `twine check`, and the wheel, installed into a fresh
virtual environment, runs `curriculum` and holds everything the plugin reads at run time (its JS and CSS, the
JSON Schema, the authoring guide that error messages point to).

No network: the build runs without isolation (the test extra installs `build`, `twine` and a setuptools that
reads pyproject.toml's metadata), and the venv borrows the dependencies from this environment."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from mkdocs_curriculum.assets_build import JS_FILES

pytestmark = pytest.mark.build

PACKAGE_FILES = [*(f"mkdocs_curriculum/assets/js/{name}" for name in JS_FILES), "mkdocs_curriculum/assets_build.py",
                 "mkdocs_curriculum/assets/curriculum.css", "mkdocs_curriculum/assets/curriculum-xapi.js",
                 "mkdocs_curriculum/schema/curriculum.schema.json", "mkdocs_curriculum/AUTHORING.md",
                 "mkdocs_curriculum/plugin.py", "mkdocs_curriculum/cli/init.py", "mkdocs_curriculum/starter.py"]


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """`python -m build` of a copy of the project (so the working tree gets no egg-info or build/ folder)."""
    base = tmp_path_factory.mktemp("package")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "AUTHORING.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "plugins", source / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
    out = base / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source, cwd=base)
    return out


def test_sdist_and_wheel_pass_twine_check(dist):
    sdists, wheels = sorted(dist.glob("*.tar.gz")), sorted(dist.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(p.name for p in dist.iterdir())
    done = run(sys.executable, "-m", "twine", "check", "--strict", sdists[0], wheels[0])
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_wheel_holds_the_assets_schema_and_guide(dist):
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        entry_points = zf.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
        guide = zf.read("mkdocs_curriculum/AUTHORING.md").decode()
    assert set(PACKAGE_FILES) <= names, sorted(set(PACKAGE_FILES) - names)
    assert guide == (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    assert "curriculum = mkdocs_curriculum.plugin:CurriculumPlugin" in entry_points
    assert "curriculum = mkdocs_curriculum.cli:main" in entry_points
    assert "Description-Content-Type: text/markdown" in metadata and "License-Expression: MIT" in metadata
    assert not any(n.startswith(("tests/", "content/")) for n in names)
    with tarfile.open(next(dist.glob("*.tar.gz"))) as tf:
        members = {m.name.split("/", 1)[1] for m in tf.getmembers() if "/" in m.name}
    assert {"AUTHORING.md", "README.md", "setup.py", "plugins/mkdocs_curriculum/assets/js/main.js"} <= members


def test_the_wheel_installs_and_runs_in_a_fresh_venv(dist, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv)
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    wheel = next(dist.glob("*.whl"))
    # This environment's pip, into the venv: --ignore-installed, since the venv also sees this environment's
    # (editable) mkdocs-curriculum, and --no-deps --no-index, since it sees the dependencies too.
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index",
        "--ignore-installed", wheel)
    where = run(python, "-c", "import mkdocs_curriculum, pathlib; print(pathlib.Path(mkdocs_curriculum.__file__).parent)",
                cwd=tmp_path).stdout.strip()
    package = Path(where)
    assert venv in package.parents, f"imported {package}, not the wheel's copy"
    for name in PACKAGE_FILES:
        assert (package.parent / name).is_file(), name
    script = venv / ("Scripts" if sys.platform == "win32" else "bin") / "curriculum"
    helped = run(script, "--help", cwd=tmp_path).stdout
    assert "init" in helped and f"\n  {package / 'AUTHORING.md'}\n" in helped
    built = run(python, "-m", "mkdocs_curriculum.assets_build", tmp_path / "built", cwd=tmp_path).stdout.split()
    assert [n.split(".")[0] for n in built] == ["curriculum", "curriculum", "curriculum-xapi"], built
    run(script, "init", "course", cwd=tmp_path)
    checked = run(script, "check", "--strict", cwd=tmp_path / "course").stdout
    assert "no problems" in checked
