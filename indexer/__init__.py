"""The indexer worker (change detection -> search index, freshness sweeps, push): arrives with its own issue."""
