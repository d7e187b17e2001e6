"""search stage: diacritic- and case-insensitive full-text search over stored documents."""
from bluebook.search.fold import fold, fold_with_map, index_text
from bluebook.search.query import ParsedQuery, parse_query, search
from bluebook.search.snippets import SearchHit, make_snippet

__all__ = ["ParsedQuery", "SearchHit", "fold", "fold_with_map", "index_text", "make_snippet", "parse_query",
           "search"]
