"""Meilisearch: the search documents, the index settings, safe filters, and the search backend on top."""
