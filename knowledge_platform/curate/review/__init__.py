"""Reviewing records: the review list, a record beside its sources, and evaluations."""
