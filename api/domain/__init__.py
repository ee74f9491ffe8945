"""Pure domain logic: vocabularies, schedules and freshness. No database, no Flask."""
