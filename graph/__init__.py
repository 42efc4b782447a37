"""Dalil's domain model, graph stores, domain queries and vocabularies (the dependency root)."""
