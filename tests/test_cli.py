"""The `curriculum` command: check, new, assign, stats and export, with every bad input it must refuse."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, copy_fixture
from conftest import run_cli as run

SUBCOMMANDS = (["check"], ["new"], ["assign"], ["stats"], ["export"], ["export", "json"])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of tests/fixtures/basic, as the current directory."""
    root = copy_fixture("basic", tmp_path)
    monkeypatch.chdir(root)
    return root


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def break_fixture(root: Path) -> None:
    """Three errors in three files and one warning."""
    process = root / "content/modules/process.md"
    process.write_text(process.read_text().replace("duration: 20", "duration: soon"))
    cur = root / "curriculum.yml"
    cur.write_text(cur.read_text().replace("      - process\n", "      - proces\n"))
    write(root / "content/modules/lonely.md", "---\ntitle: Lonely\nduration: 5\n---\n\n/// quiz | Q?\n- [ ] a\n///\n")


# -- help and the installed command ------------------------------------------------------------------


@pytest.mark.parametrize("argv", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_has_help(capsys, argv):
    code, out, _ = run(capsys, *argv, "--help")
    assert code == 0
    assert out.startswith(f"usage: curriculum {' '.join(argv)}")


def test_the_command_is_installed():
    script = Path(sys.executable).with_name("curriculum")
    script = str(script) if script.exists() else shutil.which("curriculum")
    assert script, "the `curriculum` command is not installed: run `pip install -e .`"
    result = subprocess.run([script, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for name in ("check", "new", "assign", "stats", "export"):
        assert name in result.stdout


def test_a_command_is_required(capsys):
    code, _, err = run(capsys)
    assert code == 2
    assert "required" in err


# -- check --------------------------------------------------------------------------------------


def test_check_clean(project, capsys):
    code, out, err = run(capsys, "check")
    assert (code, err) == (0, "")
    assert out.strip() == "OK: 2 roles, 3 modules, no problems."
    assert not (project / "site").exists(), "check must not build the site"


def test_check_does_not_load_mkdocs_or_render(project):
    code = ("import sys; from mkdocs_curriculum.cli import main; rc = main(['check']); "
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'markdown', 'material')]; "
            "print(rc, loaded)")
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr


def test_check_lists_every_error_with_file_and_line(project, capsys):
    break_fixture(project)
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "error: content/modules/process.md:4: `duration` must be a number of minutes (got 'soon')." in out
    assert "error: curriculum.yml:11: role 'frontline' names module 'proces', which does not exist" in out
    assert "error: content/modules/lonely.md:6: no choice of this quiz is marked correct." in out
    assert "warning: content/modules/lonely.md:1: module 'lonely' is in no role's path." in out
    assert out.strip().endswith("Found 3 errors and 1 warning.")


def test_check_warnings_fail_only_when_strict(project, capsys):
    write(project / "content/modules/spare.md", "---\ntitle: Spare\nduration: 5\n---\n\nText.\n")
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "warning: content/modules/spare.md:1: module 'spare' is in no role's path." in out
    code, out, _ = run(capsys, "check", "--strict")
    assert code == 1
    assert "--strict" in out


def test_check_with_config_file_from_elsewhere(project, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "-f", str(project / "mkdocs.yml"))
    assert code == 0 and "OK" in out
    code, out, _ = run(capsys, "-f", str(project / "mkdocs.yml"), "check")
    assert code == 0 and "OK" in out


def test_check_without_mkdocs_yml(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "error: no mkdocs.yml in this folder" in err and "-f" in err


def test_check_reads_mkdocs_options_and_tolerates_python_and_env_tags(project, capsys, monkeypatch):
    (project / "content").rename(project / "docs-src")
    (project / "curriculum.yml").rename(project / "training.yml")
    monkeypatch.setenv("CQ_DOCS", "docs-src")
    write(project / "mkdocs.yml", """\
site_name: !ENV [CQ_SITE_NAME, Fixture]
docs_dir: !ENV CQ_DOCS
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - curriculum:
      curriculum: training.yml
""")
    code, out, _ = run(capsys, "check")
    assert code == 0, out
    assert "OK: 2 roles, 3 modules" in out


def test_check_reports_a_missing_curriculum_file(project, capsys):
    (project / "curriculum.yml").unlink()
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "error: curriculum.yml: the curriculum file does not exist." in out


@pytest.mark.build
def test_check_and_build_report_the_same_errors(project, tmp_path, capsys, monkeypatch):
    break_fixture(project)
    code, out, _ = run(capsys, "check")
    assert code == 1
    messages = [re.sub(r"^(error|warning): ", "", line) for line in out.splitlines() if line.startswith(("error:", "warning:"))]
    assert len(messages) == 4
    monkeypatch.delenv("COLUMNS", raising=False)  # MkDocs wraps log lines to COLUMNS
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode != 0
    for message in messages:
        assert message in result.stdout, f"{message!r} missing from the build's output:\n{result.stdout}"
    assert len(re.findall(r"^ERROR .*mkdocs_curriculum: ", result.stdout, re.M)) == 3


# -- new ----------------------------------------------------------------------------------------


def test_new_writes_a_valid_module_and_extends_the_paths(project, capsys):
    before = (project / "curriculum.yml").read_text()
    code, out, err = run(capsys, "new", "handling-complaints", "--title", "Handling: complaints", "--role", "frontline", "managers")
    assert (code, err) == (0, "")
    assert "Created content/modules/handling-complaints.md." in out
    module = (project / "content/modules/handling-complaints.md").read_text()
    assert module.startswith("---\ntitle: 'Handling: complaints'\nsummary: ")
    assert "/// quiz |" in module and "/// coaching |" in module
    after = (project / "curriculum.yml").read_text()
    assert after.startswith("# A small curriculum used by the tests.\n")  # comments kept
    assert after == before.replace("        due_days: 30\n", "        due_days: 30\n      - module: handling-complaints\n").replace(
        "path: [basics, process]", "path: [basics, process, handling-complaints]")
    assert run(capsys, "check")[0] == 0  # a valid module...
    code, out, err = run(capsys, "check", "--strict")  # ...whose placeholder text must not reach learners
    assert code == 1
    assert "content/modules/handling-complaints.md:3: this module still has placeholder text from `curriculum new`" in out + err
    text = module.replace("Replace this with your question?", "Who handles a complaint?")
    for placeholder in ("A right answer", "A wrong answer"):
        text = text.replace(placeholder, "An answer of the trainer's own")
    (project / "content/modules/handling-complaints.md").write_text(text)
    code, out, err = run(capsys, "check", "--strict")
    assert code == 1 and "Who handles" not in out + err and ":3: this module still has placeholder text" in out + err


def test_new_module_passes_the_loader_with_its_quiz_and_coaching(project, capsys):
    from mkdocs_curriculum.load import load_curriculum

    assert run(capsys, "new", "sub/deep-dive", "--title", "Deep", "--role", "managers", "--duration", "7.5")[0] == 0
    curriculum, problems = load_curriculum(project / "curriculum.yml", project / "content", project)
    assert not problems.errors
    assert [p.message.split(" (")[0] for p in problems.warnings] == [
        "this module still has placeholder text from `curriculum new`"]
    module = curriculum.modules["sub/deep-dive"]
    assert (module.title, module.duration) == ("Deep", 7.5)
    assert len(module.questions()) == 1 and len(module.coachings()) == 1
    assert [s.module for s in curriculum.roles["managers"].path] == ["basics", "process", "sub/deep-dive"]


def test_new_without_roles_only_warns(project, capsys):
    before = (project / "curriculum.yml").read_text()
    code, out, _ = run(capsys, "new", "spare", "--title", "Spare")
    assert code == 0
    assert "in no role's path yet" in out
    assert (project / "curriculum.yml").read_text() == before
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "check", "--strict")[0] == 1


def test_new_refuses_to_overwrite(project, capsys):
    before = (project / "content/modules/basics.md").read_bytes()
    code, _, err = run(capsys, "new", "basics", "--title", "Again", "--role", "frontline")
    assert code == 1
    assert "error: content/modules/basics.md already exists; `curriculum new` never overwrites a module." in err
    assert (project / "content/modules/basics.md").read_bytes() == before


def test_new_unknown_role_lists_the_known_ones(project, capsys):
    before = (project / "curriculum.yml").read_text()
    code, _, err = run(capsys, "new", "fresh", "--title", "Fresh", "--role", "frontlin")
    assert code == 2
    assert "error: unknown role frontlin. Did you mean 'frontline'? Known roles: frontline, managers." in err
    assert not (project / "content/modules/fresh.md").exists()
    assert (project / "curriculum.yml").read_text() == before


def test_unknown_roles_on_the_command_line_are_told_alike(project, capsys):
    """`new` and `export scorm` share one check: a wrong --role is a command-line mistake (exit 2)."""
    expected = "error: unknown roles sales, hr. Known roles: frontline, managers.\n"
    assert run(capsys, "new", "fresh", "--title", "Fresh", "--role", "frontline", "sales", "hr")[::2] == (2, expected)
    assert run(capsys, "export", "scorm", "--role", "sales", "hr", "managers")[::2] == (2, expected)
    assert not (project / "content/modules/fresh.md").exists()


def test_new_refuses_an_id_the_loader_skips(project, capsys):
    for bad in ("index", "sales/index", "index.md", "README"):
        code, _, err = run(capsys, "new", bad, "--title", "X", "--role", "frontline")
        assert code == 2, bad
        assert f"error: '{bad}' cannot be a module id: files named README.md or index.md are not modules" in err
    assert not list((project / "content/modules").rglob("index.md"))
    assert run(capsys, "new", "indexes", "--title", "Indexes")[0] == 0  # only the whole last segment counts


def test_new_changes_nothing_when_a_path_is_not_a_list(project, capsys):
    cur = project / "curriculum.yml"
    cur.write_text(cur.read_text().replace("path: [basics, process]", "path: basics"))
    before = cur.read_text()
    for _ in range(2):  # the second run must give the same error, not "already exists"
        code, out, err = run(capsys, "new", "fresh", "--title", "Fresh", "--role", "frontline", "managers")
        assert (code, out) == (1, "")
        assert err == ("error: curriculum.yml:17: the `path` of role 'managers' is not a list; write it as "
                       "`path: [module-a, module-b]` or one `- module` per line, then run `curriculum new` again.\n")
    assert not (project / "content/modules/fresh.md").exists()
    assert cur.read_text() == before


def test_new_removes_the_module_when_curriculum_yml_cannot_be_written(project, capsys, monkeypatch):
    import mkdocs_curriculum.cli.new as new

    def refuse(text, output):
        raise new.CliError(f"cannot write {output}: Permission denied. Check that you may write there.")

    monkeypatch.setattr(new, "write_output", refuse)
    before = (project / "curriculum.yml").read_text()
    code, _, err = run(capsys, "new", "sub/fresh", "--title", "Fresh", "--role", "frontline")
    assert code == 1 and "Permission denied" in err
    assert not (project / "content/modules/sub").exists()
    assert (project / "curriculum.yml").read_text() == before


@pytest.mark.parametrize("option, value", [
    ("--title", "line1\nline2: x"), ("--title", "a\rb"), ("--title", "tab\there"), ("--title", "a\u2028b"),
    ("--summary", "one\ntwo"),
])
def test_new_refuses_line_breaks_and_control_characters(project, capsys, option, value):
    argv = ["new", "fresh", "--title", "Fresh"] + ([option, value] if option == "--summary" else [])
    if option == "--title":
        argv[3] = value
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == f"error: {option} must be one line of text, without line breaks, tabs or other control characters.\n"
    assert not (project / "content/modules/fresh.md").exists()


@pytest.mark.parametrize("duration", ["nan", "inf", "-inf", "1e999", "NaN"])
def test_new_duration_must_be_finite(project, capsys, duration):
    code, _, err = run(capsys, "new", "fresh", "--title", "Fresh", f"--duration={duration}")
    assert code == 2
    assert f"argument --duration: must be a number of minutes, such as 15 (got '{duration}')" in err
    assert not (project / "content/modules/fresh.md").exists()


@pytest.mark.parametrize("duration, message", [("0", "must be more than 0 (got '0')"),
                                               ("soon", "must be a number of minutes (got 'soon')")])
def test_new_duration_must_be_positive(project, capsys, duration, message):
    code, _, err = run(capsys, "new", "fresh", "--title", "Fresh", "--duration", duration)
    assert code == 2 and f"argument --duration: {message}" in err


@pytest.mark.parametrize("bad", ["Bad_Id", "../escape", "_under", "a b", "/abs", "a//b"])
def test_new_invalid_id(project, capsys, bad):
    code, _, err = run(capsys, "new", bad, "--title", "X")
    assert code == 2
    assert f"error: '{bad}' is not a valid module id." in err
    assert sorted(p.name for p in (project / "content/modules").iterdir()) == ["basics.md", "extras.md", "process.md"]


def test_new_empty_title(project, capsys):
    code, _, err = run(capsys, "new", "fresh", "--title", "  ")
    assert code == 2 and "--title must not be empty" in err


def test_new_keeps_blank_lines_and_comments_after_the_last_entry(project, capsys):
    write(project / "curriculum.yml", """\
title: Fixture Academy   # the site's name
roles:
  frontline:
    title: Frontline staff
    path:
      - module: basics
        due_days: 3      # early
      - module: process

      # Optional extras follow.
      - module: extras
        optional: true

  managers:
    title: Middle managers
    path:
      - basics
      - process  # last one
""", newline="\r\n")
    assert run(capsys, "new", "fresh", "--title", "Fresh", "--role", "frontline", "managers")[0] == 0
    raw = (project / "curriculum.yml").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # Windows line endings kept
    assert raw.decode().replace("\r\n", "\n") == """\
title: Fixture Academy   # the site's name
roles:
  frontline:
    title: Frontline staff
    path:
      - module: basics
        due_days: 3      # early
      - module: process

      # Optional extras follow.
      - module: extras
        optional: true
      - module: fresh

  managers:
    title: Middle managers
    path:
      - basics
      - process  # last one
      - fresh
"""
    assert run(capsys, "check")[0] == 0


@pytest.mark.parametrize("layout", [
    "roles:\n    frontline:\n        title: Frontline staff\n        path:\n            - basics\n            - process\n"
    "            - module: extras\n              optional: true\n    managers:\n        title: Middle managers\n"
    "        path: [basics, process]\n",
    "roles:\n  frontline:\n    title: Frontline staff\n    path:\n    - basics\n    - process\n    - module: extras\n"
    "      optional: true\n  managers:\n    title: Middle managers\n    path:\n    - basics\n    - process\n",
])
def test_new_keeps_the_files_indentation(project, capsys, layout):
    write(project / "curriculum.yml", layout)
    assert run(capsys, "new", "fresh", "--title", "Fresh", "--role", "frontline")[0] == 0
    after = (project / "curriculum.yml").read_text()
    indent = re.search(r"\n( *)- module: extras", layout).group(1)
    assert after == layout.replace(f"{indent}  optional: true\n", f"{indent}  optional: true\n{indent}- module: fresh\n")
    assert run(capsys, "check")[0] == 0


# -- assign -------------------------------------------------------------------------------------

ROSTER = "name,email,role,team\nAna Lima,ana@example.com,frontline,North\n\"Bo, Jr\",bo@example.com,Managers,South\n"


def assign(capsys, roster: Path, *extra, start="2025-03-03"):
    return run(capsys, "assign", str(roster), "--start", start, "--base-url", "https://academy.example.com/hr", *extra)


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_assign_with_bom_and_crlf(project, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(b"\xef\xbb\xbf" + ROSTER.replace("\n", "\r\n").encode())
    code, out, err = assign(capsys, roster)
    assert (code, err) == (0, "")
    rows = rows_of(out)
    assert list(rows[0]) == ["name", "email", "role", "team", "module_id", "module_title", "url", "requirement",
                             "minutes", "due_date"]
    assert [(r["name"], r["module_id"]) for r in rows] == [
        ("Ana Lima", "basics"), ("Ana Lima", "process"), ("Ana Lima", "extras"), ("Bo, Jr", "basics"), ("Bo, Jr", "process")]
    assert rows[2] == {"name": "Ana Lima", "email": "ana@example.com", "role": "frontline", "team": "North",
                       "module_id": "extras", "module_title": "Extras",
                       "url": "https://academy.example.com/hr/paths/frontline/extras/",
                       "requirement": "optional", "minutes": "10", "due_date": "2025-04-02"}
    assert rows[3]["role"] == "managers" and rows[3]["team"] == "South"
    assert rows[3]["url"] == "https://academy.example.com/hr/paths/managers/basics/"
    assert rows[0]["due_date"] == "" and rows[0]["requirement"] == "required"


def test_assign_to_a_file(project, tmp_path, capsys):
    roster = write(tmp_path / "roster.csv", ROSTER.replace(",", ";"))  # Excel in many countries
    out_file = tmp_path / "out" / "plan.csv"
    out_file.parent.mkdir()
    code, out, err = assign(capsys, roster, "-o", str(out_file))
    assert code == 0 and out == ""
    assert "Wrote 5 assignments for 2 people" in err
    assert len(rows_of(out_file.read_text())) == 5
    assert sorted(p.name for p in out_file.parent.iterdir()) == ["plan.csv"]  # no temporary file left


def test_assign_to_a_folder(project, tmp_path, capsys):
    roster = write(tmp_path / "r.csv", ROSTER)
    folder = tmp_path / "plans"
    folder.mkdir()
    code, out, err = assign(capsys, roster, "-o", str(folder))
    assert (code, out) == (1, "")
    assert err == f"error: cannot write {folder}: it is a folder, not a file. Add a file name to the path.\n"
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["basic", "plans", "r.csv"]


def test_assign_output_that_cannot_be_written(project, tmp_path, capsys, monkeypatch):
    import os

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    roster = write(tmp_path / "r.csv", ROSTER)
    out_file = write(tmp_path / "out" / "plan.csv", "old contents\n")
    code, out, err = assign(capsys, roster, "-o", str(out_file))
    assert (code, out) == (1, "")
    assert err == f"error: cannot write {out_file}: Permission denied. Check that you may write there.\n"
    assert [p.name for p in out_file.parent.iterdir()] == ["plan.csv"]  # no temporary file left
    assert out_file.read_text() == "old contents\n"


def test_assign_output_keeps_the_files_permissions(project, tmp_path, capsys):
    roster = write(tmp_path / "r.csv", ROSTER)
    out_file = write(tmp_path / "plan.csv", "old\n")
    out_file.chmod(0o644)
    assert assign(capsys, roster, "-o", str(out_file))[0] == 0
    assert out_file.stat().st_mode & 0o777 == 0o644


def test_assign_start_too_late_for_a_due_date(project, tmp_path, capsys):
    roster = write(tmp_path / "r.csv", "name,email,role\nBo,bo@x.org,managers\nAna,ana@x.org,frontline\n")
    out_file = write(tmp_path / "plan.csv", "old contents\n")
    code, out, err = assign(capsys, roster, "-o", str(out_file), start="9999-12-15")
    assert (code, out) == (1, "")
    assert err == (f"error: {roster}:3: the due date of module 'extras' (9999-12-15 + 30 days) is beyond the "
                   "calendar (years 1 to 9999). Check the start date and that module's `due_days` in role "
                   "'frontline' of curriculum.yml.\n")
    assert out_file.read_text() == "old contents\n"


@pytest.mark.parametrize("due_days", [99999999, 10**12])
def test_assign_huge_due_days(project, capsys, due_days):
    """Whatever the loader accepts, `assign` turns a date past 9999 into an error naming the row and the module."""
    from dataclasses import replace
    from datetime import date

    from mkdocs_curriculum.cli import CliError, Person, assignment_rows
    from mkdocs_curriculum.export import site_url
    from mkdocs_curriculum.load import load_curriculum

    curriculum, _ = load_curriculum(project / "curriculum.yml", project / "content", project)
    role = curriculum.roles["managers"]
    role = replace(role, path=(role.path[0], replace(role.path[1], due_days=due_days)))
    curriculum = replace(curriculum, roles={**curriculum.roles, "managers": role})
    bo = Person(7, "Bo", "bo@x.org", "managers", date(2025, 3, 3), ())
    with pytest.raises(CliError) as caught:
        assignment_rows(curriculum, [bo], "https://x.org/", site_url("modules", True), "r.csv")
    assert str(caught.value) == (f"r.csv:7: the due date of module 'process' (2025-03-03 + {due_days} days) is "
                                 "beyond the calendar (years 1 to 9999). Check the start date and that module's "
                                 "`due_days` in role 'managers' of curriculum.yml.")
    assert caught.value.code == 1


def test_assign_start_column_overrides_start(project, tmp_path, capsys):
    roster = write(tmp_path / "r.csv", "name,email,role,start\nAna,ana@x.org,frontline,2025-01-01\nBo,bo@x.org,frontline,\n")
    rows = rows_of(assign(capsys, roster)[1])
    assert [r["due_date"] for r in rows if r["module_id"] == "extras"] == ["2025-01-31", "2025-04-02"]


BAD_ROSTERS = {
    "unknown role": ("name,email,role\nAna,ana@x.org,frontline\nBo,bo@x.org,sales\n",
                     "r.csv:3: unknown role 'sales'. Known roles: frontline, managers."),
    "close role": ("name,email,role\nAna,ana@x.org,frontlines\n",
                   "r.csv:2: unknown role 'frontlines'. Did you mean 'frontline'? Known roles: frontline, managers."),
    "missing column": ("name,mail,role\nAna,ana@x.org,frontline\n",
                       "r.csv:1: missing column(s) email: the header must include name,email,role (found: name,mail,role)."),
    "bad date": ("name,email,role,start\nAna,ana@x.org,frontline,2025-01-01\nBo,bo@x.org,frontline,03/01/2025\n",
                 "r.csv:3: the start date '03/01/2025' could be day/month or month/day: write it as YYYY-MM-DD, or "
                 "say how the roster writes dates with `--date-format %d/%m/%Y` (day first) or `--date-format "
                 "%m/%d/%Y` (month first)."),
    "duplicate email": ("name,email,role\nAna,ana@x.org,frontline\nBo,bo@x.org,managers\nAna B,ANA@X.org,managers\n",
                        "r.csv:4: the email 'ANA@X.org' is already on line 2; list each person once."),
    "empty roster": ("name,email,role\n", "r.csv:1: the roster lists nobody; add one line per person under the header."),
    "empty file": ("", "r.csv:1: the roster is empty; its first line must be the header `name,email,role`."),
    "bad email": ("name,email,role\nAna,ana-at-x.org,frontline\n", "r.csv:2: 'ana-at-x.org' is not an email address."),
    "empty name": ("name,email,role\n,ana@x.org,frontline\n", "r.csv:2: the name is empty."),
    "too many values": ("name,email,role\nAna,ana@x.org,frontline,extra\n",
                        "r.csv:2: this row has 4 values but the header has 3 columns."),
    "multi-line cell": ('name,email,role\n"Ana\nLima",ana@x.org,frontline\nBo,bo@x.org,nobody\n',
                        "r.csv:4: unknown role 'nobody'."),
    "clashing column": ("name,email,role,url\nAna,ana@x.org,frontline,x\n",
                        "r.csv:1: rename the column(s) url: `assign` writes columns with those names."),
}


@pytest.mark.parametrize("case", BAD_ROSTERS)
def test_assign_refuses_bad_rosters_and_writes_nothing(project, tmp_path, monkeypatch, capsys, case):
    text, message = BAD_ROSTERS[case]
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "r.csv", text, newline="\r\n")
    out_file = write(tmp_path / "plan.csv", "old contents\n")
    code, out, err = run(capsys, "-f", str(project / "mkdocs.yml"), "assign", "r.csv", "--start", "2025-03-03",
                         "--base-url", "https://x.org", "-o", "plan.csv")
    assert code == 1
    assert f"error: {message}" in err
    assert out == ""
    assert out_file.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["plan.csv", "r.csv"]


def test_assign_reports_every_bad_row(project, tmp_path, capsys):
    roster = write(tmp_path / "r.csv", "name,email,role\nAna,ana@x.org,sales\nBo,ana@x.org,frontline\n")
    code, out, err = assign(capsys, roster)
    assert code == 1 and out == ""
    assert ":2: unknown role 'sales'" in err and ":3: the email 'ana@x.org' is already on line 2" in err
    assert "2 problems, listed above; nothing was written." in err


def test_assign_not_utf8(project, tmp_path, capsys):
    roster = tmp_path / "r.csv"
    roster.write_bytes("name,email,role\nJosé,j@x.org,frontline\n".encode("latin-1"))
    code, _, err = assign(capsys, roster)
    assert code == 1 and "is not UTF-8 text" in err


@pytest.mark.parametrize("start", ["2025-02-30", "03/03/2025", "tomorrow"])
def test_assign_bad_start_option(project, tmp_path, capsys, start):
    roster = write(tmp_path / "r.csv", ROSTER)
    code, out, err = assign(capsys, roster, start=start)
    assert code == 2 and out == ""
    assert f"argument --start: must be a date written YYYY-MM-DD, such as 2025-03-03 (got '{start}')" in err


def test_assign_bad_base_url(project, tmp_path, capsys):
    roster = write(tmp_path / "r.csv", ROSTER)
    code, _, err = run(capsys, "assign", str(roster), "--start", "2025-03-03", "--base-url", "academy.example.com")
    assert code == 2 and "argument --base-url: must be the site's address" in err


def test_assign_missing_roster(project, capsys):
    code, _, err = run(capsys, "assign", "nowhere.csv", "--start", "2025-03-03", "--base-url", "https://x.org")
    assert code == 1 and "cannot read nowhere.csv" in err


def test_assign_refuses_a_broken_curriculum(project, tmp_path, capsys):
    break_fixture(project)
    roster = write(tmp_path / "r.csv", ROSTER)
    code, out, err = assign(capsys, roster)
    assert code == 1 and out == ""
    assert "content/modules/process.md:4: `duration` must be a number" in err
    assert "the curriculum has 3 errors, listed above" in err


# -- stats --------------------------------------------------------------------------------------


def test_stats_table(project, capsys):  # the words include the link in a feedback of process.md
    code, out, _ = run(capsys, "stats")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Fixture Academy"
    assert lines[2].split() == ["Role", "Modules", "Optional", "Quizzes", "Coaching", "Words", "Required", "time",
                                "Optional", "time"]
    assert lines[4].split()[:6] == ["frontline", "3", "1", "3", "0", "60"]
    assert lines[4].endswith("35 min         10 min")
    assert lines[5].split()[:6] == ["managers", "2", "0", "3", "1", "69"]
    assert lines[7].split()[:6] == ["All", "modules", "3", "3", "1", "124"]
    assert lines[-2:] == [
        "Words: what each role reads (its own sections, quizzes and prompts).",
        "All modules: the words of every module's whole source (all roles' sections and block markup)."]


def test_stats_json(project, capsys):
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    data = json.loads(out)
    frontline, managers = data["roles"]
    assert frontline == {"role": "frontline", "title": "Frontline staff", "modules": 3, "optional_modules": 1,
                         "quizzes": 3, "coaching_prompts": 0, "words": 60,
                         "required_minutes": 35, "optional_minutes": 10}
    assert managers["coaching_prompts"] == 1 and managers["modules"] == 2 and managers["words"] == 69
    assert data["total"] == {"modules": 3, "quizzes": 3, "coaching_prompts": 1, "source_words": 124, "minutes": 45}


def test_stats_words_count_what_each_role_reads(project, capsys):
    """Each role's own `/// for` sections, quizzes and prompts; no block markup, no accepted answers."""
    write(project / "content/modules/extras.md", """\
---
title: Extras
duration: 10
---

## One two

/// for | frontline
Three four five.
///

/// for | managers
Six.
///

/// quiz | Seven eight?
    answer: [secret, words, here]
    for: frontline
///

/// coaching | Nine
    for: managers
Ten eleven.
///
""")
    cur = project / "curriculum.yml"
    cur.write_text(cur.read_text().replace("path: [basics, process]", "path: [extras]"))
    frontline, managers = json.loads(run(capsys, "stats", "--json")[1])["roles"]
    assert frontline["words"] == 60 - 2 + 2 + 3 + 2  # basics and process as before; extras: heading, section, quiz
    assert managers["words"] == 2 + 1 + 3  # heading, section, coaching title and body


# -- export -------------------------------------------------------------------------------------


def test_export_json_to_stdout_and_file(project, tmp_path, capsys):
    code, out, _ = run(capsys, "export", "json")
    assert code == 0
    data = json.loads(out)
    assert data["roles"][0]["path"][0]["url"] == "paths/frontline/basics/"
    code, out, err = run(capsys, "export", "json", "-o", str(tmp_path / "c.json"))
    assert code == 0 and out == "" and "Wrote" in err
    assert json.loads((tmp_path / "c.json").read_text()) == data


def test_export_json_follows_use_directory_urls(project, capsys):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    data = json.loads(run(capsys, "export", "json")[1])
    assert data["roles"][0]["url"] == "paths/frontline/index.html"
    assert data["roles"][0]["path"][0]["url"] == "paths/frontline/basics.html"
    assert data["modules"][0]["url"] == "modules/basics.html"


def test_export_needs_a_format(project, capsys):
    code, _, err = run(capsys, "export")
    assert code == 2 and "FORMAT" in err


def test_export_into_a_missing_folder(project, tmp_path, capsys):
    code, _, err = run(capsys, "export", "json", "-o", str(tmp_path / "nowhere" / "c.json"))
    assert code == 1 and "does not exist" in err


def test_export_json_into_a_folder(project, tmp_path, capsys):
    code, out, err = run(capsys, "export", "json", "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == f"error: cannot write {tmp_path}: it is a folder, not a file. Add a file name to the path.\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_scorm_into_a_file(project, capsys):
    write(project / "packages", "not a folder\n")
    code, _, err = run(capsys, "export", "scorm", "-o", "packages")
    assert code == 1
    assert err == "error: cannot write into packages: it is a file; -o takes the folder to put the packages in.\n"
