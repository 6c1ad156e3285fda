"""Uploaded files staged for the importer: size and type checks, ZIP archives unpacked safely.

Every file is written under a fresh folder of its own with a sanitised name; the importer
reads those paths, and ``Staging.display`` turns them back into the names people uploaded.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from werkzeug.utils import secure_filename

from importers.readers import SUPPORTED_EXTENSIONS
from importers.readers.errors import human_size
from importers.readers.sniff import detect_kind, sniff_kind


def N_(message: str) -> str:
    """Mark ``message`` for translation; it is stored in English and translated when shown."""
    return message


# Why a file was not imported, by reason; filled in with the rejection's params.
REJECTIONS = {
    "empty": N_("the file is empty"),
    "too_big": N_("the file is larger than the %(limit)s limit"),
    "type": N_("files of type %(extension)s cannot be imported; allowed types: %(allowed)s"),
    "content": N_("the content does not match the file type %(extension)s"),
    "too_many": N_("more than %(limit)s files in one upload; this one was not imported"),
    "unsafe_name": N_("the name points outside the archive, so it was not unpacked"),
    "encrypted": N_("the file is encrypted in the archive; upload it unencrypted"),
    "damaged": N_("the file is damaged in the archive"),
    "zip_damaged": N_("not a readable ZIP archive (damaged or in another format)"),
    "zip_too_many": N_("the archive holds %(count)s files, more than the %(limit)s allowed"),
    "zip_too_big": N_("the archive's files would expand to %(size)s, over the %(limit)s limit"),
}
ALLOWED = ", ".join(sorted(SUPPORTED_EXTENSIONS))
# Binary kinds whose content the sniffer recognises for sure.
_BINARY = ("pdf", "docx", "xlsx")
# Folders and files that archiving tools add and that are never documents.
_NOT_DOCUMENTS = re.compile(r"(^|/)(__MACOSX|\.[^/]*)(/|$)")
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    files: int
    expanded_bytes: int


@dataclass(frozen=True)
class Rejection:
    """A file not handed to the importer, and why (a key of REJECTIONS)."""

    name: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_error(self) -> dict[str, Any]:
        """The entry for ImportRun.errors: the English problem plus what translates it."""
        return {"source": self.name, "problem": REJECTIONS[self.reason] % self.params,
                "reason": self.reason, "params": self.params}


class _Refused(Exception):
    def __init__(self, reason: str, **params: Any):
        super().__init__(reason)
        self.reason, self.params = reason, params


@dataclass
class Staging:
    """Files written under ``folder`` for the importer, and those refused."""

    folder: Path
    limits: Limits
    names: dict[str, str] = field(default_factory=dict)  # staged path -> uploaded name
    rejected: list[Rejection] = field(default_factory=list)
    _expanded: int = 0

    @property
    def paths(self) -> list[str]:
        """The staged files, in upload order."""
        return list(self.names)

    def display(self, source: str) -> str:
        """The uploaded name for an importer source (a staged path, maybe with "#row-N")."""
        path, hash_mark, rest = source.partition("#")
        name = self.names.get(path)
        return source if name is None else f"{name}{hash_mark}{rest}"

    def add(self, filename: str, stream: IO[bytes]) -> None:
        """Stage one uploaded file, unpacking it when it is a ZIP archive."""
        name = _clean_name(filename.replace("\\", "/").rsplit("/", 1)[-1]) or "?"
        if name.lower().endswith(".zip"):
            self._add_archive(name, stream)
        else:
            self._stage(name, lambda: _read_limited(stream, self.limits.file_bytes))

    def _add_archive(self, name: str, stream: IO[bytes]) -> None:
        try:
            archive = zipfile.ZipFile(stream)
            members = [info for info in archive.infolist() if not info.is_dir() and (
                _unsafe(info.filename) or not _NOT_DOCUMENTS.search(info.filename))]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            self.rejected.append(Rejection(name, "zip_damaged"))
            return
        with archive:
            # The declared sizes are checked before anything is decompressed, so a zip
            # bomb is refused at once; reading stays bounded even if they lie (see _stage).
            declared = sum(info.file_size for info in members)
            if len(members) > self.limits.files:
                self.rejected.append(Rejection(
                    name, "zip_too_many", {"count": len(members), "limit": self.limits.files}))
            elif self._expanded + declared > self.limits.expanded_bytes:
                self.rejected.append(Rejection(name, "zip_too_big", {
                    "size": human_size(declared),
                    "limit": human_size(self.limits.expanded_bytes)}))
            else:
                for info in members:
                    self._add_member(name, archive, info)

    def _add_member(self, archive_name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo):
        member = info.filename.replace("\\", "/")
        name = f"{archive_name}/{_clean_name(member)}"
        if _unsafe(member):
            self.rejected.append(Rejection(name, "unsafe_name"))
        elif info.flag_bits & 0x1:
            self.rejected.append(Rejection(name, "encrypted"))
        elif info.file_size > self.limits.file_bytes:
            self.rejected.append(Rejection(
                name, "too_big", {"limit": human_size(self.limits.file_bytes)}))
        else:
            self._stage(name, lambda: self._read_member(archive, info))

    def _read_member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        try:
            with archive.open(info) as handle:
                data = _read_limited(handle, self.limits.file_bytes)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
                EOFError) as error:
            raise _Refused("damaged") from error
        self._expanded += len(data)
        if self._expanded > self.limits.expanded_bytes:
            raise _Refused("zip_too_big", size=human_size(self._expanded),
                           limit=human_size(self.limits.expanded_bytes))
        return data

    def _stage(self, name: str, read) -> None:
        """Check and write one file; a refusal is recorded under its uploaded ``name``."""
        try:
            if len(self.names) >= self.limits.files:
                raise _Refused("too_many", limit=self.limits.files)
            extension = PurePosixPath(name).suffix.lower()
            if extension not in SUPPORTED_EXTENSIONS:
                raise _Refused("type", extension=extension or "-", allowed=ALLOWED)
            data = read()
            _check_content(extension, data)
        except _Refused as refusal:
            self.rejected.append(Rejection(name, refusal.reason, refusal.params))
            return
        folder = self.folder / str(len(self.names))
        folder.mkdir()
        safe = secure_filename(PurePosixPath(name).name)
        if not safe.lower().endswith(extension):  # all of the name was non-ASCII
            safe = f"document{extension}"
        path = folder / safe
        with open(path, "xb") as handle:
            handle.write(data)
        self.names[str(path)] = name


def _read_limited(stream: IO[bytes], limit: int) -> bytes:
    """All of ``stream``, refusing it as soon as it is longer than ``limit``."""
    chunks, size = [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise _Refused("too_big", limit=human_size(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _check_content(extension: str, data: bytes) -> None:
    """Refuse an empty file, and one whose bytes contradict its extension."""
    if not data:
        raise _Refused("empty")
    claimed = detect_kind(extension, b"")
    found = sniff_kind(data)
    if claimed in _BINARY and found != claimed:
        raise _Refused("content", extension=extension)
    # A text format holding binary content (a program, an image renamed to .txt or .csv);
    # a PDF or Word file saved as .txt is fine, the readers go by its content.
    binary = b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if claimed not in _BINARY and found not in _BINARY and binary:
        raise _Refused("content", extension=extension)


def _unsafe(member: str) -> bool:
    """Whether an archive member's name is absolute or climbs out of the archive."""
    member = member.replace("\\", "/")
    return member.startswith("/") or bool(re.match(r"[A-Za-z]:", member)) or (
        ".." in member.split("/"))


def _clean_name(name: str) -> str:
    """A name as shown in reports: control characters dropped, at most 300 characters."""
    return "".join(char for char in name if char.isprintable()).strip()[:300]
