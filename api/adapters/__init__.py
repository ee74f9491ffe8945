"""Adapters to the outside world; backends.py chooses among them."""
