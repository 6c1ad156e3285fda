"""Word .docx reader (python-docx): headings, paragraphs, list items and tables in order."""
from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph

from importers.document import Document, ReadError
from importers.readers.errors import describe
from importers.readers.fields import dedupe_pairs, label_fields, normalise_text
from importers.readers.sniff import MEDIA_TYPES


def read_docx(source: str, data: bytes) -> Document:
    """One Document for a .docx file: blocks separated by blank lines, table rows as fields."""
    try:
        document = docx.Document(io.BytesIO(data))
        blocks, table_fields, heading = _blocks(document)
        title = (document.core_properties.title or "").strip() or heading
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own types
        raise ReadError(source, f"not a readable Word document ({describe(exc)})") from exc
    text = normalise_text("\n\n".join(blocks))
    if not text.strip():
        raise ReadError(source, "Word document has no text")
    return Document(
        source=source,
        media_type=MEDIA_TYPES["docx"],
        text=text,
        raw=data,
        fields=dedupe_pairs(label_fields(text) + table_fields),
        title_hint=title or None,
    )


def _blocks(document: DocxDocument) -> tuple[list[str], list[tuple[str, str]], str | None]:
    blocks: list[str] = []
    fields: list[tuple[str, str]] = []
    heading: str | None = None
    list_run: list[str] = []
    styles = _StyleNames(document)

    def end_list() -> None:
        if list_run:
            blocks.append("\n".join(list_run))
            list_run.clear()

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            end_list()
            lines = _table_lines(item, fields)
            if lines:
                blocks.append("\n".join(lines))
            continue
        text = _paragraph_text(item)
        if not text:
            continue
        if _is_list_item(item, styles):
            list_run.append("- " + text)
            continue
        end_list()
        if heading is None and styles.of(item).startswith(("Title", "Heading 1")):
            heading = text
        blocks.append(text)
    end_list()
    return blocks, fields, heading


def _paragraph_text(paragraph: Paragraph) -> str:
    # Soft line breaks come through as "\n"; tabs separate a label from its value.
    return "\n".join(line.strip() for line in paragraph.text.split("\n")).strip()


class _StyleNames:
    """Paragraph style names by style id, read once per document: python-docx's own
    ``paragraph.style`` scans every style for each paragraph (minutes for a long file)."""

    def __init__(self, document: DocxDocument) -> None:
        self.names: dict[str, str] = {}
        self.default = ""
        # A damaged style only costs its name, as it did when looked up per paragraph.
        for style in document.styles:
            try:
                if style.type == WD_STYLE_TYPE.PARAGRAPH and style.style_id:
                    self.names.setdefault(style.style_id, style.name or "")
            except (KeyError, AttributeError, ValueError):
                continue
        try:
            default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            self.default = (default.name or "") if default is not None else ""
        except (KeyError, AttributeError, ValueError):
            pass

    def of(self, paragraph: Paragraph) -> str:
        """The paragraph's style name; the default style's when it names none or an unknown one."""
        # No style id names no style: "" is never a key.
        return self.names.get(paragraph._p.style or "", self.default)


def _is_list_item(paragraph: Paragraph, styles: _StyleNames) -> bool:
    if styles.of(paragraph).startswith("List"):
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _table_lines(table: Table, fields: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # python-docx repeats a merged cell once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        if len(cells) == 2:
            label = cells[0].rstrip(":").strip()
            lines.append(f"{label}: {cells[1]}")
            fields.append((label, cells[1]))
        elif cells:
            lines.append(" | ".join(cells))
    return lines
