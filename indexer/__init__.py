"""The indexer: changes since its checkpoint, rebuilt into Meilisearch (`python -m indexer`, or inside `make run`)."""
