"""/v1/meeting-guide.json as its clients read it, each played here from its documented behaviour (feed.py cites the
code): TSML UI flattens day lists into "<slug>-<day>" and ends a meeting on the weekday it starts; the 12 Step
Meeting List keeps one time zone per address and, like WordPress, numbers a slug it has seen ("<slug>-<n>")."""

from api.models.schedule import Schedule
from api.services.editing import Actor, save_edit
from tests import factories as f
from tests.api.test_meeting_guide_feed import assert_follows_the_spec, feed

EDITOR = Actor("u", "Ann")


def flatten_days_as_tsml_ui(entries: list[dict]) -> list[dict]:
    """TSML UI's flattenDays(): an entry per day of a day list, slugged "<slug>-<day>", the lists spliced out by
    the indexes noted before splicing (so from the second list on it removes the wrong entries)."""
    data, added, listed = list(entries), [], []
    for index, entry in enumerate(data):
        if isinstance(entry.get("day"), list):
            listed.append(index)
            added += [{**entry, "day": day, "slug": f"{entry['slug']}-{day}"} for day in entry["day"]]
    for index in listed:
        del data[index]
    return data + added


def minutes_as_tsml_ui(entry: dict) -> int:
    """TSML UI's duration: the end is end_time on the start's weekday, else the start plus settings.duration (60)."""
    if "end_time" not in entry:
        return 60
    return _minutes(entry["end_time"]) - _minutes(entry["time"])


def address_as_tsml_ui(entry: dict) -> str:
    """TSML UI's formatted_address; an entry without one is skipped ("no address information")."""
    parts = [entry.get("address"), entry.get("city"),
             " ".join(filter(None, (entry.get("state"), entry.get("postal_code")))), entry.get("country")]
    return entry.get("formatted_address") or ", ".join(part for part in parts if part)


def zones_as_12_step_meeting_list(entries: list[dict]) -> dict[str, str]:
    """The zone each slug ends up with in the 12 Step Meeting List plugin.

    tsml_import_sanitize_meetings() gives every entry of a formatted_address (address, city, state, postal code,
    country, "US" written "USA") the first such entry's timezone; tsml_import_buffer_next() stores the zone on the
    location found by the geocoded address, the last write winning. The geocoder is played pessimistically: one
    answer per town or street, whatever the postal code or case (as Google answers "Riverton, MO, USA").
    """
    first: dict[str, str] = {}
    located: dict[str, str] = {}
    formatted = {}
    for entry in entries:
        country = "USA" if entry.get("country") == "US" else entry.get("country")
        formatted[entry["slug"]] = entry.get("formatted_address") or ", ".join(filter(None, (
            entry.get("address"), entry.get("city"), entry.get("state"), entry.get("postal_code"), country)))
        first.setdefault(formatted[entry["slug"]], entry["timezone"])
    geocoded = {slug: ", ".join(part for part in address.lower().split(", ") if not part.isdigit())
                for slug, address in formatted.items()}
    for slug, address in formatted.items():
        located[geocoded[slug]] = first[address]
    return {slug: located[geocoded[slug]] for slug in formatted}


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def test_tsml_ui_reads_every_entry_as_served_and_no_slug_collides_with_one_a_client_derives(client):
    f.meeting("Daily", schedules=[Schedule(byday=["SU", "MO", "TU", "WE", "TH", "FR", "SA"], opens_at="06:30",
                                           closes_at="07:30")])
    f.meeting("Twice on Saturday", schedules=[Schedule(byday=["SA"], opens_at="07:00", closes_at="08:00"),
                                              Schedule(byday=["SA"], opens_at="19:00", closes_at="20:00")])
    f.meeting("Mondays and Wednesdays", schedules=[Schedule(byday=["MO", "WE"], opens_at="12:00",
                                                            closes_at="13:00")])
    f.meeting("By appointment", schedules=[])

    entries = feed(client)

    assert_follows_the_spec(entries)
    assert flatten_days_as_tsml_ui(entries) == entries  # nothing for TSML UI to splice
    assert len(entries) == 7 + 2 + 2 + 1
    slugs = {entry["slug"] for entry in entries}
    # TSML UI and the plugin append "-<day>" to a listed slug, the plugin "-<n>" to a repeated one, WordPress "-2".
    derived = {f"{slug}-{number}" for slug in slugs for number in range(100)}
    assert not derived & slugs
    assert len({slug.lower() for slug in slugs}) == len(slugs)  # WordPress's sanitize_title lower-cases


def test_a_slug_survives_a_rename_a_new_time_and_days_coming_and_going(client):
    meeting = f.meeting("Tuesday Hope", day="TU", opens="19:00", closes="20:00")
    before = {entry["day"]: entry["slug"] for entry in feed(client)}

    def edit(service):
        service.name = "Tuesday Hope Group"
        service.schedules = [Schedule(byday=["TU", "TH"], opens_at="19:30", closes_at="20:30")]

    save_edit(meeting.id, meeting.version, edit, EDITOR)
    after = {entry["day"]: entry["slug"] for entry in feed(client)}

    assert before == {2: f"{meeting.id}_2"}
    assert after == {2: f"{meeting.id}_2", 4: f"{meeting.id}_4"}


def test_a_meeting_past_midnight_lasts_a_positive_time_in_tsml_ui(client):
    f.meeting("Midnight Hour", schedules=[Schedule(byday=["FR", "SA"], opens_at="23:30", closes_at="00:30")])
    f.meeting("Night Owls", day="SU", opens="00:00", closes="01:00")
    f.meeting("Late Readers", day="MO", opens="22:00", closes="23:45")

    entries = feed(client)

    assert_follows_the_spec(entries)
    lengths = {(entry["name"], entry["day"]): minutes_as_tsml_ui(entry) for entry in entries}
    assert lengths == {("Midnight Hour", 5): 60, ("Midnight Hour", 6): 60, ("Night Owls", 0): 60,
                       ("Late Readers", 1): 105}
    assert all("end_time" not in entry for entry in entries if entry["name"] == "Midnight Hour")


def test_every_meeting_keeps_its_zone_through_an_importer_that_keeps_one_zone_per_address(client):
    intergroup, smart = f.organization("Riverton Intergroup"), f.organization("SMART Riverton")
    hall = f.location(intergroup, address_1="100 Main St")
    town, smart_town = f.location(intergroup, address_1=None), f.location(smart, address_1=None)  # one address
    online = {"attendance": "online", "approximate": True}
    for name, org, place, zone, attendance in (
            ("Zoom Hope", intergroup, town, "America/Chicago", online),
            ("LifeRing Online Evening", intergroup, town, "America/New_York", online),
            ("SMART Online – Mountain Time", smart, smart_town, "America/Denver", online),
            ("Both Ways", intergroup, hall, "America/Chicago", {"attendance": "hybrid", "approximate": False}),
            ("Hall Group", intergroup, hall, "America/Chicago", {"attendance": "in_person", "approximate": False})):
        meeting = f.meeting(name, org=org, places=[place], timezone=zone, attendance=attendance["attendance"])
        meeting.meeting.approximate = attendance["approximate"]
        meeting.save()
    f.meeting("Placeless Online", places=[], timezone="America/Los_Angeles", attendance="online")

    entries = {entry["name"]: entry for entry in feed(client)}

    assert_follows_the_spec(list(entries.values()))
    kept = zones_as_12_step_meeting_list(list(entries.values()))
    assert {entry["name"]: kept[entry["slug"]] for entry in entries.values()} == {
        name: entry["timezone"] for name, entry in entries.items()}
    assert all(address_as_tsml_ui(entry) for entry in entries.values())
    eastern = entries["LifeRing Online Evening"]
    assert (eastern["city"], eastern["country"], eastern["region"], eastern["approximate"]) == (
        "New York", "US", "Riverton", "yes")
    assert "address" not in eastern and "state" not in eastern and round(eastern["latitude"]) == 41
    assert entries["SMART Online – Mountain Time"]["city"] == "Denver"
    assert (entries["Zoom Hope"]["city"], entries["Zoom Hope"]["state"]) == ("Riverton", "MO")
    assert entries["Both Ways"]["address"] == entries["Hall Group"]["address"] == "100 Main St"
    assert (entries["Placeless Online"]["city"], entries["Placeless Online"]["approximate"]) == ("Los Angeles", "yes")
