"""Push tests: the app, a notifier on its database with a clock the test moves, and the real SDK on the fake FCM."""

import itertools
from datetime import timedelta

import firebase_admin
import pytest

from api import create_app
from api.adapters.push.fcm import FcmSender
from indexer.push.outbox import Limits
from indexer.push.worker import Notifier
from tests.conftest import NOW, make_config
from tests.doubles.fcm import FakeFCM, aim_at_fake

COALESCE = timedelta(minutes=10)
_apps = itertools.count()


@pytest.fixture(scope="session")
def fake_fcm():
    with FakeFCM(project_id="lantern-test") as fake:
        yield fake


@pytest.fixture
def fcm_sender(fake_fcm):
    """FcmSender on an SDK app of its own, aimed at the fake (after the sender set its HTTP adapters)."""
    app = firebase_admin.initialize_app(fake_fcm.credential(), {"projectId": fake_fcm.project_id, "httpTimeout": 5},
                                        name=f"push-test-{next(_apps)}")
    sender = FcmSender(app)
    aim_at_fake(app, fake_fcm)
    yield sender
    firebase_admin.delete_app(app)
    fake_fcm.reset()


class World:
    """The public API and the notifier, sharing one database; `later(...)` moves the notifier's clock on."""

    def __init__(self, app, sender):
        self.app, self.client, self.now, self.sender = app, app.test_client(), NOW, sender
        self.restart()

    def restart(self, sender=None, hourly_max: int = 20) -> "World":
        """A new notifier process: nothing kept in memory, only what is in the database."""
        self.notifier = Notifier(sender or self.sender, self.app.config["FRESHNESS_TTL_HOURS"],
                                 Limits(COALESCE, hourly_max), timedelta(days=60), clock=lambda: self.now)
        return self

    def start(self) -> "World":
        """The first pass: what exists now is the baseline, nobody's news."""
        self.notifier.run_once()
        return self

    def run(self) -> int:
        return self.notifier.run_once()

    def later(self, **delta) -> "World":
        self.now += timedelta(**delta)
        return self

    def device(self, token: str, locale: str = "en", discreet: bool = True) -> tuple[str, dict]:
        answer = self.client.post("/v1/devices", json={"token": token, "platform": "android", "locale": locale,
                                                        "discreet": discreet})
        assert answer.status_code == 201, answer.json
        return answer.json["id"], {"Authorization": f"Bearer {answer.json['secret']}"}

    def subscribe(self, device: tuple[str, dict], **body) -> dict:
        answer = self.client.post(f"/v1/devices/{device[0]}/subscriptions", json=body, headers=device[1])
        assert answer.status_code == 201, answer.json
        return answer.json


@pytest.fixture
def world(storage, fcm_sender):
    app = create_app(make_config(PUSH_BACKEND="console"))  # the notifier here sends through the fake instead
    app.extensions["lantern"].clock = lambda: NOW
    return World(app, fcm_sender)
