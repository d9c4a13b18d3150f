"""xAPI tracking: the one definition of what the site sends to the LRS and of what `curriculum report` reads.

The browser (assets/), `curriculum assign --lrs-auth` (the personal link) and `curriculum report`
(the statements it reads) all follow this module. Pure: no MkDocs, no I/O.

**The personal link.** `curriculum assign --lrs-auth` gives each person an LRS account (HTTP Basic) and a
path link that carries it in the URL fragment, which browsers never send to the web server:

    <site_url>paths/<role>/#lrs=<base64url(UTF-8 of "<username>:<secret>"), no "=" padding>

- `lrs` is the only key; the fragment holds nothing else (FRAGMENT_KEY, `credential_fragment`).
- base64url is RFC 4648 section 5 (`-` and `_` instead of `+` and `/`) without padding; in a browser:
  `atob(value.replace(/-/g, "+").replace(/_/g, "/"))`, then the bytes as UTF-8 (`TextDecoder`).
- The username is everything before the first `:` (a username never contains one; it is the person's email
  address in lower case, so the browser may send `{"objectType": "Agent", "mbox": "mailto:" + username}` as
  the actor); the secret is everything after it (URL-safe characters, at least 128 random bits).
- The page sends `Authorization: Basic base64("<username>:<secret>")` with every request to the LRS
  (standard base64 this time, as HTTP wants it).

**Activity ids** are absolute URLs built from mkdocs.yml's `site_url` (one trailing slash), whatever
`use_directory_urls` says, so they stay the same if the pages move:

| What | Activity id | Activity type |
| --- | --- | --- |
| a role's path | `<site_url>paths/<role>/` | ACTIVITY_TYPES["path"] (ADL course) |
| a module, as that role sees it | `<site_url>paths/<role>/<module>/` | ACTIVITY_TYPES["module"] (ADL module) |
| a question of that module | `<site_url>paths/<role>/<module>/#<question-id>` | ACTIVITY_TYPES["question"] (cmi.interaction) |

**Statements** (xAPI 1.0.3, ADL verbs, VERBS; `statement()` builds one):

| When | verb | object | result |
| --- | --- | --- | --- |
| a module page opens | launched | module | - |
| a question is answered | answered | question | `success`; `response` only for choice questions (the chosen choices), never a typed answer |
| a module's questions are all answered | passed / failed | module | `score` {scaled 0..1, raw, min 0, max}, `success`, `completion: true`, `duration` |
| a module without questions is marked complete | completed | module | `completion: true` |
| every required module of the path is done | completed | path | `completion: true` |

Module and question statements carry the path in `context.contextActivities.parent` (questions: the module,
and the path in `grouping`). Each statement gets its `id` (a UUID) and `timestamp` when the event happens.

**The browser** (assets/curriculum-xapi.js, loaded after the curriculum script only when `tracking: xapi:` is set, never
in a SCORM package; `browser_settings` ride in the `cq-xapi-data` element's `data-cq-json` attribute, the same on
every page; whether a path is complete, the curriculum script tells: `mkdocsCurriculum.pathComplete`). A `#lrs=` fragment signs the browser in: the username and the Basic credential go into
localStorage `mkdocs-curriculum/xapi/v1` (`{v: 1, user, creds: {user: base64}, queue: [{u, s}], paths: {role: 1},
refused, rejected}`) and the fragment leaves the address bar (`history.replaceState`). With nobody signed in
nothing is recorded. The statements come from curriculum.js's events (`curriculum:visit`, `curriculum:answer`,
`curriculum:score`, `curriculum:reset`), get their id and timestamp then, and are queued; the queue is POSTed one
statement at a time, oldest first, in the background (on each page, on `online`, when the tab is shown again).
200/204 and 409 count as delivered, 400 is set aside in `rejected`, 401/403 keeps them and shows one line at the
top of the content; anything else (LRS down, offline) keeps them for later.

**What the report makes of them** (`module_status`): per person (found by the statement's `authority`, which
the LRS sets from the account; the actor is whatever the page wrote) and module, in this order: any `passed`
-> passed; else a `completed` on the module -> completed; else any `failed` -> failed; else any statement on
the module or its questions -> in progress; else not started. A module counts whichever role's copy was done.
"""  # noqa: E501 (the tables above keep one row a line, as Markdown needs)

from __future__ import annotations

import base64
import binascii
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

XAPI_VERSION = "1.0.3"
VERSION_HEADER = "X-Experience-API-Version"
FRAGMENT_KEY = "lrs"

VERBS = {
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
VERB_NAMES = {iri: name for name, iri in VERBS.items()}

ACTIVITY_TYPES = {
    "path": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
}

# The statuses of a person's module, from best to worst, as `curriculum report` writes them.
STATUSES = ("passed", "completed", "failed", "in progress", "not started")
DONE = ("passed", "completed")


# -- activity ids -------------------------------------------------------------------------------


def site_base(site_url: str) -> str:
    """`site_url` with exactly one trailing slash: every activity id starts with it."""
    return site_url.strip().rstrip("/") + "/"


def path_activity(site_url: str, role: str) -> str:
    return f"{site_base(site_url)}paths/{role}/"


def module_activity(site_url: str, role: str, module: str) -> str:
    return f"{site_base(site_url)}paths/{role}/{module}/"


def question_activity(site_url: str, role: str, module: str, question: str) -> str:
    return f"{module_activity(site_url, role, module)}#{question}"


@dataclass(frozen=True)
class Activity:
    kind: str  # "path", "module" or "question"
    role: str
    module: str = ""
    question: str = ""


# A module id may hold "/" (a module in a sub-folder: `paths/frontline/sub/deep-dive/`).
_PATHS = re.compile(r"paths/(?P<role>[^/#?]+)/(?:(?P<module>[^#?]+)/)?(?:#(?P<question>.+))?")


def parse_activity(site_url: str, activity_id: object) -> Activity | None:
    """What an activity id of this site names, or None (another site's, or not one of ours)."""
    base = site_base(site_url)
    if not isinstance(activity_id, str) or not activity_id.startswith(base):
        return None
    match = _PATHS.fullmatch(activity_id[len(base):])
    if not match:
        return None
    role, module, question = match["role"], match["module"] or "", match["question"] or ""
    if question and not module:
        return None
    return Activity("question" if question else "module" if module else "path", role, module, question)


def browser_settings(site_url: str, endpoint: str) -> dict:
    """Everything the page's script needs to build statements, as JSON-able data (so the vocabulary is written
    once, here): the LRS endpoint, the xAPI version, the fragment key, the activity-id base, verbs and types."""
    return {"endpoint": endpoint.strip().rstrip("/") + "/", "version": XAPI_VERSION, "fragmentKey": FRAGMENT_KEY,
            "site": site_base(site_url), "verbs": dict(VERBS), "types": dict(ACTIVITY_TYPES)}


# -- the credential in the personal link ---------------------------------------------------------


def credential_fragment(username: str, secret: str) -> str:
    """`lrs=<base64url("username:secret")>`: what follows `#` in a personal link."""
    if ":" in username:
        raise ValueError(f"an LRS username cannot contain ':' (got {username!r})")
    token = base64.urlsafe_b64encode(f"{username}:{secret}".encode()).decode("ascii").rstrip("=")
    return f"{FRAGMENT_KEY}={token}"


def personal_link(url: str, username: str, secret: str) -> str:
    return f"{url.split('#', 1)[0]}#{credential_fragment(username, secret)}"


def read_fragment(fragment_or_url: str) -> tuple[str, str] | None:
    """(username, secret) from a personal link or its fragment; None if it carries no valid credential."""
    text = fragment_or_url.split("#", 1)[1] if "#" in fragment_or_url else fragment_or_url
    key, _, token = text.partition("=")
    if key != FRAGMENT_KEY or not re.fullmatch(r"[A-Za-z0-9_-]+", token):
        return None
    try:
        plain = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    username, colon, secret = plain.partition(":")
    return (username, secret) if colon and username and secret else None


# -- statements ---------------------------------------------------------------------------------


def agent(email: str, name: str | None = None) -> dict:
    """The agent of a person: what the auth file names and what the LRS writes as `authority`."""
    person = {"mbox": f"mailto:{email}", "objectType": "Agent"}
    if name:
        person["name"] = name
    return person


def statement(verb: str, activity_id: str, actor: dict, *, kind: str = "module", name: str | None = None,
              result: dict | None = None, parents: tuple = (), grouping: tuple = (),
              timestamp: datetime | None = None, statement_id: str | None = None) -> dict:
    """A valid xAPI 1.0.3 statement with one of VERBS: the shape the browser sends (and the tests post)."""
    activity: dict = {"objectType": "Activity", "id": activity_id, "definition": {"type": ACTIVITY_TYPES[kind]}}
    if name:
        activity["definition"]["name"] = {"en": name}
    made = {
        "id": statement_id or str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": activity,
        "timestamp": (timestamp or datetime.now(timezone.utc)).isoformat(timespec="milliseconds"),
    }
    if result:
        made["result"] = result
    context = {}
    if parents:
        context["parent"] = [{"objectType": "Activity", "id": a} for a in parents]
    if grouping:
        context["grouping"] = [{"objectType": "Activity", "id": a} for a in grouping]
    if context:
        made["context"] = {"contextActivities": context}
    return made


def authority_email(stmt: dict) -> str | None:
    """The email (lower case) of the account that stored a statement: the LRS sets `authority` from it."""
    authority = stmt.get("authority") if isinstance(stmt, dict) else None
    if not isinstance(authority, dict):
        return None
    agents = [authority] if authority.get("objectType", "Agent") == "Agent" else authority.get("member") or []
    for one in agents:
        mbox = one.get("mbox") if isinstance(one, dict) else None
        if isinstance(mbox, str) and mbox.lower().startswith("mailto:"):
            return mbox[len("mailto:"):].strip().lower()
    return None


def when(stmt: dict) -> datetime | None:
    """The statement's `timestamp` (when it happened), else `stored`, as an aware datetime."""
    for key in ("timestamp", "stored"):
        value = stmt.get(key)
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return None


def scaled_score(stmt: dict) -> float | None:
    score = ((stmt.get("result") or {}).get("score") or {}).get("scaled")
    return float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None


@dataclass(frozen=True)
class ModuleStatus:
    status: str  # one of STATUSES
    score: float | None = None  # the best scaled score (0..1) of the passed/failed attempts
    at: datetime | None = None  # when the status was reached (first pass/completion, last failure or activity)


def module_status(events: list) -> ModuleStatus:
    """The status of one person's module from its statements: (verb name, Activity, statement) triples."""
    by_verb: dict = {}
    for verb, activity, stmt in events:
        by_verb.setdefault(verb if activity.kind == "module" else "other", []).append(stmt)
    attempts = by_verb.get("passed", []) + by_verb.get("failed", [])
    scores = [s for s in map(scaled_score, attempts) if s is not None]
    best = max(scores) if scores else None

    def first(stmts):
        moments = [m for m in map(when, stmts) if m]
        return min(moments) if moments else None

    def last(stmts):
        moments = [m for m in map(when, stmts) if m]
        return max(moments) if moments else None

    if by_verb.get("passed"):
        return ModuleStatus("passed", best, first(by_verb["passed"]))
    if by_verb.get("completed"):
        return ModuleStatus("completed", None, first(by_verb["completed"]))
    if by_verb.get("failed"):
        return ModuleStatus("failed", best, last(by_verb["failed"]))
    if events:
        return ModuleStatus("in progress", None, last([stmt for _, _, stmt in events]))
    return ModuleStatus("not started")
