"""Lantern's core: configuration, models, domain, services, adapters and the public API.

`create_app` lives in api/app.py and is loaded on first use, so the indexer and the CLI can import models and
adapters without loading the web app (and its memory) as well.
"""


def __getattr__(name: str):
    if name == "create_app":
        from api.app import create_app
        return create_app
    raise AttributeError(f"module 'api' has no attribute {name!r}")
