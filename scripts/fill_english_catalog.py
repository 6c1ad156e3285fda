"""Give every untranslated entry of the English catalog its msgid as translation.

The source strings are English, so the English catalog is the identity; filling it
keeps "every string has a Czech and an English translation" checkable by tests.
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def fill(path: Path) -> int:
    """Fill empty translations in the catalog at ``path``; return how many were filled."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            if not all(message.string):
                message.string = tuple(message.id)
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return filled


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "translations/en/LC_MESSAGES/messages.po")
    print(f"{target}: filled {fill(target)} entries")
