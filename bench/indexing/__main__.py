"""`python -m bench.indexing SCENARIO --listings N [--edits E]`: one scenario in this process, its JSON on stdout.

`python -m bench.indexer` runs each scenario this way, so every scenario has a fresh process: its own database,
its own memory figures, and no garbage or threads left over from another.
"""

import argparse
import json
import sys
import warnings

from bench.indexing import freshness, reindex, throughput


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.indexing", description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=("freshness", "throughput", "reindex"))
    parser.add_argument("--listings", type=int, required=True)
    parser.add_argument("--edits", type=int, default=200, help="freshness only")
    args = parser.parse_args(argv)
    # mongoengine asks every cursor for a batch size, which mongomock-ng warns it ignores, once per query.
    warnings.filterwarnings("ignore", message="'batch_size' is accepted by Cursor")
    if args.scenario == "freshness":
        result = freshness.run(args.listings, args.edits)
    elif args.scenario == "throughput":
        result = throughput.run(args.listings)
    else:
        result = reindex.run(args.listings)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
