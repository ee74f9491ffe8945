"""The HSDS filters: organization, taxonomy term and taxonomy, modified_after, search, postcode and proximity."""

from datetime import datetime

from api.models import Address, Location, Service, TaxonomyTerm
from api.models.details import ClinicalDetail
from tests import factories as f


def names(client, path="/hsds/services", **params) -> list[str]:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.json
    return [item.get("name") or item["service"]["name"] for item in response.json["contents"]]


def term_id(client, taxonomy: str, code: str) -> str:
    terms = client.get("/hsds/taxonomy_terms", query_string={"per_page": 200}).json["contents"]
    return next(term["id"] for term in terms if term["taxonomy"] == taxonomy and term["code"] == code)


def place(org, postal_code, lat, lng, confidential=False) -> Location:
    return Location(organization=org, confidential=confidential, point=[lng, lat],
                    address=Address(address_1="1 Test St", city="Riverton", region="MO",
                                    postal_code=postal_code)).save()


def test_organization_id_selects_its_services_and_their_places(client):
    org = f.organization("Alliance")
    f.service("Ours A", org=org)
    f.service("Ours B", org=org)
    f.service("Theirs")
    assert names(client, organization_id=org.id) == ["Ours A", "Ours B"]
    assert names(client, "/hsds/service_at_locations", organization_id=org.id) == ["Ours A", "Ours B"]
    assert names(client, organization_id="no-such-organization") == []


def test_taxonomy_term_id_selects_by_stored_term_and_by_published_vocabulary(client):
    TaxonomyTerm(code="detox", name="Detox").save()
    f.service("Detox unit", category="clinical", taxonomy_terms=["detox"],
              clinical=ClinicalDetail(moud=["methadone"]))
    f.service("Bup clinic", category="clinical", clinical=ClinicalDetail(moud=["buprenorphine"]))
    f.service("Peer coaching")
    detox = client.get("/hsds/taxonomy_terms", query_string={"search": "detox"}).json["contents"][0]["id"]
    assert names(client, taxonomy_term_id=detox) == ["Detox unit"]
    assert names(client, taxonomy_term_id=term_id(client, "lantern-moud", "buprenorphine")) == ["Bup clinic"]
    assert names(client, taxonomy_term_id=term_id(client, "lantern-category", "clinical")) == [
        "Bup clinic", "Detox unit"]
    assert names(client, taxonomy_term_id="6f1c2a8e-0000-4000-8000-000000000000") == []

    moud = next(taxonomy["id"] for taxonomy in client.get("/hsds/taxonomies").json["contents"]
                if taxonomy["name"] == "lantern-moud")
    assert names(client, taxonomy_id=moud) == ["Bup clinic", "Detox unit"]


def test_modified_after_is_inclusive_and_reads_times_without_offset_as_utc(client):
    old, new = f.service("Old listing"), f.service("New listing")
    collection = Service._get_collection()
    collection.update_one({"_id": old.id}, {"$set": {"updated_at": datetime(2024, 1, 1)}})
    collection.update_one({"_id": new.id}, {"$set": {"updated_at": datetime(2026, 6, 1, 12, 0)}})
    assert names(client, modified_after="2025-01-01") == ["New listing"]
    assert names(client, modified_after="2026-06-01T12:00:00Z") == ["New listing"]
    assert names(client, modified_after="2026-06-01T14:00:01+02:00") == []
    assert names(client, modified_after="2026-06-01T12:00:00") == ["New listing"]
    assert names(client, "/hsds/service_at_locations", modified_after="2025-01-01") == ["New listing"]


def test_search_matches_the_start_of_words_whatever_the_accents(client):
    f.service("Sesión de apoyo en español")
    f.service("Women's recovery circle")
    assert names(client, search="sesion") == ["Sesión de apoyo en español"]
    assert names(client, search="RECOV wom") == ["Women's recovery circle"]
    assert names(client, search="covery") == []
    assert names(client, search='{"$ne": null}') == []
    f.organization("Harbor Light Partners")
    assert [item["name"] for item in client.get("/hsds/organizations", query_string={"search": "harb"})
            .json["contents"]] == ["Harbor Light Partners"]


def test_postcode_matches_public_postal_codes_loosely_and_proximity_is_metres_from_their_centroid(client):
    org = f.organization()
    f.service("Near", places=[place(org, "64105-1234", 39.100, -94.580)], org=org)
    f.service("Across the street", places=[place(org, "64106", 39.101, -94.580)], org=org)  # ~110 m
    f.service("Across town", places=[place(org, "64130", 39.150, -94.580)], org=org)  # ~5.6 km
    assert names(client, postcode="64105") == ["Near"]
    assert names(client, postcode=" 64105-9999 ") == ["Near"]
    assert names(client, postcode="64105", proximity=500) == ["Across the street", "Near"]
    assert names(client, postcode="64105", proximity=10_000) == ["Across the street", "Across town", "Near"]
    assert names(client, postcode="99999", proximity=10_000) == []
    assert names(client, "/hsds/service_at_locations", postcode="64105", proximity=500) == [
        "Across the street", "Near"]


def test_postcodes_compare_without_case_or_spaces(client):
    org = f.organization()
    f.service("London office", places=[place(org, "SW1A 1AA", 51.501, -0.142)], org=org)
    assert names(client, postcode="sw1a1aa") == ["London office"]


def test_service_at_locations_list_each_place_of_each_service(client):
    org = f.organization()
    two = [f.location(org, name="North"), f.location(org, name="South")]
    service = f.service("Two places", places=two, org=org)
    links = client.get("/hsds/service_at_locations").json["contents"]
    assert [link["id"] for link in links] == [link.id for link in service.locations]
    assert [link["location"]["name"] for link in links] == ["North", "South"]
    assert "addresses" not in links[0]["location"] and "service_at_locations" not in links[0]["service"]
    full = client.get("/hsds/service_at_locations", query_string={"full": "true"}).json["contents"]
    assert full[0]["location"]["addresses"][0]["address_1"] == "100 Main St"
    assert full[0]["service"]["schedules"]


def test_organizations_nest_their_places_and_services_as_asked(client):
    org = f.organization("Alliance")
    f.service("Alpha", org=org)
    listed = client.get("/hsds/organizations").json["contents"][0]
    assert "services" not in listed and "locations" not in listed
    full = client.get("/hsds/organizations", query_string={"full": "true"}).json["contents"][0]
    assert [service["name"] for service in full["services"]] == ["Alpha"]
    assert "schedules" not in full["services"][0] and "organization" not in full["services"][0]
    assert full["locations"][0]["addresses"]
    nested = client.get(f"/hsds/organizations/{org.id}", query_string={"full_service": "true"}).json
    assert nested["services"][0]["schedules"] and "organization" not in nested["services"][0]


def test_taxonomy_terms_filter_by_taxonomy_parent_and_top_level(client):
    TaxonomyTerm(code="recovery-housing", name="Recovery housing").save()
    TaxonomyTerm(code="sober-living", name="Sober living", parent_code="recovery-housing").save()
    terms = client.get("/hsds/taxonomy_terms", query_string={"per_page": 200}).json["contents"]
    parent = next(term for term in terms if term["code"] == "recovery-housing")
    lantern = parent["taxonomy_id"]
    in_lantern = client.get("/hsds/taxonomy_terms", query_string={"taxonomy_id": lantern}).json["contents"]
    assert [term["code"] for term in in_lantern] == ["recovery-housing", "sober-living"]
    children = client.get("/hsds/taxonomy_terms", query_string={"parent_id": parent["id"]}).json["contents"]
    assert [term["code"] for term in children] == ["sober-living"]
    top = client.get("/hsds/taxonomy_terms", query_string={"taxonomy_id": lantern, "top_only": "true"}).json
    assert [term["code"] for term in top["contents"]] == ["recovery-housing"]
    assert client.get(f"/hsds/taxonomies/{lantern}").json["name"] == "lantern"
