"""Checks for the sample curriculum in content/ and curriculum.yml.

Self-contained on purpose: only PyYAML and the standard library, and no import
of the plugin package, so the content can be checked while the plugin changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = ROOT / "curriculum.yml"
CONTENT = ROOT / "content"
SEEDS = ROOT.parent / "shared" / "seeds"

ROLES = {"frontline", "managers", "internal", "executives"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
FRONT_MATTER_KEYS = {"title", "summary", "duration", "objectives", "prerequisites"}
SHINGLE = 8

# Article titles may be cited in full (they are references, not copied prose).
# A run of words is excused only when it lies entirely inside one of these titles.
CITED_TITLES = [
    "Customer Service Trainer Offers Lessons on Changing Your Company",
    "Your Customer Service Overhaul Has to Happen Fast and Furious",
]


# --------------------------------------------------------------------------- helpers


def load_curriculum() -> dict:
    return yaml.safe_load(CURRICULUM.read_text(encoding="utf-8"))


def modules_dir() -> Path:
    return CONTENT / load_curriculum().get("modules", "modules")


def module_files() -> list[Path]:
    return sorted(modules_dir().glob("*.md"))


def split_front_matter(text: str) -> tuple[dict | None, str, int]:
    """Return (front matter, body, number of lines before the body)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            return meta, "\n".join(lines[i + 1 :]), i + 1
    return None, text, 0


def path_ids(role: dict) -> list[str]:
    return [e if isinstance(e, str) else e.get("module") for e in role.get("path") or []]


def lines_outside_fences(body: str):
    """Yield (line number, line) for lines that are not inside fenced code."""
    fence = None
    for n, line in enumerate(body.splitlines(), start=1):
        m = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield n, line


HEADER_RE = re.compile(r"^///\s*(?P<name>[a-z]+)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
CLOSE_RE = re.compile(r"^///\s*$")
OPTION_RE = re.compile(r"^ {4}(?P<key>[a-z_]+):\s*(?P<value>.*)$")
CHOICE_RE = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<text>.+)$")


class Block:
    def __init__(self, name: str, arg: str | None, line: int, parent: Block | None):
        self.name, self.arg, self.line, self.parent = name, arg, line, parent
        self.options: dict = {}
        self.body: list[str] = []
        self.closed = False

    def roles(self) -> set[str] | None:
        """Roles this block is limited to (None = everyone), including enclosing blocks."""
        own = None
        if self.name == "for":
            own = set((self.arg or "").split())
        elif "for" in self.options:
            own = set(str(self.options["for"]).split())
        outer = self.parent.roles() if self.parent else None
        if own is None:
            return outer
        return own if outer is None else own & outer


def parse_blocks(body: str) -> tuple[list[Block], list[str]]:
    """A small parser for the `///` blocks, enough to check the authoring contract."""
    blocks: list[Block] = []
    errors: list[str] = []
    stack: list[Block] = []
    in_options = False
    for n, line in lines_outside_fences(body):
        header = HEADER_RE.match(line)
        if header and header.group("name"):
            parent = stack[-1] if stack else None
            block = Block(header.group("name"), header.group("arg"), n, parent)
            blocks.append(block)
            stack.append(block)
            in_options = True
            continue
        if CLOSE_RE.match(line):
            if not stack:
                errors.append(f"line {n}: '///' closes nothing")
            else:
                stack.pop().closed = True
            in_options = False
            continue
        if not stack:
            continue
        current = stack[-1]
        option = OPTION_RE.match(line) if in_options else None
        if option:
            current.options.update(yaml.safe_load(line.strip()))
            continue
        in_options = False
        current.body.append(line)
    for block in stack:
        errors.append(f"line {block.line}: '/// {block.name}' is never closed")
    return blocks, errors


def parse_choices(lines: list[str]) -> list[dict]:
    """Choices of a quiz body: [{'correct': bool, 'text': str, 'feedback': [lines]}]."""
    choices: list[dict] = []
    current = None
    for line in lines:
        m = CHOICE_RE.match(line)
        if m:
            current = {"correct": m.group("mark") != " ", "text": m.group("text"), "feedback": []}
            choices.append(current)
        elif current is not None and line.startswith("    ") and line.strip():
            current["feedback"].append(line.strip())
        elif current is not None and line.strip():
            current = None  # text after the list: the explanation
    return choices


def words_of(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    # Some seed files lost their apostrophes to '?' ("it?s"): treat those as apostrophes too.
    text = re.sub(r"(?<=[a-z])\?(?=[a-z])", "'", text)
    return re.findall(r"[a-z0-9']+", text)


def shingles(words: list[str], size: int = SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def prose_files() -> list[Path]:
    return [CONTENT / "index.md", CONTENT / "credits.md", *module_files()]


# --------------------------------------------------------------------------- 1. front matter


def test_there_are_enough_modules():
    assert len(module_files()) >= 12


@pytest.mark.parametrize("path", module_files(), ids=lambda p: p.stem)
def test_module_front_matter(path: Path):
    meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert isinstance(meta, dict), f"{path.name}: no front matter"
    assert ID_RE.match(path.stem), f"{path.name}: module id must be lower-case letters, digits, '-'"
    assert set(meta) <= FRONT_MATTER_KEYS, f"{path.name}: unknown keys {set(meta) - FRONT_MATTER_KEYS}"
    assert isinstance(meta.get("title"), str) and meta["title"].strip(), f"{path.name}: title"
    assert isinstance(meta.get("summary"), str) and meta["summary"].strip(), f"{path.name}: summary"
    duration = meta.get("duration")
    assert isinstance(duration, int) and not isinstance(duration, bool), f"{path.name}: duration"
    assert 10 <= duration <= 30, f"{path.name}: duration {duration} outside 10-30 minutes"
    objectives = meta.get("objectives")
    assert isinstance(objectives, list) and objectives, f"{path.name}: objectives"
    assert 2 <= len(objectives) <= 4, f"{path.name}: {len(objectives)} objectives, expected 2-4"
    assert all(isinstance(o, str) and o.strip() for o in objectives)
    prereqs = meta.get("prerequisites", [])
    assert isinstance(prereqs, list) and all(isinstance(p, str) for p in prereqs)


def test_module_titles_are_unique():
    titles = [split_front_matter(p.read_text(encoding="utf-8"))[0]["title"] for p in module_files()]
    assert len(titles) == len(set(titles))


# --------------------------------------------------------------------------- 2. blocks


def block_header_count(body: str, name: str) -> int:
    return sum(1 for _, line in lines_outside_fences(body) if re.match(rf"^/// {name}\b", line))


@pytest.mark.parametrize("path", module_files(), ids=lambda p: p.stem)
def test_module_has_quizzes_and_coaching(path: Path):
    _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert block_header_count(body, "quiz") >= 2, f"{path.name}: fewer than 2 quiz blocks"
    assert block_header_count(body, "coaching") >= 1, f"{path.name}: no coaching block"


@pytest.mark.parametrize("path", module_files(), ids=lambda p: p.stem)
def test_blocks_follow_the_contract(path: Path):
    _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    blocks, errors = parse_blocks(body)
    assert not errors, f"{path.name}: {errors}"
    for b in blocks:
        where = f"{path.name} line {b.line} (/// {b.name})"
        assert b.name in {"for", "quiz", "coaching"}, f"{where}: unknown block"
        if b.parent is not None:
            assert b.parent.name == "for", f"{where}: only a 'for' block may contain other blocks"
        limited = b.roles()
        assert limited is None or (limited and limited <= ROLES), f"{where}: bad roles {limited}"
        if b.name == "for":
            assert b.arg and set(b.arg.split()) <= ROLES, f"{where}: bad role list {b.arg!r}"
            assert not b.options, f"{where}: 'for' takes no options"
        elif b.name == "coaching":
            assert b.arg, f"{where}: coaching needs a title"
            assert set(b.options) <= {"for", "notes"}, f"{where}: options {b.options}"
            assert any(line.strip() for line in b.body), f"{where}: empty coaching prompt"
        elif b.name == "quiz":
            assert b.arg and b.arg.strip(), f"{where}: quiz needs a question"
            assert set(b.options) <= {"for", "shuffle", "id", "answer"}, f"{where}: options {b.options}"
            choices = parse_choices(b.body)
            if "answer" in b.options:
                assert not choices, f"{where}: a free-text question takes no choices"
                answers = b.options["answer"]
                answers = answers if isinstance(answers, list) else [answers]
                assert answers and all(isinstance(a, str) and a.strip() for a in answers), (
                    f"{where}: answers must be non-empty strings (quote numbers)"
                )
            else:
                assert len(choices) >= 2, f"{where}: needs at least two choices or an answer"
                assert any(c["correct"] for c in choices), f"{where}: no correct choice"
                for c in choices:
                    if not c["correct"]:
                        assert c["feedback"], f"{where}: wrong choice without feedback: {c['text']}"


def test_quiz_ids_are_unique():
    seen = set()
    for path in module_files():
        blocks, _ = parse_blocks(split_front_matter(path.read_text(encoding="utf-8"))[1])
        for b in blocks:
            if b.name == "quiz" and "id" in b.options:
                key = (path.stem, b.options["id"])
                assert key not in seen, f"duplicate quiz id {key}"
                seen.add(key)


def test_every_role_sees_enough_of_each_module():
    """Each role that studies a module sees >= 2 of its questions and >= 1 coaching prompt."""
    curriculum = load_curriculum()
    for role_id, role in curriculum["roles"].items():
        for module_id in path_ids(role):
            text = (modules_dir() / f"{module_id}.md").read_text(encoding="utf-8")
            blocks, _ = parse_blocks(split_front_matter(text)[1])

            def visible(b: Block, role_id: str = role_id) -> bool:
                limited = b.roles()
                return limited is None or role_id in limited

            quizzes = [b for b in blocks if b.name == "quiz" and visible(b)]
            coaching = [b for b in blocks if b.name == "coaching" and visible(b)]
            assert len(quizzes) >= 2, f"{role_id} sees {len(quizzes)} questions in {module_id}"
            assert coaching, f"{role_id} sees no coaching prompt in {module_id}"


def test_role_sections_target_roles_that_study_the_module():
    """A '/// for' section for a role whose path lacks the module would never be shown."""
    curriculum = load_curriculum()
    studied_by: dict[str, set[str]] = {}
    for role_id, role in curriculum["roles"].items():
        for module_id in path_ids(role):
            studied_by.setdefault(module_id, set()).add(role_id)
    for path in module_files():
        blocks, _ = parse_blocks(split_front_matter(path.read_text(encoding="utf-8"))[1])
        for b in blocks:
            limited = b.roles()
            if limited is not None:
                assert limited & studied_by.get(path.stem, set()), (
                    f"{path.name} line {b.line}: /// {b.name} for {sorted(limited)} is never shown"
                )


@pytest.mark.parametrize("path", module_files(), ids=lambda p: p.stem)
def test_module_length(path: Path):
    _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    count = len(re.findall(r"[A-Za-z0-9'\u2019]+", body))
    assert 600 <= count <= 1200, f"{path.name}: {count} words, expected 600-1200"


# --------------------------------------------------------------------------- 3. curriculum.yml


def test_curriculum_shape():
    c = load_curriculum()
    assert set(c) <= {"title", "pass_mark", "modules", "roles"}
    assert isinstance(c["title"], str) and c["title"].strip()
    assert isinstance(c["pass_mark"], int) and 0 < c["pass_mark"] <= 100
    assert set(c["roles"]) == ROLES
    for role_id, role in c["roles"].items():
        assert ID_RE.match(role_id)
        assert set(role) <= {"title", "description", "path"}, f"{role_id}: {set(role)}"
        assert role.get("title") and role.get("description"), role_id
        for entry in role["path"]:
            if isinstance(entry, dict):
                assert set(entry) <= {"module", "optional", "due_days"}, f"{role_id}: {entry}"
                assert isinstance(entry.get("optional", False), bool)
                if "due_days" in entry:
                    assert isinstance(entry["due_days"], int) and entry["due_days"] > 0
            else:
                assert isinstance(entry, str), f"{role_id}: {entry!r}"


def test_role_titles():
    roles = load_curriculum()["roles"]
    assert roles["frontline"]["title"] == "Frontline staff"
    assert roles["managers"]["title"] == "Middle managers"
    assert roles["internal"]["title"] == "Internal service providers"
    assert roles["executives"]["title"] == "Executives"


def test_paths_and_module_files_match():
    c = load_curriculum()
    files = {p.stem for p in module_files()}
    in_paths = set()
    for role_id, role in c["roles"].items():
        ids = path_ids(role)
        assert 5 <= len(ids) <= 9, f"{role_id}: {len(ids)} modules, expected 5-9"
        assert len(ids) == len(set(ids)), f"{role_id}: a module appears twice"
        missing = [i for i in ids if i not in files]
        assert not missing, f"{role_id}: no file for {missing}"
        in_paths.update(ids)
    assert not files - in_paths, f"modules in no path: {sorted(files - in_paths)}"


def test_due_days_grow_along_each_path():
    for role_id, role in load_curriculum()["roles"].items():
        due = [e["due_days"] for e in role["path"] if isinstance(e, dict) and "due_days" in e]
        assert due == sorted(due), f"{role_id}: due_days go backwards: {due}"


def test_prerequisites_come_earlier_in_every_path():
    c = load_curriculum()
    prereqs = {
        p.stem: split_front_matter(p.read_text(encoding="utf-8"))[0].get("prerequisites", [])
        for p in module_files()
    }
    for module_id, needs in prereqs.items():
        for need in needs:
            assert need in prereqs, f"{module_id}: unknown prerequisite {need}"
    # No cycles (depth-first search).
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]):
        if state.get(node) == 1:
            pytest.fail(f"prerequisite cycle: {' -> '.join([*trail, node])}")
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in prereqs.get(node, []):
            visit(nxt, [*trail, node])
        state[node] = 2

    for node in prereqs:
        visit(node, [])
    for role_id, role in c["roles"].items():
        ids = path_ids(role)
        for pos, module_id in enumerate(ids):
            for need in prereqs.get(module_id, []):
                assert need in ids[:pos], (
                    f"{role_id}: {module_id} needs {need}, which is not earlier in the path"
                )


# --------------------------------------------------------------------------- home and credits


@pytest.mark.build
def test_home_page_links(sample_site):
    """The home page places the plugin's role choice (AUTHORING: the roles marker) and links the credits; the
    built page leads to every role's path."""
    text = (CONTENT / "index.md").read_text(encoding="utf-8")
    assert "<!-- curriculum:roles -->" in text and "](credits.md)" in text
    built = (sample_site / "index.html").read_text(encoding="utf-8")
    for role in sorted(ROLES):
        assert f'href="paths/{role}/"' in built, f"the home page has no link to the {role} path"


def test_credits_page_names_every_module_it_cites():
    text = (CONTENT / "credits.md").read_text(encoding="utf-8")
    assert "Sources and credits" in text
    for name in ["Kevin Stirtz", "Mark Walker", "Ron Kaufman", "Seth Godin", "Jerry Sternin"]:
        assert name in text, f"credits.md does not mention {name}"


# --------------------------------------------------------------------------- 4. plagiarism


def seed_shingles() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.iterdir()):
        if seed.is_file():
            found |= shingles(words_of(seed.read_text(encoding="utf-8", errors="replace")))
    return found


def test_no_text_copied_from_seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    copied_from = seed_shingles()
    assert copied_from, "no seed text was read"
    excused = set()
    for title in CITED_TITLES:
        excused |= shingles(words_of(title))
    problems = []
    for path in prose_files():
        words = words_of(path.read_text(encoding="utf-8"))
        for i in range(len(words) - SHINGLE + 1):
            run = tuple(words[i : i + SHINGLE])
            if run in copied_from and run not in excused:
                problems.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}'")
    for problem in problems:
        print(problem)
    assert not problems, "text copied from the seed articles:\n" + "\n".join(problems)
