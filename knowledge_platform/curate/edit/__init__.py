"""Editing a project: the edit form, saving it as one revision, and refusing stale saves."""
