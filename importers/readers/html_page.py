"""HTML reader: the page's main content as blocks of text, without site boilerplate."""
from __future__ import annotations

import codecs
import re
import warnings

from bs4 import BeautifulSoup, Comment, Tag, XMLParsedAsHTMLWarning
from bs4.element import CData, Declaration, Doctype, PageElement, ProcessingInstruction

from importers.document import Document, ReadError
from importers.readers.boilerplate import remove_boilerplate
from importers.readers.fields import dedupe_pairs, label_fields, normalise_text
from importers.readers.plain import decode_or_fail
from importers.readers.sniff import MEDIA_TYPES

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# An internal DTD subset (where entity bombs live) and XML declarations are not HTML;
# lxml leaves them unexpanded, but the subset's tail would leak into the text.
_PROLOGUE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE[^\[>]*\[.*?\]\s*>)?", re.I | re.S)
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_TITLE_SEPARATORS = (" | ", " :: ", " · ", " — ", " – ", " - ")

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = ["ul", "ol", "menu"]
_BLOCKS = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dt", "fieldset", "figcaption", "figure", "hgroup", "hr", "html",
    "legend", "li", "main", "p", "pre", "section", "summary", "td", "th", "tr",
}  # fmt: skip
_SKIPPED_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
# libxml2 stops nesting at 256 levels; below this we stop structuring and flatten.
_MAX_DEPTH = 200


def declared_charset(data: bytes) -> str | None:
    """The charset named by a <meta> tag or an XML declaration, if Python knows it."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read_html(source: str, data: bytes) -> Document:
    """One Document for an HTML page: main content text, fields, and a title hint."""
    markup = _PROLOGUE.sub("", decode_or_fail(source, data, declared_charset(data)), count=1)
    # lxml's HTML parser never expands entity declarations, unlike an XML parser.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    url_hint = _canonical_url(soup)
    site_name = _site_name(soup, page_title)
    remove_boilerplate(soup)
    root = _content_root(soup)
    renderer = _Renderer()
    if root is not None:
        renderer.walk(root, 0)
        renderer.flush()
    text = normalise_text("\n\n".join(renderer.blocks))
    if not text.strip():
        raise ReadError(source, "HTML page has no body text")
    return Document(
        source=source,
        media_type=MEDIA_TYPES["html"],
        text=text,
        raw=data,
        fields=dedupe_pairs(label_fields(text) + renderer.fields),
        title_hint=_title_hint(soup, root, page_title),
        url_hint=url_hint,
        site_name=site_name,
    )


def _content_root(soup: BeautifulSoup) -> Tag | None:
    main: Tag | None = None
    articles: list[Tag] = []
    # One pass over the tree instead of several find() calls: big pages stay fast.
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        if node.name == "main" or node.get("role") == "main":
            main = node
            break
        if node.name == "article" and node.find_parent("article") is None:
            articles.append(node)
    if main is not None:
        return main
    if len(articles) == 1:
        return articles[0]
    return soup.body or soup


def _canonical_url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical", href=True)
    if link is not None:
        return _attribute(link, "href")
    meta = soup.find("meta", property="og:url", content=True)
    return _attribute(meta, "content") if meta is not None else None


def _attribute(tag: Tag, name: str) -> str | None:
    """A single-valued attribute, stripped; None when empty (or split into a list)."""
    value = tag.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _first_h1(scope: Tag) -> str | None:
    for node in scope.descendants:
        if isinstance(node, Tag) and node.name == "h1":
            text = inline_text(node)
            if text:
                return text
    return None


def _title_hint(soup: BeautifulSoup, root: Tag | None, page_title: str) -> str | None:
    for scope in (root, soup):
        heading = _first_h1(scope) if scope is not None else None
        if heading:
            return heading
    return strip_site_name(page_title) or None


def _site_name(soup: BeautifulSoup, page_title: str) -> str | None:
    """The publishing site's name: og:site_name, else the page title's " | Site" suffix."""
    meta = soup.find("meta", attrs={"property": "og:site_name"})
    named = _attribute(meta, "content") if isinstance(meta, Tag) else None
    if named:
        return _SPACES.sub(" ", named).strip() or None
    title = _SPACES.sub(" ", page_title).strip()
    for separator in _TITLE_SEPARATORS:
        if separator in title:
            return title.rsplit(separator, 1)[1].strip() or None
    return None


def strip_site_name(title: str) -> str:
    """The page title without a " | Site name" style suffix."""
    title = _SPACES.sub(" ", title).strip()
    for separator in _TITLE_SEPARATORS:
        if separator in title:
            head = title.rsplit(separator, 1)[0].strip()
            if head:
                return head
    return title


def inline_text(tag: Tag, skip: frozenset[str] = frozenset(),
                skip_nodes: frozenset[int] = frozenset()) -> str:
    """The tag's text on one line, leaving out descendants named in ``skip`` and those
    whose id() is in ``skip_nodes``."""
    parts: list[str] = []
    stack: list[PageElement] = [tag]
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node is not tag and (node.name in skip or id(node) in skip_nodes):
                continue
            if node.name == "br":
                parts.append(" ")
            stack.extend(reversed(list(node.children)))
        elif not isinstance(node, _SKIPPED_STRINGS):
            parts.append(str(node))
    return _SPACES.sub(" ", "".join(parts)).strip()


def _entries(dl: Tag) -> list[Tag]:
    """The dt and dd elements of ``dl`` in document order, not those of lists nested in it.

    One walk of the list: asking each entry for its nearest <dl> took quadratic time when
    unclosed entries nest thousands deep."""
    found: list[Tag] = []
    stack = [child for child in reversed(dl.contents) if isinstance(child, Tag)]
    while stack:
        node = stack.pop()
        if node.name == "dl":
            continue
        if node.name in ("dt", "dd"):
            found.append(node)
        stack.extend(child for child in reversed(node.contents) if isinstance(child, Tag))
    return found


def _lead_label(block: Tag) -> Tag | None:
    """A short <strong>/<b> (or an element of class "label") opening a block and followed by
    more text, without a colon of its own: "label value" cards that the text would glue."""
    children = [c for c in block.children if isinstance(c, Tag) or str(c).strip()]
    first = children[0] if children else None
    if len(children) < 2 or not isinstance(first, Tag) or not (
            first.name in ("strong", "b") or "label" in " ".join(first.get_attribute_list(
                "class") or []).lower()):
        return None
    label = inline_text(first)
    rest = "".join(c.get_text() if isinstance(c, Tag) else str(c) for c in children[1:]).strip()
    if not label or not rest or len(label.split()) > 6 or label[-1] in ":.!?;,–-" or rest[0] in ":":
        return None
    return first


class _Renderer:
    """Walks the content tree, collecting text blocks and structured (label, value) pairs."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.fields: list[tuple[str, str]] = []
        self._inline: list[str] = []
        self._in_pre = False

    def flush(self) -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self._inline).split("\n")]
        self._inline = []
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append(block)

    def walk(self, node: Tag, depth: int) -> None:
        lead = _lead_label(node) if node.name in _BLOCKS else None
        for child in node.children:
            if child is lead:
                # "<p><strong>Název projektu</strong>Vítejte</p>": a label and its value.
                self._inline.append(inline_text(lead) + ": ")
            elif isinstance(child, Tag):
                self._tag(child, depth + 1)
            elif not isinstance(child, _SKIPPED_STRINGS):
                # Source line breaks are just spaces, except inside <pre>.
                text = str(child)
                self._inline.append(text if self._in_pre else _SPACES.sub(" ", text))

    def _tag(self, tag: Tag, depth: int) -> None:
        name = tag.name
        if depth > _MAX_DEPTH:
            self._inline.append(" " + inline_text(tag) + " ")
        elif name == "br":
            self._inline.append("\n")
        elif name in _LISTS:
            self.flush()
            self._add_block(self._list_lines(tag, 0))
        elif name == "dl":
            self.flush()
            self._add_block(self._definition_lines(tag))
        elif name == "table":
            self.flush()
            self._add_block(self._table_lines(tag))
        elif name == "pre":
            self.flush()
            self._in_pre = True
            self.walk(tag, depth)
            self._in_pre = False
            self.flush()
        elif name in _HEADINGS or name in _BLOCKS:
            self.flush()
            self.walk(tag, depth)
            self.flush()
        else:
            self.walk(tag, depth)

    def _add_block(self, lines: list[str]) -> None:
        if lines:
            self.blocks.append("\n".join(lines))

    def _list_lines(self, listing: Tag, level: int) -> list[str]:
        lines: list[str] = []
        for item in listing.find_all("li"):
            if item.find_parent(_LISTS) is not listing:
                continue
            text = inline_text(item, skip=frozenset(_LISTS))
            if text:
                lines.append("  " * level + "- " + text)
            if level < 8:
                for nested in item.find_all(_LISTS):
                    if nested.find_parent("li") is item:
                        lines.extend(self._list_lines(nested, level + 1))
        return lines

    def _definition_lines(self, dl: Tag) -> list[str]:
        lines: list[str] = []
        term: str | None = None
        values: list[str] = []

        def close() -> None:
            if term and values:
                value = "; ".join(values)
                lines.append(f"{term}: {value}")
                self.fields.append((term, value))
            elif term:
                lines.append(term)

        entries = _entries(dl)
        # Entries whose end tags are left out (as HTML allows) nest inside each other: each
        # one's text leaves the others out, or n values came out n times over, n² long.
        others = frozenset(id(node) for node in entries)
        for node in entries:
            text = inline_text(node, skip_nodes=others)
            if node.name == "dt":
                close()
                term, values = text.rstrip(":").strip(), []
            elif text:
                values.append(text)
        close()
        return lines

    def _table_lines(self, table: Tag) -> list[str]:
        lines: list[str] = []
        for row in table.find_all("tr"):
            if row.find_parent("table") is not table:
                continue
            tags = row.find_all(["th", "td"], recursive=False)
            pairs = [(tag.name, inline_text(tag)) for tag in tags]
            pairs = [(name, text) for name, text in pairs if text]
            cells = [text for _, text in pairs]
            # A row of two header cells is a column heading, not a label and its value.
            if len(cells) == 2 and pairs[1][0] != "th":
                label = cells[0].rstrip(":").strip()
                lines.append(f"{label}: {cells[1]}")
                self.fields.append((label, cells[1]))
            elif cells:
                lines.append(" | ".join(cells))
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            text = inline_text(caption)
            if text:
                lines.insert(0, text)
        return lines
