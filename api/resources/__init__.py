"""Public REST API v1: one package per resource (blueprint, resources, schemas)."""
