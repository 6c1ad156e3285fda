"""Conflicts between sources, possible duplicates, and merging projects and organisations."""
