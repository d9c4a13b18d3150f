"""`curriculum assign --ics DIR`: one iCalendar file per person, one all-day event per due date."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from .. import __version__


def person_calendar(site_title: str, person, role_title: str, path_url: str, steps: list) -> str:
    """The calendar of one person: `steps` are (module, due date text, module URL) for modules with a due date.

    Modules due the same day share one event. Each event's UID is made from the person and the day, so a file
    made again (the same start date) updates the events a calendar already has instead of adding copies. The
    links are the plain ones, without the person's LRS secret: calendars are often shared.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//mkdocs-curriculum {__version__}//{site_title}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{site_title}: {person.name}")
    by_day: dict = {}
    for module, due, url in steps:
        by_day.setdefault(due, []).append((module, url))
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for due, modules in sorted(by_day.items()):
        day = date.fromisoformat(due)
        event = Event()
        key = hashlib.sha256(f"{person.username}\n{due}".encode()).hexdigest()[:24]
        event.add("uid", f"{key}@mkdocs-curriculum")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        titles = ", ".join(m.title for m, _ in modules)
        event.add("summary", f"Training due: {titles}" if len(modules) == 1 else
                  f"Training due: {len(modules)} modules ({titles})")
        lines = [f"{site_title}, {role_title}: due today."]
        lines += [f"- {m.title} ({m.duration:g} min): {u}" for m, u in modules]
        lines.append(f"Your learning path: {path_url}")
        event.add("description", "\n".join(lines))
        event.add("url", modules[0][1] if len(modules) == 1 else path_url)
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not block the day
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
