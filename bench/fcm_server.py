"""`python -m bench.fcm_server`: the fake FCM in its own process (as FCM is), serving until stdin closes.

Prints one JSON line: its URL and the throwaway service-account key whose token endpoint it serves.
"""

import json
import sys

from tests.doubles.fcm import FakeFCM


def main() -> None:
    with FakeFCM(project_id="lantern-bench") as fake:
        print(json.dumps({"url": fake.url, "project_id": fake.project_id,
                          "service_account": fake.service_account_info()}), flush=True)
        sys.stdin.read()  # the parent closes stdin (or dies) to stop it


if __name__ == "__main__":
    main()
