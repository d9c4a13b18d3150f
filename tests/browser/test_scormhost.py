"""The SCORM packages in a second, independent LMS player: scormhost (PyPI, FastAPI; pinned in the test extra).

scorm-again (test_scorm_browser.py) is a runtime that a test page hosts; scormhost is a whole LMS: its own
upload form, its own activity menu (it reads the manifest's organisation), its own player page and API, and it
keeps what the SCO sent on its server. Everything goes through its own pages, as HR and a learner would use
them, on a server started here on 127.0.0.1 only. What it stored is read back from its own API. Both kinds of
package run in it: one per role (an activity menu) and one per module (`--per-module`: launched directly).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import FIXTURES, missing

pytestmark = pytest.mark.browser
LIMIT = 4096


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def _packages(base: str) -> tuple:
    from mkdocs_curriculum.export import scorm

    project = Path(base) / "project"
    shutil.copytree(FIXTURES / "basic", project)
    return tuple(scorm.export_packages(project / "mkdocs.yml", Path(base) / "zips"))


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A scormhost server on a free loopback port, with nothing in it yet; yields its base URL."""
    try:
        import uvicorn
        from scormhost import create_scorm_app
    except ImportError as exc:
        missing(f"scormhost is not installed ({exc}): run `pip install -e \".[test]\"`")
    data = tmp_path_factory.mktemp("scormhost")
    app = create_scorm_app(data_dir=data, title="Test LMS", secret_key="test-only-secret-key-0123456789abcdef",
                           database_url=f"sqlite:///{data / 'scormhost.db'}")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("scormhost did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def hr(host, browser):
    """HR's browser, signed in to the LMS as its admin (the first account registered)."""
    context = browser.new_context()
    page = context.new_page()
    answer = page.request.post(f"{host}/api/auth/register", data={
        "email": "hr@curriculum-tests.org", "username": "hr-admin", "password": "correct-horse-9", "display_name": "HR"})
    assert answer.ok, answer.text()
    yield page
    context.close()


def upload(hr, host, path: Path) -> str:
    """HR uploads a zip with the catalogue's own upload form; returns the package's id in the LMS."""
    hr.goto(f"{host}/")
    hr.locator("#upload-form input[type=file]").set_input_files(str(path))
    with hr.expect_navigation():  # the form reloads the catalogue once the package is in
        hr.get_by_role("button", name="Upload").click()
    return path.stem


@pytest.fixture(scope="module")
def imported(hr, host, tmp_path_factory):
    """Each role's zip, uploaded by HR. Returns {role: package id}."""
    zips = _packages(str(tmp_path_factory.mktemp("scormhost-zips")))
    ids = {path.name.split("-scorm12")[0]: upload(hr, host, path) for path in zips}
    listed = {p["id"]: p for p in hr.request.get(f"{host}/api/packages").json()}
    assert set(ids.values()) <= set(listed)
    assert listed[ids["frontline"]]["title"] == "Frontline staff" and listed[ids["frontline"]]["launch_count"] == 3
    assert listed[ids["managers"]]["launch_count"] == 2
    return ids


def open_from_menu(page, host, package, title=None):
    """The learner opens the course from the catalogue, then the module from the course's activity menu (a
    package of one module, `title` None, launches from the catalogue's own "Launch")."""
    page.goto(f"{host}/")
    page.locator("tr", has_text=package).get_by_role("link").click()
    if title is not None:
        page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url("**/launch/**")
    frame = page.frame_locator("#scormhost-content")
    frame.locator(".cq-module-head").wait_for()
    page.wait_for_function("() => !['', 'not attempted'].includes(API.LMSGetValue('cmi.core.lesson_status'))")  # it started
    return frame


def leave(page, host):
    """The player's own navigation: the Catalog link of its banner (the SCO finishes as its page goes)."""
    page.get_by_role("link", name="Catalog").click()
    page.wait_for_url(f"{host}/")


def stored(page, host, package, href, until=None) -> dict:
    """What scormhost keeps for this learner and SCO, from its API (waiting for `until`: its save is a fetch)."""
    url = f"{host}/api/scorm/{package}/cmi?launch={quote(href, safe='')}"
    deadline = time.monotonic() + 10
    while True:
        elements = page.request.get(url).json()["elements"]
        if until is None or until(elements) or time.monotonic() > deadline:
            return elements
        time.sleep(0.1)


def menu_titles(page, host, package) -> list:
    page.goto(f"{host}/packages/{package}")
    return page.locator("li a").all_inner_texts()


def learner(browser, errors, cookies=()):
    """A browser of one learner: a fresh context (empty localStorage), with the LMS's cookie for that learner."""
    context = browser.new_context()
    context.add_cookies(list(cookies))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page


def guest_id(context) -> list:
    return [c for c in context.cookies() if c["name"] == "scormhost_guest_id"]


def test_every_sco_launches_from_the_players_menu_records_and_restores(browser, host, imported):
    """One learner per role (localStorage is shared by every package on the LMS's origin, as the site's is)."""
    front, managers, errors = imported["frontline"], imported["managers"], []

    def status(expected):  # what the SCO sent last has reached scormhost's server (its saves are fetches)
        return lambda elements: elements.get("cmi.core.lesson_status") == expected
    context, page = learner(browser, errors)
    try:
        assert menu_titles(page, host, front) == ["Basics", "The process", "Extras"]
        frame = open_from_menu(page, host, front, "Basics")  # fail it
        frame.get_by_label("Only the front line").check()
        frame.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
        frame.get_by_label("Your answer").fill("help")
        frame.locator(".cq-quiz").nth(1).get_by_role("button", name="Check").click()
        page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'failed'")
        leave(page, host)
        frame = open_from_menu(page, host, front, "The process")  # pass it
        frame.get_by_label("Listen").check()
        frame.get_by_label("Help").check()
        frame.get_by_role("button", name="Check").click()
        page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'passed'")
        leave(page, host)
        frame = open_from_menu(page, host, front, "Extras")  # complete it: no quizzes
        frame.get_by_role("button", name="Mark as complete").click()
        page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'completed'")
        leave(page, host)
        records = {m: stored(page, host, front, f"paths/frontline/{m}.html", status(s))
                   for m, s in (("basics", "failed"), ("process", "passed"), ("extras", "completed"))}
        first = guest_id(context)
    finally:
        context.close()
    context, page = learner(browser, errors)
    try:
        assert menu_titles(page, host, managers) == ["Basics", "The process"]
        frame = open_from_menu(page, host, managers, "Basics")  # pass it, then a note
        frame.get_by_label("Everyone", exact=True).check()
        frame.locator(".cq-quiz").first.get_by_role("button", name="Check").click()
        frame.get_by_label("Your answer").fill("help")
        frame.locator(".cq-quiz").nth(1).get_by_role("button", name="Check").click()
        page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'passed'")
        frame.get_by_label("My notes").fill("Thank Ana for the refund call.")
        leave(page, host)
        open_from_menu(page, host, managers, "The process")  # only opened
        leave(page, host)
        records["m-basics"] = stored(page, host, managers, "paths/managers/basics.html",
                                     lambda e: "Thank Ana" in e.get("cmi.suspend_data", ""))
        records["m-process"] = stored(page, host, managers, "paths/managers/process.html", status("incomplete"))
        second = guest_id(context)
    finally:
        context.close()

    seen = {k: (e.get("cmi.core.lesson_status"), e.get("cmi.core.score.raw")) for k, e in records.items()}
    assert seen == {"basics": ("failed", "50"), "process": ("passed", "100"),
                    "extras": ("completed", "0"),  # scormhost's own default score: none is sent
                    "m-basics": ("passed", "100"), "m-process": ("incomplete", "0")}
    for key, elements in records.items():
        assert re.fullmatch(r"\d{4}:\d\d:\d\d", elements["cmi.core.session_time"]), key
        assert len(elements["cmi.suspend_data"]) <= LIMIT
    assert json.loads(records["basics"]["cmi.suspend_data"])["a"] == {
        "who-serves-customers": [0, [0]], "which-step-comes-right-after-listening": [1, "help"]}
    assert json.loads(records["extras"]["cmi.suspend_data"])["d"] == 1
    assert json.loads(records["m-basics"]["cmi.suspend_data"])["n"] == {
        "coaching-think-about-it": "Thank Ana for the refund call."}

    # Each learner on another computer: a fresh browser, the same learner to the LMS (its guest cookie).
    context, page = learner(browser, errors, first)
    try:
        frame = open_from_menu(page, host, front, "Basics")
        assert "Not quite" in frame.locator(".cq-quiz").first.locator(".cq-quiz__result").inner_text()
        assert frame.get_by_label("Your answer").input_value() == "help"
        assert "1/2 (50%)" in frame.locator("[data-cq-score]").inner_text()
        leave(page, host)
    finally:
        context.close()
    context, page = learner(browser, errors, second)
    try:
        frame = open_from_menu(page, host, managers, "Basics")
        assert frame.get_by_label("My notes").input_value() == "Thank Ana for the refund call."
        assert "2/2 (100%)" in frame.locator("[data-cq-score]").inner_text()
        leave(page, host)
    finally:
        context.close()
    assert not errors, errors


def test_a_package_per_module_launches_records_and_restores(browser, host, hr, tmp_path):
    """`export scorm --per-module`, for LMSs that launch one SCO per package: the last required module of a
    path, uploaded alone, passed, left by the player's own navigation, relaunched on another computer."""
    from mkdocs_curriculum.export import scorm

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "basic", project)
    zips = scorm.export_packages(project / "mkdocs.yml", tmp_path / "zips", ["frontline"], per_module=True)
    assert sorted(z.relative_to(tmp_path / "zips").as_posix() for z in zips) == [
        "frontline/basics-scorm12.zip", "frontline/extras-scorm12.zip", "frontline/process-scorm12.zip"]
    package = upload(hr, host, tmp_path / "zips/frontline/process-scorm12.zip")
    listed = {p["id"]: p for p in hr.request.get(f"{host}/api/packages").json()}
    assert listed[package]["title"] == "Frontline staff: The process" and listed[package]["launch_count"] == 1
    errors, failed = [], []
    context, page = learner(browser, errors)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        page.goto(f"{host}/")
        assert page.locator("tr", has_text=package).get_by_role("link").inner_text() == "Launch"
        frame = open_from_menu(page, host, package)
        frame.get_by_label("Listen").check()
        frame.get_by_label("Help").check()
        frame.get_by_role("button", name="Check").click()
        page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'passed'")
        leave(page, host)
        elements = stored(page, host, package, "paths/frontline/process.html",
                          lambda e: e.get("cmi.core.lesson_status") == "passed")
        assert (elements.get("cmi.core.lesson_status"), elements.get("cmi.core.score.raw")) == ("passed", "100")
        assert re.fullmatch(r"\d{4}:\d\d:\d\d", elements["cmi.core.session_time"])
        cookie = guest_id(context)
    finally:
        context.close()
    context, page = learner(browser, errors, cookie)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        frame = open_from_menu(page, host, package)
        assert frame.get_by_label("Listen").is_checked() and frame.get_by_label("Help").is_checked()
        assert "1/1 (100%)" in frame.locator("[data-cq-score]").inner_text()
        leave(page, host)
    finally:
        context.close()
    assert not errors, errors
    assert not failed, failed
