"""CSV import: the file read, every bad cell a per-row error, the dry run writes nothing, apply is all or nothing."""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.interop.csv import importer
from api.interop.imports import apply as import_apply
from api.interop.imports import plan as import_plan
from api.models import Location, Service
from api.models.audit import AuditEntry
from api.models.changes import current
from api.services.editing import Actor, StaleEdit, save_edit
from tests import factories as f
from tests.conftest import NOW

ANN = Actor("u-ann", "CSV import by Ann")
STORED_NOW = NOW.replace(tzinfo=None)
TEMPLATE = Path(__file__).parents[2] / "admin" / "static" / "listings-template.csv"
HOUSE = {"id": "H1", "name": "Hope House", "category": "housing", "timezone": "America/Chicago",
         "address_1": "12 Elm St", "city": "Riverton", "latitude": "39.101", "longitude": "-94.581",
         "confidential": "yes", "hours": "MO-FR 09:00-17:00", "capacity_code": "bed-women",
         "capacity_name": "Bed – women", "available": "2", "maximum": "8", "narr_level": "2", "phone": "816-555-0100",
         "languages": "en;es"}
MEETING = {"id": "M1", "name": "Tuesday Hope", "category": "meeting", "timezone": "America/Chicago",
           "address_1": "100 Main St", "city": "Riverton", "latitude": "39.1", "longitude": "-94.58",
           "hours": "TU 19:00-20:00", "fellowship": "aa", "types": "O;D"}


def csv_bytes(*rows: dict, bom: bool = False) -> bytes:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def plan_of(org, *rows: dict, now=STORED_NOW):
    return importer.plan(org, importer.read_csv(csv_bytes(*rows)), now=now, who=ANN.name)


def snapshot() -> dict:
    """What the directory holds, bookkeeping included: equal snapshots mean nothing was written."""
    return {"services": sorted(s.to_mongo().to_dict().__repr__() for s in Service.objects),
            "locations": Location.objects.count(), "audit": AuditEntry.objects.count(), "sequence": current()}


@pytest.fixture
def org(storage):
    return f.organization("Northside Recovery")


# --- reading the file --------------------------------------------------------------------------------------------

def test_a_bom_headings_in_any_case_and_blank_rows_are_fine_and_rows_are_numbered_as_in_a_spreadsheet(org):
    data = "\ufeffID, Name ,Category\r\nA,First,peer_support\r\n,,\r\n\r\nB,\"Two\nlines\",crisis\r\n".encode()
    rows = importer.read_csv(data)
    assert [(row.number, row.cells["id"], row.cells["name"]) for row in rows] == [(2, "A", "First"),
                                                                                  (5, "B", "Two\nlines")]


@pytest.mark.parametrize("data, message", [
    (b"", "must name the columns"),
    (b"id,name,category\n", "no listings"),
    (b"id;name;category\nA;B;crisis\n", "commas"),
    (b"id,name,category,colour\nA,B,crisis,red\n", "Unknown columns: 'colour'"),
    (b"id,name\nA,B\n", "Required columns missing: category"),
    (b"id,name,category,name\nA,B,crisis,C\n", "named twice: name"),
    ("id,name,category\nA,Caf\u00e9,crisis\n".encode("latin-1"), "not UTF-8"),
    (b"id,name,category\n" + b"x" * importer.MAX_BYTES, "larger than 2 MB"),
    (b"id,name,category\n" + b"".join(b"%d,n,crisis\n" % n for n in range(importer.MAX_ROWS + 1)), "more than 2,000"),
])
def test_a_file_that_cannot_be_read_is_refused_whole(data, message):
    with pytest.raises(importer.CsvFileError, match=message):
        importer.read_csv(data)


def test_the_downloadable_template_is_a_valid_import(org):
    plan = importer.plan(org, importer.read_csv(TEMPLATE.read_bytes()))
    assert plan.errors == {} and plan.counts["create"] == 3
    assert set(importer.read_csv(TEMPLATE.read_bytes())[0].cells) == set(importer.COLUMN_NAMES)


# --- every kind of bad cell is an error of its row and column ----------------------------------------------------

@pytest.mark.parametrize("cells, column, message", [
    ({"id": ""}, "id", "needed"),
    ({"name": ""}, "name", "needed"),
    ({"name": "n" * 201}, "name", "longer than 200"),
    ({"category": "bakery"}, "category", "not one of"),
    ({"status": "closed"}, "status", "not one of"),
    ({"phone": "call us"}, "phone", "not a phone number"),
    ({"url": "hope.example"}, "url", "not a web address"),
    ({"email": "hope@"}, "email", "not an email address"),
    ({"languages": "english"}, "languages", "not a language code"),
    ({"timezone": "Mars/Olympus"}, "timezone", "not a time zone"),
    ({"timezone": "America"}, "timezone", "not a time zone"),
    ({"timezone": ""}, "timezone", "needed"),
    ({"hours": "weekdays 9-5"}, "hours", "is not"),
    ({"hours": "MO 09:00-25:00"}, "hours", "24-hour"),
    ({"latitude": "91"}, "latitude", "from -90 to 90"),
    ({"longitude": "east"}, "longitude", "not a number"),
    ({"longitude": ""}, "longitude", "both latitude and longitude"),
    ({"city": ""}, "city", "needed"),
    ({"postal_code": "1" * 21}, "postal_code", "longer than 20"),
    ({"confidential": "maybe"}, "confidential", "not yes or no"),
    ({"capacity_code": "Bed Women"}, "capacity_code", "not a unit code"),
    ({"capacity_code": "", "available": "2"}, "capacity_code", "needed with"),
    ({"capacity_name": ""}, "capacity_name", "needed"),
    ({"available": "two"}, "available", "not a whole number"),
    ({"available": "-1"}, "available", "from 0"),
    ({"available": "9", "maximum": "8"}, "available", "more than maximum"),
    ({"narr_level": "5"}, "narr_level", "from 1 to 4"),
    ({"fellowship": "aa"}, "fellowship", "only for meeting"),
    ({"description": "x" * 4001}, "description", "longer than 4,000"),
    ({"description": "bell\x07"}, "description", "control characters"),
])
def test_each_bad_cell_is_reported_beside_its_row_and_column(org, cells, column, message):
    plan = plan_of(org, MEETING, HOUSE | cells)
    assert list(plan.errors) == [3]
    assert message in plan.errors[3][column], plan.errors
    assert plan.rows[0].action == import_plan.CREATE and plan.rows[1].action == import_plan.INVALID


@pytest.mark.parametrize("cells, column, message", [
    ({"fellowship": "bingo"}, "fellowship", "not one of"),
    ({"fellowship": ""}, "fellowship", "needed"),
    ({"types": "O;XYZ"}, "types", "not Meeting Guide type codes: XYZ"),
    ({"attendance": "online"}, "conference_url", "needs a conference_url"),
    ({"narr_level": "2"}, "narr_level", "only for housing"),
])
def test_meeting_cells_are_checked_too(org, cells, column, message):
    plan = plan_of(org, MEETING | cells)
    assert message in plan.errors[2][column], plan.errors


def test_clinical_and_employment_cells(org):
    base = {"name": "X", "timezone": "America/Chicago"}
    plan = plan_of(org, base | {"id": "C1", "category": "clinical", "moud": "heroin"},
                   base | {"id": "E1", "category": "employment", "programme_type": ""},
                   base | {"id": "E2", "category": "employment", "programme_type": "apprenticeship"})
    assert "not one of" in plan.errors[2]["moud"] and "needed" in plan.errors[3]["programme_type"]
    assert plan.rows[2].action == import_plan.CREATE


def test_a_repeated_id_and_a_cell_without_a_column_are_row_errors(org):
    data = csv_bytes(HOUSE, MEETING, HOUSE | {"name": "Again"}) + b"X1,Stray,crisis" + b"," * len(HOUSE) + b"oops\r\n"
    plan = importer.plan(org, importer.read_csv(data), now=STORED_NOW)
    assert plan.errors[4] == {"id": "row 2 has this id too"}
    assert "no heading" in plan.errors[5]["row"]


# --- dry run, apply, re-import -----------------------------------------------------------------------------------

def test_the_dry_run_writes_nothing(org):
    before = snapshot()
    plan = plan_of(org, HOUSE, MEETING)
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 0, "invalid": 0}
    assert snapshot() == before


def test_apply_creates_audited_listings_and_the_same_file_again_changes_nothing(org):
    report = importer.apply(plan_of(org, HOUSE, MEETING), ANN)

    assert [name for _, _, name in report.created] == ["Hope House", "Tuesday Hope"]
    house = Service.objects.get(source=f"csv:{org.id}", source_id="H1")
    assert (house.organization.id, house.housing.narr_level, house.capacity[0].available) == (org.id, 2, 2)
    assert house.capacity[0].updated_by == ANN.name and house.capacity[0].updated_at == STORED_NOW
    assert house.locations[0].location.confidential and house.schedules[0].byday == ["MO", "TU", "WE", "TH", "FR"]
    assert AuditEntry.objects(object_id=house.id).first().actor_name == ANN.name
    assert Location.objects(organization=org.id).count() == 2

    before = snapshot()
    again = plan_of(org, HOUSE, MEETING, now=STORED_NOW.replace(year=2027))  # later: no count is restamped
    assert again.counts == {"create": 0, "update": 0, "unchanged": 2, "invalid": 0}
    assert importer.apply(again, ANN).unchanged == 2
    assert snapshot() == before


def test_a_changed_cell_updates_only_that_and_listings_not_in_the_file_are_left_alone(org):
    importer.apply(plan_of(org, HOUSE, MEETING), ANN)
    other = f.service("Made in the editor", org=org)
    house = Service.objects.get(source_id="H1")

    plan = plan_of(org, HOUSE | {"available": "3", "description": "Now with a garden"})

    [row] = plan.rows
    assert row.action == import_plan.UPDATE and sorted(row.changes) == ["capacity", "description"]
    importer.apply(plan, ANN)
    saved = Service.objects.get(id=house.id)
    assert saved.version == house.version + 1 and saved.capacity[0].available == 3
    assert saved.capacity[0].id == house.capacity[0].id
    assert Service.objects.get(source_id="M1").version == 1
    assert Service.objects.get(id=other.id).version == other.version
    entry = AuditEntry.objects(object_id=house.id, action="updated").get()
    assert set(entry.changes) == {"capacity", "description"} and entry.actor_name == ANN.name


def test_an_empty_cell_clears_and_a_missing_column_keeps(org):
    importer.apply(plan_of(org, HOUSE), ANN)
    importer.apply(plan_of(org, {key: HOUSE[key] for key in ("id", "name", "category")} | {"phone": ""}), ANN)
    house = Service.objects.get(source_id="H1")
    assert house.phones == [] and house.languages == ["en", "es"] and house.capacity[0].available == 2


def test_another_organisations_listing_with_the_same_id_is_never_touched(org):
    theirs = f.organization("Southside Housing")
    importer.apply(plan_of(theirs, HOUSE), Actor("u-bo", "CSV import by Bo"))
    their_house = Service.objects.get(organization=theirs.id)
    their_place_count = Location.objects(organization=theirs.id).count()

    plan = plan_of(org, HOUSE | {"name": "Our house"})

    assert plan.rows[0].action == import_plan.CREATE  # same id, other organisation: not theirs to update
    importer.apply(plan, ANN)
    assert Service.objects.get(id=their_house.id).to_mongo() == their_house.to_mongo()
    assert Location.objects(organization=theirs.id).count() == their_place_count
    ours = Service.objects.get(organization=org.id)
    assert ours.locations[0].location.organization.id == org.id  # same address, but our own new place


def test_places_are_found_by_address_and_never_published_by_a_cell(org):
    place = f.location(org, address_1="100 Main St", confidential=True)
    by_address = MEETING | {"latitude": "", "longitude": "", "address_1": " 100  MAIN st "}
    plan = plan_of(org, by_address, HOUSE, HOUSE | {"id": "H2"})
    assert plan.rows[0].listing.locations[0].location.id == place.id
    assert len(plan.new_places) == 1  # two rows, one new place

    refused = plan_of(org, by_address | {"confidential": "no"})
    assert "is confidential" in refused.errors[2]["confidential"]
    unknown = plan_of(org, by_address | {"address_1": "1 Nowhere Rd"})
    assert "latitude and longitude" in unknown.errors[2]["latitude"]


def test_apply_refuses_a_plan_with_errors_or_over_a_listing_edited_since(org):
    with pytest.raises(import_apply.ImportRefused, match="errors"):
        importer.apply(plan_of(org, HOUSE | {"category": "bakery"}), ANN)
    importer.apply(plan_of(org, HOUSE), ANN)
    plan = plan_of(org, HOUSE | {"available": "5"})
    house = Service.objects.get(source_id="H1")
    save_edit(house.id, house.version, lambda s: setattr(s, "description", "Edited"), Actor("u-cy", "Cy"))
    before = snapshot()

    with pytest.raises(import_apply.ImportRefused, match="changed since the dry run"):
        importer.apply(plan, ANN)
    assert snapshot() == before


def test_a_write_failing_midway_leaves_the_directory_as_it_was(org, monkeypatch):
    importer.apply(plan_of(org, HOUSE, MEETING), ANN)
    plan = plan_of(org, HOUSE | {"available": "7"}, HOUSE | {"id": "NEW", "address_1": "9 New Rd", "latitude": "39.2"},
                   MEETING | {"name": "Renamed"})
    assert plan.counts["update"] == 2 and len(plan.new_places) == 1
    real, calls = import_apply.save_edit, []
    meeting = Service.objects.get(source_id="M1")
    stored = {service.id: _content(service) for service in Service.objects}

    def someone_edits_in_between(service_id, *args, **kwargs):
        calls.append(service_id)
        if service_id == meeting.id and len(calls) == 2:  # after the import wrote the house and the new listing
            real(meeting.id, meeting.version, lambda s: setattr(s, "description", "Cy's"), Actor("u-cy", "Cy"))
        return real(service_id, *args, **kwargs)

    monkeypatch.setattr(import_apply, "save_edit", someone_edits_in_between)
    with pytest.raises(import_apply.ImportFailed) as failed:
        importer.apply(plan, ANN)

    assert isinstance(failed.value.cause, StaleEdit) and failed.value.not_undone == []
    assert Service.objects(source_id="NEW").count() == 0
    assert Location.objects(address__address_1="9 New Rd").count() == 0
    now = {service.id: _content(service) for service in Service.objects}
    assert now.pop(meeting.id)["description"] == "Cy's"  # theirs stays: it was never the import's to undo
    assert now == {service_id: content for service_id, content in stored.items() if service_id != meeting.id}
    undone = AuditEntry.objects(actor_name=f"{ANN.name} (undone)")
    assert sorted((e.object_type, e.action) for e in undone) == [("location", "removed"), ("service", "removed"),
                                                                ("service", "reverted")]


def _content(service: Service) -> dict:
    return {name: value for name, value in service.to_mongo().to_dict().items()
            if name not in import_plan.NOT_COMPARED}


# --- fuzzing: whatever the file holds, a clean file error or per-row errors, never a crash -----------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_are_a_file_error_or_a_plan(org, data):
    try:
        rows = importer.read_csv(data)
    except importer.CsvFileError:
        return
    importer.plan(org, rows, now=STORED_NOW)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(',"\n;:-'), max_size=300))
def test_any_text_under_a_valid_header_is_a_file_error_or_a_plan(org, body):
    header = "id,name,category,hours,capacity_code,capacity_name,available,maximum,city,latitude,longitude,timezone\n"
    try:
        rows = importer.read_csv((header + body).encode())
    except importer.CsvFileError:
        return
    plan = importer.plan(org, rows, now=STORED_NOW)
    assert all(row.action in (import_plan.CREATE, import_plan.INVALID) for row in plan.rows)


CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", "yes", "0", "-1", "1e309", "nan", "MO-FR 09:00-17:00",
                                                        "America", "aa", "housing", "meeting", "9;x", "39.1"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(importer.COLUMN_NAMES[3:]), CELL, max_size=12),
       st.sampled_from(["housing", "meeting", "clinical", "employment", "crisis", "x"]))
def test_any_cells_under_known_columns_plan_without_a_crash(org, cells, category):
    row = {"id": "F1", "name": "Fuzz", "category": category} | cells
    plan = importer.plan(org, importer.read_csv(csv_bytes(row)), now=STORED_NOW)
    [planned] = plan.rows
    assert planned.action in (import_plan.CREATE, import_plan.INVALID)
    assert bool(planned.errors) == (planned.action == import_plan.INVALID)
