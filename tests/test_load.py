"""load.load_curriculum: the model it builds, and every author mistake it reports (file, line, message, hint).

Line numbers below count lines of corekit.CURRICULUM (1 title, 2 pass_mark, 3 roles, 4 frontline, 5 title,
6 path, 7 - welcome, 8 - basics, 9 managers, 10 title, 11 path: [welcome]) and of corekit.module()
(1 ---, 2 title, 3 duration, 4 ---, 5 blank, 6 Some text., 7 first line of the extra body).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from corekit import CURRICULUM, found, load, module, only, project
from mkdocs_curriculum.errors import ERROR, WARNING, CurriculumError, Problem
from mkdocs_curriculum.load import load_or_raise
from mkdocs_curriculum.model import Module, Question, Step

FIXTURE = Path(__file__).parent / "fixtures" / "basic"
CUR = "curriculum.yml"
BASICS = "content/modules/basics.md"
WELCOME = "content/modules/welcome.md"


def front(*fields: str, body: str = "") -> str:
    """A module whose front matter is exactly `fields` (line 2 onwards)."""
    return "---\n" + "".join(f + "\n" for f in fields) + "---\n" + body


def fixture():
    return load(FIXTURE)


# --------------------------------------------------------------------------- the model


def test_fixture_loads_without_problems():
    curriculum, problems = fixture()
    assert problems.items == []
    assert curriculum.title == "Fixture Academy"
    assert curriculum.pass_mark == 80
    assert curriculum.modules_dir == "modules"
    assert curriculum.file == "curriculum.yml"


def test_roles_keep_file_order_and_modules_are_sorted():
    curriculum, _ = fixture()
    assert list(curriculum.roles) == ["frontline", "managers"]
    assert list(curriculum.modules) == ["basics", "extras", "process"]


def test_paths_optional_and_due_days():
    curriculum, _ = fixture()
    frontline = curriculum.roles["frontline"]
    assert frontline.title == "Frontline staff"
    assert frontline.description == "People who serve customers."
    assert [s.module for s in frontline.path] == ["basics", "process", "extras"]
    assert frontline.path[0] == Step("basics", optional=False, due_days=None, line=10)
    assert frontline.path[2] == Step("extras", optional=True, due_days=30, line=12)
    managers = curriculum.roles["managers"]
    assert [s.module for s in managers.path] == ["basics", "process"]
    assert managers.path[1].line == 17
    assert managers.description == ""


def test_totals():
    curriculum, _ = fixture()
    modules = curriculum.modules
    assert curriculum.roles["frontline"].required_minutes(modules) == 35
    assert curriculum.roles["frontline"].optional_minutes(modules) == 10
    assert curriculum.roles["managers"].required_minutes(modules) == 35
    assert curriculum.roles["managers"].optional_minutes(modules) == 0


def test_module_fields():
    curriculum, _ = fixture()
    basics, process = curriculum.modules["basics"], curriculum.modules["process"]
    assert isinstance(basics, Module)
    assert basics.file == "content/modules/basics.md"
    assert (basics.title, basics.summary, basics.duration) == ("Basics", "Why service matters.", 15)
    assert basics.objectives == ("Say why service matters.",)
    assert process.objectives == ("Name the steps.",)
    assert process.prerequisites == ("basics",)
    assert basics.prerequisites == ()
    assert basics.pass_mark is None
    assert basics.words > 0
    assert basics.meta["summary"] == "Why service matters."


def test_roles_of_and_pass_mark_of(tmp_path):
    curriculum, _ = fixture()
    assert [r.id for r in curriculum.roles_of("basics")] == ["frontline", "managers"]
    assert [r.id for r in curriculum.roles_of("extras")] == ["frontline"]
    assert curriculum.pass_mark_of(curriculum.modules["basics"]) == 80
    root = project(tmp_path, modules={"welcome": front("title: W", "duration: 5", "pass_mark: 50"),
                                      "basics": module("B")})
    curriculum, problems = load(root)
    assert problems.items == []
    assert curriculum.pass_mark_of(curriculum.modules["welcome"]) == 50
    assert curriculum.pass_mark_of(curriculum.modules["basics"]) == 80


def test_questions_and_coachings_per_role():
    curriculum, _ = fixture()
    basics = curriculum.modules["basics"]
    assert [q.id for q in basics.questions("frontline")] == ["who-serves-customers",
                                                             "which-step-comes-right-after-listening"]
    assert basics.coachings("frontline") == []
    assert [c.id for c in basics.coachings("managers")] == ["coaching-think-about-it"]
    assert len(basics.questions()) == 2 and len(basics.coachings()) == 1  # the trainer sees everything
    assert all(isinstance(q, Question) for q in basics.questions())


def test_defaults(tmp_path):
    root = project(tmp_path, "roles:\n  frontline:\n    title: F\n    path: [welcome]\n",
                   {"welcome": module("W")})
    curriculum, problems = load(root)
    assert problems.items == []
    assert (curriculum.title, curriculum.pass_mark, curriculum.modules_dir) == ("Curriculum", 80, "modules")


def test_modules_in_sub_folders_and_another_modules_folder(tmp_path):
    cur = "title: T\nmodules: lessons\nroles:\n  frontline:\n    title: F\n    path: [intro, sales/basics]\n"
    root = project(tmp_path, cur, {})
    for mid in ("intro", "sales/basics"):
        path = root / "content" / "lessons" / f"{mid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(module(mid))
    (root / "content" / "lessons" / "index.md").write_text("# Not a module\n")
    curriculum, problems = load(root)
    assert problems.items == []
    assert list(curriculum.modules) == ["intro", "sales/basics"]
    assert curriculum.modules["sales/basics"].file == "content/lessons/sales/basics.md"


def test_step_as_mapping_defaults(tmp_path):
    cur = CURRICULUM.replace("      - basics", "      - module: basics")
    curriculum, problems = load(project(tmp_path, cur))
    assert problems.items == []
    assert curriculum.roles["frontline"].path[1] == Step("basics", False, None, 8)


# --------------------------------------------------------------------------- errors

# (id, curriculum.yml, modules or None for the default two, file, line, message fragment, hint fragment)
CASES = [
    ("yaml-mapping-values", CURRICULUM.replace("title: Middle managers", "title: Middle: managers"), None,
     CUR, 10, "invalid YAML: mapping values are not allowed", "must be put in quotes"),
    ("yaml-tab", CURRICULUM.replace("    title: Middle managers", "\ttitle: Middle managers"), None,
     CUR, 10, "invalid YAML: found character '\\t'", "indent with spaces"),
    ("yaml-duplicate-key", CURRICULUM + "title: Again\n", None,
     CUR, 12, "the key 'title' appears twice.", "Keep one of them."),
    ("unknown-top-key", CURRICULUM + "pass_mrk: 70\n", None,
     CUR, 12, "unknown key `pass_mrk`.", "Did you mean `pass_mark`?"),
    ("unknown-top-key-far", CURRICULUM + "colour: blue\n", None,
     CUR, 12, "unknown key `colour`.", "Allowed: title, pass_mark, modules, roles."),
    ("misspelled-role-field", CURRICULUM.replace("    title: Middle managers", "    tilte: Middle managers"), None,
     CUR, 10, "unknown field of role 'managers' `tilte`.", "Did you mean `title`?"),
    ("role-without-title", CURRICULUM.replace("    title: Middle managers", "    tilte: Middle managers"), None,
     CUR, 10, "role 'managers' has no `title`.", "Add `title:"),
    ("role-without-path", CURRICULUM.replace("    path: [welcome]", "    description: x"), None,
     CUR, 10, "role 'managers' has no `path`.", "List its module ids"),
    ("misspelled-path-field", CURRICULUM.replace("      - basics", "      - module: basics\n        optinal: true"), None,
     CUR, 9, "unknown path field `optinal`.", "Did you mean `optional`?"),
    ("optional-not-bool", CURRICULUM.replace("      - basics", "      - module: basics\n        optional: sometimes"),
     None, CUR, 9, "`optional` must be true or false (got 'sometimes').", ""),
    ("due-days-negative", CURRICULUM.replace("      - basics", "      - module: basics\n        due_days: -3"), None,
     CUR, 9, "`due_days` must be a whole number of days from 0 to 36500 (got -3).", "due_days: 30"),
    ("due-days-huge", CURRICULUM.replace("      - basics", "      - module: basics\n        due_days: 99999999"), None,
     CUR, 9, "`due_days` must be a whole number of days from 0 to 36500 (got 99999999).", ""),
    ("module-id-index", CURRICULUM.replace("      - basics", "      - index"), None,
     CUR, 8, "'index' cannot be a module id: index.md and README.md files are pages, not modules.", "Rename"),
    ("modules-folder-paths", CURRICULUM.replace("pass_mark: 80", "pass_mark: 80\nmodules: paths"), None,
     CUR, 3, "`modules` cannot be `paths`: the plugin writes each role's pages under `paths/`.", "modules: modules"),
    ("path-entry-without-module", CURRICULUM.replace("      - basics", "      - optional: true"), None,
     CUR, 8, "a path entry of role 'frontline' has no `module`.", "module: some-module-id"),
    ("missing-module-close", CURRICULUM.replace("      - basics", "      - basic"), None,
     CUR, 8, "role 'frontline' names module 'basic', which does not exist (expected content/modules/basic.md).",
     "Did you mean 'basics'?"),
    ("missing-module-far", CURRICULUM.replace("path: [welcome]", "path: [welcome, zebra]"), None,
     CUR, 11, "role 'managers' names module 'zebra', which does not exist", "Create content/modules/zebra.md"),
    ("duplicate-in-flow-path", CURRICULUM.replace("path: [welcome]", "path: [welcome, welcome]"), None,
     CUR, 11, "module 'welcome' appears twice in the path of role 'managers' (first at line 11).", "Remove one"),
    ("duplicate-in-block-path", CURRICULUM.replace("      - basics\n", "      - basics\n      - welcome\n"), None,
     CUR, 9, "module 'welcome' appears twice in the path of role 'frontline' (first at line 7).", "Remove one"),
    ("module-id-dotdot", CURRICULUM.replace("      - basics", "      - ../basics"), None,
     CUR, 8, "'../basics' is not a valid module id.", "no '..'"),
    ("module-id-absolute", CURRICULUM.replace("      - basics", "      - /etc/passwd"), None,
     CUR, 8, "'/etc/passwd' is not a valid module id.", "no leading '/'"),
    ("pass-mark-too-high", CURRICULUM.replace("pass_mark: 80", "pass_mark: 120"), None,
     CUR, 2, "`pass_mark` must be a number from 0 to 100 (got 120).", "pass_mark: 80"),
    ("pass-mark-negative", CURRICULUM.replace("pass_mark: 80", "pass_mark: -1"), None,
     CUR, 2, "`pass_mark` must be a number from 0 to 100 (got -1).", ""),
    ("pass-mark-text", CURRICULUM.replace("pass_mark: 80", "pass_mark: eighty"), None,
     CUR, 2, "`pass_mark` must be a number from 0 to 100 (got 'eighty').", ""),
    ("bad-role-id", CURRICULUM.replace("  frontline:", "  Front_Line:"), None,
     CUR, 4, "the role id 'Front_Line' is not allowed.", "lower-case letters, digits and '-'"),
    ("bad-role-id-space", CURRICULUM.replace("  frontline:", "  front line:"), None,
     CUR, 4, "the role id 'front line' is not allowed.", ""),
    ("no-roles", "title: T\n", {}, CUR, 1, "`roles` must list at least one role.", "roles:"),
    ("title-not-text", CURRICULUM.replace("title: Test Academy", "title: [a, b]"), None,
     CUR, 1, "`title` must be text.", ""),
    ("modules-folder-bad", CURRICULUM.replace("pass_mark: 80", "pass_mark: 80\nmodules: ../../etc"), None,
     CUR, 3, "`modules` must name a folder under the docs folder", ""),
    ("orphan-module", CURRICULUM, {"welcome": module(), "basics": module(), "extra": module()},
     "content/modules/extra.md", 1, "module 'extra' is in no role's path.", "Add it to a path in curriculum.yml"),
    ("misspelled-front-matter", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "sumary: x")},
     BASICS, 4, "unknown front matter field `sumary`.", "Did you mean `summary`?"),
    ("module-without-title", CURRICULUM, {"welcome": module(), "basics": front("duration: 5")},
     BASICS, 2, "this module has no `title`.", "Add `title: ...`"),
    ("module-title-empty", CURRICULUM, {"welcome": module(), "basics": front("title: ''", "duration: 5")},
     BASICS, 2, "this module has no `title`.", ""),
    ("module-without-duration", CURRICULUM, {"welcome": module(), "basics": front("title: B", "summary: s")},
     BASICS, 2, "this module has no `duration`.", "duration: 20"),
    ("duration-text", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: twenty")},
     BASICS, 3, "`duration` must be a number of minutes (got 'twenty').", "duration: 20"),
    ("duration-zero", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 0")},
     BASICS, 3, "`duration` must be a number of minutes (got 0).", ""),
    ("duration-nan", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: .nan")},
     BASICS, 3, "`duration` must be a number of minutes (got nan).", ""),
    ("duration-infinite", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: .inf")},
     BASICS, 3, "`duration` must be a number of minutes (got inf).", ""),
    ("module-pass-mark", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "pass_mark: 101")},
     BASICS, 4, "`pass_mark` must be a number from 0 to 100 (got 101).", ""),
    ("objectives-not-text", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "objectives: [1, {a: b}]")},
     BASICS, 4, "`objectives` must be a list of text items.", ""),
    ("no-front-matter", CURRICULUM, {"welcome": module(), "basics": "# Basics\n\nText.\n"},
     BASICS, 1, "this module has no front matter.", "Start the file with `---`"),
    ("front-matter-not-mapping", CURRICULUM, {"welcome": module(), "basics": front("- a", "- b")},
     BASICS, 2, "the front matter must be `key: value` lines.", ""),
    ("front-matter-tab", CURRICULUM, {"welcome": module(), "basics": front("title: B", "\tduration: 5")},
     BASICS, 3, "invalid YAML", "indent with spaces"),
    ("front-matter-bad-date", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "summary: 2001-13-45")},
     BASICS, 4, "invalid YAML: cannot read this value (month must be in 1..12).", "put it in quotes"),
    ("front-matter-control-character", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "summary: a\x07b")},
     BASICS, 4, "invalid YAML: the control character U+0007 is not allowed.", ""),
    ("prerequisite-unknown", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "prerequisites: [welcom]")},
     BASICS, 4, "prerequisite 'welcom' is not a module.", "Did you mean 'welcome'?"),
    ("prerequisite-self", CURRICULUM, {"welcome": module(), "basics": front("title: B", "duration: 5", "prerequisites: [basics]")},
     BASICS, 4, "a module cannot be its own prerequisite.", "Remove it."),
    ("prerequisite-missing-from-path", CURRICULUM.replace("path: [welcome]", "path: [basics]"),
     {"welcome": module(), "basics": front("title: B", "duration: 5", "summary: s", "prerequisites:", "  - welcome")},
     BASICS, 5, "prerequisite 'welcome' is missing from the path of role 'managers', which includes 'basics'.",
     "Add 'welcome' before 'basics' in that path"),
    ("prerequisite-later", CURRICULUM,
     {"welcome": front("title: W", "duration: 5", "prerequisites: [basics]"), "basics": module()},
     WELCOME, 4, "prerequisite 'basics' comes after 'welcome' in the path of role 'frontline'.",
     "Move 'basics' before 'welcome' in curriculum.yml."),
    ("prerequisite-cycle", CURRICULUM,
     {"welcome": front("title: W", "duration: 5", "prerequisites: [basics]"),
      "basics": front("title: B", "duration: 5", "prerequisites: [welcome]")},
     BASICS, 4, "prerequisites form a cycle: basics -> welcome -> basics.", "Remove one of these prerequisites."),
    ("unknown-role-in-for", CURRICULUM, {"welcome": module(), "basics": module(body="/// for | manager\nx\n///\n")},
     BASICS, 7, "unknown role 'manager' in `/// for`.", "Did you mean 'managers'? Known roles: frontline, managers."),
    ("unclosed-block", CURRICULUM, {"welcome": module(), "basics": module(body="Intro.\n\n/// quiz | Q?\n- [x] a\n- [ ] b\n")},
     BASICS, 9, "the `/// quiz` block opened here is never closed.", "Add a line with only `///`"),
    ("quiz-error-line-in-module", CURRICULUM, {"welcome": module(), "basics": module(body="/// quiz | Q?\n- [ ] a\n- [ ] b\n///\n")},
     BASICS, 7, "no choice of this quiz is marked correct.", "- [x]"),
    ("bad-file-name", CURRICULUM, {"welcome": module(), "basics": module(), "Extra Page": module()},
     "content/modules/Extra Page.md", None, "the file name gives the module id 'Extra Page', which is not allowed.",
     "Rename the file"),
    ("not-utf8", CURRICULUM, {"welcome": module(), "basics": module().encode() + b"Caf\xe9 au lait.\n"},
     BASICS, 7, "the file is not valid UTF-8 (byte 0xe9).", "Save it with UTF-8 encoding."),
    ("empty-module", CURRICULUM, {"welcome": module(), "basics": ""},
     BASICS, None, "this module file is empty.", "front matter"),
    ("empty-curriculum", "", None, CUR, None, "the curriculum file is empty.", ""),
    ("comment-only-curriculum", "# nothing yet\n", None, CUR, None, "the curriculum file is empty.", ""),
    ("curriculum-is-a-list", "- a\n- b\n", None, CUR, None, "the curriculum must be a YAML mapping", ""),
]


@pytest.mark.parametrize("cur, modules, file, line, message, hint", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error(tmp_path, cur, modules, file, line, message, hint):
    _, problems = load(project(tmp_path, cur, modules))
    matches = found(problems, message)
    assert matches, "\n".join(str(p) for p in problems.items)
    problem = matches[0]
    assert (problem.file, problem.line) == (file, line), str(problem)
    assert hint in problem.hint
    where = f"{file}:{line}: " if line else f"{file}: "
    assert str(problem).startswith(where + message)
    assert problem.severity == (WARNING if "in no role's path" in message else ERROR)


def test_every_case_fails_the_build_except_the_warning(tmp_path):
    """Errors fail every build; the module-in-no-path warning fails only --strict (no errors at all)."""
    for name, cur, modules, *_ in CASES:
        _, problems = load(project(tmp_path / name, cur, modules))
        if name == "orphan-module":
            assert problems.errors == [] and len(problems.warnings) == 1
        else:
            assert problems.errors, name


def test_problem_text():
    assert str(Problem("a.md", 3, "bad thing.", "Fix it.")) == "a.md:3: bad thing. Fix it."
    assert str(Problem("a.md", None, "bad thing.")) == "a.md: bad thing."


def test_every_mistake_is_reported_in_one_run(tmp_path):
    cur = CURRICULUM.replace("pass_mark: 80", "pass_mark: 800").replace("path: [welcome]", "path: [welcome, nope]")
    modules = {"welcome": front("title: W", "duration: x"), "basics": module(body="/// for | nobody\nx\n///\n")}
    _, problems = load(project(tmp_path, cur, modules))
    where = sorted((p.file, p.line) for p in problems.errors)
    assert where == sorted([(CUR, 2), (CUR, 11), (BASICS, 7), (WELCOME, 3)])


def test_unknown_key_does_not_stop_other_checks(tmp_path):
    cur = CURRICULUM + "extra: 1\n"
    curriculum, problems = load(project(tmp_path, cur))
    assert len(problems.errors) == 1
    assert curriculum is not None and list(curriculum.roles) == ["frontline", "managers"]


def test_missing_curriculum_and_modules_folder(tmp_path):
    _, problems = load(tmp_path)
    problem = only(problems.errors)
    assert (problem.file, problem.line) == (CUR, None)
    assert problem.message == "the curriculum file does not exist."
    (tmp_path / "curriculum.yml").write_text(CURRICULUM)
    _, problems = load(tmp_path)
    problem = found(problems, "the modules folder does not exist.")[0]
    assert problem.file == "content/modules"


def test_load_or_raise(tmp_path):
    curriculum = load_or_raise(FIXTURE / "curriculum.yml", FIXTURE / "content", FIXTURE)
    assert list(curriculum.roles) == ["frontline", "managers"]
    root = project(tmp_path, CURRICULUM.replace("pass_mark: 80", "pass_mark: 101").replace("[welcome]", "[nope]"))
    with pytest.raises(CurriculumError) as info:
        load_or_raise(root / "curriculum.yml", root / "content", root)
    assert len(info.value.problems) == 2
    assert "curriculum.yml:2: `pass_mark`" in str(info.value)


def test_warnings_alone_do_not_raise(tmp_path):
    root = project(tmp_path, modules={"welcome": module(), "basics": module(), "extra": module()})
    assert load_or_raise(root / "curriculum.yml", root / "content", root) is not None


# --------------------------------------------------------------------------- hardening


def _crlf_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()


QUIZ = "/// quiz | Q?\n    shuffle: true\n- [x] a\n    Yes.\n- [ ] b\n\nBecause.\n///\n"


def test_bom_and_windows_line_endings_load_like_plain_files(tmp_path):
    plain = {"welcome": module("W", QUIZ), "basics": module("B")}
    expected, problems = load(project(tmp_path / "plain", CURRICULUM, plain))
    assert problems.items == []
    for name, convert in (("crlf", lambda t: t.replace("\n", "\r\n").encode()),
                          ("bom", lambda t: b"\xef\xbb\xbf" + t.encode()),
                          ("both", _crlf_bom),
                          ("cr-only", lambda t: t.replace("\n", "\r").encode())):
        root = project(tmp_path / name, convert(CURRICULUM), {k: convert(v) for k, v in plain.items()})
        curriculum, problems = load(root)
        assert problems.items == [], name
        assert curriculum == expected, name
        question = curriculum.modules["welcome"].questions()[0]
        assert question.choices[0].feedback == "Yes." and question.explanation == "Because."
        assert question.line == 7


def test_windows_line_endings_keep_error_lines(tmp_path):
    modules = {"welcome": module(), "basics": _crlf_bom(module(body="/// for | nobody\nx\n///\n"))}
    _, problems = load(project(tmp_path, _crlf_bom(CURRICULUM + "pass_mrk: 1\n"), modules))
    assert sorted((p.file, p.line) for p in problems.errors) == sorted([(CUR, 12), (BASICS, 7)])


def test_five_megabyte_module_loads_quickly(tmp_path):
    chunk = "A paragraph of ordinary text that goes on for a while.\n\n" + QUIZ.replace("Q?", "Question?") + "\n"
    body = chunk * (5 * 1024 * 1024 // len(chunk) + 1)
    root = project(tmp_path, modules={"welcome": module("W", body), "basics": module()})
    assert (root / WELCOME).stat().st_size > 5 * 1024 * 1024
    start = time.monotonic()
    curriculum, problems = load(root)
    assert time.monotonic() - start < 30
    assert problems.items == []
    questions = curriculum.modules["welcome"].questions()
    assert len(questions) == body.count("/// quiz")
    assert len({q.id for q in questions}) == len(questions)  # derived ids stay unique (and linear to make)


def test_file_over_ten_megabytes_is_refused(tmp_path):
    root = project(tmp_path, modules={"welcome": module("W", "x" * (11 * 1024 * 1024)), "basics": module()})
    start = time.monotonic()
    _, problems = load(root)
    assert time.monotonic() - start < 10
    problem = only(problems.errors)
    assert problem.file == WELCOME
    assert problem.message == "the file is 11.0 MB, over the 10 MB limit."


def test_path_of_five_hundred_modules(tmp_path):
    ids = [f"m{i:03}" for i in range(500)]
    cur = "title: Big\nroles:\n  everyone:\n    title: Everyone\n    path:\n" + "".join(f"      - {m}\n" for m in ids)
    root = project(tmp_path, cur, {m: module(m) for m in ids})
    start = time.monotonic()
    curriculum, problems = load(root)
    assert time.monotonic() - start < 30
    assert problems.items == []
    role = curriculum.roles["everyone"]
    assert [s.module for s in role.path] == ids
    assert role.path[-1].line == 505
    assert role.required_minutes(curriculum.modules) == 5000


def test_long_prerequisite_chain_is_no_cycle(tmp_path):
    ids = [f"m{i:03}" for i in range(500)]
    cur = "title: Big\nroles:\n  everyone:\n    title: Everyone\n    path:\n" + "".join(f"      - {m}\n" for m in ids)
    modules = {m: front(f"title: {m}", "duration: 1", *([f"prerequisites: [{ids[i - 1]}]"] if i else []))
               for i, m in enumerate(ids)}
    _, problems = load(project(tmp_path, cur, modules))
    assert problems.items == []


def test_deeply_nested_blocks_are_an_error_not_a_crash(tmp_path):
    depth = 5000
    body = "/// for | frontline\n" * depth + "Deep.\n" + "///\n" * depth
    _, problems = load(project(tmp_path, modules={"welcome": module(), "basics": module(body=body)}))
    problem = found(problems, "blocks are nested more than 16 deep.")[0]
    assert (problem.file, problem.line) == (BASICS, 7 + 16)
    assert problem.hint == "Flatten them."


def test_sixteen_levels_are_allowed(tmp_path):
    body = "/// for | frontline\n" * 16 + "Deep.\n" + "///\n" * 16
    _curriculum, problems = load(project(tmp_path, modules={"welcome": module(), "basics": module(body=body)}))
    assert problems.items == []


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path):
    cur = CURRICULUM + "extra: " + "[" * 3000 + "]" * 3000 + "\n"
    _, problems = load(project(tmp_path, cur))
    assert problems.errors and all(p.file == CUR for p in problems.errors)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_out_of_content_is_an_error(tmp_path):
    root = project(tmp_path / "project")
    secret = tmp_path / "secret.md"
    secret.write_text(module("Secret"))
    (root / "content" / "modules" / "evil.md").symlink_to(secret)
    curriculum, problems = load(root)
    problem = only(problems.errors)
    assert problem.file == "content/modules/evil.md"  # named where it is, not where it points
    assert problem.message == "this module is a link to a file outside the docs folder."
    assert "evil" not in curriculum.modules


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_modules_folder_linked_out_of_content_is_one_error(tmp_path):
    root = project(tmp_path / "project")
    outside = tmp_path / "elsewhere"
    (root / "content" / "modules").rename(outside)
    (root / "content" / "modules").symlink_to(outside, target_is_directory=True)
    curriculum, problems = load(root)
    problem = only(problems.errors)  # not also "module ... does not exist" for every step of every path
    assert (problem.file, problem.message) == ("content/modules", "the modules folder is a link to a folder outside the docs folder.")
    assert curriculum.modules == {}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_dangling_symlink_is_an_error(tmp_path):
    root = project(tmp_path)
    (root / "content" / "modules" / "gone.md").symlink_to(root / "content" / "nowhere.md")
    _, problems = load(root)
    problem = only(problems.errors)
    assert problem.file == "content/modules/gone.md"


def test_folder_named_like_a_module(tmp_path):
    root = project(tmp_path)
    (root / "content" / "modules" / "odd.md").mkdir()
    _, problems = load(root)
    problem = only(problems.errors)
    assert (problem.file, problem.message) == ("content/modules/odd.md", "cannot read the file (Is a directory).")
