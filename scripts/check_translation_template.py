"""Fail when the committed translation template no longer matches the source's messages.

Only the messages count (context, singular and plural ids, flags, source references);
the header that the extraction tool writes (its version, the creation date) never does,
so a new Babel release cannot fail the check on its own.
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

MessageKey = tuple[str | None, str | tuple[str, ...]]


def messages(path: Path) -> dict[MessageKey, Message]:
    """The template's messages by (context, id), the header entry left out."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(message.context, message.id): message for message in catalog if message.id}


def differences(committed: Path, fresh: Path) -> list[str]:
    """Describe each message that differs between the committed and a fresh template."""
    old, new = messages(committed), messages(fresh)
    found = [f"missing from {committed}: {_show(key)}" for key in new.keys() - old.keys()]
    found += [f"no longer in the source: {_show(key)}" for key in old.keys() - new.keys()]
    for key in old.keys() & new.keys():
        before, after = old[key], new[key]
        if sorted(before.flags) != sorted(after.flags):
            found.append(f"flags changed for {_show(key)}: {sorted(after.flags)}")
        if sorted(before.locations) != sorted(after.locations):
            found.append(f"source references changed for {_show(key)}")
    return sorted(found)


def _show(key: MessageKey) -> str:
    context, message_id = key
    text = " | ".join(message_id) if isinstance(message_id, tuple) else message_id
    return repr(text) if context is None else f"{text!r} (context {context!r})"


def main(argv: list[str]) -> int:
    """Compare the templates named in ``argv``; print the differences, return the exit code."""
    if len(argv) != 2:
        print("usage: check_translation_template.py COMMITTED.pot FRESH.pot", file=sys.stderr)
        return 2
    found = differences(Path(argv[0]), Path(argv[1]))
    if not found:
        print("translation template is up to date")
        return 0
    print(f"{argv[0]} is stale: run 'make translations' and translate the new strings")
    for line in found[:40]:
        print("  " + line)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
