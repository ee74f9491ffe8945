"""A fake Meilisearch HTTP server for tests, driven through the real `meilisearch` client.

Start it with `with FakeMeilisearch(master_key="...") as fake:` and point `meilisearch.Client(fake.url, key)` at it;
`fake.pause()/resume()`, `fake.set_down(True[, refuse=True])`, `fake.set_latency(s)` and `fake.reset()` are the
fault controls (server.py). Reproduced as the real server does them (shared/notes/meilisearch.md): the routes and JSON
shapes the 0.43 client uses; writes answered 202 and applied in order by one worker thread as tasks (enqueued ->
processing -> succeeded | failed, with error/duration/startedAt/finishedAt); bad documents failing their task;
`{message, code, type, link}` errors; the filter grammar and its semantics (case-sensitive keywords, quoting and
escapes, NOT/!= keeping documents without the field, arrays matching on any element, EXISTS/IS NULL/IS EMPTY,
normalised string comparison, `_geoRadius`, `_geoBoundingBox` north-east corner first, the array form); sort with
`_geoPoint` and `_geoDistance`; facetDistribution and facetStats; both pagination shapes capped by maxTotalHits;
master key, default search/admin keys and tenant tokens.

Approximated:
- Relevance: ranking rules are applied in their configured order to simple signals: words (matched query words,
  matchingStrategy "last" keeps the longest run of words from the start), typo (total typos), proximity (closest
  positions of consecutive words, capped at 8), attributeRank (first searchable attribute matched; with `*`, the
  document's own field order), wordPosition, exactness (words matched without typo or prefix). No scores.
- Tokenisation splits on anything that is not a letter or digit (so "Al-Anon" is "al anon", "12-step" is "12 step");
  matching is case- and accent-insensitive. One typo from 5 letters, two from 9 (edit distance where swapping two
  neighbours is one typo and a wrong first letter counts double); the last query word also matches as a prefix.
- Synonyms are word alternatives taken literally from the settings (one-way unless listed both ways); a multi-word
  synonym matches when its words appear anywhere in the document, not as a phrase.
- Filters: `>`, `<`, `TO` compare numbers numerically and strings by normalised text (the latter unverified).
- Facet values keep the first spelling seen; numbers and booleans appear as strings ("5", "true").
- Documents without a sort value sort last in either direction; numbers sort before strings.
- Delete by filter: syntax is checked on receipt (400), filterability when the task runs (failed task).

Left out (stored and returned where they are settings, but without effect): stopWords, separator/non-separator
tokens, dictionary, distinctAttribute, proximityPrecision, searchCutoffMs, localizedAttributes, typo
disableOnAttributes, phrase search ("..."), negative search (-word), highlighting, cropping, matchesPosition,
ranking scores, distinct, hybrid/vector search, federated multi-search, matchingStrategy "frequency", swap with
rename, facet search, similar documents, CSV payloads, batches, task cancelation/deletion, key creation and editing,
dumps, snapshots, stats beyond one index. Search parameters from that list fail loudly (HTTP 501,
`not_supported_by_fake`) rather than being ignored.
"""

from .server import FakeMeilisearch

__all__ = ["FakeMeilisearch"]
