"""HSDS service_at_location records (service_at_location_full.json, a Page of them) read as what they are.

A service_at_location is one service delivered at one location, with its service nested. It is read as that
service with this link among its service_at_locations; several links of one service (the same service id) become
one service with all of them, so the service is imported once.
"""


def joined(link: dict, seen: dict[str, dict]) -> dict | None:
    """The service the link belongs to, with the link added; None when an earlier link brought the service (the
    link is added to it there). seen holds the services links brought, by id."""
    service, own = link["service"], {key: value for key, value in link.items() if key != "service"}
    key = service.get("id") if isinstance(service.get("id"), str) else None
    if key in seen:
        seen[key]["service_at_locations"].append(own)
        return None
    links = service.get("service_at_locations")
    found = service | {"service_at_locations": [*(links if isinstance(links, list) else []), own]}
    if key is not None:
        seen[key] = found
    return found
