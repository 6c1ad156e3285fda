"""The query AST: leaves are analysed index terms, so backends only render it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """An analysed index term; ``prefix`` matches every term starting with it."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Analysed terms that must appear next to each other in this order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    """Excludes documents matching ``node``; only meaningful beside a positive part."""

    node: Node


@dataclass(frozen=True)
class And:
    """All of ``nodes``."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Any of ``nodes``."""

    nodes: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or
