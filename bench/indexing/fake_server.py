"""`python -m bench.indexing.fake_server KEY`: the fake Meilisearch in its own process, serving until stdin closes.

A real Meilisearch is another process: run apart, the fake's HTTP handling and filtering neither compete for the
GIL with the indexer being measured nor count in its memory.
"""

import sys

from tests.doubles.meilisearch import FakeMeilisearch


def main() -> None:
    with FakeMeilisearch(master_key=sys.argv[1]) as fake:
        print(fake.url, flush=True)
        sys.stdin.read()  # the parent closes stdin (or dies) to stop it


if __name__ == "__main__":
    main()
