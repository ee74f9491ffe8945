"""The indexer benchmark's scenarios (`python -m bench.indexer`), each run in a process of its own."""
