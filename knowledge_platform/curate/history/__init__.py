"""A project's history: readable diffs of its revisions, and reverting one."""
