"""The codebook of a release: every column, its meaning, and its vocabulary in both languages."""
from __future__ import annotations

from pathlib import Path

from knowledge_platform.exports.columns import (
    BOOLEAN,
    CODE,
    CODES,
    COLUMNS,
    DATE,
    DATETIME,
    INTEGER,
    MONEY,
    NAMES,
    SEPARATORS,
    TEXT,
    URLS,
    vocabulary_terms,
)
from knowledge_platform.statistics import PARTS

KIND_TEXT = {
    INTEGER: "whole number",
    TEXT: "text",
    DATE: "date YYYY-MM-DD",
    MONEY: "amount",
    BOOLEAN: "true / false",
    CODE: "one code",
    CODES: "list of codes",
    NAMES: "list of names",
    URLS: "list of addresses",
    DATETIME: "date and time, UTC",
}
HEADER = ("column", "type", "meaning_en", "meaning_cs", "vocabulary", "code", "label_en",
          "label_cs")


def codebook_rows() -> list[tuple[str, ...]]:
    """The codebook as a table: a row per column, then a row per code of its vocabulary."""
    rows: list[tuple[str, ...]] = [HEADER]
    for column in COLUMNS:
        rows.append((column.name, KIND_TEXT[column.kind], column.en, column.cs,
                     column.vocabulary or "", "", "", ""))
        if column.vocabulary:
            rows += [(column.name, "", "", "", column.vocabulary, code, en, cs)
                     for code, cs, en in vocabulary_terms(column.vocabulary)]
    return rows


def write_codebook_md(path: Path, version: str, day: str, data_name: str, format_: str,
                      dialect: str) -> None:
    """The codebook as Markdown: conventions, columns, then each vocabulary."""
    lines = [
        f"# Codebook: projects, release {version}",
        "",
        f"Released {day}. Data file: `{data_name}`; one row (or line) per published project;",
        "an empty cell (or JSON null) means unknown. JSON Schema of a record:",
        "`record.schema.json`; checksums and the citation: `release.json`.",
        "",
        "Kódovník: každý sloupec česky i anglicky a slovníky kódů s oběma popisky.",
        "",
        *_conventions(format_, dialect),
        "",
        "## Columns / Sloupce",
        "",
        "| column | type | meaning | význam | vocabulary |",
        "|---|---|---|---|---|",
    ]
    for column in COLUMNS:
        vocabulary = f"[{column.vocabulary}](#{column.vocabulary})" if column.vocabulary else ""
        lines.append(f"| `{column.name}` | {KIND_TEXT[column.kind]} | {_cell(column.en)} | "
                     f"{_cell(column.cs)} | {vocabulary} |")
    shown: set[str] = set()
    for column in COLUMNS:
        if not column.vocabulary or column.vocabulary in shown:
            continue
        shown.add(column.vocabulary)
        users = ", ".join(f"`{c.name}`" for c in COLUMNS if c.vocabulary == column.vocabulary)
        lines += ["", f"## {column.vocabulary}", "", f"Used by {users}.", "",
                  "| code | English | česky |", "|---|---|---|"]
        lines += [f"| `{code}` | {_cell(en)} | {_cell(cs)} |"
                  for code, cs, en in vocabulary_terms(column.vocabulary)]
        lines += _parts(column.vocabulary)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _parts(vocabulary: str) -> list[str]:
    """The hierarchy of a vocabulary's terms (programmes of a fund), said once below it."""
    parts = PARTS.get(vocabulary, {})
    if not parts:
        return []
    listed = ", ".join(f"`{part}` of `{whole}`" for part, whole in parts.items())
    listed_cs = ", ".join(f"`{part}` fondu `{whole}`" for part, whole in parts.items())
    return ["", f"Programmes of a fund: {listed}. A project of a programme always also has "
                "its fund's code; statistics count it once, under the fund.",
            "", f"Programy fondu: {listed_cs}. Projekt programu má vždy i kód jeho fondu; "
                "statistiky jej počítají jednou, pod fondem."]


def _conventions(format_: str, dialect: str) -> list[str]:
    if format_ == "jsonl":
        return ["Format: JSON Lines in UTF-8; lists are JSON arrays, amounts JSON numbers."]
    lists = (f"codes and addresses are joined with `{SEPARATORS[CODES].strip()}`, "
             f"organisation names with `{SEPARATORS[NAMES].strip()}`")
    if format_ == "xlsx":
        return [f"Format: XLSX, sheet `projects`, header in row 1; {lists}; "
                "dates and amounts are typed cells."]
    separator, decimal = (";", ",") if dialect == "semicolon" else (",", ".")
    return [f"Format: CSV in UTF-8 with a byte order mark, cells separated by `{separator}`, "
            f"decimal mark `{decimal}`; {lists}; booleans are `true`/`false`.",
            "",
            "Formulas: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage "
            "return (also after some `'`) is written with one more `'` before it, so that a "
            "spreadsheet shows it as text instead of running it as a formula; remove that one "
            "`'` to get the original text (the platform's importer does). Number, amount, date "
            "and boolean cells never get it.",
            "",
            "Vzorce: textová buňka, která začíná znakem `=`, `+`, `-`, `@`, tabulátorem nebo "
            "návratem vozíku (i po několika `'`), je zapsána s jedním `'` navíc na začátku, aby "
            "ji tabulkový procesor zobrazil jako text a nespustil jako vzorec; původní text "
            "získáte odebráním tohoto jednoho `'` (importér platformy to dělá sám). Buňky "
            "s čísly, částkami, daty a pravdivostními hodnotami jej nedostávají."]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
