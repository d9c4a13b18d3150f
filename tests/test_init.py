"""`curriculum init`: a starter course that builds with `--strict`, holds every kind of block, and never
overwrites anything (a refusal writes nothing at all)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import build
from mkdocs_curriculum.cli import main
from mkdocs_curriculum.load import load_curriculum
from mkdocs_curriculum.model import Coaching, ForBlock, Question
from mkdocs_curriculum.starter import PLACEHOLDERS, init_files

STARTER = ["mkdocs.yml", "curriculum.yml", "content/modules/welcome.md", ".gitignore"]


def snapshot(folder: Path) -> dict:
    """Every file and folder under `folder`, with each file's bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
            for p in folder.rglob("*")}


def nodes(body):
    for node in body:
        yield node
        if isinstance(node, ForBlock):
            yield from nodes(node.children)


@pytest.mark.build
def test_init_writes_a_course_that_builds_strict(tmp_path, capsys):
    course = tmp_path / "new" / "course"  # missing folders are created
    assert main(["init", str(course)]) == 0
    out = capsys.readouterr().out
    assert sorted(p.relative_to(course).as_posix() for p in course.rglob("*") if p.is_file()) == sorted(STARTER)
    assert "mkdocs serve" in out and "curriculum check --strict" in out and f"cd {course}" in out
    assert (course / ".gitignore").read_text() == "site/\n.curriculum/\n"
    config = yaml.safe_load((course / "mkdocs.yml").read_text())
    assert config["site_name"] == "Service Academy" and config["docs_dir"] == "content"
    assert "curriculum" in config["plugins"]

    result = build(course, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>\s*Service Academy\s*</title>", home), "the site's name once in the home's <title>"
    assert "/paths/frontline/" in home or "paths/frontline/" in home
    assert (tmp_path / "site" / "paths" / "frontline" / "welcome" / "index.html").is_file()
    assert not (course / "site").exists()


def test_init_passes_check_strict(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0  # DIR defaults to the current folder
    assert "cd " not in capsys.readouterr().out  # already there: just `mkdocs serve`
    assert main(["check", "--strict"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_starter_module_shows_every_kind_of_block(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    curriculum, problems = load_curriculum(tmp_path / "curriculum.yml", tmp_path / "content", tmp_path)
    assert not problems.errors and not problems.warnings, [str(p) for p in problems.errors + problems.warnings]
    body = list(nodes(curriculum.modules["welcome"].body))
    assert any(isinstance(n, ForBlock) and n.roles == {"frontline"} for n in body)
    kinds = {n.kind for n in body if isinstance(n, Question)}
    assert kinds == {"single", "multiple", "text"}
    assert any(isinstance(n, Coaching) for n in body)


def test_starter_holds_no_placeholder_text():
    for path, text in init_files("Service Academy").items():
        for placeholder in PLACEHOLDERS:
            assert placeholder not in text, (path, placeholder)


@pytest.mark.parametrize("title", ['Acme: "Best" # service', "- yes", "*anchor", "Ça & <b>ünïcode</b>", "null"])
def test_title_is_written_as_yaml_text(tmp_path, title):
    assert main(["init", str(tmp_path), "--title", title]) == 0
    assert yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == title
    assert yaml.safe_load((tmp_path / "curriculum.yml").read_text(encoding="utf-8"))["title"] == title


@pytest.mark.parametrize("title", ["", "   ", "two\nlines"])
def test_a_title_that_is_not_one_line_is_refused(tmp_path, capsys, title):
    assert main(["init", str(tmp_path / "c"), "--title", title]) == 2
    assert "--title" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_a_second_init_refuses_and_changes_nothing(tmp_path, capsys):
    assert main(["init", str(tmp_path), "--title", "First"]) == 0
    (tmp_path / "content" / "modules" / "welcome.md").write_text("my own words\n", encoding="utf-8")
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["init", str(tmp_path), "--title", "Second"]) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml" in err and "welcome.md" in err and "already exist" in err and "wrote nothing" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("clash", [*STARTER, "mkdocs.yaml"])
def test_one_conflicting_file_in_a_full_folder_means_nothing_is_written(tmp_path, capsys, clash):
    (tmp_path / "notes.txt").write_text("keep me\n")
    (tmp_path / clash).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / clash).write_text("mine\n")
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / clash} already exists" in err, err
    for other in STARTER:
        if other != clash:
            assert other not in err
    assert snapshot(tmp_path) == before


def test_a_file_where_a_folder_goes_means_nothing_is_written(tmp_path, capsys):
    (tmp_path / "content").write_text("not a folder\n")
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path)]) == 1
    assert f"{tmp_path / 'content'} already exists" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_a_failed_write_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    """A write that fails half-way (here: the third file) removes what this run wrote, folders included."""
    import builtins

    real_open, opened = builtins.open, []

    def failing_open(file, mode="r", *args, **kwargs):
        if "x" in mode:
            opened.append(file)
            if len(opened) == 3:
                raise OSError(28, "No space left on device", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    (tmp_path / "notes.txt").write_text("keep me\n")
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path / "course")]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(tmp_path) == before
