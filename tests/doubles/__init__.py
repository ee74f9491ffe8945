"""Test doubles for Lantern's external services: project-owned fakes driven through the real client libraries."""
