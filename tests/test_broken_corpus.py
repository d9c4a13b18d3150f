"""The bad-input corpus (tests/broken/): every mistake is reported with its file, line and a fix hint.

Each directory is a project with one mistake. All are loaded through load_curriculum; a handful also go
through a real `mkdocs build --strict`, which must fail with the message and without a traceback, and
must write nothing outside its site folder. Binary, huge and symlink cases are made at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest

from mkdocs_curriculum.errors import ERROR, WARNING
from mkdocs_curriculum.load import load_curriculum

BROKEN = Path(__file__).parent / "broken"
CUR = "curriculum.yml"
BASICS = "content/modules/basics.md"
WELCOME = "content/modules/welcome.md"

# case -> (file, line, message fragment, hint fragment); every case is an error unless listed in WARNINGS
EXPECTED = {
    "malformed-yaml": (CUR, 10, "invalid YAML: mapping values are not allowed here.", "must be put in quotes"),
    "unknown-top-key": (CUR, 12, "unknown key `pass_mrk`.", "Did you mean `pass_mark`?"),
    "misspelled-role-field": (CUR, 10, "unknown field of role 'managers' `tilte`.", "Did you mean `title`?"),
    "misspelled-path-field": (CUR, 9, "unknown path field `optinal`.", "Did you mean `optional`?"),
    "misspelled-front-matter-field": (BASICS, 3, "unknown front matter field `sumary`.", "Did you mean `summary`?"),
    "missing-module": (CUR, 8, "role 'frontline' names module 'basic', which does not exist "
                               "(expected content/modules/basic.md).", "Did you mean 'basics'?"),
    "module-in-no-path": ("content/modules/extra.md", 1, "module 'extra' is in no role's path.",
                          "Add it to a path in curriculum.yml, or delete it."),
    "duplicate-module-in-path": (CUR, 11, "module 'welcome' appears twice in the path of role 'managers' "
                                          "(first at line 11).", "Remove one of them."),
    "unknown-role-in-for": (BASICS, 16, "unknown role 'manager' in `/// for`.",
                            "Did you mean 'managers'? Known roles: frontline, managers."),
    "prerequisite-missing-from-path": (BASICS, 5, "prerequisite 'welcome' is missing from the path of role "
                                                  "'managers', which includes 'basics'.", "Add 'welcome' before 'basics'"),
    "prerequisite-unknown": (BASICS, 5, "prerequisite 'welcom' is not a module.", "Did you mean 'welcome'?"),
    "prerequisite-later": (BASICS, 5, "prerequisite 'welcome' comes after 'basics' in the path of role 'frontline'.",
                           "Move 'welcome' before 'basics' in curriculum.yml."),
    "prerequisite-cycle": (BASICS, 5, "prerequisites form a cycle: basics -> welcome -> basics.",
                           "Remove one of these prerequisites."),
    "missing-title": (BASICS, 2, "this module has no `title`.", "Add `title: ...` to the front matter."),
    "non-numeric-duration": (BASICS, 4, "`duration` must be a number of minutes (got 'fifteen').",
                             "For example `duration: 20`."),
    "pass-mark-out-of-range": (CUR, 2, "`pass_mark` must be a number from 0 to 100 (got 120).", "pass_mark: 80"),
    "module-pass-mark-out-of-range": (BASICS, 5, "`pass_mark` must be a number from 0 to 100 (got 150).", ""),
    "bad-role-id": (CUR, 4, "the role id 'Front Line' is not allowed.", "lower-case letters, digits and '-'"),
    "role-without-path": (CUR, 10, "role 'managers' has no `path`.", "List its module ids in order"),
    "unclosed-block": (BASICS, 10, "the `/// quiz` block opened here is never closed.",
                       "Add a line with only `///` where it ends."),
    "stray-close": (WELCOME, 7, "this `///` closes no block.", "Remove it, or open a block above it."),
    "misspelled-block-name": (BASICS, 10, "unknown block `/// quizz`.", "Did you mean `/// quiz`?"),
    "quiz-no-choices-no-answer": (BASICS, 10, "this quiz has no choices and no `answer`.", "- [x]"),
    "quiz-no-correct-choice": (BASICS, 10, "no choice of this quiz is marked correct.",
                               "Mark the right choice(s) with `- [x]`."),
    "quiz-empty-question": (BASICS, 10, "this quiz has no question.", "/// quiz | Your question?"),
    "quiz-unknown-option": (BASICS, 11, "unknown option `shufle` in `/// quiz`.", "Did you mean `shuffle`?"),
    "quiz-unknown-role": (BASICS, 11, "unknown role 'manager' in `for`.", "Did you mean 'managers'?"),
    "quiz-duplicate-id": (BASICS, 18, "two blocks in this module have the id 'q1' (the other is at line 11).",
                          "Give each quiz and coaching prompt its own id."),
    "quiz-malformed-choice": (BASICS, 11, "malformed choice line: `- [] Only the front line`.",
                              "with a space inside the brackets"),
    "coaching-unknown-role": (BASICS, 17, "unknown role 'executive' in `for`.", "Known roles: frontline, managers."),
    "coaching-unknown-option": (BASICS, 17, "unknown option `note` in `/// coaching`.", "Did you mean `notes`?"),
    "coaching-empty": (BASICS, 16, "this coaching prompt is empty.", "Write the reflection questions"),
    "empty-curriculum": (CUR, None, "the curriculum file is empty.", "AUTHORING.md"),
    "empty-module": (BASICS, None, "this module file is empty.", "front matter"),
    "tabs-in-yaml": (CUR, 5, "invalid YAML: found character '\\t' that cannot start any token.",
                     "YAML does not allow tabs for indentation: indent with spaces."),
    "tabs-in-front-matter": (WELCOME, 3, "invalid YAML: found character '\\t'", "indent with spaces"),
    "bad-yaml-value": (WELCOME, 3, "invalid YAML: cannot read this value (month must be in 1..12).",
                       "put it in quotes"),
    "module-id-dotdot": (CUR, 8, "'../../curriculum' is not a valid module id.", "no '..'"),
    "module-id-absolute": (CUR, 8, "'/etc/passwd' is not a valid module id.", "no leading '/'"),
    "no-front-matter": (WELCOME, 1, "this module has no front matter.", "Start the file with `---`"),
    "deep-nesting": (WELCOME, 23, "blocks are nested more than 16 deep.", "Flatten them."),
    "quiz-options-after-blank-line": (BASICS, 12, "this option line of `/// quiz` is cut off from its header by a "
                                                  "blank line, so learners would read it as text.",
                                      "Remove the blank line: option lines go right under the header, indented by "
                                      "exactly 4 spaces."),
    "quiz-option-indent-2": (BASICS, 11, "this option line of `/// quiz` is indented by 2 spaces, not 4.",
                             "Indent option lines by exactly 4 spaces"),
    "quiz-choices-indented": (BASICS, 11, "this choice line is indented under the `/// quiz` header, where only "
                                          "option lines go.", "`- [x] Right answer`"),
    "placeholder-left": (BASICS, 10, "this module still has placeholder text from `curriculum new` (lines 10, 11, 12, "
                                     "13).", "Replace it with your own words"),
}
WARNINGS = {"module-in-no-path", "placeholder-left"}
# Layout mistakes are told in one message at the line that is wrong, before (and instead of) any parser wording.
ONLY = {"quiz-options-after-blank-line", "quiz-option-indent-2", "quiz-choices-indented"}
# Mistakes that also go through a real `mkdocs build` (they carry mkdocs.yml and content/index.md).
BUILT = ["malformed-yaml", "unknown-role-in-for", "quiz-no-correct-choice", "prerequisite-cycle", "unclosed-block",
         "module-id-dotdot", "empty-module"]


def load(root: Path):
    return load_curriculum(root / "curriculum.yml", root / "content", root)


def copy(case: str, tmp_path: Path) -> Path:
    target = tmp_path / case
    shutil.copytree(BROKEN / case, target, symlinks=True)
    return target


def check(problems, file, line, message, hint, severity=ERROR):
    """The expected problem is there, located, with its hint; and every problem names a file."""
    matches = [p for p in problems.items if message in p.message]
    assert matches, "\n".join(str(p) for p in problems.items) or "no problems at all"
    problem = matches[0]
    assert (problem.file, problem.line) == (file, line), str(problem)
    assert hint in problem.hint, str(problem)
    assert problem.severity == severity
    assert str(problem).startswith(f"{file}:{line}: " if line else f"{file}: ")
    for other in problems.items:
        assert other.file and other.message.endswith((".", "?")), str(other)


def test_corpus_and_table_agree():
    cases = {d.name for d in BROKEN.iterdir() if d.is_dir()} - {"base"}
    assert cases == set(EXPECTED)


def test_base_project_is_clean():
    curriculum, problems = load(BROKEN / "base")
    assert problems.items == []
    assert list(curriculum.modules) == ["basics", "welcome"]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case(case):
    start = time.monotonic()
    _, problems = load(BROKEN / case)
    assert time.monotonic() - start < 10
    check(problems, *EXPECTED[case], severity=WARNING if case in WARNINGS else ERROR)
    if case in ONLY:
        assert len(problems.items) == 1, "\n".join(map(str, problems.items))
    if case in WARNINGS:
        assert problems.errors == []  # fails only --strict


# --------------------------------------------------------------------------- made at run time


def made(tmp_path: Path) -> Path:
    """A copy of the clean base project, to break at run time."""
    return Path(shutil.copytree(BROKEN / "base", tmp_path / "made"))


def replace_line(path: Path, number: int, new: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = new
    path.write_bytes(b"\n".join(lines))


def make_not_utf8(root: Path) -> tuple:
    replace_line(root / BASICS, 8, b"Caf\xe9 service for everyone.")
    return BASICS, 8, "the file is not valid UTF-8 (byte 0xe9).", "Save it with UTF-8 encoding."


def make_symlink_out(root: Path) -> tuple:
    outside = root.parent / f"{root.name}-outside.md"
    outside.write_text("---\ntitle: Secret\nduration: 5\n---\n\nNot part of the project.\n")
    (root / "content" / "modules" / "evil.md").symlink_to(outside)
    return ("content/modules/evil.md", None, "this module is a link to a file outside the docs folder.",
            "Copy the file into the docs folder")


def make_control_character(root: Path) -> tuple:
    replace_line(root / WELCOME, 2, b"title: Wel\x00come")
    return WELCOME, 2, "invalid YAML: the control character U+0000 is not allowed.", "Delete it"


def make_too_big(root: Path) -> tuple:
    with open(root / WELCOME, "a") as out:
        out.write(("Padding text for a module that is far too long.\n" * 1000) * 230)
    return WELCOME, None, "over the 10 MB limit.", "Split it into smaller modules."


def make_folder_named_md(root: Path) -> tuple:
    (root / "content" / "modules" / "notes.md").mkdir()
    return "content/modules/notes.md", None, "cannot read the file (Is a directory).", ""


MADE = {"not-utf8": make_not_utf8, "symlink-out-of-content": make_symlink_out,
        "control-character": make_control_character, "too-big": make_too_big,
        "folder-named-md": make_folder_named_md}


@pytest.mark.parametrize("name", sorted(MADE))
def test_made_case(tmp_path, name):
    root = made(tmp_path)
    expected = MADE[name](root)
    start = time.monotonic()
    _, problems = load(root)
    assert time.monotonic() - start < 10
    check(problems, *expected)


def crlf_bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


def test_bom_and_crlf_load_cleanly(tmp_path):
    root = made(tmp_path)
    for path in [root / CUR, *root.glob("content/**/*.md")]:
        crlf_bom(path)
    curriculum, problems = load(root)
    assert problems.items == []
    plain, _ = load(BROKEN / "base")
    assert curriculum == plain


def test_five_megabyte_module_loads(tmp_path):
    root = made(tmp_path)
    block = "\n/// quiz | Who serves customers here?\n- [x] Everyone\n    Yes.\n- [ ] Nobody\n///\n\nSome text.\n"
    with open(root / WELCOME, "a") as out:
        out.write(block * (5 * 1024 * 1024 // len(block) + 1))
    start = time.monotonic()
    curriculum, problems = load(root)
    assert time.monotonic() - start < 30
    assert problems.items == []
    assert len(curriculum.modules["welcome"].questions()) > 50_000


def five_hundred_module_path(tmp_path) -> Path:
    root = made(tmp_path)
    ids = [f"step-{i:03}" for i in range(500)]
    for mid in ids:
        (root / "content" / "modules" / f"{mid}.md").write_text(f"---\ntitle: Step {mid}\nduration: 3\n---\n\nText.\n")
    text = (root / CUR).read_text().replace("      - basics\n", "      - basics\n" + "".join(f"      - {m}\n" for m in ids))
    (root / CUR).write_text(text)
    return root


def test_path_of_five_hundred_modules(tmp_path):
    curriculum, problems = load(five_hundred_module_path(tmp_path))
    assert problems.items == []
    assert len(curriculum.roles["frontline"].path) == 502


@pytest.mark.build
def test_path_of_five_hundred_modules_builds(tmp_path):
    """It builds (no hang: the subprocess has a time limit), each page with a bounded sidebar."""
    root = five_hundred_module_path(tmp_path)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout
    page = (site / "paths" / "frontline" / "step-250" / "index.html").read_text(encoding="utf-8")
    assert "Module 253 of 502" in page  # after welcome and basics
    assert page.count("md-nav__item") < 120, "the sidebar of a long path must be sectioned and pruned"
    found = re.search(r'id="cq-page-data" data-cq-json="([^"]*)"', page)
    data = json.loads(unescape(found.group(1)))
    assert len(data["path"]["modules"]) <= 21, "a module page carries its own part of the path, not all of it"
    assert data["path"]["required"] is None, "a long path's pages leave its required list to the path page"


# --------------------------------------------------------------------------- real builds


def mkdocs_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(args, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)


def tree(folder: Path, skip: Path) -> dict:
    """Every path under folder (but not under skip) with its size and modification time."""
    found = {}
    for path in folder.rglob("*"):
        if skip in path.parents or path == skip:
            continue
        stat = path.lstat()
        found[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def failed_build(tmp_path: Path, root: Path, message: str, strict: bool = True) -> str:
    site = tmp_path / "site"
    before = tree(tmp_path, site)
    result = mkdocs_build(root, site, strict)
    output = result.stdout
    assert result.returncode != 0, output
    assert message in output, output
    assert "Traceback" not in output, output
    assert tree(tmp_path, site) == before  # nothing written outside site/
    return output


@pytest.mark.build
@pytest.mark.parametrize("case", BUILT)
def test_build_fails(tmp_path, case):
    file, line, message, _ = EXPECTED[case]
    root = copy(case, tmp_path)
    output = failed_build(tmp_path, root, message)
    assert f"{file}:{line}: " in output if line else f"{file}: " in output
    found = re.search(r"The curriculum has (\d+) (errors?), listed above", output)
    assert found and (found.group(2) == "error") == (found.group(1) == "1"), output


@pytest.mark.build
@pytest.mark.parametrize("name", ["not-utf8", "symlink-out-of-content"])
def test_made_case_build_fails(tmp_path, name):
    root = made(tmp_path)
    file, _line, message, _ = MADE[name](root)
    output = failed_build(tmp_path, root, message)
    assert file in output


@pytest.mark.build
def test_warning_fails_only_strict(tmp_path):
    file, line, message, _ = EXPECTED["module-in-no-path"]
    root = copy("module-in-no-path", tmp_path)
    failed_build(tmp_path, root, message, strict=True)
    result = mkdocs_build(root, tmp_path / "plain-site", strict=False)
    assert result.returncode == 0, result.stdout
    assert f"{file}:{line}: {message}" in result.stdout
    assert "Traceback" not in result.stdout


@pytest.mark.build
def test_plain_build_fails_on_errors_too(tmp_path):
    root = copy("quiz-no-correct-choice", tmp_path)
    failed_build(tmp_path, root, EXPECTED["quiz-no-correct-choice"][2], strict=False)


@pytest.mark.build
def test_bom_and_crlf_build(tmp_path):
    root = made(tmp_path)
    for path in [root / CUR, *root.glob("content/**/*.md")]:
        crlf_bom(path)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout
    assert "Traceback" not in result.stdout
    page = (site / "paths" / "frontline" / "basics" / "index.html").read_text(encoding="utf-8")
    assert 'data-cq-quiz="who-serves-customers"' in page
    assert "Only the front line" in page and "Everyone serves someone." in page
    assert "Everyone does." not in page  # feedback stays in the obfuscated key
    assert "\r" not in page.split("<article", 1)[1] and "\ufeff" not in page


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_command_reports_each_case_as_the_build_does(case, tmp_path, capsys, monkeypatch):
    """`curriculum check --strict` gives the same located message, exit 1, and never a traceback."""
    from mkdocs_curriculum.cli import main

    file, line, message, hint = EXPECTED[case]
    root = copy(case, tmp_path)
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\nplugins: [curriculum]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["check", "--strict"]) == 1
    out = capsys.readouterr().out
    where = f"{file}:{line}: " if line else f"{file}: "
    assert f"{where}{message}" in out, out
    assert hint in out and "Traceback" not in out
