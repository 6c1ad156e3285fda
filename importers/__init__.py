"""Readers and extractors: documents in, plain records out.

This package never imports Flask or the database layer; ``knowledge_platform``
persists what it returns.
"""
from importers.document import Document, ReadError
from importers.record import RECORD_FIELDS, empty_record

__all__ = ["Document", "ReadError", "RECORD_FIELDS", "empty_record"]
