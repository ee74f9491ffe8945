"""Durability: kill -9 the embedded default during admin edits, restart it, count acknowledged edits that are gone.

    python -m bench.durability [--edits 1000] [--kill-after 600] [--clients 4]

A partner (the seed's demo sign-in) presses "Still accurate" on the quick-update page of its listings, from
`--clients` threads at once, each on listings of its own; every 303 is an acknowledged edit, and each raises the
listing's version by one. After `--kill-after` acknowledgements the server's process group gets SIGKILL; a restart
on the same DATA_DIR must show every listing at least at its last acknowledged version (`missing` counts the
shortfall; `in_flight_kept` the edits under way at the kill that were kept anyway, which is allowed).
One JSON document on stdout, progress on stderr; exit status 1 when an acknowledged edit is missing.
"""

import argparse
import json
import re
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from bench.server import free_port, kill, server_environment, server_process
from seeds.staff import DEMO_PASSWORD, PARTNER_EMAIL

TIMEOUT_S = 60
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
QUICK_PAGE = re.compile(r'/admin/organizations/([^/"]+)/quick')
# The "Still accurate" button's form: the listing, its version, the action.
CONFIRM = re.compile(r'action="/admin/services/([^/"]+)/quick"[^>]*>\s*<input[^>]*>\s*'
                     r'<input type="hidden" name="version" value="(\d+)">\s*'
                     r'<input type="hidden" name="action" value="confirm">')


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Partner:
    """The demo partner, signed in to the admin area: its listings' versions, and edits that raise them."""

    def __init__(self, base_url: str):
        self.base_url, self.session = base_url, requests.Session()
        page = self.session.get(f"{base_url}/admin/login", timeout=TIMEOUT_S).text
        answer = self.session.post(f"{base_url}/admin/login", allow_redirects=False, timeout=TIMEOUT_S,
                                   data={"csrf_token": CSRF.search(page)[1], "email": PARTNER_EMAIL,
                                         "password": DEMO_PASSWORD})
        if answer.status_code != 302:
            raise RuntimeError(f"the demo partner could not sign in ({answer.status_code})")
        home = self.session.get(f"{base_url}/admin/", timeout=TIMEOUT_S).text
        quick = self.session.get(f"{base_url}/admin/organizations/{QUICK_PAGE.search(home)[1]}/quick",
                                 timeout=TIMEOUT_S).text
        self.csrf = CSRF.search(quick)[1]
        self.versions = {service: int(version) for service, version in CONFIRM.findall(quick)}
        if not self.versions:
            raise RuntimeError("the demo partner's quick-update page offers no \"Still accurate\" button")

    def confirm(self, service_id: str, version: int) -> bool:
        """Press "Still accurate" on the listing at this version; True once acknowledged (303)."""
        try:
            answer = self.session.post(f"{self.base_url}/admin/services/{service_id}/quick", allow_redirects=False,
                                       data={"csrf_token": self.csrf, "version": version, "action": "confirm"},
                                       timeout=TIMEOUT_S)
        except requests.RequestException:
            return False  # the kill came while it was under way
        return answer.status_code == 303


def stored_versions(base_url: str, ids) -> dict[str, int]:
    """Each listing's version as the public API serves it."""
    with requests.Session() as session:
        return {service_id: session.get(f"{base_url}/v1/services/{service_id}", timeout=TIMEOUT_S).json()["version"]
                for service_id in ids}


def edit_until_killed(partner: Partner, process, edits: int, kill_after: int, clients: int) -> dict[str, int]:
    """Edit from `clients` threads until `edits` are acknowledged or the kill; {listing: last acknowledged}."""
    ids = sorted(partner.versions)
    acknowledged, lock = dict(partner.versions), threading.Lock()
    count, stop = [0], threading.Event()

    def client(number: int) -> None:
        mine = ids[number::clients]
        turn = 0
        while mine and not stop.is_set():
            service_id = mine[turn % len(mine)]
            turn += 1
            if not partner.confirm(service_id, acknowledged[service_id]):
                return
            with lock:
                acknowledged[service_id] += 1
                count[0] += 1
                if count[0] == kill_after:
                    kill(process)
                if count[0] >= min(edits, kill_after):
                    stop.set()

    with ThreadPoolExecutor(min(clients, len(ids))) as pool:
        list(pool.map(client, range(min(clients, len(ids)))))
    kill(process)  # if the edits ran out before the kill
    return acknowledged


def run(edits: int, kill_after: int, clients: int, data_dir: str) -> dict:
    """One kill during edits and one restart on data_dir; the report."""
    env = server_environment(0) | {"DATA_DIR": data_dir}
    with server_process(free_port(), env) as (base_url, process):
        partner = Partner(base_url)
        log(f"durability: {len(partner.versions)} listings to edit; killing after {kill_after} acknowledged edits")
        acknowledged = edit_until_killed(partner, process, edits, kill_after, clients)
    with server_process(free_port(), env) as (base_url, _):
        stored = stored_versions(base_url, acknowledged)
    made = sum(acknowledged[i] - partner.versions[i] for i in acknowledged)
    missing = sum(max(acknowledged[i] - stored[i], 0) for i in acknowledged)
    return {"edits_acknowledged": made, "missing": missing,
            "in_flight_kept": sum(max(stored[i] - acknowledged[i], 0) for i in acknowledged),
            "listings": len(acknowledged), "clients": clients}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.durability", description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000, help="edits to make at most (default 1000)")
    parser.add_argument("--kill-after", type=int, default=600, help="acknowledged edits before kill -9 (600)")
    parser.add_argument("--clients", type=int, default=4, help="partner threads editing at once (default 4)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lantern-durability-") as data_dir:
        report = run(args.edits, args.kill_after, args.clients, data_dir)
    print(json.dumps(report, indent=2))
    return 1 if report["missing"] else 0


if __name__ == "__main__":
    sys.exit(main())
