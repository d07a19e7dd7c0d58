"""Import a meeting record from a published article: parse (no database), then map to units and persons."""

from sausat.textkit.articles.parser import parse_article
from sausat.textkit.articles.record import KINDS, ArticleRecord, Count, NamedPerson

__all__ = ["KINDS", "ArticleRecord", "Count", "NamedPerson", "parse_article"]
