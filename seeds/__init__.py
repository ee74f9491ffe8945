"""Seed data: the fictional Riverton metro, synthetic benchmark listings, and the loaders that insert them."""
