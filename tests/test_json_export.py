"""curriculum.json: the curriculum as data, valid against its versioned JSON Schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES
from mkdocs_curriculum import export
from mkdocs_curriculum.cli import main
from mkdocs_curriculum.load import load_curriculum

BASIC = FIXTURES / "basic"


@pytest.fixture(scope="module")
def data():
    curriculum, problems = load_curriculum(BASIC / "curriculum.yml", BASIC / "content", BASIC)
    assert not problems.items
    return export.curriculum_data(curriculum, export.site_url(curriculum.modules_dir))


@pytest.fixture(scope="module")
def validator():
    schema = export.load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_versioned():
    schema = export.load_schema()
    assert Path(export.__file__).parent.parent / "schema" / "curriculum.schema.json" == export.SCHEMA_PATH
    assert schema["$id"].endswith(f":{export.SCHEMA_VERSION}")
    assert schema["properties"]["schema_version"] == {"const": export.SCHEMA_VERSION,
                                                      "description": "The version of this schema the data follows."}


def test_data_validates(data, validator):
    validator.validate(data)
    assert data["schema_version"] == export.SCHEMA_VERSION
    json.loads(export.dumps(data))


def test_roles_and_paths_in_order(data):
    assert [r["id"] for r in data["roles"]] == ["frontline", "managers"]
    frontline = data["roles"][0]
    assert frontline["url"] == "paths/frontline/"
    assert (frontline["required_minutes"], frontline["optional_minutes"]) == (35, 10)
    assert [s["module"] for s in frontline["path"]] == ["basics", "process", "extras"]
    assert frontline["path"][2] == {"module": "extras", "title": "Extras", "optional": True, "due_days": 30,
                                    "minutes": 10, "quizzes": 0, "coaching_prompts": 0,
                                    "url": "paths/frontline/extras/"}
    assert frontline["path"][0]["due_days"] is None


def test_role_versions_count_their_own_quizzes_and_prompts(data):
    basics = {r["id"]: r["path"][0] for r in data["roles"]}
    assert (basics["frontline"]["coaching_prompts"], basics["managers"]["coaching_prompts"]) == (0, 1)
    assert basics["frontline"]["quizzes"] == basics["managers"]["quizzes"] == 2


def test_modules(data):
    modules = {m["id"]: m for m in data["modules"]}
    assert list(modules) == ["basics", "extras", "process"]
    assert modules["process"] == {
        "id": "process", "title": "The process", "summary": "One shared process.", "duration": 20,
        "objectives": ["Name the steps."], "prerequisites": ["basics"], "pass_mark": 80, "quizzes": 1,
        "coaching_prompts": 0, "words": modules["process"]["words"], "roles": ["frontline", "managers"],
        "url": "modules/process/"}
    assert modules["basics"]["quizzes"] == 2 and modules["basics"]["coaching_prompts"] == 1
    assert data["urls"] == {"catalog": "catalog/", "modules": "modules/"}


def test_urls_without_directory_urls():
    url = export.site_url("lessons", directory_urls=False)
    assert url("path", "a") == "paths/a/index.html"
    assert url("module", "a", "x/y") == "paths/a/x/y.html"
    assert url("trainer", "x") == "lessons/x.html"
    assert (url("index"), url("catalog")) == ("lessons/index.html", "catalog.html")
    url = export.site_url("lessons")
    assert (url("module", "a", "x/y"), url("index"), url("catalog")) == ("paths/a/x/y/", "lessons/", "catalog/")


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("schema_version"),
    lambda d: d.update(schema_version="2.0"),
    lambda d: d["roles"][0]["path"][0].update(due_days=-1),
    lambda d: d["roles"][0]["path"][0].update(optional="yes"),
    lambda d: d["modules"][0].update(duration=0),
    lambda d: d["modules"][0].update(surprise=1),
])
def test_schema_rejects_bad_data(data, validator, breakage):
    bad = copy.deepcopy(data)
    breakage(bad)
    assert list(validator.iter_errors(bad))


@pytest.mark.build
def test_the_build_writes_valid_curriculum_json(site_of, validator, tmp_path, monkeypatch):
    site = site_of("basic")
    built = json.loads((site / "curriculum.json").read_text(encoding="utf-8"))
    validator.validate(built)
    urls = [built["urls"]["catalog"], built["urls"]["modules"]]
    urls += [u for r in built["roles"] for u in [r["url"]] + [s["url"] for s in r["path"]]]
    urls += [m["url"] for m in built["modules"]]
    for url in urls:
        assert (site / url / "index.html").is_file(), f"{url} is not a page of the built site"
    monkeypatch.chdir(BASIC)
    assert main(["export", "json", "-o", str(tmp_path / "cli.json")]) == 0
    assert json.loads((tmp_path / "cli.json").read_text(encoding="utf-8")) == built
