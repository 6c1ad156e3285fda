"""Text analysis and query layer of the search engine, shared by the SQLite FTS5 and
PostgreSQL backends.  See README.md for the design and the measurements."""
from .analysis import analyse, analyse_query_word, analysed_spans, detect_language
from .concepts import concepts_for_query
from .highlight import highlight, snippet
from .negation import contradicts
from .query import (
    And,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Term,
    or_fallback,
    parse_query,
    positive_terms,
    to_fts5,
    to_fts5_exclusion,
    to_tsquery,
)
from .suggest import did_you_mean, suggest_query
from .synonyms import expand

__all__ = [
    "And", "Not", "Or", "ParsedQuery", "Phrase", "Term", "analyse", "analyse_query_word",
    "analysed_spans", "concepts_for_query", "contradicts", "detect_language", "did_you_mean",
    "expand", "highlight", "or_fallback", "parse_query", "positive_terms", "snippet",
    "suggest_query", "to_fts5", "to_fts5_exclusion", "to_tsquery",
]
