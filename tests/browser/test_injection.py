"""Hostile text from authors and learners stays text: in the built HTML, in the data for the JS, in the browser.

tests/fixtures/hostile puts `hostile(n)` (script tags, `</script>`, quotes, `{{ 7*7 }}`, an `<img onerror>`,
an attribute-breaking `" onmouseover="`, `</title>`, `</textarea>`, an `<svg onload>`) into every text an
author writes; `n`, the argument of each `alert(n)`, tells which field a string came from (see its
curriculum.yml and content/modules/*.md). Learners then type more of the same into answers, notes and the
certificate name.
"""

from __future__ import annotations

import base64
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

KEY = "mkdocs-curriculum/v1"
SITE_NAME = "Hostile Academy"


def hostile(n: int) -> str:
    """The string tests/fixtures/hostile puts into the field numbered n."""
    return (f'<script>alert({n})</script> " \' </script> {{{{ 7*7 }}}} <img src=x onerror=alert({n})> '
            f'" onmouseover="alert({n}) </title></textarea><svg onload=alert({n})>')


CURRICULUM = "Academy " + hostile(1)
ROLES = {"frontline": "Frontline " + hostile(2), "managers": "Managers " + hostile(4)}
DESCRIPTIONS = {"frontline": "Serves customers " + hostile(3), "managers": "Leads teams " + hostile(5)}
MODULES = {"basics": "Basics " + hostile(10), "process": "Process " + hostile(50), "extras": "Extras " + hostile(70)}
LEARNER = '</textarea><img src=x onerror=alert(90)><script>alert(91)</script> " onmouseover="alert(92) {{ 7*7 }}'


@pytest.fixture(scope="module")
def site(site_of):
    return site_of("hostile")


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


# -- the built HTML -------------------------------------------------------------------------------


class Scan(HTMLParser):
    """Every element, attribute, script and text node of a page, as a browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.texts, self.title = [], [], [], None
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title", "style"):
            self._in = (tag, dict(attrs), [])

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            name, attrs, parts = self._in
            if name == "script":
                self.scripts.append((attrs, "".join(parts)))
            elif name == "title":
                self.title = "".join(parts)
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._in[2].append(data)
        else:
            self.texts.append(data)


def scan(text: str) -> Scan:
    parser = Scan()
    parser.feed(text)
    parser.close()
    return parser


def markup_problems(parser: Scan) -> list[str]:
    """Markup that only an injection could have produced."""
    bad = []
    for tag, attrs in parser.tags:
        bad += [f"<{tag} {name}={value!r}>" for name, value in attrs.items() if name.startswith("on")]
        if tag == "img" and attrs.get("src") == "x":
            bad.append(f"<img src=x> {attrs}")
    for _tag, attrs in parser.tags:
        if "data-cq-json" in attrs:
            try:
                json.loads(attrs["data-cq-json"])
            except ValueError:
                bad.append(f"data for the JS that is not JSON once unescaped: {attrs['data-cq-json'][:120]!r}")
    for attrs, body in parser.scripts:
        if attrs.get("type") == "application/json" and attrs.get("id") != "__config":
            bad.append(f"JSON in a <script>, which Material's page swap runs as JavaScript: {body[:120]!r}")
        elif "alert(" in body:
            bad.append(f"a script that runs alert(): {attrs} {body[:120]!r}")
    return bad


def test_the_hostile_fixture_builds_every_page_type(site):
    urls = {url_of(site, f) for f in pages_of(site)}
    assert {"", "catalog/", "modules/", "modules/basics/", "paths/frontline/", "paths/managers/",
            "paths/frontline/basics/", "paths/managers/basics/", "paths/frontline/extras/"} <= urls


def test_no_hostile_markup_in_any_built_page(site):
    problems = {}
    for file in pages_of(site):
        html = file.read_text(encoding="utf-8")
        parser = scan(html)
        bad = markup_problems(parser)
        if "<script>alert" in html:
            bad.append("an unescaped <script>alert")
        text = " ".join(parser.texts)
        if re.search(r"(?<![\w.])49(?![\w.])", text):
            bad.append("{{ 7*7 }} rendered as 49")
        if bad:
            problems[url_of(site, file)] = bad
    assert not problems, json.dumps(problems, indent=1)


def test_hostile_text_is_shown_literally_escaped_exactly_once(site):
    """Escaped, not dropped and not double-escaped: the text a reader gets is what the author wrote."""
    path = scan((site / "paths/frontline/index.html").read_text(encoding="utf-8"))
    text = "".join(path.texts)
    assert path.title == f"{ROLES['frontline']} - {SITE_NAME}"
    for expected in (ROLES["frontline"], DESCRIPTIONS["frontline"], MODULES["basics"], "Why " + hostile(11)):
        assert expected in text, expected
    module = scan((site / "paths/managers/basics/index.html").read_text(encoding="utf-8"))
    text = "".join(module.texts)
    assert module.title == f"{MODULES['basics']} - {SITE_NAME}"
    for expected in ("Say why " + hostile(12), hostile(13), "Who serves? " + hostile(20), "Scenario: " + hostile(21),
                     "Only the front line " + hostile(22), "Everyone " + hostile(24), "Type the secret " + hostile(30),
                     "Think " + hostile(40), "Body: " + hostile(41), hostile(44), ROLES["managers"]):
        assert expected in text, expected
    trainer = "".join(scan((site / "modules/basics/index.html").read_text(encoding="utf-8")).texts)
    assert f"Only in the version for: {ROLES['managers']}" in trainer
    assert f"Only for: {ROLES['managers']}" in trainer


def test_footer_links_name_their_page_exactly(site):
    """Material escapes the neighbour's title again in the link's aria-label; the name must read as the title."""
    html = (site / "paths/frontline/basics/index.html").read_text(encoding="utf-8")
    labels = dict(re.findall(r'class="md-footer__link md-footer__link--(prev|next)" aria-label="([^"]*)"', html))
    assert unescape(labels["prev"]) == "Previous: " + ROLES["frontline"]
    assert unescape(labels["next"]) == "Next: " + MODULES["process"]


def decode_key(key: str, pad: str):
    raw, pad_bytes = base64.b64decode(key), pad.encode("utf-8")
    return json.loads(bytes(b ^ pad_bytes[i % len(pad_bytes)] ^ (i * 7 & 0xFF) for i, b in enumerate(raw)))


def test_answer_data_the_js_inserts_as_html_holds_only_escaped_text(site):
    """`data-cq-key` feedback and explanations go through innerHTML: only harmless tags, hostile text as text."""
    html = (site / "paths/managers/basics/index.html").read_text(encoding="utf-8")
    keys = dict(re.findall(r'data-cq-quiz="([^"]+)"[^>]*?data-cq-key="([^"]+)"', html))
    assert set(keys) == {"who", "secret"}
    solutions = {qid: decode_key(key, f"basics/{qid}") for qid, key in keys.items()}
    fragments = {"who feedback 0": (solutions["who"]["feedback"][0], "Wrong: " + hostile(23)),
                 "who feedback 1": (solutions["who"]["feedback"][1], "Right: " + hostile(25)),
                 "who explanation": (solutions["who"]["explanation"], "Explanation: " + hostile(26)),
                 "secret explanation": (solutions["secret"]["explanation"], "Text explanation: " + hostile(33))}
    html = (site / "paths/managers/process/index.html").read_text(encoding="utf-8")
    (key,) = re.findall(r'data-cq-quiz="steps"[^>]*?data-cq-key="([^"]+)"', html)
    steps = decode_key(key, "process/steps")
    fragments.update({"steps feedback 0": (steps["feedback"][0], "Listening: " + hostile(62)),
                      "steps feedback 2": (steps["feedback"][2], "Arguing: " + hostile(65)),
                      "steps explanation": (steps["explanation"], "Multiple explanation: " + hostile(66))})
    for name, (fragment, expected) in fragments.items():
        parser = scan(fragment)
        assert {tag for tag, _ in parser.tags} <= {"p"}, (name, fragment)
        assert all(not attrs for _, attrs in parser.tags), (name, fragment)
        assert "".join(parser.texts) == expected, name
    # Stored as compared: case, spacing and the punctuation around an answer do not count (quiz.normalise).
    assert solutions["secret"]["answers"] == ["<script>alert(31)</script>", 'onmouseover="alert(32', "{{ 7*7 }}"]


def test_json_data_for_the_js_round_trips_exactly(site):
    html = (site / "paths/frontline/index.html").read_text(encoding="utf-8")
    (body,) = [a["data-cq-json"] for _, a in scan(html).tags if a.get("id") == "cq-path-data"]
    data = json.loads(body)
    assert data["curriculum"] == CURRICULUM and data["title"] == ROLES["frontline"]
    assert [m["title"] for m in data["modules"]] == [MODULES["basics"], MODULES["process"], MODULES["extras"]]
    assert data["modules"][0]["prompts"] == [{"id": "everyone", "title": "For everyone " + hostile(43),
                                              "body": hostile(44)}]  # the prompt's text: notes carry it (issue 14)


def test_the_search_index_holds_escaped_text(site):
    """Material's search shows titles and text from the index as HTML."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert not markup_problems(scan(doc[field])), doc
            assert "<script" not in doc[field] and "<img" not in doc[field] and "<svg" not in doc[field], doc


# -- in the browser -------------------------------------------------------------------------------

HOOKS = """
(() => {
  const report = (kind, args) => window.cqInjected(kind + ": " + Array.from(args).map(String).join(" "));
  for (const name of ["alert", "prompt"]) window[name] = function () { report(name, arguments); return null; };
  for (const name of ["log", "info", "warn", "error", "debug"]) {
    const original = console[name].bind(console);
    console[name] = function () {
      if (/alert|onerror|onload|onmouseover/.test(Array.from(arguments).join(" "))) report("console." + name, arguments);
      return original.apply(null, arguments);
    };
  }
})();
"""

SWEEP = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) if (/^on/i.test(attr.name)) bad.push(`<${el.localName} ${attr.name}="${attr.value}">`);
  }
  for (const s of document.querySelectorAll("script"))
    if (!s.src && s.type !== "application/json" && s.textContent.includes("alert(")) bad.push("script: " + s.textContent.slice(0, 80));
  for (const img of document.querySelectorAll("img[src='x'], svg[onload]")) bad.push(img.outerHTML);
  if (/(^|[^\\w.])49([^\\w.]|$)/.test(document.body.innerText)) bad.push("{{ 7*7 }} rendered as 49");
  return bad;
}"""


@pytest.fixture
def watched(page):
    """The page fixture, with every way a payload could announce itself reported into page.injected."""
    page.injected = []
    page.expose_function("cqInjected", lambda message: page.injected.append(message))
    page.add_init_script(HOOKS)
    page.on("dialog", lambda d: (page.injected.append(f"dialog {d.type}: {d.message}"), d.dismiss()))
    return page


@pytest.fixture(scope="module")
def base(site, serve):
    return serve(site)


def clean(page, where: str) -> None:
    page.wait_for_timeout(150)  # an <img onerror> fires once its (failed) load is through
    bad = page.evaluate(SWEEP)
    assert not bad and not page.injected, f"{where}: markup {bad}, scripts ran {page.injected}"


@pytest.mark.browser
def test_no_injected_script_runs_on_any_page(watched, site, base):
    page = watched
    for file in pages_of(site):
        url = url_of(site, file)
        page.goto(base + url)
        clean(page, url or "home")
    page.goto(base + "paths/frontline/")
    assert page.locator(".cq-path__description").inner_text() == DESCRIPTIONS["frontline"]
    assert page.locator(".cq-step__title").first.inner_text() == MODULES["basics"]
    assert page.locator("a.md-footer__link--next").get_attribute("aria-label") == "Next: " + MODULES["basics"]


@pytest.mark.browser
def test_search_results_show_hostile_titles_as_text(watched, base):
    page = watched
    page.goto(base)
    page.keyboard.press("/")
    page.keyboard.type("Basics")  # the module whose title, summary, objectives and quizzes are all hostile
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert MODULES["basics"] in results.first.locator("h1").inner_text()
    clean(page, "search results")


def answer(page, quiz: str, *inputs: str, text: str | None = None) -> None:
    box = page.locator(f'[data-cq-quiz="{quiz}"]')
    for ident in inputs:
        page.locator(f"#{ident}").check()
    if text is not None:
        box.locator("input[type=text]").fill(text)
    box.locator("[data-cq-check]").click()


@pytest.mark.browser
def test_feedback_notes_and_certificate_name_never_run_as_script(watched, base):
    page = watched
    page.goto(base + "paths/managers/basics/")
    who, secret = page.locator('[data-cq-quiz="who"]'), page.locator('[data-cq-quiz="secret"]')
    answer(page, "who", "cq-who-0")  # wrong: its feedback and the explanation are inserted
    assert "Not quite" in who.locator(".cq-quiz__result").inner_text()
    assert who.locator(".cq-choice__feedback").first.inner_text().endswith("Wrong: " + hostile(23))
    assert who.locator(".cq-quiz__explanation").inner_text() == "Explanation: " + hostile(26)
    clean(page, "wrong single choice")
    who.locator("[data-cq-retry]").click()
    answer(page, "who", "cq-who-1")
    assert who.locator(".cq-choice__feedback").nth(1).inner_text().endswith("Right: " + hostile(25))
    clean(page, "right single choice")
    answer(page, "secret", text="<img src=x onerror=alert(93)>")
    assert "Not quite" in secret.locator(".cq-quiz__result").inner_text()
    assert secret.locator(".cq-quiz__explanation").inner_text() == "Text explanation: " + hostile(33)
    secret.locator("[data-cq-retry]").click()
    answer(page, "secret", text="  <SCRIPT>alert(31)</script> ")
    assert "Correct" in secret.locator(".cq-quiz__result").inner_text()
    clean(page, "free-text answers")
    notes = page.locator("textarea[data-cq-notes]")
    assert notes.count() == 2
    for i in range(2):
        notes.nth(i).fill(LEARNER + f" note {i}")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('note 1')")
    clean(page, "notes")
    page.reload()
    assert [notes.nth(i).input_value() for i in range(2)] == [LEARNER + " note 0", LEARNER + " note 1"]
    assert secret.locator("input[type=text]").input_value() == "  <SCRIPT>alert(31)</script> "
    assert who.locator(".cq-quiz__explanation").inner_text() == "Explanation: " + hostile(26)
    clean(page, "module after reload")

    page.goto(base + "paths/managers/process/")
    answer(page, "steps", "cq-steps-0", "cq-steps-1")
    assert "Correct" in page.locator(".cq-quiz__result").inner_text()
    assert page.locator(".cq-choice__feedback").filter(has_text="Listening").inner_text().endswith(hostile(62))
    clean(page, "multiple choice")

    page.goto(base + "paths/managers/")
    page.get_by_label("Your name for the certificate").fill(LEARNER)
    cert = page.locator(".cq-certificate")
    assert cert.locator(".cq-certificate__name").inner_text() == LEARNER
    assert cert.locator(".cq-certificate__org").inner_text() == CURRICULUM
    assert f"\u201c{ROLES['managers']}\u201d" in cert.inner_text()
    clean(page, "certificate")
    page.reload()
    assert page.get_by_label("Your name for the certificate").input_value() == LEARNER
    assert page.locator(".cq-certificate__name").inner_text() == LEARNER
    assert page.locator("[data-cq-continue]").inner_text() == "Get your certificate"
    clean(page, "certificate after reload")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my notes").click()
    notes_file = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"## {MODULES['basics']}" in notes_file and f"### For everyone {hostile(43)}" in notes_file
    assert LEARNER + " note 1" in notes_file
    page.goto(base + "paths/frontline/")  # the same progress seen from another path, with its own hostile title
    assert page.locator(".cq-certificate__name").inner_text() == LEARNER
    clean(page, "other path's certificate")
    page.goto(base + "modules/basics/")  # the trainer's view reuses the answers and notes
    clean(page, "trainer's view with answers")
