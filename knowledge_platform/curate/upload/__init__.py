"""Uploading documents through the browser, and the report of every import run."""
