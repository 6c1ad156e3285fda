"""Parser for the single search box and its translation to FTS5 and PostgreSQL tsquery.

Syntax: words combine with AND; "quoted phrases"; OR or | between operands; a leading
minus excludes (-Praha, -"dočasná ochrana"); NOT before an operand does the same; a
trailing * makes a prefix (integr*); parentheses group.  Nothing raises: stray quotes,
brackets and operators are ignored, and anything else (FTS5 or SQL syntax) is split into
plain words.  Leaves of the AST are analysed terms; each query word becomes the Or of
its alternatives (both languages when the query language is unknown, plus synonyms), and
a run of words or a phrase naming a glossary term also searches for its equivalents.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import glossary
from .analysis import LANGUAGES, czech_term, term_for
from .backends import to_fts5, to_fts5_exclusion, to_tsquery
from .query_ast import And, Node, Not, Or, Phrase, Term
from .synonyms import expand, synonym_sequences
from .text import fold, words

MAX_QUERY_CHARS = 500
MAX_WORDS = 32  # keeps the generated MATCH expression small whatever is pasted in
MAX_DEPTH = 8
MIN_PREFIX = 2

__all__ = [
    "And", "Node", "Not", "Or", "ParsedQuery", "Phrase", "Term", "or_fallback", "parse_query",
    "positive_terms", "to_fts5", "to_fts5_exclusion", "to_tsquery",
]


@dataclass
class ParsedQuery:
    """The AST (None when nothing searchable is left) and the raw positive words."""

    ast: Node | None
    words: list[str] = field(default_factory=list)
    excluded_words: list[str] = field(default_factory=list)
    # Glossary equivalents the positive part also searched for, as people write them.
    also_searched: list[str] = field(default_factory=list)

    @property
    def highlight_terms(self) -> set[str]:
        """Analysed terms of the positive part; prefix terms end with "*"."""
        return set() if self.ast is None else positive_terms(self.ast)


def _lex(text: str) -> list[tuple[str, str]]:
    """Tokens as (kind, value): WORD, PHRASE, LP, RP, OR, AND, NOT."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:  # unbalanced: drop the quote, keep the words
                i += 1
                continue
            out.append(("PHRASE", text[i + 1:end]))
            i = end + 1
        elif ch in "()":
            out.append(("LP" if ch == "(" else "RP", ch))
            i += 1
        elif ch == "|":
            out.append(("OR", ch))
            i += 1
        elif ch == "-" and i + 1 < n and (text[i + 1] in '"(' or text[i + 1].isalnum()):
            out.append(("NOT", ch))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in '"()|':
                i += 1
            raw = text[start:i]
            kind = raw if raw in ("OR", "AND", "NOT") else "WORD"
            out.append((kind, raw))
    return out


def _flat(kind: type[And] | type[Or], nodes: Iterable[Node | None]) -> Node | None:
    unique: list[Node] = []
    for node in nodes:
        for child in node.nodes if isinstance(node, kind) else (node,):
            if child is not None and child not in unique:
                unique.append(child)
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else kind(tuple(unique))


def _either(nodes: Iterable[Node | None]) -> Node | None:
    return _flat(Or, nodes)


def _all(nodes: Iterable[Node | None]) -> Node | None:
    return _flat(And, nodes)


def _sequence_node(sequence: tuple[str, ...]) -> Node:
    return Term(sequence[0]) if len(sequence) == 1 else Phrase(sequence)


def word_node(word: str, prefix: bool = False, language: str | None = None) -> Node | None:
    """The analysed alternatives of one query word (one run of letters and digits)."""
    if prefix and len(word) >= MIN_PREFIX:
        folded = fold(word)
        alternatives = [Term(folded, prefix=True)]
        if language != "en":
            # Index terms are stems: "integrace*" must also reach the stem "integrak".
            alternatives.append(Term(czech_term(folded), prefix=True))
        return _either(alternatives)
    return _either([_sequence_node(seq) for seq in expand(word, language)])


def phrase_node(text: str, language: str | None = None) -> Node | None:
    """A quoted phrase: the analysed sequence per language, plus synonyms of the whole."""
    pieces = words(text)
    if len(pieces) == 1:
        return word_node(pieces[0], language=language)
    sequences: list[tuple[str, ...]] = []
    for lang in (language,) if language in LANGUAGES else LANGUAGES:
        sequence = tuple(t for t in (term_for(piece, lang) for piece in pieces) if t)
        if sequence and sequence not in sequences:
            sequences.append(sequence)
    for sequence in list(sequences):
        sequences.extend(s for s in synonym_sequences(sequence) if s not in sequences)
    return _either([_sequence_node(seq) for seq in sequences])


def _negative_only(node: Node) -> bool:
    return isinstance(node, Not) or (
        isinstance(node, And) and all(isinstance(child, Not) for child in node.nodes))


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], language: str | None):
        self.tokens, self.pos, self.language = tokens, 0, language
        self.words: list[str] = []
        self.excluded: list[str] = []
        self.also_searched: list[str] = []
        self.negated = 0
        self.budget = MAX_WORDS

    def peek(self) -> str:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else "EOF"

    def parse(self) -> Node | None:
        nodes = []
        while self.peek() != "EOF":
            node = self.parse_or(0)
            if node is not None:
                nodes.append(node)
            if self.peek() in ("RP", "OR"):  # stray ")" or an OR with nothing before it
                self.pos += 1
        return _all(nodes)

    def parse_or(self, depth: int) -> Node | None:
        operands = [self.parse_and(depth)]
        while self.peek() == "OR":
            self.pos += 1
            operands.append(self.parse_and(depth))
        # "a OR -b" has no meaning FTS5 can express; the negated operand is dropped.
        kept = [node for node in operands if node is not None and not _negative_only(node)]
        if len(operands) == 1:
            return operands[0]
        return _either(kept)

    def parse_and(self, depth: int) -> Node | None:
        nodes: list[Node | None] = []
        run: list[str] = []  # plain words in a row, which may name a glossary term together
        while self.peek() not in ("OR", "RP", "EOF"):
            kind, value = self.tokens[self.pos]
            if kind == "WORD" and not value.endswith("*"):
                self.pos += 1
                run += self.take(words(value))
                continue
            nodes += self.plain_words(run)
            run = []
            if kind == "AND":
                self.pos += 1
                continue
            nodes.append(self.parse_unary(depth))
        return _all(nodes + self.plain_words(run))

    def plain_words(self, pieces: list[str]) -> list[Node | None]:
        """Nodes of consecutive plain words; a run naming a glossary term becomes
        "these words, or the term's equivalents"."""
        nodes: list[Node | None] = []
        position = 0
        for start, end, equivalents in glossary.runs(pieces, self.language):
            nodes += [word_node(piece, language=self.language)
                      for piece in pieces[position:start]]
            own = _all(word_node(piece, language=self.language) for piece in pieces[start:end])
            nodes.append(self.with_equivalents(own, equivalents))
            position = end
        return nodes + [word_node(piece, language=self.language) for piece in pieces[position:]]

    def with_equivalents(self, node: Node | None,
                         equivalents: list[glossary.Equivalent]) -> Node | None:
        if not self.negated:
            self.also_searched += [equivalent.text for equivalent in equivalents
                                   if equivalent.text not in self.also_searched]
        return _either([node, *(_sequence_node(equivalent.terms) for equivalent in equivalents)])

    def parse_unary(self, depth: int) -> Node | None:
        if self.peek() != "NOT":
            return self.parse_primary(depth)
        self.pos += 1
        if self.peek() in ("OR", "RP", "EOF", "AND"):
            return None
        self.negated += 1
        node = self.parse_unary(depth)
        self.negated -= 1
        if node is None:
            return None
        return node.node if isinstance(node, Not) else Not(node)

    def parse_primary(self, depth: int) -> Node | None:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == "LP":
            if depth >= MAX_DEPTH:
                return None
            node = self.parse_or(depth + 1)
            if self.peek() == "RP":
                self.pos += 1
            return node
        if kind == "PHRASE":
            return self.leaf(words(value), value, phrase=True)
        if kind == "WORD":
            return self.leaf(words(value), value, phrase=False)
        return None

    def take(self, pieces: list[str]) -> list[str]:
        """The words of one token that fit the budget, noted as searched or excluded."""
        pieces = pieces[: self.budget]
        self.budget -= len(pieces)
        (self.excluded if self.negated else self.words).extend(pieces)
        return pieces

    def leaf(self, pieces: list[str], raw: str, phrase: bool) -> Node | None:
        pieces = self.take(pieces)
        if not pieces:
            return None
        if phrase:
            node = phrase_node(" ".join(pieces), self.language)
            return self.with_equivalents(node, glossary.equivalents(pieces, self.language))
        prefix = raw.rstrip().endswith("*")
        nodes = [word_node(piece, prefix and i == len(pieces) - 1, self.language)
                 for i, piece in enumerate(pieces)]
        return _all(nodes)


def parse_query(text: str, language: str | None = None) -> ParsedQuery:
    """Parse a search-box query; never raises.  ``language`` None searches both languages."""
    parser = _Parser(_lex(text[:MAX_QUERY_CHARS]), language)
    return ParsedQuery(parser.parse(), parser.words, parser.excluded, parser.also_searched)


def positive_terms(node: Node) -> set[str]:
    """Analysed terms outside any Not; prefix terms carry a trailing "*"."""
    if isinstance(node, Term):
        return {node.text + "*" if node.prefix else node.text}
    if isinstance(node, Phrase):
        return set(node.words)
    if isinstance(node, Not):
        return set()
    return set().union(*(positive_terms(child) for child in node.nodes))


def or_fallback(ast: Node | None) -> Node | None:
    """The top-level AND turned into OR (exclusions still apply), for when AND finds nothing."""
    if not isinstance(ast, And):
        return ast
    positive = [node for node in ast.nodes if not isinstance(node, Not)]
    negative = [node for node in ast.nodes if isinstance(node, Not)]
    if len(positive) < 2:
        return ast
    either = Or(tuple(positive))
    return And((either, *negative)) if negative else either
