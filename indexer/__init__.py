"""The indexer: changes since its checkpoint rebuilt into Meilisearch (`python -m indexer`, or a thread of `make run`)."""
